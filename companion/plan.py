"""The connection plan a person takes to their counsellor, as plain data (no Qt).

A counsellor and a client set the plan up together in a session: the people to
reach and how often, a group to try, the weekly energy budget and boundaries,
the chosen ways to say no, who to call for help. The client brings the printed
plan, with how the month went, to the next session. ``ui/reports/plan.py``
draws it; ``companion export plan FILE`` prints it without opening a window.

Every section is always there, in the same order, so the two of them find things
in the same place each time: a section with nothing in it says so kindly, and
one the person marked "not for me" says that instead of its content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from companion import contacts, groups, helplines, i18n, planner, wellbeing
from companion.errors import CompanionError
from companion.i18n import N_, _
from companion.store import Store

REVIEW_SETTING = "plan_review_on"  # ISO date of the next review, or "" (four weeks on)
COPIES_SETTING = "plan_copies"  # who has a copy, as the person wrote it
NOT_FOR_ME_SETTING = "plan_not_for_me"  # section keys, comma-separated
DEFAULT_REVIEW_WEEKS = 4
PEOPLE_LISTED = 40  # on paper: those to reach most often; the plan says how many more

# Every section, in the order it is printed, with its title.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("people", N_("People to keep in touch with")),
    ("groups", N_("Groups to try")),
    ("energy", N_("Your energy for a week")),
    ("boundaries", N_("Your boundaries")),
    ("saying_no", N_("Ways to say no kindly")),
    ("professionals", N_("Your professionals")),
    ("helplines", N_("Help, any time")),
    ("feelings", N_("How you have been feeling")),
    ("this_month", N_("The last four weeks")),
    ("review", N_("Looking at this plan again")),
)
# Sections the person may leave out; help in a crisis is always printed.
OPTIONAL = frozenset(key for key, _title in SECTIONS) - {"helplines", "review"}


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    lines: list[str] = field(default_factory=list)
    note: str = ""  # one sentence before the lines, or the kind words when there are none
    not_for_me: bool = False

    @property
    def empty(self) -> bool:
        return not self.lines


@dataclass(frozen=True)
class Plan:
    title: str
    subtitle: str
    made_on: date
    sections: list[Section]

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    def text(self) -> str:
        """The whole plan as plain text, in reading order (what a PDF reader extracts)."""
        out = [self.title, self.subtitle]
        for part in self.sections:
            out.append(part.title)
            if part.note:
                out.append(part.note)
            out.extend(part.lines)
        return "\n".join(out)


# --- the person's choices about the plan ------------------------------------------------


def not_for_me(settings: Any) -> set[str]:
    raw = str(settings.get(NOT_FOR_ME_SETTING) or "")
    return {key for key in raw.split(",") if key in OPTIONAL}


def set_not_for_me(settings: Any, key: str, hidden: bool) -> set[str]:
    """Mark a section "not for me" (or take the mark off); the help section cannot be."""
    if key not in OPTIONAL:
        raise CompanionError(_("This part of the plan is always printed, so help is at hand."))
    chosen = not_for_me(settings)
    if hidden:
        chosen.add(key)
    else:
        chosen.discard(key)
    settings.set(NOT_FOR_ME_SETTING, ",".join(k for k, _t in SECTIONS if k in chosen))
    return chosen


def review_date(settings: Any, today: date) -> date:
    raw = str(settings.get(REVIEW_SETTING) or "")
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return today + timedelta(weeks=DEFAULT_REVIEW_WEEKS)


def set_review_date(settings: Any, day: date | None) -> None:
    settings.set(REVIEW_SETTING, day.isoformat() if day else "")


def set_copies(settings: Any, who: str) -> None:
    settings.set(COPIES_SETTING, " ".join(who.split()))


# --- building the sections ---------------------------------------------------------------


def cadence(schedule: contacts.Schedule) -> str:
    count = schedule.count
    if schedule.unit == "days":
        words = i18n.ngettext("every day", "every {count} days", count)
    elif schedule.unit == "weeks":
        words = i18n.ngettext("every week", "every {count} weeks", count)
    else:
        words = i18n.ngettext("every month", "every {count} months", count)
    return words.format(count=i18n.format_number(count))


def _people(store: Store) -> Section:
    """The people to reach, most often first, at most ``PEOPLE_LISTED`` of them.

    A plan is for talking over in a session: a list of thousands helps no one,
    so it lists those the person wants to be in touch with most often, and
    says how many more there are and how many have no "how often" set.
    """
    counted = store.query_one(
        "SELECT count(*), total(every_count IS NOT NULL AND every_unit IS NOT NULL)"
        " FROM people WHERE deleted_at IS NULL"
    )
    everyone, scheduled = (int(counted[0]), int(counted[1])) if counted else (0, 0)
    unscheduled = everyone - scheduled
    rows = store.query(
        "SELECT name, circle, every_count, every_unit FROM people"
        " WHERE deleted_at IS NULL AND every_count IS NOT NULL AND every_unit IS NOT NULL"
        " ORDER BY every_count * CASE every_unit WHEN 'days' THEN 1 WHEN 'weeks' THEN 7"
        " ELSE 30 END, sort_name, id LIMIT ?",
        (PEOPLE_LISTED,),
    )
    lines = [
        _("{name} ({circle}): {how_often}").format(
            name=str(name),
            circle=_(contacts.CIRCLES.get(str(circle), contacts.CIRCLES["other"])),
            how_often=cadence(contacts.Schedule(int(count), str(unit))),
        )
        for name, circle, count, unit in rows
    ]
    if not lines:
        note = _(
            "No one is on your list with how often to be in touch yet. Together you might "
            "choose one or two people to start with."
        )
    elif scheduled > len(lines):
        note = i18n.ngettext(
            "Here are the {shown} people you would like to be in touch with most often, out of "
            "{count} person you chose to reach. The others are on the People page in Companion.",
            "Here are the {shown} people you would like to be in touch with most often, out of "
            "{count} people you chose to reach. The others are on the People page in Companion.",
            scheduled,
        ).format(shown=i18n.format_number(len(lines)), count=i18n.format_number(scheduled))
    else:
        note = _("The people you chose to reach, and how often you would like to be in touch.")
    if lines and unscheduled:
        note += " " + i18n.ngettext(
            "{count} person on your list has no “how often” set, so is not listed here.",
            "{count} people on your list have no “how often” set, so they are not listed here.",
            unscheduled,
        ).format(count=i18n.format_number(unscheduled))
    return Section("people", "", lines, note)


def _groups(store: Store) -> Section:
    lines = []
    for tried in groups.tries(store):
        if tried.going:
            state = _("you go there now")
        elif tried.went is True:
            state = _("you went once")
        elif tried.went is False:
            state = _("you did not go this time")
        elif tried.planned_for is not None:
            state = _("planned for {day}").format(
                day=i18n.format_date(tried.planned_for.date(), "long")
            )
        else:
            state = _("you would like to try it")
        lines.append(_("{group}: {state}").format(group=tried.title, state=state))
    note = (
        ""
        if lines
        else _("No group chosen yet. One small group to try, near home, is a good start.")
    )
    return Section("groups", "", lines, note)


def _energy(data: planner.PlanData) -> Section:
    lines = []
    if data.paused_until is not None:
        lines.append(
            _("The planner's suggestions are paused until {day}.").format(
                day=i18n.format_date(data.paused_until, "long")
            )
        )
    return Section("energy", "", lines, data.budget_text)


def _boundaries(data: planner.PlanData) -> Section:
    lines = [text for text in data.boundary_texts if text]
    note = "" if lines else _("No boundaries written down yet. You can add your own at any time.")
    return Section("boundaries", "", lines, note)


def _saying_no(data: planner.PlanData) -> Section:
    lines = [script.shown() for script in data.chosen_scripts]
    note = (
        ""
        if lines
        else _("No ways of saying no chosen yet. The Energy page has kind words to choose from.")
    )
    return Section("saying_no", "", lines, note)


def _professionals(store: Store) -> Section:
    lines = []
    for person in helplines.professionals(store):
        role = _(helplines.ROLES.get(person.role, helplines.ROLES["other"]))
        # A name keeps its own direction and a number stays whole in either direction of page.
        name = i18n.in_own_direction(person.name)
        if person.phone:
            lines.append(
                _("{role}: {name}, {phone}").format(
                    role=role, name=name, phone=i18n.isolate(person.phone)
                )
            )
        else:
            lines.append(_("{role}: {name}").format(role=role, name=name))
    note = (
        ""
        if lines
        else _("No professionals written down yet, such as your doctor or a counsellor.")
    )
    return Section("professionals", "", lines, note)


def _helplines(country: str) -> Section:
    emergency, lines_for = helplines.load().for_country(country)
    lines = []
    if emergency is not None:
        lines.append(
            _("In an emergency, call {number}.").format(number=i18n.isolate(emergency.number)),
        )
    for line in lines_for[:4]:
        # In Arabic, "988 Suicide & Crisis Lifeline: 988" printed as "Suicide & Crisis
        # Lifeline: 988 988": the line's name keeps its own direction, the number stays whole.
        name = i18n.in_own_direction(i18n.numbers_unbroken(line.name))
        numbers = i18n.isolate(line.phone or line.sms_number or line.web or "")
        if line.always_open:
            lines.append(
                _("{name}: {number}, open day and night").format(name=name, number=numbers)
            )
        else:
            lines.append(_("{name}: {number}").format(name=name, number=numbers))
    note = (
        ""
        if lines
        else _(
            "Companion has no helplines for {country} yet. Your doctor or counsellor can tell "
            "you who to call."
        ).format(country=i18n.country_name(country))
    )
    return Section("helplines", "", lines, note)


def _feelings(store: Store) -> Section:
    checks = wellbeing.history(store)
    if not checks:
        return Section(
            "feelings",
            "",
            [],
            _("No check-ins yet. The short check on the Get help page takes a minute."),
        )
    lines = [
        _("{day}: {score} out of {highest}").format(
            day=i18n.format_date(check.taken_at.date(), "long"),
            score=i18n.format_number(check.total),
            highest=i18n.format_number(wellbeing.HIGHEST),
        )
        for check in checks[-6:]
    ]
    reading = wellbeing.reading(checks)
    note = _("Lower scores mean feeling less lonely.")
    if reading is not None:
        note = reading.summary + " " + note
    return Section("feelings", "", lines, note)


def _this_month(store: Store, now: datetime) -> Section:
    """The last four weeks, not the calendar month: on the 2nd a month would say nothing."""
    first = now.date() - timedelta(days=27)
    rows = store.query(
        "SELECT p.name, count(*) FROM contacts c JOIN people p ON p.id = c.person_id"
        " WHERE p.deleted_at IS NULL AND c.at >= ? AND c.at < ?"
        " GROUP BY p.id ORDER BY count(*) DESC, p.name COLLATE NOCASE",
        (first.isoformat(), (now.date() + timedelta(days=1)).isoformat()),
    )
    total = sum(int(row[1]) for row in rows)
    if not total:
        return Section(
            "this_month",
            "",
            [],
            _(
                "Nothing noted in the last four weeks. Every call, visit or letter you note "
                "shows here."
            ),
        )
    note = i18n.ngettext(
        "You were in touch {count} time in the last four weeks.",
        "You were in touch {count} times in the last four weeks.",
        total,
    ).format(count=i18n.format_number(total))
    lines = [
        i18n.ngettext("{name}: {count} time", "{name}: {count} times", int(count)).format(
            name=name, count=i18n.format_number(int(count))
        )
        for name, count in rows[:10]
    ]
    return Section("this_month", "", lines, note)


def _review(settings: Any, today: date) -> Section:
    lines = [
        _("Next review: {day}").format(day=i18n.format_date(review_date(settings, today), "full"))
    ]
    who = str(settings.get(COPIES_SETTING) or "").strip()
    lines.append(
        _("Who has a copy: {who}").format(who=who)
        if who
        else _("Who has a copy: you. Write here who else has one.")
    )
    return Section("review", "", lines)


def build_plan(store: Store, settings: Any, now: datetime) -> Plan:
    """The whole plan, in the person's language, as of ``now``."""
    today = now.date()
    data = planner.plan_data(store, now)
    made = {
        "people": _people(store),
        "groups": _groups(store),
        "energy": _energy(data),
        "boundaries": _boundaries(data),
        "saying_no": _saying_no(data),
        "professionals": _professionals(store),
        "helplines": _helplines(str(settings.get("country"))),
        "feelings": _feelings(store),
        "this_month": _this_month(store, now),
        "review": _review(settings, today),
    }
    hidden = not_for_me(settings)
    sections = []
    for key, title in SECTIONS:
        part = made[key]
        if key in hidden:
            part = Section(
                key, _(title), [], _("You chose to leave this out for now."), not_for_me=True
            )
        else:
            part = Section(key, _(title), part.lines, part.note)
        sections.append(part)
    name = str(settings.get("user_name") or "").strip()
    title = _("{name}'s connection plan").format(name=name) if name else _("My connection plan")
    subtitle = _("Made on {day}").format(day=i18n.format_date(today, "full"))
    return Plan(title, subtitle, today, sections)


__all__ = [
    "OPTIONAL",
    "SECTIONS",
    "Plan",
    "Section",
    "build_plan",
    "cadence",
    "not_for_me",
    "review_date",
    "set_copies",
    "set_not_for_me",
    "set_review_date",
]
