"""People at scale: 10,000 people and 200,000 logged contacts.

    .venv/bin/python bench/people.py

Measures, offscreen, what a person waits for: building the Today page's
"who to reach" and a search keystroke in the People list. The budget in
DESIGN.md is one frame (16 ms) for each; the result is printed as the ratio
to that frame.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FRAME = 0.016


def build(folder: Path) -> tuple[object, datetime]:
    from companion import keys
    from companion.profile import Profile

    keys.SCRYPT_N = 2**10  # the bench measures reading, not unlocking
    unlocked = Profile(folder).create("passphrase", "bench passphrase")
    store = unlocked.store
    now = datetime(2026, 11, 21, 10, 0).astimezone()
    chance = random.Random(1)
    circles = ("family", "friend", "neighbour", "group", "professional", "other")
    with store.transaction():
        for number in range(10_000):
            last = now - timedelta(days=chance.randint(0, 120))
            due = (last + timedelta(days=14)).date().isoformat()
            store.execute(
                "INSERT INTO people(name, sort_name, circle, every_count, every_unit, last_contact,"
                " next_due, created) VALUES (?, ?, ?, 2, 'weeks', ?, ?, ?)",
                (
                    f"Person {number:05d}",
                    f"person {number:05d}",
                    chance.choice(circles),
                    last.isoformat(),
                    due,
                    (now - timedelta(days=400)).isoformat(),
                ),
            )
        for _ in range(200_000):
            at = now - timedelta(days=chance.randint(0, 365), minutes=chance.randint(0, 1440))
            store.execute(
                "INSERT INTO contacts(person_id, at, kind) VALUES (?, ?, 'call')",
                (chance.randint(1, 10_000), at.isoformat(timespec="seconds")),
            )
    return unlocked, now


def timed(work, runs: int = 15) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from companion import contacts
    from ui.models.people import PeopleFilterProxy, PeopleModel

    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as scratch:
        unlocked, now = build(Path(scratch) / "p")
        store = unlocked.store  # type: ignore[attr-defined]
        today = now.date()
        reach = timed(lambda: contacts.due_overview(store, today).reach_now(3))
        summary = timed(lambda: contacts.summary(store, today), runs=5)
        model = PeopleModel(today)
        load = timed(lambda: model.load(contacts.people(store), today), runs=3)
        proxy = PeopleFilterProxy()
        proxy.setSourceModel(model)
        letters = iter(["p", "pe", "per", "pers", "perso", "person", "person 1", "person 12"] * 4)
        keystroke = timed(lambda: proxy.set_filter(next(letters)), runs=30)
        unlocked.close()  # type: ignore[attr-defined]
    del app
    print(
        f"Today's 'who to reach' (10,000 people): {reach * 1000:.1f} ms = {reach / FRAME:.2f} frames"
    )
    print(
        f"Search keystroke (10,000 people):      {keystroke * 1000:.1f} ms = {keystroke / FRAME:.2f} frames"
    )
    print(
        f"People list load (10,000 people):      {load * 1000:.1f} ms (once, when the page opens)"
    )
    print(
        f"Connections summary (200,000 contacts): {summary * 1000:.1f} ms (once, when the page opens)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
