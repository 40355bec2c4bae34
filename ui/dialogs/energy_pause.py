"""I'm unwell or away: no suggestions or questions from the planner until a day of your choosing."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget

from companion.i18n import _
from ui import actions_energy as act
from ui.dialogs.shell import DialogShell
from ui.widgets.common import label

if TYPE_CHECKING:
    from ui.session import UiSession


class PauseDialog(DialogShell):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(_("I'm unwell or away"), parent)
        self.session = session
        self.body.addWidget(
            label(
                _(
                    "Companion will not suggest anything or ask how things felt on this page "
                    "until the day you choose. Nothing is lost, and there is nothing to catch up on."
                )
            )
        )
        today = session.now().date()
        self.until = QDateEdit()
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("dddd d MMMM yyyy")
        self.until.setAccessibleName(_("Pause until the end of"))
        self.until.setMinimumDate(QDate(today.year, today.month, today.day))
        end = today + timedelta(days=7)
        self.until.setDate(QDate(end.year, end.month, end.day))
        prompt = label(_("Pause until the end of:"))
        prompt.setBuddy(self.until)
        self.body.addWidget(prompt)
        self.body.addWidget(self.until)
        self.add_button(_("Pause"), self.save, "primary", default=True)
        self.add_button(_("Cancel"), self.reject)
        self.first_field = self.until

    def chosen(self) -> date:
        value = self.until.date().toPython()
        assert isinstance(value, date)
        return value

    def save(self) -> None:
        if act.pause(self.session, self, self.chosen()) is not None:
            self.accept()
