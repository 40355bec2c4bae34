"""What the Today page shows first, and in which words: the greeting, the day, the people to
get in touch with and what is left today (``companion.today_rest`` has the cards below).

The page only lays out what is decided here: which people and reminders appear, how many,
and the sentences with their names and counts. Every function takes the store and ``now``;
each reads only what Today shows (a few rows, never every person), so the page redraws
within one frame on a large profile. The first screen is also worked out at start by the
start's child process (``first_screen_at_start``), so this module is the one of Today's two
that the window's process needs before its first frame: its records are made at every start.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

from companion import i18n
from companion.i18n import _, ngettext
from companion.store import Store, latest_version

if TYPE_CHECKING:
    from companion import contacts
    from companion.profile import Profile
    from companion.settings import Settings

PEOPLE_SHOWN = 3  # a few, not a wall
REMINDERS_SHOWN = 5


def greeting(now: datetime, name: str = "") -> str:
    hour = now.hour
    name = name.strip()
    if 5 <= hour < 12:
        return _("Good morning, {name}").format(name=name) if name else _("Good morning")
    if 12 <= hour < 18:
        return _("Good afternoon, {name}").format(name=name) if name else _("Good afternoon")
    return _("Good evening, {name}").format(name=name) if name else _("Good evening")


def date_words(now: datetime) -> str:
    """The day in full, in the person's language: 'Friday, 4 December 2026'."""
    return i18n.format_date(now.date(), "full")


# --- people to get in touch with ------------------------------------------------------------


@dataclass(frozen=True)
class PersonToReach:
    """One row of Today's people to get in touch with, in words."""

    person_id: int
    name: str
    text: str  # "It's been a while since you spoke with Jo."
    details: str  # "Last in touch: 3 weeks ago · Sister", or ""
    done_name: str  # what a screen reader says for "I was in touch"
    later_name: str  # ... and for "Later"


@dataclass(frozen=True)
class PeopleToReach:
    """Today's first card; its heading is the page's own, the same with or without anyone."""

    people: tuple[PersonToReach, ...]
    empty_text: str  # one friendly sentence when no one is listed, else ""
    see_all: str  # "See 2 more" or "See everyone"; "" when there is no one at all
    add_first: bool  # no one yet: offer "Add someone"


def last_in_touch_words(day: date, today: date) -> str:
    """'today', 'yesterday', '3 days ago', '2 weeks ago' or a date: plain words."""
    days = (today - day).days
    if days == 0:
        return _("today")
    if days == 1:
        return _("yesterday")
    if 1 < days < 14:
        return ngettext("{count} day ago", "{count} days ago", days).format(count=days)
    if 14 <= days < 60:
        weeks = days // 7
        return ngettext("{count} week ago", "{count} weeks ago", weeks).format(count=weeks)
    return i18n.format_date(day)


def _person_to_reach(item: contacts.DueItem, today: date) -> PersonToReach:
    person = item.person
    if person.last_contact is None:
        text = _("You haven't been in touch with {name} yet.").format(name=person.name)
    elif item.days_late > 0 and person.circle == "group":
        text = _("It's been a while since you went to {name}.").format(name=person.name)
    elif item.days_late > 0:
        text = _("It's been a while since you spoke with {name}.").format(name=person.name)
    else:
        text = _("A good day to get in touch with {name}.").format(name=person.name)
    details = []
    if person.last_contact is not None:
        details.append(
            _("Last in touch: {when}").format(
                when=last_in_touch_words(person.last_contact.date(), today)
            )
        )
    if person.why:
        # kept whole in its own direction: in Arabic an English note's full stop was set at
        # its wrong end (".We met at the choir in 1998")
        details.append(i18n.in_own_direction(person.why))
    return PersonToReach(
        person_id=person.id,
        name=person.name,
        text=text,
        details=" · ".join(details),
        done_name=_("I was in touch with {name}").format(name=person.name),
        later_name=_("Remind me about {name} later").format(name=person.name),
    )


def people_to_reach(store: Store, today: date, shown: int = PEOPLE_SHOWN) -> PeopleToReach:
    """A few people to get in touch with today (most overdue first), and how many more are
    due this week. The same rule as People's "due" list: snoozed people wait."""
    from companion import contacts  # here: the window's first frame is worked out elsewhere

    overview = contacts.due_overview(store, today, limit=shown, birthday_limit=0, never=False)
    reach = overview.reach_now(shown)
    anyone = bool(reach) or contacts.count_people(store) > 0
    if not anyone:
        return PeopleToReach(
            people=(),
            empty_text=_("No one here yet. Add someone you'd like to keep in touch with."),
            see_all="",
            add_first=True,
        )
    more = contacts.count_due_this_week(store, today) - len(reach)
    see_all = (
        ngettext("See {count} more", "See {count} more", more).format(count=more)
        if more > 0
        else _("See everyone")
    )
    if not reach:
        return PeopleToReach(
            people=(),
            empty_text=_("You're in touch with everyone on your list for now. Well done."),
            see_all=see_all,
            add_first=False,
        )
    return PeopleToReach(
        people=tuple(_person_to_reach(item, today) for item in reach),
        empty_text="",
        see_all=see_all,
        add_first=False,
    )


# --- what is left today ----------------------------------------------------------------------


def later_today(
    store: Store, now: datetime, zone: tzinfo | None = None, shown: int = REMINDERS_SHOWN
) -> tuple[str, ...]:
    """What is left today, one line each ('5:00 PM · Call Mum'); the banner shows what is due
    right now."""
    from companion import reminders

    local = now.tzinfo
    lines = []
    # The window ends at midnight (in a zone of its own when ``now`` has one).
    ends = None if local is None else datetime.combine(now.date() + timedelta(1), time(0), local)
    coming = reminders.upcoming(store, now, days=1, zone=zone, first=shown, ends=ends)
    for instant, reminder in coming:
        moment = instant.astimezone(local)
        if moment.date() != now.date():
            continue
        lines.append(f"{i18n.format_time(moment.time().replace(second=0))} · {reminder.title}")
        if len(lines) == shown:
            break
    return tuple(lines)


# --- the first screen -------------------------------------------------------------------------


@dataclass(frozen=True)
class TopOfToday:
    """What the first screen shows: the greeting, the day, the people to reach and what is
    left today. Quick to read, so the page can paint it at once; ``today_rest`` follows a
    frame later (it needs the planner and the self-check, each imported when first used).
    """

    greeting: str
    date: str
    people: PeopleToReach
    later_today: tuple[str, ...]
    recovery_code_due: bool  # no recovery code kept yet: ask for one


def top_of_today(
    store: Store,
    now: datetime,
    *,
    user_name: str = "",
    recovery_code_kept: bool = True,
    zone: tzinfo | None = None,
) -> TopOfToday:
    """The first screen of Today, decided and worded."""
    return TopOfToday(
        greeting=greeting(now, user_name),
        date=date_words(now),
        people=people_to_reach(store, now.date()),
        later_today=later_today(store, now, zone),
        recovery_code_due=not recovery_code_kept,
    )


def first_screen(store: Store, now: datetime, settings: Settings) -> TopOfToday:
    """Today's first screen, as the page shows it: from the settings and the data."""
    return top_of_today(
        store,
        now,
        user_name=str(settings.get("user_name") or ""),
        recovery_code_kept=bool(settings.get("recovery_code_kept")),
    )


def start_screen_if_right(made_at_start: bytes | None, now: datetime) -> TopOfToday | None:
    """The first screen the start's child worked out (``first_screen_at_start``), if it was
    worded in the language and for the country in use now, on the same day; else None (and
    None for anything not in the shape ``first_screen_at_start`` writes)."""
    if not made_at_start:
        return None
    try:
        language, country, day, top = json.loads(made_at_start)
        screen = TopOfToday(
            greeting=str(top["greeting"]),
            date=str(top["date"]),
            people=PeopleToReach(
                people=tuple(PersonToReach(**person) for person in top["people"]["people"]),
                empty_text=str(top["people"]["empty_text"]),
                see_all=str(top["people"]["see_all"]),
                add_first=bool(top["people"]["add_first"]),
            ),
            later_today=tuple(str(line) for line in top["later_today"]),
            recovery_code_due=bool(top["recovery_code_due"]),
        )
        made = (language, country, date.fromisoformat(day))
    except (ValueError, TypeError, KeyError):
        return None
    return screen if made == (i18n.current_language(), i18n.current_region(), now.date()) else None


def first_screen_at_start(profile: Profile, data_key: bytes) -> bytes:
    """Today's first screen, worked out at start by a child process (``companion.early``) on
    another core while the window's process starts Qt: the data read only, in the language and
    for the country the person chose, written as JSON with what it was worded for (the window
    reads it with ``start_screen_if_right``: JSON, since json is loaded at every start anyway
    and pickle is not). Nothing (b"") when the data is not at this version yet (the window's
    process brings it up to date first, and works the screen out itself then).
    """
    prefs = profile.preferences
    i18n.set_region(str(prefs.get("country") or ""))
    language = i18n.set_language(prefs.get("language"))
    unlocked = profile.open(data_key, migrate=False, read_only=True)
    try:
        if unlocked.store.user_version != latest_version():
            return b""
        now = datetime.now().astimezone()
        screen = first_screen(unlocked.store, now, profile.settings(unlocked.store))
        made = [language, i18n.current_region(), now.date().isoformat(), asdict(screen)]
        return json.dumps(made, ensure_ascii=False).encode()
    finally:
        unlocked.close()
