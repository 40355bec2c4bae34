"""Setting the weekly energy budget, with the one plain sentence on what it means."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QSpinBox, QWidget

from companion import planner
from companion.i18n import _
from ui import actions_energy as act
from ui.dialogs.shell import DialogShell
from ui.widgets.common import label, whole_number_field

if TYPE_CHECKING:
    from ui.session import UiSession


class BudgetDialog(DialogShell):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(_("Your weekly energy"), parent)
        self.session = session
        self.before = planner.budget(session.store)
        self.body.addWidget(
            label(
                _(
                    "How much social time suits you in a week? Choose a number that feels "
                    "comfortable. You can change it at any time."
                )
            )
        )
        self.value = whole_number_field(QSpinBox())
        self.value.setRange(1, 50)
        self.value.setValue(self.before)
        self.value.setAccessibleName(_("Points of social energy a week"))
        prompt = label(_("Points of social energy a week:"))
        prompt.setBuddy(self.value)
        self.body.addWidget(prompt)
        number_row = QHBoxLayout()  # a number of two digits, not a field across the dialog
        number_row.addWidget(self.value)
        number_row.addStretch(1)
        self.body.addLayout(number_row)
        self.meaning = label("")
        self.body.addWidget(self.meaning)
        self.value.valueChanged.connect(lambda _v: self._explain())
        self._explain()
        self.add_button(_("Save"), self.save, "primary", default=True)
        self.add_button(_("Cancel"), self.reject)
        self.first_field = self.value

    def _explain(self) -> None:
        text = planner.describe_budget(self.value.value())
        self.meaning.setText(text)
        self.meaning.setAccessibleName(text)

    def is_dirty(self) -> bool:
        return self.value.value() != self.before

    def save(self) -> None:
        if self.value.value() == self.before:
            self.accept()
            return
        if act.set_budget(self.session, self, self.value.value()) is not None:
            self.accept()
