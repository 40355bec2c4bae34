"""The parent view's own encrypted file, and the ways to open it.

The children's data never goes into ``companion.db``. It lives in
``parents.db`` beside it: a second SQLCipher database with its own random
256-bit *parent key*. Where that key is kept decides who can read it:

* **No parent password** (the default): the parent key sits in the main,
  encrypted database (table ``parent_key``). Whoever opens the main data
  opens the parent view too, and the recovery code reaches it the same way:
  recovery code → main data key (``keys.json``) → main database → parent key.
* **With a parent password**: the parent key is removed from the main
  database and kept only in ``parents-keys.json``, wrapped twice with the
  same scrypt + AES-256-GCM scheme as ``keys.json``: once under the parent
  password and once under the person's recovery code (they type it when they
  choose the password; it is checked against ``keys.json`` first). Someone
  holding only the main key cannot read a child's data.
  Setting the password also *changes* the parent key (the file is copied
  under a fresh key), so a key left in an older backup of the main database
  opens nothing.
* **Password removed later**: the key goes back into the main database and
  only the password wrap is dropped; the recovery wrap stays, so the
  recovery code opens the parent data even if an older copy of the main
  database (without the key) is ever put back (state ``RECOVERY``).
* **A new recovery code** (``KeyManager.new_recovery_code``): call
  ``rewrap_recovery(session, code)`` while the parent data is open; until
  then the previous code keeps opening it.

Locking closes only ``parents.db``; the main data stays open.
"""

from __future__ import annotations

import enum
import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from companion.errors import CompanionError, ProfileDamaged, StorageError, WrongSecret
from companion.i18n import _
from companion.keys import (
    KeyManager,
    Wrap,
    key_check,
    new_data_key,
    normalize_recovery_code,
    storage_error,
    unwrap_key,
    wrap_key,
    write_atomically,
)
from companion.store import NotReadableWithKey, SQLiteError, Store

PARENTS_DB = "parents.db"
PARENTS_KEYFILE = "parents-keys.json"
_NEXT_SUFFIX = ".next"
_KEYFILE_VERSION = 1
_PASSWORD_PURPOSE = "parents-password"
_RECOVERY_PURPOSE = "parents-recovery"
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS parent_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS children (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    age_band TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS weekly_checks (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    week TEXT NOT NULL,
    good_moments TEXT NOT NULL DEFAULT '',
    strengths TEXT NOT NULL DEFAULT '',
    tried TEXT NOT NULL DEFAULT '',
    self_harm_talk INTEGER NOT NULL DEFAULT 0,
    saved_at TEXT NOT NULL,
    UNIQUE (child_id, week)
);
CREATE TABLE IF NOT EXISTS check_signs (
    check_id INTEGER NOT NULL REFERENCES weekly_checks(id) ON DELETE CASCADE,
    sign_id TEXT NOT NULL,
    level INTEGER NOT NULL CHECK (level IN (0, 1, 2)),
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (check_id, sign_id)
);
CREATE TABLE IF NOT EXISTS check_positive (
    check_id INTEGER NOT NULL REFERENCES weekly_checks(id) ON DELETE CASCADE,
    action_id TEXT NOT NULL,
    PRIMARY KEY (check_id, action_id)
);
CREATE TABLE IF NOT EXISTS psc17 (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    taken_at TEXT NOT NULL,
    answers TEXT NOT NULL
);
"""


class ParentLockState(enum.Enum):
    NOT_SET_UP = "not_set_up"  # no parent data yet
    OPEN = "open"  # no parent password: opens with the main data
    PASSWORD = "password"  # ask for the parent password (or the recovery code)
    # The key is not in the main data (an older copy of it was put back, say) but the
    # recovery code still opens the parent data: ask for the recovery code.
    RECOVERY = "recovery"


@dataclass
class ParentKeyFile:
    key_check: str
    password: Wrap | None  # None once the password was removed: the recovery code still opens
    recovery: Wrap
    version: int = _KEYFILE_VERSION
    updated: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))

    def to_json(self) -> str:
        data: dict[str, Any] = {
            "version": self.version,
            "key_check": self.key_check,
            "password": self.password.__dict__ if self.password else None,
            "recovery": self.recovery.__dict__,
            "updated": self.updated,
        }
        return json.dumps(data, indent=2, sort_keys=True) + "\n"

    @classmethod
    def parse(cls, text: str) -> ParentKeyFile:
        data = json.loads(text)
        if data.get("version") != _KEYFILE_VERSION:
            raise ValueError("unknown parent key file")
        return cls(
            key_check=str(data["key_check"]),
            password=Wrap.from_json(data["password"]) if data.get("password") else None,
            recovery=Wrap.from_json(data["recovery"]),
            version=int(data["version"]),
            updated=str(data.get("updated", "")),
        )


@dataclass
class ParentSession:
    """The open parent data. ``lock()`` closes it; the main data stays open."""

    vault: ParentVault
    store: Store
    key: bytes = field(repr=False)

    @property
    def locked(self) -> bool:
        return self.store.closed

    def lock(self) -> None:
        self.store.close()
        self.key = b""


def _damaged(path: Path) -> ProfileDamaged:
    return ProfileDamaged(
        _(
            "The parent view's data ({file}) cannot be opened because part of it is missing "
            "or damaged. Nothing has been changed. If you have a copy of the profile folder, "
            "put it back and try again."
        ).format(file=path)
    )


class ParentVault:
    """Where the parent data and its key live in one profile folder."""

    def __init__(self, folder: Path, main: Store, keys: KeyManager) -> None:
        self.folder = Path(folder)
        self.main = main
        self.keys = keys

    @classmethod
    def of(cls, unlocked: Any) -> ParentVault:
        """For an unlocked profile (``companion.profile.Unlocked``)."""
        return cls(unlocked.profile.folder, unlocked.store, unlocked.profile.keys)

    @property
    def db_path(self) -> Path:
        return self.folder / PARENTS_DB

    @property
    def keyfile_path(self) -> Path:
        return self.folder / PARENTS_KEYFILE

    @property
    def _next_path(self) -> Path:
        return self.folder / (PARENTS_DB + _NEXT_SUFFIX)

    # where the key is ------------------------------------------------------------

    def _key_in_main(self) -> bytes | None:
        row = self.main.query_one("SELECT key_hex FROM parent_key WHERE id = 1")
        return bytes.fromhex(str(row[0])) if row else None

    def _forget_key_in_main(self) -> None:
        with self.main.transaction():
            self.main.execute("DELETE FROM parent_key")
        # secure_delete zeroes the page; the checkpoint clears the old copy from the WAL.
        self.main.query("PRAGMA wal_checkpoint(TRUNCATE)")

    def _keep_key_in_main(self, key: bytes) -> None:
        with self.main.transaction():
            self.main.execute(
                "INSERT INTO parent_key(id, key_hex) VALUES(1, ?) "
                "ON CONFLICT(id) DO UPDATE SET key_hex = excluded.key_hex",
                (key.hex(),),
            )

    def _read_keyfile(self) -> ParentKeyFile | None:
        try:
            text = self.keyfile_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as error:
            raise storage_error(error, self.keyfile_path) from None
        try:
            return ParentKeyFile.parse(text)
        except (ValueError, KeyError, TypeError):
            raise _damaged(self.keyfile_path) from None

    def _tidy(self) -> None:
        """Finish or undo a password change (or a restore) a crash interrupted."""
        settle_restore(self.folder, self.main)
        keyfile = self._read_keyfile()
        old_key = self._key_in_main()
        if self._next_path.exists():
            saved_new = (
                keyfile is not None
                and keyfile.password is not None
                and (old_key is None or key_check(old_key) != keyfile.key_check)
            )
            if saved_new:  # the new key was saved: the new file is the one
                self._remove_sidecars(self.db_path)
                os.replace(self._next_path, self.db_path)
            else:  # the new key was never saved: the old file and key still hold
                self._next_path.unlink()
        if keyfile is not None and keyfile.password is not None and old_key is not None:
            self._forget_key_in_main()

    def state(self) -> ParentLockState:
        self._tidy()
        keyfile = self._read_keyfile()
        if keyfile is not None and keyfile.password is not None:
            return ParentLockState.PASSWORD
        main_key = self._key_in_main()
        if main_key is not None:
            if not self.db_path.exists():
                raise _damaged(self.db_path)
            if keyfile is not None and key_check(main_key) != keyfile.key_check:
                return ParentLockState.RECOVERY  # an older key, from a copy put back
            return ParentLockState.OPEN
        if self.db_path.exists():
            if keyfile is not None:
                return ParentLockState.RECOVERY
            raise _damaged(self.keyfile_path)
        return ParentLockState.NOT_SET_UP

    @property
    def has_password(self) -> bool:
        return self.state() is ParentLockState.PASSWORD

    # opening ---------------------------------------------------------------------

    def set_up(self, now: datetime) -> ParentSession:
        """Start the parent view: a new key (kept in the main data) and an empty file."""
        if self.state() is not ParentLockState.NOT_SET_UP:
            raise CompanionError(_("The parent view is already set up."))
        key = new_data_key()
        with self.main.transaction():
            self.main.execute("INSERT INTO parent_key(id, key_hex) VALUES(1, ?)", (key.hex(),))
        try:
            store = Store.open(self.db_path, key, create=True, migrate=False)
            _ensure_schema(store, now)
        except BaseException:
            self._remove_file(self.db_path)
            with self.main.transaction():
                self.main.execute("DELETE FROM parent_key")
            raise
        return ParentSession(self, store, key)

    def _open(self, key: bytes) -> ParentSession:
        try:
            store = Store.open(self.db_path, key, migrate=False)
        except (NotReadableWithKey, ProfileDamaged):
            # Store's own message speaks of the main data and its backups: not this file.
            # (A full disk or a busy file keeps its own plain message.)
            raise _damaged(self.db_path) from None
        _ensure_schema(store, None)
        return ParentSession(self, store, key)

    def open(self) -> ParentSession:
        """Open the parent data when it has no password of its own."""
        state = self.state()
        if state is ParentLockState.PASSWORD:
            raise WrongSecret(_("The parent view is locked. Please enter its password."))
        if state is ParentLockState.RECOVERY:
            raise WrongSecret(_("Please open the parent view with your recovery code."))
        if state is ParentLockState.NOT_SET_UP:
            raise CompanionError(_("The parent view is not set up yet."))
        key = self._key_in_main()
        assert key is not None
        return self._open(key)

    def unlock_with_password(self, password: str) -> ParentSession:
        self._tidy()
        keyfile = self._read_keyfile()
        if keyfile is None or keyfile.password is None:
            return self.open()
        key = unwrap_key(keyfile.password, password, _PASSWORD_PURPOSE)
        if key is None or key_check(key) != keyfile.key_check:
            raise WrongSecret(
                _(
                    "That password did not open the parent view. Check that Caps Lock is off "
                    "and try again, or use your recovery code."
                )
            )
        return self._open(key)

    def unlock_with_recovery_code(self, code: str) -> ParentSession:
        """The recovery code opens the parent data whether or not it has a password."""
        normal = normalize_recovery_code(code)
        self._tidy()
        keyfile = self._read_keyfile()
        if keyfile is None:
            # No parent password ever: the key is in the main data, which this code opens.
            self.keys.open_with_recovery_code(normal)
            return self.open()
        key = unwrap_key(keyfile.recovery, normal, _RECOVERY_PURPOSE)
        if key is None or key_check(key) != keyfile.key_check:
            raise WrongSecret(
                _(
                    "That recovery code did not open the parent view. Check each group of "
                    "letters and numbers and try again."
                )
            )
        opened = self._open(key)
        if keyfile.password is None:
            self._keep_key_in_main(key)  # no password: the main data opens it again
        return opened

    # changing --------------------------------------------------------------------

    def set_password(self, session: ParentSession, password: str, recovery_code: str) -> None:
        """Lock the parent data with its own password.

        The recovery code is asked for so it can open the parent data too; it
        is checked against ``keys.json`` before anything changes. The file is
        copied under a new key, the new key saved wrapped, the copy put in
        place, and only then is the old key removed from the main data: a
        crash at any step leaves one key that opens the file.
        """
        self._check_password(password)
        existing = self._read_keyfile()
        if existing is not None and existing.password is not None:
            self.change_password(session, password)
            return
        normal = normalize_recovery_code(recovery_code)
        self.keys.open_with_recovery_code(normal)  # raises a plain message if wrong
        new_key = new_data_key()
        self._export(session, new_key)
        keyfile = ParentKeyFile(
            key_check=key_check(new_key),
            password=wrap_key(new_key, password, _PASSWORD_PURPOSE),
            recovery=wrap_key(new_key, normal, _RECOVERY_PURPOSE),
        )
        write_atomically(self.keyfile_path, keyfile.to_json())
        session.store.close()
        self._remove_sidecars(self.db_path)
        os.replace(self._next_path, self.db_path)
        self._forget_key_in_main()
        session.store = Store.open(self.db_path, new_key, migrate=False)
        session.key = new_key

    def change_password(self, session: ParentSession, password: str) -> None:
        """A new parent password; the recovery code keeps working as it was."""
        self._check_password(password)
        keyfile = self._checked_keyfile(session)
        if keyfile.password is None:
            raise CompanionError(_("The parent view has no password of its own."))
        keyfile.password = wrap_key(session.key, password, _PASSWORD_PURPOSE)
        keyfile.updated = datetime.now(UTC).isoformat(timespec="seconds")
        write_atomically(self.keyfile_path, keyfile.to_json())

    def rewrap_recovery(self, session: ParentSession, recovery_code: str) -> None:
        """After a new recovery code is made, let it open the parent data too.

        Only possible while the parent data is open; until then the previous
        recovery code still opens it.
        """
        keyfile = self._read_keyfile()
        if keyfile is None:
            return  # the key is in the main data, which the new code opens
        keyfile = self._checked_keyfile(session)
        normal = normalize_recovery_code(recovery_code)
        self.keys.open_with_recovery_code(normal)
        keyfile.recovery = wrap_key(session.key, normal, _RECOVERY_PURPOSE)
        keyfile.updated = datetime.now(UTC).isoformat(timespec="seconds")
        write_atomically(self.keyfile_path, keyfile.to_json())

    def remove_password(self, session: ParentSession) -> None:
        """Back to opening with the main data: the key goes into it, then the password goes.

        The recovery wrap stays in ``parents-keys.json``, so the recovery code
        still opens the parent data even if an older copy of the main data
        (without this key) is ever put back.
        """
        keyfile = self._checked_keyfile(session)
        self._keep_key_in_main(session.key)
        keyfile.password = None
        keyfile.updated = datetime.now(UTC).isoformat(timespec="seconds")
        write_atomically(self.keyfile_path, keyfile.to_json())

    def delete_all(self, session: ParentSession | None = None) -> None:
        """Remove the parent view's data and keys; the main data is not touched otherwise."""
        if session is not None:
            session.lock()
        for path in (self.db_path, self._next_path):
            self._remove_file(path)
        self.keyfile_path.unlink(missing_ok=True)
        if self._key_in_main() is not None:
            self._forget_key_in_main()

    # helpers ---------------------------------------------------------------------

    @staticmethod
    def _check_password(password: str) -> None:
        if not password or not password.strip():
            raise WrongSecret(_("Please choose a password for the parent view."))

    def _checked_keyfile(self, session: ParentSession) -> ParentKeyFile:
        keyfile = self._read_keyfile()
        if keyfile is None:
            raise CompanionError(_("The parent view has no password of its own."))
        if session.locked or key_check(session.key) != keyfile.key_check:
            raise WrongSecret(_("Please open the parent view first."))
        return keyfile

    def _export(self, session: ParentSession, new_key: bytes) -> None:
        target = self._next_path
        self._remove_file(target)
        conn = session.store._conn
        try:
            conn.execute(f"ATTACH DATABASE ? AS rekeyed KEY \"x'{new_key.hex()}'\"", (str(target),))
            try:
                conn.execute("SELECT sqlcipher_export('rekeyed')")
            finally:
                conn.execute("DETACH DATABASE rekeyed")
        except SQLiteError as error:
            self._remove_file(target)
            raise StorageError(
                _("Companion could not save to {file}: {reason}").format(file=target, reason=error)
            ) from None

    @staticmethod
    def _remove_sidecars(path: Path) -> None:
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)

    def _remove_file(self, path: Path) -> None:
        path.unlink(missing_ok=True)
        self._remove_sidecars(path)


def _ensure_schema(store: Store, now: datetime | None) -> None:
    with store.transaction():
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                store.execute(statement)
        if now is not None:
            store.execute(
                "INSERT OR IGNORE INTO parent_meta(key, value) VALUES('schema', ?)",
                (str(SCHEMA_VERSION),),
            )
            store.execute(
                "INSERT OR IGNORE INTO parent_meta(key, value) VALUES('created', ?)",
                (now.isoformat(timespec="seconds"),),
            )


# --- restoring from a backup (companion.backup.restore_backup) --------------------------------
#
# The parent files the backup brings are *staged* beside the live ones with a marker that
# holds a random token; the same token goes into the incoming main database. Replacing the
# main database is the moment the restore counts as done: afterwards the staged files are
# moved in. If the computer stops in between, the next look at the parent view finds the
# marker and finishes (the main data holds the token: it was replaced) or throws the staged
# files away (it does not: the old data is still in place), so the two files always match.

RESTORE_MARKER = "parents.restore"
RESTORE_TOKEN_SETTING = "parents_restore_token"  # in the main data's settings, for a moment
_STAGED = ".restored"


def stage_restore(folder: Path, token: str, incoming: Path | None, keys_text: str) -> None:
    """Put the backup's parent file (or none) and key file (or none) beside the live ones."""
    folder = Path(folder)
    staged_db = folder / (PARENTS_DB + _STAGED)
    staged_keys = folder / (PARENTS_KEYFILE + _STAGED)
    staged_db.unlink(missing_ok=True)
    staged_keys.unlink(missing_ok=True)
    if incoming is not None:
        os.replace(incoming, staged_db)
    if keys_text:
        write_atomically(staged_keys, keys_text)
    plan = {"token": token, "db": incoming is not None, "keys": bool(keys_text)}
    write_atomically(folder / RESTORE_MARKER, json.dumps(plan) + "\n")


def finish_restore(folder: Path, *, committed: bool) -> None:
    """Move the staged parent files in (``committed``) or throw them away; safe to repeat."""
    folder = Path(folder)
    marker = folder / RESTORE_MARKER
    staged_db = folder / (PARENTS_DB + _STAGED)
    staged_keys = folder / (PARENTS_KEYFILE + _STAGED)
    try:
        plan = json.loads(marker.read_text(encoding="utf-8"))
        wants_db, wants_keys = bool(plan["db"]), bool(plan["keys"])
    except FileNotFoundError:
        return
    except (OSError, ValueError, KeyError, TypeError):
        committed = False  # a marker cut short was written before the main file was replaced
        wants_db = wants_keys = False
    try:
        if committed:
            db_path = folder / PARENTS_DB
            for suffix in ("-wal", "-shm", "-journal", _NEXT_SUFFIX):
                Path(f"{db_path}{suffix}").unlink(missing_ok=True)
            if wants_db and staged_db.exists():
                os.replace(staged_db, db_path)
            elif not wants_db:
                db_path.unlink(missing_ok=True)
            if wants_keys and staged_keys.exists():
                os.replace(staged_keys, folder / PARENTS_KEYFILE)
            elif not wants_keys:
                (folder / PARENTS_KEYFILE).unlink(missing_ok=True)
        staged_db.unlink(missing_ok=True)
        staged_keys.unlink(missing_ok=True)
        marker.unlink(missing_ok=True)
    except OSError as error:
        raise storage_error(error, folder / PARENTS_DB) from None


def settle_restore(folder: Path, main: Store) -> None:
    """After a restore a crash interrupted: finish it or undo it, whichever matches the main data."""
    folder = Path(folder)
    marker = folder / RESTORE_MARKER
    if marker.exists():
        finish_restore(folder, committed=_restore_committed(marker, main))
        return
    # Staged files without the marker were being put there when the crash came: the main
    # file is replaced only after the marker is written, so they are never wanted.
    leftovers = [folder / (PARENTS_DB + _STAGED), folder / (PARENTS_KEYFILE + _STAGED)]
    leftovers += folder.glob(f".{RESTORE_MARKER}.*.tmp")
    leftovers += folder.glob(f".{PARENTS_KEYFILE}{_STAGED}.*.tmp")
    for leftover in leftovers:
        try:
            leftover.unlink(missing_ok=True)
        except OSError:
            pass  # a folder that cannot be written keeps it until the next time


def _restore_committed(marker: Path, main: Store) -> bool:
    try:
        token = str(json.loads(marker.read_text(encoding="utf-8"))["token"])
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return bool(token) and main.get_setting(RESTORE_TOKEN_SETTING) == token


def _register_for_deletion() -> None:
    """Let "delete only the parent view's data" (backup_delete.py) find all of it."""
    from companion.backup_delete import register_parent_data

    register_parent_data(
        tables=("parent_key",),
        files=(
            PARENTS_DB + "-wal",
            PARENTS_DB + "-shm",
            PARENTS_DB + "-journal",
            PARENTS_DB + _NEXT_SUFFIX,
            PARENTS_DB + _STAGED,
            PARENTS_DB,
            PARENTS_KEYFILE + _STAGED,
            PARENTS_KEYFILE,
            RESTORE_MARKER,
        ),
    )


_register_for_deletion()
