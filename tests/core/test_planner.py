"""The energy planner: the budget across weeks, month ends and clock changes, warnings
before overcommitting, boundaries, isolation and burnout notes, learning costs only
after three answers, a pause, the line for Today and the plan's data.

Every test passes its own "now" (in a named zone); the real clock is never read.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from companion import contacts, planner, planner_scripts, reminders
from companion.contacts import Person, Schedule
from companion.errors import CompanionError
from companion.planner import Draft

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(7)

# Wednesday 18 November 2026, mid-morning; the week (from Monday) starts on the 16th.
NOW = datetime(2026, 11, 18, 10, 0, tzinfo=LONDON)
WEEK = date(2026, 11, 16)


@pytest.fixture
def store(keyring_profile):
    return keyring_profile.store


def wall(day: date, hour: int = 14, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)


def plan(
    store,
    day: date,
    cost: int | str = 2,
    kind: str = "visit",
    hour: int = 14,
    minute: int = 0,
    title: str = "Tea with Ann",
    minutes: int = 60,
    now: datetime = NOW,
    **more,
) -> planner.Commitment:
    return planner.add(
        store, now, Draft(kind, title, wall(day, hour, minute), minutes, cost, **more)
    )


def person(store, name: str = "Jo Bennett", every: tuple[int, str] | None = (1, "weeks")):
    added = NOW - timedelta(days=60)
    return contacts.add_person(
        store, added, Person(0, name, schedule=Schedule(*every) if every else None)
    )


def kinds(warnings) -> list[str]:
    return [w.kind for w in warnings]


def count_rows(store) -> int:
    return int(store.query_one("SELECT count(*) FROM planner_items")[0])


# --- the budget ------------------------------------------------------------------------------


def test_the_default_budget_is_gentle_and_said_in_one_plain_sentence(store):
    assert planner.budget(store) == planner.DEFAULT_BUDGET == 10
    sentence = planner.describe_budget(10)
    assert sentence == (
        "You plan to spend 10 points of social energy a week: a short call costs about 1, "
        "a visit 2, a big gathering 3 or more, and rest gives some back."
    )
    assert sentence.count(".") == 1  # one sentence
    assert planner.describe_budget(1).startswith("You plan to spend 1 point ")


def test_setting_the_budget_checks_it_and_bad_input_changes_nothing(store):
    assert planner.set_budget(store, NOW, 8) == 8
    for wrong in (0, 51, -3):
        with pytest.raises(CompanionError, match="whole number from 1 to 50"):
            planner.set_budget(store, NOW, wrong)
    assert planner.budget(store) == 8


def steady_week(store, monday: date) -> None:
    """Six of the ten used: a visit on the Tuesday and a group on the Thursday."""
    plan(store, monday + timedelta(days=1), cost=3)
    plan(store, monday + timedelta(days=3), cost=3, kind="group", title="Choir")


def test_the_budget_never_rises_by_itself_but_a_small_rise_is_offered_after_four_steady_weeks(
    store,
):
    for ago in (1, 2, 3):
        steady_week(store, WEEK - timedelta(weeks=ago))
    assert planner.rise_offer(store, NOW) is None
    steady_week(store, WEEK - timedelta(weeks=4))
    offer = planner.rise_offer(store, NOW)
    assert offer is not None
    assert (offer.budget, offer.proposed) == (10, 11)
    assert offer.text == (
        "Your last few weeks have been steady. If you feel ready, you could plan "
        "with 11 instead of 10. It is up to you."
    )
    # Many more steady weeks later, still untouched until the person says yes.
    for ahead in range(8):
        steady_week(store, WEEK + timedelta(weeks=ahead))
    later = NOW + timedelta(weeks=8)
    assert planner.rise_offer(store, later) is not None
    assert planner.budget(store) == 10
    assert planner.accept_rise(store, later) == 11
    assert planner.budget(store) == 11
    assert planner.rise_offer(store, later) is None  # steady weeks count again from now


def test_no_rise_when_a_week_went_over_or_something_was_draining(store):
    for ago in (1, 2, 3, 4):
        steady_week(store, WEEK - timedelta(weeks=ago))
    draining = plan(store, WEEK - timedelta(days=5), cost=1, kind="call", title="Ring Frank")
    planner.reflect(store, NOW, draining.id, "draining")
    assert planner.rise_offer(store, NOW) is None
    planner.reflect(store, NOW, draining.id, "all_right")  # answered again: replaced
    assert planner.rise_offer(store, NOW) is not None
    plan(store, WEEK - timedelta(days=4), cost=4, kind="hosting", title="Family lunch")
    assert planner.week_of(store, NOW, MONDAY, -1).total == 11
    assert planner.rise_offer(store, NOW) is None


def test_weeks_with_little_used_are_not_steady_so_no_rise_is_offered(store):
    for ago in (1, 2, 3, 4):
        plan(store, WEEK - timedelta(weeks=ago), cost=4)  # under half the budget
    assert planner.rise_offer(store, NOW) is None
    plan(store, WEEK - timedelta(weeks=1, days=-3), cost=1, kind="call")  # five in one week
    assert planner.rise_offer(store, NOW) is None  # the other three are still light


def test_dismissing_the_offer_keeps_the_budget_and_waits_for_four_more_steady_weeks(store):
    for ago in (1, 2, 3, 4):
        steady_week(store, WEEK - timedelta(weeks=ago))
    assert planner.rise_offer(store, NOW) is not None
    planner.dismiss_rise(store, NOW)
    assert planner.rise_offer(store, NOW) is None
    assert planner.budget(store) == 10
    for ahead in range(4):
        steady_week(store, WEEK + timedelta(weeks=ahead))
    assert planner.rise_offer(store, NOW + timedelta(weeks=3)) is None
    assert planner.rise_offer(store, NOW + timedelta(weeks=4)) is not None
    with pytest.raises(CompanionError, match="no change"):
        planner.accept_rise(store, NOW + timedelta(weeks=3))


# --- the week, month ends and clock changes -----------------------------------------------


def test_the_week_is_seven_days_and_its_total_is_the_sum_of_its_days(store):
    plan(store, WEEK, cost="light", kind="call")
    plan(store, WEEK + timedelta(days=2), cost="heavy", kind="hosting")
    plan(store, WEEK + timedelta(days=2), cost=1, kind="rest", title="Nap", hour=16)
    declined = plan(store, WEEK + timedelta(days=4), cost="medium")
    planner.decline(store, declined.id)
    week = planner.week_of(store, NOW, MONDAY)
    assert [d.date for d in week.days] == [WEEK + timedelta(days=n) for n in range(7)]
    assert [d.load for d in week.days] == [1, 0, 2, 0, 0, 0, 0]
    assert week.total == sum(d.load for d in week.days) == 3
    assert week.left == 7
    # The declined visit stays on its day, for the person to see, but costs nothing.
    friday = week.days[4]
    assert [i.title for i in friday.items] == ["Tea with Ann"] and friday.items[0].declined
    assert friday.load == 0


def test_days_carry_their_share_limit_and_over_and_under_flags(store):
    plan(store, WEEK + timedelta(days=1), cost=3, kind="hosting")
    plan(store, WEEK + timedelta(days=1), cost=2, hour=18)
    week = planner.week_of(store, NOW, MONDAY)
    tuesday, wednesday = week.days[1], week.days[2]
    assert tuesday.share == pytest.approx(10 / 7)
    assert tuesday.limit == 3
    assert tuesday.over and not tuesday.under and tuesday.full
    assert wednesday.under and not wednesday.over


def test_days_and_costs_are_told_in_words_not_only_colour(store):
    plan(store, WEEK + timedelta(days=1), cost=3, kind="hosting")
    plan(store, WEEK + timedelta(days=1), cost=2, hour=18)
    plan(store, WEEK + timedelta(days=2), cost=3, kind="hosting")
    plan(store, WEEK + timedelta(days=3), cost=1, kind="call")
    rest = plan(store, WEEK + timedelta(days=4), cost=1, kind="rest", title="Nap")
    week = planner.week_of(store, NOW, MONDAY)
    assert [planner.describe_day(d) for d in week.days[:5]] == [
        "Monday, November 16: nothing planned.",
        "Tuesday, November 17: 5 points used, more than one day comfortably holds.",
        "Wednesday, November 18: 3 points used, a full day.",
        "Thursday, November 19: 1 point used.",
        "Friday, November 20: only rest planned.",
    ]
    assert rest.load == -1
    assert [planner.cost_words(c) for c in (1, 2, 3, 5)] == [
        "Light (1)",
        "Medium (2)",
        "Heavy (3)",
        "5 points",
    ]


@pytest.mark.parametrize(
    ("language", "country", "first"),
    [("en", "GB", MONDAY), ("en", "US", SUNDAY), ("de", "DE", MONDAY), ("ar", "EG", SATURDAY)],
)
def test_the_week_starts_on_the_locales_first_day(store, language, country, first):
    assert planner.first_week_day(language, country) == first
    week = planner.week_of(store, NOW, planner.first_week_day(language, country))
    assert week.start.weekday() == first
    assert week.start <= NOW.date() < week.end


def test_an_unknown_locale_falls_back_to_the_language_then_monday():
    assert planner.first_week_day("en", "ZZ") in (MONDAY, SUNDAY)
    assert planner.first_week_day("xx") == MONDAY


def test_a_week_across_a_month_end_keeps_each_commitment_on_its_own_day(store):
    now = datetime(2026, 1, 30, 9, tzinfo=LONDON)  # a Friday
    plan(store, date(2026, 1, 31), cost=2, now=now)
    plan(store, date(2026, 2, 1), cost=1, kind="call", now=now)
    week = planner.week_of(store, now, MONDAY)
    assert week.start == date(2026, 1, 26)
    assert {d.date: d.load for d in week.days if d.load} == {
        date(2026, 1, 31): 2,
        date(2026, 2, 1): 1,
    }
    # The next week starts on 2 February, and the month's end did not leak into it.
    assert planner.week_of(store, now, MONDAY, offset=1).total == 0


def test_a_leap_day_is_one_of_the_weeks_seven_days(store):
    now = datetime(2028, 2, 28, 9, tzinfo=LONDON)
    plan(store, date(2028, 2, 29), cost=2, now=now)
    plan(store, date(2028, 3, 1), cost=3, kind="hosting", now=now)
    week = planner.week_of(store, now, MONDAY)
    assert [d.date.day for d in week.days] == [28, 29, 1, 2, 3, 4, 5]
    assert week.total == 5


def test_the_weeks_of_clock_changes_have_seven_days_and_lose_nothing(store):
    # London springs forward on Sunday 29 March 2026 and falls back on Sunday 25 October.
    spring = datetime(2026, 3, 29, 23, 30, tzinfo=LONDON)  # late on the Sunday, in summer time
    plan(store, date(2026, 3, 29), cost=1, kind="call", hour=1, minute=30, now=spring)
    plan(store, date(2026, 3, 29), cost=2, hour=23, now=spring)
    week = planner.week_of(store, spring, MONDAY)
    assert week.start == date(2026, 3, 23) and len(week.days) == 7
    assert week.days[6].load == 3 and week.total == 3
    autumn = datetime(2026, 10, 25, 1, 30, fold=1, tzinfo=LONDON)  # the second 01:30
    plan(store, date(2026, 10, 25), cost=2, hour=1, minute=30, now=autumn)
    week = planner.week_of(store, autumn, MONDAY)
    assert week.start == date(2026, 10, 19)
    assert [d.load for d in week.days] == [0, 0, 0, 0, 0, 0, 2]


def test_the_day_is_the_local_day_not_utcs(store):
    # 00:30 on Monday in London is still Sunday in UTC: the Monday week applies.
    now = datetime(2026, 7, 6, 0, 30, tzinfo=LONDON)
    assert planner.week_of(store, now, MONDAY).start == date(2026, 7, 6)
    # 20:00 on Sunday in New York is Monday in UTC: still the week before.
    evening = datetime(2026, 7, 5, 20, 0, tzinfo=NEW_YORK)
    assert planner.week_of(store, evening, MONDAY).start == date(2026, 6, 29)


def test_the_line_for_today_counts_this_weeks_energy(store):
    plan(store, WEEK, cost=2)
    plan(store, WEEK + timedelta(days=3), cost=1, kind="call")
    plan(store, WEEK + timedelta(weeks=1), cost=3)  # next week: not counted
    energy = planner.summary(store, NOW, MONDAY)
    assert (energy.used, energy.budget, energy.over) == (3, 10, False)
    assert planner.summary_text(energy) == "This week: 3 of 10 energy used"
    plan(store, WEEK + timedelta(days=4), cost=9, kind="hosting")
    text = planner.summary_text(planner.summary(store, NOW, MONDAY))
    assert text.startswith("This week: 12 of 10 energy used.") and "go gently" in text


# --- commitments ------------------------------------------------------------------------


def test_bad_input_is_refused_plainly_and_changes_nothing(store):
    cases = [
        (Draft("party", "Party", wall(WEEK)), "what kind"),
        (Draft("visit", "   ", wall(WEEK)), "few words"),
        (Draft("visit", "Tea", wall(WEEK), minutes=2), "How long"),
        (Draft("visit", "Tea", wall(WEEK), cost="enormous"), "light, medium or heavy"),
        (Draft("visit", "Tea", wall(WEEK), cost=11), "light, medium or heavy"),
        (Draft("visit", "Tea", wall(WEEK), factors=("wind",)), "harder"),
        (Draft("visit", "Tea", wall(WEEK), person_id=999), "no longer in your list"),
    ]
    for draft, message in cases:
        with pytest.raises(CompanionError, match=message):
            planner.add(store, NOW, draft)
        with pytest.raises(CompanionError, match=message):
            planner.check_new(store, NOW, draft)
    assert count_rows(store) == 0


def test_costs_are_light_medium_heavy_or_a_number(store):
    assert [planner.cost_value(c) for c in ("light", "medium", "heavy", 0, 7, "4")] == [
        1,
        2,
        3,
        0,
        7,
        4,
    ]


def test_ticked_factors_raise_the_suggested_cost(store):
    assert planner.suggest_cost(store, "visit").cost == 2
    suggestion = planner.suggest_cost(store, "visit", ("large_group", "noise", "travel"))
    assert suggestion.cost == 5
    assert suggestion.reasons == ("A large group", "Noise", "Travel")
    # Hosting is already counted in the kind, so ticking it again adds nothing.
    assert planner.suggest_cost(store, "hosting", ("hosting",)).cost == 3
    assert planner.suggest_cost(store, "call", tuple(planner.FACTORS)).cost == 7


def test_move_change_decline_and_delete_with_undo(store):
    jo = person(store)
    item = plan(store, WEEK, cost=2, person_id=jo.id, factors=("travel", "noise"))
    assert item.factors == ("noise", "travel")  # one order, as in the list
    moved = planner.move(store, NOW, item.id, wall(WEEK + timedelta(days=3), 11))
    assert moved.starts == datetime(2026, 11, 19, 11, 0) and moved.person_id == jo.id
    changed = planner.change(
        store, NOW, item.id, Draft("call", "Ring Jo", moved.starts, 20, "light")
    )
    assert (changed.kind, changed.title, changed.cost, changed.factors) == (
        "call",
        "Ring Jo",
        1,
        (),
    )
    planner.decline(store, item.id)
    assert planner.get(store, item.id).declined
    assert planner.week_of(store, NOW, MONDAY).total == 0
    planner.undo_decline(store, item.id)
    assert planner.week_of(store, NOW, MONDAY).total == 1
    planner.delete(store, NOW, item.id)
    assert planner.week_of(store, NOW, MONDAY).days[3].items == ()
    with pytest.raises(CompanionError, match="no longer in your plan"):
        planner.get(store, item.id)
    planner.undo_delete(store, item.id)
    assert planner.get(store, item.id).title == "Ring Jo"
    planner.delete(store, NOW, item.id)
    rest = plan(store, WEEK, cost=1, kind="rest", title="Rest")
    planner.delete(store, NOW, rest.id)
    assert planner.purge_deleted(store, NOW) == 1
    # The dropped rest block is kept hidden a while: it tells of burnout.
    assert count_rows(store) == 1
    assert planner.purge_deleted(store, NOW + timedelta(weeks=6)) == 1
    assert count_rows(store) == 0


def test_a_reminder_is_made_in_one_click_and_follows_a_move(store):
    item = plan(store, WEEK + timedelta(days=2), cost=2, hour=15, title="Choir")
    with_reminder = planner.attach_reminder(store, NOW, item.id, before_minutes=60, zone=LONDON)
    reminder = reminders.get(store, with_reminder.reminder_id)
    assert reminder.title == "Choir"
    assert reminder.starts == datetime(2026, 11, 18, 14, 0)
    # A second click does not make a second reminder.
    assert planner.attach_reminder(store, NOW, item.id).reminder_id == reminder.id
    planner.move(store, NOW, item.id, wall(WEEK + timedelta(days=4), 11))
    assert reminders.get(store, reminder.id).starts == datetime(2026, 11, 20, 10, 0)


def test_a_reminder_for_something_already_past_is_refused_plainly(store):
    item = plan(store, WEEK, cost=2, hour=9)
    with pytest.raises(CompanionError, match="already passed"):
        planner.attach_reminder(store, NOW, item.id, zone=LONDON)
    assert planner.get(store, item.id).reminder_id is None


# --- warnings before overcommitting -------------------------------------------------------


def test_a_commitment_that_overfills_a_day_is_warned_about_with_a_lighter_day_named(store):
    thursday = WEEK + timedelta(days=3)
    plan(store, thursday, cost=2)
    plan(store, WEEK + timedelta(days=2), cost=1, kind="call", hour=18)  # Wednesday: 1
    draft = Draft("visit", "Lunch with Tom", wall(thursday, 12), 180, 2)
    warnings = planner.check_new(store, NOW, draft, MONDAY)
    assert kinds(warnings) == ["day_over"]
    warning = warnings[0]
    assert (
        warning.text
        == "Thursday, November 19 would be a very full day. You may feel tired afterwards."
    )
    ways = {s.kind: s for s in warning.suggestions}
    assert set(ways) == {"move", "shorten", "cheaper", "decline"}
    # The lightest day from today on, not Monday or Tuesday (already past).
    assert ways["move"].day == date(2026, 11, 20)
    assert "Friday, November 20" in ways["move"].text
    assert ways["shorten"].minutes == 90
    assert "phone call" in ways["cheaper"].text and ways["cheaper"].cost == 1
    assert ways["decline"].situation == "visit"  # the scripts for saying no to a visit
    assert count_rows(store) == 2  # asking changes nothing


def test_going_over_the_week_is_warned_about_and_next_week_suggested(store):
    for day in range(1, 6):
        plan(store, WEEK + timedelta(days=day), cost=2)
    draft = Draft("call", "Ring the bank", wall(WEEK + timedelta(days=6), 10), 20, 1)
    warnings = planner.check_new(store, NOW, draft, MONDAY)
    assert kinds(warnings) == ["week_over"]
    assert "(11 of 10)" in warnings[0].text
    move = next(s for s in warnings[0].suggestions if s.kind == "move")
    assert move.day is not None and move.day >= WEEK + timedelta(weeks=1)
    assert [s.kind for s in warnings[0].suggestions] == ["move", "decline"]


def test_a_commitment_that_fits_gets_no_warning_and_rest_never_does(store):
    assert (
        planner.check_new(
            store, NOW, Draft("call", "Ring Jo", wall(WEEK + timedelta(days=3)), 20, 1)
        )
        == []
    )
    for day in range(7):
        plan(store, WEEK + timedelta(days=day), cost=3, kind="hosting")
    rest = Draft("rest", "Quiet afternoon", wall(WEEK + timedelta(days=3), 15), 120, 2)
    assert planner.check_new(store, NOW, rest, MONDAY) == []


def test_changing_an_item_is_checked_without_counting_it_twice(store):
    item = plan(store, WEEK + timedelta(days=3), cost=3, kind="hosting")
    same = item.as_draft()
    assert planner.check_new(store, NOW, same, MONDAY, item_id=item.id) == []
    assert kinds(planner.check_new(store, NOW, same, MONDAY)) == ["day_over"]


def test_after_a_full_day_the_next_day_is_suggested_quiet(store):
    thursday = WEEK + timedelta(days=3)
    plan(store, thursday, cost=3, kind="hosting", title="Family lunch")
    after = planner.check_new(
        store, NOW, Draft("visit", "Coffee", wall(thursday + timedelta(days=1), 10), 60, 1), MONDAY
    )
    assert kinds(after) == ["after_full_day"]
    assert "Tiredness often comes a day later" in after[0].text
    # And the other way round: making a day full when the next one has plans.
    plan(store, WEEK + timedelta(days=5), cost=1, kind="call")
    before = planner.check_new(
        store,
        NOW,
        Draft("hosting", "Book club", wall(thursday + timedelta(days=1), 18), 120, 3),
        MONDAY,
    )
    assert "quiet_next_day" in kinds(before)
    quiet = next(w for w in before if w.kind == "quiet_next_day")
    assert quiet.suggestions[0].day == date(2026, 11, 21)


# --- boundaries -------------------------------------------------------------------------------


def test_boundaries_are_described_in_plain_words(store):
    rules = [
        planner.add_boundary(store, NOW, "no_calls_after", 20 * 60),
        planner.add_boundary(store, NOW, "outings_per_day", 1),
        planner.add_boundary(store, NOW, "rest_day", SUNDAY),
        planner.add_boundary(store, NOW, "heavy_per_week", 2),
        planner.add_boundary(store, NOW, "free_text", text="  Mornings are slow  "),
    ]
    assert [planner.describe_boundary(b) for b in rules] == [
        "No calls after 8:00\u202fPM.",
        "At most 1 outing a day.",
        "Sunday is for rest.",
        "At most 2 heavy things a week.",
        "Mornings are slow",
    ]
    assert [b.id for b in planner.list_boundaries(store)] == [b.id for b in rules]


def test_bad_boundaries_are_refused_plainly(store):
    for kind, number, text, message in [
        ("curfew", 1, "", "what kind of rule"),
        ("rest_day", 7, "", "day of the week"),
        ("no_calls_after", 1440, "", "time of day"),
        ("outings_per_day", None, "", "fill in"),
        ("free_text", None, "  ", "few words"),
    ]:
        with pytest.raises(CompanionError, match=message):
            planner.add_boundary(store, NOW, kind, number, text)
    assert planner.list_boundaries(store) == []


def test_the_same_rule_twice_is_refused_in_plain_words_and_nothing_is_added(store):
    sunday = planner.add_boundary(store, NOW, "rest_day", SUNDAY)
    own = planner.add_boundary(store, NOW, "free_text", text="No politics at dinner")
    with pytest.raises(CompanionError, match="already have this rule") as refused:
        planner.add_boundary(store, NOW, "rest_day", SUNDAY)
    assert "Sunday is for rest." in refused.value.message
    with pytest.raises(CompanionError, match="already have this rule"):
        planner.add_boundary(store, NOW, "free_text", text="  no politics   at DINNER ")
    assert planner.list_boundaries(store) == [sunday, own]
    # A different day, or a rule given up earlier, is not the same rule.
    saturday = planner.add_boundary(store, NOW, "rest_day", SATURDAY)
    planner.delete_boundary(store, NOW, sunday.id)
    again = planner.add_boundary(store, NOW, "rest_day", SUNDAY)
    assert planner.list_boundaries(store) == [own, saturday, again]


def test_changing_a_rule_into_one_you_have_is_refused_and_changes_nothing(store):
    planner.add_boundary(store, NOW, "rest_day", SUNDAY)
    saturday = planner.add_boundary(store, NOW, "rest_day", SATURDAY)
    with pytest.raises(CompanionError, match="another rule that says this: Sunday is for rest"):
        planner.change_boundary(store, saturday.id, SUNDAY)
    assert saturday in planner.list_boundaries(store)
    assert planner.change_boundary(store, saturday.id, SATURDAY) == saturday  # itself is fine


def test_boundaries_are_checked_against_new_commitments(store):
    late = planner.add_boundary(store, NOW, "no_calls_after", 20 * 60)
    one_outing = planner.add_boundary(store, NOW, "outings_per_day", 1)
    sunday = planner.add_boundary(store, NOW, "rest_day", SUNDAY)
    heavy = planner.add_boundary(store, NOW, "heavy_per_week", 1)
    planner.add_boundary(store, NOW, "free_text", text="No politics at dinner")
    friday = WEEK + timedelta(days=4)

    def broken(draft: Draft) -> list[int | None]:
        return [
            w.boundary_id
            for w in planner.check_new(store, NOW, draft, MONDAY)
            if w.kind == "boundary"
        ]

    assert broken(Draft("call", "Ring Jo", wall(friday, 20, 30), 20, 1)) == [late.id]
    assert broken(Draft("call", "Ring Jo", wall(friday, 19, 30), 20, 1)) == []
    plan(store, friday, cost=1, hour=10, title="Doctor", kind="appointment")
    assert broken(Draft("visit", "Tea", wall(friday, 15), 60, 1)) == [one_outing.id]
    assert broken(Draft("call", "Ring Jo", wall(friday, 15), 20, 1)) == []  # a call is no outing
    assert broken(Draft("call", "Ring Jo", wall(WEEK + timedelta(days=6), 11), 20, 1)) == [
        sunday.id
    ]
    assert broken(Draft("rest", "Lie-in", wall(WEEK + timedelta(days=6), 9), 60, 1)) == []
    plan(store, WEEK + timedelta(days=2), cost=3, kind="hosting", hour=18)
    warnings = planner.check_new(
        store, NOW, Draft("group", "Quiz night", wall(WEEK + timedelta(days=5), 19), 120, 3), MONDAY
    )
    boundary = next(w for w in warnings if w.kind == "boundary")
    assert boundary.boundary_id == heavy.id
    assert (
        boundary.text == "This goes against a rule you set yourself: At most 1 heavy thing a week."
    )
    assert any(s.kind == "decline" for s in boundary.suggestions)


def test_a_lighter_day_never_breaks_a_boundary(store):
    planner.add_boundary(store, NOW, "rest_day", SATURDAY)
    planner.add_boundary(store, NOW, "rest_day", SUNDAY)
    thursday = WEEK + timedelta(days=3)
    plan(store, thursday, cost=3, kind="hosting")
    warnings = planner.check_new(
        store, NOW, Draft("visit", "Tea", wall(thursday, 17), 60, 2), MONDAY
    )
    move = next(s for w in warnings for s in w.suggestions if s.kind == "move")
    assert move.day == date(2026, 11, 18)  # the lightest from today on, not the weekend
    planner.add_boundary(store, NOW, "rest_day", WEDNESDAY)
    warnings = planner.check_new(
        store, NOW, Draft("visit", "Tea", wall(thursday, 17), 60, 2), MONDAY
    )
    move = next(s for w in warnings for s in w.suggestions if s.kind == "move")
    assert move.day == date(2026, 11, 23)  # not Friday either: the day after a full day


def test_boundaries_can_be_changed_and_deleted_with_undo(store):
    rule = planner.add_boundary(store, NOW, "no_calls_after", 20 * 60)
    assert planner.change_boundary(store, rule.id, 21 * 60).number == 21 * 60
    planner.delete_boundary(store, NOW, rule.id)
    assert planner.list_boundaries(store) == []
    planner.undo_delete_boundary(store, rule.id)
    assert planner.list_boundaries(store)[0].number == 21 * 60


# --- how it felt, and learning ------------------------------------------------------------


def test_how_it_felt_is_asked_once_it_is_over_and_for_heavy_ones_again_the_next_day(store):
    light = plan(
        store, WEEK + timedelta(days=2), cost=1, kind="call", hour=8, minutes=30, title="Ring Ann"
    )
    later = plan(store, WEEK + timedelta(days=2), cost=2, hour=11, title="Coffee")
    heavy = plan(store, WEEK + timedelta(days=1), cost=3, kind="hosting", title="Family lunch")
    rest = plan(store, WEEK + timedelta(days=1), cost=1, kind="rest", hour=17, title="Nap")
    asked = {(q.item.id, q.asked) for q in planner.to_ask(store, NOW)}
    assert asked == {(light.id, "then"), (heavy.id, "then"), (heavy.id, "next_day")}
    assert later.id not in {i for i, _ in asked} and rest.id not in {i for i, _ in asked}
    question = next(q for q in planner.to_ask(store, NOW) if q.asked == "next_day")
    assert question.text == "A day later: how do you feel after “Family lunch”?"
    planner.reflect(store, NOW, heavy.id, "draining")
    planner.reflect(store, NOW, heavy.id, "all_right", asked="next_day")
    assert {(q.item.id, q.asked) for q in planner.to_ask(store, NOW)} == {(light.id, "then")}
    # After a week it is no longer asked.
    assert planner.to_ask(store, NOW + timedelta(days=9)) == []


def test_a_heavy_thing_is_not_asked_about_again_on_the_same_day(store):
    heavy = plan(store, WEEK + timedelta(days=2), cost=4, kind="hosting", hour=8, minutes=60)
    assert [q.asked for q in planner.to_ask(store, NOW) if q.item.id == heavy.id] == ["then"]


def test_reflecting_before_it_happened_or_on_rest_is_refused(store):
    future = plan(store, WEEK + timedelta(days=4), cost=2)
    rest = plan(store, WEEK, cost=1, kind="rest", title="Nap")
    with pytest.raises(CompanionError, match="once it has happened"):
        planner.reflect(store, NOW, future.id, "draining")
    with pytest.raises(CompanionError, match="not rated"):
        planner.reflect(store, NOW, rest.id, "draining")
    said_no = plan(store, WEEK, cost=2, hour=9)
    planner.decline(store, said_no.id)
    with pytest.raises(CompanionError, match="You said no"):
        planner.reflect(store, NOW, said_no.id, "draining")
    assert said_no.id not in {q.item.id for q in planner.to_ask(store, NOW)}
    with pytest.raises(CompanionError, match="Please choose"):
        planner.reflect(store, NOW, future.id, "meh")


def past_visits(store, count: int, feeling: str, person_id: int | None = None, kind: str = "visit"):
    for n in range(count):
        item = plan(store, WEEK - timedelta(days=3 + n), cost=2, kind=kind, person_id=person_id)
        planner.reflect(store, NOW, item.id, feeling)


def test_a_cost_is_learned_only_after_three_answers_for_a_person(store):
    jo = person(store)
    past_visits(store, 2, "gave_energy", jo.id)
    assert planner.learned_cost(store, "visit", jo.id) is None
    assert planner.suggest_cost(store, "visit", person_id=jo.id).learned is None
    past_visits(store, 1, "gave_energy", jo.id)
    learned = planner.learned_cost(store, "visit", jo.id)
    assert learned is not None
    assert learned.text == "Time with Jo Bennett usually leaves you with more energy."
    assert (learned.feeling, learned.answers, learned.cost) == ("gave_energy", 3, 1)
    suggestion = planner.suggest_cost(store, "visit", person_id=jo.id)
    assert suggestion.cost == 1 and suggestion.learned == learned
    # The person can always override: what they choose is what is saved.
    assert plan(store, WEEK + timedelta(days=4), cost=3, person_id=jo.id).cost == 3


def test_a_cost_is_learned_for_a_kind_of_commitment_too(store):
    past_visits(store, 2, "draining", kind="group")
    assert planner.learned_cost(store, "group") is None
    past_visits(store, 1, "all_right", kind="group")
    learned = planner.learned_cost(store, "group")
    assert learned is not None and learned.feeling == "draining"
    assert learned.text == "Groups usually tire you, so a little more energy is set aside for them."
    assert planner.suggest_cost(store, "group").cost == 3
    assert planner.learned_cost(store, "visit") is None


# --- isolation, burnout, a quiet day, a pause ---------------------------------------------


def test_a_week_without_contact_gets_a_gentle_nudge_to_someone_who_is_due(store):
    jo = person(store, "Jo Bennett")
    contacts.log_contact(store, jo.id, NOW - timedelta(days=10), "call")
    person(store, "Ann Smith", every=None)
    nudge = planner.isolation_nudge(store, NOW, MONDAY)
    assert nudge is not None and nudge.kind == "isolation"
    assert nudge.text.startswith("It has been a quiet week.")
    assert nudge.person_id == jo.id
    assert (
        nudge.suggestions[0].text == "A short call or a card to Jo Bennett could be a gentle start."
    )
    contacts.log_contact(store, jo.id, NOW - timedelta(days=2), "call")
    assert planner.isolation_nudge(store, NOW, MONDAY) is None


def test_a_commitment_that_happened_counts_as_contact(store):
    plan(store, WEEK - timedelta(weeks=2), cost=1, kind="rest", title="Rest")  # in use a while
    plan(store, WEEK, cost=1, kind="call", hour=9)
    assert planner.isolation_nudge(store, NOW, MONDAY) is None
    # One planned for later in the week is not contact yet.
    assert planner.isolation_nudge(store, NOW - timedelta(days=3), MONDAY) is not None


def test_no_quiet_week_is_called_before_the_app_has_known_the_person_a_week(store):
    assert planner.isolation_nudge(store, NOW, MONDAY) is None
    contacts.add_person(store, NOW - timedelta(days=3), Person(0, "Ann Smith"))
    assert planner.isolation_nudge(store, NOW, MONDAY) is None
    assert planner.isolation_nudge(store, NOW + timedelta(days=4), MONDAY) is not None


def test_with_no_one_due_the_nudge_still_offers_a_cheap_way_to_connect(store):
    plan(store, WEEK - timedelta(weeks=2), cost=1, kind="rest", title="Rest")
    nudge = planner.isolation_nudge(store, NOW, MONDAY)
    assert nudge is not None and nudge.person_id is None
    assert "someone you like" in nudge.suggestions[0].text


def test_budget_mostly_unused_for_three_weeks_gets_a_nudge_even_with_contact(store):
    jo = person(store)
    contacts.log_contact(store, jo.id, NOW - timedelta(days=1), "call")
    plan(store, WEEK - timedelta(weeks=4), cost=2)  # in use for a month
    for n in (1, 2, 3):
        plan(store, WEEK - timedelta(weeks=n), cost=1, kind="call")
    nudge = planner.isolation_nudge(store, NOW, MONDAY)
    assert nudge is not None and nudge.text.startswith("You have had energy to spare")
    plan(store, WEEK - timedelta(weeks=2), cost=3, hour=18)  # one fuller week in between
    assert planner.isolation_nudge(store, NOW, MONDAY) is None


def test_several_weeks_over_budget_bring_a_kind_note_pointing_to_get_help(store):
    for n in (1, 2):
        plan(store, WEEK - timedelta(weeks=n), cost=10, kind="hosting")
        plan(store, WEEK - timedelta(weeks=n, days=-1), cost=2)
    assert planner.burnout_note(store, NOW, MONDAY) is None
    plan(store, WEEK - timedelta(weeks=3), cost=10, kind="hosting")
    plan(store, WEEK - timedelta(weeks=3, days=-1), cost=2)
    note = planner.burnout_note(store, NOW, MONDAY)
    assert note is not None and note.get_help
    assert note.text.startswith("Your weeks have been fuller than you planned")
    assert any(s.kind == "get_help" and "Get help" in s.text for s in note.suggestions)
    for word in ("streak", "score", "fail"):
        assert word not in (note.text + " ".join(s.text for s in note.suggestions)).lower()


def test_rest_dropped_again_and_again_brings_the_note_too(store):
    rests = [
        plan(store, WEEK - timedelta(days=n), cost=1, kind="rest", title="Rest") for n in (1, 3, 5)
    ]
    planner.decline(store, rests[0].id)
    planner.delete(store, NOW, rests[1].id)
    assert planner.burnout_note(store, NOW, MONDAY) is None
    planner.decline(store, rests[2].id)
    note = planner.burnout_note(store, NOW, MONDAY)
    assert note is not None and note.text.startswith("Rest has often been dropped")


def test_after_a_full_day_today_is_suggested_quiet(store):
    plan(store, WEEK + timedelta(days=1), cost=3, kind="hosting")
    nudge = planner.quiet_day_nudge(store, NOW, MONDAY)
    assert nudge is not None and nudge.text.startswith("Yesterday was a full day.")
    assert planner.quiet_day_nudge(store, NOW + timedelta(days=1), MONDAY) is None


def test_a_pause_stops_every_nudge_and_question_until_it_ends(store):
    for n in (1, 2, 3):
        plan(store, WEEK - timedelta(weeks=n), cost=10, kind="hosting")
        plan(store, WEEK - timedelta(weeks=n, days=-2), cost=2)
    plan(store, WEEK + timedelta(days=1), cost=3, kind="hosting", hour=9)
    assert {n.kind for n in planner.nudges(store, NOW, MONDAY)} == {"burnout", "quiet_day"}
    assert planner.to_ask(store, NOW)
    until = planner.pause(store, NOW, date(2026, 11, 25))
    assert planner.paused_until(store, NOW) == until
    assert planner.week_of(store, NOW, MONDAY).paused_until == until
    assert planner.nudges(store, NOW, MONDAY) == []
    assert planner.to_ask(store, NOW) == []
    assert planner.isolation_nudge(store, NOW, MONDAY) is None
    assert planner.rise_offer(store, NOW, MONDAY) is None
    # Warnings while planning still come: the person is the one asking.
    assert planner.check_new(
        store, NOW, Draft("hosting", "Party", wall(WEEK + timedelta(days=2)), 60, 9)
    )
    # The pause ends by itself after its last day.
    assert planner.paused_until(store, NOW + timedelta(days=8)) is None
    assert planner.nudges(store, NOW + timedelta(days=8), MONDAY) != []
    planner.end_pause(store)
    assert planner.paused_until(store, NOW) is None


def test_a_pause_must_end_on_a_day_from_today_on(store):
    with pytest.raises(CompanionError, match="from today on"):
        planner.pause(store, NOW, date(2026, 11, 17))
    assert planner.paused_until(store, NOW) is None


# --- the printed plan's data --------------------------------------------------------------


def test_plan_data_holds_the_budget_boundaries_and_chosen_scripts(store):
    planner.set_budget(store, NOW, 8)
    planner.add_boundary(store, NOW, "rest_day", SUNDAY)
    planner.add_boundary(store, NOW, "free_text", text="Mornings are slow")
    first = planner_scripts.scripts(store, "visit", "smaller")[0]
    planner_scripts.choose(store, NOW, first.key)
    data = planner.plan_data(store, NOW)
    assert data.budget == 8 and data.budget_text.startswith("You plan to spend 8 points")
    assert data.boundary_texts == ["Sunday is for rest.", "Mornings are slow"]
    assert [s.key for s in data.chosen_scripts] == [first.key]
    assert data.paused_until is None


# --- the demo --------------------------------------------------------------------------------


@pytest.mark.parametrize("now", [NOW, datetime(2026, 11, 22, 21, 0, tzinfo=LONDON)])
def test_the_demo_has_an_overfull_week_a_quiet_one_and_a_learned_cost(keyring_profile, now):
    from companion import demo

    demo.fill(keyring_profile, now)
    store = keyring_profile.store
    before_last, last, this = (planner.week_of(store, now, MONDAY, n) for n in (-2, -1, 0))
    assert before_last.over and before_last.total > before_last.budget
    assert 0 < last.total * 4 < last.budget  # too quiet
    assert 0 < this.total <= this.budget
    assert any(i.declined for d in this.days for i in d.items)
    jo = contacts.people(store, search="Jo Bennett")[0]
    learned = planner.suggest_cost(store, "visit", person_id=jo.id).learned
    assert learned is not None
    assert learned.text == "Time with Jo Bennett usually leaves you with more energy."
    data = planner.plan_data(store, now)
    assert len(data.boundaries) == 4 and len(data.chosen_scripts) == 3
    assert planner.summary_text(planner.summary(store, now, MONDAY)).startswith("This week: ")


def test_a_move_is_never_offered_to_a_time_that_has_already_passed_today(store):
    wednesday, thursday = WEEK + timedelta(days=2), WEEK + timedelta(days=3)
    plan(store, thursday, cost=2)
    draft = Draft("visit", "Lunch with Tom", wall(thursday, 12, 30), 180, 2)
    # In the morning, today at 12:30 is still ahead: today is the lightest day.
    morning = datetime(2026, 11, 18, 10, 0, tzinfo=LONDON)
    move = next(s for s in planner.check_new(store, morning, draft, MONDAY)[0].suggestions)
    assert move.kind == "move" and move.day == wednesday
    # At half past six, 12:30 today has gone: the next light day is offered instead.
    evening = datetime(2026, 11, 18, 18, 30, tzinfo=LONDON)
    warnings = planner.check_new(store, evening, draft, MONDAY)
    move = next(s for s in warnings[0].suggestions if s.kind == "move")
    assert move.day == date(2026, 11, 20)
    assert "Wednesday" not in move.text and "Friday, November 20" in move.text
