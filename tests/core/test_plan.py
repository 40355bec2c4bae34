"""The counsellor's printed plan, as data: every section, kind words when empty, "not for me"."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from companion import contacts, demo, helplines, i18n, plan
from companion.contacts import Person, Schedule
from companion.errors import CompanionError
from companion.profile import Unlocked

NOW = datetime(2026, 3, 18, 10, 0, tzinfo=ZoneInfo("Europe/London"))
# What a reader sees: the marks that keep names and numbers in their own direction are
# invisible, and a number's digit groups are joined by spaces that never break.
SEEN = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069")) | {0xA0: " "}


def seen(lines: list[str]) -> list[str]:
    return [line.translate(SEEN) for line in lines]


def test_an_empty_profile_has_every_section_each_saying_so_kindly(
    keyring_profile: Unlocked,
) -> None:
    keyring_profile.settings.set("country", "GB")
    made = plan.build_plan(keyring_profile.store, keyring_profile.settings, NOW)
    assert [s.key for s in made.sections] == [key for key, _t in plan.SECTIONS]
    assert made.title == "My connection plan"
    people = made.section("people")
    assert people.empty and "No one is on your list" in people.note
    assert made.section("groups").note.startswith("No group chosen yet")
    assert made.section("this_month").note.startswith("Nothing noted in the last four weeks")
    assert made.section("feelings").note.startswith("No check-ins yet")
    # Help is there even when nothing else is: the UK's emergency number.
    assert "In an emergency, call 999." in seen(made.section("helplines").lines)
    for part in made.sections:
        assert part.lines or part.note, part.key  # never a bare heading


def test_the_plan_says_who_how_often_and_this_months_contacts(keyring_profile: Unlocked) -> None:
    store, settings = keyring_profile.store, keyring_profile.settings
    settings.set("user_name", "Margaret")
    jo = contacts.add_person(
        store, NOW - timedelta(days=60), Person(0, "Jo", "family", schedule=Schedule(1, "weeks"))
    )
    contacts.add_person(store, NOW, Person(0, "Tom", "friend", schedule=Schedule(2, "months")))
    contacts.add_person(store, NOW, Person(0, "Frank", "other"))  # no cadence: not in the plan
    contacts.log_contact(store, jo.id, NOW - timedelta(days=2), "call")
    contacts.log_contact(store, jo.id, NOW - timedelta(days=5), "visit")
    contacts.log_contact(store, jo.id, NOW - timedelta(days=30), "visit")  # before the four weeks
    helplines.add_professional(store, NOW, "gp", "Dr Okafor", "01632 960 123")
    made = plan.build_plan(store, settings, NOW)
    assert made.title == "Margaret's connection plan"
    assert made.section("people").lines == [
        "Jo (Family): every week",
        "Tom (Friend): every 2 months",
    ]
    month = made.section("this_month")
    assert month.note == "You were in touch 2 times in the last four weeks."
    assert month.lines == ["Jo: 2 times"]
    assert seen(made.section("professionals").lines) == [
        "Family doctor (GP): Dr Okafor, 01632 960 123"
    ]
    text = made.text()
    assert "Frank" not in text and "Tom (Friend)" in text


def test_not_for_me_keeps_the_heading_and_says_so(keyring_profile: Unlocked) -> None:
    settings = keyring_profile.settings
    plan.set_not_for_me(settings, "groups", True)
    plan.set_not_for_me(settings, "feelings", True)
    plan.set_not_for_me(settings, "feelings", False)
    made = plan.build_plan(keyring_profile.store, settings, NOW)
    groups = made.section("groups")
    assert groups.not_for_me and groups.note == "You chose to leave this out for now."
    assert groups.title == "Groups to try"
    assert not made.section("feelings").not_for_me
    with pytest.raises(CompanionError):
        plan.set_not_for_me(settings, "helplines", True)  # help is always printed
    assert plan.not_for_me(settings) == {"groups"}


def test_review_date_and_copies(keyring_profile: Unlocked) -> None:
    settings = keyring_profile.settings
    made = plan.build_plan(keyring_profile.store, settings, NOW)
    assert "Wednesday, April 15, 2026" in made.section("review").lines[0]  # four weeks on
    plan.set_review_date(settings, date(2026, 4, 2))
    plan.set_copies(settings, "  Sam Lee,   my counsellor ")
    lines = plan.build_plan(keyring_profile.store, settings, NOW).section("review").lines
    assert lines == [
        "Next review: Thursday, April 2, 2026",
        "Who has a copy: Sam Lee, my counsellor",
    ]


def test_the_demo_plan_tells_the_story_with_dates_in_german(keyring_profile: Unlocked) -> None:
    demo.fill(keyring_profile, NOW)
    keyring_profile.settings.set("country", "GB")
    made = plan.build_plan(keyring_profile.store, keyring_profile.settings, NOW)
    assert "Jo Bennett (Family): every week" in made.section("people").lines
    assert any("Wednesday Singers" in line for line in made.section("groups").lines)
    assert made.section("boundaries").lines
    assert len(made.section("saying_no").lines) == 3
    assert made.section("feelings").lines and "lower than before" in made.section("feelings").note
    i18n.set_language("de")
    german = plan.build_plan(keyring_profile.store, keyring_profile.settings, NOW)
    assert "Mittwoch, 18. März 2026" in german.subtitle  # dates in the person's language


def test_a_long_list_prints_those_to_reach_most_often_and_says_how_many_more(
    keyring_profile: Unlocked,
) -> None:
    store, settings = keyring_profile.store, keyring_profile.settings
    with store.transaction():
        for number in range(120):
            every = Schedule(1, "weeks") if number % 3 == 0 else Schedule(2, "months")
            contacts.add_person(store, NOW, Person(0, f"Friend {number:03d}", schedule=every))
        contacts.add_person(
            store, NOW, Person(0, "Daily Dora", "family", schedule=Schedule(1, "days"))
        )
        for number in range(7):
            contacts.add_person(store, NOW, Person(0, f"Someone {number}"))  # no "how often"
    people = plan.build_plan(store, settings, NOW).section("people")
    assert len(people.lines) == plan.PEOPLE_LISTED
    # Most often first: every day, then every week (by name), and only then every 2 months.
    assert people.lines[0] == "Daily Dora (Family): every day"
    assert people.lines[1] == "Friend 000 (Friend): every week"
    assert people.lines[-1] == "Friend 114 (Friend): every week"  # the 39th of 40 weekly
    assert not any("every 2 months" in line for line in people.lines)
    assert "Here are the 40 people" in people.note and "out of 121 people" in people.note
    assert "7 people on your list have no “how often” set" in people.note


def test_a_short_list_is_all_there_and_names_no_one_left_out(keyring_profile: Unlocked) -> None:
    store, settings = keyring_profile.store, keyring_profile.settings
    contacts.add_person(store, NOW, Person(0, "Jo", "family", schedule=Schedule(1, "weeks")))
    contacts.add_person(store, NOW, Person(0, "Frank", "other"))
    people = plan.build_plan(store, settings, NOW).section("people")
    assert people.lines == ["Jo (Family): every week"]
    assert people.note == (
        "The people you chose to reach, and how often you would like to be in touch. "
        "1 person on your list has no “how often” set, so is not listed here."
    )


def test_in_arabic_a_line_s_name_and_number_keep_their_own_direction(
    keyring_profile: Unlocked,
) -> None:
    """In the Arabic plan "988 Suicide & Crisis Lifeline: 988" printed as "Suicide & Crisis
    Lifeline: 988 988": the name's leading number ran into the sentence's right-to-left."""
    keyring_profile.settings.set("country", "US")
    helplines.add_professional(keyring_profile.store, NOW, "gp", "Dr Okafor", "555 0100")
    i18n.set_language("ar")
    try:
        made = plan.build_plan(keyring_profile.store, keyring_profile.settings, NOW)
    finally:
        i18n.set_language("en")
    lines = made.section("helplines").lines
    assert any("\u2068988 Suicide & Crisis Lifeline\u2069" in line for line in lines), lines
    assert any("\u2066988\u2069" in line for line in lines), lines
    assert any("\u2066911\u2069" in line for line in lines), lines  # the emergency number
    (doctor,) = made.section("professionals").lines
    assert "\u2068Dr Okafor\u2069" in doctor and "\u2066555\xa00100\u2069" in doctor
