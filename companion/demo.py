"""Sample data for ``--demo``: a believable profile from every feature built so far.

Counsellors use it to show a client how the app works; screenshots use it
too. It only ever goes into a throwaway profile.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from companion import helplines, wellbeing
from companion.profile import Unlocked


def fill(unlocked: Unlocked, now: datetime) -> None:
    settings = unlocked.settings
    store = unlocked.store
    with store.transaction():
        settings.set("user_name", "Margaret")
        settings.set("recovery_code_kept", True)
        helplines.add_professional(
            store, now, "gp", "Dr Amara Okafor", "01632 960 123", "Surgery open 8 to 6 on weekdays"
        )
        helplines.add_professional(store, now, "counsellor", "Sam Lee", "01632 960 456")
        # A few months of self-checks, easing from lonely towards better.
        for months_ago, answers in ((4, (3, 2, 3)), (3, (2, 2, 3)), (2, (2, 2, 2)), (1, (2, 1, 2))):
            wellbeing.record(store, now - timedelta(days=30 * months_ago), *answers)
        store.execute(
            "INSERT INTO app_events(at, kind, detail) VALUES(?, 'demo', 'sample data')",
            (now.isoformat(timespec="seconds"),),
        )
