"""One person: details to add or change, and (for someone already here) their page.

Their page shows how often to be in touch, the last contacts, gratitude and
give-and-take notes, and one large button for the common case: "I was in
touch just now".
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from companion import contacts, i18n
from companion.contacts import Person, Phone, Schedule
from companion.errors import CompanionError
from companion.i18n import _
from ui import actions
from ui.dialogs.shell import DialogShell
from ui.ops import Change, Changes

if TYPE_CHECKING:
    from ui.session import UiSession
from ui.widgets.common import (
    SPACING,
    Card,
    CheckBox,
    FlowLayout,
    button,
    clear_layout,
    combo_box,
    label,
    whole_number_field,
)
from ui.widgets.date_field import DateField


class PersonForm(QWidget):
    """The fields of a person. ``person()`` gives what was typed, not yet checked."""

    def __init__(
        self, region: str, existing: Person | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.region = region
        self.existing = existing
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)

        def field(title: str, widget: QWidget) -> None:
            caption = label(title)
            caption.setBuddy(widget)
            widget.setAccessibleName(title)
            layout.addWidget(caption)
            layout.addWidget(widget)

        self.name = QLineEdit()
        field(_("Name"), self.name)
        self.circle = combo_box()
        for code, title in contacts.CIRCLES.items():
            self.circle.addItem(_(title), code)
        field(_("Circle"), self.circle)

        self.has_schedule = CheckBox(_("Remind me to keep in touch"))
        self.has_schedule.setAccessibleName(_("Remind me to keep in touch"))
        layout.addWidget(self.has_schedule)
        row = QHBoxLayout()
        self.every_label = label(_("Every"))
        self.every_count = QSpinBox()
        whole_number_field(self.every_count)  # "2" in Arabic too, as babel writes numbers
        self.every_count.setRange(1, 999)
        self.every_count.setAccessibleName(_("How many"))
        self.every_unit = combo_box()
        self.every_unit.addItem(_("days"), "days")
        self.every_unit.addItem(_("weeks"), "weeks")
        self.every_unit.addItem(_("months"), "months")
        self.every_unit.setAccessibleName(_("Days, weeks or months"))
        row.addWidget(self.every_label)
        row.addWidget(self.every_count)
        row.addWidget(self.every_unit, 1)
        layout.addLayout(row)
        self.has_schedule.toggled.connect(self._schedule_toggled)

        self.phone = QLineEdit()
        field(_("Phone number"), self.phone)
        self.email = QLineEdit()
        field(_("Email"), self.email)
        self.address = QLineEdit()
        field(_("Address"), self.address)
        self.has_birthday = CheckBox(_("I know their birthday"))
        self.has_birthday.setAccessibleName(_("I know their birthday"))
        layout.addWidget(self.has_birthday)
        self.birthday = DateField()
        self.birthday.region = region
        self.birthday.setAccessibleName(_("Birthday"))
        layout.addWidget(self.birthday)
        self.no_year = CheckBox(_("I don't know the year"))
        self.no_year.setAccessibleName(_("I don't know the year"))
        layout.addWidget(self.no_year)
        self.no_year.toggled.connect(self._year_toggled)
        self.has_birthday.toggled.connect(self._birthday_toggled)
        self.why = QLineEdit()
        field(_("Why they matter to you (in your own words)"), self.why)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(100)
        field(_("Notes"), self.notes)

        person = existing or Person(0, "", schedule=Schedule(2, "weeks"))
        self.name.setText(person.name)
        self.circle.setCurrentIndex(max(self.circle.findData(person.circle), 0))
        self.has_schedule.setChecked(person.schedule is not None)
        schedule = person.schedule or Schedule(2, "weeks")
        self.every_count.setValue(schedule.count)
        self.every_unit.setCurrentIndex(max(self.every_unit.findData(schedule.unit), 0))
        self.phone.setText(
            ", ".join(contacts.format_phone(p.number, region) for p in person.phones)
        )
        self.email.setText(person.email)
        self.address.setText(person.address)
        self.has_birthday.setChecked(bool(person.birthday))
        if person.birthday:
            text = person.birthday
            year = 2000 if text.startswith("--") else int(text[:4])
            md = text[2:] if text.startswith("--") else text[5:]
            self.birthday.setDate(QDate(year, int(md[:2]), int(md[3:])))
        else:
            self.birthday.clear()  # typed or chosen by the person, never a made-up day
        self.no_year.setChecked(bool(person.birthday and person.birthday.startswith("--")))
        self._birthday_toggled(bool(person.birthday))
        self.why.setText(person.why)
        self.notes.setPlainText(person.notes)
        self._schedule_toggled(self.has_schedule.isChecked())

    def _birthday_toggled(self, on: bool) -> None:
        self.birthday.setEnabled(on)
        self.no_year.setEnabled(on)

    def _year_toggled(self, unknown: bool) -> None:
        # Without a year, show only day and month; 2000 keeps 29 February possible.
        self.birthday.set_year_needed(not unknown)
        if unknown and not self.birthday.empty:
            chosen = self.birthday.date()
            self.birthday.setDate(QDate(2000, chosen.month(), chosen.day()))
            self.birthday.set_year_needed(False)

    def _schedule_toggled(self, on: bool) -> None:
        for widget in (self.every_label, self.every_count, self.every_unit):
            widget.setEnabled(on)

    def person(self) -> Person:
        base = self.existing or Person(0, "")
        phones = tuple(
            Phone(contacts.parse_phone(part, self.region))
            for part in self.phone.text().replace(";", ",").split(",")
            if part.strip()
        )
        birthday = None
        if self.has_birthday.isChecked():
            if not self.birthday.valid:
                raise CompanionError(self.birthday.problem.text())
            if self.birthday.empty:
                raise CompanionError(
                    _("Please type the birthday, or untick “I know their birthday”.")
                )
            chosen = self.birthday.date().toPython()
            assert isinstance(chosen, date)
            birthday = (
                chosen.strftime("--%m-%d") if self.no_year.isChecked() else chosen.isoformat()
            )
        return replace(
            base,
            name=self.name.text(),
            circle=str(self.circle.currentData()),
            schedule=Schedule(self.every_count.value(), str(self.every_unit.currentData()))
            if self.has_schedule.isChecked()
            else None,
            phones=phones,
            email=self.email.text(),
            address=self.address.text(),
            birthday=birthday,
            why=self.why.text(),
            notes=self.notes.toPlainText(),
        )


class PersonDialog(DialogShell):
    """Add someone (``existing`` is None) or see and change someone already here.

    A person's page is a view of the data like any page: it redraws when an
    operation changes people or contacts, wherever that came from.
    """

    def __init__(
        self,
        session: UiSession,
        region: str,
        existing: Person | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(existing.name if existing else _("Add someone"), parent)
        self.session = session
        self.store = session.store
        self.now = session.now
        self.region = region
        self.person: Person | None = existing
        self.deleted = False
        self.column = self.body

        if existing is not None:
            self.status = label("", "subheading")
            self.column.addWidget(self.status)
            quick = FlowLayout()
            self.just_now = button(_("I was in touch just now"), "primary")
            self.just_now.clicked.connect(self.log_just_now)
            self.log_more = button(_("Tell Companion more about it…"))
            self.log_more.clicked.connect(self.log_with_details)
            quick.addWidget(self.just_now)
            quick.addWidget(self.log_more)
            self.column.addLayout(quick)
            self.history = Card()
            self.history_title = label(_("Recent contact"), "subheading")
            self.history.body.addWidget(self.history_title)
            self.history_list = QVBoxLayout()
            self.history.body.addLayout(self.history_list)
            self.column.addWidget(self.history)

            self.notes_card = Card()
            self.notes_card.body.addWidget(label(_("Gratitude and give-and-take"), "subheading"))
            self.note_kind = combo_box()
            for code, title in contacts.NOTE_KINDS.items():
                self.note_kind.addItem(_(title), code)
            self.note_kind.setAccessibleName(_("Kind of note"))
            self.note_text = QLineEdit()
            self.note_text.setAccessibleName(_("Your note"))
            self.note_text.setPlaceholderText(_("For example: she always remembers my birthday"))
            self.note_add = button(_("Add note"))
            self.note_add.clicked.connect(self.add_note)
            self.notes_card.body.addWidget(self.note_kind)
            self.notes_card.body.addWidget(self.note_text)
            self.notes_card.body.addWidget(self.note_add)
            self.notes_list = QVBoxLayout()
            self.notes_card.body.addLayout(self.notes_list)
            self.column.addWidget(self.notes_card)
            self.column.addWidget(label(_("Details"), "subheading"))

        self.form = PersonForm(region, existing)
        self.column.addWidget(self.form)
        self.save_button = self.add_button(
            _("Save") if existing else _("Add"), self.save, "primary", default=True
        )
        if existing is not None:
            self.remove_button = self.add_button(_("Remove from my list"), self.remove)
        self.close_button = self.add_button(_("Close") if existing else _("Cancel"), self.reject)
        self.first_field = self.form.name if existing is None else self.just_now
        self._typed_at_start = self._typed()
        session.ops.executed.connect(self._changes)
        # Closed, it listens no more: a closed "Add someone" has nothing to redraw.
        self._listening = True
        self.finished.connect(self._stop_listening)
        self.refresh()

    def _stop_listening(self, _result: int = 0) -> None:
        if self._listening:
            self._listening = False
            self.session.ops.executed.disconnect(self._changes)

    def _changes(self, changes: Changes) -> None:
        if not self._listening:
            return
        if changes.touches(Change.PEOPLE | Change.CONTACTS) and not self.deleted:
            self.refresh()

    def _typed(self) -> object:
        try:
            return self.form.person()
        except CompanionError:
            return None  # something half-typed that can't be read yet

    def is_dirty(self) -> bool:
        """The details changed, or a note typed and not yet added ("Your note" was lost on
        Escape without a question)."""
        note = getattr(self, "note_text", None)
        unsaved_note = note is not None and bool(note.text().strip())
        return unsaved_note or self._typed() != self._typed_at_start

    def refresh(self) -> None:
        if self.person is None:
            return
        try:
            self.person = contacts.get_person(self.store, self.person.id)
        except CompanionError:
            return  # removed meanwhile
        today = self.now().date()
        person = self.person
        if person.last_contact is None:
            status = _("You haven't noted any contact with {name} yet.").format(name=person.name)
        else:
            from ui.models.people import when_text

            status = _("Last in touch: {when}").format(
                when=when_text(person.last_contact.date(), today)
            )
        if person.next_due is not None:
            if person.next_due <= today:
                status += "\n" + _("It's a good time to get in touch.")
            else:
                status += "\n" + _("Next: {date}").format(
                    date=i18n.format_date(person.next_due, "long")
                )
        self.status.setText(status)
        clear_layout(self.history_list)
        recent = contacts.contacts_for(self.store, person.id, limit=10)
        if not recent:
            self.history_list.addWidget(label(_("Nothing noted yet."), "muted"))
        for contact in recent:
            text = "{when} · {kind}".format(
                when=_("{date} at {time}").format(  # no seconds, one style for dates
                    date=i18n.format_date(contact.at.date(), "long"),
                    time=i18n.format_time(contact.at),
                ),
                kind=_(contacts.KINDS[contact.kind]),
            )
            if contact.note:
                text += " · " + contact.note
            self.history_list.addWidget(label(text))
        clear_layout(self.notes_list)
        for note in contacts.notes_for(self.store, person.id):
            self.notes_list.addWidget(label(f"{_(contacts.NOTE_KINDS[note.kind])}: {note.text}"))

    def save(self) -> None:
        try:
            typed = self.form.person()
        except CompanionError as error:  # a number or a date that can't be read
            self.show_error(error.message)
            return
        if self.person is None:
            saved = actions.add_person(self.session, self, typed)
        else:
            saved = actions.change_person(self.session, self, typed)
        if saved is None:
            return
        self.person = saved
        self.accept()

    def log_just_now(self) -> None:
        assert self.person is not None
        actions.log_contact(self.session, self, self.person.id, source=self)

    def log_with_details(self) -> None:
        from ui.dialogs.log_contact import LogContactDialog

        assert self.person is not None
        LogContactDialog(self.session, self.person, self).exec()

    def add_note(self) -> None:
        assert self.person is not None
        if actions.add_note(
            self.session,
            self,
            self.person.id,
            str(self.note_kind.currentData()),
            self.note_text.text(),
        ):
            self.note_text.clear()
            self.clear_error()

    def remove(self) -> None:
        assert self.person is not None
        if actions.remove_person(self.session, self, self.person.id):
            self.deleted = True
            self.accept()
