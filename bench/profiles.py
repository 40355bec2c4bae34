"""The profiles the benchmark opens: a small everyday one, and a large one.

    python -m bench.profiles small DIR
    python -m bench.profiles large DIR [--scale 1.0]

Both are keyring profiles (run under tools/with-test-keyring), as a person's
own would be. The large one is made through the core's own functions where a
person's actions would go through them (people, reminders, group places, the
planner, self-checks, a child's weekly checks); the 200,000 logged contacts go
in with one SQL statement each and the people's "last in touch" is brought up
to date once, as ``contacts.log_contact`` would leave it. Deterministic: the
same profile every run. Run as its own process so the benchmark's measuring
process stays small (see README: peak memory of a child).
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

# A fixed "now" for the large profile would make Today's due list depend on the date the
# bench runs; it is made relative to the real now, so Today shows a realistic picture.


def _now() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


def make_small(folder: Path) -> None:
    """An everyday profile: the demo's people, reminders and plans, kept in the keyring."""
    from companion import demo
    from companion.profile import Profile

    unlocked = Profile(folder).create("keyring")
    try:
        demo.fill(unlocked, _now())
        unlocked.settings.set("user_name", "Margaret")
        unlocked.settings.set("recovery_code_kept", True)
    finally:
        unlocked.close()


def make_large(folder: Path, scale: float = 1.0) -> dict[str, int]:
    """10,000 people, 200,000 contacts, 5,000 reminders, 20,000 places, two years of plans."""
    from companion import contacts, groups, planner, reminders, wellbeing
    from companion.contacts import Person, Phone, Schedule
    from companion.interchange.places import ParsedPlace, PlacesRead
    from companion.profile import Profile

    def n(full: int) -> int:
        return max(1, int(full * scale))

    counts = {
        "people": n(10_000),
        "contacts": n(200_000),
        "reminders": n(5_000),
        "places": n(20_000),
        "planner_days": 730,
        "self_checks": 104,
        "parent_weeks": 104,
    }
    chance = random.Random(16)
    now = _now()
    zone = now.tzinfo
    assert zone is not None
    created = now - timedelta(days=800)
    unlocked = Profile(folder).create("keyring")
    store = unlocked.store
    try:
        unlocked.settings.set("user_name", "Margaret")
        unlocked.settings.set("recovery_code_kept", True)
        circles = ("family", "friend", "neighbour", "group", "professional", "other")
        units = ("days", "weeks", "months")
        people = [
            Person(
                id=0,
                name=f"{chance.choice(FIRST)} {chance.choice(LAST)} {number:05d}",
                circle=chance.choice(circles),
                phones=(Phone(f"+4420{7_000_0000 + number:08d}", "home"),),
                birthday=f"--{chance.randint(1, 12):02d}-{chance.randint(1, 28):02d}",
                notes="Likes gardening." if number % 7 == 0 else "",
                schedule=Schedule(chance.randint(1, 4), chance.choice(units)),
            )
            for number in range(counts["people"])
        ]
        contacts.add_people(store, created, people)
        with store.transaction():
            for _ in range(counts["contacts"]):
                at = now - timedelta(days=chance.randint(1, 730), minutes=chance.randint(0, 1440))
                store.execute(
                    "INSERT INTO contacts(person_id, at, kind) VALUES (?, ?, ?)",
                    (
                        chance.randint(1, counts["people"]),
                        at.isoformat(timespec="seconds"),
                        chance.choice(("call", "visit", "message", "letter")),
                    ),
                )
            # What log_contact leaves behind, for everyone at once: last contact, next due.
            for person_id in range(1, counts["people"] + 1):
                contacts._refresh_cache(store, person_id)

        kinds = ("once", "daily", "weekly", "monthly_day")
        for number in range(counts["reminders"]):
            kind = kinds[number % len(kinds)]
            starts = (now + timedelta(days=chance.randint(1, 60))).replace(tzinfo=None)
            starts = datetime.combine(starts.date(), time(chance.randint(8, 20), 0))
            repeat = reminders.Repeat(
                kind, weekdays=(starts.weekday(),) if kind == "weekly" else ()
            )
            reminders.add(
                store,
                now,
                f"Call {chance.choice(FIRST)}",
                starts,
                repeat,
                person_id=chance.randint(1, counts["people"]),
                zone=zone,
            )

        read = PlacesRead(
            "directory",
            places=[
                ParsedPlace(
                    ref=f"dir:bench place {number}",
                    name=f"{chance.choice(PLACE_KINDS)} {number}",
                    category="community_centre",
                    lat=51.0 + chance.random(),
                    lon=-1.0 + chance.random(),
                    address=f"{number} High Street",
                    meeting_times="Tuesdays 10:00",
                    kind_hint=chance.choice(("walking", "choir", "library club", "volunteering")),
                    line=number + 2,
                )
                for number in range(counts["places"])
            ],
        )
        groups.commit_import(store, now, groups.preview_import(store, read, "bench-places.csv"))

        first = now.date() - timedelta(days=365)
        for offset in range(counts["planner_days"]):
            day = first + timedelta(days=offset)
            if chance.random() < 0.35:
                continue
            starts = datetime.combine(day, time(chance.randint(9, 18), 0))
            planner.add(
                store,
                now,
                planner.Draft(
                    chance.choice(("visit", "group", "call")),
                    f"Coffee with {chance.choice(FIRST)}",
                    starts,
                    cost=chance.choice(("light", "medium", "heavy")),
                ),
            )

        for week in range(counts["self_checks"]):
            taken = now - timedelta(weeks=counts["self_checks"] - week)
            wellbeing.record(store, taken, *(chance.randint(1, 3) for _ in range(3)))
        # The parent view, turned on as the demo's is: two children, two years of weekly
        # checks each, in the store of its own that it keeps (not read before the paint).
        _parent_checks(unlocked, now, counts["parent_weeks"], chance)
    finally:
        unlocked.close()
    return counts


def _parent_checks(unlocked: object, now: datetime, weeks: int, chance: random.Random) -> None:
    """Two children, ``weeks`` weekly checks each, through the parent view's own functions."""
    from companion import parents
    from companion.parents_content import content
    from companion.parents_lock import ParentVault

    unlocked.settings.set("parent_view", True)  # type: ignore[attr-defined]
    session = ParentVault.of(unlocked).set_up(now)  # type: ignore[arg-type]
    try:
        store = session.store
        signs = content().sign_ids
        for name, band in (("Sam", "12_15"), ("Ava", "under_12")):
            child = parents.add_child(store, now, name, band)
            for ago in range(weeks, 0, -1):
                parents.save_check(
                    store,
                    now - timedelta(weeks=ago),
                    child.id,
                    [
                        parents.SignAnswer(sign, chance.choice((0, 0, 0, 1, 2)), "")
                        for sign in chance.sample(signs, 3)
                    ],
                    good_moments="Made pancakes." if ago % 5 == 0 else "",
                )
    finally:
        session.lock()


def vcard_file(path: Path, count: int) -> None:
    """A contacts export from a phone: ``count`` people, each with a phone and a birthday."""
    chance = random.Random(1016)
    lines: list[str] = []
    for number in range(count):
        first, last = chance.choice(FIRST), chance.choice(LAST)
        lines += [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"N:{last} {number:05d};{first};;;",
            f"FN:{first} {last} {number:05d}",
            f"TEL;TYPE=CELL:+44 7700 {number:06d}",
            f"EMAIL:{first.lower()}.{number}@example.org",
            f"BDAY:{date(1940 + number % 50, 1 + number % 12, 1 + number % 28).isoformat()}",
            "END:VCARD",
        ]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


FIRST = ("Ada", "Ben", "Cara", "Dev", "Edith", "Femi", "Grace", "Hugo", "Ines", "Jo", "Kofi")
LAST = ("Smith", "Okafor", "Nguyen", "Garcia", "Müller", "Rossi", "Khan", "Jones", "Silva")
PLACE_KINDS = ("Walking group", "Choir", "Community garden", "Library club", "Men's shed")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Make a benchmark profile.")
    parser.add_argument("which", choices=("small", "large", "vcard"))
    parser.add_argument("path", type=Path)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    if args.which == "small":
        make_small(args.path)
    elif args.which == "large":
        for key, value in make_large(args.path, args.scale).items():
            print(f"{key}: {value}")
    else:
        vcard_file(args.path, max(1, int(10_000 * args.scale)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
