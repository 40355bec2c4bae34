"""Delete all my data: no file, no keyring entry, no start-at-login entry; setup again."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import keyring
import keyring.errors
import pytest

from companion import autostart, contacts
from companion.backup import auto_backup, make_backup
from companion.backup_delete import (
    delete_all,
    delete_parent_data,
    register_parent_data,
    unregister_parent_data,
    what_delete_all_removes,
)
from companion.contacts import Person
from companion.keys import KEYRING_SERVICE, KeyringVault
from companion.profile import Profile, ProfileState, Unlocked
from companion.store import Store

from .helpers import files_containing

NOW = datetime(2026, 6, 3, 10, 0, tzinfo=UTC)


def _lived_in(unlocked: Unlocked) -> None:
    contacts.add_person(unlocked.store, NOW, Person(0, "Rosalind Canary"))
    auto_backup(unlocked, NOW)
    unlocked.profile.preferences.set("text_scale", 150)
    (unlocked.profile.folder / "parents.db").write_bytes(b"\x01" * 4096)
    (unlocked.profile.folder / "parents-keys.json").write_text("{}")


def test_delete_all_leaves_no_file_no_key_and_setup_runs_again(
    keyring_profile: Unlocked, memory_keyring: object
) -> None:
    profile = keyring_profile.profile
    folder = profile.folder
    _lived_in(keyring_profile)
    profile.preferences.set("start_at_login", True)
    autostart.enable(["companion"])
    assert autostart.is_enabled()
    going = {p.name for p in what_delete_all_removes(profile)}
    assert {"companion.db", "keys.json", "backups", "preferences.json", "parents.db"} <= going

    delete_all(profile, keyring_profile)

    assert not folder.exists()
    assert memory_keyring.entries == {}  # type: ignore[attr-defined]
    assert not autostart.is_enabled()
    assert keyring_profile.store.closed
    again = Profile(folder, profile.vault)
    assert again.state() is ProfileState.NEW
    fresh = again.create("keyring")
    assert contacts.people(fresh.store) == []
    fresh.close()


def test_delete_all_of_a_passphrase_profile_keeps_the_person_own_files(
    passphrase_profile: Unlocked,
) -> None:
    folder = passphrase_profile.profile.folder
    _lived_in(passphrase_profile)
    mine = folder / "my letters.txt"
    mine.write_text("not Companion's")
    passphrase_profile.store.execute("INSERT INTO settings VALUES ('x', 'y')")  # a WAL exists
    leftover = folder / ".companion.db.restoring"
    leftover.write_bytes(b"half a restore")

    removed = delete_all(passphrase_profile.profile, passphrase_profile)

    assert sorted(p.name for p in folder.iterdir()) == ["my letters.txt"]
    assert leftover in removed
    assert files_containing(folder, "Rosalind") == []
    assert Profile(folder).state() is ProfileState.NEW


def test_delete_all_finishes_what_a_stopped_one_left(passphrase_profile: Unlocked) -> None:
    profile = passphrase_profile.profile
    _lived_in(passphrase_profile)
    passphrase_profile.close()
    profile.db_path.unlink()  # as if the computer stopped after the first files went
    profile.keyfile_path.unlink()
    assert what_delete_all_removes(profile)
    delete_all(profile)
    assert not profile.folder.exists()


def test_nothing_to_delete_is_fine(folder: Path, fake_vault: KeyringVault) -> None:
    profile = Profile(folder, fake_vault)
    assert what_delete_all_removes(profile) == []
    delete_all(profile)
    assert profile.state() is ProfileState.NEW


# --- only the parent view's data -------------------------------------------------------------


@pytest.fixture
def no_other_hooks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only this test's hooks: the parent view's own registers itself when it is imported."""
    from companion import backup_delete

    monkeypatch.setattr(backup_delete, "_PARENT_HOOKS", [])


@pytest.fixture
def parent_hook(keyring_profile: Unlocked, no_other_hooks: None) -> Iterator[list[str]]:
    store = keyring_profile.store
    store.execute("CREATE TABLE test_children(id INTEGER PRIMARY KEY, name TEXT)")
    store.execute("INSERT INTO test_children(name) VALUES ('Kit'), ('Sam')")
    erased: list[str] = []

    def erase(store: Store, now: datetime) -> None:
        store.execute("DELETE FROM settings WHERE key = 'parent_view'")
        erased.append(now.isoformat())

    hook = register_parent_data(
        tables=["test_children", "a_table_not_made_yet"], erase=erase, files=["parents.db"]
    )
    yield erased
    unregister_parent_data(hook)


def test_delete_parent_data_removes_only_what_was_registered(
    keyring_profile: Unlocked, parent_hook: list[str]
) -> None:
    store = keyring_profile.store
    contacts.add_person(store, NOW, Person(0, "Stays Here"))
    store.set_setting("parent_view", "true")
    parents_file = keyring_profile.profile.folder / "parents.db"
    parents_file.write_bytes(b"\x02" * 4096)

    result = delete_parent_data(keyring_profile, NOW)

    assert result.tables == {"test_children": 2}
    assert result.files == ["parents.db"]
    assert parent_hook == [NOW.isoformat()]
    assert store.query("SELECT count(*) FROM test_children") == [(0,)]
    assert store.get_setting("parent_view") is None
    assert [p.name for p in contacts.people(store)] == ["Stays Here"]
    assert not parents_file.exists()
    assert keyring_profile.profile.keyfile_path.exists()


def test_delete_parent_data_with_nothing_registered_changes_nothing(
    keyring_profile: Unlocked, no_other_hooks: None
) -> None:
    contacts.add_person(keyring_profile.store, NOW, Person(0, "Stays Here"))
    result = delete_parent_data(keyring_profile, NOW)
    assert result.tables == {} and result.files == []
    assert len(contacts.people(keyring_profile.store)) == 1


# --- the real keyring ---------------------------------------------------------------------------


@pytest.mark.real_keyring
def test_delete_all_removes_the_real_keyring_entry(tmp_path: Path) -> None:
    from .test_real_keyring import _secret_service_problem, _skip_or_fail

    problem = _secret_service_problem()
    if problem:
        _skip_or_fail(problem)
    folder = tmp_path / "real-profile"
    account = str(folder.resolve())
    try:
        unlocked = Profile(folder, KeyringVault()).create("keyring")
        make_backup(unlocked, folder / "backups" / "one.companion-backup", NOW)
        assert keyring.get_password(KEYRING_SERVICE, account) == unlocked.data_key.hex()
        delete_all(unlocked.profile, unlocked)
        assert keyring.get_password(KEYRING_SERVICE, account) is None
        assert not folder.exists()
    finally:
        try:
            keyring.delete_password(KEYRING_SERVICE, account)
        except keyring.errors.PasswordDeleteError:
            pass
