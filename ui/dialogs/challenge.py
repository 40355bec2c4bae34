"""Choosing the five actions for the 5-for-5 Connection Challenge."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QGridLayout, QLineEdit, QWidget

from companion import challenge, i18n
from companion.i18n import _
from companion.store import Store
from ui import actions
from ui.dialogs.shell import DialogShell
from ui.ops import Operations
from ui.widgets.common import SPACING, combo_box, label

STARTING_IDEAS = (0, 3, 6, 1, 4)  # gratitude, support, ask, gratitude, support


class ChallengeDialog(DialogShell):
    """Start writes through the operations (``ui.actions.start_challenge``), so Today and
    everything else showing the challenge hear of it. Given only a store (screenshots),
    it runs on an operations hub of its own that nobody listens to."""

    def __init__(self, ops: Operations | Store, today: date, parent: QWidget | None = None) -> None:
        super().__init__(_("The 5-for-5 Connection Challenge"), parent)
        self.ops = ops if isinstance(ops, Operations) else Operations(ops, self)
        self.store = self.ops.store
        self.today = today
        self.started: challenge.Challenge | None = None
        layout = self.body
        layout.addWidget(
            label(
                _(
                    "Pick five small actions for the next five days, one a day. Each one "
                    "thanks someone, offers support, or asks for help. Change any of them to "
                    "something that suits you."
                )
            )
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(2 * SPACING)
        grid.setVerticalSpacing(SPACING)
        self.kinds = []
        self.texts = []
        for row, idea_index in enumerate(STARTING_IDEAS):
            day = today + timedelta(days=row)
            caption = label(i18n.format_day(day), "subheading")
            kind_box = combo_box()
            for code, title in challenge.KINDS.items():
                kind_box.addItem(_(title), code)
            kind, idea = challenge.IDEAS[idea_index]
            kind_box.setCurrentIndex(kind_box.findData(kind))
            kind_box.setAccessibleName(_("Day {number}: kind of action").format(number=row + 1))
            text = QLineEdit(_(idea))
            text.setAccessibleName(_("Day {number}: what you will do").format(number=row + 1))
            grid.addWidget(caption, 2 * row, 0, 1, 2)
            grid.addWidget(kind_box, 2 * row + 1, 0)
            grid.addWidget(text, 2 * row + 1, 1)
            self.kinds.append(kind_box)
            self.texts.append(text)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        layout.addWidget(label(_(challenge.IDEAS_CREDIT), "muted"))
        self.start_button = self.add_button(_("Start today"), self.start, "primary", default=True)
        self.cancel_button = self.add_button(_("Not now"), self.reject)
        self.first_field = self.kinds[0]

    def start(self) -> None:
        chosen = [
            (str(kind.currentData()), text.text())
            for kind, text in zip(self.kinds, self.texts, strict=True)
        ]
        self.started = actions.start_challenge(self.ops, self, self.today, chosen)
        if self.started is not None:  # else the error line says why
            self.accept()
