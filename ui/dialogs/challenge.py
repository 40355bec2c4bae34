"""Choosing the five actions for the 5-for-5 Connection Challenge."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QDialog, QGridLayout, QLineEdit, QVBoxLayout, QWidget

from companion import challenge, i18n
from companion.errors import CompanionError
from companion.i18n import _
from companion.store import Store
from ui.widgets.common import SPACING, FlowLayout, button, combo_box, label

STARTING_IDEAS = (0, 3, 6, 1, 4)  # gratitude, support, ask, gratitude, support


class ChallengeDialog(QDialog):
    def __init__(self, store: Store, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today
        self.started: challenge.Challenge | None = None
        self.setWindowTitle(_("The 5-for-5 Connection Challenge"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(3 * SPACING, 3 * SPACING, 3 * SPACING, 3 * SPACING)
        layout.setSpacing(2 * SPACING)
        layout.addWidget(label(_("The 5-for-5 Connection Challenge"), "heading"))
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
            caption = label(i18n.format_date(day, "EEEE d MMMM"), "subheading")
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
        layout.addWidget(
            label(_("From: {source}").format(source=_(challenge.SOURCE_NAME)), "muted")
        )
        self.error = label("", "error")
        self.error.hide()
        layout.addWidget(self.error)
        row_buttons = FlowLayout()
        self.start_button = button(_("Start today"), "primary")
        self.start_button.clicked.connect(self.start)
        self.cancel_button = button(_("Not now"))
        self.cancel_button.clicked.connect(self.reject)
        row_buttons.addWidget(self.start_button)
        row_buttons.addWidget(self.cancel_button)
        layout.addLayout(row_buttons)
        self.resize(820, 760)

    def start(self) -> None:
        actions = [
            (str(kind.currentData()), text.text())
            for kind, text in zip(self.kinds, self.texts, strict=True)
        ]
        try:
            self.started = challenge.start(self.store, self.today, actions)
        except CompanionError as error:
            self.error.setText(error.message)
            self.error.show()
            return
        self.accept()
