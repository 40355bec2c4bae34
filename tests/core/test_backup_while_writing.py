"""A backup never keeps the window from saving, and never holds half of a change."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

from companion import contacts
from companion.backup import make_backup, review_backup
from companion.contacts import Person
from companion.profile import Unlocked

NOW = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


def test_saving_during_a_backup_does_not_wait_and_is_not_half_in_it(
    passphrase_profile: Unlocked, tmp_path: Path
) -> None:
    store = passphrase_profile.store
    contacts.add_person(store, NOW, Person(0, "Ann Lee"))
    copied = threading.Event()
    target = tmp_path / "mine.companion-backup"
    failed: list[BaseException] = []

    def hook(step: str) -> None:
        if step == "database-copied":
            copied.set()

    def back_up() -> None:
        try:
            make_backup(passphrase_profile, target, NOW, step_hook=hook)
        except BaseException as error:  # pragma: no cover - shown by the assert below
            failed.append(error)

    # The window is in the middle of saving two people together when the backup starts.
    with store.transaction():
        contacts.add_person(store, NOW, Person(0, "Bea Khan"))
        worker = threading.Thread(target=back_up)
        worker.start()
        # The database is copied while the save is still open: the backup does not wait
        # for the window, so the window never waits for the backup either.
        assert copied.wait(30), "the backup waited for the window's save"
        contacts.add_person(store, NOW, Person(0, "Cy Ward"))
    worker.join(30)
    assert not worker.is_alive() and not failed

    review = review_backup(target, data_key=passphrase_profile.data_key)
    assert review.ok
    assert review.holds.people == 1  # Ann; not Bea without Cy
    assert [p.name for p in contacts.people(store)] == ["Ann Lee", "Bea Khan", "Cy Ward"]
