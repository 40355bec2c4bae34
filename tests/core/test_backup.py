"""Backups and restore: equal data back, nothing readable inside, bad files change nothing."""

from __future__ import annotations

import json
import sqlite3
import struct
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from companion import backup, contacts, helplines, reminders
from companion.backup import (
    BackupRefused,
    NeedsRecoveryCode,
    auto_backup,
    check_newest_backup,
    last_backup,
    make_backup,
    read_header,
    restore_backup,
    restore_into_new,
    review_backup,
)
from companion.contacts import Person, Phone
from companion.errors import KeyNotInKeyring, WrongSecret
from companion.keys import KeyringVault
from companion.profile import Profile, ProfileState, Unlocked

from .conftest import PASSPHRASE
from .helpers import files_containing, flip_bytes, snapshot

NOW = datetime(2026, 6, 3, 10, 0, tzinfo=UTC)
CANARY = "Zebediah Quillfeather"
NOTE_CANARY = "secret-note-canary-4471"


def fill(unlocked: Unlocked, name: str = CANARY) -> None:
    store = unlocked.store
    person = contacts.add_person(
        store,
        NOW,
        Person(0, name, phones=(Phone("+44 20 7946 0001"),), notes=NOTE_CANARY),
    )
    contacts.add_person(store, NOW, Person(0, "Ann Lee"))
    contacts.log_contact(store, person.id, NOW - timedelta(days=2), "call", 4, "lovely chat")
    reminders.add(
        store,
        NOW,
        "Call " + name,
        datetime(2026, 6, 7, 17, 0),
        reminders.Repeat("weekly", 1, (6,)),
        person_id=person.id,
        zone=UTC,
    )
    helplines.add_professional(store, NOW, "gp", "Dr Okafor", "+44 20 7946 0002")


def everything(unlocked: Unlocked) -> dict[str, list[tuple[object, ...]]]:
    store = unlocked.store
    tables = backup.user_tables(store.query)
    return {
        name: store.query(f'SELECT * FROM "{name}" ORDER BY rowid')
        for name in tables
        if name != "settings"
    }


@pytest.fixture
def filled(passphrase_profile: Unlocked) -> Unlocked:
    fill(passphrase_profile)
    return passphrase_profile


def test_round_trip_gives_back_equal_data(filled: Unlocked, tmp_path: Path) -> None:
    before = everything(filled)
    target = make_backup(filled, tmp_path / "mine.companion-backup", NOW)
    contacts.add_person(filled.store, NOW, Person(0, "Added after the backup"))
    filled.store.execute("DELETE FROM reminders")

    restored = restore_backup(filled, target, NOW)
    try:
        assert everything(restored.unlocked) == before
        assert [p.name for p in contacts.people(restored.unlocked.store)] == [
            "Ann Lee",
            CANARY,
        ]
        assert restored.review.holds.people == 2
        assert restored.review.holds.reminders == 1
        assert restored.review.holds.contacts == 1
        assert restored.review.holds.professionals == 1
        # What was there before the restore was saved first, and opens too.
        assert restored.safety_backup is not None and restored.safety_backup.exists()
        safety = review_backup(restored.safety_backup, data_key=restored.unlocked.data_key)
        assert safety.ok and safety.holds.people == 3 and safety.holds.reminders == 0
        # The same key still opens the profile the usual way: keys.json is consistent.
        assert filled.profile.keys.open_with_passphrase(PASSPHRASE) == filled.data_key
    finally:
        restored.unlocked.close()


def test_no_plaintext_in_a_backup(filled: Unlocked, tmp_path: Path) -> None:
    out = tmp_path / "out"
    make_backup(filled, out / "mine.companion-backup", NOW)
    auto_backup(filled, NOW)
    assert files_containing(out, CANARY) == []
    assert files_containing(out, NOTE_CANARY) == []
    assert files_containing(out, "Okafor") == []
    assert files_containing(filled.profile.folder / "backups", CANARY) == []
    assert sorted(p.name for p in out.iterdir()) == ["mine.companion-backup"]  # no leftovers


def test_recovery_code_alone_opens_a_backup_on_another_computer(
    filled: Unlocked, tmp_path: Path, fake_vault: KeyringVault
) -> None:
    code = filled.recovery_code
    assert code
    target = make_backup(filled, tmp_path / "mine.companion-backup", NOW)
    before = everything(filled)

    elsewhere = Profile(tmp_path / "new-computer", fake_vault)
    with pytest.raises(NeedsRecoveryCode):
        review_backup(target)
    with pytest.raises(WrongSecret):
        review_backup(target, secret="ABCDE-12345-ABCDE-12345-ABCDE")
    review = review_backup(target, secret=code.lower().replace("-", " "))
    assert review.ok and review.replaces is None and review.holds.people == 2

    restored, new_code = restore_into_new(elsewhere, target, NOW, secret=code)
    try:
        assert everything(restored.unlocked) == before
        assert new_code and new_code != code
    finally:
        restored.unlocked.close()
    assert elsewhere.state() is ProfileState.KEYRING
    again = elsewhere.unlock_with_recovery_code(new_code)
    assert len(contacts.people(again.store)) == 2
    again.close()


def test_the_passphrase_of_the_time_opens_it_too(filled: Unlocked, tmp_path: Path) -> None:
    target = make_backup(filled, tmp_path / "mine.companion-backup", NOW)
    assert review_backup(target, secret=PASSPHRASE).ok


def test_header_holds_nothing_personal(filled: Unlocked, tmp_path: Path) -> None:
    target = make_backup(filled, tmp_path / "mine.companion-backup", NOW)
    header = read_header(target)
    assert header is not None
    assert header.made_at == NOW and header.schema_version == filled.store.user_version
    raw = target.read_bytes()
    length = struct.unpack(">I", raw[len(backup.MAGIC) : len(backup.MAGIC) + 4])[0]
    text = raw[len(backup.MAGIC) + 4 : len(backup.MAGIC) + 4 + length].decode()
    assert set(json.loads(text)) == {
        "format",
        "made_at",
        "app_version",
        "schema_version",
        "key_check",
        "recovery",
        "passphrase",
        "db_size",
        "db_sha256",
    }


# --- bad files change nothing ------------------------------------------------------------


def _refused(unlocked: Unlocked, path: Path, words: str) -> None:
    folder = unlocked.profile.folder
    before = snapshot(folder, ignore=(".lock", "companion.db-shm"))
    review = review_backup(path, data_key=unlocked.data_key, current=unlocked.store)
    assert not review.ok and words in review.problem
    with pytest.raises(BackupRefused) as refused:
        restore_backup(unlocked, path, NOW)
    assert words in refused.value.message and "Nothing has been changed" in refused.value.message
    assert snapshot(folder, ignore=(".lock", "companion.db-shm")) == before
    assert not unlocked.store.closed
    assert len(contacts.people(unlocked.store)) == 2


def test_damaged_backup_is_refused(filled: Unlocked, tmp_path: Path) -> None:
    target = make_backup(filled, tmp_path / "mine.companion-backup", NOW)
    flip_bytes(target, target.stat().st_size - 3000)
    _refused(filled, target, "is damaged")


def test_damaged_header_is_refused(filled: Unlocked, tmp_path: Path) -> None:
    target = make_backup(filled, tmp_path / "mine.companion-backup", NOW)
    flip_bytes(target, len(backup.MAGIC) + 10, 4)
    _refused(filled, target, "is damaged")


def test_truncated_backup_is_refused(filled: Unlocked, tmp_path: Path) -> None:
    target = make_backup(filled, tmp_path / "mine.companion-backup", NOW)
    target.write_bytes(target.read_bytes()[:-5000])
    _refused(filled, target, "incomplete")
    target.write_bytes(target.read_bytes()[:10])
    _refused(filled, target, "not a Companion backup")


def test_plain_sqlite_file_is_refused(filled: Unlocked, tmp_path: Path) -> None:
    foreign = tmp_path / "other.db"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE people(name TEXT)")
    connection.execute("INSERT INTO people VALUES ('someone')")
    connection.commit()
    connection.close()
    _refused(filled, foreign, "database from another program")


def test_random_bytes_are_refused(filled: Unlocked, tmp_path: Path) -> None:
    junk = tmp_path / "junk.companion-backup"
    junk.write_bytes(bytes(range(256)) * 64)
    _refused(filled, junk, "not a Companion backup")


def test_newer_backup_is_refused(filled: Unlocked, tmp_path: Path) -> None:
    target = make_backup(filled, tmp_path / "mine.companion-backup", NOW)
    header = read_header(target)
    assert header is not None
    raw = target.read_bytes()
    start = len(header.to_bytes())
    newer = backup.BackupHeader(**{**header.__dict__, "schema_version": 999})
    target.write_bytes(newer.to_bytes() + raw[start:])
    _refused(filled, target, "newer version")
    review = review_backup(target, data_key=filled.data_key)
    assert review.whole and not review.readable

    future = backup.BackupHeader(**{**header.__dict__, "format": backup.FORMAT_VERSION + 1})
    target.write_bytes(future.to_bytes() + raw[start:])
    _refused(filled, target, "newer version")


def test_missing_file_is_refused(filled: Unlocked, tmp_path: Path) -> None:
    _refused(filled, tmp_path / "nowhere.companion-backup", "There is no file")


def test_migration_copy_without_header_restores_with_the_profile_key(
    filled: Unlocked, tmp_path: Path
) -> None:
    bare = filled.store.backup_to(tmp_path / "bare.db", filled.data_key)
    contacts.add_person(filled.store, NOW, Person(0, "Later"))
    restored = restore_backup(filled, bare, NOW)
    assert len(contacts.people(restored.unlocked.store)) == 2
    restored.unlocked.close()


# --- rolling backups, last backup, the check -------------------------------------------------


def test_daily_backups_keep_the_last_seven(filled: Unlocked) -> None:
    made = [auto_backup(filled, NOW + timedelta(days=n)) for n in range(10)]
    assert all(made)
    assert auto_backup(filled, NOW + timedelta(days=9, hours=3)) is None  # once a day
    names = sorted(p.name for p in (filled.profile.folder / "backups").iterdir())
    assert names == [f"auto-2026-06-{day:02d}.companion-backup" for day in range(6, 13)]


def test_last_backup_as_data_and_words(filled: Unlocked, tmp_path: Path) -> None:
    assert last_backup(filled, NOW).days_ago is None
    assert last_backup(filled, NOW).words() == "No backup made yet."
    auto_backup(filled, NOW)
    later = last_backup(filled, NOW + timedelta(days=12))
    assert later.days_ago == 12 and later.words() == "Last backup: 12 days ago."
    assert last_backup(filled, NOW + timedelta(days=1)).words() == "Last backup: yesterday."
    # A backup saved elsewhere counts too.
    make_backup(filled, tmp_path / "usb.companion-backup", NOW + timedelta(days=10))
    assert last_backup(filled, NOW + timedelta(days=12)).days_ago == 2


def test_check_of_the_newest_backup_changes_nothing(filled: Unlocked) -> None:
    assert check_newest_backup(filled) is None
    auto_backup(filled, NOW)
    newest = auto_backup(filled, NOW + timedelta(days=1))
    assert newest is not None
    folder = filled.profile.folder
    before = snapshot(folder, ignore=(".lock", "companion.db-shm"))
    review = check_newest_backup(filled)
    assert review is not None and review.ok and review.path == newest
    assert snapshot(folder, ignore=(".lock", "companion.db-shm")) == before
    flip_bytes(newest, newest.stat().st_size - 5000)
    broken = check_newest_backup(filled)
    assert broken is not None and not broken.whole and "damaged" in broken.problem


def test_a_restore_into_new_that_fails_half_way_leaves_no_profile(
    filled: Unlocked, tmp_path: Path, fake_vault: KeyringVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk during the restore from setup: an empty profile was left behind, its new
    recovery code never shown, and setup could not run again."""
    from companion import backup
    from companion.errors import StorageError

    code = filled.recovery_code
    target = make_backup(filled, tmp_path / "mine.companion-backup", NOW)
    real = backup.restore_backup

    def disk_full(*args, **kwargs):  # type: ignore[no-untyped-def]
        def hook(step: str) -> None:
            if step == "new-file-written":
                raise StorageError("The disk is full.")

        return real(*args, **kwargs, step_hook=hook)

    monkeypatch.setattr(backup, "restore_backup", disk_full)
    elsewhere = Profile(tmp_path / "new-computer", fake_vault)
    with pytest.raises(StorageError):
        restore_into_new(elsewhere, target, NOW, secret=code)
    assert elsewhere.state() is ProfileState.NEW
    with pytest.raises(KeyNotInKeyring):  # no key left in the keyring
        fake_vault.load(elsewhere.folder)
    assert not (elsewhere.folder / "backups").exists()
    monkeypatch.setattr(backup, "restore_backup", real)
    restored, _new_code = restore_into_new(elsewhere, target, NOW, secret=code)  # again: fine
    restored.unlocked.close()


def test_restore_into_new_refuses_a_bad_file_without_making_a_profile(
    tmp_path: Path, fake_vault: KeyringVault
) -> None:
    junk = tmp_path / "junk.companion-backup"
    junk.write_bytes(b"COMPANION-BACKUP\n" + b"\x00\x00\x00\x05{}")
    profile = Profile(tmp_path / "empty", fake_vault)
    with pytest.raises(BackupRefused):
        restore_into_new(profile, junk, NOW, secret="ABCDE-12345-ABCDE-12345-ABCDE")
    assert profile.state() is ProfileState.NEW
    assert not (tmp_path / "empty").exists()


def test_restoring_the_oldest_safety_copy_works(filled: Unlocked) -> None:
    first = restore_backup(filled, make_backup(filled, filled.profile.folder / "x.bk", NOW), NOW)
    unlocked = first.unlocked
    oldest = first.safety_backup
    assert oldest is not None
    for hour in range(1, 4):
        later = NOW + timedelta(hours=hour)
        unlocked = restore_backup(unlocked, oldest, later).unlocked
    assert oldest.exists() is False  # pruned only after it was restored
    assert len(list((filled.profile.folder / "backups").glob("before-restore-*"))) == 3
    assert len(contacts.people(unlocked.store)) == 2
    unlocked.close()


def test_a_backup_from_an_older_version_is_brought_up_to_date(
    folder: Path, fake_vault: KeyringVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import companion.store

    every = companion.store.migrations()
    monkeypatch.setattr(companion.store, "migrations", lambda: every[:-1])
    old = Profile(folder, fake_vault).create("passphrase", PASSPHRASE)
    old.store.execute("INSERT INTO settings(key, value) VALUES ('from', 'the old version')")
    target = make_backup(old, tmp_path / "old.companion-backup", NOW)
    assert old.store.user_version == len(every) - 1
    monkeypatch.setattr(companion.store, "migrations", lambda: every)

    review = review_backup(target, data_key=old.data_key)
    assert review.ok and review.schema_version == len(every) - 1
    restored = restore_backup(old, target, NOW)
    try:
        assert restored.unlocked.store.user_version == len(every)
        assert restored.unlocked.store.get_setting("from") == "the old version"
    finally:
        restored.unlocked.close()


def test_the_newest_backup_checked_is_also_one_saved_elsewhere(
    filled: Unlocked, tmp_path: Path
) -> None:
    """ "Back up now" to a USB stick, then "Check my newest backup": it checked yesterday's
    daily backup in Companion's folder instead of the one just saved."""
    daily = auto_backup(filled, NOW)
    assert daily is not None
    usb = make_backup(filled, tmp_path / "usb" / "mine.companion-backup", NOW + timedelta(hours=2))
    review = check_newest_backup(filled)
    assert review is not None and review.ok and review.path == usb
    # Once that file is gone (the stick taken out), the newest there is is checked.
    usb.unlink()
    review = check_newest_backup(filled)
    assert review is not None and review.path == daily
    # A daily backup made after it is newer, and is the one checked.
    usb2 = make_backup(
        filled, tmp_path / "usb" / "again.companion-backup", NOW + timedelta(hours=3)
    )
    newer = auto_backup(filled, NOW + timedelta(days=1))
    assert newer is not None and usb2.is_file()
    assert check_newest_backup(filled).path == newer  # type: ignore[union-attr]
