"""I'm unwell or away: no suggestions or questions from the planner until a day of your choosing."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget

from companion.errors import CompanionError
from companion.i18n import _
from ui import actions_energy as act
from ui.dialogs.shell import DialogShell
from ui.widgets.common import label
from ui.widgets.date_field import DateField

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
        self.until = DateField(without_year="future")
        self.until.setAccessibleName(_("Pause until the end of"))
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
        value = self.until.checked_date().toPython()
        assert isinstance(value, date)
        return value

    def save(self) -> None:
        try:
            until = self.chosen()
        except CompanionError as error:
            self.show_error(error.message)
            return
        if act.pause(self.session, self, until) is not None:
            self.accept()
