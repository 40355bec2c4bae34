"""Sample data for ``--demo``: a believable profile from every feature built so far.

Counsellors use it to show a client how the app works; screenshots use it
too. It only ever goes into a throwaway profile.

It tells one story, the same every time for the same day: Margaret, who lives
alone, has spent four months rebuilding connection with her counsellor Ruth's
help. Her self-checks ease from lonely towards better; she has tea with her sister Jo
(though a call is overdue), joined the Wednesday Singers that her friend Anne goes to, learnt
to rest after an overfull week, and looks after her grandson Sam (the parent
view). Her plan is due to be looked at again in three weeks.
"""

from __future__ import annotations

import random
import threading
from contextlib import suppress
from datetime import date, datetime, time, timedelta
from pathlib import Path

from companion import challenge, contacts, helplines, reminders, wellbeing
from companion.contacts import Person, Phone, Schedule
from companion.i18n import N_, _
from companion.profile import Unlocked
from companion.store import Store

# name, circle, every (count, unit) or None, days since last contact or None, birthday, why
# (the why in the demo's language, as a person would write it: N_ here, _() in fill)
PEOPLE: tuple[tuple[str, str, tuple[int, str] | None, int | None, str | None, str], ...] = (
    ("Jo Bennett", "family", (1, "weeks"), 23, "1962-03-14", N_("My sister. She makes me laugh.")),
    ("David Bennett", "family", (2, "weeks"), 4, None, N_("My son, in Leeds.")),
    ("Priya Shah", "family", (1, "weeks"), 2, "--12-01", N_("My granddaughter.")),
    ("Anne Kowalski", "friend", (2, "weeks"), 40, "1950-11-30", N_("We met at the choir in 1998.")),
    ("Tom Okoro", "friend", (1, "months"), 12, None, N_("Walks on Thursdays.")),
    ("Rosa Marín", "friend", (3, "weeks"), None, None, N_("New friend from the library club.")),
    (
        "Mr and Mrs Patel",
        "neighbour",
        (2, "weeks"),
        9,
        None,
        N_("Next door; they water my plants."),
    ),
    ("Eileen", "neighbour", (1, "weeks"), 15, None, N_("Across the road, lives alone too.")),
    ("Wednesday choir", "group", (1, "weeks"), 6, None, N_("Singing lifts me up.")),
    ("Garden club", "group", (2, "weeks"), 30, None, N_("Allotment volunteers.")),
    ("Pastor Grace", "professional", (1, "months"), 50, None, N_("Always has time to talk.")),
    ("Uncle Frank", "other", None, 120, "1940-12-02", N_("Old letters, once a year.")),
)
KINDS = ("call", "call", "visit", "message", "video", "letter", "group")


def fill(unlocked: Unlocked, now: datetime) -> None:
    settings = unlocked.settings
    store = unlocked.store
    today = now.date()
    chance = random.Random(7)  # the same demo every time
    with store.transaction():
        settings.set("user_name", "Margaret")
        settings.set("recovery_code_kept", True)
        helplines.add_professional(
            store,
            now,
            "gp",
            "Dr Amara Okafor",
            "01632 960 123",
            _("Surgery open 8 to 6 on weekdays"),
        )
        helplines.add_professional(store, now, "counsellor", "Ruth Adeyemi", "01632 960 456")
        # A few months of self-checks, easing from lonely towards better.
        for months_ago, answers in ((4, (3, 2, 3)), (3, (2, 2, 3)), (2, (2, 2, 2)), (1, (2, 1, 2))):
            wellbeing.record(store, now - timedelta(days=30 * months_ago), *answers)
        for name, circle, every, last, birthday, why in PEOPLE:
            added = now - timedelta(days=120)
            person = contacts.add_person(
                store,
                added,
                Person(
                    0,
                    name,
                    circle,
                    phones=(Phone(f"+44163296{chance.randint(1000, 9999)}", "mobile"),),
                    birthday=birthday,
                    why=_(why),
                    schedule=Schedule(*every) if every else None,
                ),
            )
            if last is None:
                continue
            # A few months of history, ending ``last`` days ago.
            moment = now - timedelta(days=last)
            for _visit in range(chance.randint(3, 9)):  # not ``_``: that is the translator
                contacts.log_contact(
                    store,
                    person.id,
                    moment.replace(hour=chance.randint(9, 19), minute=0, second=0, microsecond=0),
                    chance.choice(KINDS),
                    chance.choice((None, 3, 4, 4, 5)),
                )
                moment -= timedelta(days=chance.randint(5, 25))
        jo = contacts.people(store, search="Jo Bennett")[0]
        _reminders(store, now, jo.id)
        for kind, note in (
            ("gratitude", _("She drove me to the hospital in March.")),
            ("received", _("Helped me set up my new phone.")),
        ):
            contacts.add_note(store, jo.id, now, kind, note)
        _challenge(store, today, now)
        _planner(store, now, jo.id)
        _groups(unlocked, now)
        _plan(unlocked, now)
        store.execute(
            "INSERT INTO app_events(at, kind, detail) VALUES(?, 'demo', 'sample data')",
            (now.isoformat(timespec="seconds"),),
        )
    _parents(unlocked, now)
    _recovery_code(unlocked)


def _challenge(store: Store, today: date, now: datetime) -> None:
    ideas = [(kind, _(text)) for kind, text in challenge.IDEAS]
    picked = [ideas[0], ideas[3], ideas[6], ideas[1], ideas[4]]
    started = challenge.start(store, today - timedelta(days=2), picked)
    challenge.tick(store, started.id, 1, now - timedelta(days=2))
    challenge.tick(store, started.id, 2, now - timedelta(days=1))


def _reminders(store: Store, now: datetime, jo_id: int) -> None:
    today = now.date()
    sunday = today + timedelta(days=(6 - today.weekday()) % 7)
    wednesday = today + timedelta(days=(2 - today.weekday()) % 7)
    reminders.add(
        store,
        now,
        _("Call Jo"),
        datetime.combine(sunday, time(17, 0)),
        reminders.Repeat("weekly", weekdays=(6,)),
        person_id=jo_id,
    )
    reminders.add(
        store,
        now,
        _("Choir practice"),
        datetime.combine(wednesday, time(19, 0)),
        reminders.Repeat("weekly", weekdays=(2,)),
    )
    reminders.add(
        store,
        now,
        _("Write a birthday card for Anne"),
        datetime.combine(today + timedelta(days=3), time(10, 0)),
    )
    reminders.add(
        store,
        now,
        _("Coffee morning at the library"),
        datetime.combine(today.replace(day=1) + timedelta(days=1), time(10, 30)),
        reminders.Repeat("monthly_nth", nth=1),
    )


def _planner(store: Store, now: datetime, jo_id: int) -> None:
    """A few weeks of the energy planner: a steady one, an overfull one, a too quiet one,
    this week under way; visits with Jo that gave energy (so a learned cost shows), and
    the person's boundaries and chosen scripts."""
    from companion import planner, planner_scripts
    from companion.planner import Draft

    monday = now.date() - timedelta(days=now.date().weekday())
    choir = contacts.people(store, search="Wednesday choir")[0].id
    david = contacts.people(store, search="David Bennett")[0].id
    eileen = contacts.people(store, search="Eileen")[0].id

    def add(
        weeks: int,
        day: int,
        hour: int,
        kind: str,
        title: str,
        cost: int | str,
        minutes: int = 60,
        person: int | None = None,
        factors: tuple[str, ...] = (),
        felt: str | None = None,
        next_day: str | None = None,
    ) -> planner.Commitment:
        when = datetime.combine(monday + timedelta(weeks=weeks, days=day), time(hour, 0))
        item = planner.add(
            store, now, Draft(kind, title, when, minutes, cost, factors, person_id=person)
        )
        wall_now = now.replace(tzinfo=None)
        if felt and item.ends <= wall_now:
            planner.reflect(store, now, item.id, felt)
        if next_day and item.ends + timedelta(days=1) <= wall_now:
            planner.reflect(store, now, item.id, next_day, asked="next_day")
        return item

    # Four weeks ago and three weeks ago: steady.
    add(-4, 1, 14, "visit", _("Tea at Jo's"), "medium", 120, jo_id, felt="gave_energy")
    add(-4, 2, 19, "group", _("Choir practice"), "medium", 90, choir, felt="all_right")
    add(-3, 1, 14, "visit", _("Walk with Jo"), "medium", 90, jo_id, felt="gave_energy")
    add(-3, 2, 19, "group", _("Choir practice"), "medium", 90, choir, felt="all_right")
    add(-3, 4, 11, "call", _("Call Anne"), "light", 30)
    add(-3, 5, 15, "rest", _("Quiet afternoon with a book"), 1, 120)
    # Two weeks ago: overfull, and a rest block dropped.
    add(
        -2,
        0,
        12,
        "hosting",
        _("Family lunch at mine"),
        4,
        180,
        david,
        ("large_group", "hosting"),
        felt="draining",
        next_day="draining",
    )
    add(-2, 1, 14, "visit", _("Jo's for lunch"), "medium", 120, jo_id, felt="gave_energy")
    add(-2, 2, 19, "group", _("Choir practice"), "medium", 90, choir, felt="draining")
    add(-2, 3, 10, "appointment", _("Check-up at the surgery"), "medium", 60, factors=("travel",))
    dropped = add(-2, 4, 14, "rest", _("Rest"), 1, 60)
    planner.decline(store, dropped.id)
    add(
        -2,
        5,
        13,
        "group",
        _("Priya's birthday party"),
        4,
        240,
        None,
        ("large_group", "noise", "travel"),
        felt="draining",
        next_day="draining",
    )
    add(-2, 6, 17, "call", _("Call Jo"), "light", 30, jo_id, felt="all_right")
    # Last week: too quiet, one short call.
    add(-1, 3, 11, "call", _("Call David"), "light", 20, david, felt="all_right")
    # This week.
    add(0, 2, 19, "group", _("Choir practice"), "medium", 90, choir)
    add(0, 3, 14, "visit", _("Tea at Jo's"), 1, 120, jo_id)
    add(0, 4, 14, "rest", _("Quiet afternoon"), 2, 180)
    add(0, 5, 11, "visit", _("Coffee with Eileen"), "light", 60, eileen)
    declined = add(
        0, 5, 18, "group", _("Quiz night at the pub"), "heavy", 150, None, ("noise", "large_group")
    )
    planner.decline(store, declined.id)

    planner.add_boundary(store, now, "no_calls_after", 20 * 60)
    planner.add_boundary(store, now, "outings_per_day", 1)
    planner.add_boundary(store, now, "rest_day", 6)
    planner.add_boundary(store, now, "free_text", text=_("Mornings are slow: nothing before ten."))
    for key in (
        "builtin:invitation-smaller-1",
        "builtin:long_call-decline-1",
        "builtin:sales_scam-decline-2",
    ):
        planner_scripts.choose(store, now, key)


def _parents(unlocked: Unlocked, now: datetime) -> None:
    """The parent view: one child, four weekly checks, pulling away from friends persisting."""
    from companion import parents
    from companion.parents_content import psc_form
    from companion.parents_lock import ParentVault

    unlocked.settings.set("parent_view", True)
    session = ParentVault.of(unlocked).set_up(now)
    try:
        store = session.store
        sam = parents.add_child(store, now, "Sam", "12_15")
        weeks: tuple[tuple[dict[str, int], str, list[str]], ...] = (
            ({"withdrawing": 1, "sleep": 1}, _("Quiet after school."), ["trusted_adults"]),
            ({"withdrawing": 1}, _("Stayed in his room most evenings."), ["model_connections"]),
            ({"withdrawing": 2, "loss_of_friends": 1}, _("Didn't go to football."), []),
            (
                {"withdrawing": 2, "sleep": 1},
                _("Talked a little on the drive."),
                ["trusted_adults"],
            ),
        )
        for ago, (levels, note, ticked) in zip(range(3, -1, -1), weeks, strict=True):
            parents.save_check(
                store,
                now - timedelta(weeks=ago),
                sam.id,
                [parents.SignAnswer(sign, level, note) for sign, level in levels.items()],
                positive=ticked,
                good_moments=_("Made pancakes for everyone.") if ago == 1 else "",
                strengths=_("Kind to his little sister.") if ago == 0 else "",
                tried=_("Walks together on Sundays.") if ago <= 1 else "",
            )
        answers = dict.fromkeys(psc_form().item_ids, 0)
        answers.update(sad=1, less_fun=2, worries=1, daydreams=1)
        parents.record_psc17(store, now - timedelta(days=10), sam.id, answers)
    finally:
        session.lock()


def _groups(unlocked: Unlocked, now: datetime) -> None:
    """A small town's directory and a map extract of it, a home there, one group tried."""
    from companion import groups
    from companion.resources import asset

    store, settings = unlocked.store, unlocked.settings
    groups.set_home(settings, "Millbrook", 52.15190, -0.70090)
    groups.save_wishes(
        settings, groups.Wishes(("music", "reading", "conversation"), "short_walks", "small_fee")
    )
    groups.import_places_file(store, now, asset("demo", "millbrook-directory.csv"), language="en")
    groups.import_places_file(store, now, asset("demo", "millbrook.osm"), language="en")
    singers = next(p for p in groups.places(store, "Wednesday Singers"))
    groups.set_notes(store, now, singers.id, _("Anne goes. Ask her to save me a seat."))
    visit = groups.try_this(store, now - timedelta(days=8), place_id=singers.id)
    groups.reflect(
        store, visit.try_id, went=True, feeling=4, reflection=_("Warm welcome."), keep_going=True
    )


def _plan(unlocked: Unlocked, now: datetime) -> None:
    """The plan Margaret made with her counsellor, Ruth: looked at again in three weeks."""
    from companion import plan

    plan.set_review_date(unlocked.settings, now.date() + timedelta(weeks=3))
    plan.set_copies(unlocked.settings, _("Ruth Adeyemi, my counsellor; Jo, my sister"))


# The demo's recovery code: the same every time, plainly a sample, shown in Settings → Your
# data, so a counsellor can show the parent view's own password (which asks for it) end to end.
DEMO_RECOVERY_CODE = "12345-67890-ABCDE-FGHJK-MNPQR"
# Locking the key under the code takes most of a second (scrypt, as for every profile), so it
# runs beside the window's start; ``demo_recovery_code`` waits for it before showing the code.
_LOCKING: dict[Path, threading.Thread] = {}


def _recovery_code(unlocked: Unlocked) -> None:
    """Let the demo's recovery code open the demo. Only a throwaway demo profile gets it."""
    from companion.errors import CompanionError
    from companion.keys import wrap_key, write_atomically

    keys = unlocked.profile.keys
    keyfile = keys.read()
    if keyfile.mode != "session":
        return  # a real profile keeps its own code, whatever calls this
    data_key = unlocked.data_key

    def lock_under_code() -> None:
        keyfile.recovery = wrap_key(data_key, DEMO_RECOVERY_CODE, "recovery")
        with suppress(CompanionError, OSError):  # the demo was closed meanwhile
            write_atomically(keys.keyfile_path, keyfile.to_json())

    # Not a daemon: a command that ends at once ('--demo delete-all' is refused) waits for it,
    # since OpenSSL tidying up at exit under a running scrypt crashed the process (SIGSEGV).
    thread = threading.Thread(target=lock_under_code, name="demo-recovery-code", daemon=False)
    _LOCKING[keys.keyfile_path] = thread
    thread.start()


def demo_recovery_code(unlocked: Unlocked) -> str | None:
    """The recovery code to show in the demo (ready to use once shown); None elsewhere."""
    from companion.errors import CompanionError

    path = unlocked.profile.keys.keyfile_path
    locking = _LOCKING.pop(path, None)
    if locking is not None:
        locking.join()
    try:
        keyfile = unlocked.profile.keys.read()
    except CompanionError:
        return None
    if keyfile.mode != "session" or keyfile.recovery is None:
        return None
    return DEMO_RECOVERY_CODE
