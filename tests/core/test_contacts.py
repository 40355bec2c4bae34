"""People to keep in touch with: the schedule, who is due, delete with undo, search, notes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from companion import contacts
from companion.contacts import Person, Phone, Schedule
from companion.errors import CompanionError

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


def at(
    year: int, month: int, day: int, hour: int = 12, minute: int = 0, tz=LONDON, fold: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=tz, fold=fold)


def utc(moment: datetime | None) -> datetime | None:
    """For comparing moments: Python never calls a time in a repeated hour equal across zones."""
    return moment.astimezone(UTC) if moment else None


ADDED = at(2026, 1, 5, 9)


def add(store, name="Ann Smith", every=None, added=ADDED, **fields) -> Person:
    schedule = Schedule(*every) if every else None
    return contacts.add_person(store, added, Person(0, name, schedule=schedule, **fields))


def due(store, person: Person) -> date | None:
    return contacts.get_person(store, person.id).next_due


def names(items) -> list[str]:
    return [getattr(item, "person", item).name for item in items]


# --- the keep-in-touch schedule ------------------------------------------------------------


def test_before_any_contact_due_is_the_day_added_plus_the_interval(keyring_profile):
    store = keyring_profile.store
    person = add(store, every=(2, "weeks"))
    assert person.last_contact is None
    assert person.next_due == date(2026, 1, 19)
    assert add(store, "No Schedule").next_due is None


@pytest.mark.parametrize(
    ("every", "expected"),
    [
        ((10, "days"), date(2026, 3, 20)),
        ((3, "weeks"), date(2026, 3, 31)),
        ((2, "months"), date(2026, 5, 10)),
        ((1, "days"), date(2026, 3, 11)),
    ],
)
def test_next_due_is_last_contact_plus_every_n_days_weeks_or_months(
    keyring_profile, every, expected
):
    store = keyring_profile.store
    person = add(store, every=every)
    contacts.log_contact(store, person.id, at(2026, 3, 10, 18, 45))
    assert due(store, person) == expected


@pytest.mark.parametrize(
    ("contact_day", "every", "expected"),
    [
        (date(2026, 1, 31), (1, "months"), date(2026, 2, 28)),
        (date(2028, 1, 31), (1, "months"), date(2028, 2, 29)),
        (date(2026, 3, 31), (1, "months"), date(2026, 4, 30)),
        (date(2026, 8, 31), (3, "months"), date(2026, 11, 30)),
        (date(2028, 2, 29), (12, "months"), date(2029, 2, 28)),
        (date(2028, 2, 29), (48, "months"), date(2032, 2, 29)),
        (date(2028, 2, 28), (1, "days"), date(2028, 2, 29)),
        (date(2026, 12, 28), (1, "weeks"), date(2027, 1, 4)),
    ],
)
def test_month_ends_and_leap_days_land_on_the_last_real_day(
    keyring_profile, contact_day, every, expected
):
    store = keyring_profile.store
    person = add(store, every=every)
    contacts.log_contact(store, person.id, at(contact_day.year, contact_day.month, contact_day.day))
    assert due(store, person) == expected


def test_logging_restarts_the_schedule_and_an_older_contact_does_not_move_it_back(
    keyring_profile,
):
    store = keyring_profile.store
    person = add(store, every=(1, "months"))
    assert person.next_due == date(2026, 2, 5)

    contacts.log_contact(store, person.id, at(2026, 3, 3, 10))
    assert due(store, person) == date(2026, 4, 3)

    # Remembered later: a call in February. It is history, not the latest contact.
    contacts.log_contact(store, person.id, at(2026, 2, 20, 10))
    refreshed = contacts.get_person(store, person.id)
    assert refreshed.next_due == date(2026, 4, 3)
    assert refreshed.last_contact == at(2026, 3, 3, 10)
    assert len(contacts.contacts_for(store, person.id)) == 2


def test_a_contact_just_after_midnight_counts_for_that_local_day(keyring_profile):
    store = keyring_profile.store
    person = add(store, every=(1, "days"))
    just_after_midnight = at(2026, 6, 1, 0, 15)  # British Summer Time
    assert just_after_midnight.astimezone(UTC).date() == date(2026, 5, 31)
    contacts.log_contact(store, person.id, just_after_midnight)
    assert due(store, person) == date(2026, 6, 2)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # London springs forward at 01:00 on 29 March 2026: before and after the change.
        (at(2026, 3, 29, 0, 30), date(2026, 3, 30)),
        (at(2026, 3, 29, 2, 30), date(2026, 3, 30)),
        # London falls back on 25 October 2026; 00:30 BST is still the 24th in UTC.
        (at(2026, 10, 25, 0, 30), date(2026, 10, 26)),
        # New York falls back on 1 November 2026: 01:30 happens twice.
        (at(2026, 11, 1, 1, 30, tz=NEW_YORK, fold=0), date(2026, 11, 2)),
        (at(2026, 11, 1, 1, 30, tz=NEW_YORK, fold=1), date(2026, 11, 2)),
        # Late evening EST is already the next day in UTC.
        (at(2026, 11, 1, 23, 30, tz=NEW_YORK), date(2026, 11, 2)),
        # New York springs forward on 8 March 2026.
        (at(2026, 3, 8, 1, 30, tz=NEW_YORK), date(2026, 3, 9)),
        (at(2026, 3, 8, 3, 30, tz=NEW_YORK), date(2026, 3, 9)),
    ],
)
def test_clock_changes_give_due_dates_on_the_expected_calendar_day(
    keyring_profile, moment, expected
):
    store = keyring_profile.store
    person = add(store, every=(1, "days"))
    contacts.log_contact(store, person.id, moment)
    assert due(store, person) == expected


def test_london_spring_forward_the_later_moment_wins(keyring_profile):
    store = keyring_profile.store
    person = add(store, every=(1, "weeks"))
    after_change = at(2026, 3, 29, 2, 30)  # BST, 01:30 UTC
    before_change = at(2026, 3, 29, 0, 30)  # GMT, 00:30 UTC
    assert after_change.utcoffset() == timedelta(hours=1)
    assert before_change.utcoffset() == timedelta(0)
    contacts.log_contact(store, person.id, after_change)
    contacts.log_contact(store, person.id, before_change)
    refreshed = contacts.get_person(store, person.id)
    assert refreshed.last_contact == after_change
    assert refreshed.last_contact.utcoffset() == timedelta(hours=1)
    assert refreshed.next_due == date(2026, 4, 5)


def test_new_york_fall_back_the_later_instant_wins_even_with_an_earlier_clock_time(
    keyring_profile,
):
    store = keyring_profile.store
    person = add(store, every=(1, "days"))
    edt = at(2026, 11, 1, 1, 30, tz=NEW_YORK, fold=0)  # 05:30 UTC
    est = at(2026, 11, 1, 1, 10, tz=NEW_YORK, fold=1)  # 06:10 UTC: later
    assert edt.utcoffset() == timedelta(hours=-4)
    assert est.utcoffset() == timedelta(hours=-5)
    contacts.log_contact(store, person.id, est)
    contacts.log_contact(store, person.id, edt)
    refreshed = contacts.get_person(store, person.id)
    assert utc(refreshed.last_contact) == utc(est)
    assert refreshed.last_contact.utcoffset() == timedelta(hours=-5)
    assert refreshed.next_due == date(2026, 11, 2)


def test_history_lists_the_latest_moment_first_across_a_clock_change(keyring_profile):
    store = keyring_profile.store
    person = add(store)
    est = contacts.log_contact(store, person.id, at(2026, 11, 1, 1, 10, tz=NEW_YORK, fold=1))
    edt = contacts.log_contact(store, person.id, at(2026, 11, 1, 1, 30, tz=NEW_YORK, fold=0))
    assert [c.id for c in contacts.contacts_for(store, person.id)] == [est.id, edt.id]


def test_changing_or_removing_the_schedule_recomputes_the_due_date(keyring_profile):
    store = keyring_profile.store
    person = add(store, every=(1, "weeks"))
    contacts.log_contact(store, person.id, at(2026, 3, 1))
    assert due(store, person) == date(2026, 3, 8)

    changed = contacts.update_person(store, replace(person, schedule=Schedule(2, "months")))
    assert changed.next_due == date(2026, 5, 1)
    assert changed.last_contact == at(2026, 3, 1)

    removed = contacts.update_person(store, replace(changed, schedule=None))
    assert removed.next_due is None
    assert removed.schedule is None

    # Never contacted: a new schedule counts from the day they were added.
    other = add(store, "Bob", added=at(2026, 2, 10))
    assert contacts.update_person(store, replace(other, schedule=Schedule(5, "days"))).next_due == (
        date(2026, 2, 15)
    )


def test_deleting_the_latest_contact_falls_back_to_the_one_before(keyring_profile):
    store = keyring_profile.store
    person = add(store, every=(1, "weeks"))
    first = contacts.log_contact(store, person.id, at(2026, 3, 1))
    latest = contacts.log_contact(store, person.id, at(2026, 3, 20))
    assert due(store, person) == date(2026, 3, 27)

    removed = contacts.delete_contact(store, latest.id)
    assert removed is not None and removed.id == latest.id
    refreshed = contacts.get_person(store, person.id)
    assert refreshed.last_contact == at(2026, 3, 1)
    assert refreshed.next_due == date(2026, 3, 8)

    contacts.delete_contact(store, first.id)
    refreshed = contacts.get_person(store, person.id)
    assert refreshed.last_contact is None
    assert refreshed.next_due == date(2026, 1, 12)  # added 5 January + a week
    assert contacts.delete_contact(store, first.id) is None


def test_deleting_the_later_instant_on_the_fall_back_night_falls_back_to_the_earlier(
    keyring_profile,
):
    store = keyring_profile.store
    person = add(store, every=(1, "days"))
    edt = at(2026, 11, 1, 1, 30, tz=NEW_YORK, fold=0)
    est = contacts.log_contact(store, person.id, at(2026, 11, 1, 1, 10, tz=NEW_YORK, fold=1))
    contacts.log_contact(store, person.id, edt)
    contacts.delete_contact(store, est.id)
    refreshed = contacts.get_person(store, person.id)
    assert utc(refreshed.last_contact) == utc(edt)
    assert refreshed.last_contact.utcoffset() == timedelta(hours=-4)


# --- who is due ------------------------------------------------------------------------------

TODAY = date(2026, 5, 15)


def person_due_on(store, name: str, every: tuple[int, str], last: date) -> Person:
    person = add(store, name, every=every)
    contacts.log_contact(store, person.id, at(last.year, last.month, last.day))
    return contacts.get_person(store, person.id)


@pytest.fixture
def circle(keyring_profile):
    """A small circle seen on 15 May 2026."""
    store = keyring_profile.store
    found = {
        "Bea": person_due_on(store, "Bea", (1, "weeks"), date(2026, 5, 1)),  # due 8 May
        "Cal": person_due_on(store, "Cal", (1, "weeks"), date(2026, 4, 20)),  # due 27 Apr
        "Dot": person_due_on(store, "Dot", (1, "weeks"), date(2026, 5, 8)),  # due today
        "Eve": person_due_on(store, "Eve", (1, "weeks"), date(2026, 5, 11)),  # due 18 May
        "Fay": person_due_on(store, "Fay", (1, "months"), date(2026, 5, 10)),  # due 10 June
        "Zed": person_due_on(store, "Zed", (1, "weeks"), date(2026, 5, 15)),  # due 22 May
        "Gus": add(store, "Gus"),  # never contacted, no schedule
        "Hal": add(store, "Hal", every=(1, "weeks"), added=at(2026, 5, 10)),  # due 17 May
        "Jo": add(store, "Jo", every=(1, "weeks"), added=at(2026, 4, 1)),  # due 8 April
    }
    return store, found


def test_overdue_first_most_overdue_first_with_days_late(circle):
    store, _ = circle
    overview = contacts.due_overview(store, TODAY)
    assert [(i.person.name, i.due, i.days_late) for i in overview.overdue] == [
        ("Cal", date(2026, 4, 27), 18),
        ("Bea", date(2026, 5, 8), 7),
    ]


def test_due_this_week_includes_today_and_the_next_seven_days(circle):
    store, _ = circle
    overview = contacts.due_overview(store, TODAY)
    assert [(i.person.name, i.days_late) for i in overview.this_week] == [
        ("Dot", 0),
        ("Eve", -3),
        ("Zed", -7),
    ]
    everyone = names(overview.overdue) + names(overview.this_week) + names(overview.never)
    assert "Fay" not in everyone  # due in June


def test_never_contacted_are_listed_separately_not_as_overdue(circle):
    store, _ = circle
    overview = contacts.due_overview(store, TODAY)
    # Without a schedule always; with one once it falls due (this week or earlier).
    assert sorted(names(overview.never)) == ["Gus", "Hal", "Jo"]
    assert "Jo" not in names(overview.overdue)


def test_reach_now_suggests_only_a_few_and_not_people_due_later_this_week(circle):
    store, _ = circle
    overview = contacts.due_overview(store, TODAY)
    assert names(overview.reach_now()) == ["Cal", "Bea", "Dot"]
    assert names(overview.reach_now(limit=1)) == ["Cal"]
    # Even with room for more, those due later this week wait their turn.
    assert names(overview.reach_now(limit=10)) == ["Cal", "Bea", "Dot"]

    # A wall of overdue people still gives only three.
    for n in range(10):
        person_due_on(store, f"Late {n}", (1, "days"), date(2026, 4, 1 + n))
    assert len(contacts.due_overview(store, TODAY).reach_now()) == 3


def test_a_snoozed_person_is_hidden_until_the_snooze_ends(circle):
    store, people = circle
    bea = people["Bea"]
    until = contacts.snooze(store, bea.id, TODAY)
    assert until == TODAY + timedelta(days=contacts.SNOOZE_DAYS)

    for day in (TODAY, until - timedelta(days=1)):
        assert "Bea" not in names(contacts.due_overview(store, day).overdue)
        assert "Bea" not in names(contacts.people(store, overdue_on=day))
    back = contacts.due_overview(store, until).overdue
    assert ("Bea", (until - date(2026, 5, 8)).days) in [(i.person.name, i.days_late) for i in back]
    assert "Bea" in names(contacts.people(store, overdue_on=until))


def test_logging_a_contact_clears_the_snooze(circle):
    store, people = circle
    cal = people["Cal"]
    contacts.snooze(store, cal.id, TODAY, days=10)
    assert "Cal" not in names(contacts.due_overview(store, TODAY).overdue)
    # A contact remembered late: still overdue, and now shown again straight away.
    contacts.log_contact(store, cal.id, at(2026, 4, 21))
    assert contacts.get_person(store, cal.id).snoozed_until is None
    overdue = contacts.due_overview(store, TODAY).overdue
    assert [(i.person.name, i.days_late) for i in overdue][0] == ("Cal", 17)


def test_snoozing_hides_a_never_contacted_person_too(circle):
    store, people = circle
    contacts.snooze(store, people["Gus"].id, TODAY)
    assert "Gus" not in names(contacts.due_overview(store, TODAY).never)
    assert "Gus" in names(contacts.due_overview(store, TODAY + timedelta(days=3)).never)


def test_birthdays_within_two_weeks_including_across_new_year(keyring_profile):
    store = keyring_profile.store
    add(store, "Nye", birthday="1990-01-03")
    add(store, "Ola", birthday="--12-30")  # year not known
    add(store, "Pip", birthday="1985-01-09")  # 15 days away: too far
    add(store, "Quin", birthday="1980-01-08")  # exactly 14 days away
    add(store, "Ray", birthday="1970-12-24")  # yesterday
    add(store, "Sid", birthday="1999-12-25")  # today
    add(store, "Tam")  # no birthday
    found = contacts.due_overview(store, date(2026, 12, 25)).birthdays
    assert [(p.name, when) for p, when in found] == [
        ("Sid", date(2026, 12, 25)),
        ("Ola", date(2026, 12, 30)),
        ("Nye", date(2027, 1, 3)),
        ("Quin", date(2027, 1, 8)),
    ]


@pytest.mark.parametrize("birthday", ["2000-02-29", "--02-29"])
def test_a_29_february_birthday_is_shown_on_28_february_in_a_common_year(keyring_profile, birthday):
    store = keyring_profile.store
    add(store, "Leap", birthday=birthday)
    for today in (date(2027, 2, 20), date(2027, 2, 28)):
        assert contacts.due_overview(store, today).birthdays[0][1] == date(2027, 2, 28)
    assert contacts.due_overview(store, date(2028, 2, 20)).birthdays[0][1] == date(2028, 2, 29)
    assert contacts.due_overview(store, date(2027, 3, 1)).birthdays == []


def test_deleted_people_never_appear_in_who_is_due(keyring_profile):
    store = keyring_profile.store
    overdue = person_due_on(store, "Overdue", (1, "days"), date(2026, 5, 1))
    soon = person_due_on(store, "Soon", (1, "weeks"), date(2026, 5, 12))
    never = add(store, "Never")
    birthday = add(store, "Birthday", birthday="1960-05-20")
    snoozed = add(store, "Snoozed")
    contacts.snooze(store, snoozed.id, TODAY - timedelta(days=10))
    before = contacts.due_overview(store, TODAY)
    assert names(before.overdue) == ["Overdue"] and names(before.this_week) == ["Soon"]
    assert sorted(names(before.never)) == ["Birthday", "Never", "Snoozed"]
    assert names(p for p, _ in before.birthdays) == ["Birthday"]

    for person in (overdue, soon, never, birthday, snoozed):
        contacts.delete_person(store, at(2026, 5, 15), person.id)
    after = contacts.due_overview(store, TODAY)
    assert (after.overdue, after.this_week, after.never, after.birthdays) == ([], [], [], [])
    assert contacts.people(store, overdue_on=TODAY) == []


# --- validation: a plain message and nothing written ----------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "   "}, "name"),
        ({"name": ""}, "name"),
        ({"circle": "enemy"}, "circle"),
        ({"schedule": Schedule(0, "days")}, "How often"),
        ({"schedule": Schedule(1000, "days")}, "How often"),
        ({"schedule": Schedule(-1, "weeks")}, "How often"),
        ({"schedule": Schedule(2, "fortnights")}, "How often"),
        ({"birthday": "31/02/1990"}, "birthday"),
        ({"birthday": "1990-02-30"}, "birthday"),
        ({"birthday": "1991-02-29"}, "birthday"),
        ({"birthday": "--02-30"}, "birthday"),
        ({"birthday": "--13-01"}, "birthday"),
        ({"birthday": "next week"}, "birthday"),
    ],
)
def test_bad_person_is_refused_with_a_plain_message_and_nothing_written(
    keyring_profile, fields, message
):
    store = keyring_profile.store
    kept = add(store, "Kept", every=(1, "weeks"))
    values = {"name": "New Person", **fields}
    with pytest.raises(CompanionError, match=message) as refused:
        contacts.add_person(store, ADDED, Person(0, **values))
    assert "Traceback" not in refused.value.message
    assert contacts.count_people(store) == 1

    with pytest.raises(CompanionError, match=message):
        contacts.update_person(store, replace(kept, **fields))
    assert contacts.get_person(store, kept.id) == kept


def test_good_birthdays_and_names_are_tidied(keyring_profile):
    store = keyring_profile.store
    person = add(store, "  Ann \t  Smith ", birthday=" 1990-02-03 ")
    assert person.name == "Ann Smith"
    assert person.birthday == "1990-02-03"
    assert add(store, "Bo", birthday="--02-29").birthday == "--02-29"
    assert add(store, "Cy", birthday="").birthday is None


@pytest.mark.parametrize(
    ("kind", "feeling", "message"),
    [
        ("telepathy", None, "how you were in touch"),
        ("", 3, "how you were in touch"),
        ("call", 0, "1 to 5"),
        ("call", 6, "1 to 5"),
        ("call", -1, "1 to 5"),
    ],
)
def test_bad_contact_is_refused_and_nothing_written(keyring_profile, kind, feeling, message):
    store = keyring_profile.store
    person = add(store, every=(1, "weeks"))
    contacts.snooze(store, person.id, date(2026, 1, 6))
    before = contacts.get_person(store, person.id)
    with pytest.raises(CompanionError, match=message):
        contacts.log_contact(store, person.id, at(2026, 3, 1), kind=kind, feeling=feeling)
    assert contacts.contacts_for(store, person.id) == []
    assert contacts.get_person(store, person.id) == before


def test_every_kind_of_contact_and_feeling_is_accepted(keyring_profile):
    store = keyring_profile.store
    person = add(store)
    for n, kind in enumerate(contacts.KINDS):
        contacts.log_contact(store, person.id, at(2026, 3, 1 + n), kind, feeling=1 + n % 5)
    contacts.log_contact(store, person.id, at(2026, 3, 20), "call", None, "  lovely chat  ")
    history = contacts.contacts_for(store, person.id)
    assert len(history) == len(contacts.KINDS) + 1
    assert (history[0].kind, history[0].feeling, history[0].note) == ("call", None, "lovely chat")
    assert {c.kind for c in history} == set(contacts.KINDS)


def test_a_contact_for_a_deleted_person_is_refused_and_not_kept(keyring_profile):
    store = keyring_profile.store
    person = add(store)
    contacts.delete_person(store, at(2026, 3, 1), person.id)
    with pytest.raises(CompanionError, match="no longer in your list"):
        contacts.log_contact(store, person.id, at(2026, 3, 2))
    assert store.query_one("SELECT count(*) FROM contacts")[0] == 0


# --- delete with undo -----------------------------------------------------------------------------


def test_delete_hides_and_undo_brings_back_history_and_notes(keyring_profile):
    store = keyring_profile.store
    ann = person_due_on(store, "Ann", (1, "days"), date(2026, 5, 1))
    contacts.log_contact(store, ann.id, at(2026, 5, 2), "visit", 4, "tea in the garden")
    contacts.add_note(store, ann.id, at(2026, 5, 2), "gratitude", "She drove me to hospital")
    ann = contacts.get_person(store, ann.id)
    add(store, "Bob")

    contacts.delete_person(store, at(2026, 5, 15), ann.id)
    assert names(contacts.people(store)) == ["Bob"]
    assert contacts.count_people(store) == 1
    assert contacts.due_overview(store, TODAY).overdue == []
    with pytest.raises(CompanionError):
        contacts.get_person(store, ann.id)

    back = contacts.undo_delete(store, ann.id)
    assert back == ann
    assert names(contacts.people(store)) == ["Ann", "Bob"]
    assert [c.note for c in contacts.contacts_for(store, ann.id)] == ["tea in the garden", ""]
    assert [n.text for n in contacts.notes_for(store, ann.id)] == ["She drove me to hospital"]
    assert names(contacts.due_overview(store, TODAY).overdue) == ["Ann"]


def test_purge_removes_deleted_people_and_their_contacts_for_good(keyring_profile):
    store = keyring_profile.store
    gone = person_due_on(store, "Gone", (1, "weeks"), date(2026, 5, 1))
    contacts.add_note(store, gone.id, at(2026, 5, 1), "gave", "Helped with the move")
    stays = person_due_on(store, "Stays", (1, "weeks"), date(2026, 5, 1))

    contacts.delete_person(store, at(2026, 5, 15), gone.id)
    assert contacts.purge_deleted(store) == 1
    with pytest.raises(CompanionError):
        contacts.undo_delete(store, gone.id)
    assert contacts.contacts_for(store, gone.id) == []
    assert contacts.notes_for(store, gone.id) == []
    assert store.query_one("SELECT count(*) FROM contacts")[0] == 1
    assert len(contacts.contacts_for(store, stays.id)) == 1
    assert names(contacts.people(store)) == ["Stays"]
    assert contacts.purge_deleted(store) == 0


# --- search and filter ------------------------------------------------------------------------


@pytest.fixture
def named(keyring_profile):
    store = keyring_profile.store
    for name, circle in [
        ("Ann O'Neil", "family"),
        ("Annabel Lee", "friend"),
        ("JOANNA Brown", "neighbour"),
        ("100% Ben", "friend"),
        ("Dan_Smith", "group"),
        ("DanXSmith", "group"),
        ("Back\\Slash", "other"),
        ("Zoë Ångström", "friend"),
    ]:
        add(store, name, circle=circle)
    return store


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("ann", ["Ann O'Neil", "Annabel Lee", "JOANNA Brown"]),
        ("ANN", ["Ann O'Neil", "Annabel Lee", "JOANNA Brown"]),
        ("  o'neil ", ["Ann O'Neil"]),
        ("%", ["100% Ben"]),
        ("0% b", ["100% Ben"]),
        ("_", ["Dan_Smith"]),
        ("n_s", ["Dan_Smith"]),
        ("\\", ["Back\\Slash"]),
        ("zoË", ["Zoë Ångström"]),
        ("ångström", ["Zoë Ångström"]),
        ("nobody", []),
    ],
)
def test_search_is_case_insensitive_and_takes_wildcards_literally(named, search, expected):
    assert names(contacts.people(named, search=search)) == expected


def test_blank_search_lists_everyone_in_name_order(named):
    found = names(contacts.people(named, search="   "))
    assert len(found) == 8
    assert found == sorted(found, key=str.casefold)


def test_circle_filter_and_search_combine(named):
    assert names(contacts.people(named, circle="group")) == ["Dan_Smith", "DanXSmith"]
    assert names(contacts.people(named, search="an", circle="friend")) == ["Annabel Lee"]
    assert contacts.people(named, circle="professional") == []


def test_overdue_filter_lists_people_due_before_that_day(keyring_profile):
    store = keyring_profile.store
    person_due_on(store, "Late", (1, "weeks"), date(2026, 5, 1))  # due 8 May
    person_due_on(store, "Today", (1, "weeks"), date(2026, 5, 8))  # due 15 May
    add(store, "Unscheduled")
    assert names(contacts.people(store, overdue_on=TODAY)) == ["Late"]
    assert names(contacts.people(store, overdue_on=TODAY + timedelta(days=1))) == ["Late", "Today"]


def test_search_among_ten_thousand_people(keyring_profile):
    store = keyring_profile.store
    circles = list(contacts.CIRCLES)
    batch = (Person(0, f"Person {n:05d}", circle=circles[n % len(circles)]) for n in range(10_000))
    assert contacts.add_people(store, ADDED, batch) == 10_000
    assert contacts.count_people(store) == 10_000

    found = contacts.people(store, search="PERSON 0421")
    assert names(found) == [f"Person {n:05d}" for n in range(4210, 4220)]
    assert names(contacts.people(store, search="09999")) == ["Person 09999"]
    in_family = contacts.people(store, search="person 0421", circle="family")
    assert names(in_family) == [f"Person {n:05d}" for n in range(4210, 4220) if n % 6 == 0]
    assert len(contacts.people(store, limit=50)) == 50


def test_a_batch_with_one_bad_person_adds_nobody(keyring_profile):
    store = keyring_profile.store
    add(store, "Already Here")
    batch = [Person(0, f"Import {n}") for n in range(100)]
    batch[57] = Person(0, "Import 57", circle="aliens")
    with pytest.raises(CompanionError, match="circle"):
        contacts.add_people(store, ADDED, batch)
    assert contacts.count_people(store) == 1
    assert names(contacts.people(store, search="import")) == []

    batch[57] = Person(0, "Import 57", birthday="someday")
    with pytest.raises(CompanionError, match="birthday"):
        contacts.add_people(store, ADDED, batch)
    assert contacts.count_people(store) == 1

    batch[57] = Person(0, "Import 57")
    assert contacts.add_people(store, ADDED, batch) == 100
    assert contacts.count_people(store) == 101


# --- gratitude and give-and-take -----------------------------------------------------------------


def test_notes_are_listed_newest_first(keyring_profile):
    store = keyring_profile.store
    ann = add(store)
    other = add(store, "Other")
    contacts.add_note(store, ann.id, at(2026, 3, 1), "gave", "Walked her dog")
    contacts.add_note(store, ann.id, at(2026, 3, 9), "gratitude", "  Remembered my birthday ")
    contacts.add_note(store, ann.id, at(2026, 3, 5), "received", "Lent me a ladder")
    contacts.add_note(store, other.id, at(2026, 3, 10), "gratitude", "Someone else's")
    notes = contacts.notes_for(store, ann.id)
    assert [(n.kind, n.text) for n in notes] == [
        ("gratitude", "Remembered my birthday"),
        ("received", "Lent me a ladder"),
        ("gave", "Walked her dog"),
    ]
    assert notes[0].at == at(2026, 3, 9)


@pytest.mark.parametrize(
    ("kind", "text", "message"),
    [
        ("complaint", "Never calls back", "what kind of note"),
        ("gratitude", "   ", "a few words"),
        ("gave", "", "a few words"),
    ],
)
def test_bad_notes_are_refused_and_nothing_written(keyring_profile, kind, text, message):
    store = keyring_profile.store
    ann = add(store)
    with pytest.raises(CompanionError, match=message):
        contacts.add_note(store, ann.id, at(2026, 3, 1), kind, text)
    assert contacts.notes_for(store, ann.id) == []


# --- the connection overview -------------------------------------------------------------------


def test_summary_counts_circles_recent_contact_weeks_and_feeling(keyring_profile):
    store = keyring_profile.store
    ann = add(store, "Ann", circle="family")
    bob = add(store, "Bob", circle="friend")
    cat = add(store, "Cat", circle="family")
    dee = add(store, "Dee", circle="neighbour")
    gone = add(store, "Gone", circle="professional")
    add(store, "Quiet", circle="neighbour")

    contacts.log_contact(store, ann.id, at(2026, 5, 15, 8), feeling=5)  # today
    contacts.log_contact(store, ann.id, at(2026, 5, 10), feeling=4)
    contacts.log_contact(store, bob.id, at(2026, 4, 20), feeling=1)
    contacts.log_contact(store, bob.id, at(2026, 5, 12))  # no feeling given
    contacts.log_contact(store, cat.id, at(2026, 4, 10), feeling=1)  # 5 weeks ago
    contacts.log_contact(store, cat.id, at(2026, 4, 17), feeling=1)  # exactly 4 weeks ago
    contacts.log_contact(store, dee.id, at(2026, 3, 1), feeling=1)  # before the 8 weeks
    contacts.log_contact(store, gone.id, at(2026, 5, 14), feeling=1)
    contacts.delete_person(store, at(2026, 5, 15), gone.id)

    result = contacts.summary(store, TODAY)
    assert result.people == 5
    assert result.by_circle == {"family": 2, "friend": 1, "neighbour": 2}
    assert result.in_touch_last_month == 3  # Ann, Bob, Cat (17 April); not Dee (1 March)
    assert result.contacts_last_4_weeks == 4
    assert result.average_feeling == 3.3  # (5 + 4 + 1) / 3
    # Weeks end on 15 May: ..., 4-10 Apr, 11-17 Apr, 18-24 Apr, 25 Apr-1 May, 2-8 May, 9-15 May.
    assert result.per_week == [0, 0, 1, 1, 1, 0, 0, 3]


def test_summary_with_nobody_yet(keyring_profile):
    result = contacts.summary(keyring_profile.store, TODAY)
    assert (result.people, result.by_circle, result.in_touch_last_month) == (0, {}, 0)
    assert result.per_week == [0] * 8
    assert result.average_feeling is None


# --- phone numbers and likely duplicates ---------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "region", "stored"),
    [
        ("01632 960123", "GB", "+441632960123"),
        ("020 7946 0123", "GB", "+442079460123"),
        ("+1 (202) 555-0123", "GB", "+12025550123"),
        ("(202) 555-0123", "US", "+12025550123"),
        ("call me maybe", "GB", "call me maybe"),
        ("  ask at the café ", "GB", "ask at the café"),
        ("12", "GB", "12"),
        ("   ", "GB", ""),
    ],
)
def test_parse_phone_stores_e164_or_keeps_what_was_typed(typed, region, stored):
    assert contacts.parse_phone(typed, region) == stored


def test_a_number_is_shown_nationally_at_home_and_internationally_abroad():
    stored = contacts.parse_phone("020 7946 0123", "GB")
    assert contacts.format_phone(stored, "GB") == "020 7946 0123"
    assert contacts.format_phone(stored, "US") == "+44 20 7946 0123"
    assert contacts.format_phone("call me maybe", "GB") == "call me maybe"


def test_a_uk_number_typed_nationally_is_shown_nationally_in_the_uk():
    stored = contacts.parse_phone("01632 960123", "GB")
    assert stored == "+441632960123"
    assert contacts.format_phone(stored, "US") == "+44 1632 960123"
    assert contacts.format_phone(stored, "GB") == "01632 960123"


def test_same_phone_matches_national_and_international_forms():
    assert contacts.same_phone("+44 1632 960123", "01632 960123")
    assert contacts.same_phone("+441632960123", "(01632) 960-123")
    assert not contacts.same_phone("+44 1632 960123", "01632 960124")
    assert not contacts.same_phone("12345", "12345")  # too short to mean anything
    # Two full international numbers must match in full, not only their last digits.
    assert not contacts.same_phone("+49 1512 3456789", "+33 1 23 45 67 89")
    assert contacts.same_phone("+49 1512 3456789", "+4915123456789")


def test_likely_duplicates_by_name_or_phone(keyring_profile):
    store = keyring_profile.store
    maria = add(store, "Maria  Lopez", phones=(Phone("+441632960123", "mobile"),))
    add(store, "Mario Lopez")
    gone = add(store, "Old Friend", phones=(Phone("+441632960555"),))
    contacts.delete_person(store, ADDED, gone.id)

    def dupes(name, *numbers):
        candidate = Person(0, name, phones=tuple(Phone(n) for n in numbers))
        return names(contacts.likely_duplicates(store, candidate))

    assert maria.name == "Maria Lopez"
    assert dupes(" maria   LOPEZ ") == ["Maria Lopez"]
    assert dupes("M. L.", "01632 960123") == [maria.name]
    assert dupes("maria lopez", "01632 960123") == [maria.name]  # found once, not twice
    assert dupes("Someone Else", "01632 960999") == []
    assert dupes("Old Friend", "01632 960555") == []  # deleted people are not duplicates
    assert dupes("Someone Else", "12") == []
