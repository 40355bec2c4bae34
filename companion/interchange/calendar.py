"""Reminders (and, if wanted, birthdays) as an iCalendar file other calendar apps import.

Each reminder becomes one event at its local wall-clock time, written as a
*floating* time (no time zone, no "Z"), so a calendar app shows "call Mum at
5 pm" at 5 pm in whatever zone it is in, across clock changes, exactly as
Companion does. Its repeat rule is copied as it is stored (RFC 5545).

The event starts at the reminder's first real occurrence, not at the time the
person typed: python-dateutil skips a start that does not match the rule
("every Monday and Thursday", starting on a Wednesday), while RFC 5545 says the
start always counts, so a calendar app would show one time too many.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event, vDuration, vRecur

from companion.contacts import Person, next_birthday
from companion.errors import CompanionError
from companion.i18n import _
from companion.interchange import write_file_atomically
from companion.reminders import Reminder

PRODID = "-//Companion//Companion//EN"
UID_DOMAIN = "companion.invalid"
REMINDER_LENGTH = timedelta(minutes=15)
# 29 February: the last of the 28th and 29th, so common years get the 28th (as the app does).
LEAP_DAY_RULE = "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1"


class _AtTheTime(vDuration):
    """An alarm at the event's own start, written "PT0M" (icalendar would write "P0D")."""

    def to_ical(self) -> bytes:
        return b"PT0M"


def exported_reminders(reminders: Iterable[Reminder]) -> list[Reminder]:
    """The reminders that go in the file: every one that is not paused."""
    return [r for r in reminders if not r.paused and r.next_after(None) is not None]


def _reminder_event(reminder: Reminder, stamp: datetime) -> Event:
    first = reminder.next_after(None)
    assert first is not None  # exported_reminders() leaves out reminders that never happen
    event = Event()
    event.add("uid", f"reminder-{reminder.id}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("summary", reminder.title)
    event.add("dtstart", first.replace(tzinfo=None, second=0, microsecond=0))  # floating
    event.add("duration", REMINDER_LENGTH)
    if reminder.rule:
        event.add("rrule", vRecur.from_ical(reminder.rule))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", reminder.title)
    alarm.add("trigger", _AtTheTime(timedelta(0)))
    event.add_component(alarm)
    return event


def _month_day(birthday: str | None) -> tuple[int, int] | None:
    """(month, day) of a birthday stored as YYYY-MM-DD or --MM-DD; None if there is none."""
    if not birthday:
        return None
    month_day = birthday[2:] if birthday.startswith("--") else birthday[5:]
    try:
        month, day = int(month_day[:2]), int(month_day[3:5])
        date(2000, month, day)  # a leap year: 29 February is a real birthday
    except ValueError:
        return None  # not a date; the People page never stores one
    return month, day


def people_with_birthdays(people: Iterable[Person]) -> list[Person]:
    """The people whose birthday goes in the file."""
    return [person for person in people if _month_day(person.birthday) is not None]


def _birthday_event(person: Person, year: int, stamp: datetime) -> Event:
    assert person.birthday is not None
    # This year's birthday (28 February in a common year), so it shows this year too.
    first = next_birthday(person.birthday, date(year, 1, 1))
    event = Event()
    event.add("uid", f"birthday-{person.id}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("summary", _("Birthday: {name}").format(name=person.name))
    event.add("dtstart", first)  # a date: an all-day event
    event.add("dtend", first + timedelta(days=1))
    rule = LEAP_DAY_RULE if _month_day(person.birthday) == (2, 29) else "FREQ=YEARLY"
    event.add("rrule", vRecur.from_ical(rule))
    event.add("transp", "TRANSPARENT")  # a birthday does not make anyone busy
    return event


def calendar_ics(
    reminders: Iterable[Reminder],
    people_birthdays: Iterable[Person] | None = None,
    *,
    now: datetime,
) -> bytes:
    """The iCalendar file: one event per reminder that is not paused, and birthdays if given."""
    stamp = now.astimezone(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("Companion reminders"))
    for reminder in exported_reminders(reminders):
        calendar.add_component(_reminder_event(reminder, stamp))
    for person in people_with_birthdays(people_birthdays or ()):
        calendar.add_component(_birthday_event(person, now.year, stamp))
    return calendar.to_ical()


def check_calendar_path(path: Path) -> Path:
    """The file name, or a plain message before anything is opened or written."""
    path = Path(path)
    if path.suffix.lower() != ".ics":
        raise CompanionError(_("Please give a file name ending in .ics, such as reminders.ics."))
    if path.is_dir():
        raise CompanionError(
            _("{file} is a folder. Please give a file name, such as reminders.ics.").format(
                file=path
            )
        )
    return path


def save_calendar(path: Path, data: bytes) -> None:
    """Write the file whole, replacing any old one, or leave the old one as it was."""
    write_file_atomically(check_calendar_path(path), data)


__all__ = [
    "PRODID",
    "calendar_ics",
    "check_calendar_path",
    "exported_reminders",
    "people_with_birthdays",
    "save_calendar",
]
