"""Reminders: repeats, month ends and leap days, clock changes, what is due, snooze,
pause, edit, delete with undo, plain words, keep-in-touch nudges, and 5,000 of them.

Every test passes its own time zone and its own "now": the real clock is never read.
"""

from __future__ import annotations

import calendar
import random
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from companion import contacts, keep_in_touch, reminders
from companion.contacts import Person, Schedule
from companion.errors import CompanionError
from companion.reminders import Reminder, Repeat

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
SYDNEY = ZoneInfo("Australia/Sydney")

MONDAY = 0
WEDNESDAY = 2
THURSDAY = 3
FRIDAY = 4
SUNDAY = 6


def wall(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    """A wall-clock time with no offset, as reminders store them."""
    return datetime(year, month, day, hour, minute)


def at(
    year: int,
    month: int,
    day: int,
    hour: int = 12,
    minute: int = 0,
    second: int = 0,
    tz: ZoneInfo = LONDON,
    fold: int = 0,
) -> datetime:
    """A moment, in a named zone."""
    return datetime(year, month, day, hour, minute, second, tzinfo=tz, fold=fold)


def utc(moment: datetime | None) -> datetime | None:
    """Compare moments in UTC: Python ignores fold when comparing within one zone."""
    return moment.astimezone(UTC) if moment is not None else None


ONCE = Repeat()
SUNDAY_EVENING = datetime(2026, 1, 11, 17)
ADDED = datetime(2026, 1, 5, 8, tzinfo=LONDON)


def reminder(starts: datetime, repeat: Repeat = ONCE) -> Reminder:
    """A reminder outside any database, for working out its times."""
    return Reminder(1, "Test", None, starts, repeat.rule(starts))


def add(
    store,
    title: str = "Call Mum",
    starts: datetime = SUNDAY_EVENING,
    repeat: Repeat = ONCE,
    person_id: int | None = None,
    now: datetime = ADDED,
    zone: ZoneInfo = LONDON,
) -> Reminder:
    return reminders.add(store, now, title, starts, repeat, person_id=person_id, zone=zone)


def titles(found) -> list[str]:
    return [getattr(item, "reminder", item).title for item in found]


def count_rows(store) -> int:
    return int(store.query_one("SELECT count(*) FROM reminders")[0])


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """Worked out independently of dateutil: the nth (or, with -1, the last) weekday."""
    days = [
        date(year, month, d)
        for d in range(1, last_day(year, month) + 1)
        if date(year, month, d).weekday() == weekday
    ]
    return days[nth - 1] if nth > 0 else days[nth]


@pytest.fixture
def store(keyring_profile):
    return keyring_profile.store


# --- how it repeats: the dialog's choices and the stored rule -------------------------------


@pytest.mark.parametrize(
    ("repeat", "starts"),
    [
        (Repeat("once"), wall(2026, 1, 11, 17)),
        (Repeat("daily"), wall(2026, 1, 11, 8)),
        (Repeat("daily", 3), wall(2026, 1, 11, 8)),
        (Repeat("weekly", weekdays=(SUNDAY,)), wall(2026, 1, 11, 17)),
        (Repeat("weekly", weekdays=(MONDAY, WEDNESDAY, FRIDAY)), wall(2026, 1, 5, 10)),
        (Repeat("weekly", 2, (MONDAY, THURSDAY)), wall(2026, 1, 5, 10)),
        (Repeat("monthly_day"), wall(2026, 1, 15, 10)),
        (Repeat("monthly_day"), wall(2026, 1, 31, 10)),
        (Repeat("monthly_day", 2), wall(2026, 1, 30, 10)),
        (Repeat("monthly_nth", nth=2), wall(2026, 1, 13, 14)),
        (Repeat("monthly_nth", 3, nth=-1), wall(2026, 1, 30, 14)),
        (Repeat("yearly"), wall(2026, 6, 1, 9)),
        (Repeat("yearly"), wall(2028, 2, 29, 9)),
    ],
)
def test_each_kind_of_repeat_comes_back_as_chosen(store, repeat, starts):
    assert Repeat.from_rule(repeat.rule(starts)) == repeat
    # What the edit dialog reads back after saving is what the person chose.
    saved = add(store, starts=starts, repeat=repeat)
    assert reminders.get(store, saved.id).repeat == repeat
    assert reminders.get(store, saved.id).starts == starts


def test_a_one_off_has_no_rule_and_weekly_without_days_means_the_start_day():
    assert Repeat("once").rule(wall(2026, 1, 11)) is None
    tuesday = wall(2026, 1, 6, 10)
    assert Repeat.from_rule(Repeat("weekly").rule(tuesday)) == Repeat("weekly", weekdays=(1,))


@pytest.mark.parametrize(
    "repeat",
    [
        Repeat("fortnightly"),
        Repeat("daily", 0),
        Repeat("daily", 100),
        Repeat("weekly", 0, (MONDAY,)),
        Repeat("weekly", weekdays=(7,)),
        Repeat("monthly_nth", nth=5),
        Repeat("monthly_nth", nth=0),
    ],
)
def test_impossible_repeats_are_refused_in_plain_words_and_nothing_is_saved(store, repeat):
    with pytest.raises(CompanionError) as caught:
        add(store, starts=wall(2026, 1, 13, 10), repeat=repeat)
    message = caught.value.message
    assert message[0].isupper() and message.endswith(".")
    for jargon in ("FREQ", "RRULE", "BYDAY", "rule", "Traceback", "None"):
        assert jargon not in message
    assert count_rows(store) == 0
    assert reminders.next_fire_time(store, at(2000, 1, 1)) is None


@pytest.mark.parametrize("title", ["", "   ", "\n\t "])
def test_a_reminder_must_say_what_it_is_for(store, title):
    with pytest.raises(CompanionError, match="Please write what the reminder is for"):
        add(store, title=title)
    assert count_rows(store) == 0


def test_a_title_is_tidied_and_a_bad_edit_changes_nothing(store):
    saved = add(store, title="  Call   Mum \n", repeat=Repeat("weekly", weekdays=(SUNDAY,)))
    assert saved.title == "Call Mum"
    with pytest.raises(CompanionError):
        reminders.update(
            store,
            saved.id,
            "Call Mum",
            wall(2026, 1, 11, 18),
            Repeat("daily", 100),
            None,
            now=at(2026, 1, 6),
            zone=LONDON,
        )
    with pytest.raises(CompanionError):
        reminders.update(
            store,
            saved.id,
            " ",
            wall(2026, 1, 11, 18),
            Repeat("daily"),
            None,
            at(2026, 1, 6),
            LONDON,
        )
    assert reminders.get(store, saved.id) == saved


# --- month ends, leap days, "the second Tuesday" ---------------------------------------------


def test_monthly_on_the_31st_falls_on_the_last_day_of_shorter_months():
    monthly = reminder(wall(2026, 1, 31, 10), Repeat("monthly_day"))
    hits = monthly.occurrences(None, wall(2028, 12, 31, 23, 59))
    expected = [
        wall(year, month, last_day(year, month), 10)
        for year in (2026, 2027, 2028)
        for month in range(1, 13)
    ]
    assert hits == expected
    assert wall(2026, 2, 28, 10) in hits and wall(2028, 2, 29, 10) in hits
    assert wall(2026, 4, 30, 10) in hits and wall(2026, 5, 31, 10) in hits
    assert monthly.next_after(wall(2026, 1, 31, 10)) == wall(2026, 2, 28, 10)
    assert monthly.next_after(wall(2026, 3, 31, 10)) == wall(2026, 4, 30, 10)


def test_monthly_on_the_30th_is_28_or_29_february_then_back_to_the_30th():
    monthly = reminder(wall(2026, 1, 30, 10), Repeat("monthly_day"))
    hits = monthly.occurrences(None, wall(2026, 6, 30, 23))
    assert hits == [
        wall(2026, 1, 30, 10),
        wall(2026, 2, 28, 10),
        wall(2026, 3, 30, 10),
        wall(2026, 4, 30, 10),
        wall(2026, 5, 30, 10),
        wall(2026, 6, 30, 10),
    ]
    assert monthly.next_after(wall(2028, 1, 30, 10)) == wall(2028, 2, 29, 10)
    assert monthly.next_after(wall(2028, 2, 29, 10)) == wall(2028, 3, 30, 10)


def test_monthly_on_an_ordinary_day_never_moves():
    monthly = reminder(wall(2026, 1, 15, 10), Repeat("monthly_day"))
    assert [h.day for h in monthly.occurrences(None, wall(2026, 12, 31))] == [15] * 12


def test_every_other_month_on_the_31st():
    monthly = reminder(wall(2026, 1, 31, 10), Repeat("monthly_day", 2))
    assert monthly.occurrences(None, wall(2026, 9, 30, 23)) == [
        wall(2026, 1, 31, 10),
        wall(2026, 3, 31, 10),
        wall(2026, 5, 31, 10),
        wall(2026, 7, 31, 10),
        wall(2026, 9, 30, 10),
    ]


def test_yearly_on_29_february_is_the_28th_in_common_years():
    birthday = reminder(wall(2028, 2, 29, 9), Repeat("yearly"))
    assert birthday.occurrences(None, wall(2033, 12, 31)) == [
        wall(2028, 2, 29, 9),
        wall(2029, 2, 28, 9),
        wall(2030, 2, 28, 9),
        wall(2031, 2, 28, 9),
        wall(2032, 2, 29, 9),
        wall(2033, 2, 28, 9),
    ]
    assert birthday.next_after(wall(2031, 3, 1)) == wall(2032, 2, 29, 9)


def test_yearly_on_an_ordinary_day():
    yearly = reminder(wall(2026, 6, 1, 9), Repeat("yearly"))
    assert yearly.occurrences(wall(2026, 6, 1, 9), wall(2029, 6, 1, 9)) == [
        wall(2027, 6, 1, 9),
        wall(2028, 6, 1, 9),
        wall(2029, 6, 1, 9),
    ]


@pytest.mark.parametrize(
    ("starts", "weekday", "nth"),
    [
        (wall(2026, 1, 13, 14), 1, 2),  # the second Tuesday
        (wall(2026, 1, 30, 14), FRIDAY, -1),  # the last Friday
        (wall(2026, 1, 1, 14), THURSDAY, 1),  # the first Thursday
        (wall(2026, 1, 22, 14), THURSDAY, 4),  # the fourth Thursday
    ],
)
def test_the_nth_weekday_of_every_month(starts, weekday, nth):
    assert starts.date() == nth_weekday(2026, 1, weekday, nth)
    monthly = reminder(starts, Repeat("monthly_nth", nth=nth))
    hits = monthly.occurrences(None, wall(2027, 12, 31, 23))
    expected = [
        datetime.combine(nth_weekday(year, month, weekday, nth), starts.time())
        for year in (2026, 2027)
        for month in range(1, 13)
    ]
    assert hits == expected


def test_the_last_friday_is_sometimes_the_fifth():
    last_friday = reminder(wall(2026, 1, 30, 14), Repeat("monthly_nth", nth=-1))
    # May 2026 has five Fridays; the 29th is the last, not the 22nd.
    assert last_friday.next_after(wall(2026, 4, 30)) == wall(2026, 5, 29, 14)


def test_weekly_on_several_days():
    classes = reminder(wall(2026, 1, 5, 10), Repeat("weekly", weekdays=(MONDAY, WEDNESDAY, FRIDAY)))
    hits = classes.occurrences(None, wall(2026, 1, 18, 23))
    assert hits == [wall(2026, 1, d, 10) for d in (5, 7, 9, 12, 14, 16)]
    assert classes.next_after(wall(2026, 1, 9, 10)) == wall(2026, 1, 12, 10)
    # Starting on a day that was not ticked: the first time is the next ticked day.
    from_tuesday = reminder(wall(2026, 1, 6, 10), Repeat("weekly", weekdays=(MONDAY, FRIDAY)))
    assert from_tuesday.next_after(None) == wall(2026, 1, 9, 10)
    assert from_tuesday.occurrences(None, wall(2026, 1, 12, 23)) == [
        wall(2026, 1, 9, 10),
        wall(2026, 1, 12, 10),
    ]


def test_every_two_weeks():
    fortnightly = reminder(wall(2026, 1, 5, 10), Repeat("weekly", 2, (MONDAY,)))
    assert fortnightly.occurrences(None, wall(2026, 3, 1)) == [
        wall(2026, 1, 5, 10),
        wall(2026, 1, 19, 10),
        wall(2026, 2, 2, 10),
        wall(2026, 2, 16, 10),
    ]
    assert fortnightly.next_after(wall(2026, 1, 6)) == wall(2026, 1, 19, 10)


def test_daily_and_every_few_days():
    daily = reminder(wall(2026, 1, 5, 8, 30), Repeat("daily"))
    hits = daily.occurrences(None, wall(2026, 1, 31, 23, 59))
    assert hits[0] == wall(2026, 1, 5, 8, 30) and len(hits) == 27
    assert all(b - a == timedelta(days=1) for a, b in zip(hits, hits[1:], strict=False))
    assert daily.next_after(wall(2026, 1, 9, 8, 30)) == wall(2026, 1, 10, 8, 30)
    assert daily.next_after(wall(2026, 1, 9, 8, 29)) == wall(2026, 1, 9, 8, 30)
    every_third = reminder(wall(2026, 1, 5, 8, 30), Repeat("daily", 3))
    assert [h.day for h in every_third.occurrences(None, wall(2026, 1, 15))] == [5, 8, 11, 14]


def test_occurrences_are_strictly_after_and_up_to_including_the_end():
    daily = reminder(wall(2026, 1, 5, 9), Repeat("daily"))
    assert daily.occurrences(wall(2026, 1, 6, 9), wall(2026, 1, 8, 9)) == [
        wall(2026, 1, 7, 9),
        wall(2026, 1, 8, 9),
    ]
    assert daily.occurrences(wall(2026, 1, 6, 9), wall(2026, 1, 7, 8, 59)) == []
    # Nothing before the first time, however far back one looks.
    assert daily.occurrences(wall(2025, 1, 1), wall(2026, 1, 5, 9)) == [wall(2026, 1, 5, 9)]


def test_a_one_off_happens_once():
    once = reminder(wall(2026, 1, 11, 17))
    assert once.next_after(None) == wall(2026, 1, 11, 17)
    assert once.next_after(wall(2026, 1, 11, 16, 59)) == wall(2026, 1, 11, 17)
    assert once.next_after(wall(2026, 1, 11, 17)) is None
    assert once.occurrences(None, wall(2030, 1, 1)) == [wall(2026, 1, 11, 17)]
    assert once.occurrences(wall(2026, 1, 11, 17), wall(2030, 1, 1)) == []
    assert once.occurrences(None, wall(2026, 1, 11, 16, 59)) == []


# --- wall-clock time across clock changes and time-zone moves -------------------------------


@pytest.mark.parametrize(
    ("zone", "before", "after"),
    [
        (LONDON, date(2026, 3, 22), date(2026, 3, 29)),  # clocks go forward on the 29th
        (LONDON, date(2026, 10, 18), date(2026, 10, 25)),  # clocks go back on the 25th
        (NEW_YORK, date(2026, 3, 1), date(2026, 3, 8)),
        (NEW_YORK, date(2026, 10, 25), date(2026, 11, 1)),
    ],
)
def test_a_5pm_weekly_reminder_stays_at_5pm_when_the_clocks_change(store, zone, before, after):
    starts = datetime.combine(before, datetime.min.time()).replace(hour=17)
    call = add(
        store,
        starts=starts,
        repeat=Repeat("weekly", weekdays=(SUNDAY,)),
        now=at(before.year, before.month, before.day, 9, tz=zone),
        zone=zone,
    )
    first = call.next_fire
    assert first is not None
    (item,) = reminders.due(store, first, zone)
    reminders.done(store, item, first, zone)
    second = reminders.get(store, call.id).next_fire
    assert second is not None
    for moment, day in ((first, before), (second, after)):
        local = moment.astimezone(zone)
        assert (local.date(), local.hour, local.minute) == (day, 17, 0)
    assert first.astimezone(zone).utcoffset() != second.astimezone(zone).utcoffset()
    # A week apart on the wall clock, so 167 or 169 hours apart in real time.
    assert abs(second - first - timedelta(weeks=1)) == timedelta(hours=1)
    # And it comes round at 5 pm local, not an hour early or late.
    one_hour = timedelta(hours=1)
    assert reminders.due(store, second - one_hour, zone) == []
    assert titles(reminders.due(store, second, zone)) == ["Call Mum"]


def test_a_time_skipped_by_the_clocks_going_forward_moves_forward_by_the_gap():
    placed = reminders.to_instant(wall(2026, 3, 8, 2, 30), NEW_YORK)
    assert utc(placed) == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)
    assert placed.astimezone(NEW_YORK).hour == 3 and placed.minute == 30
    assert placed.utcoffset() == timedelta(hours=-4)
    # An ordinary day is left alone.
    ordinary = reminders.to_instant(wall(2026, 3, 9, 2, 30), NEW_YORK)
    assert utc(ordinary) == datetime(2026, 3, 9, 6, 30, tzinfo=UTC)


def poll(store, start: datetime, end: datetime, zone, step=timedelta(minutes=15)):
    """Check every ``step`` through the night, ticking Done on whatever comes up."""
    fired = []
    moment = start.astimezone(UTC)
    while moment <= end:
        now = moment.astimezone(zone)
        for item in reminders.due(store, now, zone):
            fired.append((moment, item))
            reminders.done(store, item, now, zone)
        moment += step
    return fired


def test_a_230am_daily_reminder_fires_at_330_on_the_spring_forward_night(store):
    pills = add(
        store,
        "Take tablets",
        wall(2026, 3, 6, 2, 30),
        Repeat("daily"),
        now=at(2026, 3, 5, 12, tz=NEW_YORK),
        zone=NEW_YORK,
    )
    fired = poll(
        store,
        at(2026, 3, 7, 12, tz=NEW_YORK),
        datetime(2026, 3, 9, 12, tzinfo=UTC),
        NEW_YORK,
    )
    on_the_day = [
        (moment, item) for moment, item in fired if item.occurrence.date() == date(2026, 3, 8)
    ]
    assert len(on_the_day) == 1, "not skipped, and only once"
    moment, item = on_the_day[0]
    assert moment == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)
    assert item.instant.astimezone(NEW_YORK).strftime("%H:%M %Z") == "03:30 EDT"
    # The next night it is back at 2:30.
    assert [utc(m) for m, i in fired if i.occurrence.date() == date(2026, 3, 9)] == [
        datetime(2026, 3, 9, 6, 30, tzinfo=UTC)
    ]
    assert reminders.get(store, pills.id).next_fire == datetime(2026, 3, 10, 6, 30, tzinfo=UTC)


def test_a_130am_reminder_fires_once_on_the_night_the_clocks_go_back(store):
    add(
        store,
        "Take tablets",
        wall(2026, 10, 30, 1, 30),
        Repeat("daily"),
        now=at(2026, 10, 29, 12, tz=NEW_YORK),
        zone=NEW_YORK,
    )
    fired = poll(
        store,
        at(2026, 10, 31, 12, tz=NEW_YORK),
        datetime(2026, 11, 1, 12, tzinfo=UTC),
        NEW_YORK,
        step=timedelta(minutes=5),
    )
    on_the_day = [
        (moment, item) for moment, item in fired if item.occurrence.date() == date(2026, 11, 1)
    ]
    assert len(on_the_day) == 1, "01:30 happens twice that night but fires once"
    moment, item = on_the_day[0]
    # The first 1:30 (still summer time).
    assert moment == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)
    assert item.instant.astimezone(NEW_YORK).strftime("%H:%M %Z") == "01:30 EDT"


def test_moving_to_another_time_zone_keeps_the_local_time(store):
    call = add(
        store,
        starts=wall(2026, 1, 11, 17),
        repeat=Repeat("weekly", weekdays=(SUNDAY,)),
        zone=LONDON,
    )
    assert call.next_fire == datetime(2026, 1, 11, 17, tzinfo=UTC)
    in_sydney = reminders.compute_next_fire(call, SYDNEY)
    assert in_sydney == datetime(2026, 1, 11, 6, tzinfo=UTC)  # 17:00 AEDT (+11)
    assert in_sydney != call.next_fire

    assert reminders.recompute_all(store, zone=SYDNEY) == 1
    moved = reminders.get(store, call.id).next_fire
    assert moved == in_sydney
    assert moved.astimezone(SYDNEY).hour == 17
    now_sydney = at(2026, 1, 11, 16, 59, tz=SYDNEY)
    assert reminders.next_fire_time(store, now_sydney) == moved
    assert reminders.due(store, now_sydney, SYDNEY) == []
    assert titles(reminders.due(store, at(2026, 1, 11, 17, tz=SYDNEY), SYDNEY)) == ["Call Mum"]

    assert reminders.recompute_all(store, zone=LONDON) == 1
    assert reminders.get(store, call.id).next_fire == datetime(2026, 1, 11, 17, tzinfo=UTC)


def test_the_one_timer_waits_for_the_earliest_of_many(store):
    rng = random.Random(5)
    hours = list(range(8, 20))
    rng.shuffle(hours)
    for hour in hours:
        add(store, f"At {hour}", wall(2026, 1, 12, hour), Repeat("daily"))
    now = at(2026, 1, 12, 7)
    assert reminders.next_fire_time(store, now) == at(2026, 1, 12, 8)
    assert reminders.next_fire_time(store, at(2026, 1, 12, 8)) == at(2026, 1, 12, 9)
    assert reminders.next_fire_time(store, at(2026, 1, 12, 13, 30)) == at(2026, 1, 12, 14)
    # Nothing later is waiting (their next times are still today's, until ticked off).
    assert reminders.next_fire_time(store, at(2026, 1, 12, 19)) is None


# --- what is due now ---------------------------------------------------------------------------


def test_nothing_is_due_before_its_time_and_it_is_due_exactly_at_it(store):
    add(store, "Doctor", wall(2026, 1, 12, 17))
    assert reminders.due(store, at(2026, 1, 12, 16, 59, 59), LONDON) == []
    (item,) = reminders.due(store, at(2026, 1, 12, 17), LONDON)
    assert item.reminder.title == "Doctor"
    assert item.occurrence == wall(2026, 1, 12, 17)
    assert utc(item.instant) == datetime(2026, 1, 12, 17, tzinfo=UTC)
    assert item.snoozed is False
    # Still due a little later, if nobody has answered it.
    assert titles(reminders.due(store, at(2026, 1, 12, 17, 3), LONDON)) == ["Doctor"]


def test_after_a_week_away_a_daily_reminder_is_listed_once_not_a_burst(store):
    pills = add(store, "Take tablets", wall(2026, 1, 5, 9), Repeat("daily"))
    (first,) = reminders.due(store, at(2026, 1, 5, 9), LONDON)
    reminders.done(store, first, at(2026, 1, 5, 9, 1), LONDON)

    # The computer was off for a week; just before it came back, a one-off fell due.
    add(store, "Ring the plumber", wall(2026, 1, 12, 11, 59))
    now = at(2026, 1, 12, 12)
    found = reminders.due(store, now, LONDON)
    assert sorted(titles(found)) == ["Ring the plumber", "Take tablets"]
    (daily,) = [d for d in found if d.reminder.id == pills.id]
    assert daily.occurrence == wall(2026, 1, 12, 9), "the latest time, not the first missed"

    fresh, missed = reminders.split_late(found, now)
    assert titles(fresh) == ["Ring the plumber"]
    assert titles(missed) == ["Take tablets"]

    # Once the "while you were away" list is seen, nothing is owed from the week.
    reminders.handled(store, pills.id, daily.occurrence, LONDON)
    assert titles(reminders.due(store, now, LONDON)) == ["Ring the plumber"]
    assert reminders.get(store, pills.id).next_fire == at(2026, 1, 13, 9)


def test_split_late_uses_five_minutes():
    item = reminders.Due(reminder(wall(2026, 1, 12, 9)), wall(2026, 1, 12, 9), at(2026, 1, 12, 9))
    assert reminders.split_late([item], at(2026, 1, 12, 9, 5)) == ([item], [])
    assert reminders.split_late([item], at(2026, 1, 12, 9, 5, 1)) == ([], [item])


def test_lateness_is_real_time_across_the_clocks_going_back():
    # 1:30 EDT, then the clocks go back at 2:00 and it is 1:32 EST: an hour and two minutes.
    when = at(2026, 11, 1, 1, 30, tz=NEW_YORK)
    item = reminders.Due(reminder(wall(2026, 11, 1, 1, 30)), wall(2026, 11, 1, 1, 30), when)
    now = at(2026, 11, 1, 1, 32, tz=NEW_YORK, fold=1)
    assert utc(now) - utc(when) == timedelta(minutes=62)
    assert reminders.split_late([item], now) == ([], [item])


def test_handled_stops_it_until_the_next_time(store):
    add(store, "Walk", wall(2026, 1, 5, 9), Repeat("daily"))
    (item,) = reminders.due(store, at(2026, 1, 12, 9), LONDON)
    reminders.handled(store, item.reminder.id, item.occurrence, LONDON)
    assert reminders.due(store, at(2026, 1, 12, 9, 1), LONDON) == []
    assert reminders.due(store, at(2026, 1, 13, 8, 59), LONDON) == []
    assert titles(reminders.due(store, at(2026, 1, 13, 9), LONDON)) == ["Walk"]


def test_done_stops_it_until_the_next_time(store):
    call = add(store, starts=wall(2026, 1, 11, 17), repeat=Repeat("weekly", weekdays=(SUNDAY,)))
    (item,) = reminders.due(store, at(2026, 1, 11, 17), LONDON)
    after = reminders.done(store, item, at(2026, 1, 11, 17, 20), LONDON)
    assert after.next_fire == at(2026, 1, 18, 17)
    assert reminders.due(store, at(2026, 1, 18, 16, 59), LONDON) == []
    assert titles(reminders.due(store, at(2026, 1, 18, 17), LONDON)) == ["Call Mum"]
    assert reminders.get(store, call.id).next_fire == at(2026, 1, 18, 17)


def test_done_on_a_notice_left_open_overnight_settles_the_newer_time_too(store):
    walk = add(store, "Walk", wall(2026, 1, 12, 9), Repeat("daily"))
    (monday,) = reminders.due(store, at(2026, 1, 12, 9), LONDON)
    # The banner stayed up; Done is pressed on Tuesday at 10, after Tuesday's 9 o'clock.
    reminders.done(store, monday, at(2026, 1, 13, 10), LONDON)
    assert reminders.due(store, at(2026, 1, 13, 10, 1), LONDON) == []
    assert reminders.get(store, walk.id).next_fire == at(2026, 1, 14, 9)


def test_answering_an_older_notice_does_not_bring_back_times_already_done(store):
    walk = add(store, "Walk", wall(2026, 1, 5, 9), Repeat("daily"))
    (item,) = reminders.due(store, at(2026, 1, 12, 9), LONDON)
    reminders.done(store, item, at(2026, 1, 12, 9, 5), LONDON)
    # A stale "while you were away" entry for an earlier day is then marked as seen.
    reminders.handled(store, walk.id, wall(2026, 1, 10, 9), LONDON)
    assert reminders.due(store, at(2026, 1, 12, 10), LONDON) == []
    assert reminders.get(store, walk.id).next_fire == at(2026, 1, 13, 9)


def test_done_on_a_reminder_about_a_person_counts_as_being_in_touch(store):
    mum = contacts.add_person(
        store, at(2026, 1, 5, 9), Person(0, "Mum", "family", schedule=Schedule(2, "weeks"))
    )
    assert mum.next_due == date(2026, 1, 19)
    add(
        store,
        starts=wall(2026, 1, 11, 17),
        repeat=Repeat("weekly", weekdays=(SUNDAY,)),
        person_id=mum.id,
    )
    add(store, "Bins out", wall(2026, 1, 11, 17))
    found = reminders.due(store, at(2026, 1, 11, 17), LONDON)
    assert sorted(titles(found)) == ["Bins out", "Call Mum"]
    now = at(2026, 1, 11, 17, 25)
    for item in found:
        reminders.done(store, item, now, LONDON)

    (contact,) = contacts.contacts_for(store, mum.id)
    assert contact.kind == "call"
    assert utc(contact.at) == utc(now)
    mum = contacts.get_person(store, mum.id)
    assert utc(mum.last_contact) == utc(now)
    assert mum.next_due == date(2026, 1, 25), "two weeks from the call, not from being added"
    assert int(store.query_one("SELECT count(*) FROM contacts")[0]) == 1


def test_done_with_another_way_of_keeping_in_touch(store):
    ann = contacts.add_person(store, at(2026, 1, 5, 9), Person(0, "Ann"))
    add(store, "Visit Ann", wall(2026, 1, 11, 15), person_id=ann.id)
    (item,) = reminders.due(store, at(2026, 1, 11, 15), LONDON)
    reminders.done(store, item, at(2026, 1, 11, 16), LONDON, kind="visit")
    assert [c.kind for c in contacts.contacts_for(store, ann.id)] == ["visit"]


def test_done_still_works_when_the_person_has_been_removed(store):
    ann = contacts.add_person(store, at(2026, 1, 5, 9), Person(0, "Ann"))
    visit = add(store, "Visit Ann", wall(2026, 1, 11, 15), Repeat("daily"), person_id=ann.id)
    (item,) = reminders.due(store, at(2026, 1, 11, 15), LONDON)
    contacts.delete_person(store, at(2026, 1, 11, 15, 1), ann.id)
    reminders.done(store, item, at(2026, 1, 11, 15, 2), LONDON)
    assert reminders.due(store, at(2026, 1, 11, 15, 3), LONDON) == []
    assert reminders.get(store, visit.id).next_fire == at(2026, 1, 12, 15)
    assert int(store.query_one("SELECT count(*) FROM contacts")[0]) == 0


def test_a_one_off_once_done_is_never_due_again(store):
    doctor = add(store, "Doctor", wall(2026, 1, 12, 10))
    (item,) = reminders.due(store, at(2026, 1, 12, 10), LONDON)
    after = reminders.done(store, item, at(2026, 1, 12, 10, 1), LONDON)
    assert after.next_fire is None
    for later in (at(2026, 1, 12, 10, 2), at(2026, 1, 13), at(2027, 1, 12, 10)):
        assert reminders.due(store, later, LONDON) == []
    assert reminders.next_fire_time(store, at(2026, 1, 1)) is None
    assert reminders.get(store, doctor.id).title == "Doctor"  # still listed, just finished
    # A new zone does not bring it back.
    reminders.recompute_all(store, zone=SYDNEY)
    assert reminders.get(store, doctor.id).next_fire is None


def test_a_daily_reminder_added_after_todays_time_starts_tomorrow(store):
    now = at(2026, 1, 12, 10)
    pills = add(store, "Take tablets", wall(2026, 1, 12, 8), Repeat("daily"), now=now)
    assert reminders.due(store, now, LONDON) == []
    assert pills.next_fire == at(2026, 1, 13, 8)


# --- snooze ---------------------------------------------------------------------------------


def test_snooze_choices_are_ten_minutes_an_hour_and_tomorrow():
    now = at(2026, 1, 12, 9, 2)
    choices = reminders.snooze_choices(now)
    assert [until for _words, until in choices] == [
        at(2026, 1, 12, 9, 12),
        at(2026, 1, 12, 10, 2),
        at(2026, 1, 13, 9, 2),
    ]
    words = [w.lower() for w, _until in choices]
    assert "10 minutes" in words[0]
    assert "hour" in words[1]
    assert "tomorrow" in words[2]


def test_snoozed_it_comes_back_at_the_snooze_time_then_done_clears_it(store):
    walk = add(store, "Walk", wall(2026, 1, 5, 9), Repeat("daily"))
    (item,) = reminders.due(store, at(2026, 1, 12, 9), LONDON)
    now = at(2026, 1, 12, 9, 2)
    _words, until = reminders.snooze_choices(now)[0]
    reminders.snooze(store, item, until, LONDON)

    assert reminders.due(store, at(2026, 1, 12, 9, 11), LONDON) == []
    assert reminders.next_fire_time(store, now) == at(2026, 1, 12, 9, 12)
    (again,) = reminders.due(store, at(2026, 1, 12, 9, 12), LONDON)
    assert again.snoozed is True
    assert again.reminder.id == walk.id
    assert again.occurrence == wall(2026, 1, 12, 9)

    reminders.done(store, again, at(2026, 1, 12, 9, 13), LONDON)
    assert reminders.due(store, at(2026, 1, 12, 23), LONDON) == []
    assert reminders.get(store, walk.id).next_fire == at(2026, 1, 13, 9)


def test_a_snoozed_one_off_comes_back_once(store):
    add(store, "Doctor", wall(2026, 1, 12, 10))
    (item,) = reminders.due(store, at(2026, 1, 12, 10), LONDON)
    reminders.snooze(store, item, at(2026, 1, 12, 11), LONDON)
    assert reminders.due(store, at(2026, 1, 12, 10, 59), LONDON) == []
    (again,) = reminders.due(store, at(2026, 1, 12, 11), LONDON)
    assert again.snoozed
    assert reminders.done(store, again, at(2026, 1, 12, 11, 1), LONDON).next_fire is None
    assert reminders.due(store, at(2026, 1, 13), LONDON) == []


def test_snoozed_until_tomorrow_comes_once_not_twice(store):
    add(store, "Walk", wall(2026, 1, 5, 9), Repeat("daily"))
    (item,) = reminders.due(store, at(2026, 1, 12, 9), LONDON)
    reminders.snooze(store, item, at(2026, 1, 13, 9), LONDON)
    assert reminders.due(store, at(2026, 1, 12, 20), LONDON) == []
    found = reminders.due(store, at(2026, 1, 13, 9), LONDON)
    assert len(found) == 1
    assert found[0].occurrence == wall(2026, 1, 13, 9)


# --- pause ----------------------------------------------------------------------------------


def test_a_paused_reminder_is_never_due_and_the_timer_ignores_it(store):
    walk = add(store, "Walk", wall(2026, 1, 5, 9), Repeat("daily"))
    add(store, "Bins out", wall(2026, 1, 14, 19))
    paused = reminders.set_paused(store, walk.id, True, at(2026, 1, 10, 12), LONDON)
    assert paused.paused and paused.next_fire is None
    for now in (at(2026, 1, 11, 9), at(2026, 1, 12, 9), at(2026, 1, 13, 9, 30)):
        assert reminders.due(store, now, LONDON) == []
    assert reminders.next_fire_time(store, at(2026, 1, 10, 12)) == at(2026, 1, 14, 19)
    assert reminders.recompute_all(store, zone=LONDON) == 2
    assert reminders.get(store, walk.id).next_fire is None


def test_carrying_on_after_a_pause_does_not_fire_the_missed_times(store):
    walk = add(store, "Walk", wall(2026, 1, 5, 9), Repeat("daily"))
    reminders.set_paused(store, walk.id, True, at(2026, 1, 10, 12), LONDON)
    back = reminders.set_paused(store, walk.id, False, at(2026, 1, 15, 12), LONDON)
    assert not back.paused
    assert reminders.due(store, at(2026, 1, 15, 12), LONDON) == []
    assert back.next_fire == at(2026, 1, 16, 9)
    assert titles(reminders.due(store, at(2026, 1, 16, 9), LONDON)) == ["Walk"]


def test_pausing_ends_a_snooze(store):
    walk = add(store, "Walk", wall(2026, 1, 5, 9), Repeat("daily"))
    (item,) = reminders.due(store, at(2026, 1, 12, 9), LONDON)
    reminders.snooze(store, item, at(2026, 1, 12, 10), LONDON)
    reminders.set_paused(store, walk.id, True, at(2026, 1, 12, 9, 30), LONDON)
    reminders.set_paused(store, walk.id, False, at(2026, 1, 12, 9, 40), LONDON)
    assert reminders.due(store, at(2026, 1, 12, 10), LONDON) == []
    assert reminders.get(store, walk.id).next_fire == at(2026, 1, 13, 9)


# --- editing ----------------------------------------------------------------------------------


def test_changing_the_time_moves_the_next_one_and_forgets_times_before_the_change(store):
    walk = add(store, "Walk", wall(2026, 1, 5, 9), Repeat("daily"))
    now = at(2026, 1, 10, 12)
    assert titles(reminders.due(store, now, LONDON)) == ["Walk"]  # unanswered since the 5th
    changed = reminders.update(
        store, walk.id, "Evening walk", wall(2026, 1, 5, 18), Repeat("daily"), None, now, LONDON
    )
    assert changed.title == "Evening walk"
    assert reminders.due(store, now, LONDON) == []
    assert changed.next_fire == at(2026, 1, 10, 18)
    assert titles(reminders.due(store, at(2026, 1, 10, 18), LONDON)) == ["Evening walk"]


def test_changing_to_a_later_start_waits_for_it(store):
    walk = add(store, "Walk", wall(2026, 1, 5, 9), Repeat("daily"))
    changed = reminders.update(
        store,
        walk.id,
        "Walk",
        wall(2026, 2, 1, 9),
        Repeat("weekly", weekdays=(SUNDAY,)),
        None,
        at(2026, 1, 10, 12),
        LONDON,
    )
    assert changed.next_fire == at(2026, 2, 1, 9)
    assert changed.repeat == Repeat("weekly", weekdays=(SUNDAY,))
    assert reminders.due(store, at(2026, 1, 31, 23), LONDON) == []


def test_editing_a_deleted_reminder_says_so(store):
    walk = add(store, "Walk", wall(2026, 1, 5, 9), Repeat("daily"))
    reminders.delete(store, walk.id, at(2026, 1, 6))
    with pytest.raises(CompanionError, match="no longer here"):
        reminders.update(
            store,
            walk.id,
            "Walk",
            wall(2026, 1, 5, 9),
            Repeat("daily"),
            None,
            at(2026, 1, 6),
            LONDON,
        )


# --- delete with undo ----------------------------------------------------------------------


def test_deleted_is_not_due_and_undo_brings_it_back_with_its_schedule(store):
    call = add(store, starts=wall(2026, 1, 11, 17), repeat=Repeat("weekly", weekdays=(SUNDAY,)))
    walk = add(store, "Walk", wall(2026, 1, 12, 9), Repeat("daily"))
    reminders.delete(store, call.id, at(2026, 1, 10))
    assert titles(reminders.all_reminders(store)) == ["Walk"]
    assert reminders.due(store, at(2026, 1, 11, 17), LONDON) == []
    assert reminders.next_fire_time(store, at(2026, 1, 10)) == at(2026, 1, 12, 9)
    with pytest.raises(CompanionError):
        reminders.get(store, call.id)

    back = reminders.undo_delete(store, call.id, LONDON)
    assert back == call
    assert reminders.next_fire_time(store, at(2026, 1, 10)) == at(2026, 1, 11, 17)
    assert titles(reminders.due(store, at(2026, 1, 11, 17), LONDON)) == ["Call Mum"]
    assert reminders.get(store, walk.id) == walk


def test_purging_removes_only_the_deleted_for_good(store):
    call = add(store)
    walk = add(store, "Walk", wall(2026, 1, 12, 9), Repeat("daily"))
    reminders.delete(store, call.id, at(2026, 1, 10))
    reminders.purge_deleted(store)
    assert count_rows(store) == 1
    with pytest.raises(CompanionError, match="no longer here"):
        reminders.undo_delete(store, call.id, LONDON)
    assert reminders.get(store, walk.id) == walk


# --- what comes next -------------------------------------------------------------------------


def test_upcoming_lists_the_next_days_in_order_without_paused_ones(store):
    add(store, "Walk", wall(2026, 1, 5, 9), Repeat("daily"))
    add(store, "Call Mum", wall(2026, 1, 11, 17), Repeat("weekly", weekdays=(SUNDAY,)))
    add(store, "Dentist", wall(2026, 2, 20, 11))  # beyond the window
    add(store, "Bins out", wall(2026, 1, 13, 7))
    paused = add(store, "Stretch", wall(2026, 1, 5, 8), Repeat("daily"))
    reminders.set_paused(store, paused.id, True, at(2026, 1, 5, 7), LONDON)
    gone = add(store, "Old thing", wall(2026, 1, 13, 10))
    reminders.delete(store, gone.id, at(2026, 1, 5, 7))

    now = at(2026, 1, 12, 12)  # Monday noon: today's walk has gone by
    coming = reminders.upcoming(store, now, days=7, zone=LONDON)
    moments = [moment for moment, _r in coming]
    assert moments == sorted(moments)
    assert all(now < m <= now + timedelta(days=7) for m in moments)
    names = [r.title for _m, r in coming]
    assert names.count("Walk") == 7  # the 13th to the 19th
    assert names.count("Call Mum") == 1
    assert names.count("Bins out") == 1
    assert not {"Dentist", "Stretch", "Old thing"} & set(names)
    assert coming[0][0] == at(2026, 1, 13, 7) and coming[0][1].title == "Bins out"
    assert (at(2026, 1, 18, 17), "Call Mum") in [(m, r.title) for m, r in coming]


# --- plain words -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("starts", "repeat", "words"),
    [
        (wall(2026, 1, 11, 17), Repeat("weekly", weekdays=(SUNDAY,)), ["Every Sunday at", "5:00"]),
        (wall(2026, 1, 5, 8, 30), Repeat("daily"), ["Every day at", "8:30"]),
        (wall(2026, 1, 5, 8, 30), Repeat("daily", 3), ["Every 3 days at"]),
        (
            wall(2026, 1, 5, 10),
            Repeat("weekly", 2, (MONDAY, THURSDAY)),
            ["Every 2 weeks on", "Monday", "Thursday"],
        ),
        (wall(2026, 1, 31, 10), Repeat("monthly_day"), ["Every month on day 31"]),
        (wall(2026, 1, 13, 14), Repeat("monthly_nth", nth=2), ["second Tuesday", "2:00"]),
        (wall(2026, 1, 30, 14), Repeat("monthly_nth", nth=-1), ["last Friday"]),
        (wall(2028, 2, 29, 9), Repeat("yearly"), ["Every year on February 29"]),
        (wall(2026, 11, 22, 17), Repeat("once"), ["Once", "Sunday, November 22", "5:00"]),
    ],
)
def test_describe_says_how_often_in_plain_words(starts, repeat, words):
    text = reminders.describe(reminder(starts, repeat))
    for word in words:
        assert word in text
    for jargon in ("FREQ", "BYDAY", "INTERVAL", "None", "{", "-1"):
        assert jargon not in text
    assert ("Every" in text) == (repeat.kind != "once")


def test_when_words_says_today_tomorrow_a_weekday_or_a_date():
    now = at(2026, 1, 5, 12)  # a Monday
    today = reminders.when_words(at(2026, 1, 5, 17), now)
    assert today.startswith("Today at") and "5:00" in today
    tomorrow = reminders.when_words(at(2026, 1, 6, 9, 30), now)
    assert tomorrow.startswith("Tomorrow at") and "9:30" in tomorrow
    assert reminders.when_words(at(2026, 1, 8, 17), now).startswith("Thursday at")
    later = reminders.when_words(at(2026, 1, 15, 17), now)
    assert later.startswith("Thursday, January 15 at")


def test_when_words_speaks_in_the_persons_own_time():
    now = at(2026, 7, 1, 12)  # London, summer time
    text = reminders.when_words(datetime(2026, 7, 1, 23, 30, tzinfo=UTC), now)
    assert text.startswith("Tomorrow at") and "12:30" in text


@pytest.mark.parametrize(
    ("now", "suggested"),
    [
        (at(2026, 1, 5, 14, 20), wall(2026, 1, 5, 15)),
        (at(2026, 1, 5, 20, 10), wall(2026, 1, 6, 9)),
        (at(2026, 1, 5, 23, 30), wall(2026, 1, 6, 9)),
    ],
)
def test_the_suggested_start_is_the_next_hour_or_9am_tomorrow(now, suggested):
    assert reminders.default_start(now) == suggested


# --- keep-in-touch nudges -----------------------------------------------------------------------


def test_a_person_is_nudged_once_per_due_date(store):
    ann = contacts.add_person(
        store, at(2026, 1, 1, 9), Person(0, "Ann", schedule=Schedule(1, "weeks"))
    )
    contacts.log_contact(store, ann.id, at(2026, 1, 5, 9))
    contacts.add_person(store, at(2026, 1, 5, 9), Person(0, "Bob"))  # no schedule: never nudged
    assert keep_in_touch.people_to_nudge(store, date(2026, 1, 11)) == []
    assert keep_in_touch.people_to_nudge(store, date(2026, 1, 12)) == [
        (ann.id, "Ann", date(2026, 1, 12))
    ]

    keep_in_touch.mark_nudged(store, ann.id, date(2026, 1, 12))
    keep_in_touch.mark_nudged(store, ann.id, date(2026, 1, 12))  # twice is harmless
    assert keep_in_touch.people_to_nudge(store, date(2026, 1, 12)) == []
    assert keep_in_touch.people_to_nudge(store, date(2026, 1, 14)) == []

    contacts.log_contact(store, ann.id, at(2026, 1, 14, 10))
    assert keep_in_touch.people_to_nudge(store, date(2026, 1, 20)) == []
    assert keep_in_touch.people_to_nudge(store, date(2026, 1, 21)) == [
        (ann.id, "Ann", date(2026, 1, 21))
    ]


def test_many_people_are_marked_notified_together_or_not_at_all(store):
    people = [
        contacts.add_person(
            store, at(2026, 1, 1, 9), Person(0, name, schedule=Schedule(1, "weeks"))
        )
        for name in ("Ann", "Bob", "Cy")
    ]
    due = keep_in_touch.people_to_nudge(store, date(2026, 1, 20))
    assert len(due) == 3
    with pytest.raises(TypeError):  # a bad entry part-way: none of them is marked
        keep_in_touch.mark_all_nudged(store, [(people[0].id, date(2026, 1, 8)), None])  # type: ignore[list-item]
    assert len(keep_in_touch.people_to_nudge(store, date(2026, 1, 20))) == 3
    keep_in_touch.mark_all_nudged(store, [(person_id, day) for person_id, _name, day in due])
    assert keep_in_touch.people_to_nudge(store, date(2026, 1, 20)) == []


def test_someone_never_in_touch_yet_is_nudged_a_period_after_being_added(store):
    rosa = contacts.add_person(
        store, at(2026, 1, 5, 9), Person(0, "Rosa", schedule=Schedule(1, "weeks"))
    )
    assert keep_in_touch.people_to_nudge(store, date(2026, 1, 11)) == []
    assert keep_in_touch.people_to_nudge(store, date(2026, 2, 1)) == [
        (rosa.id, "Rosa", date(2026, 1, 12))
    ]
    contacts.log_contact(store, rosa.id, at(2026, 1, 6, 9))
    assert keep_in_touch.people_to_nudge(store, date(2026, 2, 1)) == [
        (rosa.id, "Rosa", date(2026, 1, 13))
    ]


def test_nobody_removed_or_put_off_is_nudged(store):
    ann = contacts.add_person(
        store, at(2026, 1, 1, 9), Person(0, "Ann", schedule=Schedule(1, "weeks"))
    )
    cy = contacts.add_person(
        store, at(2026, 1, 1, 9), Person(0, "Cy", schedule=Schedule(1, "weeks"))
    )
    for person in (ann, cy):
        contacts.log_contact(store, person.id, at(2026, 1, 5, 9))
    contacts.delete_person(store, at(2026, 1, 6), cy.id)
    contacts.snooze(store, ann.id, date(2026, 1, 12), days=3)
    assert keep_in_touch.people_to_nudge(store, date(2026, 1, 13)) == []
    assert keep_in_touch.people_to_nudge(store, date(2026, 1, 15)) == [
        (ann.id, "Ann", date(2026, 1, 12))
    ]


def test_the_keep_in_touch_line_waits_for_a_nudge_and_then_follows_the_data(store):
    ann = contacts.add_person(
        store, at(2026, 1, 1, 9), Person(0, "Ann", schedule=Schedule(1, "weeks"))
    )
    contacts.log_contact(store, ann.id, at(2026, 1, 5, 9))
    line = keep_in_touch.keep_in_touch_line
    assert line(store, date(2026, 1, 12)).count == 0  # not nudged yet
    keep_in_touch.mark_nudged(store, ann.id, date(2026, 1, 12))
    assert line(store, date(2026, 1, 12)).listed == {ann.id: "Ann"}
    # The next day (a new start of the app) she is still named: she is still due.
    assert line(store, date(2026, 1, 13)).listed == {ann.id: "Ann"}
    contacts.snooze(store, ann.id, date(2026, 1, 13))  # "Later"
    assert line(store, date(2026, 1, 13)).count == 0
    contacts.set_snooze(store, ann.id, None)
    contacts.log_contact(store, ann.id, at(2026, 1, 13, 10))
    assert line(store, date(2026, 1, 13)).count == 0


# --- many reminders --------------------------------------------------------------------------


def test_five_thousand_reminders_one_timer_and_the_right_ones_due(store):
    base = wall(2026, 1, 12, 0)
    rng = random.Random(5000)
    order = list(range(5000))
    rng.shuffle(order)
    kinds = [Repeat("once"), Repeat("daily"), Repeat("weekly", weekdays=(MONDAY,))]
    with store.transaction():
        for i in order:
            # One a minute from midnight Monday onwards: about three and a half days of them.
            add(store, f"R{i:04d}", base + timedelta(minutes=i), kinds[i % 3])
    assert count_rows(store) == 5000

    paused = reminders.all_reminders(store)[0]  # "R0000", the very first
    reminders.set_paused(store, paused.id, True, at(2026, 1, 11), LONDON)

    assert reminders.next_fire_time(store, at(2026, 1, 11, 23)) == at(2026, 1, 12, 0, 1)
    now = at(2026, 1, 12, 1, 40)  # 100 minutes in
    assert reminders.next_fire_time(store, now) == at(2026, 1, 12, 1, 41)

    found = reminders.due(store, now, LONDON)
    assert sorted(titles(found)) == [f"R{i:04d}" for i in range(1, 101)]
    assert len({d.reminder.id for d in found}) == 100
    assert all(d.occurrence == base + timedelta(minutes=int(d.reminder.title[1:])) for d in found)

    for item in found:
        reminders.done(store, item, now, LONDON)
    assert reminders.due(store, now, LONDON) == []
    # The daily ones done come round again tomorrow; the one-offs are finished.
    r3 = next(d.reminder for d in found if d.reminder.title == "R0003")
    assert reminders.get(store, r3.id).next_fire is None
    r1 = next(d.reminder for d in found if d.reminder.title == "R0001")
    assert reminders.get(store, r1.id).next_fire == at(2026, 1, 13, 0, 1)
