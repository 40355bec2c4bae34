"""What Today shows below its first screen, and in which words: birthdays, the week's energy,
the groups you go to, the three short questions and an idea for the day.

Built just after the first frame (``companion.today`` has the first screen), so the window's
process makes these records only then. The ideas come from public-health guidance on
social connection; each names its source so the app never passes off advice as its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from urllib.parse import urlsplit

from companion import i18n
from companion.i18n import N_, _, isolate
from companion.store import Store
from companion.today import PeopleToReach, top_of_today

BIRTHDAYS_SHOWN = 3
GROUPS_SHOWN = 5

CDC_IMPROVING = "https://www.cdc.gov/social-connectedness/improving/"
HHS_5_FOR_5 = "https://www.hhs.gov/surgeongeneral/priorities/connection/challenge/index.html"
HHS_RECOMMENDATIONS = (
    "https://www.hhs.gov/surgeongeneral/priorities/connection/resources/index.html"
)
CHECKED = "2026-11-21"


# An idea we could not find on a public-health page is credited to no one but us.
OWN_IDEA = N_("An idea from Companion")


# --- an idea for the day ----------------------------------------------------------------------


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


def idea_source_words(idea: Suggestion) -> str:
    """Where an idea comes from: 'From: CDC: Improving social connectedness (cdc.gov)'."""
    domain = urlsplit(idea.source_url).netloc.removeprefix("www.")
    if not domain:
        return _(idea.source_name)
    return _("From: {source} ({site})").format(source=_(idea.source_name), site=isolate(domain))


# --- birthdays --------------------------------------------------------------------------------


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


# --- energy, groups, the self-check ------------------------------------------------------------


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
