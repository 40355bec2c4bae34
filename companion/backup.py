"""Backups and restore: encrypted copies that the recovery code alone can open.

A backup file is one file, in two parts:

* a small plaintext **header**: the line ``COMPANION-BACKUP``, a 4-byte length and
  a JSON object holding the format number, when it was made, the app and schema
  versions, the key check value, the data key *wrapped* by the recovery code
  (and by the passphrase, where the profile has one) exactly as ``keys.json``
  holds them, and the size and SHA-256 of the database part. Nothing personal:
  the same things ``keys.json`` already keeps in the clear.
* the **database**: an SQLCipher copy written by ``sqlcipher_export`` into an
  attached database, never a copy of the live file, which would miss what is still
  in the WAL. It is exported through a connection of its own, in one read
  transaction (``_export_snapshot``), so the app can keep saving meanwhile.

* the **parent view's data** (format 2 only, when the profile has a ``parents.db``):
  an SQLCipher copy of ``parents.db`` under the parent view's *own* key, never
  re-encrypted or decrypted on the way, with its size and SHA-256 in the header,
  and ``parents-keys.json`` (only wraps and a key check) in the header too. It
  stays in the same one file, after the database, so a backup is still one file
  that is copied, checked and restored whole: a damaged parents part refuses the
  whole restore. Without a parent password, the parent key is inside the main
  part (as in the live profile), so whoever opens the main part opens it too;
  with a password, only the password (or the recovery code it was set with) does.

So the file alone plus the recovery code opens it, on this computer or another,
even after keys.json or the keyring entry is gone. With the profile's own key
(same key check) no code is needed at all. Files without the header (the
copies a migration leaves in ``backups/``) open with the profile's own key.

Restoring writes the new database beside the live one, fsyncs it, closes the
live store and swaps the file in with one atomic rename. The data key never
changes (the backup is re-encrypted with the profile's key on the way in), so
``keys.json`` and the keyring entry stay right whatever moment a crash comes.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import struct
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlcipher3
from sqlcipher3 import dbapi2

from companion import __version__, i18n
from companion.errors import BadRecoveryCode, CompanionError, StorageError, WrongSecret
from companion.i18n import _
from companion.keys import (
    KeyFile,
    Mode,
    Wrap,
    _fsync_dir,
    key_check,
    normalize_recovery_code,
    sqlcipher_key_pragma,
    storage_error,
    unwrap_key,
)
from companion.profile import DB_NAME, Profile, Unlocked
from companion.store import SQLiteError, Store, _plain_sqlite_error, latest_version

if TYPE_CHECKING:
    from companion.parents_lock import ParentKeyFile, ParentSession

MAGIC = b"COMPANION-BACKUP\n"
FORMAT_VERSION = 2  # 2: may carry the parent view's data after the database
PLAIN_FORMAT = 1  # a backup without parent data is written as before, so older apps read it
SUFFIX = ".companion-backup"
AUTO_PREFIX = "auto-"
SAFETY_PREFIX = "before-restore-"
KEEP_AUTO = 7
KEEP_SAFETY = 3
SQLITE_MAGIC = b"SQLite format 3\x00"
_MAX_HEADER = 64 * 1024
_CHUNK = 1024 * 1024
LAST_BACKUP_SETTING = "last_backup_at"
LAST_BACKUP_FILE_SETTING = "last_backup_file"  # where the newest was saved, wherever that is


class BackupRefused(CompanionError):
    """The file cannot be restored (damaged, cut short, foreign, newer); nothing changed."""


class BackupTooNew(BackupRefused):
    """The backup was made by a newer Companion than this one."""


class NeedsRecoveryCode(WrongSecret):
    """The backup was made with another key: ask for the recovery code that belongs to it."""


# Hooks the crash tests use to stop a backup or a restore between two steps.
StepHook = Callable[[str], None]


def _no_hook(step: str) -> None:
    return None


# --- the header ------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupHeader:
    format: int
    made_at: datetime
    app_version: str
    schema_version: int
    key_check: str
    recovery: Wrap | None
    passphrase: Wrap | None
    db_size: int
    db_sha256: str
    parents_size: int = 0  # 0: no parent view data in this backup
    parents_sha256: str = ""
    parents_keys: dict[str, Any] | None = None  # parents-keys.json as it was, if any

    @property
    def has_parents(self) -> bool:
        return self.parents_size > 0

    def to_bytes(self) -> bytes:
        data: dict[str, Any] = {
            "format": self.format,
            "made_at": self.made_at.isoformat(timespec="seconds"),
            "app_version": self.app_version,
            "schema_version": self.schema_version,
            "key_check": self.key_check,
            "recovery": _wrap_json(self.recovery),
            "passphrase": _wrap_json(self.passphrase),
            "db_size": self.db_size,
            "db_sha256": self.db_sha256,
        }
        if self.has_parents:
            data["parents_size"] = self.parents_size
            data["parents_sha256"] = self.parents_sha256
            data["parents_keys"] = self.parents_keys
        text = json.dumps(data, sort_keys=True).encode("utf-8")
        return MAGIC + struct.pack(">I", len(text)) + text

    @classmethod
    def parse(cls, data: dict[str, Any]) -> BackupHeader:
        made_at = datetime.fromisoformat(str(data["made_at"]))
        return cls(
            format=int(data["format"]),
            made_at=made_at,
            app_version=str(data.get("app_version", "")),
            schema_version=int(data["schema_version"]),
            key_check=str(data["key_check"]),
            recovery=Wrap.from_json(data["recovery"]) if data.get("recovery") else None,
            passphrase=Wrap.from_json(data["passphrase"]) if data.get("passphrase") else None,
            db_size=int(data["db_size"]),
            db_sha256=str(data["db_sha256"]),
            parents_size=int(data.get("parents_size") or 0),
            parents_sha256=str(data.get("parents_sha256") or ""),
            parents_keys=_keys_or_none(data.get("parents_keys")),
        )


def _keys_or_none(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError("parents_keys is not an object")
    return value


def _wrap_json(wrap: Wrap | None) -> dict[str, Any] | None:
    if wrap is None:
        return None
    return {
        "salt": wrap.salt,
        "nonce": wrap.nonce,
        "ciphertext": wrap.ciphertext,
        "n": wrap.n,
        "r": wrap.r,
        "p": wrap.p,
        "kdf": wrap.kdf,
    }


@dataclass(frozen=True)
class _Layout:
    """Where the database part of a file starts and how long it is."""

    header: BackupHeader | None  # None: a bare SQLCipher file (a migration's copy)
    offset: int
    size: int

    @property
    def parents_offset(self) -> int:
        return self.offset + self.size

    @property
    def parents_size(self) -> int:
        return self.header.parents_size if self.header is not None else 0


def _refused_damaged(path: Path) -> BackupRefused:
    return BackupRefused(
        _(
            "The backup {file} is damaged, so it cannot be restored. Nothing has been changed. "
            "Try an older backup."
        ).format(file=path.name)
    )


def _read_layout(path: Path) -> _Layout:
    """Read and check the header and the file's length; plain refusals for everything else."""
    try:
        with open(path, "rb") as handle:
            start = handle.read(len(MAGIC) + 4)
            size = os.fstat(handle.fileno()).st_size
            if start.startswith(MAGIC) and len(start) == len(MAGIC) + 4:
                (length,) = struct.unpack(">I", start[len(MAGIC) :])
                if length > _MAX_HEADER:
                    raise _refused_damaged(path)
                raw = handle.read(length)
                if len(raw) != length:
                    raise _refused_truncated(path)
            else:
                raw = b""
    except FileNotFoundError:
        raise BackupRefused(
            _("There is no file at {file}. Nothing has been changed.").format(file=path)
        ) from None
    except IsADirectoryError:
        raise BackupRefused(
            _("{file} is a folder. Please choose a backup file.").format(file=path)
        ) from None
    except OSError as error:
        raise BackupRefused(
            _("Companion could not read {file}: {reason}").format(
                file=path, reason=error.strerror or error
            )
        ) from None
    if not start.startswith(MAGIC):
        if start.startswith(SQLITE_MAGIC[: len(start)]) and len(start) >= 16:
            raise BackupRefused(
                _(
                    "{file} is a database from another program, not a Companion backup. "
                    "Nothing has been changed."
                ).format(file=path.name)
            )
        if size < 1024 or size % 512:
            raise _refused_foreign(path)
        return _Layout(None, 0, size)
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not an object")
        if int(data.get("format", 0)) > FORMAT_VERSION:
            raise _refused_newer(path)
        header = BackupHeader.parse(data)
    except BackupRefused:
        raise
    except (ValueError, KeyError, TypeError):
        raise _refused_damaged(path) from None
    offset = len(MAGIC) + 4 + len(raw)
    if header.parents_size < 0 or header.db_size <= 0:
        raise _refused_damaged(path)
    if size < offset + header.db_size + header.parents_size:
        raise _refused_truncated(path)
    if size > offset + header.db_size + header.parents_size:
        raise _refused_damaged(path)
    return _Layout(header, offset, header.db_size)


def _refused_truncated(path: Path) -> BackupRefused:
    return BackupRefused(
        _(
            "The backup {file} is incomplete: it seems to have been cut short while it was "
            "copied. Nothing has been changed. Try copying it again, or use an older backup."
        ).format(file=path.name)
    )


def _refused_foreign(path: Path) -> BackupRefused:
    return BackupRefused(
        _("{file} is not a Companion backup, or it is damaged. Nothing has been changed.").format(
            file=path.name
        )
    )


def _refused_newer(path: Path) -> BackupTooNew:
    return BackupTooNew(
        _(
            "The backup {file} was made by a newer version of Companion. Please install the "
            "newer version to restore it. Nothing has been changed."
        ).format(file=path.name)
    )


def read_header(path: Path) -> BackupHeader | None:
    """The header of a backup file (None for a bare copy); raises ``BackupRefused``."""
    return _read_layout(Path(path)).header


# --- opening a backup ------------------------------------------------------------------


def backup_key(header: BackupHeader | None, *, data_key: bytes | None, secret: str | None) -> bytes:
    """The key that opens the backup: the profile's own, or one the recovery code unwraps."""
    if header is None:
        if data_key is None:
            raise NeedsRecoveryCode(
                _(
                    "This backup can only be opened from the profile that made it. Open "
                    "Companion with that data first."
                )
            )
        return data_key
    if data_key is not None and key_check(data_key) == header.key_check:
        return data_key
    if not secret:
        raise NeedsRecoveryCode(
            _(
                "This backup was made with another key. Type the recovery code that belonged "
                "to the data it came from."
            )
        )
    with suppress(BadRecoveryCode):
        code = normalize_recovery_code(secret)
        if header.recovery is not None:
            key = unwrap_key(header.recovery, code, "recovery")
            if key is not None and key_check(key) == header.key_check:
                return key
    if header.passphrase is not None:
        key = unwrap_key(header.passphrase, secret, "passphrase")
        if key is not None and key_check(key) == header.key_check:
            return key
    raise WrongSecret(
        _(
            "That recovery code did not open this backup. Check each group of letters and "
            "numbers, and that it is the code from the time the backup was made."
        )
    )


def _sha256_of(path: Path, offset: int, size: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        handle.seek(offset)
        left = size
        while left:
            chunk = handle.read(min(_CHUNK, left))
            if not chunk:
                break
            digest.update(chunk)
            left -= len(chunk)
    return digest.hexdigest()


def _copy_part(source: Path, offset: int, size: int, target: Path) -> None:
    """Copy the database part to ``target`` (encrypted bytes, never plaintext), fsynced."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out, open(source, "rb") as handle:
        handle.seek(offset)
        left = size
        while left:
            chunk = handle.read(min(_CHUNK, left))
            if not chunk:
                break
            out.write(chunk)
            left -= len(chunk)
        out.flush()
        os.fsync(out.fileno())


def _connect(path: Path, key: bytes) -> Any:
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(sqlcipher_key_pragma(key))
    return conn


@contextmanager
def _opened_copy(
    path: Path, layout: _Layout, key: bytes, scratch: Path, *, parents: bool = False
) -> Iterator[Any]:
    """The backup's database (or with ``parents``, its parent view part), copied and opened.

    SQLite never opens the person's file itself, so checking a backup changes
    nothing in it, not even a journal beside it.
    """
    copy = scratch / f"check-{secrets.token_hex(4)}.db"
    if parents:
        _copy_part(path, layout.parents_offset, layout.parents_size, copy)
    else:
        _copy_part(path, layout.offset, layout.size, copy)
    conn = None
    try:
        conn = _connect(copy, key)
        yield conn
    finally:
        if conn is not None:
            conn.close()
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)


# --- counting what a database holds ----------------------------------------------------


@dataclass(frozen=True)
class Holdings:
    """How much a database holds, in the words a person uses."""

    people: int = 0
    reminders: int = 0
    contacts: int = 0
    professionals: int = 0
    tables: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """One plain sentence for each kind of thing, for the review."""
        return [
            i18n.ngettext("{count} person", "{count} people", self.people).format(
                count=i18n.format_number(self.people)
            ),
            i18n.ngettext("{count} reminder", "{count} reminders", self.reminders).format(
                count=i18n.format_number(self.reminders)
            ),
            i18n.ngettext(
                "{count} time you were in touch", "{count} times you were in touch", self.contacts
            ).format(count=i18n.format_number(self.contacts)),
            i18n.ngettext(
                "{count} professional", "{count} professionals", self.professionals
            ).format(count=i18n.format_number(self.professionals)),
        ]


Query = Callable[[str], list[Any]]


def user_tables(query: Query) -> list[str]:
    """Every table a feature made, whatever migration added it (SQLite's own left out)."""
    rows = query(
        "SELECT name FROM sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name"
    )
    return [str(row[0]) for row in rows]


def _live_count(query: Query, table: str, tables: list[str]) -> int:
    if table not in tables:
        return 0
    columns = {str(row[1]) for row in query(f'PRAGMA table_info("{table}")')}
    where = " WHERE deleted_at IS NULL" if "deleted_at" in columns else ""
    return int(query(f'SELECT count(*) FROM "{table}"{where}')[0][0])


def holdings_of(query: Query) -> Holdings:
    """Counts of what a database holds; ``query`` runs one SELECT and returns its rows."""
    tables = user_tables(query)
    counts = {name: int(query(f'SELECT count(*) FROM "{name}"')[0][0]) for name in tables}
    return Holdings(
        people=_live_count(query, "people", tables),
        reminders=_live_count(query, "reminders", tables),
        contacts=_live_count(query, "contacts", tables),
        professionals=_live_count(query, "professionals", tables),
        tables=counts,
    )


def store_holdings(store: Store) -> Holdings:
    return holdings_of(store.query)


def _conn_query(conn: Any) -> Query:
    return lambda sql: list(conn.execute(sql).fetchall())


# --- the review -----------------------------------------------------------------------


@dataclass(frozen=True)
class BackupReview:
    """What a restore would do, shown before anything changes."""

    path: Path
    made_at: datetime | None
    app_version: str
    schema_version: int
    whole: bool
    readable: bool  # from a version this Companion can read
    problem: str  # plain words; empty when the backup can be restored
    holds: Holdings
    replaces: Holdings | None  # what is here now; None when the profile is empty
    parents: ParentPart = field(default_factory=lambda: ParentPart())
    parents_here: bool = False  # this profile has parent view data now (it will be replaced)

    @property
    def ok(self) -> bool:
        return self.whole and self.readable and not self.problem

    def parents_lines(self) -> list[str]:
        """What happens to the parent view's data, in plain words, for the review."""
        change = self.parents_change()
        return self.parents.lines() + ([change] if change else [])

    def parents_change(self) -> str:
        """What restoring does to the parent view's data here now; empty when there is none."""
        if not self.parents_here:
            return ""
        if not self.parents.included:
            return _(
                "The parent view's data that is here now will be removed. It is kept in the "
                "copy saved before restoring."
            )
        return _("It replaces the parent view's data that is here now.")


@dataclass(frozen=True)
class ParentPart:
    """The parent view's data in a backup: whether it is there, and what it holds if known."""

    included: bool = False
    children: int | None = None  # None: locked with its own password, so not counted
    checks: int | None = None

    def lines(self) -> list[str]:
        if not self.included:
            return [_("It holds no data from the parent view.")]
        if self.children is None or self.checks is None:
            return [
                _(
                    "It holds the parent view's data, locked with the parent password. It "
                    "opens with that password after restoring."
                )
            ]
        return [
            i18n.ngettext(
                "It holds the parent view's data about {count} child.",
                "It holds the parent view's data about {count} children.",
                self.children,
            ).format(count=i18n.format_number(self.children)),
            i18n.ngettext(
                "The parent view has {count} weekly check in it.",
                "The parent view has {count} weekly checks in it.",
                self.checks,
            ).format(count=i18n.format_number(self.checks)),
        ]


def review_backup(
    path: Path,
    *,
    data_key: bytes | None = None,
    secret: str | None = None,
    current: Store | None = None,
) -> BackupReview:
    """Open a backup read-only and say what it holds and whether it can be restored.

    A damaged, cut-short, foreign or newer file gives a review with ``problem``
    set (never an exception), so the page can show it; a backup made with
    another key raises ``NeedsRecoveryCode`` so the page can ask for the code.
    """
    path = Path(path)
    replaces = store_holdings(current) if current is not None else None
    try:
        layout = _read_layout(path)
    except BackupRefused as refused:
        newer = isinstance(refused, BackupTooNew)
        return BackupReview(
            path, None, "", 0, False, not newer, refused.message, Holdings(), replaces
        )
    header = layout.header
    made_at = header.made_at if header else _mtime(path)
    app_version = header.app_version if header else ""
    if header is not None and header.schema_version > latest_version():
        problem = _refused_newer(path).message
        return BackupReview(
            path, made_at, app_version, header.schema_version, True, False, problem, Holdings(),
            replaces,
        )  # fmt: skip
    parents_here = current is not None and _has_parent_data(current)
    damaged = header is not None and (
        _sha256_of(path, layout.offset, layout.size) != header.db_sha256
        or (
            header.has_parents
            and _sha256_of(path, layout.parents_offset, layout.parents_size)
            != header.parents_sha256
        )
        or not _parent_keys_readable(header)
    )
    if damaged:
        problem = _refused_damaged(path).message
        return BackupReview(
            path, made_at, app_version, 0, False, True, problem, Holdings(), replaces,
            parents_here=parents_here,
        )  # fmt: skip
    key = backup_key(header, data_key=data_key, secret=secret)
    scratch = Path(tempfile.mkdtemp(prefix="companion-check-"))
    try:
        with _opened_copy(path, layout, key, scratch) as conn:
            try:
                version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            except dbapi2.Error:
                problem = (_refused_damaged(path) if header else _refused_foreign(path)).message
                return BackupReview(
                    path, made_at, app_version, 0, False, True, problem, Holdings(), replaces
                )
            if version > latest_version():
                problem = _refused_newer(path).message
                return BackupReview(
                    path, made_at, app_version, version, True, False, problem, Holdings(), replaces
                )
            try:
                integrity = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
                cipher = [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check")]
                holds = holdings_of(_conn_query(conn))
                parent_key = _parent_key_of(_conn_query(conn))
            except dbapi2.Error:
                integrity, cipher, holds, parent_key = ["damaged"], [], Holdings(), None
        whole = integrity == ["ok"] and not cipher
        part = ParentPart()
        if whole and header is not None and header.has_parents:
            opens = parent_key is not None and (
                header.parents_keys is None
                or key_check(parent_key) == str(header.parents_keys.get("key_check"))
            )
            if opens:
                assert parent_key is not None
                part = _review_parents(path, layout, parent_key, scratch)
                whole = part.children is not None
            else:  # its own password (or the recovery code) opens it; the checksum held
                part = ParentPart(included=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    problem = "" if whole else _refused_damaged(path).message
    return BackupReview(
        path, made_at, app_version, version, whole, True, problem, holds, replaces,
        parents=part, parents_here=parents_here,
    )  # fmt: skip


def _parent_keys_readable(header: BackupHeader) -> bool:
    """The parent key file in the header, if any, is one Companion can use."""
    if header.parents_keys is None:
        return True
    from companion.parents_lock import ParentKeyFile

    try:
        ParentKeyFile.parse(json.dumps(header.parents_keys))
    except (ValueError, KeyError, TypeError):
        return False
    return True


def _parent_key_of(query: Query) -> bytes | None:
    """The parent view's key kept inside a main database (no parent password), or None."""
    if "parent_key" not in user_tables(query):
        return None
    rows = query("SELECT key_hex FROM parent_key WHERE id = 1")
    if not rows:
        return None
    try:
        return bytes.fromhex(str(rows[0][0]))
    except ValueError:
        return None


def _review_parents(path: Path, layout: _Layout, key: bytes, scratch: Path) -> ParentPart:
    """Open the parent part with its key and count; ``children`` None when it is damaged."""
    try:
        with _opened_copy(path, layout, key, scratch, parents=True) as conn:
            integrity = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
            cipher = [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check")]
            query = _conn_query(conn)
            tables = user_tables(query)
            children = _live_count(query, "children", tables)
            checks = _live_count(query, "weekly_checks", tables)
    except dbapi2.Error:
        return ParentPart(included=True)
    if integrity != ["ok"] or cipher:
        return ParentPart(included=True)
    return ParentPart(included=True, children=children, checks=checks)


def _has_parent_data(store: Store) -> bool:
    from companion.parents_lock import PARENTS_DB

    return (store.path.parent / PARENTS_DB).exists()


def _mtime(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    except OSError:
        return None


# --- making backups --------------------------------------------------------------------


def _keyfile_of(unlocked: Unlocked) -> KeyFile | None:
    try:
        return unlocked.profile.keys.read()
    except CompanionError:
        return None  # a demo profile, or keys.json unreadable: only the key itself opens it


def _parents_copy(
    unlocked: Unlocked, parents: ParentSession | None, target: Path
) -> tuple[int, str, dict[str, Any] | None] | None:
    """Copy ``parents.db`` to ``target`` under its own key; its size, SHA-256 and key file.

    With the parent key at hand (the parent view is open, or it has no password
    so its key is in the main data) the copy is made by SQLCipher from a
    consistent view, WAL included. With a password and the view locked, the
    file was folded together when it closed, so its encrypted bytes are copied
    as they are. None when the profile has no parent view data.
    """
    from companion.parents_lock import ParentKeyFile, ParentVault, settle_restore

    vault = ParentVault.of(unlocked)
    settle_restore(vault.folder, unlocked.store)  # a restore stopped half-way, if any
    if not vault.db_path.exists():
        return None
    keys_data: dict[str, Any] | None = None
    keyfile: ParentKeyFile | None = None
    try:
        text = vault.keyfile_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    except OSError as error:
        raise storage_error(error, vault.keyfile_path) from None
    if text:
        try:
            keyfile = ParentKeyFile.parse(text)
            keys_data = json.loads(text)
        except (ValueError, KeyError, TypeError):
            raise _parents_unreadable() from None
    key: bytes | None = None
    if parents is not None and not parents.locked:
        key = parents.key
    else:
        key = _parent_key_of(unlocked.store.query)
        if key is not None and keyfile is not None and key_check(key) != keyfile.key_check:
            key = None  # an older key, from a copy of the main data put back
    if key is not None:
        if parents is not None and not parents.locked:
            parents.store.backup_to(target, key)
        else:
            try:
                opened = Store.open(vault.db_path, key, migrate=False)
            except CompanionError:
                raise _parents_unreadable() from None
            try:
                opened.backup_to(target, key)
            finally:
                opened.close()
    else:
        wal = Path(f"{vault.db_path}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise CompanionError(
                _(
                    "The parent view's data was not closed properly, so no backup was made. "
                    "Open the parent view with its password once, then make the backup again."
                )
            )
        _copy_part(vault.db_path, 0, vault.db_path.stat().st_size, target)
    size = target.stat().st_size
    return size, _sha256_of(target, 0, size), keys_data


def _parents_unreadable() -> CompanionError:
    return CompanionError(
        _(
            "The parent view's data cannot be read, so no backup was made. Your other data "
            "is safe. Open the parent view to see what is wrong."
        )
    )


def _export_snapshot(store: Store, data_key: bytes, target: Path) -> int:
    """Write an SQLCipher copy of the live database to ``target``; its schema version.

    ``Store.backup_to`` exports through the store's own connection and holds its writer
    lock meanwhile, so anything the window saves during a backup (a reminder marked done,
    a contact logged) waits for the whole export: about 3 s with 20,000 people
    (``bench/idle_stall.py``, ``backup_ui_write_ms``). This exports through a connection of
    its own instead, inside one read transaction: WAL gives it the last committed state as
    one snapshot, the export writes only into the attached copy, and the app's writes go
    on meanwhile (they are in the next backup). Should that connection not open, the
    store's own export is used, as before.
    """
    try:
        conn = sqlcipher3.connect(
            str(store.path), isolation_level=None, check_same_thread=False, timeout=10
        )
    except SQLiteError:
        store.backup_to(target, data_key)
        return store.user_version
    partial = target.with_name(target.name + ".partial")
    try:
        partial.unlink(missing_ok=True)
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(sqlcipher_key_pragma(data_key))
        conn.execute("PRAGMA cipher_memory_security = ON")
        conn.execute(f"ATTACH DATABASE ? AS backup KEY \"x'{data_key.hex()}'\"", (str(partial),))
        try:
            conn.execute("BEGIN")  # one snapshot: writes committed meanwhile are not half in
            version = int(conn.execute("PRAGMA main.user_version").fetchone()[0])
            conn.execute("SELECT sqlcipher_export('backup')")
            conn.execute(f"PRAGMA backup.user_version = {version}")
            conn.execute("COMMIT")
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            conn.execute("DETACH DATABASE backup")
    except SQLiteError as error:
        partial.unlink(missing_ok=True)
        raise _plain_sqlite_error(error, target) from None
    except OSError:
        partial.unlink(missing_ok=True)
        raise
    finally:
        conn.close()
    shutil.move(str(partial), str(target))
    return version


def make_backup(
    unlocked: Unlocked,
    target: Path,
    now: datetime,
    *,
    parents: ParentSession | None = None,
    step_hook: StepHook = _no_hook,
) -> Path:
    """Write an encrypted backup of the whole profile to ``target``, whole or not at all.

    The parent view's data goes in too, still under its own key; pass its open
    ``parents`` session when the parent view is unlocked with a password.
    """
    target = Path(target)
    if target.is_dir():
        raise CompanionError(
            _("{file} is a folder. Please give a file name, such as my-backup{suffix}.").format(
                file=target, suffix=SUFFIX
            )
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise storage_error(error, target) from None
    token = secrets.token_hex(4)
    db_copy = target.with_name(f".{target.name}.{token}.db")
    parents_copy = target.with_name(f".{target.name}.{token}.parents.db")
    partial = target.with_name(f".{target.name}.{token}.partial")
    store = unlocked.store
    try:
        version = _export_snapshot(store, unlocked.data_key, db_copy)
        step_hook("database-copied")
        parent_part = _parents_copy(unlocked, parents, parents_copy)
        step_hook("parents-copied")
        keyfile = _keyfile_of(unlocked)
        size = db_copy.stat().st_size
        header = BackupHeader(
            format=FORMAT_VERSION if parent_part else PLAIN_FORMAT,
            made_at=now,
            app_version=__version__,
            schema_version=version,
            key_check=key_check(unlocked.data_key),
            recovery=keyfile.recovery if keyfile else None,
            passphrase=keyfile.passphrase if keyfile else None,
            db_size=size,
            db_sha256=_sha256_of(db_copy, 0, size),
            parents_size=parent_part[0] if parent_part else 0,
            parents_sha256=parent_part[1] if parent_part else "",
            parents_keys=parent_part[2] if parent_part else None,
        )
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(header.to_bytes())
            with open(db_copy, "rb") as part:
                shutil.copyfileobj(part, out, _CHUNK)
            if parent_part:
                with open(parents_copy, "rb") as part:
                    shutil.copyfileobj(part, out, _CHUNK)
            out.flush()
            os.fsync(out.fileno())
        step_hook("file-written")
        os.replace(partial, target)
        _fsync_dir(target.parent)
    except OSError as error:
        raise storage_error(error, target) from None
    finally:
        db_copy.unlink(missing_ok=True)
        parents_copy.unlink(missing_ok=True)
        partial.unlink(missing_ok=True)
    step_hook("done")
    with suppress(CompanionError):
        store.set_setting(LAST_BACKUP_SETTING, json.dumps(now.isoformat(timespec="seconds")))
        store.set_setting(LAST_BACKUP_FILE_SETTING, json.dumps(str(target)))
        # That write made the window's reader drop every page it had decrypted, and the
        # app then draws Today again (the backup line): with 20,000 people its reads
        # decrypted people and reminders afresh on the UI thread (~100 ms of a 161 ms
        # stall, bench.inside). Read them once here, off the UI thread, as imports do.
        store.warm_reader("people", "reminders", "settings")
    return target


def backups_folder(profile: Profile) -> Path:
    return profile.folder / "backups"


def _tidy(folder: Path) -> None:
    """Remove what a backup stopped half-way left behind (hidden scratch files only)."""
    if not folder.is_dir():
        return
    for leftover in folder.iterdir():
        if leftover.name.startswith(".") and leftover.name.endswith((".partial", ".db")):
            leftover.unlink(missing_ok=True)


def _prune(folder: Path, prefix: str, keep: int) -> None:
    found = sorted(p for p in folder.glob(f"{prefix}*{SUFFIX}") if p.is_file())
    for old in found[:-keep] if keep else found:
        old.unlink(missing_ok=True)


def auto_backup(
    unlocked: Unlocked, now: datetime, *, parents: ParentSession | None = None
) -> Path | None:
    """Today's rolling backup in the profile's backups/, once a day; the last 7 kept.

    The app calls this at start and after writes: on a day that already has
    its backup it does nothing and returns None.
    """
    folder = backups_folder(unlocked.profile)
    target = folder / f"{AUTO_PREFIX}{now.date().isoformat()}{SUFFIX}"
    if target.exists():
        return None
    _tidy(folder)
    made = make_backup(unlocked, target, now, parents=parents)
    _prune(folder, AUTO_PREFIX, KEEP_AUTO)
    return made


def profile_backups(profile: Profile) -> list[Path]:
    """The backups in the profile's folder, newest last."""
    folder = backups_folder(profile)
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"*{SUFFIX}") if p.is_file()]
    return sorted(found, key=lambda p: (_made_at(p) or datetime.min.replace(tzinfo=UTC), p.name))


def _made_at(path: Path) -> datetime | None:
    try:
        header = read_header(path)
    except BackupRefused:
        return None
    return header.made_at if header else _mtime(path)


@dataclass(frozen=True)
class LastBackup:
    """When the last backup was made, as data; ``words()`` says it."""

    made_at: datetime | None
    days_ago: int | None
    path: Path | None

    def words(self) -> str:
        if self.days_ago is None:
            return _("No backup made yet.")
        if self.days_ago <= 0:
            return _("Last backup: today.")
        if self.days_ago == 1:
            return _("Last backup: yesterday.")
        return i18n.ngettext(
            "Last backup: {count} day ago.", "Last backup: {count} days ago.", self.days_ago
        ).format(count=i18n.format_number(self.days_ago))


def last_backup(unlocked: Unlocked, now: datetime) -> LastBackup:
    """The newest of the backups in the folder and any saved elsewhere (``companion backup``)."""
    found = profile_backups(unlocked.profile)
    best_path = found[-1] if found else None
    best = _made_at(best_path) if best_path else None
    recorded = (
        unlocked.store.get_setting(LAST_BACKUP_SETTING) if not unlocked.store.closed else None
    )
    if recorded:
        with suppress(ValueError, TypeError):
            elsewhere = datetime.fromisoformat(json.loads(recorded))
            if best is None or elsewhere > best:
                best, best_path = elsewhere, None
    if best is None:
        return LastBackup(None, None, None)
    days = (now.date() - best.astimezone(now.tzinfo).date()).days
    return LastBackup(best, max(days, 0), best_path)


def newest_backup_file(unlocked: Unlocked) -> Path | None:
    """The newest backup there is: the daily ones in the profile's folder, or the one last
    saved anywhere else ("Back up now" to a USB stick, say) while that file is still there."""
    found = profile_backups(unlocked.profile)
    newest = found[-1] if found else None
    recorded = (
        unlocked.store.get_setting(LAST_BACKUP_FILE_SETTING) if not unlocked.store.closed else None
    )
    if recorded:
        with suppress(ValueError, TypeError, OSError):
            elsewhere = Path(json.loads(recorded))
            if elsewhere.is_file() and elsewhere != newest:
                when = _made_at(elsewhere)
                best = _made_at(newest) if newest is not None else None
                if when is not None and (best is None or when > best):
                    newest = elsewhere
    return newest


def check_newest_backup(unlocked: Unlocked) -> BackupReview | None:
    """Open the newest backup (``newest_backup_file``) read-only and say whether it is whole."""
    newest = newest_backup_file(unlocked)
    if newest is None:
        return None
    return review_backup(newest, data_key=unlocked.data_key, current=unlocked.store)


# --- restoring --------------------------------------------------------------------------


@dataclass
class Restored:
    """The profile open again on the restored data, and the copy made of what was there."""

    unlocked: Unlocked
    safety_backup: Path | None
    review: BackupReview


def _export_rekeyed(source: Any, target: Path, data_key: bytes, version: int) -> None:
    source.execute(f"ATTACH DATABASE ? AS restored KEY \"x'{data_key.hex()}'\"", (str(target),))
    try:
        source.execute("SELECT sqlcipher_export('restored')")
        source.execute(f"PRAGMA restored.user_version = {int(version)}")
    finally:
        source.execute("DETACH DATABASE restored")
    with open(target, "rb") as handle:
        os.fsync(handle.fileno())


def restore_backup(
    unlocked: Unlocked,
    path: Path,
    now: datetime,
    *,
    secret: str | None = None,
    parents: ParentSession | None = None,
    step_hook: StepHook = _no_hook,
) -> Restored:
    """Put a backup in place of the open profile's data, after backing that up.

    Refuses (``BackupRefused``) a file the review finds wrong; then nothing
    changes. ``unlocked`` is closed on success; use the returned one.

    The parent view's data goes back with it: the backup's parents part (still
    under its own key) and key file replace ``parents.db`` and
    ``parents-keys.json``; a backup without them removes what is here (the
    safety copy keeps it) and the parent key left in its main data, so the
    parent view starts afresh instead of finding a key with no file. An open
    ``parents`` session is locked before its file is replaced.
    """
    from companion.parents_lock import (
        RESTORE_TOKEN_SETTING,
        ParentKeyFile,
        ParentVault,
        finish_restore,
        stage_restore,
    )

    path = Path(path)
    profile = unlocked.profile
    review = review_backup(path, data_key=unlocked.data_key, secret=secret, current=unlocked.store)
    if not review.ok:
        raise BackupRefused(review.problem)
    layout = _read_layout(path)
    key = backup_key(layout.header, data_key=unlocked.data_key, secret=secret)
    step_hook("reviewed")
    folder = backups_folder(profile)
    _tidy(folder)
    for leftover in profile.folder.glob(".restore-*"):  # from a restore stopped half-way
        shutil.rmtree(leftover, ignore_errors=True)
    stamp = now.strftime("%Y-%m-%dT%H%M%S")
    safety = make_backup(unlocked, folder / f"{SAFETY_PREFIX}{stamp}{SUFFIX}", now, parents=parents)
    step_hook("safety-backup-made")

    db_path = profile.db_path
    scratch = profile.folder / f".restore-{secrets.token_hex(4)}"
    incoming = profile.folder / f".{DB_NAME}.restoring"
    incoming.unlink(missing_ok=True)
    vault = ParentVault.of(unlocked)
    incoming_parents = profile.folder / f".{vault.db_path.name}.restoring"
    incoming_parents.unlink(missing_ok=True)
    header = layout.header
    with_parents = header is not None and header.has_parents
    token = secrets.token_hex(16)
    staged = False
    try:
        scratch.mkdir(mode=0o700)
        with _opened_copy(path, layout, key, scratch) as source:
            _export_rekeyed(source, incoming, unlocked.data_key, review.schema_version)
        check = Store.open(incoming, unlocked.data_key, migrate=False)
        try:
            whole = check.integrity().ok
            if whole:
                with check.transaction():
                    if not with_parents and "parent_key" in user_tables(check.query):
                        check.execute("DELETE FROM parent_key")
                    # Tells the parent view, after a crash, that this file was put in place.
                    check.set_setting(RESTORE_TOKEN_SETTING, token)
        finally:
            check.close()
        if not whole:
            raise _refused_damaged(path)
        parent_keys = ""
        if header is not None and with_parents:
            _copy_part(path, layout.parents_offset, layout.parents_size, incoming_parents)
            if _sha256_of(incoming_parents, 0, layout.parents_size) != header.parents_sha256:
                raise _refused_damaged(path)
            if header.parents_keys is not None:
                parent_keys = _newest_wraps(
                    ParentKeyFile.parse(json.dumps(header.parents_keys)), vault.keyfile_path
                ).to_json()
        staged = True
        stage_restore(
            profile.folder, token, incoming_parents if with_parents else None, parent_keys
        )
        step_hook("new-file-written")
        if parents is not None:
            parents.lock()
        unlocked.store.close()
        step_hook("store-closed")
        for busy in (Path(f"{db_path}-wal"), Path(f"{vault.db_path}-wal")):
            if busy.exists() and busy.stat().st_size > 0:
                raise StorageError(
                    _(
                        "Your data is busy in another program right now, so nothing was "
                        "restored. Close other copies of Companion and try again."
                    )
                )
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{incoming}{suffix}").unlink(missing_ok=True)
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        # The main file is the moment the restore counts as done; the parent view's files,
        # staged beside their own, follow it (or, after a crash, the parent view moves them).
        os.replace(incoming, db_path)
        _fsync_dir(profile.folder)
        staged = False
        step_hook("replaced")
        finish_restore(profile.folder, committed=True)
        _fsync_dir(profile.folder)
        step_hook("parents-replaced")
    except OSError as error:
        if staged:
            finish_restore(profile.folder, committed=False)
        _reopen(unlocked)
        raise storage_error(error, db_path) from None
    except BaseException:
        if staged:
            finish_restore(profile.folder, committed=False)
        _reopen(unlocked)
        raise
    finally:
        incoming.unlink(missing_ok=True)
        incoming_parents.unlink(missing_ok=True)
        shutil.rmtree(scratch, ignore_errors=True)
    # Only now, so the file being restored (it may be one of these) is never removed first.
    _prune(folder, SAFETY_PREFIX, KEEP_SAFETY)
    reopened = profile.open(unlocked.data_key)  # an older backup is brought up to date here
    with suppress(CompanionError), reopened.store.transaction():
        reopened.store.execute("DELETE FROM settings WHERE key = ?", (RESTORE_TOKEN_SETTING,))
    return Restored(reopened, safety, review)


def _newest_wraps(restored: ParentKeyFile, here: Path) -> ParentKeyFile:
    """The backup's parent key file, with the wraps kept here when they hold the same key.

    The parent key changes only when a password is first set, so a backup of the
    same parent data holds the same key: the recovery code made since (and a
    password changed since) then keep opening it after the restore.
    """
    from companion.parents_lock import ParentKeyFile

    try:
        current = ParentKeyFile.parse(here.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        return restored
    if current.key_check != restored.key_check:
        return restored
    restored.recovery = current.recovery
    if restored.password is not None and current.password is not None:
        restored.password = current.password
    return restored


def _reopen(unlocked: Unlocked) -> None:
    """After a failed restore, the data that was there is open again, untouched."""
    if unlocked.store.closed:
        unlocked.store = Store.open(unlocked.profile.db_path, unlocked.data_key)


def restore_into_new(
    profile: Profile,
    path: Path,
    now: datetime,
    *,
    secret: str | None,
    mode: str = "keyring",
    passphrase: str | None = None,
) -> tuple[Restored, str]:
    """Restore a backup into a profile folder that holds nothing yet.

    The backup is checked first (nothing is made when it is wrong). The new
    profile gets a new key and a new recovery code (returned: show it), and
    the backup's data goes in under that key.
    """
    review = review_backup(Path(path), secret=secret)
    if not review.ok:
        raise BackupRefused(review.problem)
    made: Mode = "passphrase" if mode == "passphrase" else "keyring"
    unlocked = profile.create(made, passphrase)
    code = unlocked.recovery_code or ""
    try:
        restored = restore_backup(unlocked, Path(path), now, secret=secret)
    except BaseException:
        # Nothing of the person's is here yet: the profile just made goes again (a full disk
        # had left an empty profile whose recovery code was never shown), so setup can run
        # again. So does the safety copy the restore made of that empty data.
        unlocked.close()
        profile.undo_create(made)
        folder = backups_folder(profile)
        for copy in folder.glob(f"{SAFETY_PREFIX}*{SUFFIX}") if folder.is_dir() else ():
            copy.unlink(missing_ok=True)
        with suppress(OSError):
            folder.rmdir()  # only when nothing else is in it
        raise
    restored.unlocked.recovery_code = code
    if secret and code:
        _let_new_code_open_parents(restored.unlocked, secret, code)
    return restored, code


def _let_new_code_open_parents(unlocked: Unlocked, old_code: str, new_code: str) -> None:
    """A parent password's recovery wrap came with the backup, under the old recovery code.

    The old code opens it once more here, and the new profile's code is let in,
    so the code the person has just been shown opens the parent view too.
    """
    from companion.parents_lock import ParentVault

    vault = ParentVault.of(unlocked)
    if not vault.keyfile_path.exists():
        return  # no parent password ever: the parent key is in the main data
    with suppress(CompanionError):
        session = vault.unlock_with_recovery_code(old_code)
        try:
            vault.rewrap_recovery(session, new_code)
        finally:
            session.lock()


__all__ = [
    "AUTO_PREFIX",
    "KEEP_AUTO",
    "SUFFIX",
    "BackupHeader",
    "BackupRefused",
    "BackupTooNew",
    "BackupReview",
    "Holdings",
    "LastBackup",
    "NeedsRecoveryCode",
    "ParentPart",
    "Restored",
    "auto_backup",
    "backup_key",
    "check_newest_backup",
    "newest_backup_file",
    "last_backup",
    "make_backup",
    "profile_backups",
    "read_header",
    "restore_backup",
    "restore_into_new",
    "review_backup",
    "store_holdings",
    "user_tables",
]
