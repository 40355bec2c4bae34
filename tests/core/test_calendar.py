"""The calendar export: a valid .ics that other calendar apps expand to the app's own times.

The file is read back with ``icalendar`` and expanded with
``recurring-ical-events`` (as calendar apps do, following RFC 5545), and every
reminder must land on exactly the wall-clock times Companion itself works out.
"""

from __future__ import annotations

import errno
import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from icalendar import Calendar

from companion import contacts, reminders
from companion.cli import main
from companion.contacts import Person
from companion.errors import CompanionError
from companion.interchange.calendar import calendar_ics, save_calendar
from companion.profile import Unlocked
from companion.reminders import Reminder, Repeat
from companion.store import Store

from .conftest import PASSPHRASE
from .helpers import one_line

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2025, 12, 1, 12, 0, tzinfo=UTC)
AFTER = datetime(2026, 1, 1, 0, 0)
UNTIL = datetime(2028, 3, 31, 23, 59)  # over two years, through a 29 February


ONCE = Repeat()


def add(store: Store, title: str, starts: datetime, repeat: Repeat = ONCE) -> Reminder:
    return reminders.add(store, NOW, title, starts, repeat, zone=LONDON)


def every_kind(store: Store) -> list[Reminder]:
    return [
        add(store, "Dentist", datetime(2026, 1, 10, 9, 0)),
        add(store, "Take a walk", datetime(2025, 11, 3, 8, 0), Repeat("daily")),
        add(store, "Water the plants", datetime(2026, 1, 2, 18, 0), Repeat("daily", 3)),
        add(store, "Ring Jo", datetime(2026, 1, 5, 17, 0), Repeat("weekly", weekdays=(0, 3))),
        add(store, "Call Mum", datetime(2026, 1, 4, 17, 0), Repeat("weekly", 2)),
        add(store, "Pay the rent", datetime(2026, 1, 31, 10, 0), Repeat("monthly_day")),
        add(store, "Book club", datetime(2026, 1, 13, 19, 30), Repeat("monthly_nth", nth=2)),
        add(store, "Quiz night", datetime(2026, 1, 30, 20, 0), Repeat("monthly_nth", nth=-1)),
        add(store, "Leap day lunch", datetime(2024, 2, 29, 12, 0), Repeat("yearly")),
        add(store, "Anniversary", datetime(2026, 6, 14, 11, 0), Repeat("yearly")),
        # Starts on a Wednesday, repeats on Mondays and Thursdays.
        add(store, "Choir", datetime(2026, 1, 7, 10, 0), Repeat("weekly", weekdays=(0, 3))),
        # Starts on a Friday, every other week on Mondays and Thursdays: nothing left that week.
        add(store, "Men's shed", datetime(2026, 1, 9, 10, 0), Repeat("weekly", 2, (0, 3))),
        # 01:30 does not exist on 29 March 2026 in London and happens twice on 25 October.
        add(store, "Night pills", datetime(2026, 3, 27, 1, 30), Repeat("daily")),
        add(store, "Sunday call", datetime(2026, 3, 22, 1, 30), Repeat("weekly")),
    ]


def read_back(data: bytes) -> Calendar:
    calendar = Calendar.from_ical(data)
    for component in calendar.walk():
        assert not component.errors, (component.name, component.errors)
    return calendar


def events(calendar: Calendar) -> dict[str, Any]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def expanded(calendar: Calendar, after: datetime, until: datetime) -> dict[str, list[Any]]:
    """Every occurrence start per event, strictly after ``after`` and up to ``until``."""
    found: dict[str, list[Any]] = {}
    for occurrence in recurring_ical_events.of(calendar).between(after, until + timedelta(days=1)):
        start = occurrence["DTSTART"].dt
        moment = (
            start if isinstance(start, datetime) else datetime.combine(start, datetime.min.time())
        )
        if after < moment <= until:
            found.setdefault(str(occurrence["UID"]), []).append(start)
    return {uid: sorted(starts) for uid, starts in found.items()}


# --- the file ---------------------------------------------------------------------------------


def test_the_file_is_a_valid_calendar_with_one_event_per_reminder(
    keyring_profile: Unlocked,
) -> None:
    made = every_kind(keyring_profile.store)
    data = calendar_ics(reminders.all_reminders(keyring_profile.store), now=NOW)
    text = data.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    calendar = read_back(data)
    assert str(calendar["PRODID"]) == "-//Companion//Companion//EN"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    found = events(calendar)
    assert set(found) == {f"reminder-{r.id}@companion.invalid" for r in made}
    for reminder in made:
        event = found[f"reminder-{reminder.id}@companion.invalid"]
        assert str(event["SUMMARY"]) == reminder.title
        assert event.decoded("DTSTAMP") == NOW
        assert event.decoded("DURATION") == timedelta(minutes=15)
        start = event.decoded("DTSTART")
        assert start.tzinfo is None  # floating: the same wall-clock time in any zone
        assert start == reminder.next_after(None)
        assert ("RRULE" in event) == (reminder.rule is not None)
        [alarm] = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert str(alarm["DESCRIPTION"]) == reminder.title
        assert alarm.decoded("TRIGGER") == timedelta(0)
    assert "TZID" not in text and "VTIMEZONE" not in text
    starts = [line for line in text.splitlines() if line.startswith("DTSTART")]
    assert starts and not any(line.endswith("Z") for line in starts)
    assert "TRIGGER:PT0M" in text


def test_calendar_apps_see_exactly_the_times_the_app_uses(keyring_profile: Unlocked) -> None:
    made = every_kind(keyring_profile.store)
    calendar = read_back(calendar_ics(reminders.all_reminders(keyring_profile.store), now=NOW))
    seen = expanded(calendar, AFTER, UNTIL)
    for reminder in made:
        expected = reminder.occurrences(AFTER, UNTIL)
        assert seen.get(f"reminder-{reminder.id}@companion.invalid", []) == expected, (
            reminder.title,
            reminder.rule,
        )
    # The awkward ones really are in the window, as the app sees them.
    by_title = {r.title: r for r in made}
    assert datetime(2026, 2, 28, 10, 0) in by_title["Pay the rent"].occurrences(AFTER, UNTIL)
    assert datetime(2027, 2, 28, 12, 0) in by_title["Leap day lunch"].occurrences(AFTER, UNTIL)
    assert datetime(2028, 2, 29, 12, 0) in by_title["Leap day lunch"].occurrences(AFTER, UNTIL)
    assert datetime(2026, 3, 29, 1, 30) in by_title["Night pills"].occurrences(AFTER, UNTIL)
    assert datetime(2026, 10, 25, 1, 30) in by_title["Sunday call"].occurrences(AFTER, UNTIL)


def test_a_start_that_is_not_one_of_the_days_is_not_shown_as_an_extra_time(
    keyring_profile: Unlocked,
) -> None:
    choir = add(
        keyring_profile.store,
        "Choir",
        datetime(2026, 1, 7, 10, 0),
        Repeat("weekly", weekdays=(0, 3)),
    )
    calendar = read_back(calendar_ics([choir], now=NOW))
    first = expanded(calendar, datetime(2026, 1, 1), datetime(2026, 1, 13))
    assert first == {
        f"reminder-{choir.id}@companion.invalid": [
            datetime(2026, 1, 8, 10, 0),  # Thursday; not Wednesday the 7th
            datetime(2026, 1, 12, 10, 0),
        ]
    }


def test_paused_reminders_are_left_out(keyring_profile: Unlocked) -> None:
    store = keyring_profile.store
    kept = add(store, "Call Mum", datetime(2026, 1, 4, 17, 0), Repeat("weekly"))
    paused = add(store, "Swimming", datetime(2026, 1, 5, 7, 0), Repeat("weekly"))
    reminders.set_paused(store, paused.id, True, NOW, LONDON)
    found = events(read_back(calendar_ics(reminders.all_reminders(store), now=NOW)))
    assert set(found) == {f"reminder-{kept.id}@companion.invalid"}


def test_exporting_again_gives_the_same_events_so_calendar_apps_update_them(
    keyring_profile: Unlocked,
) -> None:
    every_kind(keyring_profile.store)
    listed = reminders.all_reminders(keyring_profile.store)
    first = calendar_ics(listed, now=NOW).decode("utf-8")
    later = calendar_ics(listed, now=NOW + timedelta(days=30)).decode("utf-8")
    assert first != later
    assert first.replace("DTSTAMP:20251201T120000Z", "DTSTAMP:20251231T120000Z") == later


def test_no_reminders_is_still_a_valid_calendar() -> None:
    calendar = read_back(calendar_ics([], now=NOW))
    assert events(calendar) == {}


# --- birthdays --------------------------------------------------------------------------------


def test_birthdays_are_yearly_all_day_events_and_29_february_falls_on_the_28th(
    keyring_profile: Unlocked,
) -> None:
    store = keyring_profile.store
    people = {
        name: contacts.add_person(store, NOW, Person(0, name, birthday=birthday))
        for name, birthday in (
            ("Jo Bennett", "1962-03-14"),
            ("Priya Shah", "--12-01"),
            ("Leap Year Len", "1960-02-29"),
            ("Leap Day Lou", "--02-29"),
            ("No Birthday Ned", None),
        )
    }
    data = calendar_ics([], contacts.people(store), now=datetime(2025, 6, 1, tzinfo=UTC))
    text = data.decode("utf-8")
    calendar = read_back(data)
    found = events(calendar)
    assert set(found) == {
        f"birthday-{people[name].id}@companion.invalid"
        for name in ("Jo Bennett", "Priya Shah", "Leap Year Len", "Leap Day Lou")
    }
    for name in ("Jo Bennett", "Priya Shah", "Leap Year Len", "Leap Day Lou"):
        event = found[f"birthday-{people[name].id}@companion.invalid"]
        assert str(event["SUMMARY"]) == f"Birthday: {name}"
        assert type(event.decoded("DTSTART")) is date  # all day
        assert str(event["TRANSP"]) == "TRANSPARENT"
    assert text.count("DTSTART;VALUE=DATE:") == 4
    seen = expanded(calendar, datetime(2024, 12, 31), datetime(2028, 12, 31))

    def days(name: str) -> list[date]:
        return seen[f"birthday-{people[name].id}@companion.invalid"]

    assert days("Jo Bennett") == [date(year, 3, 14) for year in range(2025, 2029)]
    assert days("Priya Shah") == [date(year, 12, 1) for year in range(2025, 2029)]
    leap = [date(2025, 2, 28), date(2026, 2, 28), date(2027, 2, 28), date(2028, 2, 29)]
    assert days("Leap Year Len") == leap
    assert days("Leap Day Lou") == leap


def test_birthdays_only_when_asked(keyring_profile: Unlocked) -> None:
    store = keyring_profile.store
    contacts.add_person(store, NOW, Person(0, "Jo", birthday="1962-03-14"))
    call = add(store, "Call Jo", datetime(2026, 1, 4, 17, 0), Repeat("weekly"))
    found = events(read_back(calendar_ics(reminders.all_reminders(store), now=NOW)))
    assert set(found) == {f"reminder-{call.id}@companion.invalid"}


def test_birthday_names_are_translated_text(keyring_profile: Unlocked, monkeypatch) -> None:
    import companion.interchange.calendar as module

    monkeypatch.setattr(module, "_", lambda text: text.replace("Birthday", "Geburtstag"))
    contacts.add_person(keyring_profile.store, NOW, Person(0, "Jo", birthday="--03-14"))
    data = calendar_ics([], contacts.people(keyring_profile.store), now=NOW)
    assert "SUMMARY:Geburtstag: Jo" in data.decode("utf-8")


# --- saving -----------------------------------------------------------------------------------


def test_save_needs_an_ics_name(tmp_path: Path) -> None:
    with pytest.raises(CompanionError, match=r"\.ics"):
        save_calendar(tmp_path / "reminders.txt", calendar_ics([], now=NOW))
    assert list(tmp_path.iterdir()) == []


def test_save_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "Reminders.ICS"
    target.write_bytes(b"old")
    save_calendar(target, calendar_ics([], now=NOW))
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert [p.name for p in tmp_path.iterdir()] == ["Reminders.ICS"]


# --- the command line -------------------------------------------------------------------------


@pytest.fixture
def profile_folder(passphrase_profile: Unlocked, monkeypatch) -> Path:
    """A passphrase profile with three reminders (one paused) and a birthday, closed."""
    store = passphrase_profile.store
    add(store, "Call Mum", datetime(2026, 1, 4, 17, 0), Repeat("weekly"))
    add(store, "Pay the rent", datetime(2026, 1, 31, 10, 0), Repeat("monthly_day"))
    paused = add(store, "Swimming", datetime(2026, 1, 5, 7, 0), Repeat("weekly"))
    reminders.set_paused(store, paused.id, True, NOW, LONDON)
    contacts.add_person(store, NOW, Person(0, "Jo Bennett", birthday="1962-03-14"))
    contacts.add_person(store, NOW, Person(0, "Sam Lee"))
    folder = passphrase_profile.profile.folder
    passphrase_profile.close()
    monkeypatch.setenv("COMPANION_PASSPHRASE", PASSPHRASE)
    return folder


def test_export_calendar_command(profile_folder: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "reminders.ics"
    assert main(["--data-dir", str(profile_folder), "export", "calendar", str(target)]) == 0
    assert capsys.readouterr().out == f"Saved 2 reminders to {target}.\n"
    found = events(read_back(target.read_bytes()))
    assert sorted(str(e["SUMMARY"]) for e in found.values()) == ["Call Mum", "Pay the rent"]


def test_export_calendar_with_birthdays(profile_folder: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "reminders.ics"
    args = ["--data-dir", str(profile_folder), "export", "calendar", str(target), "--birthdays"]
    assert main(args) == 0
    assert capsys.readouterr().out == (f"Saved 2 reminders to {target}.\nIt also has 1 birthday.\n")
    summaries = sorted(str(e["SUMMARY"]) for e in events(read_back(target.read_bytes())).values())
    assert summaries == ["Birthday: Jo Bennett", "Call Mum", "Pay the rent"]


def test_one_reminder_is_said_in_the_singular(
    passphrase_profile: Unlocked, tmp_path: Path, monkeypatch, capsys
) -> None:
    add(passphrase_profile.store, "Call Mum", datetime(2026, 1, 4, 17, 0), Repeat("weekly"))
    folder = passphrase_profile.profile.folder
    passphrase_profile.close()
    monkeypatch.setenv("COMPANION_PASSPHRASE", PASSPHRASE)
    target = tmp_path / "one.ics"
    assert main(["--data-dir", str(folder), "export", "calendar", str(target)]) == 0
    assert capsys.readouterr().out == f"Saved 1 reminder to {target}.\n"


def test_export_calendar_needs_an_ics_name_before_asking_for_the_passphrase(
    profile_folder: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.delenv("COMPANION_PASSPHRASE")
    target = tmp_path / "reminders.vcf"
    assert main(["--data-dir", str(profile_folder), "export", "calendar", str(target)]) == 1
    assert ".ics" in one_line(capsys.readouterr().err)
    assert not target.exists()


def test_export_calendar_without_the_passphrase_is_one_line(
    profile_folder: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.delenv("COMPANION_PASSPHRASE")
    target = tmp_path / "reminders.ics"
    assert main(["--data-dir", str(profile_folder), "export", "calendar", str(target)]) == 1
    assert "COMPANION_PASSPHRASE" in one_line(capsys.readouterr().err)
    assert not target.exists()


def test_export_calendar_into_a_folder_that_cannot_be_written(
    profile_folder: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    real_open = os.open

    def read_only_open(path: Any, *args: Any, **kwargs: Any) -> int:
        # Root may write anywhere; the folder answers as a read-only one would.
        if Path(path).parent == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only_open)
    target = locked / "reminders.ics"
    assert main(["--data-dir", str(profile_folder), "export", "calendar", str(target)]) == 1
    assert "not allowed to write" in one_line(capsys.readouterr().err)
    assert list(locked.iterdir()) == []


def test_export_calendar_onto_a_folder(profile_folder: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "reminders.ics"
    target.mkdir()
    assert main(["--data-dir", str(profile_folder), "export", "calendar", str(target)]) == 1
    assert "is a folder" in one_line(capsys.readouterr().err)


def test_demo_export_calendar(tmp_path: Path, capsys) -> None:
    target = tmp_path / "demo.ics"
    assert main(["--demo", "export", "calendar", str(target), "--birthdays"]) == 0
    lines = capsys.readouterr().out.splitlines()
    found = events(read_back(target.read_bytes()))
    reminder_count = sum(uid.startswith("reminder-") for uid in found)
    birthday_count = sum(uid.startswith("birthday-") for uid in found)
    assert lines[0] == (
        f"Saved {reminder_count} reminder{'' if reminder_count == 1 else 's'} to {target}."
    )
    assert lines[1] == f"It also has {birthday_count} birthday{'' if birthday_count == 1 else 's'}."
    assert birthday_count > 0  # the sample people have birthdays
