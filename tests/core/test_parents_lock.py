"""The parent view's separate lock: its own key, its own file, its own password."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from companion import parents
from companion.errors import CompanionError, StorageError, WrongSecret
from companion.parents_lock import ParentLockState, ParentSession, ParentVault
from companion.profile import Profile, Unlocked
from companion.store import Store

NOW = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)
CANARY = "Zebulonia Quillfeather"
PARENT_PASSWORD = "blue kite over the harbour"


@pytest.fixture
def session(keyring_profile: Unlocked) -> Iterator[ParentSession]:
    opened = ParentVault.of(keyring_profile).set_up(NOW)
    child = parents.add_child(opened.store, NOW, CANARY, "12_15")
    parents.save_check(
        opened.store,
        NOW,
        child.id,
        [parents.SignAnswer("sleep", 2, f"{CANARY} sleeps badly")],
        good_moments=f"{CANARY} laughed at dinner",
    )
    yield opened
    opened.lock()


def _all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def _close_everything(unlocked: Unlocked, session: ParentSession) -> None:
    session.lock()
    unlocked.store.close()


def test_without_a_password_the_parent_data_opens_with_the_main_data(
    keyring_profile: Unlocked, session: ParentSession
) -> None:
    vault = ParentVault.of(keyring_profile)
    assert vault.state() is ParentLockState.OPEN
    session.lock()
    again = vault.open()
    assert [c.name for c in parents.children(again.store)] == [CANARY]
    again.lock()


def test_no_childs_data_is_readable_on_disk(
    keyring_profile: Unlocked, session: ParentSession
) -> None:
    folder = keyring_profile.profile.folder
    _close_everything(keyring_profile, session)
    assert (folder / "parents.db").exists()
    assert CANARY.encode() not in _all_bytes(folder)
    assert CANARY.encode("utf-16-le") not in _all_bytes(folder)


def test_with_a_password_the_main_key_alone_cannot_read_a_child(
    keyring_profile: Unlocked, session: ParentSession
) -> None:
    vault = ParentVault.of(keyring_profile)
    vault.set_password(session, PARENT_PASSWORD, keyring_profile.recovery_code or "")
    assert vault.state() is ParentLockState.PASSWORD
    folder = keyring_profile.profile.folder
    main_key = keyring_profile.data_key
    _close_everything(keyring_profile, session)

    # Everything the main key opens holds no trace of the child or of the parent key.
    main = Store.open(folder / "companion.db", main_key)
    for (table,) in main.query("SELECT name FROM sqlite_master WHERE type = 'table'"):
        for row in main.query(f'SELECT * FROM "{table}"'):
            assert CANARY not in repr(row)
    assert main.query("SELECT * FROM parent_key") == []
    main.close()
    # The main key does not open the parent file.
    with pytest.raises(CompanionError):
        Store.open(folder / "parents.db", main_key, migrate=False)
    assert CANARY.encode() not in _all_bytes(folder)


def test_the_old_parent_key_opens_nothing_once_a_password_is_set(
    keyring_profile: Unlocked, session: ParentSession
) -> None:
    """A copy of the main data made before the password holds a key that no longer works."""
    old_key = session.key
    vault = ParentVault.of(keyring_profile)
    vault.set_password(session, PARENT_PASSWORD, keyring_profile.recovery_code or "")
    assert session.key != old_key
    session.lock()
    with pytest.raises(CompanionError):
        Store.open(vault.db_path, old_key, migrate=False)


def test_the_password_and_the_recovery_code_open_the_parent_data(
    keyring_profile: Unlocked, session: ParentSession
) -> None:
    vault = ParentVault.of(keyring_profile)
    code = keyring_profile.recovery_code or ""
    vault.set_password(session, PARENT_PASSWORD, code)
    session.lock()

    with pytest.raises(WrongSecret):
        vault.open()
    with pytest.raises(WrongSecret):
        vault.unlock_with_password("not the password")
    by_password = vault.unlock_with_password(PARENT_PASSWORD)
    assert [c.name for c in parents.children(by_password.store)] == [CANARY]
    by_password.lock()

    by_code = vault.unlock_with_recovery_code(code.lower().replace("-", " "))
    assert [c.name for c in parents.children(by_code.store)] == [CANARY]
    # Forgot the password: the recovery code opens it and a new password can be set.
    vault.change_password(by_code, "a new password")
    by_code.lock()
    assert parents.children(vault.unlock_with_password("a new password").store)


def test_the_recovery_code_opens_parent_data_without_a_password(
    keyring_profile: Unlocked, session: ParentSession
) -> None:
    session.lock()
    vault = ParentVault.of(keyring_profile)
    opened = vault.unlock_with_recovery_code(keyring_profile.recovery_code or "")
    assert [c.name for c in parents.children(opened.store)] == [CANARY]
    opened.lock()


def test_a_wrong_recovery_code_sets_no_password(
    keyring_profile: Unlocked, session: ParentSession
) -> None:
    vault = ParentVault.of(keyring_profile)
    with pytest.raises(WrongSecret):
        vault.set_password(session, PARENT_PASSWORD, "00000-00000-00000-00000-00000")
    assert vault.state() is ParentLockState.OPEN
    assert parents.children(session.store)


def test_locking_the_parent_view_leaves_the_main_data_open(
    keyring_profile: Unlocked, session: ParentSession
) -> None:
    ParentVault.of(keyring_profile).set_password(
        session, PARENT_PASSWORD, keyring_profile.recovery_code or ""
    )
    session.lock()
    assert session.locked
    with pytest.raises(StorageError):
        parents.children(session.store)
    keyring_profile.settings.set("user_name", "Margaret")
    assert keyring_profile.settings.get("user_name") == "Margaret"


def test_removing_the_password_puts_the_key_back_in_the_main_data(
    keyring_profile: Unlocked, session: ParentSession
) -> None:
    vault = ParentVault.of(keyring_profile)
    vault.set_password(session, PARENT_PASSWORD, keyring_profile.recovery_code or "")
    vault.remove_password(session)
    session.lock()
    assert vault.state() is ParentLockState.OPEN
    assert parents.children(vault.open().store)


def _crash(*args: object) -> None:
    raise KeyboardInterrupt


def test_a_crash_after_the_new_key_was_saved_finishes_on_the_next_open(
    keyring_profile: Unlocked, session: ParentSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = ParentVault.of(keyring_profile)
    # The new key is saved and the old file closed; the crash comes before the swap.
    real = ParentVault._remove_sidecars

    def crash_at_swap(path: Path) -> None:
        if path == vault.db_path:
            raise KeyboardInterrupt
        real(path)

    monkeypatch.setattr(ParentVault, "_remove_sidecars", staticmethod(crash_at_swap))
    with pytest.raises(KeyboardInterrupt):
        vault.set_password(session, PARENT_PASSWORD, keyring_profile.recovery_code or "")
    monkeypatch.undo()
    assert vault.state() is ParentLockState.PASSWORD
    assert keyring_profile.store.query("SELECT * FROM parent_key") == []
    opened = vault.unlock_with_password(PARENT_PASSWORD)
    assert [c.name for c in parents.children(opened.store)] == [CANARY]
    opened.lock()


def test_a_crash_before_the_new_key_was_saved_keeps_the_old_way_in(
    keyring_profile: Unlocked, session: ParentSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = ParentVault.of(keyring_profile)
    monkeypatch.setattr("companion.parents_lock.write_atomically", _crash)
    with pytest.raises(KeyboardInterrupt):
        vault.set_password(session, PARENT_PASSWORD, keyring_profile.recovery_code or "")
    monkeypatch.undo()
    session.lock()
    assert vault.state() is ParentLockState.OPEN
    assert not (vault.folder / "parents.db.next").exists()
    opened = vault.open()
    assert [c.name for c in parents.children(opened.store)] == [CANARY]
    opened.lock()


def test_deleting_the_parent_data_leaves_the_rest(
    keyring_profile: Unlocked, session: ParentSession
) -> None:
    vault = ParentVault.of(keyring_profile)
    keyring_profile.settings.set("user_name", "Margaret")
    vault.delete_all(session)
    assert vault.state() is ParentLockState.NOT_SET_UP
    assert not vault.db_path.exists()
    assert keyring_profile.settings.get("user_name") == "Margaret"
    fresh = vault.set_up(NOW)
    assert parents.children(fresh.store) == []
    fresh.lock()


def test_the_profile_reopens_with_the_parent_data_intact(folder: Path, fake_vault: object) -> None:
    unlocked = Profile(folder, fake_vault).create("keyring")  # type: ignore[arg-type]
    opened = ParentVault.of(unlocked).set_up(NOW)
    parents.add_child(opened.store, NOW, "Sam", "under_12")
    opened.lock()
    unlocked.close()
    again = Profile(folder, fake_vault).unlock_with_keyring()  # type: ignore[arg-type]
    assert [c.name for c in parents.children(ParentVault.of(again).open().store)] == ["Sam"]
    again.close()


def test_delete_only_the_parent_views_data_finds_all_of_it(
    keyring_profile: Unlocked, session: ParentSession
) -> None:
    from companion.backup_delete import delete_parent_data

    vault = ParentVault.of(keyring_profile)
    vault.set_password(session, PARENT_PASSWORD, keyring_profile.recovery_code or "")
    vault.remove_password(session)  # the key is in the main data again
    keyring_profile.settings.set("user_name", "Margaret")
    session.lock()
    deleted = delete_parent_data(keyring_profile, NOW)
    assert deleted.tables["parent_key"] == 1
    assert "parents.db" in deleted.files
    assert vault.state() is ParentLockState.NOT_SET_UP
    assert keyring_profile.settings.get("user_name") == "Margaret"


def test_after_the_password_is_removed_the_recovery_code_still_opens_it(
    keyring_profile: Unlocked, session: ParentSession
) -> None:
    vault = ParentVault.of(keyring_profile)
    code = keyring_profile.recovery_code or ""
    vault.set_password(session, PARENT_PASSWORD, code)
    vault.remove_password(session)
    session.lock()
    # An older copy of the main data, without the parent key, is put back.
    keyring_profile.store.execute("DELETE FROM parent_key")
    assert vault.state() is ParentLockState.RECOVERY
    with pytest.raises(WrongSecret):
        vault.open()
    opened = vault.unlock_with_recovery_code(code)
    assert [c.name for c in parents.children(opened.store)] == [CANARY]
    assert vault.state() is ParentLockState.OPEN  # the main data holds the key again
    # A password can be chosen again; the key changes once more.
    vault.set_password(opened, "another password", code)
    opened.lock()
    assert vault.state() is ParentLockState.PASSWORD
    assert parents.children(vault.unlock_with_password("another password").store)


def test_a_new_recovery_code_is_let_in_while_the_parent_data_is_open(
    keyring_profile: Unlocked, session: ParentSession
) -> None:
    vault = ParentVault.of(keyring_profile)
    old_code = keyring_profile.recovery_code or ""
    vault.set_password(session, PARENT_PASSWORD, old_code)
    new_code = keyring_profile.profile.keys.new_recovery_code(keyring_profile.data_key)
    with pytest.raises(WrongSecret):  # the code must be the profile's current one
        vault.rewrap_recovery(session, old_code)
    vault.rewrap_recovery(session, new_code)
    session.lock()
    assert parents.children(vault.unlock_with_recovery_code(new_code).store)


def test_a_stale_key_put_back_with_an_older_main_copy_asks_for_the_recovery_code(
    keyring_profile: Unlocked, session: ParentSession
) -> None:
    vault = ParentVault.of(keyring_profile)
    code = keyring_profile.recovery_code or ""
    stale = session.key
    vault.set_password(session, PARENT_PASSWORD, code)
    vault.remove_password(session)
    session.lock()
    keyring_profile.store.execute("UPDATE parent_key SET key_hex = ?", (stale.hex(),))
    assert vault.state() is ParentLockState.RECOVERY
    assert parents.children(vault.unlock_with_recovery_code(code).store)
    assert vault.state() is ParentLockState.OPEN


def test_a_parent_file_that_its_key_does_not_open_is_left_alone_with_a_plain_message(
    keyring_profile: Unlocked, session: ParentSession
) -> None:
    vault = ParentVault.of(keyring_profile)
    session.lock()
    before = vault.db_path.read_bytes()
    keyring_profile.store.execute("UPDATE parent_key SET key_hex = ?", ("00" * 32,))
    with pytest.raises(CompanionError, match="parent view"):
        vault.open()
    assert vault.db_path.read_bytes() == before
