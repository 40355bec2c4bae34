"""How long one key in the People search takes with 10,000 people, the way bench.inside
types it (``setText`` on the search box, then the events it posts), in wall time and in
processor time. Made for comparing two copies of the code on the same profile:

    python bench/search_keys.py make DIR            # a passphrase profile, 10,000 people
    python bench/search_keys.py measure DIR [--rounds 5]
    python OLD_TREE/bench/search_keys.py measure DIR  # the same, with an older copy's code

Each copy measures with its own code (this file puts its own tree first on the path). The
profile is unlocked with a passphrase, so it can be opened again by another process
(a profile in the test keyring lives only as long as that keyring's session).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PASSPHRASE = "search keys bench"
WORDS = ("Grace Nguyen 0", "jo", "müller 01")


def make(folder: Path, people: int) -> None:
    import random
    from datetime import datetime, timedelta

    from bench.profiles import FIRST, LAST
    from companion import contacts
    from companion.contacts import Person, Schedule
    from companion.profile import Profile

    chance = random.Random(16)
    now = datetime.now().astimezone().replace(microsecond=0)
    circles = ("family", "friend", "neighbour", "group", "professional", "other")
    units = ("days", "weeks", "months")
    unlocked = Profile(folder).create("passphrase", PASSPHRASE)
    try:
        store = unlocked.store
        unlocked.settings.set("user_name", "Margaret")
        unlocked.settings.set("recovery_code_kept", True)
        contacts.add_people(
            store,
            now - timedelta(days=800),
            [
                Person(
                    id=0,
                    name=f"{chance.choice(FIRST)} {chance.choice(LAST)} {number:05d}",
                    circle=chance.choice(circles),
                    schedule=Schedule(chance.randint(1, 4), chance.choice(units)),
                )
                for number in range(people)
            ],
        )
        with store.transaction():
            for _number in range(people * 2):
                at = now - timedelta(days=chance.randint(1, 400))
                store.execute(
                    "INSERT INTO contacts(person_id, at, kind) VALUES (?, ?, 'call')",
                    (chance.randint(1, people), at.isoformat(timespec="seconds")),
                )
            for person_id in range(1, people + 1):
                contacts._refresh_cache(store, person_id)
    finally:
        unlocked.close()


def measure(folder: Path, rounds: int) -> dict[str, float]:
    from bench.inside import pyside_drops_references
    from companion.profile import Profile
    from ui.app import CompanionApp, create_qapplication
    from ui.background import wait_for_background

    qapp = create_qapplication(sys.argv[:1])
    pyside_drops_references()
    profile = Profile(folder)
    app = CompanionApp(qapp, profile)
    app.open_main_window(profile.unlock_with_passphrase(PASSPHRASE))
    window = app.window
    assert window is not None
    qapp.processEvents()
    window.show_page("people")  # type: ignore[attr-defined]
    wait_for_background()
    qapp.processEvents()
    page = window.pages["people"]  # type: ignore[attr-defined]
    keys = []
    for word in WORDS:
        typed = [word[:n] for n in range(1, len(word) + 1)]
        keys += typed + typed[-2::-1] + [""]
    wall: list[float] = []
    cpu: list[float] = []
    for round_ in range(rounds + 1):  # the first round warms up and is not counted
        for text in keys:
            started, began = time.perf_counter(), time.process_time()
            page.search.setText(text)
            qapp.processEvents()
            if round_:
                wall.append(time.perf_counter() - started)
                cpu.append(time.process_time() - began)
    return {
        "search_keystroke_ms": statistics.median(wall) * 1000,
        "search_keystroke_worst_ms": max(wall) * 1000,
        "search_keystroke_cpu_ms": statistics.median(cpu) * 1000,
        "people": float(page.model.rowCount()),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=("make", "measure"))
    parser.add_argument("folder", type=Path)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if args.what == "make":
        make(args.folder, args.people)
        return 0
    for name, value in measure(args.folder, args.rounds).items():
        print(f"{name}: {value:.1f}", flush=True)
    os._exit(0)  # no slow teardown of the window between runs


if __name__ == "__main__":
    sys.exit(main())
