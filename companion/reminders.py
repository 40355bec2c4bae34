"""Reminders: one-off or recurring, kept at their local wall-clock time.

A reminder stores its first time as a local wall-clock time with no offset
("2026-11-22T17:00") and, if it repeats, an RFC 5545 rule (python-dateutil's
rrule reads and expands it). Occurrences are worked out in wall-clock time and
only then placed in the computer's current time zone, so "call Mum every
Sunday at 5" stays at 5 pm across clock changes and when the computer's time
zone changes. A time that does not exist on a spring-forward day moves forward
by the gap (02:30 becomes 03:30); a time that happens twice fires once.

The next moment each reminder fires is cached (``next_fire``, in UTC, indexed)
so one timer serves thousands of reminders.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from typing import Any

from companion import i18n
from companion.errors import CompanionError
from companion.i18n import N_, _
from companion.store import Store

KINDS = ("once", "daily", "weekly", "monthly_day", "monthly_nth", "yearly")
_RULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
NTH_NAMES = {1: N_("first"), 2: N_("second"), 3: N_("third"), 4: N_("fourth"), -1: N_("last")}
LATE_AFTER = timedelta(minutes=5)  # older than this when the app starts: "while you were away"


# dateutil's rules and zones, and the people's records (``companion.contacts``), are imported
# where they are used: the window's first frame needs none of them (Today's first screen is
# worked out beside Qt's start), and they cost ~2 ms and ~3.6 ms.


def local_zone() -> tzinfo:
    """The computer's time zone, with its clock changes (not a fixed offset)."""
    from dateutil import tz

    return tz.tzlocal()


def to_instant(wall: datetime, zone: tzinfo) -> datetime:
    """A wall-clock time placed in a zone; a time in a spring-forward gap moves forward."""
    aware = wall.replace(tzinfo=zone)
    from dateutil import tz

    if not tz.datetime_exists(aware):
        aware = tz.resolve_imaginary(aware)
    return aware


def wall_clock(instant: datetime, zone: tzinfo) -> datetime:
    return instant.astimezone(zone).replace(tzinfo=None)


@dataclass(frozen=True)
class Repeat:
    """How a reminder repeats, in the terms the add dialog offers; never shown as a rule."""

    kind: str = "once"
    interval: int = 1
    weekdays: tuple[int, ...] = ()  # 0 = Monday, for "weekly"
    nth: int = 1  # for "monthly_nth": 1..4, or -1 for the last

    def rule(self, starts: datetime) -> str | None:
        if self.kind not in KINDS:
            raise CompanionError(_("Please choose how often it repeats."))
        if not 1 <= self.interval <= 99:
            raise CompanionError(_("How often must be a number from 1 to 99."))
        every = f";INTERVAL={self.interval}" if self.interval > 1 else ""
        if self.kind == "once":
            return None
        if self.kind == "daily":
            return "FREQ=DAILY" + every
        if self.kind == "weekly":
            days = self.weekdays or (starts.weekday(),)
            if any(d not in range(7) for d in days):
                raise CompanionError(_("Please choose the days of the week."))
            return (
                "FREQ=WEEKLY"
                + every
                + ";BYDAY="
                + ",".join(_RULE_DAYS[d] for d in sorted(set(days)))
            )
        if self.kind == "monthly_day":
            day = starts.day
            if day <= 28:
                return "FREQ=MONTHLY" + every + f";BYMONTHDAY={day}"
            # The 29th-31st: in shorter months, the last day of the month.
            candidates = ",".join(str(d) for d in range(28, day + 1))
            return "FREQ=MONTHLY" + every + f";BYMONTHDAY={candidates};BYSETPOS=-1"
        if self.kind == "monthly_nth":
            if self.nth not in NTH_NAMES:
                raise CompanionError(_("Please choose which week of the month."))
            return "FREQ=MONTHLY" + every + f";BYDAY={self.nth}{_RULE_DAYS[starts.weekday()]}"
        # yearly; 29 February falls on the 28th in other years
        if starts.month == 2 and starts.day == 29:
            return "FREQ=YEARLY" + every + ";BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1"
        return "FREQ=YEARLY" + every

    @classmethod
    def from_rule(cls, rule: str | None) -> Repeat:
        if not rule:
            return cls("once")
        parts = dict(part.split("=", 1) for part in rule.split(";"))
        interval = int(parts.get("INTERVAL", "1"))
        freq = parts.get("FREQ")
        if freq == "DAILY":
            return cls("daily", interval)
        if freq == "WEEKLY":
            days = tuple(_RULE_DAYS.index(d) for d in parts.get("BYDAY", "").split(",") if d)
            return cls("weekly", interval, days)
        if freq == "MONTHLY" and "BYDAY" in parts:
            return cls("monthly_nth", interval, nth=int(parts["BYDAY"][:-2]))
        if freq == "MONTHLY":
            return cls("monthly_day", interval)
        return cls("yearly", interval)


@dataclass(frozen=True)
class Reminder:
    """A reminder: what, about whom, from when, and how it repeats."""

    id: int
    title: str
    person_id: int | None
    starts: datetime  # wall clock, no offset
    rule: str | None
    paused: bool = False
    handled_until: datetime | None = None  # wall clock
    snoozed_until: datetime | None = None  # an instant
    next_fire: datetime | None = None  # an instant (UTC)

    @property
    def repeat(self) -> Repeat:
        return Repeat.from_rule(self.rule)

    def occurrences(self, after: datetime | None, until: datetime) -> list[datetime]:
        """Wall-clock occurrences strictly after ``after`` and up to ``until`` (inclusive)."""
        if self.rule is None:
            hit = self.starts
            return [hit] if (after is None or hit > after) and hit <= until else []
        rule = _parsed_rule(self.rule, self.starts)
        start = after if after is not None else self.starts - timedelta(microseconds=1)
        return [hit for hit in rule.between(start, until, inc=True) if hit > start]

    def next_after(self, after: datetime | None) -> datetime | None:
        """The first wall-clock occurrence strictly after ``after`` (or the first one)."""
        if self.rule is None:
            return self.starts if after is None or self.starts > after else None
        from dateutil import rrule

        rule = rrule.rrulestr(self.rule, dtstart=self.starts)
        if after is None:
            return (
                self.starts
                if rule.before(self.starts, inc=True) == self.starts
                else rule.after(self.starts)
            )
        found = rule.after(after, inc=False)
        return found if isinstance(found, datetime) else None


@lru_cache(maxsize=4096)
def _parsed_rule(rule: str, starts: datetime) -> Any:
    """A repeat rule read once: Today and the reminder list ask for the same ones often."""
    from dateutil import rrule

    return rrule.rrulestr(rule, dtstart=starts)


@dataclass(frozen=True)
class Due:
    """One occurrence of a reminder that has fallen due."""

    reminder: Reminder
    occurrence: datetime  # wall clock of the occurrence this is about
    instant: datetime  # when it fired (or was due), in the zone used
    snoozed: bool = False


_COLUMNS = "id, title, person_id, starts, rrule, paused, handled_until, snoozed_until, next_fire"


def _reminder(row: Any) -> Reminder:
    return Reminder(
        id=int(row[0]),
        title=row[1],
        person_id=row[2],
        starts=datetime.fromisoformat(row[3]),
        rule=row[4],
        paused=bool(row[5]),
        handled_until=datetime.fromisoformat(row[6]) if row[6] else None,
        snoozed_until=datetime.fromisoformat(row[7]) if row[7] else None,
        next_fire=datetime.fromisoformat(row[8]) if row[8] else None,
    )


def _wall_text(value: datetime) -> str:
    return value.replace(tzinfo=None, microsecond=0).isoformat(timespec="minutes")


def compute_next_fire(reminder: Reminder, zone: tzinfo) -> datetime | None:
    """The next instant this reminder needs attention, in UTC; None if never again."""
    if reminder.paused:
        return None
    upcoming = reminder.next_after(reminder.handled_until)
    candidates = []
    if upcoming is not None:
        candidates.append(to_instant(upcoming, zone).astimezone(UTC))
    if reminder.snoozed_until is not None:
        candidates.append(reminder.snoozed_until.astimezone(UTC))
    return min(candidates) if candidates else None


def _save_next_fire(store: Store, reminder_id: int, zone: tzinfo) -> Reminder:
    reminder = get(store, reminder_id)
    fire = compute_next_fire(reminder, zone)
    store.execute(
        "UPDATE reminders SET next_fire = ? WHERE id = ?",
        (fire.isoformat() if fire else None, reminder_id),
    )
    return get(store, reminder_id)


def _check(title: str, starts: datetime, repeat: Repeat) -> tuple[str, str | None]:
    title = " ".join(title.split())
    if not title:
        raise CompanionError(_("Please write what the reminder is for."))
    if starts.tzinfo is not None:
        raise ValueError("reminder times are wall-clock times without an offset")
    return title, repeat.rule(starts)


def add(
    store: Store,
    now: datetime,
    title: str,
    starts: datetime,
    repeat: Repeat = Repeat(),
    person_id: int | None = None,
    zone: tzinfo | None = None,
) -> Reminder:
    """Add a reminder. Times before now are not owed: "every day at 8" added at 10 starts
    tomorrow (it must not prompt, say, a second dose of tablets today)."""
    zone = zone or local_zone()
    title, rule = _check(title, starts, repeat)
    wall_now = wall_clock(now, zone)
    if rule is None and starts < wall_now - timedelta(minutes=1):
        raise CompanionError(_("That time has already passed. Please choose a time from now on."))
    _check_person(store, person_id)
    handled = _wall_text(wall_now) if rule is not None and starts <= wall_now else None
    with store.transaction():
        cursor = store.execute(
            "INSERT INTO reminders(title, person_id, starts, rrule, handled_until, created)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                title,
                person_id,
                _wall_text(starts),
                rule,
                handled,
                now.isoformat(timespec="seconds"),
            ),
        )
        return _save_next_fire(store, int(cursor.lastrowid), zone)


def _check_person(store: Store, person_id: int | None) -> None:
    if person_id is None:
        return
    row = store.query_one("SELECT 1 FROM people WHERE id = ? AND deleted_at IS NULL", (person_id,))
    if row is None:
        raise CompanionError(_("That person is no longer in your list."))


def update(
    store: Store,
    reminder_id: int,
    title: str,
    starts: datetime,
    repeat: Repeat,
    person_id: int | None,
    now: datetime,
    zone: tzinfo | None = None,
) -> Reminder:
    """Change a reminder; occurrences before now are not owed afterwards."""
    zone = zone or local_zone()
    title, rule = _check(title, starts, repeat)
    _check_person(store, person_id)
    handled = wall_clock(now, zone) if starts <= wall_clock(now, zone) else None
    with store.transaction():
        store.execute(
            "UPDATE reminders SET title = ?, starts = ?, rrule = ?, person_id = ?,"
            " handled_until = ?, snoozed_until = NULL WHERE id = ? AND deleted_at IS NULL",
            (
                title,
                _wall_text(starts),
                rule,
                person_id,
                _wall_text(handled) if handled else None,
                reminder_id,
            ),
        )
        return _save_next_fire(store, reminder_id, zone)


def get(store: Store, reminder_id: int) -> Reminder:
    row = store.query_one(
        f"SELECT {_COLUMNS} FROM reminders WHERE id = ? AND deleted_at IS NULL", (reminder_id,)
    )
    if row is None:
        raise CompanionError(_("That reminder is no longer here."))
    return _reminder(row)


def all_reminders(store: Store) -> list[Reminder]:
    return [
        _reminder(row)
        for row in store.query(
            f"SELECT {_COLUMNS} FROM reminders WHERE deleted_at IS NULL ORDER BY title COLLATE NOCASE"
        )
    ]


def set_paused(
    store: Store, reminder_id: int, paused: bool, now: datetime, zone: tzinfo | None = None
) -> Reminder:
    """Pause, or carry on; times missed while paused are not owed."""
    zone = zone or local_zone()
    with store.transaction():
        store.execute(
            "UPDATE reminders SET paused = ?, snoozed_until = NULL,"
            " handled_until = CASE WHEN ? THEN handled_until ELSE ? END WHERE id = ?",
            (int(paused), int(paused), _wall_text(wall_clock(now, zone)), reminder_id),
        )
        return _save_next_fire(store, reminder_id, zone)


def delete(store: Store, reminder_id: int, now: datetime) -> None:
    store.execute(
        "UPDATE reminders SET deleted_at = ?, next_fire = NULL WHERE id = ?",
        (now.isoformat(timespec="seconds"), reminder_id),
    )


def undo_delete(store: Store, reminder_id: int, zone: tzinfo | None = None) -> Reminder:
    with store.transaction():
        store.execute("UPDATE reminders SET deleted_at = NULL WHERE id = ?", (reminder_id,))
        return _save_next_fire(store, reminder_id, zone or local_zone())


def purge_deleted(store: Store) -> None:
    store.execute("DELETE FROM reminders WHERE deleted_at IS NOT NULL")


# --- what is due ---------------------------------------------------------------------------


def due(store: Store, now: datetime, zone: tzinfo | None = None) -> list[Due]:
    """Reminders needing attention now: each once, at its latest occurrence (never a burst)."""
    zone = zone or local_zone()
    rows = store.query(
        f"SELECT {_COLUMNS} FROM reminders WHERE deleted_at IS NULL AND paused = 0"
        " AND next_fire IS NOT NULL AND next_fire <= ? ORDER BY next_fire",
        (now.astimezone(UTC).isoformat(),),
    )
    found = []
    wall_now = wall_clock(now, zone)
    for row in rows:
        reminder = _reminder(row)
        hits = reminder.occurrences(reminder.handled_until, wall_now)
        if hits:
            latest = hits[-1]
            found.append(Due(reminder, latest, to_instant(latest, zone)))
        elif reminder.snoozed_until is not None and reminder.snoozed_until <= now:
            last = reminder.handled_until or reminder.starts
            found.append(Due(reminder, last, reminder.snoozed_until.astimezone(zone), snoozed=True))
    return found


def split_late(found: list[Due], now: datetime) -> tuple[list[Due], list[Due]]:
    """(due just now, missed while away): the missed ones are listed once, not fired."""
    # Real elapsed time: subtracting in one zone would use the wall clock across a clock change.
    now_utc = now.astimezone(UTC)
    fresh = [d for d in found if now_utc - d.instant.astimezone(UTC) <= LATE_AFTER]
    late = [d for d in found if now_utc - d.instant.astimezone(UTC) > LATE_AFTER]
    return fresh, late


def handled(
    store: Store, reminder_id: int, through: datetime, zone: tzinfo | None = None
) -> Reminder:
    """Occurrences up to ``through`` (wall clock) are done or seen; any snooze ends."""
    with store.transaction():
        store.execute(
            "UPDATE reminders SET handled_until = max(coalesce(handled_until, ''), ?),"
            " snoozed_until = NULL WHERE id = ?",
            (_wall_text(through), reminder_id),
        )
        return _save_next_fire(store, reminder_id, zone or local_zone())


@dataclass(frozen=True)
class Answer:
    """What answering a reminder changed, so Undo can put it back exactly."""

    reminder_id: int
    handled_until: str | None
    snoozed_until: str | None
    contact_id: int | None = None


def _answer_state(store: Store, reminder_id: int) -> tuple[str | None, str | None]:
    row = store.query_one(
        "SELECT handled_until, snoozed_until FROM reminders WHERE id = ?", (reminder_id,)
    )
    return (row[0], row[1]) if row is not None else (None, None)


def answer_done(
    store: Store, item: Due, now: datetime, zone: tzinfo | None = None, kind: str = "call"
) -> Answer:
    """Done: for a reminder about a person, that counts as being in touch."""
    zone = zone or local_zone()
    with store.transaction():
        handled_before, snoozed_before = _answer_state(store, item.reminder.id)
        handled(store, item.reminder.id, max(item.occurrence, wall_clock(now, zone)), zone)
        contact_id = None
        if item.reminder.person_id is not None:
            try:
                from companion import contacts

                contact_id = contacts.log_contact(store, item.reminder.person_id, now, kind).id
            except CompanionError:
                pass  # the person was removed; the reminder still counts as done
    return Answer(item.reminder.id, handled_before, snoozed_before, contact_id)


def done(
    store: Store, item: Due, now: datetime, zone: tzinfo | None = None, kind: str = "call"
) -> Reminder:
    answer_done(store, item, now, zone, kind)
    return get(store, item.reminder.id)


def answer_snooze(store: Store, item: Due, until: datetime, zone: tzinfo | None = None) -> Answer:
    """Remind again at ``until``; the occurrence itself counts as seen."""
    zone = zone or local_zone()
    with store.transaction():
        handled_before, snoozed_before = _answer_state(store, item.reminder.id)
        store.execute(
            "UPDATE reminders SET handled_until = max(coalesce(handled_until, ''), ?),"
            " snoozed_until = ? WHERE id = ?",
            (_wall_text(item.occurrence), until.isoformat(timespec="seconds"), item.reminder.id),
        )
        _save_next_fire(store, item.reminder.id, zone)
    return Answer(item.reminder.id, handled_before, snoozed_before)


def snooze(store: Store, item: Due, until: datetime, zone: tzinfo | None = None) -> Reminder:
    answer_snooze(store, item, until, zone)
    return get(store, item.reminder.id)


def undo_answer(store: Store, answer: Answer, zone: tzinfo | None = None) -> Reminder:
    """Put a reminder back as it was before Done or Snooze; a contact Done logged goes too."""
    with store.transaction():
        store.execute(
            "UPDATE reminders SET handled_until = ?, snoozed_until = ? WHERE id = ?",
            (answer.handled_until, answer.snoozed_until, answer.reminder_id),
        )
        if answer.contact_id is not None:
            from companion import contacts

            contacts.delete_contact(store, answer.contact_id)
        return _save_next_fire(store, answer.reminder_id, zone or local_zone())


def snooze_choices(now: datetime) -> list[tuple[str, datetime]]:
    return [
        (_("In 10 minutes"), now + timedelta(minutes=10)),
        (_("In an hour"), now + timedelta(hours=1)),
        (_("Tomorrow"), now + timedelta(days=1)),
    ]


def next_fire_time(store: Store, after: datetime) -> datetime | None:
    """The next moment any reminder fires after ``after``: what the one timer waits for."""
    row = store.query_one(
        "SELECT min(next_fire) FROM reminders WHERE deleted_at IS NULL AND paused = 0"
        " AND next_fire > ?",
        (after.astimezone(UTC).isoformat(),),
    )
    return datetime.fromisoformat(row[0]) if row and row[0] else None


def recompute_all(store: Store, zone: tzinfo | None = None) -> int:
    """After the time zone changed: every cached next time worked out again."""
    zone = zone or local_zone()
    count = 0
    with store.transaction():
        for reminder in all_reminders(store):
            fire = compute_next_fire(reminder, zone)
            store.execute(
                "UPDATE reminders SET next_fire = ? WHERE id = ?",
                (fire.isoformat() if fire else None, reminder.id),
            )
            count += 1
    return count


def upcoming(
    store: Store,
    now: datetime,
    days: int = 14,
    zone: tzinfo | None = None,
    limit: int = 200,
    first: int | None = None,
    ends: datetime | None = None,
) -> list[tuple[datetime, Reminder]]:
    """What comes in the next ``days``, in order, as instants in the zone.

    ``first``: only the first few are wanted (Today shows five), so the reminders are looked
    at in the order of their next time, and no further once the next one starts after the
    last of the few found, or after the end of the window: no reminder comes round before
    its next time. ``ends``: an instant the window ends at, if sooner (Today: midnight).
    """
    zone = zone or local_zone()
    wall_now = wall_clock(now, zone)
    until = wall_now + timedelta(days=days)
    if ends is not None:
        until = min(until, wall_clock(ends, zone))
    window_end = to_instant(until, zone).astimezone(UTC)
    # A day more than the window, for next times worked out in another zone; with ``first``,
    # the loop below stops at the window's end anyway, so those rows are not even read.
    horizon = window_end if first is not None else window_end + timedelta(days=1)
    found: list[tuple[datetime, Reminder]] = []
    # Only those whose next time falls in the window: an index look-up, not every reminder.
    rows = store.query(
        f"SELECT {_COLUMNS} FROM reminders WHERE deleted_at IS NULL AND paused = 0"
        " AND next_fire IS NOT NULL AND next_fire <= ? ORDER BY next_fire LIMIT ?",
        (horizon.isoformat(), limit),
    )
    for reminder in (_reminder(row) for row in rows):
        if first is not None and reminder.next_fire is not None:
            # Today at 3 am on a large list: 85 reminders due tomorrow morning each had its
            # repeat rule worked through from its first day (2 ms before the window showed).
            if reminder.next_fire > window_end:
                break
            if len(found) >= first:
                found.sort(key=lambda pair: pair[0])
                if reminder.next_fire > found[first - 1][0]:
                    break
        after = max(filter(None, [reminder.handled_until, wall_now]))
        for hit in reminder.occurrences(after, until)[:20]:
            found.append((to_instant(hit, zone), reminder))
    found.sort(key=lambda pair: pair[0])
    return found[: limit if first is None else min(limit, first)]


# --- plain words -----------------------------------------------------------------------------


def when_words(instant: datetime, now: datetime) -> str:
    """'Today at 5 pm', 'Tomorrow at 9:30 am', 'Sunday at 5 pm', or a date."""
    local = instant.astimezone(now.tzinfo) if now.tzinfo else instant
    at = i18n.format_time(local.time().replace(second=0, microsecond=0))
    days = (local.date() - now.date()).days
    if days == 0:
        return _("Today at {time}").format(time=at)
    if days == 1:
        return _("Tomorrow at {time}").format(time=at)
    if 1 < days < 7:
        return _("{day} at {time}").format(day=i18n.format_date(local.date(), "EEEE"), time=at)
    return _("{date} at {time}").format(date=i18n.format_day(local.date()), time=at)


def describe(reminder: Reminder) -> str:
    """How often, in words: 'Every Sunday at 5 pm', 'On the second Tuesday of every month'."""
    repeat = reminder.repeat
    at = i18n.format_time(reminder.starts.time())
    weekday = i18n.format_date(reminder.starts.date(), "EEEE")
    if repeat.kind == "once":
        return _("Once, {date} at {time}").format(
            date=i18n.format_day(reminder.starts.date()), time=at
        )
    if repeat.kind == "daily":
        if repeat.interval == 1:
            return _("Every day at {time}").format(time=at)
        return i18n.ngettext(
            "Every {count} day at {time}", "Every {count} days at {time}", repeat.interval
        ).format(count=repeat.interval, time=at)
    if repeat.kind == "weekly":
        names = i18n.format_list(
            [
                i18n.format_date(date(2024, 1, 1) + timedelta(days=d), "EEEE")
                for d in repeat.weekdays
            ]
        )
        if repeat.interval == 1:
            return _("Every {days} at {time}").format(days=names, time=at)
        return i18n.ngettext(
            "Every {count} week on {days} at {time}",
            "Every {count} weeks on {days} at {time}",
            repeat.interval,
        ).format(count=repeat.interval, days=names, time=at)
    if repeat.kind == "monthly_day":
        return _("Every month on day {day} at {time}").format(
            day=i18n.format_number(reminder.starts.day), time=at
        )
    if repeat.kind == "monthly_nth":
        return _("Every month on the {nth} {weekday} at {time}").format(
            nth=_(NTH_NAMES[repeat.nth]), weekday=weekday, time=at
        )
    return _("Every year on {date} at {time}").format(
        date=i18n.format_day(reminder.starts.date(), weekday=False), time=at
    )


def default_start(now: datetime) -> datetime:
    """The time the add dialog suggests: the next whole hour today, or 9 am tomorrow."""
    local = now.replace(tzinfo=None, minute=0, second=0, microsecond=0) + timedelta(hours=1)
    if local.hour >= 21 or local.date() != now.date():
        return datetime.combine(now.date() + timedelta(days=1), time(9, 0))
    return local
