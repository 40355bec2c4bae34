"""The encrypted store: opening without ever harming a file, transactions, checks."""

from __future__ import annotations

import shutil
from datetime import UTC
from pathlib import Path

import pytest

from companion.errors import DatabaseTooNew, ProfileDamaged, StorageError
from companion.keys import new_data_key
from companion.store import Store, _plain_sqlite_error, latest_version

from .helpers import PAGE_SIZE, flip_bytes, snapshot


@pytest.fixture
def key() -> bytes:
    return new_data_key()


@pytest.fixture
def db(tmp_path: Path, key: bytes) -> Path:
    """A closed database with enough rows to span a dozen pages."""
    path = tmp_path / "data" / "companion.db"
    path.parent.mkdir()
    store = Store.open(path, key, create=True)
    with store.transaction():
        for i in range(50):
            store.execute(
                "INSERT INTO app_events(at, kind, detail) VALUES(?, 'test', ?)", (str(i), "d" * 500)
            )
    store.close()
    return path


def _events(store: Store) -> int:
    return store.query_one("SELECT count(*) FROM app_events")[0]


def _leftovers(path: Path) -> list[str]:
    return [p.name for p in path.parent.iterdir() if p.name.endswith(("-wal", "-shm", "-journal"))]


# --- opening -------------------------------------------------------------------


def test_missing_file_is_not_quietly_made_new(tmp_path: Path, key: bytes) -> None:
    path = tmp_path / "companion.db"
    with pytest.raises(ProfileDamaged, match="is missing. Nothing has been changed"):
        Store.open(path, key)
    assert list(tmp_path.iterdir()) == []


def test_create_refuses_to_replace_existing_data(db: Path, key: bytes) -> None:
    before = snapshot(db.parent)
    with pytest.raises(StorageError, match="already data"):
        Store.open(db, key, create=True)
    assert snapshot(db.parent) == before


def test_garbage_file_gets_a_plain_message_and_is_left_alone(tmp_path: Path, key: bytes) -> None:
    path = tmp_path / "companion.db"
    path.write_bytes(bytes(range(256)) * 64)
    before = snapshot(tmp_path)
    with pytest.raises(StorageError) as caught:
        Store.open(path, key)
    assert "seems damaged, so it was left exactly as it is" in caught.value.message
    assert snapshot(tmp_path) == before
    assert _leftovers(path) == []


def test_wrong_key_writes_nothing(db: Path) -> None:
    before = snapshot(db.parent)
    with pytest.raises(StorageError):
        Store.open(db, new_data_key())
    assert snapshot(db.parent) == before
    assert _leftovers(db) == []


def test_database_from_a_newer_version_is_refused_untouched(db: Path, key: bytes) -> None:
    store = Store.open(db, key)
    store.execute(f"PRAGMA user_version = {latest_version() + 1}")
    store.close()
    before = snapshot(db.parent)
    with pytest.raises(DatabaseTooNew) as caught:
        Store.open(db, key)
    assert "newer version of Companion" in caught.value.message
    assert "Nothing has been changed" in caught.value.message
    assert snapshot(db.parent) == before
    assert _leftovers(db) == []


def test_fresh_database_is_wal_full_sync_with_foreign_keys(tmp_path: Path, key: bytes) -> None:
    store = Store.open(tmp_path / "c.db", key, create=True)
    assert store.query_one("PRAGMA journal_mode")[0] == "wal"
    assert store.query_one("PRAGMA synchronous")[0] == 2  # FULL
    assert store.query_one("PRAGMA foreign_keys")[0] == 1
    assert store.user_version == latest_version()
    store.close()


def test_closed_store_says_the_data_is_locked(db: Path, key: bytes) -> None:
    store = Store.open(db, key)
    store.close()
    assert store.closed
    with pytest.raises(StorageError, match="locked"):
        store.query("SELECT 1")


# --- transactions ---------------------------------------------------------------


def test_a_failed_transaction_leaves_nothing(db: Path, key: bytes) -> None:
    store = Store.open(db, key)
    with pytest.raises(RuntimeError), store.transaction():
        store.execute("INSERT INTO settings(key, value) VALUES('a', '1')")
        store.execute("DELETE FROM app_events")
        raise RuntimeError("power cut")
    assert store.get_setting("a") is None
    assert _events(store) == 50
    store.close()
    reopened = Store.open(db, key)
    assert reopened.get_setting("a") is None and _events(reopened) == 50
    reopened.close()


def test_nested_transactions_commit_together(db: Path, key: bytes) -> None:
    store = Store.open(db, key)
    reader = Store.open(db, key)
    with store.transaction():
        store.set_setting("outer", "1")
        with store.transaction():
            store.set_setting("inner", "2")
        # The inner block joined the outer one: nothing is visible elsewhere yet.
        assert reader.get_setting("inner") is None
    assert reader.get_setting("outer") == "1" and reader.get_setting("inner") == "2"
    store.close()
    reader.close()


def test_an_error_in_a_nested_transaction_undoes_the_whole(db: Path, key: bytes) -> None:
    store = Store.open(db, key)
    with pytest.raises(ValueError), store.transaction():
        store.set_setting("outer", "1")
        with store.transaction():
            store.set_setting("inner", "2")
            raise ValueError("bad input")
    assert store.get_setting("outer") is None and store.get_setting("inner") is None
    # The store is usable afterwards.
    store.set_setting("after", "3")
    assert store.get_setting("after") == "3"
    store.close()


def test_a_single_write_is_committed_at_once(db: Path, key: bytes) -> None:
    store = Store.open(db, key)
    reader = Store.open(db, key)
    store.set_setting("name", "x")
    assert reader.get_setting("name") == "x"
    store.close()
    reader.close()


# --- backups ---------------------------------------------------------------------


def test_backup_opens_with_the_same_key_and_holds_the_data(db: Path, key: bytes) -> None:
    store = Store.open(db, key)
    store.set_setting("user_name", "Ada")
    target = store.backup_to(db.parent / "backups" / "copy.db", key)
    store.close()
    assert [p.name for p in target.parent.iterdir()] == ["copy.db"]  # no .partial left
    copy = Store.open(target, key, migrate=False)
    assert copy.get_setting("user_name") == "Ada"
    assert _events(copy) == 50
    assert copy.user_version == latest_version()
    assert copy.integrity().ok
    copy.close()
    with pytest.raises(StorageError):
        Store.open(target, new_data_key())


# --- checks ----------------------------------------------------------------------------


def test_integrity_is_clean_on_a_fresh_database(db: Path, key: bytes) -> None:
    store = Store.open(db, key)
    report = store.integrity()
    assert report.ok
    assert report.integrity == ["ok"] and report.cipher == []
    store.close()


def _damaged_copy(db: Path, page: int) -> Path:
    """A copy with 16 bytes flipped in the middle of ``page`` (1-based)."""
    copy = db.with_name("damaged.db")
    shutil.copy(db, copy)
    assert copy.stat().st_size >= page * PAGE_SIZE
    flip_bytes(copy, (page - 1) * PAGE_SIZE + PAGE_SIZE // 2)
    return copy


def test_cipher_check_names_a_changed_page(db: Path, key: bytes) -> None:
    pages = db.stat().st_size // PAGE_SIZE
    middle = pages // 2 + 1
    damaged = _damaged_copy(db, middle)
    store = Store.open(damaged, key, migrate=False)
    found = [row[0] for row in store.query("PRAGMA cipher_integrity_check")]
    store.close()
    assert found == [f"HMAC verification failed for page {middle}"]


def test_integrity_reports_a_damaged_table_root(db: Path, key: bytes) -> None:
    damaged = _damaged_copy(db, 3)
    before = damaged.read_bytes()
    store = Store.open(damaged, key, migrate=False)
    report = store.integrity()
    store.close()
    assert not report.ok
    assert report.cipher == ["HMAC verification failed for page 3"]
    assert damaged.read_bytes() == before


def test_integrity_reports_a_damaged_data_page_instead_of_failing(db: Path, key: bytes) -> None:
    pages = db.stat().st_size // PAGE_SIZE
    damaged = _damaged_copy(db, pages // 2 + 1)
    store = Store.open(damaged, key, migrate=False)
    try:
        report = store.integrity()
    finally:
        store.close()
    assert not report.ok
    assert report.cipher


def test_reading_a_damaged_page_gets_a_plain_message(db: Path, key: bytes) -> None:
    probe = Store.open(db, key, migrate=False)
    (root,) = probe.query_one("SELECT rootpage FROM sqlite_master WHERE name = 'app_events'")
    probe.close()
    damaged = _damaged_copy(db, int(root))
    store = Store.open(damaged, key, migrate=False)
    try:
        with pytest.raises(StorageError, match="seems damaged"):
            store.query("SELECT detail FROM app_events")
    finally:
        store.close()


# --- plain words for SQLite's errors ----------------------------------------------------------


@pytest.mark.parametrize(
    ("sqlite_says", "user_reads"),
    [
        ("database or disk is full", "The disk is full, so nothing was saved."),
        ("attempt to write a readonly database", "is not allowed to write in /data/profile"),
        ("database is locked", "busy in another program"),
        ("file is not a database", "seems damaged, so it was left exactly as it is"),
        ("database disk image is malformed", "seems damaged"),
        ("unable to open database file", "could not use /data/profile/companion.db"),
    ],
)
def test_sqlite_errors_become_plain_words(sqlite_says: str, user_reads: str) -> None:
    error = _plain_sqlite_error(Exception(sqlite_says), Path("/data/profile/companion.db"))
    assert isinstance(error, StorageError)
    assert user_reads in error.message


def test_a_read_never_waits_behind_a_long_write(keyring_profile):
    """The window reads while an import holds its transaction: it gets the committed state."""
    import threading
    from datetime import datetime, timedelta, timezone

    from companion import contacts
    from companion.contacts import Person

    store = keyring_profile.store
    now = datetime(2026, 12, 4, 10, tzinfo=timezone(timedelta(hours=1)))
    contacts.add_person(store, now, Person(0, "Already here"))
    inside, read_done = threading.Event(), threading.Event()
    outcome: dict[str, object] = {}

    def long_import() -> None:
        with store.transaction():
            contacts.add_people(store, now, [Person(0, f"Imported {n}") for n in range(2000)])
            inside.set()
            # The import is still open: it waits for the reader (up to 20 s, then gives up).
            outcome["reader_finished_first"] = read_done.wait(20)

    writer = threading.Thread(target=long_import)
    writer.start()
    assert inside.wait(20)
    seen = contacts.count_people(store)  # would wait 20 s behind the writer's lock before
    read_done.set()
    writer.join()
    assert outcome["reader_finished_first"] is True
    assert seen == 1  # the last committed state, not half an import
    assert contacts.count_people(store) == 2001


def test_the_thread_inside_a_transaction_sees_its_own_writes(keyring_profile):
    from datetime import datetime

    from companion import contacts
    from companion.contacts import Person

    store = keyring_profile.store
    with store.transaction():
        contacts.add_person(store, datetime(2026, 12, 4, tzinfo=UTC), Person(0, "Jo"))
        assert contacts.count_people(store) == 1
