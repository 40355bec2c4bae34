"""Energy and boundaries: a weekly social-energy budget that guards against both burnout
and isolation.

Commitments (a visit, a group, a call, an appointment, hosting) cost energy; rest
blocks give some back. A week's load is the sum of its days' loads, each day's load
what its planned commitments cost less what its rest gives back; declined
commitments stay in the week, shown but not counted. Times are local wall-clock times
without an offset, like reminders ("2026-11-22T17:00"), so a week always has seven
calendar days and a clock change moves nothing. The week starts on the locale's first
day (``first_week_day``).

The planner suggests and never decides: warnings come *before* a commitment is added
and name what could help (a lighter day, shorter, cheaper, or a kind no); the budget
never rises by itself, as NICE's guidance on energy management asks (activity "never
automatically increased"); a pause stops every nudge.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from babel import Locale, UnknownLocaleError

from companion import i18n, planner_scripts
from companion.errors import CompanionError
from companion.i18n import N_, _
from companion.settings import OPTIONS
from companion.store import Store

NICE_ENERGY_MANAGEMENT = "https://www.nice.org.uk/guidance/ng206/chapter/recommendations"

KINDS: dict[str, str] = {
    "visit": N_("Visit"),
    "group": N_("Group"),
    "call": N_("Call"),
    "appointment": N_("Appointment"),
    "hosting": N_("Hosting"),
    "other": N_("Other"),
    "rest": N_("Rest"),
}
SOCIAL_KINDS = ("visit", "group", "call", "appointment", "hosting", "other")
# Which saying-no scripts (planner_scripts.SITUATIONS) fit declining each kind.
SCRIPT_SITUATION = {
    "visit": "visit",
    "group": "invitation",
    "call": "long_call",
    "appointment": "invitation",
    "hosting": "visit",
    "other": "invitation",
}
OUTING_KINDS = ("visit", "group", "appointment")
# What a kind usually costs before anything is ticked.
BASE_COST: dict[str, int] = {
    "visit": 2,
    "group": 2,
    "call": 1,
    "appointment": 2,
    "hosting": 3,
    "other": 2,
    "rest": 1,
}
COSTS: dict[str, int] = {"light": 1, "medium": 2, "heavy": 3}
COST_NAMES: dict[int, str] = {1: N_("Light"), 2: N_("Medium"), 3: N_("Heavy")}
HEAVY = 3  # a commitment costing this much or more is a heavy one
MAX_COST = 10
FACTORS: dict[str, str] = {
    "large_group": N_("A large group"),
    "noise": N_("Noise"),
    "strangers": N_("People I don't know"),
    "hard_conversation": N_("A hard conversation"),
    "travel": N_("Travel"),
    "hosting": N_("Hosting rather than visiting"),
}
FEELINGS: dict[str, str] = {
    "draining": N_("Draining"),
    "all_right": N_("All right"),
    "gave_energy": N_("It gave me energy"),
}
_FEELING_SCORE = {"draining": 1, "all_right": 0, "gave_energy": -1}
LEARN_AFTER = 3  # answers needed before a learned cost is offered
ASK_WITHIN_DAYS = 7  # after this, "How did it feel?" is no longer asked
STEADY_WEEKS = 4  # weeks under budget, none draining, before a small rise is offered
QUIET_WEEKS = 3  # weeks with the budget mostly unused before a nudge to connect
OVER_WEEKS = 3  # of the last four weeks over budget: a kind note about burnout
DROPPED_RESTS = 3  # rest blocks declined or removed in four weeks: the same note
DEFAULT_BUDGET = 10

BOUNDARY_KINDS: dict[str, str] = {
    "no_calls_after": N_("No calls after a time"),
    "outings_per_day": N_("At most a number of outings a day"),
    "rest_day": N_("A day of the week kept for rest"),
    "heavy_per_week": N_("At most a number of heavy things a week"),
    "free_text": N_("My own words"),
}


# --- records -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Draft:
    """A commitment or rest block as the add dialog fills it in, before it is saved."""

    kind: str
    title: str
    starts: datetime  # wall clock, no offset
    minutes: int = 60
    cost: int | str = "medium"  # 'light', 'medium', 'heavy' or a number 0..10
    factors: tuple[str, ...] = ()
    person_id: int | None = None
    group_place_id: int | None = None
    note: str = ""


@dataclass(frozen=True)
class Commitment:
    id: int
    kind: str
    title: str
    starts: datetime  # wall clock, no offset
    minutes: int
    cost: int  # energy it takes; for rest, what it gives back
    factors: tuple[str, ...] = ()
    person_id: int | None = None
    group_place_id: int | None = None
    reminder_id: int | None = None
    declined: bool = False
    note: str = ""

    @property
    def is_rest(self) -> bool:
        return self.kind == "rest"

    @property
    def counts(self) -> bool:
        """Declined ones stay in the week, shown but not counted."""
        return not self.declined

    @property
    def ends(self) -> datetime:
        return self.starts + timedelta(minutes=self.minutes)

    @property
    def heavy(self) -> bool:
        return not self.is_rest and self.cost >= HEAVY

    @property
    def load(self) -> int:
        """What it adds to its day: its cost, less for rest, nothing once declined."""
        if not self.counts:
            return 0
        return -self.cost if self.is_rest else self.cost

    def as_draft(self) -> Draft:
        return Draft(
            self.kind,
            self.title,
            self.starts,
            self.minutes,
            self.cost,
            self.factors,
            self.person_id,
            self.group_place_id,
            self.note,
        )


@dataclass(frozen=True)
class Day:
    date: date
    items: tuple[Commitment, ...]  # in time order, declined ones included
    spent: int  # what its planned commitments cost
    rested: int  # what its rest gives back
    share: float  # an even share of the week's budget
    limit: int  # more than this in one day is too much

    @property
    def load(self) -> int:
        return self.spent - self.rested

    @property
    def over(self) -> bool:
        return self.load > self.limit

    @property
    def under(self) -> bool:
        return self.load < self.share

    @property
    def full(self) -> bool:
        """A heavy day: tiredness often comes the day after."""
        return self.spent >= self.limit


@dataclass(frozen=True)
class Week:
    start: date
    days: tuple[Day, ...]
    budget: int
    paused_until: date | None = None

    @property
    def total(self) -> int:
        return sum(day.load for day in self.days)

    @property
    def left(self) -> int:
        return self.budget - self.total

    @property
    def over(self) -> bool:
        return self.total > self.budget

    @property
    def end(self) -> date:
        return self.start + timedelta(days=7)

    def day(self, when: date) -> Day:
        return self.days[(when - self.start).days]


@dataclass(frozen=True)
class Suggestion:
    kind: str  # 'move', 'shorten', 'cheaper', 'decline', 'quiet', 'rest', 'get_help', 'connect'
    text: str
    day: date | None = None
    minutes: int | None = None
    cost: int | None = None
    situation: str | None = None  # for 'decline': which saying-no scripts fit


@dataclass(frozen=True)
class EnergyWarning:
    kind: str  # 'day_over', 'week_over', 'boundary', 'after_full_day', 'quiet_next_day'
    text: str
    suggestions: tuple[Suggestion, ...] = ()
    boundary_id: int | None = None


@dataclass(frozen=True)
class Boundary:
    id: int
    kind: str
    number: int | None
    text: str = ""

    @property
    def checked(self) -> bool:
        return self.kind != "free_text"


@dataclass(frozen=True)
class Question:
    item: Commitment
    asked: str  # 'then' or 'next_day'
    text: str


@dataclass(frozen=True)
class Learned:
    cost: int
    feeling: str  # what the answers mostly said: 'draining', 'all_right', 'gave_energy'
    answers: int
    text: str
    person_id: int | None = None
    kind: str | None = None


@dataclass(frozen=True)
class CostSuggestion:
    cost: int
    reasons: tuple[str, ...]  # the ticked factors, in words
    learned: Learned | None = None


@dataclass(frozen=True)
class RiseOffer:
    budget: int
    proposed: int
    text: str


@dataclass(frozen=True)
class Nudge:
    kind: str  # 'isolation', 'burnout', 'rise', 'quiet_day'
    text: str
    suggestions: tuple[Suggestion, ...] = ()
    person_id: int | None = None
    get_help: bool = False


@dataclass(frozen=True)
class EnergySummary:
    week_start: date
    used: int
    budget: int
    paused_until: date | None = None

    @property
    def over(self) -> bool:
        return self.used > self.budget


@dataclass(frozen=True)
class PlanData:
    """What the counsellor's printed plan shows of the planner."""

    budget: int
    budget_text: str
    boundaries: list[Boundary] = field(default_factory=list)
    boundary_texts: list[str] = field(default_factory=list)
    chosen_scripts: list[planner_scripts.Script] = field(default_factory=list)
    paused_until: date | None = None


# --- settings, the week and the budget ----------------------------------------------------


def _setting(store: Store, key: str) -> Any:
    option = OPTIONS[key]
    raw = store.get_setting(key)
    if raw is None:
        return option.default_value()
    try:
        return option.check(json.loads(raw))
    except (ValueError, CompanionError):
        return option.default_value()


def _set_setting(store: Store, key: str, value: Any) -> None:
    store.set_setting(key, json.dumps(OPTIONS[key].check(value)))


def first_week_day(language: str, country: str | None = None) -> int:
    """The locale's first day of the week (0 = Monday): Sunday in the US, Saturday in Egypt."""
    for code in ([f"{language}_{country}"] if country else []) + [language, "en"]:
        try:
            return int(Locale.parse(code).first_week_day)
        except (ValueError, UnknownLocaleError):
            continue
    return 0


def today(now: datetime) -> date:
    """The local calendar day: ``now`` carries the computer's own offset."""
    return now.date()


def week_start_of(day: date, week_start: int) -> date:
    return day - timedelta(days=(day.weekday() - week_start) % 7)


def budget(store: Store) -> int:
    return int(_setting(store, "energy_budget"))


def day_limit(week_budget: int) -> int:
    """More than this in one day is too much: about twice an even share, never below a
    heavy thing, so one heavy commitment alone is a full day but not an over-full one."""
    return max(HEAVY, math.ceil(2 * week_budget / 7))


def describe_budget(week_budget: int) -> str:
    """The one plain sentence on what the budget means."""
    return i18n.ngettext(
        "You plan to spend {count} point of social energy a week: a short call costs "
        "about 1, a visit 2, a big gathering 3 or more, and rest gives some back.",
        "You plan to spend {count} points of social energy a week: a short call costs "
        "about 1, a visit 2, a big gathering 3 or more, and rest gives some back.",
        week_budget,
    ).format(count=i18n.format_number(week_budget))


def set_budget(store: Store, now: datetime, value: int, week_start: int = 0) -> int:
    """The person sets their budget; steady weeks count again from this week on."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 50:
        raise CompanionError(_("Your weekly energy must be a whole number from 1 to 50."))
    with store.transaction():
        _set_setting(store, "energy_budget", value)
        _set_setting(
            store, "energy_budget_since", week_start_of(today(now), week_start).isoformat()
        )
    return value


# --- commitments ---------------------------------------------------------------------------

_COLUMNS = (
    "id, kind, title, starts, minutes, cost, factors, person_id, group_place_id, reminder_id,"
    " status, note"
)


def _item(row: Any) -> Commitment:
    return Commitment(
        id=int(row[0]),
        kind=row[1],
        title=row[2],
        starts=datetime.fromisoformat(row[3]),
        minutes=int(row[4]),
        cost=int(row[5]),
        factors=tuple(f for f in row[6].split(",") if f),
        person_id=row[7],
        group_place_id=row[8],
        reminder_id=row[9],
        declined=row[10] == "declined",
        note=row[11],
    )


def _wall_text(value: datetime) -> str:
    return value.replace(second=0, microsecond=0).isoformat(timespec="minutes")


def cost_value(cost: int | str) -> int:
    """'light', 'medium', 'heavy' (1, 2, 3), or a number from 0 to 10."""
    if isinstance(cost, str):
        if cost in COSTS:
            return COSTS[cost]
        try:
            cost = int(cost.strip())
        except ValueError:
            raise CompanionError(
                _("Please choose light, medium or heavy, or a number from 0 to 10.")
            ) from None
    if isinstance(cost, bool) or not 0 <= cost <= MAX_COST:
        raise CompanionError(_("Please choose light, medium or heavy, or a number from 0 to 10."))
    return int(cost)


def _validate(store: Store, draft: Draft) -> tuple[Draft, int]:
    if draft.kind not in KINDS:
        raise CompanionError(_("Please choose what kind of thing this is."))
    title = " ".join(draft.title.split())
    if not title:
        raise CompanionError(_("Please write a few words to say what it is."))
    if draft.starts.tzinfo is not None:
        raise ValueError("planner times are wall-clock times without an offset")
    if isinstance(draft.minutes, bool) or not 5 <= int(draft.minutes) <= 1440:
        raise CompanionError(_("How long must be between 5 minutes and 24 hours."))
    unknown = [f for f in draft.factors if f not in FACTORS]
    if unknown:
        raise CompanionError(_("Please choose from the list what makes it harder."))
    cost = cost_value(draft.cost)
    if draft.person_id is not None:
        row = store.query_one(
            "SELECT 1 FROM people WHERE id = ? AND deleted_at IS NULL", (draft.person_id,)
        )
        if row is None:
            raise CompanionError(_("That person is no longer in your list."))
    factors = tuple(f for f in FACTORS if f in draft.factors)  # one order, no repeats
    return replace(draft, title=title, factors=factors, note=draft.note.strip()), cost


def suggest_cost(
    store: Store, kind: str, factors: tuple[str, ...] = (), person_id: int | None = None
) -> CostSuggestion:
    """What a commitment will probably cost: the kind's usual cost, one more for each thing
    ticked that makes social time harder, then what the person's own answers have taught.
    Only a suggestion: the person can always choose another cost."""
    if kind not in KINDS:
        raise CompanionError(_("Please choose what kind of thing this is."))
    ticked = [f for f in FACTORS if f in factors and not (f == "hosting" and kind == "hosting")]
    cost = BASE_COST[kind] + (0 if kind == "rest" else len(ticked))
    learned = None if kind == "rest" else learned_cost(store, kind, person_id, cost)
    if learned is not None:
        cost = learned.cost
    return CostSuggestion(min(cost, MAX_COST), tuple(_(FACTORS[f]) for f in ticked), learned)


def add(store: Store, now: datetime, draft: Draft) -> Commitment:
    """Save a commitment or rest block. Warnings come from ``check_new`` beforehand; the
    person decides, so nothing here refuses a full week."""
    draft, cost = _validate(store, draft)
    with store.transaction():
        cursor = store.execute(
            "INSERT INTO planner_items(kind, title, starts, minutes, cost, factors, person_id,"
            " group_place_id, note, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                draft.kind,
                draft.title,
                _wall_text(draft.starts),
                int(draft.minutes),
                cost,
                ",".join(draft.factors),
                draft.person_id,
                draft.group_place_id,
                draft.note,
                now.isoformat(timespec="seconds"),
            ),
        )
        return get(store, int(cursor.lastrowid))


def change(store: Store, now: datetime, item_id: int, draft: Draft) -> Commitment:
    """Change anything about it; a linked reminder follows a new time."""
    draft, cost = _validate(store, draft)
    with store.transaction():
        before = get(store, item_id)
        store.execute(
            "UPDATE planner_items SET kind = ?, title = ?, starts = ?, minutes = ?, cost = ?,"
            " factors = ?, person_id = ?, group_place_id = ?, note = ?"
            " WHERE id = ? AND deleted_at IS NULL",
            (
                draft.kind,
                draft.title,
                _wall_text(draft.starts),
                int(draft.minutes),
                cost,
                ",".join(draft.factors),
                draft.person_id,
                draft.group_place_id,
                draft.note,
                item_id,
            ),
        )
        after = get(store, item_id)
        if after.reminder_id is not None and after.starts != before.starts:
            _move_reminder(store, now, before, after)
        return after


def move(store: Store, now: datetime, item_id: int, starts: datetime) -> Commitment:
    """To another day or time; everything else stays."""
    return change(store, now, item_id, replace(get(store, item_id).as_draft(), starts=starts))


def decline(store: Store, item_id: int) -> Commitment:
    """Said no: kept in the week (so the person sees they chose to), no longer counted."""
    with store.transaction():
        get(store, item_id)
        store.execute("UPDATE planner_items SET status = 'declined' WHERE id = ?", (item_id,))
        return get(store, item_id)


def undo_decline(store: Store, item_id: int) -> Commitment:
    with store.transaction():
        get(store, item_id)
        store.execute("UPDATE planner_items SET status = 'planned' WHERE id = ?", (item_id,))
        return get(store, item_id)


def delete(store: Store, now: datetime, item_id: int) -> None:
    """Hide it at once; ``undo_delete`` brings it back as it was."""
    store.execute(
        "UPDATE planner_items SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
        (now.isoformat(timespec="seconds"), item_id),
    )


def undo_delete(store: Store, item_id: int) -> Commitment:
    store.execute("UPDATE planner_items SET deleted_at = NULL WHERE id = ?", (item_id,))
    return get(store, item_id)


def purge_deleted(store: Store, now: datetime) -> int:
    """Remove for good what was deleted before this start (the undo had its time), own
    rules and scripts too; returns how many commitments went. Rest
    blocks dropped in the last five weeks stay hidden a while longer: dropping rest again
    and again is one of the signs ``burnout_note`` looks for."""
    keep_from = (today(now) - timedelta(weeks=5)).isoformat()
    with store.transaction():
        cursor = store.execute(
            "DELETE FROM planner_items WHERE deleted_at IS NOT NULL"
            " AND NOT (kind = 'rest' AND starts >= ?)",
            (keep_from,),
        )
        store.execute("DELETE FROM planner_boundaries WHERE deleted_at IS NOT NULL")
        planner_scripts.purge_deleted(store)
    return int(cursor.rowcount)


def get(store: Store, item_id: int) -> Commitment:
    row = store.query_one(
        f"SELECT {_COLUMNS} FROM planner_items WHERE id = ? AND deleted_at IS NULL", (item_id,)
    )
    if row is None:
        raise CompanionError(_("That is no longer in your plan."))
    return _item(row)


def items_between(store: Store, first: date, end: date) -> list[Commitment]:
    """Everything from ``first`` up to (not including) ``end``, declined too, in time order."""
    rows = store.query(
        f"SELECT {_COLUMNS} FROM planner_items WHERE deleted_at IS NULL"
        " AND starts >= ? AND starts < ? ORDER BY starts, id",
        (first.isoformat(), end.isoformat()),
    )
    return [_item(row) for row in rows]


# --- reminders for commitments ------------------------------------------------------------


def attach_reminder(
    store: Store,
    now: datetime,
    item_id: int,
    before_minutes: int = 60,
    zone: tzinfo | None = None,
) -> Commitment:
    """One click: a reminder some time before the commitment, through companion.reminders."""
    from companion import reminders

    item = get(store, item_id)
    if item.reminder_id is not None:
        try:
            reminders.get(store, item.reminder_id)
            return item
        except CompanionError:
            pass  # its reminder was deleted: make a new one
    with store.transaction():
        reminder = reminders.add(
            store,
            now,
            item.title,
            item.starts - timedelta(minutes=before_minutes),
            person_id=item.person_id,
            zone=zone,
        )
        store.execute(
            "UPDATE planner_items SET reminder_id = ? WHERE id = ?", (reminder.id, item_id)
        )
        return get(store, item_id)


def _move_reminder(store: Store, now: datetime, before: Commitment, after: Commitment) -> None:
    from companion import reminders

    assert before.reminder_id is not None
    try:
        reminder = reminders.get(store, before.reminder_id)
    except CompanionError:
        return
    lead = before.starts - reminder.starts
    reminders.update(
        store,
        reminder.id,
        reminder.title,
        after.starts - lead,
        reminder.repeat,
        reminder.person_id,
        now,
    )


# --- the week -------------------------------------------------------------------------------


def paused_until(store: Store, now: datetime) -> date | None:
    """The last day of a pause still running, or None."""
    text = _setting(store, "planner_paused_until")
    if not text:
        return None
    try:
        until = date.fromisoformat(text)
    except ValueError:
        return None
    return until if until >= today(now) else None


def pause(store: Store, now: datetime, until: date) -> date:
    """ "I'm unwell or away": no nudges of any kind until the end of ``until``."""
    if until < today(now):
        raise CompanionError(_("Please choose a day from today on."))
    if until > today(now) + timedelta(days=366):
        raise CompanionError(_("A pause can last up to a year. Please choose an earlier day."))
    _set_setting(store, "planner_paused_until", until.isoformat())
    return until


def end_pause(store: Store) -> None:
    _set_setting(store, "planner_paused_until", "")


def _make_week(start: date, items: list[Commitment], week_budget: int) -> Week:
    days = []
    limit = day_limit(week_budget)
    for offset in range(7):
        day = start + timedelta(days=offset)
        mine = tuple(i for i in items if i.starts.date() == day)
        days.append(
            Day(
                date=day,
                items=mine,
                spent=sum(i.cost for i in mine if i.counts and not i.is_rest),
                rested=sum(i.cost for i in mine if i.counts and i.is_rest),
                share=week_budget / 7,
                limit=limit,
            )
        )
    return Week(start, tuple(days), week_budget)


def week_of(store: Store, now: datetime, week_start: int = 0, offset: int = 0) -> Week:
    """The week holding ``now`` (or ``offset`` weeks later or earlier), day by day."""
    start = week_start_of(today(now), week_start) + timedelta(weeks=offset)
    week = _make_week(start, items_between(store, start, start + timedelta(days=7)), budget(store))
    return replace(week, paused_until=paused_until(store, now))


def _past_weeks(store: Store, now: datetime, week_start: int, count: int) -> list[Week]:
    """The last ``count`` complete weeks, oldest first."""
    this_week = week_start_of(today(now), week_start)
    first = this_week - timedelta(weeks=count)
    items = items_between(store, first, this_week)
    week_budget = budget(store)
    weeks = []
    for n in range(count):
        start = first + timedelta(weeks=n)
        end = start + timedelta(days=7)
        weeks.append(
            _make_week(start, [i for i in items if start <= i.starts.date() < end], week_budget)
        )
    return weeks


def summary(store: Store, now: datetime, week_start: int = 0) -> EnergySummary:
    week = week_of(store, now, week_start)
    return EnergySummary(week.start, week.total, week.budget, week.paused_until)


def summary_text(energy: EnergySummary) -> str:
    """The one line for Today: 'This week: 3 of 8 energy used'."""
    used = i18n.format_number(max(0, energy.used))
    if energy.over:
        return i18n.ngettext(
            "This week: {used} of {budget} energy used. That is more than you planned; go gently.",
            "This week: {used} of {budget} energy used. That is more than you planned; go gently.",
            energy.budget,
        ).format(used=used, budget=i18n.format_number(energy.budget))
    return i18n.ngettext(
        "This week: {used} of {budget} energy used",
        "This week: {used} of {budget} energy used",
        energy.budget,
    ).format(used=used, budget=i18n.format_number(energy.budget))


def cost_words(cost: int) -> str:
    """A cost in words, so it never depends on a colour: 'Light (1)', or '5 points'."""
    if cost in COST_NAMES:
        return _("{name} ({count})").format(
            name=_(COST_NAMES[cost]), count=i18n.format_number(cost)
        )
    return i18n.ngettext("{count} point", "{count} points", cost).format(
        count=i18n.format_number(cost)
    )


def describe_day(day: Day) -> str:
    """How full a day is, in words (for the week view's text and for screen readers)."""
    name = i18n.format_day(day.date)
    used = max(0, day.load)
    if not any(i.counts for i in day.items):
        return _("{day}: nothing planned.").format(day=name)
    if not any(i.counts and not i.is_rest for i in day.items):
        return _("{day}: only rest planned.").format(day=name)
    if day.over:
        return i18n.ngettext(
            "{day}: {count} point used, more than one day comfortably holds.",
            "{day}: {count} points used, more than one day comfortably holds.",
            used,
        ).format(day=name, count=i18n.format_number(used))
    if day.full:
        return i18n.ngettext(
            "{day}: {count} point used, a full day.",
            "{day}: {count} points used, a full day.",
            used,
        ).format(day=name, count=i18n.format_number(used))
    return i18n.ngettext("{day}: {count} point used.", "{day}: {count} points used.", used).format(
        day=name, count=i18n.format_number(used)
    )


# --- warnings before adding ---------------------------------------------------------------


def _day_name(day: date) -> str:
    return i18n.format_day(day)


def _fits(week: Week, day: date, item: Commitment, boundaries: list[Boundary], after: date) -> bool:
    if day < after:
        return False
    target = week.day(day)
    if target.load + item.cost > target.limit:
        return False
    before = day - timedelta(days=1)
    if week.start <= before and week.day(before).spent >= week.day(before).limit:
        return False  # the day after a full one: tiredness often comes a day later
    return not _broken(week, item, boundaries, day)


def _passed(day: date, item: Commitment, now: datetime) -> bool:
    """Whether ``item``, moved to ``day`` at its own time of day, would start before ``now``.

    A move keeps the time: "today at 12:30" is no help at half past six.
    """
    moved = datetime.combine(day, item.starts.time())
    return moved <= now.replace(tzinfo=None)


def _lighter_day(
    store: Store, now: datetime, item: Commitment, week: Week, boundaries: list[Boundary]
) -> date | None:
    """The lightest day this week (from today on) where it fits, else next week."""
    weeks = [
        week,
        _make_week(
            week.end, items_between(store, week.end, week.end + timedelta(days=7)), week.budget
        ),
    ]
    if week.total - week.day(item.starts.date()).load + item.cost > week.budget:
        weeks = weeks[1:]  # the week itself is full: only another week helps
    for candidate_week in weeks:
        options = [
            d
            for d in candidate_week.days
            if d.date != item.starts.date()
            and _fits(candidate_week, d.date, item, boundaries, today(now))
            and not _passed(d.date, item, now)
        ]
        if options:
            return min(options, key=lambda d: (d.load, d.date)).date
    return None


def _help_for(
    store: Store, now: datetime, item: Commitment, week: Week, boundaries: list[Boundary]
) -> tuple[Suggestion, ...]:
    found = []
    lighter = _lighter_day(store, now, item, week, boundaries)
    if lighter is not None:
        found.append(
            Suggestion(
                "move",
                _("Move it to {day}, a lighter day.").format(day=_day_name(lighter)),
                day=lighter,
            )
        )
    if item.minutes > 60:
        shorter = max(30, item.minutes // 2)
        found.append(
            Suggestion(
                "shorten",
                i18n.ngettext(
                    "Make it shorter: {count} minute is often enough.",
                    "Make it shorter: {count} minutes is often enough.",
                    shorter,
                ).format(count=i18n.format_number(shorter)),
                minutes=shorter,
            )
        )
    if item.kind in ("visit", "hosting", "group") and item.cost > BASE_COST["call"]:
        found.append(
            Suggestion(
                "cheaper",
                _("Make it lighter: a phone call instead usually takes less energy."),
                cost=BASE_COST["call"],
            )
        )
    found.append(
        Suggestion(
            "decline",
            _("Say no kindly this time. The words for saying no can help."),
            situation=SCRIPT_SITUATION.get(item.kind),
        )
    )
    return tuple(found)


def _count_outings(day: Day, item: Commitment) -> int:
    return sum(1 for i in day.items if i.counts and i.kind in OUTING_KINDS and i.id != item.id) + (
        1 if item.kind in OUTING_KINDS else 0
    )


def _broken(week: Week, item: Commitment, boundaries: list[Boundary], day: date) -> list[Boundary]:
    """The person's boundaries ``item`` would break on ``day``."""
    if item.is_rest or not item.counts:
        return []
    broken = []
    for boundary in boundaries:
        number = boundary.number if boundary.number is not None else 0
        if boundary.kind == "no_calls_after":
            late = item.starts.hour * 60 + item.starts.minute >= number
            if item.kind == "call" and late:
                broken.append(boundary)
        elif boundary.kind == "outings_per_day":
            if item.kind in OUTING_KINDS and _count_outings(week.day(day), item) > number:
                broken.append(boundary)
        elif boundary.kind == "rest_day":
            if day.weekday() == number:
                broken.append(boundary)
        elif boundary.kind == "heavy_per_week":
            others = sum(
                1 for d in week.days for i in d.items if i.counts and i.heavy and i.id != item.id
            )
            if item.heavy and others + 1 > number:
                broken.append(boundary)
    return broken


def check_new(
    store: Store, now: datetime, draft: Draft, week_start: int = 0, item_id: int | None = None
) -> list[EnergyWarning]:
    """Kind warnings before saving ``draft`` (or changing item ``item_id`` to it): a day or
    the week over budget, a boundary broken, a full day before or after. Each names what
    could help; none stops the person from going ahead."""
    draft, cost = _validate(store, draft)
    item = Commitment(
        id=item_id if item_id is not None else -1,
        kind=draft.kind,
        title=draft.title,
        starts=draft.starts,
        minutes=int(draft.minutes),
        cost=cost,
        factors=draft.factors,
        person_id=draft.person_id,
    )
    if item.is_rest:
        return []
    day = draft.starts.date()
    start = week_start_of(day, week_start)
    others = [
        i
        for i in items_between(store, start - timedelta(days=1), start + timedelta(days=8))
        if i.id != item_id
    ]
    week = _make_week(
        start,
        [i for i in others if start <= i.starts.date() < start + timedelta(days=7)],
        budget(store),
    )
    boundaries = [b for b in list_boundaries(store) if b.checked]
    target = week.day(day)
    warnings: list[EnergyWarning] = []
    if target.load + cost > target.limit:
        warnings.append(
            EnergyWarning(
                "day_over",
                _("{day} would be a very full day. You may feel tired afterwards.").format(
                    day=_day_name(day)
                ),
                _help_for(store, now, item, week, boundaries),
            )
        )
    if week.total + cost > week.budget:
        warnings.append(
            EnergyWarning(
                "week_over",
                _(
                    "This would use more energy than you planned for this week "
                    "({used} of {budget})."
                ).format(
                    used=i18n.format_number(week.total + cost),
                    budget=i18n.format_number(week.budget),
                ),
                _help_for(store, now, item, week, boundaries),
            )
        )
    for boundary in _broken(week, item, boundaries, day):
        warnings.append(
            EnergyWarning(
                "boundary",
                _("This goes against a rule you set yourself: {rule}").format(
                    rule=describe_boundary(boundary)
                ),
                _help_for(store, now, item, week, boundaries),
                boundary_id=boundary.id,
            )
        )
    # Tiredness often comes a day later.
    spent: dict[date, int] = {}
    for i in others:
        if i.counts and not i.is_rest:
            spent[i.starts.date()] = spent.get(i.starts.date(), 0) + i.cost
    limit = day_limit(week.budget)
    yesterday = day - timedelta(days=1)
    if spent.get(yesterday, 0) >= limit:
        warnings.append(
            EnergyWarning(
                "after_full_day",
                _(
                    "{day} is a full day. Tiredness often comes a day later, "
                    "so you may want to keep the day after it quiet."
                ).format(day=_day_name(yesterday)),
                _help_for(store, now, item, week, boundaries),
            )
        )
    tomorrow = day + timedelta(days=1)
    if spent.get(day, 0) + cost >= limit and spent.get(tomorrow, 0) > 0:
        warnings.append(
            EnergyWarning(
                "quiet_next_day",
                _(
                    "This makes {day} a full day. Tiredness often comes a day later: "
                    "could {next} be kept quiet?"
                ).format(day=_day_name(day), next=_day_name(tomorrow)),
                (Suggestion("quiet", _("Keep the next day free for rest."), day=tomorrow),),
            )
        )
    return warnings


# --- boundaries -----------------------------------------------------------------------------


def _boundary_number(kind: str, number: int | None) -> int | None:
    if kind not in BOUNDARY_KINDS:
        raise CompanionError(_("Please choose what kind of rule this is."))
    if kind == "free_text":
        return None
    if number is None or isinstance(number, bool):
        raise CompanionError(_("Please fill in the rule's number, day or time."))
    if kind == "no_calls_after" and not 0 <= number < 24 * 60:
        raise CompanionError(_("Please choose a time of day."))
    if kind == "rest_day" and not 0 <= number <= 6:
        raise CompanionError(_("Please choose a day of the week."))
    if kind in ("outings_per_day", "heavy_per_week") and not 0 <= number <= 20:
        raise CompanionError(_("Please choose a number from 0 to 20."))
    return int(number)


def add_boundary(
    store: Store, now: datetime, kind: str, number: int | None = None, text: str = ""
) -> Boundary:
    """A rule of the person's own. ``no_calls_after`` takes minutes after midnight
    (20:00 is 1200), ``rest_day`` a weekday (0 is Monday); free text is shown, not checked."""
    number = _boundary_number(kind, number)
    text = " ".join(text.split())
    if kind == "free_text" and not text:
        raise CompanionError(_("Please write your rule in a few words."))
    with store.transaction():
        same = _same_boundary(store, Boundary(0, kind, number, text))
        if same is not None:
            raise CompanionError(
                _("You already have this rule, so nothing was added: {rule}").format(
                    rule=describe_boundary(same)
                )
            )
        cursor = store.execute(
            "INSERT INTO planner_boundaries(kind, number, text, created) VALUES (?, ?, ?, ?)",
            (kind, number, text, now.isoformat(timespec="seconds")),
        )
    return Boundary(int(cursor.lastrowid), kind, number, text)


def _same_boundary(store: Store, rule: Boundary) -> Boundary | None:
    """A rule already kept that says the same (own words compared without case or spaces).

    Two of the same rule would only warn twice about one thing; a different number ("no
    calls after 8 pm" beside "after 9 pm") is a different rule and is kept.
    """
    for kept in list_boundaries(store):
        if kept.id == rule.id or kept.kind != rule.kind:
            continue
        if rule.kind == "free_text":
            if kept.text.casefold() == rule.text.casefold():
                return kept
        elif kept.number == rule.number:
            return kept
    return None


def change_boundary(
    store: Store, boundary_id: int, number: int | None = None, text: str = ""
) -> Boundary:
    old = next((b for b in list_boundaries(store) if b.id == boundary_id), None)
    if old is None:
        raise CompanionError(_("That rule is no longer here."))
    number = _boundary_number(old.kind, number)
    text = " ".join(text.split())
    if old.kind == "free_text" and not text:
        raise CompanionError(_("Please write your rule in a few words."))
    with store.transaction():
        same = _same_boundary(store, Boundary(boundary_id, old.kind, number, text))
        if same is not None:
            raise CompanionError(
                _("You already have another rule that says this: {rule}").format(
                    rule=describe_boundary(same)
                )
            )
        store.execute(
            "UPDATE planner_boundaries SET number = ?, text = ? WHERE id = ?",
            (number, text, boundary_id),
        )
    return Boundary(boundary_id, old.kind, number, text)


def delete_boundary(store: Store, now: datetime, boundary_id: int) -> None:
    store.execute(
        "UPDATE planner_boundaries SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
        (now.isoformat(timespec="seconds"), boundary_id),
    )


def undo_delete_boundary(store: Store, boundary_id: int) -> None:
    store.execute("UPDATE planner_boundaries SET deleted_at = NULL WHERE id = ?", (boundary_id,))


def list_boundaries(store: Store) -> list[Boundary]:
    rows = store.query(
        "SELECT id, kind, number, text FROM planner_boundaries WHERE deleted_at IS NULL ORDER BY id"
    )
    return [Boundary(int(r[0]), r[1], r[2], r[3]) for r in rows]


def describe_boundary(boundary: Boundary) -> str:
    """The rule in the person's words, or in plain words made from its kind."""
    number = boundary.number or 0
    if boundary.kind == "free_text":
        return boundary.text
    if boundary.kind == "no_calls_after":
        return _("No calls after {time}.").format(
            time=i18n.format_time(time(number // 60, number % 60))
        )
    if boundary.kind == "outings_per_day":
        return i18n.ngettext(
            "At most {count} outing a day.", "At most {count} outings a day.", number
        ).format(count=i18n.format_number(number))
    if boundary.kind == "rest_day":
        return _("{day} is for rest.").format(
            day=i18n.format_date(date(2024, 1, 1) + timedelta(days=number), "EEEE")
        )
    return i18n.ngettext(
        "At most {count} heavy thing a week.", "At most {count} heavy things a week.", number
    ).format(count=i18n.format_number(number))


# --- how did it feel ------------------------------------------------------------------------


def reflect(store: Store, now: datetime, item_id: int, feeling: str, asked: str = "then") -> None:
    """Record an answer to "How did it feel?"; answering again replaces the answer."""
    if feeling not in FEELINGS:
        raise CompanionError(_("Please choose draining, all right, or it gave me energy."))
    if asked not in ("then", "next_day"):
        raise ValueError(f"unknown question {asked!r}")
    item = get(store, item_id)
    if item.is_rest:
        raise CompanionError(_("Rest is not rated. We hope it helped."))
    if item.declined:
        raise CompanionError(_("You said no to this one, so there is nothing to rate."))
    if item.starts > now.replace(tzinfo=None):
        raise CompanionError(_("You can say how it felt once it has happened."))
    store.execute(
        "INSERT INTO planner_reflections(item_id, asked, feeling, at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT(item_id, asked) DO UPDATE SET feeling = excluded.feeling, at = excluded.at",
        (item_id, asked, feeling, now.isoformat(timespec="seconds")),
    )


def to_ask(store: Store, now: datetime) -> list[Question]:
    """What to ask now: how each commitment of the last week felt once it is over, and for
    heavy ones again the next day. Nothing while the planner is paused."""
    if paused_until(store, now) is not None:
        return []
    wall_now = now.replace(tzinfo=None)
    first = today(now) - timedelta(days=ASK_WITHIN_DAYS)
    answered = {
        (int(r[0]), r[1])
        for r in store.query(
            "SELECT r.item_id, r.asked FROM planner_reflections r JOIN planner_items i"
            " ON i.id = r.item_id WHERE i.starts >= ?",
            (first.isoformat(),),
        )
    }
    found = []
    for item in items_between(store, first, today(now) + timedelta(days=1)):
        if item.is_rest or item.declined or item.ends > wall_now:
            continue
        if (item.id, "then") not in answered:
            found.append(
                Question(
                    item,
                    "then",
                    _("How did “{title}” feel?").format(title=item.title),
                )
            )
        if item.heavy and item.starts.date() < today(now) and (item.id, "next_day") not in answered:
            found.append(
                Question(
                    item,
                    "next_day",
                    _("A day later: how do you feel after “{title}”?").format(title=item.title),
                )
            )
    return found


_LEARNED_BY_KIND: dict[tuple[str, str], str] = {
    ("visit", "gave_energy"): N_("Visits usually leave you with more energy."),
    ("visit", "all_right"): N_("Visits usually feel all right to you."),
    ("visit", "draining"): N_(
        "Visits usually tire you, so a little more energy is set aside for them."
    ),
    ("group", "gave_energy"): N_("Groups usually leave you with more energy."),
    ("group", "all_right"): N_("Groups usually feel all right to you."),
    ("group", "draining"): N_(
        "Groups usually tire you, so a little more energy is set aside for them."
    ),
    ("call", "gave_energy"): N_("Calls usually leave you with more energy."),
    ("call", "all_right"): N_("Calls usually feel all right to you."),
    ("call", "draining"): N_(
        "Calls usually tire you, so a little more energy is set aside for them."
    ),
    ("appointment", "gave_energy"): N_("Appointments usually leave you with more energy."),
    ("appointment", "all_right"): N_("Appointments usually feel all right to you."),
    ("appointment", "draining"): N_(
        "Appointments usually tire you, so a little more energy is set aside for them."
    ),
    ("hosting", "gave_energy"): N_("Having people over usually leaves you with more energy."),
    ("hosting", "all_right"): N_("Having people over usually feels all right to you."),
    ("hosting", "draining"): N_(
        "Having people over usually tires you, so a little more energy is set aside for it."
    ),
    ("other", "gave_energy"): N_("Things like this usually leave you with more energy."),
    ("other", "all_right"): N_("Things like this usually feel all right to you."),
    ("other", "draining"): N_(
        "Things like this usually tire you, so a little more energy is set aside for them."
    ),
}


def _person_name(store: Store, person_id: int) -> str:
    row = store.query_one("SELECT name FROM people WHERE id = ?", (person_id,))
    return str(row[0]) if row else ""


def _outcome(scores: list[int]) -> str:
    mean = sum(scores) / len(scores)
    if mean >= 0.5:
        return "draining"
    if mean <= -0.5:
        return "gave_energy"
    return "all_right"


def learned_cost(
    store: Store, kind: str, person_id: int | None = None, usual: int | None = None
) -> Learned | None:
    """What the person's own answers say, once there are at least three: for this person
    if they have three, else for this kind of commitment. None until then."""
    usual = BASE_COST.get(kind, 2) if usual is None else usual
    candidates: list[tuple[str, Any]] = []
    if person_id is not None:
        candidates.append(("i.person_id = ?", person_id))
    candidates.append(("i.kind = ?", kind))
    for where, value in candidates:
        rows = store.query(
            "SELECT r.feeling FROM planner_reflections r JOIN planner_items i ON i.id = r.item_id"
            f" WHERE i.deleted_at IS NULL AND {where}",
            (value,),
        )
        if len(rows) < LEARN_AFTER:
            continue
        outcome = _outcome([_FEELING_SCORE[r[0]] for r in rows])
        cost = usual + _FEELING_SCORE[outcome]
        cost = max(1 if outcome != "gave_energy" else 0, min(MAX_COST, cost))
        if where.startswith("i.person_id"):
            name = _person_name(store, int(value))
            text = {
                "gave_energy": _("Time with {name} usually leaves you with more energy."),
                "all_right": _("Time with {name} usually feels all right to you."),
                "draining": _(
                    "Time with {name} usually tires you, so a little more energy is set aside for it."
                ),
            }[outcome].format(name=name)
            return Learned(cost, outcome, len(rows), text, person_id=int(value))
        return Learned(cost, outcome, len(rows), _(_LEARNED_BY_KIND[(kind, outcome)]), kind=kind)
    return None


# --- nudges: isolation, burnout, a small rise, a quiet day ----------------------------------


def _contact_in_last_week(store: Store, now: datetime) -> bool:
    since = now - timedelta(days=7)
    # One contact is enough. The time index narrows to the last eight days (written with
    # their own UTC offsets, so the text bounds are a day wider than the week); SQLite's
    # julianday() compares the instants themselves, and the search stops at the first one.
    found = store.query_one(
        "SELECT EXISTS (SELECT 1 FROM contacts c JOIN people p ON p.id = c.person_id"
        " WHERE c.at >= ? AND c.at < ? AND p.deleted_at IS NULL"
        " AND julianday(c.at) BETWEEN julianday(?) AND julianday(?))",
        (
            (today(now) - timedelta(days=8)).isoformat(),
            (today(now) + timedelta(days=2)).isoformat(),
            since.isoformat(),
            now.isoformat(),
        ),
    )
    if found and found[0]:
        return True
    wall_now = now.replace(tzinfo=None)
    return any(
        i.counts and not i.is_rest and i.starts <= wall_now
        for i in items_between(
            store, today(now) - timedelta(days=7), today(now) + timedelta(days=1)
        )
        if i.starts >= wall_now - timedelta(days=7)
    )


def _planner_in_use_since(store: Store) -> date | None:
    """The day of the first thing ever planned (removed ones too): weeks before it are not
    "unused", the planner simply was not there yet."""
    row = store.query_one("SELECT min(starts) FROM planner_items")
    return datetime.fromisoformat(row[0]).date() if row and row[0] else None


def _known_for_a_week(store: Store, now: datetime) -> bool:
    week_ago = today(now) - timedelta(days=7)
    # Anyone added on or before that day (the text starts with the day it was added on, in
    # its own offset, as .date() reads it): the first one found is enough.
    person = store.query_one(
        "SELECT EXISTS (SELECT 1 FROM people WHERE created < ?)",
        ((week_ago + timedelta(days=1)).isoformat(),),
    )[0]
    planned = _planner_in_use_since(store)
    return bool(person) or (planned is not None and planned <= week_ago)


def isolation_nudge(store: Store, now: datetime, week_start: int = 0) -> Nudge | None:
    """A week with no contact at all, or the budget mostly unused for three weeks: a gentle
    nudge with the cheapest way to connect, someone from People who is due."""
    if paused_until(store, now) is not None:
        return None
    if not _known_for_a_week(store, now):
        return None  # just set up: no week to call quiet yet
    quiet_week = not _contact_in_last_week(store, now)
    weeks = _past_weeks(store, now, week_start, QUIET_WEEKS)
    since = _planner_in_use_since(store)
    unused = (
        since is not None and since <= weeks[0].start and all(w.total * 4 < w.budget for w in weeks)
    )
    if not (quiet_week or unused):
        return None
    from companion import contacts

    due = contacts.due_overview(store, today(now))
    person = next(iter([i.person for i in due.reach_now(1)] + due.never), None)
    text = (
        _("It has been a quiet week. Being in touch, even briefly, can lift the day.")
        if quiet_week
        else _("You have had energy to spare for a few weeks. Being in touch can lift the day.")
    )
    if person is not None:
        way = _("A short call or a card to {name} could be a gentle start.").format(
            name=person.name
        )
    else:
        way = _("A short call or a card to someone you like could be a gentle start.")
    return Nudge(
        "isolation",
        text,
        (Suggestion("connect", way),),
        person_id=person.id if person is not None else None,
    )


def burnout_note(store: Store, now: datetime, week_start: int = 0) -> Nudge | None:
    """Several weeks over budget, or rest dropped again and again: a kind note, never a score."""
    if paused_until(store, now) is not None:
        return None
    weeks = _past_weeks(store, now, week_start, 4)
    over = sum(1 for w in weeks if w.over)
    start = weeks[0].start
    dropped = int(
        store.query_one(
            "SELECT count(*) FROM planner_items WHERE kind = 'rest' AND starts >= ?"
            " AND (status = 'declined' OR deleted_at IS NOT NULL)",
            (start.isoformat(),),
        )[0]
    )
    if over < OVER_WEEKS and dropped < DROPPED_RESTS:
        return None
    text = (
        _("Your weeks have been fuller than you planned for a while. You deserve some rest.")
        if over >= OVER_WEEKS
        else _("Rest has often been dropped lately. Your rest matters as much as your plans.")
    )
    return Nudge(
        "burnout",
        text,
        (
            Suggestion("rest", _("Put one rest block in each day of the coming week.")),
            Suggestion("decline", _("Pick one thing to say no to, or to make smaller.")),
            Suggestion(
                "get_help",
                _("If you feel worn out most days, talking to someone can help. See Get help."),
            ),
        ),
        get_help=True,
    )


def rise_offer(store: Store, now: datetime, week_start: int = 0) -> RiseOffer | None:
    """After four steady weeks (at least half the budget used but never more, nothing
    draining) a small rise is offered. The budget itself never changes until the person accepts."""
    if paused_until(store, now) is not None:
        return None
    weeks = _past_weeks(store, now, week_start, STEADY_WEEKS)
    since = _setting(store, "energy_budget_since")
    if since and weeks[0].start < date.fromisoformat(since):
        return None
    if _planner_in_use_since(store) is None:
        return None
    if not all(w.budget <= 2 * w.total and w.total <= w.budget for w in weeks):
        return None  # steady: most of the budget used each week, never more
    draining = store.query_one(
        "SELECT count(*) FROM planner_reflections r JOIN planner_items i ON i.id = r.item_id"
        " WHERE r.feeling = 'draining' AND i.starts >= ? AND i.starts < ?",
        (weeks[0].start.isoformat(), weeks[-1].end.isoformat()),
    )[0]
    if draining:
        return None
    current = budget(store)
    if current >= 50:
        return None
    return RiseOffer(
        current,
        current + 1,
        _(
            "Your last few weeks have been steady. If you feel ready, you could plan "
            "with {proposed} instead of {budget}. It is up to you."
        ).format(proposed=i18n.format_number(current + 1), budget=i18n.format_number(current)),
    )


def accept_rise(store: Store, now: datetime, week_start: int = 0) -> int:
    offer = rise_offer(store, now, week_start)
    if offer is None:
        raise CompanionError(_("There is no change to your energy to accept right now."))
    return set_budget(store, now, offer.proposed, week_start)


def dismiss_rise(store: Store, now: datetime, week_start: int = 0) -> None:
    """Not now: the budget stays, and the offer waits for another few steady weeks."""
    _set_setting(store, "energy_budget_since", week_start_of(today(now), week_start).isoformat())


def quiet_day_nudge(store: Store, now: datetime, week_start: int = 0) -> Nudge | None:
    """After a full day, the next one kept quiet: tiredness often comes a day later."""
    if paused_until(store, now) is not None:
        return None
    day = today(now)
    items = items_between(store, day - timedelta(days=1), day + timedelta(days=2))
    limit = day_limit(budget(store))

    def spent(on: date) -> int:
        return sum(i.cost for i in items if i.counts and not i.is_rest and i.starts.date() == on)

    if spent(day - timedelta(days=1)) >= limit:
        return Nudge(
            "quiet_day",
            _("Yesterday was a full day. Tiredness often comes a day later: go gently today."),
            (Suggestion("rest", _("Add a rest block today."), day=day),),
        )
    if spent(day) >= limit and spent(day + timedelta(days=1)) > 0:
        tomorrow = day + timedelta(days=1)
        return Nudge(
            "quiet_day",
            _("Today is a full day. Could tomorrow be kept quiet?"),
            (
                Suggestion(
                    "move", _("Move something from tomorrow to a lighter day."), day=tomorrow
                ),
                Suggestion("rest", _("Add a rest block tomorrow."), day=tomorrow),
            ),
        )
    return None


def nudges(store: Store, now: datetime, week_start: int = 0) -> list[Nudge]:
    """Everything the page may gently mention now; nothing at all during a pause."""
    if paused_until(store, now) is not None:
        return []
    found: list[Nudge | None] = [
        burnout_note(store, now, week_start),
        quiet_day_nudge(store, now, week_start),
        isolation_nudge(store, now, week_start),
    ]
    offer = rise_offer(store, now, week_start)
    if offer is not None:
        found.append(Nudge("rise", offer.text))
    return [n for n in found if n is not None]


# --- for the counsellor's printed plan ----------------------------------------------------


def plan_data(store: Store, now: datetime) -> PlanData:
    week_budget = budget(store)
    boundaries = list_boundaries(store)
    return PlanData(
        budget=week_budget,
        budget_text=describe_budget(week_budget),
        boundaries=boundaries,
        boundary_texts=[describe_boundary(b) for b in boundaries],
        chosen_scripts=planner_scripts.chosen(store),
        paused_until=paused_until(store, now),
    )
