"""People to keep in touch with: who they are, how often, and who is due.

The keep-in-touch schedule restarts from the last logged contact: next due =
last contact + interval (or the day the person was added + interval, until a
first contact is logged). Due dates are calendar dates in the person's local
time, so month ends, leap days and clock changes behave as people expect:
"every month" from 31 January is 28 (or 29) February.
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta

from companion.errors import CompanionError
from companion.i18n import N_, _
from companion.keep_in_touch import DUE_BY
from companion.store import Store

CIRCLES: dict[str, str] = {
    "family": N_("Family"),
    "friend": N_("Friend"),
    "neighbour": N_("Neighbour"),
    "group": N_("Group"),
    "professional": N_("Professional"),
    "other": N_("Other"),
}
KINDS: dict[str, str] = {
    "call": N_("Phone call"),
    "video": N_("Video call"),
    "visit": N_("Visit"),
    "message": N_("Message"),
    "letter": N_("Letter or card"),
    "group": N_("Met at a group"),
}
NOTE_KINDS: dict[str, str] = {
    "gratitude": N_("Something I am grateful for"),
    "gave": N_("Support I gave"),
    "received": N_("Support I received"),
}
UNITS = ("days", "weeks", "months")
BIRTHDAY_WINDOW_DAYS = 14
SNOOZE_DAYS = 3


@dataclass(frozen=True)
class Phone:
    """A phone number with its label ("mobile", "home"…)."""

    number: str  # as typed, or E.164 when it could be understood
    label: str = ""


@dataclass(frozen=True)
class Schedule:
    """How often to be in touch: every ``count`` days, weeks or months."""

    count: int
    unit: str  # days, weeks or months

    def after(self, day: date) -> date:
        if self.unit == "days":
            return day + timedelta(days=self.count)
        if self.unit == "weeks":
            return day + timedelta(weeks=self.count)
        return day + relativedelta(months=self.count)


@dataclass(frozen=True)
class Person:
    """Someone who matters, with how to reach them and how often to be in touch."""

    id: int
    name: str
    circle: str = "friend"
    phones: tuple[Phone, ...] = ()
    email: str = ""
    address: str = ""
    birthday: str | None = None  # YYYY-MM-DD or --MM-DD
    notes: str = ""
    why: str = ""
    schedule: Schedule | None = None
    last_contact: datetime | None = None
    next_due: date | None = None
    snoozed_until: date | None = None
    created: datetime | None = None


@dataclass(frozen=True)
class Contact:
    """One time the person was in touch with someone, as logged."""

    id: int
    person_id: int
    at: datetime
    kind: str
    feeling: int | None
    note: str


@dataclass(frozen=True)
class PersonNote:
    """A note kept about someone (a thing to remember, a thing to ask)."""

    id: int
    person_id: int
    kind: str
    at: datetime
    text: str


@dataclass(frozen=True)
class DueItem:
    """Someone due to be in touch with, and by how many days."""

    person: Person
    due: date
    days_late: int  # 0 when due today; negative when due later this week


@dataclass
class DueOverview:
    """Who to be in touch with: overdue, this week, birthdays, and never yet."""

    overdue: list[DueItem] = field(default_factory=list)  # most overdue first
    this_week: list[DueItem] = field(default_factory=list)
    birthdays: list[tuple[Person, date]] = field(default_factory=list)
    never: list[Person] = field(default_factory=list)

    def reach_now(self, limit: int = 3) -> list[DueItem]:
        """The few people to suggest today: not a wall."""
        return (self.overdue + [i for i in self.this_week if i.days_late >= 0])[:limit]


# --- phone numbers -------------------------------------------------------------------------


def parse_phone(text: str, region: str) -> str:
    """E.164 (+441632960123) when the number can be understood for the region, else as typed."""
    import phonenumbers

    text = text.strip()
    if not text:
        return ""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return text
    if not phonenumbers.is_possible_number(number):
        return text
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(stored: str, region: str) -> str:
    """How to show a number: national style at home, international style abroad."""
    import phonenumbers

    if not stored.startswith("+"):
        return stored
    try:
        number = phonenumbers.parse(stored, None)
    except phonenumbers.NumberParseException:
        return stored
    home = number.country_code == phonenumbers.country_code_for_region(region)
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if home
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def _digits(number: str) -> str:
    return "".join(ch for ch in number if ch.isdigit())


def phone_keys(number: str) -> tuple[str, ...]:
    """Keys a stored number is found by. With ``phone_lookup_keys``, the one rule for
    "same number": two international numbers (+…) must match in full; when either is
    written nationally, the last nine digits decide ("+44 1632 960123" is "01632 960123")."""
    digits = _digits(number)
    if len(digits) < 6:
        return ()
    if number.strip().startswith("+"):
        return ("full:" + digits, "plustail:" + digits[-9:])
    return ("rawtail:" + digits[-9:],)


def phone_lookup_keys(number: str) -> tuple[str, ...]:
    """Keys to look a number up by, among numbers stored under ``phone_keys``."""
    digits = _digits(number)
    if len(digits) < 6:
        return ()
    if number.strip().startswith("+"):
        return ("full:" + digits, "rawtail:" + digits[-9:])
    return ("rawtail:" + digits[-9:], "plustail:" + digits[-9:])


def same_phone(a: str, b: str) -> bool:
    return bool(set(phone_lookup_keys(a)) & set(phone_keys(b)))


def likely_duplicates(store: Store, candidate: Person) -> list[Person]:
    """People already here with the same name or a matching phone number."""
    found = {
        p.id: p
        for p in (
            _person(r)
            for r in store.query(
                f"SELECT {_COLUMNS} FROM people WHERE deleted_at IS NULL AND sort_name = ?",
                (" ".join(candidate.name.split()).casefold(),),
            )
        )
    }
    if any(phone_keys(p.number) for p in candidate.phones):
        for row in store.query(
            f"SELECT {_COLUMNS} FROM people WHERE deleted_at IS NULL AND phones != '[]'"
        ):
            person = _person(row)
            if any(same_phone(b.number, a.number) for a in person.phones for b in candidate.phones):
                found[person.id] = person
    return list(found.values())


# --- reading and writing people -------------------------------------------------------

_COLUMNS = (
    "id, name, circle, phones, email, address, birthday, notes, why, every_count, every_unit,"
    " last_contact, next_due, snoozed_until, created"
)


def _person(row: Sequence[Any]) -> Person:
    phones = tuple(Phone(p.get("number", ""), p.get("label", "")) for p in json.loads(row[3]))
    return Person(
        id=int(row[0]),
        name=row[1],
        circle=row[2],
        phones=phones,
        email=row[4],
        address=row[5],
        birthday=row[6],
        notes=row[7],
        why=row[8],
        schedule=Schedule(int(row[9]), row[10]) if row[9] else None,
        last_contact=datetime.fromisoformat(row[11]) if row[11] else None,
        next_due=date.fromisoformat(row[12]) if row[12] else None,
        snoozed_until=date.fromisoformat(row[13]) if row[13] else None,
        created=datetime.fromisoformat(row[14]) if row[14] else None,
    )


def parse_birthday(text: str | None) -> str | None:
    """Accept YYYY-MM-DD or --MM-DD (year unknown); None or '' means no birthday."""
    if not text:
        return None
    text = text.strip()
    try:
        if text.startswith("--"):
            date(2000, int(text[2:4]), int(text[5:7]))  # 2000: a leap year, so 29 Feb is fine
            if len(text) != 7 or text[4] != "-":
                raise ValueError
            return text
        return date.fromisoformat(text).isoformat()
    except (ValueError, IndexError):
        raise CompanionError(
            _("“{text}” is not a date Companion understands for a birthday.").format(text=text)
        ) from None


def _birthday_md(birthday: str | None) -> str | None:
    if not birthday:
        return None
    return birthday[2:] if birthday.startswith("--") else birthday[5:]


def _validate(person: Person) -> Person:
    name = " ".join(person.name.split())
    if not name:
        raise CompanionError(_("Please write a name."))
    if person.circle not in CIRCLES:
        raise CompanionError(
            _("Please choose a circle: family, friend, neighbour, group, professional or other.")
        )
    if person.schedule is not None:
        if person.schedule.unit not in UNITS or not 1 <= person.schedule.count <= 999:
            raise CompanionError(
                _("How often must be a number of days, weeks or months, from 1 to 999.")
            )
    return replace(person, name=name, birthday=parse_birthday(person.birthday))


def _next_due(schedule: Schedule | None, last: datetime | None, created: datetime) -> date | None:
    if schedule is None:
        return None
    return schedule.after((last or created).date())


def _row_values(person: Person) -> tuple[Any, ...]:
    return (
        person.name,
        person.name.casefold(),
        person.circle,
        json.dumps([{"number": p.number, "label": p.label} for p in person.phones]),
        person.email.strip(),
        person.address.strip(),
        person.birthday,
        _birthday_md(person.birthday),
        person.notes.strip(),
        person.why.strip(),
        person.schedule.count if person.schedule else None,
        person.schedule.unit if person.schedule else None,
    )


def add_person(store: Store, now: datetime, person: Person) -> Person:
    person = _validate(person)
    due = _next_due(person.schedule, None, now)
    cursor = store.execute(
        "INSERT INTO people(name, sort_name, circle, phones, email, address, birthday, birthday_md,"
        " notes, why, every_count, every_unit, next_due, created)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*_row_values(person), due.isoformat() if due else None, now.isoformat(timespec="seconds")),
    )
    return get_person(store, int(cursor.lastrowid))


def add_people(store: Store, now: datetime, people: Iterable[Person]) -> int:
    """Add many in one transaction (imports): all of them, or none if any is wrong."""
    count = 0
    with store.transaction():
        for person in people:
            add_person(store, now, person)
            count += 1
    return count


def update_person(store: Store, person: Person) -> Person:
    person = _validate(person)
    existing = get_person(store, person.id)
    created = existing.created or datetime.now().astimezone()
    due = _next_due(person.schedule, existing.last_contact, created)
    store.execute(
        "UPDATE people SET name = ?, sort_name = ?, circle = ?, phones = ?, email = ?, address = ?,"
        " birthday = ?, birthday_md = ?, notes = ?, why = ?, every_count = ?, every_unit = ?,"
        " next_due = ? WHERE id = ? AND deleted_at IS NULL",
        (*_row_values(person), due.isoformat() if due else None, person.id),
    )
    return get_person(store, person.id)


def get_person(store: Store, person_id: int) -> Person:
    row = store.query_one(
        f"SELECT {_COLUMNS} FROM people WHERE id = ? AND deleted_at IS NULL", (person_id,)
    )
    if row is None:
        raise CompanionError(_("That person is no longer in your list."))
    return _person(row)


def people(
    store: Store,
    search: str = "",
    circle: str | None = None,
    overdue_on: date | None = None,
    limit: int | None = None,
) -> list[Person]:
    """People in name order, narrowed by a search, a circle, or 'overdue on this day'."""
    where = ["deleted_at IS NULL"]
    params: list[Any] = []
    if search.strip():
        where.append("sort_name LIKE ? ESCAPE '\\'")
        needle = (
            search.strip().casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        )
        params.append(f"%{needle}%")
    if circle:
        where.append("circle = ?")
        params.append(circle)
    if overdue_on is not None:
        where.append("next_due < ? AND (snoozed_until IS NULL OR snoozed_until <= ?)")
        params += [overdue_on.isoformat(), overdue_on.isoformat()]
    sql = f"SELECT {_COLUMNS} FROM people WHERE {' AND '.join(where)} ORDER BY sort_name, id"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [_person(row) for row in store.query(sql, params)]


def count_people(store: Store) -> int:
    return int(store.query_one("SELECT count(*) FROM people WHERE deleted_at IS NULL")[0])


# --- deleting, with undo ------------------------------------------------------------------


def delete_person(store: Store, now: datetime, person_id: int) -> None:
    """Hide the person at once; ``undo_delete`` brings them back with all their history."""
    store.execute(
        "UPDATE people SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
        (now.isoformat(timespec="seconds"), person_id),
    )


def undo_delete(store: Store, person_id: int) -> Person:
    store.execute("UPDATE people SET deleted_at = NULL WHERE id = ?", (person_id,))
    return get_person(store, person_id)


def purge_deleted(store: Store) -> int:
    """Remove for good those deleted before this start (the undo was there all session)."""
    with store.transaction():
        cursor = store.execute("DELETE FROM people WHERE deleted_at IS NOT NULL")
    return int(cursor.rowcount)


# --- logging contact -------------------------------------------------------------------------


def _refresh_cache(store: Store, person_id: int) -> None:
    row = store.query_one(
        "SELECT every_count, every_unit, created FROM people WHERE id = ?", (person_id,)
    )
    if row is None:
        return
    schedule = Schedule(int(row[0]), row[1]) if row[0] else None
    last = _latest(store, person_id)
    due = _next_due(schedule, last, datetime.fromisoformat(row[2]))
    store.execute(
        "UPDATE people SET last_contact = ?, next_due = ? WHERE id = ?",
        (last.isoformat() if last else None, due.isoformat() if due else None, person_id),
    )


def _latest(store: Store, person_id: int) -> datetime | None:
    """The latest contact by the moment it happened (offsets differ across clock changes)."""
    rows = store.query("SELECT at FROM contacts WHERE person_id = ?", (person_id,))
    moments = [datetime.fromisoformat(r[0]) for r in rows]
    return max(moments) if moments else None


def log_contact(
    store: Store,
    person_id: int,
    at: datetime,
    kind: str = "call",
    feeling: int | None = None,
    note: str = "",
) -> Contact:
    if kind not in KINDS:
        raise CompanionError(_("Please choose how you were in touch."))
    if feeling is not None and feeling not in (1, 2, 3, 4, 5):
        raise CompanionError(_("How it felt is a number from 1 to 5, or left empty."))
    if at.tzinfo is None:
        raise ValueError("contact times must carry their time zone")
    with store.transaction():
        get_person(store, person_id)
        cursor = store.execute(
            "INSERT INTO contacts(person_id, at, kind, feeling, note) VALUES (?, ?, ?, ?, ?)",
            (person_id, at.isoformat(timespec="seconds"), kind, feeling, note.strip()),
        )
        contact_id = int(cursor.lastrowid)
        store.execute("UPDATE people SET snoozed_until = NULL WHERE id = ?", (person_id,))
        _refresh_cache(store, person_id)
    return Contact(contact_id, person_id, at, kind, feeling, note.strip())


def delete_contact(store: Store, contact_id: int) -> Contact | None:
    row = store.query_one(
        "SELECT id, person_id, at, kind, feeling, note FROM contacts WHERE id = ?", (contact_id,)
    )
    if row is None:
        return None
    with store.transaction():
        store.execute("DELETE FROM contacts WHERE id = ?", (contact_id,))
        _refresh_cache(store, int(row[1]))
    return Contact(int(row[0]), int(row[1]), datetime.fromisoformat(row[2]), row[3], row[4], row[5])


def contacts_for(store: Store, person_id: int, limit: int = 50) -> list[Contact]:
    """Newest first by the moment it happened (text order is wrong across clock changes)."""
    rows = store.query(
        "SELECT id, person_id, at, kind, feeling, note FROM contacts WHERE person_id = ?",
        (person_id,),
    )
    found = [
        Contact(int(r[0]), int(r[1]), datetime.fromisoformat(r[2]), r[3], r[4], r[5]) for r in rows
    ]
    found.sort(key=lambda c: (c.at, c.id), reverse=True)
    return found[:limit]


def snooze(store: Store, person_id: int, today: date, days: int = SNOOZE_DAYS) -> date:
    until = today + timedelta(days=days)
    set_snooze(store, person_id, until)
    return until


def set_snooze(store: Store, person_id: int, until: date | None) -> None:
    """Suggest the person again from ``until`` (None: as their schedule says). Undo uses it."""
    store.execute(
        "UPDATE people SET snoozed_until = ? WHERE id = ?",
        (until.isoformat() if until else None, person_id),
    )


# --- gratitude and give-and-take ---------------------------------------------------------------


def add_note(store: Store, person_id: int, now: datetime, kind: str, text: str) -> PersonNote:
    if kind not in NOTE_KINDS:
        raise CompanionError(_("Please choose what kind of note this is."))
    if not text.strip():
        raise CompanionError(_("Please write a few words."))
    cursor = store.execute(
        "INSERT INTO person_notes(person_id, kind, at, text) VALUES (?, ?, ?, ?)",
        (person_id, kind, now.isoformat(timespec="seconds"), text.strip()),
    )
    return PersonNote(int(cursor.lastrowid), person_id, kind, now, text.strip())


def notes_for(store: Store, person_id: int) -> list[PersonNote]:
    rows = store.query(
        "SELECT id, person_id, kind, at, text FROM person_notes WHERE person_id = ?"
        " ORDER BY at DESC, id DESC",
        (person_id,),
    )
    return [
        PersonNote(int(r[0]), int(r[1]), r[2], datetime.fromisoformat(r[3]), r[4]) for r in rows
    ]


# --- who is due ------------------------------------------------------------------------------------


def next_birthday(birthday: str, today: date) -> date:
    month, day = int(_birthday_md(birthday)[:2]), int(_birthday_md(birthday)[3:])  # type: ignore[index]
    for year in (today.year, today.year + 1, today.year + 2, today.year + 3, today.year + 4):
        try:
            candidate = date(year, month, day)
        except ValueError:  # 29 February in a common year: celebrate on the 28th
            candidate = date(year, 2, 28)
        if candidate >= today:
            return candidate
    raise ValueError(birthday)


def still_due(store: Store, today: date, person_ids: Iterable[int]) -> set[int]:
    """Which of these people it is still a good day to get in touch with (the one rule)."""
    wanted = sorted(set(person_ids))
    if not wanted:
        return set()
    marks = ",".join("?" * len(wanted))
    rows = store.query(
        f"SELECT id FROM people WHERE deleted_at IS NULL AND id IN ({marks})"
        " AND next_due IS NOT NULL AND next_due <= ?"
        " AND (snoozed_until IS NULL OR snoozed_until <= ?)",
        (*wanted, today.isoformat(), today.isoformat()),
    )
    return {int(r[0]) for r in rows}


def due_overview(
    store: Store,
    today: date,
    limit: int = 200,
    birthday_limit: int | None = None,
    *,
    never: bool = True,
) -> DueOverview:
    """Who to reach: overdue (longest first), due this week, birthdays soon, never contacted.

    ``limit`` caps each list; ``birthday_limit`` caps the birthdays. Today asks for a few
    (``never=False``): then someone not in touch yet whose day has come (a week after they
    were added, for "every week") is in the overdue and this-week lists like everyone else,
    ``limit`` counts only those lists, and ``never`` stays empty.
    """
    overview = DueOverview()
    week_end = today + timedelta(days=7)
    rows = store.query(
        f"SELECT {_COLUMNS} FROM people WHERE {DUE_BY} ORDER BY next_due, sort_name LIMIT :limit",
        {"until": week_end.isoformat(), "today": today.isoformat(), "limit": limit},
    )
    for row in rows:
        person = _person(row)
        if person.last_contact is None and never:
            overview.never.append(person)
            continue
        assert person.next_due is not None
        item = DueItem(person, person.next_due, (today - person.next_due).days)
        (overview.overdue if item.days_late > 0 else overview.this_week).append(item)
    if not never:
        overview.birthdays = birthdays_soon(store, today, birthday_limit)
        return overview
    overview.never += [
        p
        for p in (
            _person(r)
            for r in store.query(
                f"SELECT {_COLUMNS} FROM people WHERE deleted_at IS NULL AND last_contact IS NULL"
                " AND (next_due IS NULL OR next_due > ?)"
                " AND (snoozed_until IS NULL OR snoozed_until <= ?)"
                " ORDER BY sort_name LIMIT ?",
                (week_end.isoformat(), today.isoformat(), limit),
            )
        )
    ]
    overview.birthdays = birthdays_soon(store, today, birthday_limit)
    return overview


def count_due_this_week(store: Store, today: date) -> int:
    """How many people in ``due_overview``'s overdue and this-week lists, without a cap."""
    # Counted in the index of migration 9 alone (SQLite would otherwise pick people_by_due
    # and read each of thousands of rows).
    row = store.query_one(
        f"SELECT count(*) FROM people INDEXED BY people_due_count WHERE {DUE_BY}",
        {"until": (today + timedelta(days=7)).isoformat(), "today": today.isoformat()},
    )
    return int(row[0])


def _birthday_days_ahead(today: date) -> dict[str, int]:
    """'MM-DD' of each birthday in the window, and how many days ahead it is celebrated.

    A 29 February birthday is celebrated on the 28th in a common year.
    """
    ahead: dict[str, int] = {}
    for n in range(BIRTHDAY_WINDOW_DAYS + 1):
        day = today + timedelta(days=n)
        ahead[day.strftime("%m-%d")] = n
        if day.month == 2 and day.day == 28 and not calendar.isleap(day.year):
            ahead["02-29"] = n
    return ahead


def birthdays_soon(
    store: Store, today: date, limit: int | None = None
) -> list[tuple[Person, date]]:
    """Birthdays in the next two weeks, soonest first. With a ``limit``, only the day and the
    name are read for all of them (hundreds in a large list), whole people only for those
    returned."""
    if limit == 0:
        return []
    ahead = _birthday_days_ahead(today)
    marks = ",".join("?" * len(ahead))
    where = f"WHERE deleted_at IS NULL AND birthday_md IN ({marks})"
    if limit is None:
        people = [
            _person(r) for r in store.query(f"SELECT {_COLUMNS} FROM people {where}", list(ahead))
        ]
        found = [(p, today + timedelta(days=ahead[_birthday_md(p.birthday) or ""])) for p in people]
        return sorted(found, key=lambda pair: (pair[1], pair[0].name.casefold(), pair[0].id))
    rows = store.query(f"SELECT id, name, birthday_md FROM people {where}", list(ahead))
    wanted = sorted(rows, key=lambda r: (ahead[r[2]], r[1].casefold(), r[0]))[:limit]
    if not wanted:
        return []
    ids = [int(r[0]) for r in wanted]
    by_id = {
        int(r[0]): _person(r)
        for r in store.query(
            f"SELECT {_COLUMNS} FROM people WHERE id IN ({','.join('?' * len(ids))})", ids
        )
    }
    return [
        (by_id[i], today + timedelta(days=ahead[r[2]])) for i, r in zip(ids, wanted, strict=True)
    ]


# --- the overview of connections ------------------------------------------------------------------


@dataclass(frozen=True)
class ConnectionSummary:
    """Number, quality and variety of connections (the CDC's three sides of connectedness)."""

    people: int
    by_circle: dict[str, int]
    in_touch_last_month: int
    contacts_last_4_weeks: int
    average_feeling: float | None
    per_week: list[int]  # contacts in each of the last 8 weeks, oldest first


def summary(store: Store, today: date) -> ConnectionSummary:
    by_circle = {
        row[0]: int(row[1])
        for row in store.query(
            "SELECT circle, count(*) FROM people WHERE deleted_at IS NULL GROUP BY circle"
        )
    }
    month_ago = (today - timedelta(days=30)).isoformat()
    in_touch = int(
        store.query_one(
            "SELECT count(*) FROM people WHERE deleted_at IS NULL AND last_contact >= ?",
            (month_ago,),
        )[0]
    )
    start = today - timedelta(weeks=8) + timedelta(days=1)
    # Range counts on the time index: 200,000 contacts stay quick. People removed
    # (and not yet purged) are left out through the small list of removed ids.
    gone = [int(r[0]) for r in store.query("SELECT id FROM people WHERE deleted_at IS NOT NULL")]
    removed = f"person_id NOT IN ({','.join(map(str, gone))})" if gone else "1"
    per_week = []
    for week in range(8):
        low = start + timedelta(weeks=week)
        high = low + timedelta(weeks=1)
        per_week.append(
            int(
                store.query_one(
                    f"SELECT count(*) FROM contacts WHERE at >= ? AND at < ? AND {removed}",
                    (low.isoformat(), high.isoformat()),
                )[0]
            )
        )
    four_weeks = (today - timedelta(days=27)).isoformat()
    recent, feeling_sum, feeling_count = store.query_one(
        "SELECT count(*), sum(feeling), count(feeling) FROM contacts"
        f" WHERE at >= ? AND at < ? AND {removed}",
        (four_weeks, (today + timedelta(days=1)).isoformat()),
    )
    recent, feeling_sum, feeling_count = int(recent), int(feeling_sum or 0), int(feeling_count)
    return ConnectionSummary(
        people=sum(by_circle.values()),
        by_circle=by_circle,
        in_touch_last_month=in_touch,
        contacts_last_4_weeks=recent,
        average_feeling=round(feeling_sum / feeling_count, 1) if feeling_count else None,
        per_week=per_week,
    )
