"""Adding or changing a reminder, in plain choices: what, when, how often. No rule syntax."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, datetime, time

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from companion import contacts, i18n, reminders
from companion.errors import CompanionError
from companion.i18n import _
from companion.reminders import Reminder, Repeat
from companion.store import Store
from ui.widgets.common import SPACING, FlowLayout, button, combo_box, label


def nth_of_month(day: date) -> int:
    """1 for the first Tuesday of its month … 4; -1 when it is the last one."""
    if day.day + 7 > calendar.monthrange(day.year, day.month)[1]:
        return -1
    return (day.day - 1) // 7 + 1


class ReminderDialog(QDialog):
    def __init__(
        self,
        store: Store,
        now: Callable[[], datetime],
        existing: Reminder | None = None,
        person_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.now = now
        self.existing = existing
        self.saved: Reminder | None = None
        title = _("Change the reminder") if existing else _("Add a reminder")
        self.setWindowTitle(title)
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(3 * SPACING, 3 * SPACING, 3 * SPACING, 3 * SPACING)
        layout.setSpacing(SPACING)
        scroll.setWidget(inner)
        outer.addWidget(scroll)
        layout.addWidget(label(title, "heading"))

        layout.addWidget(label(_("What should Companion remind you of?"), "subheading"))
        self.what = QLineEdit()
        self.what.setAccessibleName(_("What to be reminded of"))
        self.what.setPlaceholderText(_("For example: Call Mum"))
        layout.addWidget(self.what)
        self.person_label = label(_("Is it about someone? (You can leave this.)"))
        self.person = combo_box()
        self.person.addItem(_("No one in particular"), None)
        for someone in contacts.people(store, limit=2000):
            self.person.addItem(someone.name, someone.id)
        self.person.setAccessibleName(_("About whom"))
        self.person_label.setBuddy(self.person)
        layout.addWidget(self.person_label)
        layout.addWidget(self.person)

        layout.addWidget(label(_("When?"), "subheading"))
        row = FlowLayout()
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dddd d MMMM yyyy")
        self.day.setAccessibleName(_("Day"))
        self.at = QTimeEdit()
        self.at.setDisplayFormat("HH:mm")
        self.at.setAccessibleName(_("Time"))
        row.addWidget(self.day)
        row.addWidget(self.at)
        layout.addLayout(row)

        layout.addWidget(label(_("How often?"), "subheading"))
        self.how = QButtonGroup(self)
        self.options: dict[str, QRadioButton] = {}
        for kind in reminders.KINDS:
            radio = QRadioButton()
            radio.setProperty("kind", kind)
            self.how.addButton(radio)
            self.options[kind] = radio
            layout.addWidget(radio)
            if kind == "weekly":
                self.weekdays_row = FlowLayout()
                self.weekday_boxes: list[QCheckBox] = []
                for number in range(7):
                    name = i18n.format_date(date(2024, 1, 1 + number), "EEEE")
                    box = QCheckBox(name)
                    box.setAccessibleName(name)
                    self.weekday_boxes.append(box)
                    self.weekdays_row.addWidget(box)
                holder = QWidget()
                holder.setLayout(self.weekdays_row)
                self.weekdays_holder = holder
                layout.addWidget(holder)
        self.how.buttonToggled.connect(lambda *_a: self._refresh())
        self.day.dateChanged.connect(lambda *_a: self._refresh())

        self.error = label("", "error")
        self.error.hide()
        layout.addWidget(self.error)
        actions = FlowLayout()
        self.save_button = button(_("Save"), "primary")
        self.save_button.clicked.connect(self.save)
        self.cancel_button = button(_("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        actions.addWidget(self.save_button)
        actions.addWidget(self.cancel_button)
        outer.addLayout(actions)

        start = existing.starts if existing else reminders.default_start(now())
        self.day.setDate(QDate(start.year, start.month, start.day))
        self.at.setTime(QTime(start.hour, start.minute))
        repeat = existing.repeat if existing else Repeat("once")
        self.options[repeat.kind].setChecked(True)
        for number in repeat.weekdays or (start.weekday(),):
            self.weekday_boxes[number].setChecked(True)
        if existing:
            self.what.setText(existing.title)
            self.person.setCurrentIndex(max(self.person.findData(existing.person_id), 0))
        elif person_id is not None:
            self.person.setCurrentIndex(max(self.person.findData(person_id), 0))
            self.what.setText(_("Get in touch with {name}").format(name=self.person.currentText()))
        self._refresh()
        self.resize(720, 820)

    def _chosen_day(self) -> date:
        chosen = self.day.date().toPython()
        assert isinstance(chosen, date)
        return chosen

    def _refresh(self) -> None:
        day = self._chosen_day()
        weekday = i18n.format_date(day, "EEEE")
        nth = nth_of_month(day)
        texts = {
            "once": _("Just once"),
            "daily": _("Every day"),
            "weekly": _("Every week, on these days:"),
            "monthly_day": _("Every month on the {day}").format(day=i18n.format_number(day.day)),
            "monthly_nth": _("Every month on the {nth} {weekday}").format(
                nth=_(reminders.NTH_NAMES[nth]), weekday=weekday
            ),
            "yearly": _("Every year on {date}").format(date=i18n.format_date(day, "d MMMM")),
        }
        for kind, radio in self.options.items():
            radio.setText(texts[kind])
            radio.setAccessibleName(texts[kind])
        self.weekdays_holder.setVisible(self.options["weekly"].isChecked())

    def repeat(self) -> Repeat:
        chosen = self.how.checkedButton()
        kind = str(chosen.property("kind")) if chosen else "once"
        if kind == "weekly":
            days = tuple(i for i, box in enumerate(self.weekday_boxes) if box.isChecked())
            return Repeat("weekly", weekdays=days)
        if kind == "monthly_nth":
            return Repeat("monthly_nth", nth=nth_of_month(self._chosen_day()))
        return Repeat(kind)

    def starts(self) -> datetime:
        clock = self.at.time().toPython()
        assert isinstance(clock, time)
        day = self._chosen_day()
        repeat = self.repeat()
        if repeat.kind == "weekly" and repeat.weekdays and day.weekday() not in repeat.weekdays:
            # Start on the first chosen weekday, so the first time is one of them.
            ahead = min((d - day.weekday()) % 7 for d in repeat.weekdays)
            day = date.fromordinal(day.toordinal() + ahead)
        return datetime.combine(day, clock.replace(second=0, microsecond=0))

    def save(self) -> None:
        repeat = self.repeat()
        if repeat.kind == "weekly" and not repeat.weekdays:
            self._fail(_("Please tick at least one day of the week."))
            return
        now = self.now()
        try:
            if self.existing is None:
                self.saved = reminders.add(
                    self.store,
                    now,
                    self.what.text(),
                    self.starts(),
                    repeat,
                    self.person.currentData(),
                )
            else:
                self.saved = reminders.update(
                    self.store,
                    self.existing.id,
                    self.what.text(),
                    self.starts(),
                    repeat,
                    self.person.currentData(),
                    now,
                )
        except CompanionError as error:
            self._fail(error.message)
            return
        self.accept()

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
