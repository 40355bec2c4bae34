"""The loneliness self-check: three questions and one optional, one screen, no rush."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QButtonGroup, QDialog, QRadioButton, QScrollArea, QVBoxLayout, QWidget

from companion import wellbeing
from companion.i18n import _
from ui.ops import Change, Operations
from ui.widgets.common import SPACING, Card, FlowLayout, button, label


class SelfCheckDialog(QDialog):
    def __init__(self, ops: Operations, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.store = ops.store
        self.now = now
        self.saved: wellbeing.Check | None = None
        self.setWindowTitle(_("How have you been feeling?"))
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setSpacing(2 * SPACING)
        scroll.setWidget(inner)
        outer.addWidget(scroll)
        layout.addWidget(label(_("How have you been feeling?"), "heading"))
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
        self.error = label("", "error")
        self.error.hide()
        layout.addWidget(self.error)
        row = FlowLayout()
        self.save_button = button(_("Save my answers"), "primary")
        self.save_button.clicked.connect(self.save)
        self.cancel_button = button(_("Not now"))
        self.cancel_button.clicked.connect(self.reject)
        row.addWidget(self.save_button)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        self.resize(720, 760)

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
        layout.addWidget(card)
        return group

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

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
