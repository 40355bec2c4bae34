"""The parent view's own encrypted data travels in backups, still under its own key."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from companion import backup, contacts, parents
from companion.backup import BackupRefused, make_backup, restore_backup, review_backup
from companion.backup_delete import delete_all
from companion.contacts import Person
from companion.parents_lock import ParentLockState, ParentSession, ParentVault
from companion.profile import Profile, Unlocked

from .helpers import files_containing, flip_bytes, snapshot

NOW = datetime(2026, 6, 3, 10, 0, tzinfo=UTC)
CHILD = "Peregrine Quillfeather"
NOTE = "parent-note-canary-9917"
IGNORE = (".lock", "companion.db-shm", "parents.db-shm")


def _fill_parents(unlocked: Unlocked, name: str = CHILD) -> ParentSession:
    session = ParentVault.of(unlocked).set_up(NOW)
    child = parents.add_child(session.store, NOW, name, "12_15")
    for weeks_ago in (2, 1, 0):
        parents.save_check(
            session.store,
            NOW - timedelta(weeks=weeks_ago),
            child.id,
            [parents.SignAnswer("withdrawing", 1, NOTE)],
        )
    return session


def _parent_data(session: ParentSession) -> list[tuple[object, ...]]:
    store = session.store
    rows: list[tuple[object, ...]] = []
    for table in ("children", "weekly_checks", "check_signs"):
        rows += [(table, *row) for row in store.query(f"SELECT * FROM {table} ORDER BY rowid")]
    return rows


@pytest.fixture
def with_parents(passphrase_profile: Unlocked) -> Unlocked:
    contacts.add_person(passphrase_profile.store, NOW, Person(0, "Ann Lee"))
    _fill_parents(passphrase_profile).lock()
    return passphrase_profile


def test_round_trip_gives_back_equal_parent_data(with_parents: Unlocked, tmp_path: Path) -> None:
    vault = ParentVault.of(with_parents)
    before = _parent_data(vault.open())
    target = make_backup(with_parents, tmp_path / "mine.companion-backup", NOW)
    header = backup.read_header(target)
    assert header is not None and header.has_parents and header.format == 2

    review = review_backup(target, data_key=with_parents.data_key, current=with_parents.store)
    assert review.ok and review.parents.included
    assert review.parents.children == 1 and review.parents.checks == 3
    assert "1 child" in " ".join(review.parents_lines())

    opened = vault.open()
    parents.add_child(opened.store, NOW, "Added after the backup", "under_12")
    opened.lock()
    restored = restore_backup(with_parents, target, NOW + timedelta(minutes=1))
    try:
        after = ParentVault.of(restored.unlocked)
        assert after.state() is ParentLockState.OPEN
        assert _parent_data(after.open()) == before
        # The copy made before restoring carries the parent data that was here.
        safety = restored.safety_backup
        assert safety is not None
        kept = review_backup(safety, data_key=restored.unlocked.data_key)
        assert kept.parents.children == 2
    finally:
        restored.unlocked.close()


def test_no_child_name_in_plain_text_in_the_backup(with_parents: Unlocked, tmp_path: Path) -> None:
    make_backup(with_parents, tmp_path / "out" / "mine.companion-backup", NOW)
    assert files_containing(tmp_path / "out", CHILD) == []
    assert files_containing(tmp_path / "out", NOTE) == []


def test_with_a_parent_password_it_comes_back_locked_and_the_password_opens_it(
    with_parents: Unlocked, tmp_path: Path
) -> None:
    vault = ParentVault.of(with_parents)
    session = vault.open()
    before = _parent_data(session)
    assert with_parents.recovery_code
    vault.set_password(session, "kite string", with_parents.recovery_code)
    session.lock()
    target = make_backup(with_parents, tmp_path / "mine.companion-backup", NOW)
    assert files_containing(tmp_path, CHILD) == []

    review = review_backup(target, data_key=with_parents.data_key, current=with_parents.store)
    assert review.ok and review.parents.included and review.parents.children is None
    assert "parent password" in " ".join(review.parents_lines())

    vault.delete_all()
    restored = restore_backup(with_parents, target, NOW + timedelta(minutes=1))
    try:
        after = ParentVault.of(restored.unlocked)
        assert after.state() is ParentLockState.PASSWORD
        assert _parent_data(after.unlock_with_password("kite string")) == before
    finally:
        restored.unlocked.close()


def test_an_open_parent_session_is_backed_up_with_what_it_just_saved(
    with_parents: Unlocked, tmp_path: Path
) -> None:
    vault = ParentVault.of(with_parents)
    session = vault.open()
    assert with_parents.recovery_code
    vault.set_password(session, "kite string", with_parents.recovery_code)
    parents.add_child(session.store, NOW, "Just added", "16_18")
    target = make_backup(with_parents, tmp_path / "mine.companion-backup", NOW, parents=session)
    session.lock()
    restored = restore_backup(with_parents, target, NOW + timedelta(minutes=1))
    try:
        opened = ParentVault.of(restored.unlocked).unlock_with_password("kite string")
        names = [child.name for child in parents.children(opened.store)]
        assert names == ["Just added", CHILD]
    finally:
        restored.unlocked.close()


def test_a_damaged_parent_part_refuses_the_whole_restore(
    with_parents: Unlocked, tmp_path: Path
) -> None:
    target = make_backup(with_parents, tmp_path / "mine.companion-backup", NOW)
    flip_bytes(target, target.stat().st_size - 2000)  # inside the parents part, at the end
    folder = with_parents.profile.folder
    before = snapshot(folder, ignore=IGNORE)
    review = review_backup(target, data_key=with_parents.data_key, current=with_parents.store)
    assert not review.ok and "is damaged" in review.problem
    with pytest.raises(BackupRefused):
        restore_backup(with_parents, target, NOW)
    assert snapshot(folder, ignore=IGNORE) == before
    assert not with_parents.store.closed
    assert [c.name for c in parents.children(ParentVault.of(with_parents).open().store)] == [CHILD]


def test_a_backup_without_parent_data_restores_and_says_so(
    passphrase_profile: Unlocked, tmp_path: Path
) -> None:
    contacts.add_person(passphrase_profile.store, NOW, Person(0, "Ann Lee"))
    target = make_backup(passphrase_profile, tmp_path / "plain.companion-backup", NOW)
    header = backup.read_header(target)
    assert header is not None and not header.has_parents and header.format == 1
    _fill_parents(passphrase_profile).lock()

    review = review_backup(
        target, data_key=passphrase_profile.data_key, current=passphrase_profile.store
    )
    assert review.ok and not review.parents.included and review.parents_here
    words = " ".join(review.parents_lines())
    assert "no data from the parent view" in words and "will be removed" in words

    restored = restore_backup(passphrase_profile, target, NOW + timedelta(minutes=1))
    try:
        folder = restored.unlocked.profile.folder
        assert not (folder / "parents.db").exists()
        assert not (folder / "parents-keys.json").exists()
        # No key left behind for a file that is gone: the parent view starts afresh.
        assert ParentVault.of(restored.unlocked).state() is ParentLockState.NOT_SET_UP
        assert [p.name for p in contacts.people(restored.unlocked.store)] == ["Ann Lee"]
        assert restored.safety_backup is not None
        assert review_backup(
            restored.safety_backup, data_key=restored.unlocked.data_key
        ).parents.included
    finally:
        restored.unlocked.close()


def test_restoring_into_a_new_profile_brings_the_parent_data(
    with_parents: Unlocked, tmp_path: Path, fake_vault: object
) -> None:
    target = make_backup(with_parents, tmp_path / "mine.companion-backup", NOW)
    code = with_parents.recovery_code
    fresh = Profile(tmp_path / "elsewhere", fake_vault)  # type: ignore[arg-type]
    restored, _new_code = backup.restore_into_new(fresh, target, NOW, secret=code)
    try:
        opened = ParentVault.of(restored.unlocked).open()
        assert [c.name for c in parents.children(opened.store)] == [CHILD]
    finally:
        restored.unlocked.close()


def test_delete_all_removes_the_parent_data_too(with_parents: Unlocked) -> None:
    profile = with_parents.profile
    with_parents.close()
    delete_all(profile)
    assert not (profile.folder / "parents.db").exists()
    assert not (profile.folder / "parents-keys.json").exists()


def test_a_new_profile_from_a_backup_opens_the_locked_parent_view_with_its_new_code(
    with_parents: Unlocked, tmp_path: Path, fake_vault: object
) -> None:
    vault = ParentVault.of(with_parents)
    session = vault.open()
    old_code = with_parents.recovery_code
    assert old_code
    vault.set_password(session, "kite string", old_code)
    session.lock()
    target = make_backup(with_parents, tmp_path / "mine.companion-backup", NOW)
    fresh = Profile(tmp_path / "elsewhere", fake_vault)  # type: ignore[arg-type]
    restored, new_code = backup.restore_into_new(fresh, target, NOW, secret=old_code)
    try:
        there = ParentVault.of(restored.unlocked)
        assert there.state() is ParentLockState.PASSWORD
        opened = there.unlock_with_recovery_code(new_code)  # the code just shown opens it
        assert [c.name for c in parents.children(opened.store)] == [CHILD]
        opened.lock()
        assert [c.name for c in parents.children(there.unlock_with_password("kite string").store)]
    finally:
        restored.unlocked.close()


def test_a_password_changed_after_the_backup_still_opens_the_restored_parent_view(
    with_parents: Unlocked, tmp_path: Path
) -> None:
    vault = ParentVault.of(with_parents)
    session = vault.open()
    assert with_parents.recovery_code
    vault.set_password(session, "first password", with_parents.recovery_code)
    target = make_backup(with_parents, tmp_path / "mine.companion-backup", NOW, parents=session)
    vault.change_password(session, "second password")
    session.lock()
    restored = restore_backup(with_parents, target, NOW + timedelta(minutes=1))
    try:
        after = ParentVault.of(restored.unlocked)
        opened = after.unlock_with_password("second password")
        assert [c.name for c in parents.children(opened.store)] == [CHILD]
    finally:
        restored.unlocked.close()
