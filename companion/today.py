"""What the Today page shows, and in which words.

The page only lays out what is decided here: which people, reminders, birthdays,
groups and notes appear, how many, and the sentences with their names and counts.
Every function takes the store and ``now``; each reads only what Today shows (a few
rows, never every person), so the page redraws within one frame on a large profile.

The ideas come from public-health guidance on social connection; each names
its source so the app never passes off advice as its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from companion import i18n
from companion.i18n import N_, _, isolate, ngettext
from companion.store import Store, latest_version

if TYPE_CHECKING:
    from companion import contacts
    from companion.profile import Profile
    from companion.settings import Settings

PEOPLE_SHOWN = 3  # a few, not a wall
BIRTHDAYS_SHOWN = 3
REMINDERS_SHOWN = 5
GROUPS_SHOWN = 5

CDC_IMPROVING = "https://www.cdc.gov/social-connectedness/improving/"
HHS_5_FOR_5 = "https://www.hhs.gov/surgeongeneral/priorities/connection/challenge/index.html"
HHS_RECOMMENDATIONS = (
    "https://www.hhs.gov/surgeongeneral/priorities/connection/resources/index.html"
)
CHECKED = "2026-11-21"


# An idea we could not find on a public-health page is credited to no one but us.
OWN_IDEA = N_("An idea from Companion")


@dataclass(frozen=True)
class Suggestion:
    """An idea for the day, with where it comes from."""

    text: str  # marked with N_(): translate where shown
    source_name: str
    source_url: str  # "" for Companion's own ideas
    checked: str = CHECKED


SUGGESTIONS: tuple[Suggestion, ...] = (
    Suggestion(
        N_(
            "Send a short message to someone who cares about you, just to say you were thinking of them."
        ),
        N_("CDC: Improving social connectedness"),
        CDC_IMPROVING,
    ),
    Suggestion(
        N_("Write a short thank-you note to someone who helped you, even a long time ago."),
        N_("US Surgeon General: 5-for-5 Connection Challenge"),
        HHS_5_FOR_5,
    ),
    Suggestion(
        N_("Ask someone for a small favour or some advice."),
        N_("US Surgeon General: 5-for-5 Connection Challenge"),
        HHS_5_FOR_5,
    ),
    Suggestion(
        N_(
            "Offer a hand to a neighbour or friend: carry the shopping, lend a book, or keep them company."
        ),
        N_("US Surgeon General: 5-for-5 Connection Challenge"),
        HHS_5_FOR_5,
    ),
    Suggestion(
        N_(
            "Think of a group that shares one of your interests, such as walking, singing or gardening, and find out when it meets."
        ),
        N_("CDC: Improving social connectedness"),
        CDC_IMPROVING,
    ),
    Suggestion(
        N_("Get in touch with someone you have not heard from in a while."),
        N_("CDC: Improving social connectedness"),
        CDC_IMPROVING,
    ),
    Suggestion(
        N_(
            "When you talk with someone today, put the phone and the television away and give them your full attention."
        ),
        N_("US Surgeon General: recommendations for individuals"),
        HHS_RECOMMENDATIONS,
    ),
    Suggestion(
        N_(
            "Spend some time outdoors with another person: a walk in the park, or a chat over the garden fence."
        ),
        OWN_IDEA,
        "",
    ),
    Suggestion(
        N_(
            "Say hello to someone whose life is different from yours, and ask them about their day."
        ),
        N_("US Surgeon General: recommendations for individuals"),
        HHS_RECOMMENDATIONS,
    ),
    Suggestion(
        N_(
            "Look into volunteering: a library, a community garden or a place of worship may welcome help."
        ),
        OWN_IDEA,
        "",
    ),
)


def suggestion_for(day: date, offset: int = 0) -> Suggestion:
    """The idea for a day; the same all day, a different one tomorrow."""
    return SUGGESTIONS[(day.toordinal() + offset) % len(SUGGESTIONS)]


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


def idea_source_words(idea: Suggestion) -> str:
    """Where an idea comes from: 'From: CDC: Improving social connectedness (cdc.gov)'."""
    domain = urlsplit(idea.source_url).netloc.removeprefix("www.")
    if not domain:
        return _(idea.source_name)
    return _("From: {source} ({site})").format(source=_(idea.source_name), site=isolate(domain))


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


def birthday_lines(store: Store, today: date, shown: int = BIRTHDAYS_SHOWN) -> tuple[str, ...]:
    """The next few birthdays in the coming two weeks, one sentence each."""
    from companion import contacts

    lines = []
    for person, when in contacts.birthdays_soon(store, today, shown):
        if when == today:
            lines.append(_("It's {name}'s birthday today.").format(name=person.name))
        else:
            lines.append(
                _("{name}'s birthday is on {date}.").format(
                    name=person.name, date=i18n.format_day(when)
                )
            )
    return tuple(lines)


# --- reminders, energy, groups, the self-check ------------------------------------------------


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


@dataclass(frozen=True)
class Energy:
    """This week's energy line on Today, and its nudges."""

    text: str  # "This week: 3 of 8 energy used"
    nudges: tuple[str, ...]  # a quiet week, or weeks fuller than planned: one line each


def energy(store: Store, now: datetime, week_start: int = 0) -> Energy:
    """This week's energy in one line, and the isolation and burnout nudges, if any."""
    from companion import planner

    found = [
        nudge
        for nudge in (
            planner.isolation_nudge(store, now, week_start),
            planner.burnout_note(store, now, week_start),
        )
        if nudge is not None
    ]
    return Energy(
        planner.summary_text(planner.summary(store, now, week_start)),
        tuple(n.text for n in found),
    )


def groups_you_go_to(store: Store, shown: int = GROUPS_SHOWN) -> tuple[str, ...]:
    """The groups you go to, newest first (what ``groups.going_to`` lists), by name only: one
    small query, so Today need not load all of Groups."""
    rows = store.query(
        "SELECT title FROM group_tries WHERE deleted_at IS NULL AND going = 1"
        " ORDER BY chosen_at DESC, id DESC LIMIT ?",
        (shown,),
    )
    return tuple(str(r[0]) for r in rows)


def check_due(store: Store, now: datetime, every_days: int) -> bool:
    """Whether to ask the three short questions again (none taken in ``every_days`` days)."""
    from companion import wellbeing

    return wellbeing.is_due(wellbeing.history(store), now, every_days)


def check_words(store: Store, now: datetime, every_days: int) -> str:
    """The sentence asking for the three short questions, or "" when they are not due. Before
    the first check it is an invitation: "a while since" would be untrue minutes after setup."""
    from companion import wellbeing

    checks = wellbeing.history(store)
    if not wellbeing.is_due(checks, now, every_days):
        return ""
    if not checks:
        return _(
            "Would you like to tell Companion how you are feeling? There are three short questions."
        )
    return _(
        "It has been a while since you told Companion how you are feeling. Would you "
        "like to answer three short questions?"
    )


# --- the whole page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TopOfToday:
    """What the first screen shows: the greeting, the day, the people to reach and what is
    left today. Quick to read, so the page can paint it at once; ``rest_of_today`` follows a
    frame later (it needs the planner and the self-check, each imported when first used).
    """

    greeting: str
    date: str
    people: PeopleToReach
    later_today: tuple[str, ...]
    recovery_code_due: bool  # no recovery code kept yet: ask for one


@dataclass(frozen=True)
class RestOfToday:
    """What Today shows below the reminders: birthdays, energy, groups, the check."""

    birthdays: tuple[str, ...]
    energy: Energy
    groups: tuple[str, ...]
    check_due: bool
    check_words: str = ""  # what the check card says when ``check_due``


@dataclass(frozen=True)
class TodayView:
    """Everything Today shows, in words."""

    greeting: str
    date: str
    people: PeopleToReach
    birthdays: tuple[str, ...]
    later_today: tuple[str, ...]
    energy: Energy
    groups: tuple[str, ...]
    check_due: bool
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


# What the start's child process worked out (``first_screen_at_start``): the language and the
# country it was worded for, the day it was worked out on, and the first screen.
StartScreen = tuple[str, str, date, TopOfToday]


def first_screen(store: Store, now: datetime, settings: Settings) -> TopOfToday:
    """Today's first screen, as the page shows it: from the settings and the data."""
    return top_of_today(
        store,
        now,
        user_name=str(settings.get("user_name") or ""),
        recovery_code_kept=bool(settings.get("recovery_code_kept")),
    )


def start_screen_if_right(made_at_start: object, now: datetime) -> TopOfToday | None:
    """The first screen the start's child worked out (``first_screen_at_start``), if it was
    worded in the language and for the country in use now, on the same day; else None."""
    if (
        isinstance(made_at_start, tuple)
        and len(made_at_start) == 4
        and isinstance(made_at_start[3], TopOfToday)
        and made_at_start[:3] == (i18n.current_language(), i18n.current_region(), now.date())
    ):
        return made_at_start[3]
    return None


def first_screen_at_start(profile: Profile, data_key: bytes) -> StartScreen | None:
    """Today's first screen, worked out at start by a child process (``companion.early``) on
    another core while the window's process starts Qt: the data read only, in the language and
    for the country the person chose. None when the data is not at this version yet (the
    window's process brings it up to date first, and works the screen out itself then).
    """
    prefs = profile.preferences
    i18n.set_region(str(prefs.get("country") or ""))
    language = i18n.set_language(prefs.get("language"))
    unlocked = profile.open(data_key, migrate=False, read_only=True)
    try:
        if unlocked.store.user_version != latest_version():
            return None
        now = datetime.now().astimezone()
        screen = first_screen(unlocked.store, now, profile.settings(unlocked.store))
        return language, i18n.current_region(), now.date(), screen
    finally:
        unlocked.close()


def rest_of_today(
    store: Store,
    now: datetime,
    *,
    week_start: int = 0,
    check_every_days: int = 0,
) -> RestOfToday:
    """Everything Today shows below the reminders, decided and worded."""
    words = check_words(store, now, check_every_days)
    return RestOfToday(
        birthdays=birthday_lines(store, now.date()),
        energy=energy(store, now, week_start),
        groups=groups_you_go_to(store),
        check_due=bool(words),
        check_words=words,
    )


def view(
    store: Store,
    now: datetime,
    *,
    user_name: str = "",
    week_start: int = 0,
    check_every_days: int = 0,
    recovery_code_kept: bool = True,
    zone: tzinfo | None = None,
) -> TodayView:
    """Everything Today shows from the data, decided and worded."""
    top = top_of_today(
        store, now, user_name=user_name, recovery_code_kept=recovery_code_kept, zone=zone
    )
    rest = rest_of_today(store, now, week_start=week_start, check_every_days=check_every_days)
    return TodayView(
        greeting=top.greeting,
        date=top.date,
        people=top.people,
        birthdays=rest.birthdays,
        later_today=top.later_today,
        energy=rest.energy,
        groups=rest.groups,
        check_due=rest.check_due,
        recovery_code_due=top.recovery_code_due,
    )
