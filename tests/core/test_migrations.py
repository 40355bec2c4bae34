"""Migrations: numbered files, a backup first, one transaction each, data kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlcipher3

import companion.store
from companion.errors import StorageError
from companion.keys import new_data_key, sqlcipher_key_pragma
from companion.store import MIGRATIONS_DIR, Store, latest_version, migrations

from .helpers import snapshot


def test_migration_files_are_numbered_without_gaps_and_all_recognised() -> None:
    files = sorted(p.name for p in MIGRATIONS_DIR.glob("*.sql"))
    found = migrations()
    # A misnamed file would be skipped silently and its schema never applied.
    assert [f"{m.name}.sql" for m in found] == files
    assert [m.version for m in found] == list(range(1, len(files) + 1))
    assert latest_version() == len(files) >= 1


def test_a_gap_in_the_numbering_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "0001_first.sql").write_text("CREATE TABLE a(x);")
    (tmp_path / "0003_third.sql").write_text("CREATE TABLE c(x);")
    monkeypatch.setattr(companion.store, "MIGRATIONS_DIR", tmp_path)
    with pytest.raises(RuntimeError, match="without gaps"):
        migrations()


def test_a_fresh_database_reaches_the_latest_version(tmp_path: Path) -> None:
    key = new_data_key()
    store = Store.open(tmp_path / "c.db", key, create=True)
    assert store.user_version == latest_version()
    tables = {row[0] for row in store.query("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"settings", "app_events"} <= tables
    store.close()
    # Nothing needed backing up: there was no data.
    assert not (tmp_path / "backups").exists()


def _old_database(path: Path, key: bytes, version: int, script: str) -> None:
    """A database as an older Companion would have left it, made without Store."""
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute(sqlcipher_key_pragma(key))
    conn.execute("PRAGMA journal_mode = WAL")
    conn.executescript(script)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()


def _backups(folder: Path) -> list[Path]:
    return sorted((folder / "backups").glob("*.db")) if (folder / "backups").exists() else []


def test_from_version_0_with_data_a_backup_is_made_first(tmp_path: Path) -> None:
    key = new_data_key()
    path = tmp_path / "companion.db"
    _old_database(path, key, 0, "CREATE TABLE notes(text TEXT); INSERT INTO notes VALUES('keep');")
    store = Store.open(path, key)
    assert store.user_version == latest_version()
    assert store.query("SELECT text FROM notes") == [("keep",)]
    store.close()
    [backup] = _backups(tmp_path)
    old = Store.open(backup, key, migrate=False)
    assert old.user_version == 0
    assert old.query("SELECT text FROM notes") == [("keep",)]
    old.close()


def test_from_version_0_with_data_the_data_survives(tmp_path: Path) -> None:
    key = new_data_key()
    path = tmp_path / "companion.db"
    _old_database(path, key, 0, "CREATE TABLE notes(text TEXT); INSERT INTO notes VALUES('keep');")
    store = Store.open(path, key)
    assert store.user_version == latest_version()
    assert store.query("SELECT text FROM notes") == [("keep",)]
    assert store.integrity().ok
    store.close()


@pytest.fixture
def next_migration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Add a migration after the shipped ones, as the next release will."""
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, folder)
    monkeypatch.setattr(companion.store, "MIGRATIONS_DIR", folder)
    current = len(list(folder.glob("*.sql")))

    def add(sql: str) -> int:
        version = current + 1
        (folder / f"{version:04d}_next.sql").write_text(sql)
        return version

    return add


def _profile_at_current_version(tmp_path: Path, key: bytes) -> Path:
    path = tmp_path / "data" / "companion.db"
    path.parent.mkdir()
    store = Store.open(path, key, create=True)
    store.set_setting("user_name", "Ada")
    store.execute("INSERT INTO app_events(at, kind, detail) VALUES('t', 'k', 'kept')")
    store.close()
    return path


def test_a_new_migration_backs_up_then_keeps_the_data(tmp_path: Path, next_migration) -> None:
    key = new_data_key()
    path = _profile_at_current_version(tmp_path, key)
    old_version = latest_version()
    new_version = next_migration(
        "ALTER TABLE app_events ADD COLUMN source TEXT NOT NULL DEFAULT 'app';"
        "CREATE TABLE future_things(id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT;"
    )
    store = Store.open(path, key)
    assert store.user_version == new_version
    assert store.get_setting("user_name") == "Ada"
    assert store.query("SELECT detail, source FROM app_events") == [("kept", "app")]
    store.close()

    [backup] = _backups(path.parent)
    assert f"before-v{new_version}" in backup.name
    old = Store.open(backup, key, migrate=False)
    assert old.user_version == old_version
    assert old.get_setting("user_name") == "Ada"
    assert old.query("SELECT detail FROM app_events") == [("kept",)]
    old.close()


def test_a_failing_migration_changes_nothing(tmp_path: Path, next_migration) -> None:
    key = new_data_key()
    path = _profile_at_current_version(tmp_path, key)
    old_version = latest_version()
    next_migration(
        "CREATE TABLE future_things(id INTEGER PRIMARY KEY) STRICT;"
        "DELETE FROM app_events;"
        "INSERT INTO no_such_table VALUES(1);"
    )
    with pytest.raises(StorageError) as caught:
        Store.open(path, key)
    assert "Traceback" not in caught.value.message
    store = Store.open(path, key, migrate=False)
    assert store.user_version == old_version
    assert store.query("SELECT detail FROM app_events") == [("kept",)]
    assert store.query("SELECT name FROM sqlite_master WHERE name = 'future_things'") == []
    store.close()
    # The backup made before the attempt is still there for the person.
    assert len(_backups(path.parent)) >= 1


def test_an_up_to_date_database_is_opened_without_a_backup(tmp_path: Path) -> None:
    key = new_data_key()
    path = _profile_at_current_version(tmp_path, key)
    before = snapshot(path.parent)
    Store.open(path, key).close()
    assert _backups(path.parent) == []
    assert set(snapshot(path.parent)) == set(before)


def test_each_migration_from_the_version_before_it_with_data(tmp_path: Path) -> None:
    """Every shipped migration applies on top of a database one version older holding data."""
    for target in migrations()[1:]:
        key = new_data_key()
        folder = tmp_path / f"to-{target.version}"
        folder.mkdir()
        path = folder / "companion.db"
        earlier = "\n".join(m.sql for m in migrations() if m.version < target.version)
        _old_database(
            path,
            key,
            target.version - 1,
            earlier + "\nINSERT INTO settings(key, value) VALUES ('user_name', '\"Ada\"');",
        )
        store = Store.open(path, key)
        assert store.user_version == target.version if target.version == latest_version() else True
        assert store.query("SELECT value FROM settings WHERE key = 'user_name'") == [('"Ada"',)]
        store.close()
        [backup] = _backups(folder)
        old = Store.open(backup, key, migrate=False)
        assert old.user_version == target.version - 1
        old.close()


def test_version_2_adds_help_and_self_check_tables(tmp_path: Path) -> None:
    key = new_data_key()
    store = Store.open(tmp_path / "companion.db", key, create=True)
    tables = {row[0] for row in store.query("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"professionals", "wellbeing_checks"} <= tables
    store.close()
