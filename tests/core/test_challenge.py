"""The 5-for-5 Connection Challenge: five actions, five days in a row, then a reflection."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from companion import challenge
from companion.errors import CompanionError

LONDON = ZoneInfo("Europe/London")
MONDAY = date(2026, 5, 11)

ACTIONS = [
    ("gratitude", "Thank  Mum for the\tparcel"),
    ("support", "Call Jo, she has had a hard week"),
    ("ask", "Ask Sam for a walk"),
    ("gratitude", "Card for the neighbour"),
    ("support", "Help Mr Patel with his shopping"),
]


def on(day: date, hour: int = 19) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


def started(store, first_day: date = MONDAY) -> challenge.Challenge:
    return challenge.start(store, first_day, ACTIONS)


def ticked(store, found: challenge.Challenge, *days: int) -> challenge.Challenge:
    for number in days:
        found = challenge.tick(store, found.id, number, on(found.started + timedelta(number - 1)))
    return found


def test_a_challenge_has_five_days_in_a_row_with_the_chosen_actions(keyring_profile):
    found = started(keyring_profile.store)
    assert [d.number for d in found.days] == [1, 2, 3, 4, 5]
    assert [d.when for d in found.days] == [MONDAY + timedelta(n) for n in range(5)]
    assert [d.kind for d in found.days] == [kind for kind, _ in ACTIONS]
    assert found.days[0].action == "Thank Mum for the parcel"
    assert not any(d.done for d in found.days)
    assert challenge.current(keyring_profile.store) == found


@pytest.mark.parametrize(
    ("actions", "message"),
    [
        (ACTIONS[:4], "five actions"),
        (ACTIONS + [("ask", "One more")], "five actions"),
        ([], "five actions"),
        (ACTIONS[:4] + [("complain", "Tell them off")], "gratitude, offer support or ask"),
        (ACTIONS[:4] + [("ask", "   ")], "something for each"),
    ],
)
def test_start_needs_exactly_five_known_actions_with_words(keyring_profile, actions, message):
    store = keyring_profile.store
    with pytest.raises(CompanionError, match=message):
        challenge.start(store, MONDAY, actions)
    assert challenge.current(store) is None
    assert store.query_one("SELECT count(*) FROM challenge_days")[0] == 0


def test_the_suggested_ideas_can_start_a_challenge(keyring_profile):
    assert {kind for kind, _ in challenge.IDEAS} == set(challenge.KINDS)
    found = challenge.start(keyring_profile.store, MONDAY, list(challenge.IDEAS[2:7]))
    assert [d.action for d in found.days] == [text for _, text in challenge.IDEAS[2:7]]


def test_only_one_challenge_runs_at_a_time(keyring_profile):
    store = keyring_profile.store
    first = started(store)
    with pytest.raises(CompanionError, match="already have a challenge"):
        challenge.start(store, MONDAY + timedelta(days=7), ACTIONS)
    assert challenge.current(store) == first
    assert store.query_one("SELECT count(*) FROM challenges")[0] == 1


def test_day_on_maps_calendar_dates_to_challenge_days(keyring_profile):
    found = started(keyring_profile.store)
    assert found.day_on(MONDAY).number == 1
    assert found.day_on(date(2026, 5, 13)).number == 3
    assert found.day_on(date(2026, 5, 15)).number == 5
    assert found.day_on(date(2026, 5, 10)) is None
    assert found.day_on(date(2026, 5, 16)) is None


def test_a_challenge_across_month_end_keeps_the_days_in_a_row(keyring_profile):
    found = started(keyring_profile.store, date(2026, 2, 26))
    assert [d.when for d in found.days][-3:] == [
        date(2026, 2, 28),
        date(2026, 3, 1),
        date(2026, 3, 2),
    ]


def test_tick_and_untick(keyring_profile):
    store = keyring_profile.store
    found = started(store)
    found = challenge.tick(store, found.id, 2, on(date(2026, 5, 12), 8))
    assert found.days[1].done and found.days[1].done_at == on(date(2026, 5, 12), 8)
    assert found.done_count == 1
    assert challenge.current(store).days[1].done

    found = challenge.tick(store, found.id, 2, on(date(2026, 5, 12), 9), done=False)
    assert not found.days[1].done and found.days[1].done_at is None
    assert found.done_count == 0


def test_ticking_a_challenge_that_is_gone_says_so(keyring_profile):
    with pytest.raises(CompanionError, match="no longer here"):
        challenge.tick(keyring_profile.store, 99, 1, on(MONDAY))


def test_streak_counts_back_from_today_and_waits_for_today(keyring_profile):
    store = keyring_profile.store
    found = ticked(store, started(store), 1, 2)
    wednesday = date(2026, 5, 13)
    # Day 3 is today and not ticked yet: the streak is not broken.
    assert found.streak(wednesday) == 2
    found = ticked(store, found, 3)
    assert found.streak(wednesday) == 3
    assert found.streak(wednesday + timedelta(days=1)) == 3
    # A whole day gone by without a tick breaks it.
    assert found.streak(wednesday + timedelta(days=2)) == 0


def test_a_missed_earlier_day_breaks_the_streak(keyring_profile):
    store = keyring_profile.store
    found = ticked(store, started(store), 1, 3)
    assert found.streak(date(2026, 5, 13)) == 1
    assert found.streak(date(2026, 5, 14)) == 1
    found = ticked(store, found, 4)
    assert found.streak(date(2026, 5, 14)) == 2
    assert ticked(store, found, 2).streak(date(2026, 5, 14)) == 4


def test_streak_before_anything_is_ticked_or_before_the_start(keyring_profile):
    found = started(keyring_profile.store)
    assert found.streak(MONDAY - timedelta(days=1)) == 0
    assert found.streak(MONDAY) == 0
    assert found.streak(MONDAY + timedelta(days=1)) == 0


def test_missed_lists_only_past_days_not_ticked(keyring_profile):
    store = keyring_profile.store
    found = ticked(store, started(store), 1, 3)
    assert found.missed(MONDAY) == []
    assert [d.number for d in found.missed(date(2026, 5, 14))] == [2]  # day 4 is today
    assert [d.number for d in found.missed(date(2026, 5, 20))] == [2, 4, 5]


def test_over_after_day_five_or_when_all_five_are_done(keyring_profile):
    store = keyring_profile.store
    found = ticked(store, started(store), 1, 2, 3, 4)
    assert not found.is_over(date(2026, 5, 15))  # day five, still to do
    assert found.is_over(date(2026, 5, 16))

    early = ticked(store, found, 5)
    assert early.done_count == 5
    assert early.is_over(date(2026, 5, 13))


def test_finishing_with_a_reflection_makes_room_for_a_new_challenge(keyring_profile):
    store = keyring_profile.store
    first = ticked(store, started(store), 1, 2, 3, 4, 5)
    challenge.finish(store, first.id, date(2026, 5, 16), "  Calling Jo was the best bit.  ")
    assert challenge.current(store) is None
    [done] = challenge.past(store)
    assert done.id == first.id
    assert done.reflection == "Calling Jo was the best bit."
    assert done.finished == date(2026, 5, 16)
    assert done.done_count == 5

    second = challenge.start(store, date(2026, 6, 1), ACTIONS)
    assert challenge.current(store) == second
    assert second.done_count == 0
    challenge.finish(store, second.id, date(2026, 6, 6))
    assert [c.id for c in challenge.past(store)] == [second.id, first.id]
    assert challenge.past(store)[0].reflection == ""


def test_the_ideas_are_not_passed_off_as_the_surgeon_generals():
    """The challenge is credited to the Surgeon General; the example ideas are Companion's own."""
    credit = challenge.IDEAS_CREDIT
    assert "Surgeon General" in credit and "Companion's own" in credit
    assert "From:" not in credit
