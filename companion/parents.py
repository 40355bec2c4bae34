"""The parent view: children, the weekly check, the PSC-17, the trend and the summary.

Everything here works on the parent data's own store (``ParentSession.store``
from ``companion.parents_lock``), never on the main database, so locking the
parent view really closes it. The words shown come from
``companion.parents_content``.

Signposting, never diagnosis: a sign that lasts or grows is highlighted with
a plain sentence, and a PSC-17 score over a cut-off says "worth talking to
your child's doctor". Talk of self-harm or suicide is its own answer that the
UI routes straight to Get help; it never enters a trend.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from companion import i18n
from companion.errors import CompanionError
from companion.i18n import N_, _, ngettext
from companion.parents_content import (
    LEVELS,
    PscScore,
    content,
    level_label,
    mentions_self_harm,
    psc17_for_doctor,
    psc_form,
    score_psc17,
)
from companion.store import Store

AGE_BANDS: dict[str, str] = {
    "under_12": N_("Under 12"),
    "12_15": N_("12 to 15"),
    "16_18": N_("16 to 18"),
}
NAME_LIMIT = 80
NOTE_LIMIT = 2000
TREND_WEEKS = 8
PERSISTS_FROM_WEEKS = 2
PSC_EVERY_DAYS = 30


def week_of(day: date) -> date:
    """The Monday that starts the week ``day`` is in: a check belongs to a week."""
    return day - timedelta(days=day.weekday())


# --- children -------------------------------------------------------------------


@dataclass(frozen=True)
class Child:
    id: int
    name: str
    age_band: str

    @property
    def age_band_label(self) -> str:
        return _(AGE_BANDS[self.age_band])


def _clean_child(name: str, age_band: str) -> tuple[str, str]:
    name = " ".join((name or "").split())
    if not name:
        raise CompanionError(_("Please give a name or a nickname."))
    if len(name) > NAME_LIMIT:
        raise CompanionError(
            _("Please keep the name to {limit} letters or fewer.").format(limit=NAME_LIMIT)
        )
    if age_band not in AGE_BANDS:
        raise CompanionError(_("Please choose an age: under 12, 12 to 15, or 16 to 18."))
    return name, age_band


def children(store: Store) -> list[Child]:
    rows = store.query("SELECT id, name, age_band FROM children ORDER BY name COLLATE NOCASE, id")
    return [Child(int(r[0]), str(r[1]), str(r[2])) for r in rows]


def get_child(store: Store, child_id: int) -> Child:
    row = store.query_one("SELECT id, name, age_band FROM children WHERE id = ?", (child_id,))
    if row is None:
        raise CompanionError(_("That child is no longer in the list."))
    return Child(int(row[0]), str(row[1]), str(row[2]))


def add_child(store: Store, now: datetime, name: str, age_band: str) -> Child:
    name, age_band = _clean_child(name, age_band)
    stamp = now.isoformat(timespec="seconds")
    with store.transaction():
        cursor = store.execute(
            "INSERT INTO children(name, age_band, created_at, updated_at) VALUES(?, ?, ?, ?)",
            (name, age_band, stamp, stamp),
        )
    return get_child(store, int(cursor.lastrowid))


def change_child(store: Store, now: datetime, child_id: int, name: str, age_band: str) -> Child:
    name, age_band = _clean_child(name, age_band)
    get_child(store, child_id)
    with store.transaction():
        store.execute(
            "UPDATE children SET name = ?, age_band = ?, updated_at = ? WHERE id = ?",
            (name, age_band, now.isoformat(timespec="seconds"), child_id),
        )
    return get_child(store, child_id)


def remove_child(store: Store, child_id: int) -> None:
    """Remove a child and every check kept for them (the UI asks first)."""
    get_child(store, child_id)
    with store.transaction():
        store.execute("DELETE FROM children WHERE id = ?", (child_id,))


# --- the weekly check -------------------------------------------------------------


@dataclass(frozen=True)
class SignAnswer:
    sign_id: str
    level: int  # 0 not seen, 1 a little, 2 a lot
    note: str = ""


@dataclass(frozen=True)
class WeeklyCheck:
    id: int
    child_id: int
    week: date  # the Monday of the week
    signs: dict[str, SignAnswer]
    positive: frozenset[str]
    good_moments: str
    strengths: str
    tried: str
    self_harm_talk: bool  # never part of a trend
    saved_at: datetime

    def level(self, sign_id: str) -> int:
        answer = self.signs.get(sign_id)
        return answer.level if answer else 0


@dataclass(frozen=True)
class CheckSaved:
    check: WeeklyCheck
    get_help_now: bool  # the UI goes straight to Get help


def _note(text: str | None) -> str:
    text = (text or "").strip()
    if len(text) > NOTE_LIMIT:
        raise CompanionError(
            _("Please keep each note to {limit} characters or fewer.").format(limit=NOTE_LIMIT)
        )
    return text


def save_check(
    store: Store,
    now: datetime,
    child_id: int,
    signs: Iterable[SignAnswer],
    *,
    positive: Iterable[str] = (),
    good_moments: str = "",
    strengths: str = "",
    tried: str = "",
    self_harm_talk: bool = False,
    week: date | None = None,
) -> CheckSaved:
    """Save (or replace) this week's check for a child.

    ``get_help_now`` is set when the parent answered that the child talked
    about self-harm or suicide, or a note speaks of it: the UI then shows Get
    help with the emergency number and the lines for children and parents.
    """
    get_child(store, child_id)
    known = set(content().sign_ids)
    answers: dict[str, SignAnswer] = {}
    for answer in signs:
        if answer.sign_id not in known:
            raise CompanionError(_("One of the signs is not on the checklist. Please try again."))
        if answer.level not in LEVELS:
            raise CompanionError(_("Please choose not seen, a little or a lot for each sign."))
        answers[answer.sign_id] = SignAnswer(answer.sign_id, answer.level, _note(answer.note))
    chosen = set(positive)
    if chosen - set(content().positive_ids):
        raise CompanionError(
            _("One of the things you ticked is not on the list. Please try again.")
        )
    texts = [_note(good_moments), _note(strengths), _note(tried)]
    the_week = week_of(week or now.date())
    stamp = now.isoformat(timespec="seconds")
    with store.transaction():
        store.execute(
            "DELETE FROM weekly_checks WHERE child_id = ? AND week = ?",
            (child_id, the_week.isoformat()),
        )
        cursor = store.execute(
            "INSERT INTO weekly_checks(child_id, week, good_moments, strengths, tried,"
            " self_harm_talk, saved_at) VALUES(?, ?, ?, ?, ?, ?, ?)",
            (child_id, the_week.isoformat(), *texts, int(bool(self_harm_talk)), stamp),
        )
        check_id = int(cursor.lastrowid)
        for answer in answers.values():
            store.execute(
                "INSERT INTO check_signs(check_id, sign_id, level, note) VALUES(?, ?, ?, ?)",
                (check_id, answer.sign_id, answer.level, answer.note),
            )
        for action_id in sorted(chosen):
            store.execute(
                "INSERT INTO check_positive(check_id, action_id) VALUES(?, ?)",
                (check_id, action_id),
            )
    check = _load_checks(store, "id = ?", (check_id,))[0]
    notes = [a.note for a in answers.values()] + texts
    help_now = bool(self_harm_talk) or any(mentions_self_harm(text) for text in notes)
    return CheckSaved(check, help_now)


def _load_checks(store: Store, where: str, params: tuple[object, ...]) -> list[WeeklyCheck]:
    rows = store.query(
        "SELECT id, child_id, week, good_moments, strengths, tried, self_harm_talk, saved_at"
        f" FROM weekly_checks WHERE {where} ORDER BY week",
        params,
    )
    found = []
    for row in rows:
        check_id = int(row[0])
        signs = {
            str(s[0]): SignAnswer(str(s[0]), int(s[1]), str(s[2]))
            for s in store.query(
                "SELECT sign_id, level, note FROM check_signs WHERE check_id = ?", (check_id,)
            )
        }
        positive = frozenset(
            str(p[0])
            for p in store.query(
                "SELECT action_id FROM check_positive WHERE check_id = ?", (check_id,)
            )
        )
        found.append(
            WeeklyCheck(
                id=check_id,
                child_id=int(row[1]),
                week=date.fromisoformat(str(row[2])),
                signs=signs,
                positive=positive,
                good_moments=str(row[3]),
                strengths=str(row[4]),
                tried=str(row[5]),
                self_harm_talk=bool(row[6]),
                saved_at=datetime.fromisoformat(str(row[7])),
            )
        )
    return found


def checks(
    store: Store, child_id: int, since: date | None = None, until: date | None = None
) -> list[WeeklyCheck]:
    """A child's checks, oldest first, optionally only the weeks from ``since`` to ``until``."""
    first = week_of(since).isoformat() if since else "0000-01-01"
    last = week_of(until).isoformat() if until else "9999-12-31"
    return _load_checks(store, "child_id = ? AND week BETWEEN ? AND ?", (child_id, first, last))


def check_for_week(store: Store, child_id: int, day: date) -> WeeklyCheck | None:
    found = checks(store, child_id, day, day)
    return found[0] if found else None


def delete_check(store: Store, check_id: int) -> None:
    with store.transaction():
        store.execute("DELETE FROM weekly_checks WHERE id = ?", (check_id,))


# --- PSC-17 -------------------------------------------------------------------------


@dataclass(frozen=True)
class PscRecord:
    id: int
    child_id: int
    taken_at: datetime
    answers: dict[str, int | None]
    score: PscScore


def record_psc17(
    store: Store, now: datetime, child_id: int, answers: Mapping[str, int | None]
) -> PscRecord:
    """Keep a filled-in PSC-17 (answers by item id). An invalid form is kept but not scored."""
    get_child(store, child_id)
    score = score_psc17(answers)
    kept = {item_id: answers.get(item_id) for item_id in psc_form().item_ids}
    with store.transaction():
        cursor = store.execute(
            "INSERT INTO psc17(child_id, taken_at, answers) VALUES(?, ?, ?)",
            (child_id, now.isoformat(timespec="seconds"), json.dumps(kept, sort_keys=True)),
        )
    return PscRecord(int(cursor.lastrowid), child_id, now, kept, score)


def delete_psc17(store: Store, record_id: int) -> None:
    """Take a kept checklist back (the undo of saving it)."""
    with store.transaction():
        store.execute("DELETE FROM psc17 WHERE id = ?", (record_id,))


def psc17_results(store: Store, child_id: int, since: datetime | None = None) -> list[PscRecord]:
    rows = store.query(
        "SELECT id, child_id, taken_at, answers FROM psc17 WHERE child_id = ? ORDER BY taken_at",
        (child_id,),
    )
    found = []
    for row in rows:
        taken = datetime.fromisoformat(str(row[2]))
        if since is not None and taken < since:
            continue
        answers = {str(k): (None if v is None else int(v)) for k, v in json.loads(row[3]).items()}
        found.append(PscRecord(int(row[0]), int(row[1]), taken, answers, score_psc17(answers)))
    return found


def psc17_due(store: Store, child_id: int, now: datetime) -> bool:
    """Whether to offer the monthly checklist (it is always optional)."""
    done = psc17_results(store, child_id)
    return not done or now - done[-1].taken_at >= timedelta(days=PSC_EVERY_DAYS)


# --- trend --------------------------------------------------------------------------


@dataclass(frozen=True)
class Highlight:
    """A sign that lasted two weeks or more, or grew, with one plain sentence."""

    sign_id: str
    persists_weeks: int  # weeks in a row it was noticed, up to the latest check
    since: date  # the first of those weeks
    grew: bool
    level: int
    previous: int | None
    sentence: str


@dataclass(frozen=True)
class Trend:
    """Plain data for the chart: weeks × signs × level (None where no check was kept)."""

    child_id: int
    weeks: tuple[date, ...]
    signs: tuple[str, ...]
    levels: dict[str, tuple[int | None, ...]]
    highlights: tuple[Highlight, ...]

    @property
    def summary(self) -> str:
        if not any(level for row in self.levels.values() for level in row if level):
            if any(level is not None for row in self.levels.values() for level in row):
                return _("No warning signs noted in these weeks.")
            return _("No weekly checks in these weeks yet.")
        if not self.highlights:
            return _("Nothing has lasted two weeks in a row or grown in these weeks.")
        return " ".join(h.sentence for h in self.highlights)


def _sentence(
    sign_id: str, run: int, since: date, grew: bool, level: int, previous: int | None
) -> str:
    title = _(content().sign(sign_id).title)
    when = i18n.format_day(since, weekday=False)
    if run >= PERSISTS_FROM_WEEKS and grew:
        return ngettext(
            "{sign}: noticed {weeks} week in a row, since the week of {date}, and more than "
            "the week before.",
            "{sign}: noticed {weeks} weeks in a row, since the week of {date}, and more than "
            "the week before.",
            run,
        ).format(sign=title, weeks=run, date=when)
    if run >= PERSISTS_FROM_WEEKS:
        return ngettext(
            "{sign}: noticed {weeks} week in a row, since the week of {date}.",
            "{sign}: noticed {weeks} weeks in a row, since the week of {date}.",
            run,
        ).format(sign=title, weeks=run, date=when)
    return _("{sign}: more than the last time you looked ({now} now, {before} before).").format(
        sign=title,
        now=level_label(level).lower(),
        before=level_label(previous or 0).lower(),
    )


def trend_rules(
    weeks: tuple[date, ...], levels: Mapping[str, tuple[int | None, ...]]
) -> list[Highlight]:
    """Highlight signs seen two weeks or more in a row up to the latest check, or growing.

    A week with no check breaks a run. "Grows" compares the latest check with
    the one before it: a rise to "a lot", or from "a little" to "a lot". A
    first "a little" is not highlighted on its own.
    """
    checked = [
        i for i, _w in enumerate(weeks) if any(row[i] is not None for row in levels.values())
    ]
    if not checked:
        return []
    last = checked[-1]
    before = checked[-2] if len(checked) > 1 else None
    found = []
    for sign_id, row in levels.items():
        level = row[last] or 0
        if level == 0:
            continue
        run, i = 0, last
        while i >= 0 and (row[i] or 0) > 0:
            run += 1
            i -= 1
        since = weeks[last - run + 1]
        previous = None if before is None else (row[before] or 0)
        grew = previous is not None and level > previous and level == 2
        if run >= PERSISTS_FROM_WEEKS or grew:
            found.append(
                Highlight(
                    sign_id,
                    run,
                    since,
                    grew,
                    level,
                    previous,
                    _sentence(sign_id, run, since, grew, level, previous),
                )
            )
    order = {sign_id: i for i, sign_id in enumerate(content().sign_ids)}
    found.sort(key=lambda h: (-h.persists_weeks, not h.grew, order.get(h.sign_id, 99)))
    return found


def trend(
    store: Store, child_id: int, today: date, weeks: int = TREND_WEEKS, since: date | None = None
) -> Trend:
    """The last ``weeks`` weeks up to ``today`` (or from ``since``), oldest first."""
    last = week_of(today)
    first = week_of(since) if since else last - timedelta(weeks=weeks - 1)
    count = (last - first).days // 7 + 1
    week_list = tuple(first + timedelta(weeks=i) for i in range(max(count, 1)))
    by_week = {c.week: c for c in checks(store, child_id, first, last)}
    sign_ids = content().sign_ids
    levels = {
        sign_id: tuple((by_week[w].level(sign_id) if w in by_week else None) for w in week_list)
        for sign_id in sign_ids
    }
    return Trend(child_id, week_list, sign_ids, levels, tuple(trend_rules(week_list, levels)))


# --- the summary for an appointment ----------------------------------------------------


@dataclass(frozen=True)
class ObservedSign:
    """What the parent saw: the sign, in which weeks, how much, and their notes."""

    sign_id: str
    title: str
    first_seen: date
    weeks_seen: int
    latest_level: str
    notes: tuple[tuple[date, str], ...]


@dataclass(frozen=True)
class Summary:
    """One page for a ten-minute appointment, as plain data (the UI draws the PDF).

    ``observations`` are what the parent recorded; ``interpretations`` are what
    the app's rules and the PSC-17 make of them. The two are kept apart.
    """

    child_name: str
    age_band: str
    first_week: date
    last_week: date
    weeks_with_checks: int
    observations: tuple[ObservedSign, ...]
    good_moments: tuple[tuple[date, str], ...]
    tried: tuple[str, ...]
    self_harm_weeks: tuple[date, ...]
    psc17: tuple[tuple[datetime, str], ...]
    interpretations: tuple[str, ...]
    questions: tuple[str, ...]
    notice: str = field(
        default_factory=lambda: _(
            "Written by a parent or carer with Companion. Observations, not a diagnosis."
        )
    )


def summary(store: Store, child_id: int, first: date, last: date) -> Summary:
    """The summary for the weeks the parent chose, from ``first`` to ``last``."""
    if last < first:
        raise CompanionError(_("The first week must come before the last week."))
    child = get_child(store, child_id)
    kept = checks(store, child_id, first, last)
    the_trend = trend(store, child_id, last, since=first)
    observations = []
    for sign in content().signs:
        seen = [c for c in kept if c.level(sign.id) > 0]
        if not seen:
            continue
        observations.append(
            ObservedSign(
                sign_id=sign.id,
                title=_(sign.title),
                first_seen=seen[0].week,
                weeks_seen=len(seen),
                latest_level=level_label(seen[-1].level(sign.id)),
                notes=tuple((c.week, c.signs[sign.id].note) for c in seen if c.signs[sign.id].note),
            )
        )
    observations.sort(key=lambda o: (o.first_seen, -o.weeks_seen))
    good = tuple((c.week, text) for c in kept for text in (c.good_moments, c.strengths) if text)
    positive_titles = {a.id: _(a.title) for a in content().positive_actions}
    tried: list[str] = []
    for action_id in content().positive_ids:
        weeks_done = sum(1 for c in kept if action_id in c.positive)
        if weeks_done:
            tried.append(
                ngettext("{action} ({weeks} week)", "{action} ({weeks} weeks)", weeks_done).format(
                    action=positive_titles[action_id], weeks=weeks_done
                )
            )
    tried.extend(c.tried for c in kept if c.tried)
    start = datetime.combine(week_of(first), datetime.min.time())
    end = datetime.combine(week_of(last) + timedelta(days=7), datetime.min.time())
    psc = tuple(  # the parent's plain sentence, then the scores a doctor reads
        (r.taken_at, " ".join(filter(None, (r.score.describe(), psc17_for_doctor(r.score)))))
        for r in psc17_results(store, child_id)
        if start <= r.taken_at.replace(tzinfo=None) < end
    )
    interpretations = [h.sentence for h in the_trend.highlights]
    for record in psc17_results(store, child_id):
        if start <= record.taken_at.replace(tzinfo=None) < end and (
            record.score.worth_talking_to_doctor
        ):
            interpretations.append(
                _("The PSC-17 on {date} was at or over a cut-off: worth talking about.").format(
                    date=i18n.format_date(record.taken_at.date(), "long")
                )
            )
    if not interpretations:
        interpretations.append(_("Nothing has lasted two weeks in a row or grown in these weeks."))
    questions = [
        _("{sign}: what could be behind this, and what can we do at home?").format(
            sign=_(content().sign(h.sign_id).title)
        )
        for h in the_trend.highlights
    ] + [_(q) for q in content().questions]
    return Summary(
        child_name=child.name,
        age_band=child.age_band_label,
        first_week=week_of(first),
        last_week=week_of(last),
        weeks_with_checks=len(kept),
        observations=tuple(observations),
        good_moments=good,
        tried=tuple(tried),
        self_harm_weeks=tuple(c.week for c in kept if c.self_harm_talk),
        psc17=psc,
        interpretations=tuple(interpretations),
        questions=tuple(questions),
    )
