"""The encrypted database: opening, migrations, transactions and checks.

SQLCipher 4 with a raw 256-bit key (see ``keys.py``), WAL journal with
``synchronous=FULL`` so an acknowledged write survives a crash, foreign keys
on. The connection runs in autocommit mode and every change goes through
``transaction()``, so a write is either all there or not there at all.
"""

from __future__ import annotations

import re
import shutil
import stat
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlcipher3 import dbapi2

from companion.errors import DatabaseTooNew, ProfileDamaged, StorageError
from companion.i18n import _
from companion.keys import sqlcipher_key_pragma

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")

SQLiteError = dbapi2.Error


@dataclass(frozen=True)
class Migration:
    """One numbered SQL file of companion/migrations/."""

    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    found = []
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if match:
            found.append(Migration(int(match.group(1)), path.stem, path.read_text("utf-8")))
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..n without gaps, found {versions}")
    return found


def latest_version() -> int:
    return len(migrations())


@dataclass(frozen=True)
class IntegrityReport:
    """What SQLite's and SQLCipher's own checks found (``ok`` when nothing)."""

    integrity: list[str]
    cipher: list[str]

    @property
    def ok(self) -> bool:
        return self.integrity == ["ok"] and not self.cipher


PAGE_SIZE = 4096  # SQLCipher 4's page size, which Companion never changes
_PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"


def damaged_data_file(path: Path, problem: str) -> ProfileDamaged:
    """A data file that is not (or no longer) Companion's: say so, offer the ways back.

    ``problem`` is one whole sentence saying what is wrong with the file.
    """
    return ProfileDamaged(
        problem
        + " "
        + _(
            "Companion has not changed it and will not start a new, empty one over it. "
            "Copies of your data are kept in {backups}: one of them can be put back, and "
            "your recovery code opens them too. If you moved the folder, check that "
            "{name} came with it."
        ).format(backups=path.parent / "backups", name=path.name)
    )


def inspect_data_file(path: Path) -> None:
    """Refuse, touching nothing, a data file that cannot be Companion's encrypted database.

    Checked from the size and first bytes only, so it costs nothing and needs no
    key: empty, cut short, or a plain (unencrypted) SQLite file.
    """
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device: never opened, never waited on
            raise damaged_data_file(
                path, _("Your data file {file} is not an ordinary file.").format(file=path)
            )
        size = info.st_size
        with open(path, "rb") as handle:
            head = handle.read(len(_PLAIN_SQLITE_HEADER))
    except FileNotFoundError:
        raise ProfileDamaged(
            _(
                "Your data file {file} is missing. Nothing has been changed. If it is on a "
                "drive that is not connected, connect it and try again."
            ).format(file=path)
        ) from None
    except IsADirectoryError:
        raise damaged_data_file(
            path, _("Your data file {file} is a folder, not a file.").format(file=path)
        ) from None
    except OSError as error:
        raise _plain_sqlite_error(error, path) from None
    if size == 0:
        raise damaged_data_file(path, _("Your data file {file} is empty.").format(file=path))
    if head == _PLAIN_SQLITE_HEADER:
        raise damaged_data_file(
            path,
            _(
                "The file {file} is an ordinary database, not Companion's encrypted data: "
                "it was replaced by another file."
            ).format(file=path),
        )
    if size % PAGE_SIZE:
        raise damaged_data_file(
            path,
            _("Your data file {file} is cut short: part of it is missing.").format(file=path),
        )


class NotReadableWithKey(StorageError):
    """The file did not open with the key given: a wrong key, or a damaged or foreign file.

    ``Profile.open`` knows the key matched keys.json, so there it means damaged.
    """


def _disk_is_full(path: Path) -> bool:
    """SQLite calls a full disk "disk I/O error" when a read-only shm or WAL cannot grow."""
    import os

    try:
        stats = os.statvfs(path.parent if not path.is_dir() else path)
    except (OSError, AttributeError):  # no statvfs on Windows
        return False
    return stats.f_bavail * stats.f_frsize < 64 * 1024


def _plain_sqlite_error(error: BaseException, path: Path) -> StorageError:
    text = str(error).lower()
    if ("disk i/o error" in text or "unable to open" in text) and _disk_is_full(path):
        text = "disk is full"
    if "disk is full" in text or "database or disk is full" in text:
        return StorageError(
            _("The disk is full, so nothing was saved. Free some space and try again.")
        )
    if "readonly" in text or "read-only" in text:
        return StorageError(
            _(
                "Companion is not allowed to write in {folder}, so nothing was saved. "
                "Choose a folder you can write to, or ask someone to check its permissions."
            ).format(folder=path.parent)
        )
    if "locked" in text or "busy" in text:
        return StorageError(
            _("Your data is busy in another program right now. Please try again in a moment.")
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StorageError(
            _(
                "Your data file {file} seems damaged, so it was left exactly as it is. "
                "Run “companion check” for details, or restore a backup."
            ).format(file=path)
        )
    return StorageError(
        _("Companion could not use {file}: {reason}").format(file=path, reason=error)
    )


class Store:
    """One open, unlocked database. Safe to hand between threads.

    Writes take turns on one connection, a whole transaction at a time. Reads
    from any other thread than the one inside a transaction go to a read-only
    connection (WAL lets it read the last committed state at once), so the
    window never waits behind a long import or backup. The main (UI) thread has
    a reader of its own: a background job reading 20,000 people holds the other
    one for a few hundred milliseconds, and the window must not wait for that.
    """

    def __init__(self, path: Path, connection: Any) -> None:
        self.path = path
        self._conn = connection
        self._lock = threading.RLock()
        self._depth = 0
        self._writer: int | None = None  # the thread inside a transaction
        # One reader for the main (UI) thread, one shared by every other thread.
        self._readers: dict[bool, Any] = {True: None, False: None}
        self._reader_locks = {True: threading.Lock(), False: threading.Lock()}
        self._reader_key: str | None = None  # set when a reader may be opened

    # opening --------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path,
        data_key: bytes,
        *,
        create: bool = False,
        migrate: bool = True,
        read_only: bool = False,
    ) -> Store:
        """Open (or with ``create``, make) the database and bring it up to date.

        A database that does not exist, is empty or is not Companion's is never
        made or changed unless ``create`` is set, so it can't quietly turn into
        a new, empty one. ``read_only`` opens it for looking only (``check``).
        """
        path = Path(path)
        if not create:
            # Empty, cut short or not Companion's: never a new schema over it.
            inspect_data_file(path)
        if create and path.exists():
            raise StorageError(_("There is already data at {file}.").format(file=path))
        try:
            if read_only:
                # ``check``: no journal change, no checkpoint, no WAL deleted on close.
                # With no WAL beside it (nothing is writing), not even an empty
                # -wal or -shm is made: the file is read as it lies.
                quiet = "" if Path(f"{path}-wal").exists() else "&immutable=1"
                conn = sqlcipher3.connect(
                    f"{path.resolve().as_uri()}?mode=ro{quiet}",
                    uri=True,
                    isolation_level=None,
                    check_same_thread=False,
                    timeout=10,
                )
            else:
                conn = sqlcipher3.connect(
                    str(path), isolation_level=None, check_same_thread=False, timeout=10
                )
        except SQLiteError as error:
            raise _plain_sqlite_error(error, path) from None
        store = cls(path, conn)
        try:
            conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute(sqlcipher_key_pragma(data_key))
            conn.execute("PRAGMA cipher_memory_security = ON")
            # The first read decrypts page 1: a wrong key fails here, before any write.
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
            except dbapi2.DatabaseError as error:
                if create or "not a database" not in str(error).lower():
                    raise
                # A wrong key, or a file that is damaged or not Companion's.
                raise NotReadableWithKey(_plain_sqlite_error(error, path).message) from None
            if read_only:
                conn.execute("PRAGMA query_only = ON")
            if version > latest_version():
                raise DatabaseTooNew(
                    _(
                        "Your data was saved by a newer version of Companion. Please install "
                        "the newer version to open it. Nothing has been changed."
                    )
                )
            if not read_only:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = FULL")
                conn.execute("PRAGMA foreign_keys = ON")
                conn.execute("PRAGMA secure_delete = ON")
            if migrate and not read_only:
                store.migrate(data_key)
            if not read_only:
                store._reader_key = sqlcipher_key_pragma(data_key)
        except (DatabaseTooNew, StorageError, ProfileDamaged):  # NotReadableWithKey too
            conn.close()
            raise
        except SQLiteError as error:
            conn.close()
            raise _plain_sqlite_error(error, path) from None
        return store

    def close(self) -> None:
        with self._lock, self._reader_locks[True], self._reader_locks[False]:
            for main, reader in self._readers.items():
                if reader is not None:
                    reader.close()
                    self._readers[main] = None
            self._reader_key = None
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    @staticmethod
    def _on_main_thread() -> bool:
        return threading.current_thread() is threading.main_thread()

    def _read_connection(self, main: bool) -> Any:
        """A reader, for a thread that is not inside a transaction (None: use the writer).

        ``main`` picks the main thread's reader; call it holding that reader's lock.
        """
        if self._reader_key is None or self._writer == threading.get_ident():
            return None
        if self._readers[main] is None:
            try:
                reader = sqlcipher3.connect(
                    str(self.path), isolation_level=None, check_same_thread=False, timeout=10
                )
                reader.execute("PRAGMA cipher_log_level = NONE")
                reader.execute(self._reader_key)
                reader.execute("PRAGMA cipher_memory_security = ON")
                reader.execute("PRAGMA query_only = ON")
            except SQLiteError:
                self._reader_key = None  # fall back to the one connection
                return None
            self._readers[main] = reader
        return self._readers[main]

    def _read(
        self,
        sql: str,
        params: Sequence[Any] | dict[str, Any],
        fetch: str,
        main: bool | None = None,
    ) -> Any:
        # Pragmas describe (or set) one connection: they always go to the writer.
        plain_select = not sql.lstrip()[:6].upper().startswith("PRAGMA")
        if main is None:
            main = self._on_main_thread()
        with self._reader_locks[main]:
            reader = self._read_connection(main) if plain_select else None
            if reader is not None:
                try:
                    cursor = reader.execute(sql, params)
                    return cursor.fetchall() if fetch == "all" else cursor.fetchone()
                except SQLiteError as error:
                    if isinstance(error, dbapi2.IntegrityError | dbapi2.ProgrammingError):
                        raise
                    raise _plain_sqlite_error(error, self.path) from None
        with self._lock:
            return self._run(sql, params, fetch)

    def warm_reader(self, *tables: str) -> int:
        """Read these tables and their indexes once through the main thread's reader.

        After another connection writes, SQLite drops everything a reader had
        decrypted and cached, so the window's first reads after a large write (the
        redraw after an import) each decrypt their pages again: about 40 ms of the
        redraw after 10,000 people were added. Call this off the UI thread, right
        after such a write; the scans run inside SQLite (no rows come back to Python)
        with Python's lock let go. Returns how many b-trees were read; does nothing
        inside a transaction or without a reader, and never fails: it only saves time.
        """
        if self._writer == threading.get_ident() or self._reader_key is None:
            return 0
        if not all(table.isidentifier() for table in tables):
            raise ValueError(tables)
        touched = 0
        for table in tables:
            try:
                indexes = self.query(
                    "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?",
                    (table,),
                )
            except (StorageError, dbapi2.Error):  # closed meanwhile: nothing to warm
                return touched
            # count(*) walks every page of one b-tree: the table's, then each index's.
            scans = [f'SELECT count(*) FROM "{table}" NOT INDEXED']
            scans += [f'SELECT count(*) FROM "{table}" INDEXED BY "{row[0]}"' for row in indexes]
            for sql in scans:
                try:
                    self._read(sql, (), "one", main=True)
                except (StorageError, dbapi2.Error):  # a partial index cannot be named: skip it
                    continue
                touched += 1
        return touched

    @property
    def closed(self) -> bool:
        return self._conn is None

    # queries ---------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """All the writes inside happen together or not at all (nesting joins the outer one)."""
        with self._lock:
            outer = self._depth == 0
            if outer:
                self._run("BEGIN IMMEDIATE")
                self._writer = threading.get_ident()
            self._depth += 1
            try:
                try:
                    yield self
                except BaseException:
                    self._depth -= 1
                    if outer:
                        self._rollback()
                    raise
                self._depth -= 1
                if outer:
                    try:
                        self._run("COMMIT")
                    except StorageError:
                        self._rollback()
                        raise
            finally:
                if outer:
                    self._writer = None

    def _rollback(self) -> None:
        try:
            self._conn.execute("ROLLBACK")
        except SQLiteError:
            pass

    def _run(self, sql: str, params: Sequence[Any] | dict[str, Any] = (), fetch: str = "") -> Any:
        """Run one statement; errors (even while reading rows) become plain messages."""
        if self._conn is None:
            raise StorageError(_("Your data is locked. Unlock it and try again."))
        try:
            cursor = self._conn.execute(sql, params)
            if fetch == "all":
                return cursor.fetchall()
            if fetch == "one":
                return cursor.fetchone()
            return cursor
        except SQLiteError as error:
            if isinstance(error, dbapi2.IntegrityError | dbapi2.ProgrammingError):
                raise
            raise _plain_sqlite_error(error, self.path) from None

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        with self._lock:
            if self._depth == 0 and not sql.lstrip().upper().startswith("SELECT"):
                with self.transaction():
                    return self._run(sql, params)
            return self._run(sql, params)

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[tuple[Any, ...]]:
        return list(self._read(sql, params, "all"))

    def query_one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        return self._read(sql, params, "one")

    # versions and migrations ------------------------------------------------

    @property
    def user_version(self) -> int:
        return int(self.query_one("PRAGMA user_version")[0])

    def migrate(self, data_key: bytes) -> list[int]:
        """Apply every migration not yet applied, each in its own transaction.

        Before touching a database that already holds data, an encrypted copy
        is saved in ``backups/`` beside it.
        """
        current = self.user_version
        pending = [m for m in migrations() if m.version > current]
        if not pending:
            return []
        holds_data = self.query_one("SELECT count(*) FROM sqlite_master")[0] > 0
        if current > 0 or holds_data:
            self.backup_to(
                self.backup_dir() / self._backup_name(f"before-v{pending[0].version}"), data_key
            )
        applied = []
        with self._lock:
            for migration in pending:
                script = (
                    "BEGIN IMMEDIATE;\n"
                    + migration.sql
                    + f"\n;PRAGMA user_version = {migration.version};\nCOMMIT;"
                )
                try:
                    self._conn.executescript(script)
                except SQLiteError as error:
                    self._rollback()
                    raise _plain_sqlite_error(error, self.path) from None
                applied.append(migration.version)
        return applied

    # backups and checks -------------------------------------------------------

    def backup_dir(self) -> Path:
        return self.path.parent / "backups"

    @staticmethod
    def _backup_name(reason: str) -> str:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        return f"companion-{stamp}-{reason}.db"

    def backup_to(self, target: Path, data_key: bytes) -> Path:
        """Write an encrypted copy of the whole database, with the same key, to ``target``."""
        target = Path(target)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            from companion.keys import storage_error

            raise storage_error(error, target) from None
        partial = target.with_name(target.name + ".partial")
        partial.unlink(missing_ok=True)
        version = self.user_version
        with self._lock:
            try:
                self._conn.execute(
                    f"ATTACH DATABASE ? AS backup KEY \"x'{data_key.hex()}'\"", (str(partial),)
                )
                try:
                    self._conn.execute("SELECT sqlcipher_export('backup')")
                    self._conn.execute(f"PRAGMA backup.user_version = {int(version)}")
                finally:
                    self._conn.execute("DETACH DATABASE backup")
            except SQLiteError as error:
                partial.unlink(missing_ok=True)
                raise _plain_sqlite_error(error, target) from None
        shutil.move(str(partial), str(target))
        return target

    def integrity(self) -> IntegrityReport:
        """Both checks, with a check that cannot even run reported as a problem."""
        try:
            integrity = [str(row[0]) for row in self.query("PRAGMA integrity_check")]
        except StorageError as error:
            integrity = [error.message]
        try:
            cipher = [str(row[0]) for row in self.query("PRAGMA cipher_integrity_check")]
        except StorageError as error:
            cipher = [error.message]
        return IntegrityReport(integrity=integrity, cipher=cipher)

    # profile-scoped settings -------------------------------------------------

    def get_setting(self, key: str) -> str | None:
        row = self.query_one("SELECT value FROM settings WHERE key = ?", (key,))
        return None if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        self.execute(
            "INSERT INTO settings(key, value) VALUES(?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )
