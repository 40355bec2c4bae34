"""What the Today page says: the greeting and one small idea for the day.

The ideas come from public-health guidance on social connection; each names
its source so the app never passes off advice as its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from companion.i18n import N_, _

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
