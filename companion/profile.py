"""A profile folder: where the data lives, who may open it, and how it is unlocked.

The folder holds ``companion.db`` (encrypted), ``keys.json`` (wrapped keys
only), ``preferences.json`` (language, text size, contrast, country: nothing
personal), ``backups/`` (encrypted copies) and ``.lock``.

The rules that keep data safe live here: a folder that holds a database is
never set up again, and opening with a missing or wrong key touches no file.
"""

from __future__ import annotations

import enum
import hashlib
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from companion.errors import ProfileBusy, ProfileDamaged, ProfileMissing
from companion.i18n import _
from companion.keys import KeyManager, KeyringVault, Mode, new_data_key, storage_error
from companion.settings import Preferences, Settings
from companion.store import Store

DB_NAME = "companion.db"
KEYFILE_NAME = "keys.json"
PREFERENCES_NAME = "preferences.json"
LOCK_NAME = ".lock"
ENV_DATA_DIR = "COMPANION_DATA_DIR"
ENV_PASSPHRASE = "COMPANION_PASSPHRASE"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("Companion", appauthor=False, roaming=True))


def resolve_data_dir(option: str | None = None) -> Path:
    """--data-dir, then COMPANION_DATA_DIR, then the platform's usual place."""
    chosen = option or os.environ.get(ENV_DATA_DIR)
    return Path(chosen).expanduser().resolve() if chosen else default_data_dir()


class ProfileState(enum.Enum):
    NEW = "new"  # nothing here yet: set up
    KEYRING = "keyring"  # unlock from the keyring, no question asked
    PASSPHRASE = "passphrase"  # ask for the passphrase (or the recovery code)
    SESSION = "session"  # a throwaway demo profile whose key only this process holds


class ProfileLock:
    """Only one copy of Companion per profile. The OS drops the lock if the app dies."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[str] | None = None

    def acquire(self) -> bool:
        if self._handle is not None:
            return True
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held open on purpose
        except OSError as error:
            raise storage_error(error, self.path) from None
        try:
            if sys.platform == "win32":  # pragma: no cover - Windows
                import msvcrt

                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._handle = handle
        return True

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    @property
    def held(self) -> bool:
        return self._handle is not None


@dataclass
class Unlocked:
    """An open profile: the store, and the key kept in memory for backups and codes."""

    profile: Profile
    store: Store
    data_key: bytes = field(repr=False)
    recovery_code: str | None = field(default=None, repr=False)

    @property
    def settings(self) -> Settings:
        return self.profile.settings(self.store)

    def close(self) -> None:
        self.store.close()


class Profile:
    def __init__(self, folder: Path, vault: KeyringVault | None = None) -> None:
        self.folder = Path(folder)
        self.vault = vault or KeyringVault()
        self.keys = KeyManager(self.keyfile_path, self.folder, self.vault)
        self.lock = ProfileLock(self.folder / LOCK_NAME)
        self._preferences: Preferences | None = None
        self._temporary = False

    @property
    def db_path(self) -> Path:
        return self.folder / DB_NAME

    @property
    def keyfile_path(self) -> Path:
        return self.folder / KEYFILE_NAME

    @property
    def preferences(self) -> Preferences:
        if self._preferences is None:
            self._preferences = Preferences(self.folder / PREFERENCES_NAME)
        return self._preferences

    def settings(self, store: Store | None = None) -> Settings:
        return Settings(self.preferences, store)

    def instance_id(self) -> str:
        """A name for this profile that carries nothing personal (for the local socket)."""
        digest = hashlib.sha256(str(self.folder.resolve()).encode("utf-8")).hexdigest()
        return f"companion-{digest[:20]}"

    # state -----------------------------------------------------------------

    def state(self) -> ProfileState:
        has_db = self.db_path.exists()
        has_keys = self.keyfile_path.exists()
        leftovers = any(
            (self.folder / f"{DB_NAME}{suffix}").exists() for suffix in ("-wal", "-journal")
        )
        if not has_db and not has_keys:
            if leftovers:
                raise ProfileDamaged(
                    _(
                        "Part of your data is in {folder} but the main data file is missing. "
                        "Nothing has been changed. If you moved the folder, move all of it back."
                    ).format(folder=self.folder)
                )
            return ProfileState.NEW
        if has_db and not has_keys:
            # Reading keys.json raises the plain "missing" message.
            self.keys.read()
        if has_keys and not has_db:
            raise ProfileDamaged(
                _(
                    "Your data file {file} is missing. Nothing has been changed. If it is on a "
                    "drive that is not connected, connect it and try again."
                ).format(file=self.db_path)
            )
        return ProfileState(self.keys.read().mode)

    def require_existing(self) -> ProfileState:
        state = self.state()
        if state is ProfileState.NEW:
            raise ProfileMissing(
                _(
                    "There is no Companion data in {folder} yet. Start Companion to set it up, "
                    "or run “companion init”."
                ).format(folder=self.folder)
            )
        return state

    def acquire_lock(self) -> None:
        if not self.lock.acquire():
            raise ProfileBusy(
                _(
                    "Companion is already open with this data. Use the window that is already "
                    "open, or close it first."
                )
            )

    # creating ----------------------------------------------------------------

    def create(self, mode: Mode, passphrase: str | None = None) -> Unlocked:
        """Set up a new profile: key, keys.json, then the database.

        Refuses if anything is already here, so existing data is never
        replaced by a new, empty profile.
        """
        if self.state() is not ProfileState.NEW:
            raise ProfileDamaged(
                _("There is already Companion data in {folder}; it was left as it is.").format(
                    folder=self.folder
                )
            )
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            ours = {LOCK_NAME, PREFERENCES_NAME}
            if os.name == "posix" and all(p.name in ours for p in self.folder.iterdir()):
                # Only a folder that holds nothing but Companion's is made private;
                # a folder the person chose that holds other things is left as it is.
                os.chmod(self.folder, 0o700)
        except OSError as error:
            raise storage_error(error, self.folder / DB_NAME) from None
        data_key = new_data_key()
        code = self.keys.create(mode, data_key, passphrase)
        try:
            store = Store.open(self.db_path, data_key, create=True)
        except BaseException:
            # Nothing was stored yet: undo the half-made profile so setup can run again.
            self.keyfile_path.unlink(missing_ok=True)
            if mode == "keyring":
                self.vault.delete(self.folder)
            for suffix in ("", "-wal", "-shm"):
                (self.folder / f"{DB_NAME}{suffix}").unlink(missing_ok=True)
            raise
        return Unlocked(self, store, data_key, code if mode != "session" else None)

    @classmethod
    def create_session(cls) -> Profile:
        """A throwaway profile in a temporary folder (``--demo``); removed by ``discard()``."""
        folder = Path(tempfile.mkdtemp(prefix="companion-demo-"))
        profile = cls(folder)
        profile._temporary = True
        return profile

    def discard(self) -> None:
        if self._temporary:
            self.lock.release()
            shutil.rmtree(self.folder, ignore_errors=True)

    # opening -------------------------------------------------------------------

    def open(self, data_key: bytes, *, migrate: bool = True) -> Unlocked:
        return Unlocked(self, Store.open(self.db_path, data_key, migrate=migrate), data_key)

    def unlock_with_keyring(self) -> Unlocked:
        return self.open(self.keys.open_with_keyring())

    def unlock_with_passphrase(self, passphrase: str) -> Unlocked:
        return self.open(self.keys.open_with_passphrase(passphrase))

    def unlock_with_recovery_code(self, code: str) -> Unlocked:
        return self.open(self.keys.open_with_recovery_code(code))

    def restore_access(self, unlocked: Unlocked, passphrase: str | None = None) -> Mode:
        """After a recovery-code unlock, make the usual way in work again.

        A keyring profile puts the key back in the keyring; where that is not
        possible, or a passphrase is given, the profile moves to a passphrase.
        """
        if passphrase:
            self.keys.use_passphrase(unlocked.data_key, passphrase)
            return "passphrase"
        self.keys.use_keyring(unlocked.data_key)
        return "keyring"

    def describe(self) -> dict[str, Any]:
        return {"folder": str(self.folder), "state": self.state().value}
