"""What Today shows and in which words: ideas, people to reach, birthdays, later today, energy,
groups, the self-check, all decided in the core and read from a few rows."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from companion import contacts, groups, reminders, today, today_rest, wellbeing
from companion.contacts import Person, Schedule

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 5, 15, 10, 0, tzinfo=LONDON)  # a Friday morning
TODAY = NOW.date()
ADDED = datetime(2026, 1, 5, 9, 0, tzinfo=LONDON)
ONCE = reminders.Repeat()


def test_every_idea_names_a_checked_public_page_or_says_it_is_our_own():
    for idea in today_rest.SUGGESTIONS:
        if idea.source_url:
            assert idea.source_url.startswith("https://"), idea
            assert idea.source_name != today_rest.OWN_IDEA
            assert today_rest.idea_source_words(idea).startswith("From: ")
            assert "www." not in today_rest.idea_source_words(idea)
        else:
            assert idea.source_name == today_rest.OWN_IDEA, idea
            assert today_rest.idea_source_words(idea) == "An idea from Companion"


def test_the_idea_changes_each_day_and_on_request():
    first = today_rest.suggestion_for(date(2026, 12, 4))
    assert today_rest.suggestion_for(date(2026, 12, 4)) == first  # the same all day
    assert today_rest.suggestion_for(date(2026, 12, 4), 1) != first  # "Another idea"


def test_the_greeting_follows_the_hour_and_the_name():
    assert today.greeting(NOW, " Margaret ") == "Good morning, Margaret"
    assert today.greeting(NOW.replace(hour=15)) == "Good afternoon"
    assert today.greeting(NOW.replace(hour=21), "Jo") == "Good evening, Jo"
    assert today.date_words(NOW) == "Friday, May 15, 2026"


# --- people ----------------------------------------------------------------------------------


@pytest.fixture
def store(keyring_profile):
    return keyring_profile.store


def add(store, name, every=(1, "weeks"), last: date | None = None, **fields) -> Person:
    person = contacts.add_person(store, ADDED, Person(0, name, schedule=Schedule(*every), **fields))
    if last is not None:
        contacts.log_contact(
            store, person.id, datetime(last.year, last.month, last.day, 12, tzinfo=LONDON)
        )
    return contacts.get_person(store, person.id)


@pytest.fixture
def circle(store):
    add(store, "Bea", last=date(2026, 5, 1), why="My sister")  # due 8 May: a week late
    add(store, "Cal", last=date(2026, 4, 20))  # due 27 April: the most overdue
    add(store, "Dot", last=date(2026, 5, 8))  # due today
    add(store, "Eve", last=date(2026, 5, 11))  # due on Monday
    add(store, "Zed", last=date(2026, 5, 15))  # due in a week
    add(store, "Fay", every=(1, "months"), last=date(2026, 5, 10))  # due in June
    return store


def test_a_few_people_most_overdue_first_in_warm_words(circle):
    shown = today.people_to_reach(circle, TODAY)
    assert [p.name for p in shown.people] == ["Cal", "Bea", "Dot"]
    cal, bea, dot = shown.people
    assert cal.text == "It's been a while since you spoke with Cal."
    assert cal.details == "Last in touch: 3 weeks ago"
    # the note is kept whole in its own direction (an English note on an Arabic page)
    assert bea.details == "Last in touch: 2 weeks ago · \u2068My sister\u2069"
    assert dot.text == "A good day to get in touch with Dot."
    assert dot.done_name == "I was in touch with Dot"
    assert dot.later_name == "Remind me about Dot later"
    assert shown.see_all == "See 2 more"  # Eve and Zed, later this week
    assert shown.empty_text == "" and not shown.add_first


def test_a_group_is_gone_to_not_spoken_with(store):
    add(store, "Walking group", last=date(2026, 4, 20), circle="group")
    [row] = today.people_to_reach(store, TODAY).people
    assert row.text == "It's been a while since you went to Walking group."


def test_later_means_later_on_today_too(circle):
    cal = next(p for p in contacts.people(circle) if p.name == "Cal")
    contacts.snooze(circle, cal.id, TODAY)
    shown = today.people_to_reach(circle, TODAY)
    assert [p.name for p in shown.people] == ["Bea", "Dot"]
    assert shown.see_all == "See 2 more"


def test_see_more_counts_everyone_due_not_only_a_first_batch(store):
    for n in range(12):
        add(store, f"Friend {n:02}", last=date(2026, 4, 1) + timedelta(days=n))
    shown = today.people_to_reach(store, TODAY)
    assert [p.name for p in shown.people] == ["Friend 00", "Friend 01", "Friend 02"]
    assert shown.see_all == "See 9 more"


def test_no_one_yet_offers_to_add_someone(store):
    shown = today.people_to_reach(store, TODAY)
    assert shown.people == () and shown.add_first and shown.see_all == ""
    assert shown.empty_text == "No one here yet. Add someone you'd like to keep in touch with."


def test_everyone_in_touch_says_well_done(store):
    add(store, "Ann", every=(1, "months"), last=TODAY)
    shown = today.people_to_reach(store, TODAY)
    assert shown.people == () and not shown.add_first
    assert "in touch with everyone" in shown.empty_text
    assert shown.see_all == "See everyone"


def test_last_in_touch_in_plain_words():
    assert today.last_in_touch_words(TODAY, TODAY) == "today"
    assert today.last_in_touch_words(TODAY - timedelta(days=1), TODAY) == "yesterday"
    assert today.last_in_touch_words(TODAY - timedelta(days=5), TODAY) == "5 days ago"
    assert today.last_in_touch_words(TODAY - timedelta(days=21), TODAY) == "3 weeks ago"
    assert today.last_in_touch_words(date(2025, 12, 1), TODAY) == "December 1, 2025"


# --- birthdays -------------------------------------------------------------------------------


def test_the_next_three_birthdays_soonest_first(store):
    for name, birthday in [
        ("Ann", "1950-05-20"),
        ("Bob", "--05-15"),
        ("Cy", "1962-05-16"),
        ("Di", "1970-05-29"),  # the last day of the two weeks
        ("Ed", "1970-05-30"),  # too far off
        ("Flo", "1980-05-16"),
    ]:
        add(store, name, birthday=birthday)
    assert today_rest.birthday_lines(store, TODAY) == (
        "It's Bob's birthday today.",
        "Cy's birthday is on Saturday, May 16.",
        "Flo's birthday is on Saturday, May 16.",
    )
    assert (
        len(today_rest.birthday_lines(store, TODAY, shown=10)) == 5
    )  # Ed is more than two weeks off
    whole = contacts.due_overview(store, TODAY).birthdays
    assert [p.name for p, _ in whole] == ["Bob", "Cy", "Flo", "Ann", "Di"]


def test_a_29_february_birthday_is_on_the_28th_in_a_common_year(store):
    add(store, "Leap", birthday="1960-02-29")
    assert today_rest.birthday_lines(store, date(2027, 2, 20)) == (
        "Leap's birthday is on Sunday, February 28.",
    )
    assert today_rest.birthday_lines(store, date(2028, 2, 20)) == (
        "Leap's birthday is on Tuesday, February 29.",
    )
    assert today_rest.birthday_lines(store, date(2027, 3, 1)) == ()


# --- later today -----------------------------------------------------------------------------


def test_later_today_lists_what_is_left_today_with_times(store):
    def remind(title, hour, day=TODAY, repeat=ONCE):
        reminders.add(  # added some days before
            store, ADDED, title, datetime(day.year, day.month, day.day, hour), repeat, zone=LONDON
        )

    remind("Call Mum", 17)
    remind("Tablets", 9)  # this morning: gone by now
    remind("Water the plants", 12, repeat=reminders.Repeat("daily"))
    remind("Dentist", 9, day=TODAY + timedelta(days=1))
    assert today.later_today(store, NOW, LONDON) == (
        "12:00\u202fPM · Water the plants",
        "5:00\u202fPM · Call Mum",
    )
    for n in range(6):
        remind(f"Stretch {n}", 18)
    assert len(today.later_today(store, NOW, LONDON)) == today.REMINDERS_SHOWN


def test_later_today_works_out_no_repeat_rule_of_tomorrows_reminders(store, monkeypatch):
    """Late in the evening on a long list, everything left is tomorrow morning: Today stops
    at the first reminder whose next time is after midnight, instead of working each rule
    through (the large profile: 85 rules before the window showed)."""
    tomorrow = TODAY + timedelta(days=1)
    for n in range(30):
        reminders.add(
            store, ADDED, f"Tablets {n}", datetime(tomorrow.year, tomorrow.month, tomorrow.day, 8),
            reminders.Repeat("daily"), zone=LONDON,
        )  # fmt: skip
    worked: list[str] = []
    occurrences = reminders.Reminder.occurrences

    def noting(self, after, until):  # type: ignore[no-untyped-def]
        worked.append(self.title)
        return occurrences(self, after, until)

    monkeypatch.setattr(reminders.Reminder, "occurrences", noting)
    assert today.later_today(store, NOW.replace(hour=23), LONDON) == ()
    assert worked == []
    # The next morning they are today's: listed, five of them, as before.
    next_morning = NOW.replace(hour=7) + timedelta(days=1)
    assert len(today.later_today(store, next_morning, LONDON)) == today.REMINDERS_SHOWN


@pytest.mark.parametrize("hour", [0, 3, 9, 12, 17, 22, 23])
def test_later_today_is_the_rest_of_today_from_everything_coming(store, hour):
    """The same lines as taking everything in the next day and keeping today's."""
    kinds = [ONCE, reminders.Repeat("daily"), reminders.Repeat("weekly", weekdays=(4, 5))]
    for n in range(24):
        day = TODAY + timedelta(days=n % 3 - 1)
        reminders.add(
            store, ADDED, f"R{n}", datetime(day.year, day.month, day.day, (n * 7) % 24, n % 60),
            kinds[n % 3], zone=LONDON,
        )  # fmt: skip
    now = NOW.replace(hour=hour)
    everything = reminders.upcoming(store, now, days=1, zone=LONDON)
    expected = [
        (instant, reminder.title)
        for instant, reminder in everything
        if instant.astimezone(now.tzinfo).date() == now.date()
    ][: today.REMINDERS_SHOWN]
    lines = today.later_today(store, now, LONDON)
    assert [line.split(" · ")[1] for line in lines] == [title for _i, title in expected]


# --- energy, groups, the self-check, recovery --------------------------------------------------


def test_a_quiet_week_is_noticed_whatever_offset_a_contact_was_noted_in(store):
    ann = add(store, "Ann", every=(1, "months"))
    contacts.log_contact(store, ann.id, NOW - timedelta(days=8))
    quiet = today_rest.energy(store, NOW)
    assert quiet.text.startswith("This week: 0 of ")
    assert any("quiet week" in line for line in quiet.nudges)
    # six days ago, written in a zone fourteen hours ahead: inside the week
    far_east = timezone(timedelta(hours=14))
    contacts.log_contact(store, ann.id, (NOW - timedelta(days=6, hours=20)).astimezone(far_east))
    assert not any("quiet week" in line for line in today_rest.energy(store, NOW).nudges)


def test_a_contact_just_outside_the_week_in_another_offset_does_not_count(store):
    ann = add(store, "Ann", every=(1, "months"))
    far_west = timezone(timedelta(hours=-11))
    contacts.log_contact(store, ann.id, (NOW - timedelta(days=7, minutes=5)).astimezone(far_west))
    assert any("quiet week" in line for line in today_rest.energy(store, NOW).nudges)


def test_groups_you_go_to_are_the_ones_groups_lists(store):
    first = groups.try_this(store, NOW, kind_id="choir")
    groups.reflect(store, first.try_id, went=True, keep_going=True)
    groups.try_this(store, NOW, kind_id="allotment")  # only tried: not "going"
    later = groups.try_this(store, NOW + timedelta(hours=1), kind_id="walking_group")
    groups.reflect(store, later.try_id, went=True, keep_going=True)
    assert today_rest.groups_you_go_to(store) == tuple(t.title for t in groups.going_to(store))
    assert len(today_rest.groups_you_go_to(store)) == 2


def test_the_self_check_is_asked_again_after_its_days(store):
    assert today_rest.check_due(store, NOW, 14)
    wellbeing.record(store, NOW - timedelta(days=3), 1, 1, 1)
    assert not today_rest.check_due(store, NOW, 14)
    assert today_rest.check_due(store, NOW + timedelta(days=11), 14)
    assert not today_rest.check_due(store, NOW + timedelta(days=30), 0)  # 0: never asks


def test_the_first_check_is_an_invitation_not_a_while_since(store):
    first = today_rest.rest_of_today(store, NOW, check_every_days=14)
    assert first.check_due
    assert first.check_words.startswith("Would you like to tell Companion how you are feeling?")
    assert "a while" not in first.check_words
    wellbeing.record(store, NOW - timedelta(days=20), 1, 1, 1)
    later = today_rest.rest_of_today(store, NOW, check_every_days=14)
    assert later.check_due and "It has been a while since" in later.check_words
    wellbeing.record(store, NOW - timedelta(days=1), 1, 1, 1)
    recent = today_rest.rest_of_today(store, NOW, check_every_days=14)
    assert not recent.check_due and recent.check_words == ""


def test_the_whole_view(circle):
    seen = today_rest.view(
        circle,
        NOW,
        user_name="Margaret",
        check_every_days=14,
        recovery_code_kept=False,
        zone=LONDON,
    )
    assert seen.greeting == "Good morning, Margaret"
    assert [p.name for p in seen.people.people] == ["Cal", "Bea", "Dot"]
    assert seen.check_due and seen.recovery_code_due
    assert seen.later_today == () and seen.groups == () and seen.birthdays == ()


# --- the first screen worked out at start, by the start's child process (companion.early) ----


def test_the_first_screen_worked_out_at_start_is_the_one_the_window_works_out(keyring_profile):
    """Worked out from the profile alone (key, preferences, data), in the person's language
    and for their country: the same screen the page would work out, used only while it is."""
    from companion import i18n

    profile, store = keyring_profile.profile, keyring_profile.store
    profile.preferences.set("language", "de")
    profile.preferences.set("country", "AT")
    settings = profile.settings(store)
    settings.set("user_name", "Margaret")
    long_ago = datetime.now().astimezone() - timedelta(days=60)
    jo = contacts.add_person(store, long_ago, Person(0, "Jo", schedule=Schedule(1, "weeks")))
    contacts.log_contact(store, jo.id, long_ago, "call")

    made = today.first_screen_at_start(profile, keyring_profile.data_key)
    now = datetime.now().astimezone()
    screen = today.start_screen_if_right(made, now)  # the child set German for Austria
    assert screen is not None
    assert "Margaret" in screen.greeting and screen.greeting.startswith("Guten")
    assert [p.name for p in screen.people.people] == ["Jo"]
    assert screen == today.first_screen(store, now, settings)
    # Worded for another language, country or day: not used (the page works it out itself).
    assert today.start_screen_if_right(made, now + timedelta(days=1)) is None
    i18n.set_region("DE")
    assert today.start_screen_if_right(made, now) is None
    i18n.set_region("AT")
    i18n.set_language("en")
    assert today.start_screen_if_right(made, now) is None
    # Nothing, or anything not in the shape the child writes: not used either.
    i18n.set_language("de")
    assert today.start_screen_if_right(made, now) is not None
    for broken in (None, b"", made[:-3], b"[1, 2]", made.replace(b'"greeting"', b'"hello"')):
        assert today.start_screen_if_right(broken, now) is None


def test_data_not_yet_at_this_version_is_left_to_the_window(keyring_profile):
    """The window's process brings older data up to date first: the child does not read it."""
    from companion.store import latest_version

    keyring_profile.store._conn.execute(f"PRAGMA user_version = {latest_version() - 1}")
    assert today.first_screen_at_start(keyring_profile.profile, keyring_profile.data_key) == b""
