"""Sample data for ``--demo``: a believable profile from every feature built so far.

Counsellors use it to show a client how the app works; screenshots use it
too. It only ever goes into a throwaway profile.
"""

from __future__ import annotations

from datetime import datetime

from companion.profile import Unlocked


def fill(unlocked: Unlocked, now: datetime) -> None:
    settings = unlocked.settings
    with unlocked.store.transaction():
        settings.set("user_name", "Margaret")
        settings.set("recovery_code_kept", True)
        unlocked.store.execute(
            "INSERT INTO app_events(at, kind, detail) VALUES(?, 'demo', 'sample data')",
            (now.isoformat(timespec="seconds"),),
        )
