"""Logging a contact: how you were in touch, when, how it felt, a note."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateTimeEdit,
    QDialog,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from companion import contacts
from companion.contacts import Person
from companion.errors import CompanionError
from companion.i18n import N_, _
from companion.store import Store
from ui.widgets.common import SPACING, FlowLayout, button, label

FEELINGS = (
    (1, N_("Hard")),
    (2, N_("A bit hard")),
    (3, N_("All right")),
    (4, N_("Good")),
    (5, N_("Lovely")),
)


class LogContactDialog(QDialog):
    def __init__(
        self, store: Store, person: Person, now: datetime, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.person = person
        self.now = now
        self.saved: contacts.Contact | None = None
        title = _("You and {name}").format(name=person.name)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(3 * SPACING, 3 * SPACING, 3 * SPACING, 3 * SPACING)
        layout.setSpacing(SPACING)
        layout.addWidget(label(title, "heading"))

        layout.addWidget(label(_("How were you in touch?"), "subheading"))
        self.kinds = QButtonGroup(self)
        row = FlowLayout()
        for code, name in contacts.KINDS.items():
            radio = QRadioButton(_(name))
            radio.setAccessibleName(_(name))
            radio.setProperty("code", code)
            radio.setChecked(code == "call")
            self.kinds.addButton(radio)
            row.addWidget(radio)
        layout.addLayout(row)

        layout.addWidget(label(_("When?"), "subheading"))
        self.when = QDateTimeEdit(QDateTime(now.date(), now.time()))
        self.when.setCalendarPopup(True)
        locale = QLocale()
        self.when.setDisplayFormat(
            locale.dateFormat(QLocale.FormatType.LongFormat)
            + " "
            + locale.timeFormat(QLocale.FormatType.ShortFormat)
        )
        self.when.setAccessibleName(_("When"))
        self.when.setMaximumDateTime(QDateTime(now.date(), now.time()))
        layout.addWidget(self.when)

        layout.addWidget(label(_("How did it feel? (you can skip this)"), "subheading"))
        self.feelings = QButtonGroup(self)
        self.feelings.setExclusive(True)
        row = FlowLayout()
        for value, name in FEELINGS:
            radio = QRadioButton(_(name))
            radio.setAccessibleName(_(name))
            radio.setProperty("value", value)
            self.feelings.addButton(radio)
            row.addWidget(radio)
        layout.addLayout(row)

        self.note_label = label(_("A note, if you like"))
        self.note = QLineEdit()
        self.note.setAccessibleName(_("Note"))
        self.note_label.setBuddy(self.note)
        layout.addWidget(self.note_label)
        layout.addWidget(self.note)

        self.error = label("", "error")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = FlowLayout()
        self.save_button = button(_("Save"), "primary")
        self.save_button.clicked.connect(self.save)
        self.cancel_button = button(_("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self.resize(720, 620)

    def save(self) -> None:
        kind = self.kinds.checkedButton()
        feeling = self.feelings.checkedButton()
        moment = self.when.dateTime().toPython()
        assert isinstance(moment, datetime)
        at = moment.astimezone()  # the local offset of that day, across clock changes
        try:
            self.saved = contacts.log_contact(
                self.store,
                self.person.id,
                at,
                str(kind.property("code")) if kind else "call",
                int(feeling.property("value")) if feeling else None,
                self.note.text(),
            )
        except CompanionError as error:
            self.error.setText(error.message)
            self.error.show()
            return
        self.accept()
