"""Adding or changing a reminder, in plain choices: what, when, how often. No rule syntax."""

from __future__ import annotations

import calendar
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from companion import i18n, reminders
from companion.errors import CompanionError
from companion.i18n import _
from companion.reminders import Reminder, Repeat
from ui.dialogs.shell import DialogShell
from ui.ops import Change
from ui.widgets.common import SPACING, FlowLayout, label
from ui.widgets.date_field import DateField
from ui.widgets.person_picker import PersonPicker
from ui.widgets.time_field import TimeField

if TYPE_CHECKING:
    from ui.session import UiSession


def nth_of_month(day: date) -> int:
    """1 for the first Tuesday of its month … 4; -1 when it is the last one."""
    if day.day + 7 > calendar.monthrange(day.year, day.month)[1]:
        return -1
    return (day.day - 1) // 7 + 1


class ReminderDialog(DialogShell):
    def __init__(
        self,
        session: UiSession,
        existing: Reminder | None = None,
        person_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = _("Change the reminder") if existing else _("Add a reminder")
        super().__init__(title, parent)
        self.session = session
        self.store = session.store
        self.now = session.now
        self.existing = existing
        self.saved: Reminder | None = None
        self._auto_title = ""  # the title Companion suggested, replaced while untouched
        self._days_touched = False
        layout = self.body

        layout.addWidget(label(_("What should Companion remind you of?"), "subheading"))
        self.what = QLineEdit()
        self.what.setAccessibleName(_("What to be reminded of"))
        self.what.setPlaceholderText(_("For example: Call Mum"))
        self.what.textEdited.connect(self._what_typed)
        layout.addWidget(self.what)
        self.person_label = label(_("Is it about someone? (You can leave this.)"))
        self.person = PersonPicker(self.store)
        self.person.setAccessibleName(_("About whom"))
        self.person_label.setBuddy(self.person)
        layout.addWidget(self.person_label)
        layout.addWidget(self.person)

        layout.addWidget(label(_("When?"), "subheading"))
        row = FlowLayout()
        self.day = DateField(without_year="future")
        self.day.region = str(session.settings.get("country"))
        self.day.today = session.now().date()
        self.day.setAccessibleName(_("Day"))
        self.at = TimeField()
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
                grid = QGridLayout()
                grid.setContentsMargins(4 * SPACING, 0, 0, 0)
                self.weekday_boxes: list[QCheckBox] = []
                for number in range(7):
                    name = i18n.format_date(date(2024, 1, 1 + number), "EEEE")
                    box = QCheckBox(name)
                    box.setAccessibleName(name)
                    box.toggled.connect(self._days_changed)
                    self.weekday_boxes.append(box)
                    grid.addWidget(box, number // 2, number % 2)
                holder = QWidget()
                holder.setLayout(grid)
                self.weekdays_holder = holder
                layout.addWidget(holder)
        self.how.buttonToggled.connect(lambda *_a: self._refresh())
        self.day.dateChanged.connect(lambda *_a: self._day_changed())
        self.person.currentIndexChanged.connect(lambda *_a: self._person_changed())

        self.save_button = self.add_button(_("Save"), self.save, "primary", default=True)
        self.cancel_button = self.add_button(_("Cancel"), self.reject)

        start = existing.starts if existing else reminders.default_start(self.now())
        self.day.setDate(QDate(start.year, start.month, start.day))
        self.at.setTime(QTime(start.hour, start.minute))
        repeat = existing.repeat if existing else Repeat("once")
        self.options[repeat.kind].setChecked(True)
        self._set_days(repeat.weekdays or (start.weekday(),))
        self._days_touched = bool(existing and repeat.weekdays)
        if existing:
            self.what.setText(existing.title)
            self.person.set_person(existing.person_id)
        elif person_id is not None:
            self.person.set_person(person_id)
            self._person_changed()
        self._refresh()
        self.first_field = self.what
        self._typed_at_start = self._chosen_now()

    def _chosen_now(self) -> tuple[object, ...]:
        """Everything the person can choose here, as it stands (the words in the date and
        time fields too, typed and not yet read)."""
        return (
            self.what.text(),
            self.person.person_id(),
            self.day.edit.text(),
            self.at.edit.text(),
            self.repeat(),
        )

    def is_dirty(self) -> bool:
        """Anything changed: a new day, time or "how often" was lost on Escape without a
        question, as only the words and the person were looked at."""
        return self._chosen_now() != self._typed_at_start

    def _set_days(self, days: tuple[int, ...]) -> None:
        for number, box in enumerate(self.weekday_boxes):
            box.blockSignals(True)
            box.setChecked(number in days)
            box.blockSignals(False)

    def _what_typed(self, text: str) -> None:
        """The error asking what the reminder is for goes once words are typed: it stayed in
        the footer until the next Save, taking room from the form at 200%."""
        if text.strip() and self.error.text() == _("Please write what the reminder is for."):
            self.clear_error()

    def _days_changed(self) -> None:
        self._days_touched = True

    def _day_changed(self) -> None:
        """Until the person ticks days themselves, "every week" follows the chosen day."""
        if not self._days_touched:
            self._set_days((self._chosen_day().weekday(),))
        self._refresh()

    def _person_changed(self) -> None:
        name = self.person.person_name()
        typed = self.what.text().strip()
        if typed and typed != self._auto_title:
            return  # the person wrote their own title: leave it
        self._auto_title = _("Get in touch with {name}").format(name=name) if name else ""
        self.what.setText(self._auto_title)

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
            "monthly_day": _("Every month on day {day}").format(day=i18n.format_number(day.day)),
            "monthly_nth": _("Every month on the {nth} {weekday}").format(
                nth=_(reminders.NTH_NAMES[nth]), weekday=weekday
            ),
            "yearly": _("Every year on {date}").format(date=i18n.format_day(day, weekday=False)),
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
        if not self.day.valid:
            self._fail(self.day.problem.text())
            return
        try:
            self.at.checked_time()
        except CompanionError as error:
            self._fail(str(error))
            return
        repeat = self.repeat()
        if repeat.kind == "weekly" and not repeat.weekdays:
            self._fail(_("Please tick at least one day of the week."))
            return
        now = self.now()
        what, starts, person = self.what.text(), self.starts(), self.person.person_id()
        existing = self.existing
        if existing is None:
            self.saved = self.session.ops.run(
                self,
                lambda store: reminders.add(store, now, what, starts, repeat, person),
                Change.REMINDERS,
                say=lambda r: _("Added the reminder: {title}.").format(title=r.title),
            )
        else:
            self.saved = self.session.ops.run(
                self,
                lambda store: reminders.update(
                    store, existing.id, what, starts, repeat, person, now
                ),
                Change.REMINDERS,
                say=lambda r: _("Saved the reminder: {title}.").format(title=r.title),
            )
        if self.saved is not None:
            self.accept()

    def _fail(self, message: str) -> None:
        self.show_error(message)
