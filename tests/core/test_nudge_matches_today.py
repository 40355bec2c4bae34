"""The line above the page ("A good day to get in touch with Anne and 5 others") and Today's
people card name the same people, in the same order, and count the same number: "See who"
opens a Today that agrees with the words that sent you there."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest

from companion import contacts, keep_in_touch, today
from companion.contacts import Person, Schedule

DAY = date(2026, 3, 10)
WEEKLY = Schedule(1, "weeks")


@pytest.fixture
def store(keyring_profile):
    return keyring_profile.store


def moment(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def person(store, name: str, last_in_touch: date | None, added: date = DAY - timedelta(days=90)):
    """Someone to ring weekly, last in touch on ``last_in_touch`` (None: never yet)."""
    added_person = contacts.add_person(store, moment(added), Person(0, name, schedule=WEEKLY))
    if last_in_touch is not None:
        contacts.log_contact(store, added_person.id, moment(last_in_touch))
    return added_person


def nudge_as_the_app_does(store, day: date) -> list[str]:
    """What the scheduler does: notify those not nudged yet, and remember it."""
    found = keep_in_touch.people_to_nudge(store, day)
    for person_id, _name, due in found:
        keep_in_touch.mark_nudged(store, person_id, due)
    return [name for _id, name, _due in found]


def todays_card(store, day: date) -> tuple[list[int], int]:
    """The people Today's card lists, and how many it counts in all (listed + "See N more")."""
    card = today.people_to_reach(store, day)
    more = re.fullmatch(r"See (\d+) more", card.see_all)
    listed = [p.person_id for p in card.people]
    return listed, len(listed) + (int(more.group(1)) if more else 0)


def assert_the_line_agrees_with_today(store, day: date) -> keep_in_touch.KeepInTouch:
    line = keep_in_touch.keep_in_touch_line(store, day)
    listed, counted = todays_card(store, day)
    assert list(line.listed) == listed  # the same people, in Today's order: it names the first
    assert line.count == counted  # "and N others" is Today's count, less the one named
    # As the window asks it before its first paint: the others counted, not read one by one.
    counted_only = keep_in_touch.keep_in_touch_line(store, day, with_ids=False)
    assert (counted_only.listed, counted_only.count) == (line.listed, counted)
    return line


def names(store, ids) -> set[str]:
    return {contacts.get_person(store, i).name for i in ids}


def sample(store):
    """Ties, someone never in touch, someone put off with "Later", someone removed, and
    people due later this week and next week."""
    people = {
        "Rosa Marín": person(store, "Rosa Marín", None),  # never in touch: the longest due
        "Bert": person(store, "Bert", DAY - timedelta(days=30)),  # the longest overdue
        "Zoe Young": person(store, "Zoe Young", DAY - timedelta(days=14)),  # a tie…
        "Anne Kowalski": person(store, "Anne Kowalski", DAY - timedelta(days=14)),  # …by name
        "Carl": person(store, "Carl", DAY - timedelta(days=7)),  # due today
        "Sam": person(store, "Sam", DAY - timedelta(days=20)),  # overdue, but "Later"
        "Del": person(store, "Del", DAY - timedelta(days=20)),  # overdue, but removed
        "Will": person(store, "Will", DAY - timedelta(days=4)),  # due in three days
        "Fay": person(store, "Fay", DAY + timedelta(days=3)),  # due in ten days
    }
    contacts.snooze(store, people["Sam"].id, DAY)
    contacts.delete_person(store, moment(DAY), people["Del"].id)
    return people


def test_the_nudge_names_todays_people_in_todays_order_with_todays_count(store):
    people = sample(store)
    # Nothing nudged yet: no line, whatever Today lists.
    assert keep_in_touch.keep_in_touch_line(store, DAY).count == 0

    notified = nudge_as_the_app_does(store, DAY)
    # Only people Today lists, longest overdue first and a tie by name: Rosa, never in touch
    # yet, came due a week after she was added; Sam (put off) and Del (removed) are not.
    assert notified == ["Rosa Marín", "Bert", "Anne Kowalski", "Zoe Young", "Carl"]
    card = today.people_to_reach(store, DAY)
    assert [p.name for p in card.people] == notified[: today.PEOPLE_SHOWN]
    assert card.people[0].text == "You haven't been in touch with Rosa Marín yet."
    assert card.see_all == "See 3 more"  # Zoe, Carl, due today, and Will, due this week

    line = assert_the_line_agrees_with_today(store, DAY)
    assert list(line.listed.values()) == ["Rosa Marín", "Bert", "Anne Kowalski"]
    assert names(store, line.more) == {"Zoe Young", "Carl", "Will"}  # "and 5 others"
    assert people["Sam"].id not in line.more and people["Del"].id not in line.more
    # Nudged once per due date: a second check notifies no one, and the line stays.
    assert nudge_as_the_app_does(store, DAY) == []
    assert assert_the_line_agrees_with_today(store, DAY) == line


def test_they_still_agree_after_in_touch_later_and_undo(store):
    people = sample(store)
    contacts.delete_person(store, moment(DAY), people["Rosa Marín"].id)
    nudge_as_the_app_does(store, DAY)
    bert = people["Bert"].id

    contact = contacts.log_contact(store, bert, moment(DAY, 11))  # "I was in touch" with Bert
    line = assert_the_line_agrees_with_today(store, DAY)
    assert list(line.listed.values()) == ["Anne Kowalski", "Zoe Young", "Carl"]
    # Bert is due again in a week: among those Today counts in its "See N more".
    assert names(store, line.more) == {"Will", "Bert"}

    contacts.delete_contact(store, contact.id)  # …and Undo: Bert is first again
    assert next(iter(assert_the_line_agrees_with_today(store, DAY).listed.values())) == "Bert"

    for name in ("Bert", "Anne Kowalski", "Zoe Young"):  # "Later" for the three Today lists
        contacts.snooze(store, people[name].id, DAY)
    line = assert_the_line_agrees_with_today(store, DAY)
    assert list(line.listed.values()) == ["Carl"]
    assert names(store, line.more) == {"Will"}


def test_no_line_when_no_one_today_lists_is_due_now(store):
    person(store, "Rosa Marín", None, added=DAY - timedelta(days=3))  # due in four days
    will = person(store, "Will", DAY - timedelta(days=4))  # due later this week
    assert nudge_as_the_app_does(store, DAY) == []
    assert keep_in_touch.keep_in_touch_line(store, DAY).count == 0
    listed, counted = todays_card(store, DAY)
    assert (listed, counted) == ([], 2)  # "See 2 more", and no one to name first
    # Three days on, Will is due: he is nudged and named (Rosa, due tomorrow, is counted).
    later = DAY + timedelta(days=3)
    assert nudge_as_the_app_does(store, later) == ["Will"]
    assert assert_the_line_agrees_with_today(store, later).listed == {will.id: "Will"}
