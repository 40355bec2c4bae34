"""Logging a contact: how you were in touch, when, how it felt, a note."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from companion import contacts
from companion.contacts import Person
from companion.errors import CompanionError
from companion.i18n import N_, _
from ui import actions
from ui.dialogs.shell import DialogShell
from ui.widgets.common import SPACING, label
from ui.widgets.date_field import DateField
from ui.widgets.time_field import TimeField

if TYPE_CHECKING:
    from ui.session import UiSession

FEELINGS = (
    (1, N_("Hard")),
    (2, N_("A bit hard")),
    (3, N_("All right")),
    (4, N_("Good")),
    (5, N_("Lovely")),
)


def _choice_grid(parent: QWidget, columns: int = 2) -> QGridLayout:
    grid = QGridLayout()
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setHorizontalSpacing(3 * SPACING)
    grid.setVerticalSpacing(SPACING)
    return grid


class LogContactDialog(DialogShell):
    def __init__(self, session: UiSession, person: Person, parent: QWidget | None = None) -> None:
        super().__init__(_("You and {name}").format(name=person.name), parent)
        self.session = session
        self.person = person
        now = session.now()
        self.saved: contacts.Contact | None = None
        layout = self.body

        layout.addWidget(label(_("How were you in touch?"), "subheading"))
        self.kinds = QButtonGroup(self)
        grid = _choice_grid(self)
        for number, (code, name) in enumerate(contacts.KINDS.items()):
            radio = QRadioButton(_(name))
            radio.setAccessibleName(_(name))
            radio.setProperty("code", code)
            radio.setChecked(code == "call")
            self.kinds.addButton(radio)
            grid.addWidget(radio, number // 2, number % 2)
        layout.addLayout(grid)

        layout.addWidget(label(_("When?"), "subheading"))
        self.day = DateField(without_year="past")
        self.day.region = str(session.settings.get("country"))
        self.day.today = now.date()
        self.day.setDate(QDate(now.year, now.month, now.day))
        self.day.setAccessibleName(_("Day"))
        self.at = TimeField(QTime(now.hour, now.minute))
        self.at.setAccessibleName(_("Time"))
        layout.addWidget(self.day)
        layout.addWidget(self.at)

        layout.addWidget(label(_("How did it feel? (you can skip this)"), "subheading"))
        self.feelings = QButtonGroup(self)
        self.feelings.setExclusive(True)
        grid = _choice_grid(self)
        for number, (value, name) in enumerate(FEELINGS):
            radio = QRadioButton(_(name))
            radio.setAccessibleName(_(name))
            radio.setProperty("value", value)
            self.feelings.addButton(radio)
            grid.addWidget(radio, number // 2, number % 2)
        layout.addLayout(grid)

        self.note_label = label(_("A note, if you like"))
        self.note = QLineEdit()
        self.note.setAccessibleName(_("Note"))
        self.note_label.setBuddy(self.note)
        layout.addWidget(self.note_label)
        layout.addWidget(self.note)

        self.save_button = self.add_button(_("Save"), self.save, "primary", default=True)
        self.cancel_button = self.add_button(_("Cancel"), self.reject)
        self.first_field = self.kinds.checkedButton()
        self._chosen_at_start = self._chosen_now()

    def _chosen_now(self) -> tuple[object, ...]:
        return (
            self.kinds.checkedButton(),
            self.day.edit.text(),
            self.at.edit.text(),
            self.feelings.checkedButton(),
        )

    def is_dirty(self) -> bool:
        """A note typed, or anything chosen (a visit yesterday that felt lovely): Escape
        asks first, where it only asked about a note."""
        return bool(self.note.text().strip()) or self._chosen_now() != self._chosen_at_start

    def save(self) -> None:
        kind = self.kinds.checkedButton()
        feeling = self.feelings.checkedButton()
        if not self.day.valid:
            self.show_error(self.day.problem.text())
            return
        try:
            self.at.checked_time()
        except CompanionError as error:
            self.show_error(str(error))
            return
        day, clock = self.day.date().toPython(), self.at.time().toPython()
        assert isinstance(day, date) and isinstance(clock, time)
        at = datetime.combine(day, clock).astimezone()  # that day's offset, across clock changes
        if at > self.session.now() + timedelta(minutes=1):
            self.show_error(_("That time hasn't come yet. Please choose a moment that has passed."))
            return
        self.saved = actions.log_contact(
            self.session,
            self,
            self.person.id,
            str(kind.property("code")) if kind else "call",
            at,
            int(feeling.property("value")) if feeling else None,
            self.note.text(),
            source=self,
        )
        if self.saved is not None:
            self.accept()
