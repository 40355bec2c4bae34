"""The loneliness self-check: scoring, trend, and the gentle message."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from companion import wellbeing
from companion.errors import CompanionError

NOW = datetime(2026, 11, 21, 10, 0).astimezone()


def test_scores_add_up_from_3_to_9(keyring_profile):
    store = keyring_profile.store
    low = wellbeing.record(store, NOW, 1, 1, 1)
    high = wellbeing.record(store, NOW + timedelta(days=30), 3, 3, 3, direct="often_always")
    assert (low.total, high.total) == (3, 9)
    assert [c.total for c in wellbeing.history(store)] == [3, 9]
    assert wellbeing.history(store)[1].direct == "often_always"


@pytest.mark.parametrize("answers", [(0, 1, 1), (1, 4, 1), (1, 1, None)])
def test_missing_or_impossible_answers_are_refused_and_nothing_saved(keyring_profile, answers):
    with pytest.raises(CompanionError, match="each of the three questions"):
        wellbeing.record(keyring_profile.store, NOW, *answers)
    assert wellbeing.history(keyring_profile.store) == []


def test_unknown_direct_answer_is_refused(keyring_profile):
    with pytest.raises(CompanionError):
        wellbeing.record(keyring_profile.store, NOW, 1, 1, 1, direct="sometimes-ish")
    assert wellbeing.history(keyring_profile.store) == []


def checks(*totals: int) -> list[wellbeing.Check]:
    made = []
    for index, total in enumerate(totals):
        a = min(3, total - 2)
        b = min(3, total - a - 1)
        c = total - a - b
        made.append(wellbeing.Check(index, NOW + timedelta(days=30 * index), a, b, c, None))
    assert [c.total for c in made] == list(totals)
    return made


def test_six_or_more_brings_a_gentle_message():
    reading = wellbeing.reading(checks(6))
    assert reading.gentle
    assert "6 out of 9" in reading.summary
    assert "diagnos" not in reading.summary.lower()
    assert not wellbeing.reading(checks(5)).gentle


def test_a_rising_score_brings_a_gentle_message_even_below_six():
    reading = wellbeing.reading(checks(3, 3, 5))
    assert reading.trend == "rising" and reading.gentle
    assert "higher than before" in reading.summary


def test_falling_and_steady_are_said_plainly():
    assert wellbeing.reading(checks(8, 8, 5)).trend == "falling"
    assert "lower than before" in wellbeing.reading(checks(8, 8, 5)).summary
    assert wellbeing.reading(checks(4, 4, 4)).trend == "steady"
    assert wellbeing.trend(checks(4)) is None
    assert wellbeing.reading([]) is None


def test_monthly_by_default_and_never_when_turned_off():
    assert wellbeing.is_due([], NOW)
    taken = checks(4)
    assert not wellbeing.is_due(taken, taken[0].taken_at + timedelta(days=29))
    assert wellbeing.is_due(taken, taken[0].taken_at + timedelta(days=30))
    assert not wellbeing.is_due([], NOW, every_days=0)


def test_suggestions_point_to_people_and_help():
    text = " ".join(wellbeing.suggestions())
    assert "helplines" in text and "doctor" in text


def test_often_or_always_lonely_brings_suggestions_even_with_a_low_score():
    """The direct question counts on its own: a total of 5 with "often or always" is met gently."""
    answered = [wellbeing.Check(1, NOW, 2, 2, 1, "often_always")]
    reading = wellbeing.reading(answered)
    assert reading.gentle
    assert "5 out of 9" in reading.summary and "often or always" in reading.summary
    for answer in ("some_of_the_time", "occasionally", "hardly_ever", "never", None):
        assert not wellbeing.reading([wellbeing.Check(1, NOW, 2, 2, 1, answer)]).gentle, answer


def test_the_cut_off_is_not_credited_to_a_study():
    """Reading 6 or more as lonely is a convention; no citation is claimed for it."""
    assert not hasattr(wellbeing, "THRESHOLD_NAME")
    assert "convention" in (wellbeing.__doc__ or "")
