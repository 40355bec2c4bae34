"""No personal data in plaintext anywhere in the profile folder, at any moment."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from companion.keys import KeyringVault
from companion.profile import Profile, Unlocked

from .conftest import PASSPHRASE
from .helpers import files_containing

CANARY = "Canary-Zoë-7f3a9c-Privat"
SQLITE_HEADER = b"SQLite format 3\x00"


def _write_personal_data(unlocked: Unlocked) -> None:
    unlocked.settings.set("user_name", CANARY)
    with unlocked.store.transaction():
        for i in range(20):
            unlocked.store.execute(
                "INSERT INTO app_events(at, kind, detail) VALUES(?, 'note', ?)",
                (f"2024-01-{i + 1:02d}", f"{CANARY} called about the picnic #{i}"),
            )
    unlocked.settings.set("text_scale", 150)  # device setting, in preferences.json


@pytest.fixture(params=["passphrase", "session", "keyring"])
def unlocked(request: pytest.FixtureRequest, folder: Path, fake_vault: KeyringVault):
    profile = Profile(folder, fake_vault)
    profile.acquire_lock()
    opened = profile.create(request.param, PASSPHRASE if request.param == "passphrase" else None)
    yield opened
    opened.close()
    profile.lock.release()


def test_canary_is_in_no_file_while_open_nor_after_close(unlocked: Unlocked) -> None:
    folder = unlocked.profile.folder
    _write_personal_data(unlocked)

    # While open, the latest writes are in the -wal file: it must be encrypted too.
    wal = folder / "companion.db-wal"
    assert wal.exists() and wal.stat().st_size > 0
    assert (folder / "companion.db-shm").exists()
    assert files_containing(folder, CANARY) == []

    backup = unlocked.store.backup_to(folder / "backups" / "before-v2.db", unlocked.data_key)
    unlocked.close()
    names = {p.name for p in folder.rglob("*") if p.is_file()}
    assert {"companion.db", "keys.json", "preferences.json", ".lock", backup.name} <= names
    assert files_containing(folder, CANARY) == []

    # The canary really is in the data: the search above could have found it.
    reopened = unlocked.profile.open(unlocked.data_key)
    assert reopened.settings.get("user_name") == CANARY
    assert (
        reopened.store.query_one(
            "SELECT count(*) FROM app_events WHERE detail LIKE ?", (f"{CANARY}%",)
        )[0]
        == 20
    )
    reopened.close()
    assert files_containing(folder, CANARY) == []


def test_the_search_finds_a_canary_in_an_unencrypted_database(tmp_path: Path) -> None:
    """The check above would catch plaintext: a plain SQLite file with the canary is found."""
    plain = sqlite3.connect(tmp_path / "plain.db")
    plain.execute("CREATE TABLE t(x TEXT)")
    plain.execute("INSERT INTO t VALUES(?)", (CANARY,))
    plain.commit()
    plain.close()
    assert files_containing(tmp_path, CANARY) == ["plain.db"]
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(CANARY.encode("utf-16-le"))
    assert "utf16.txt" in files_containing(tmp_path, CANARY)


def test_database_and_backup_look_like_noise_to_plain_sqlite(unlocked: Unlocked) -> None:
    folder = unlocked.profile.folder
    _write_personal_data(unlocked)
    backup = unlocked.store.backup_to(folder / "backups" / "copy.db", unlocked.data_key)
    unlocked.close()
    for path in (folder / "companion.db", backup):
        data = path.read_bytes()
        assert not data.startswith(SQLITE_HEADER)
        assert b"SQLite format" not in data[:100]
        assert b"CREATE TABLE" not in data
        readonly = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        with pytest.raises(sqlite3.DatabaseError):
            readonly.execute("SELECT name FROM sqlite_master").fetchall()
        readonly.close()
        assert path.read_bytes() == data
