"""The loneliness self-check: the UCLA 3-item scale and the direct question.

Wording and scoring follow the UK national indicators (ONS / GSS): three
questions answered "hardly ever or never" (1), "some of the time" (2) or
"often" (3), 3 to 9 in all. Reading 6 or more as lonely is a common
convention, not a validated cut-off, and the app says so. The direct question
("How often do you feel lonely?") counts on its own: "often or always" is its
highest answer, which the ONS reports separately (5% of adults in England gave
it in 2016 to 2017). The app never diagnoses: a high or rising score, or that
answer, brings gentle suggestions and the helplines, nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from companion.errors import CompanionError
from companion.i18n import N_, _
from companion.store import Store

SOURCE_URL = (
    "https://www.ons.gov.uk/peoplepopulationandcommunity/wellbeing/methodologies/"
    "measuringlonelinessguidanceforuseofthenationalindicatorsonsurveys"
)
SOURCE_NAME = N_("Office for National Statistics: measuring loneliness, national indicators")

QUESTIONS: tuple[tuple[str, str], ...] = (
    ("lack_companionship", N_("How often do you feel that you lack companionship?")),
    ("left_out", N_("How often do you feel left out?")),
    ("isolated", N_("How often do you feel isolated from others?")),
)
ANSWERS: tuple[tuple[int, str], ...] = (
    (1, N_("Hardly ever or never")),
    (2, N_("Some of the time")),
    (3, N_("Often")),
)
DIRECT_QUESTION = N_("How often do you feel lonely?")
DIRECT_ANSWERS: tuple[tuple[str, str], ...] = (
    ("often_always", N_("Often or always")),
    ("some_of_the_time", N_("Some of the time")),
    ("occasionally", N_("Occasionally")),
    ("hardly_ever", N_("Hardly ever")),
    ("never", N_("Never")),
)
LOWEST, HIGHEST = 3, 9
GENTLE_FROM = 6  # a convention for reading the total, not a validated cut-off
OFTEN_LONELY = "often_always"  # the direct answer that brings suggestions on its own
DEFAULT_EVERY_DAYS = 30


@dataclass(frozen=True)
class Check:
    id: int
    taken_at: datetime
    lack_companionship: int
    left_out: int
    isolated: int
    direct: str | None

    @property
    def total(self) -> int:
        return self.lack_companionship + self.left_out + self.isolated


@dataclass(frozen=True)
class Reading:
    """What the app says about the checks so far, in plain words."""

    gentle: bool  # True: show suggestions and the helplines
    summary: str
    trend: str | None  # "rising", "falling", "steady" or None with fewer than two checks


def record(
    store: Store,
    now: datetime,
    lack_companionship: int,
    left_out: int,
    isolated: int,
    direct: str | None = None,
) -> Check:
    scores = (lack_companionship, left_out, isolated)
    if any(score not in (1, 2, 3) for score in scores):
        raise CompanionError(_("Please choose an answer for each of the three questions."))
    if direct is not None and direct not in dict(DIRECT_ANSWERS):
        raise CompanionError(
            _("Please choose one of the answers to “How often do you feel lonely?”.")
        )
    with store.transaction():
        cursor = store.execute(
            "INSERT INTO wellbeing_checks(taken_at, lack_companionship, left_out, isolated, direct)"
            " VALUES (?, ?, ?, ?, ?)",
            (now.isoformat(timespec="seconds"), *scores, direct),
        )
        check_id = int(cursor.lastrowid)
    return Check(check_id, now, *scores, direct)


def history(store: Store) -> list[Check]:
    rows = store.query(
        "SELECT id, taken_at, lack_companionship, left_out, isolated, direct"
        " FROM wellbeing_checks ORDER BY taken_at, id"
    )
    return [
        Check(int(r[0]), datetime.fromisoformat(r[1]), int(r[2]), int(r[3]), int(r[4]), r[5])
        for r in rows
    ]


def delete(store: Store, check_id: int) -> None:
    store.execute("DELETE FROM wellbeing_checks WHERE id = ?", (check_id,))


def is_due(checks: list[Check], now: datetime, every_days: int = DEFAULT_EVERY_DAYS) -> bool:
    """A check is due when none was taken in the last ``every_days`` days (0: never asks)."""
    if every_days <= 0:
        return False
    if not checks:
        return True
    return now - checks[-1].taken_at >= timedelta(days=every_days)


def trend(checks: list[Check]) -> str | None:
    """Compare the latest total with the average of up to three before it."""
    if len(checks) < 2:
        return None
    latest = checks[-1].total
    before = [c.total for c in checks[-4:-1]]
    average = sum(before) / len(before)
    if latest - average >= 1.5 or (
        len(checks) >= 3 and checks[-3].total < checks[-2].total < latest
    ):
        return "rising"
    if average - latest >= 1.5:
        return "falling"
    return "steady"


def reading(checks: list[Check]) -> Reading | None:
    if not checks:
        return None
    latest = checks[-1]
    direction = trend(checks)
    often_lonely = latest.direct == OFTEN_LONELY
    gentle = latest.total >= GENTLE_FROM or direction == "rising" or often_lonely
    if often_lonely and latest.total < GENTLE_FROM:
        summary = _(
            "Your latest score is {score} out of {highest}, and you said you feel lonely often "
            "or always. Many people feel this way at times, and it can change. It may help to "
            "reach out to someone today, and you don't have to do it alone."
        ).format(score=latest.total, highest=HIGHEST)
    elif latest.total >= GENTLE_FROM:
        summary = _(
            "Your latest score is {score} out of {highest}. Many people feel this way at times, "
            "and it can change. It may help to reach out to someone today, and you don't have "
            "to do it alone."
        ).format(score=latest.total, highest=HIGHEST)
    elif direction == "rising":
        summary = _(
            "Your latest score is {score} out of {highest}, higher than before. It may be a good "
            "time to reach out to someone."
        ).format(score=latest.total, highest=HIGHEST)
    else:
        summary = _("Your latest score is {score} out of {highest}.").format(
            score=latest.total, highest=HIGHEST
        )
    if direction == "falling":
        summary += " " + _("That is lower than before.")
    elif direction == "steady":
        summary += " " + _("That is about the same as before.")
    return Reading(gentle=gentle, summary=summary, trend=direction)


def suggestions() -> list[str]:
    """What the app offers when a score is high or rising: small steps, then people."""
    return [
        _("Get in touch with one person you like, even just to say hello."),
        _("Look for a group that meets near you, around something you enjoy."),
        _("Plan a calmer week, with time for rest and one thing you look forward to."),
        _("Talk to your doctor or another professional you trust about how you have been feeling."),
        _("If you need to talk to someone now, the helplines on this page are there for you."),
    ]
