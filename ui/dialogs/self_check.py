"""The loneliness self-check: three questions and one optional, one screen, no rush."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QRadioButton, QVBoxLayout, QWidget

from companion import wellbeing
from companion.i18n import _
from ui.dialogs.shell import DialogShell, choose_with_keys
from ui.ops import Change, Operations
from ui.widgets.common import Card, label


class SelfCheckDialog(DialogShell):
    def __init__(self, ops: Operations, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(_("How have you been feeling?"), parent)
        self.ops = ops
        self.store = ops.store
        self.now = now
        self.saved: wellbeing.Check | None = None
        layout = self.body
        layout.addWidget(
            label(
                _(
                    "Three short questions about the last few weeks. There are no right or "
                    "wrong answers, and only you will see them."
                )
            )
        )
        self.groups: dict[str, QButtonGroup] = {}
        for key, question in wellbeing.QUESTIONS:
            self.groups[key] = self._question(layout, _(question), wellbeing.ANSWERS)
        layout.addWidget(label(_("One more, if you like:"), "muted"))
        self.direct = self._question(layout, _(wellbeing.DIRECT_QUESTION), wellbeing.DIRECT_ANSWERS)
        self.save_button = self.add_button(_("Save my answers"), self.save, "primary", default=True)
        self.cancel_button = self.add_button(_("Not now"), self.reject)
        self.first_field = self.groups[wellbeing.QUESTIONS[0][0]].buttons()[0]

    def _question(self, layout: QVBoxLayout, text: str, answers: tuple) -> QButtonGroup:  # type: ignore[type-arg]
        card = Card()
        question = label(text, "subheading")
        card.body.addWidget(question)
        group = QButtonGroup(self)
        for value, answer in answers:
            radio = QRadioButton(_(answer))
            radio.setAccessibleName(_(answer))
            radio.setAccessibleDescription(text)
            radio.setProperty("value", value)
            group.addButton(radio)
            card.body.addWidget(radio)
        # An arrow key chooses, and Enter on an answer not yet chosen chooses it: Enter
        # pressed "Save my answers" with the question still blank.
        choose_with_keys(group)
        layout.addWidget(card)
        return group

    def is_dirty(self) -> bool:
        """Escape after answering asks first: the answers are not lost by a slip."""
        groups = [*self.groups.values(), self.direct]
        return self.saved is None and any(g.checkedButton() is not None for g in groups)

    def first_unanswered(self) -> QButtonGroup | None:
        return next((g for g in self.groups.values() if g.checkedButton() is None), None)

    @staticmethod
    def _value(group: QButtonGroup) -> object | None:
        chosen = group.checkedButton()
        return None if chosen is None else chosen.property("value")

    def save(self) -> None:
        values = [self._value(self.groups[key]) for key, _q in wellbeing.QUESTIONS]
        self.saved = self.ops.run(
            self,
            lambda store: wellbeing.record(
                store,
                self.now,
                *[int(v) if v is not None else 0 for v in values],  # type: ignore[call-overload]
                direct=self._value(self.direct),  # type: ignore[arg-type]
            ),
            Change.WELLBEING,
        )
        if self.saved is not None:
            self.accept()
            return
        blank = self.first_unanswered()
        if blank is not None:  # the keys go to the question still to answer
            blank.buttons()[0].setFocus(Qt.FocusReason.OtherFocusReason)
