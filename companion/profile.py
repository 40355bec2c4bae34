"""A profile folder: where the data lives, who may open it, and how it is unlocked.

The folder holds ``companion.db`` (encrypted), ``keys.json`` (wrapped keys
only), ``preferences.json`` (language, text size, contrast, country: nothing
personal), ``backups/`` (encrypted copies) and ``.lock``.

The rules that keep data safe live here: a folder that holds a database is
never set up again, and opening with a missing or wrong key touches no file.
"""

from __future__ import annotations

import enum
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from companion.errors import (
    CompanionError,
    ProfileBusy,
    ProfileDamaged,
    ProfileMissing,
    StorageError,
)
from companion.i18n import _
from companion.keys import (
    KeyManager,
    KeyringVault,
    Mode,
    new_data_key,
    normalize_recovery_code,
    storage_error,
)
from companion.settings import Preferences, Settings
from companion.store import NotReadableWithKey, Store, damaged_data_file, inspect_data_file

DB_NAME = "companion.db"
KEYFILE_NAME = "keys.json"
PREFERENCES_NAME = "preferences.json"
LOCK_NAME = ".lock"
SETUP_NAME = ".companion.db.setup"  # the database while it is being made, renamed when whole
REKEY_NAME = ".companion.db.rekey"  # the data under a new key, before it replaces the old file
DEMO_PREFIX = "companion-demo-"
FULL_DISK_BYTES = 256 * 1024  # less free space than this: too full to open the data safely
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
        except IsADirectoryError:
            raise ProfileDamaged(
                _(
                    "{path} should be a small file but is a folder, so Companion cannot tell "
                    "whether it is already open. Nothing has been changed. Remove that folder "
                    "(it holds nothing of Companion's) and start Companion again."
                ).format(path=self.path)
            ) from None
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
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()}\n")  # for a person looking; the lock is what counts
            handle.flush()
        except OSError:  # a full disk: held all the same
            pass
        self._handle = handle
        return True

    def release(self) -> None:
        if self._handle is not None:
            try:
                self._handle.close()
            except OSError:  # the pid could not be flushed (a full disk): closed all the same
                pass
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
        """Where this profile's single-instance socket lives (QLocalServer takes it as is).

        On Windows a pipe name; elsewhere a path in the user's private runtime
        folder, so another account can neither take the name first nor see who
        runs Companion. The name carries nothing personal.
        """
        return self._socket(make=True)

    def _socket(self, make: bool) -> str:
        import hashlib  # here, not at start: it loads the system OpenSSL (3.7 MiB) for this only

        digest = hashlib.sha256(str(self.folder.resolve()).encode("utf-8")).hexdigest()
        name = f"companion-{digest[:20]}"
        if os.name != "posix":
            return name
        return str(runtime_dir(self.folder, make=make) / name)

    # state -----------------------------------------------------------------

    def state(self) -> ProfileState:
        if self.keys.next_path.exists() and not self.lock.held:
            # A change of key was stopped half way: finish (or undo) it now if no
            # other copy is running, so a command never meets the data half-changed.
            if self.lock.acquire():
                try:
                    self._finish_or_abandon_rekey()
                finally:
                    self.lock.release()
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
            if self._setup_leftovers():
                raise ProfileDamaged(
                    _(
                        "Setting up Companion in {folder} was interrupted before it finished. "
                        "Start Companion again to set it up."
                    ).format(folder=self.folder)
                )
            raise ProfileDamaged(
                _(
                    "Your data file {file} is missing. Nothing has been changed. If it is on a "
                    "drive that is not connected, connect it and try again. Copies of your data "
                    "are kept in {backups}: one of them can be put back, and your recovery code "
                    "opens them too."
                ).format(file=self.db_path, backups=self.folder / "backups")
            )
        keyfile = self.keys.read()
        inspect_data_file(self.db_path)  # empty, cut short or not Companion's: say so now
        return ProfileState(keyfile.mode)

    def _setup_leftovers(self) -> list[Path]:
        return [p for p in self.folder.glob(SETUP_NAME + "*") if p.is_file()]

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
        """Hold the profile (ProfileBusy if another copy has it), then tidy what a kill left."""
        if not self.lock.acquire():
            raise ProfileBusy(
                _(
                    "Companion is already open with this data. Use the window that is already "
                    "open, or close it first."
                )
            )
        self.tidy()

    def tidy(self) -> None:
        """Remove what an interrupted run left behind; only while holding the lock.

        Old temporary copies of keys.json (they hold old wraps of the key),
        half-written backups, a setup that never finished, and a key a switch
        to a passphrase left in the keyring. Never raises: a folder that cannot
        be written is left for the next start.
        """
        if not self.lock.held or not self.folder.is_dir():
            return
        leftovers = list(self.folder.glob(".keys.json.*.tmp"))
        backups = self.folder / "backups"
        if backups.is_dir():
            leftovers += list(backups.glob("*.partial"))
        # A restore stopped before its new data was swapped in: its scratch copies (a whole
        # second copy of the data, still encrypted) are never needed again.
        leftovers += [p for p in self.folder.glob(".*.restoring*") if p.is_file()]
        for scratch in self.folder.glob(".restore-*"):
            shutil.rmtree(scratch, ignore_errors=True)
        if not self.db_path.exists() and self._setup_leftovers():
            # Setup was killed before the database was whole: nothing was ever
            # stored, so it starts again from the beginning.
            try:
                if self.keys.read().mode == "keyring":
                    self.vault.delete(self.folder)
            except CompanionError:
                pass
            leftovers += self._setup_leftovers() + [self.keyfile_path]
        elif self.db_path.exists():
            leftovers += self._setup_leftovers()  # a mark a kill left after setup finished
        for path in leftovers:
            try:
                path.unlink(missing_ok=True)
            except OSError:
                pass
        self._finish_or_abandon_rekey()
        if self.keyfile_path.exists():
            self.keys.tidy_keyring()

    def _finish_or_abandon_rekey(self) -> None:
        """A re-key a kill stopped: undone before the data file was swapped, finished after."""
        rekeyed = self.folder / REKEY_NAME
        try:
            leftovers = [
                Path(f"{rekeyed}{s}") for s in ("", "-journal", ".partial", ".partial-journal")
            ]
            if any(p.exists() for p in leftovers):
                for p in leftovers:
                    p.unlink(missing_ok=True)
                self.keys.abandon_rekey()
            elif self.keys.next_path.exists():
                self.keys.finish_rekey()
        except (CompanionError, OSError):
            pass  # tried again at the next start; the data opens either way

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
        setup = self.folder / SETUP_NAME
        # A mark first, so a kill at any moment before the data file is whole
        # (even between keys.json and the database) is known as a setup to redo.
        started = self.folder / (SETUP_NAME + "-started")
        try:
            started.touch()
            _fsync_folder(self.folder)
        except OSError as error:
            raise storage_error(error, self.db_path) from None
        try:
            code = self.keys.create(mode, data_key, passphrase)
        except BaseException:
            started.unlink(missing_ok=True)
            raise
        try:
            # Made whole under another name, then renamed: a kill never leaves a
            # half-made companion.db beside keys.json, only leftovers tidy() removes.
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{setup}{suffix}").unlink(missing_ok=True)
            Store.open(setup, data_key, create=True).close()
            if Path(f"{setup}-wal").exists():  # not folded in on close: the disk said no
                raise storage_error(OSError(5, os.strerror(5)), self.db_path)
            _fsync_file(setup)
            os.replace(setup, self.db_path)
            _fsync_folder(self.folder)
            started.unlink(missing_ok=True)
            store = Store.open(self.db_path, data_key)
        except BaseException:
            started.unlink(missing_ok=True)
            # Nothing was stored yet: undo the half-made profile so setup can run again.
            self.undo_create(mode)
            raise
        return Unlocked(self, store, data_key, code if mode != "session" else None)

    def undo_create(self, mode: Mode) -> None:
        """Take back a profile ``create`` has just made, before anything of the person's was
        stored in it (a restore into it that failed): its key, keys.json and data files go,
        so setup can run again. Preferences chosen in setup stay."""
        self.keyfile_path.unlink(missing_ok=True)
        if mode == "keyring":
            self.vault.delete(self.folder)
        for base in (self.folder / SETUP_NAME, self.db_path):
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{base}{suffix}").unlink(missing_ok=True)

    @classmethod
    def create_session(cls) -> Profile:
        """A throwaway profile in a temporary folder (``--demo``); removed by ``discard()``.

        Demo folders (and their sockets) that a killed run left behind are
        removed first; the new one is locked at once so no other start removes it.
        """
        remove_stale_demos()
        folder = Path(tempfile.mkdtemp(prefix=DEMO_PREFIX))
        profile = cls(folder)
        profile._temporary = True
        profile.lock.acquire()
        return profile

    def discard(self) -> None:
        if self._temporary:
            if os.name == "posix":
                Path(self._socket(make=False)).unlink(missing_ok=True)
            self.lock.release()
            shutil.rmtree(self.folder, ignore_errors=True)

    # opening -------------------------------------------------------------------

    def open(self, data_key: bytes, *, migrate: bool = True, read_only: bool = False) -> Unlocked:
        """Open the data with a key from keys.json (``read_only`` for ``check``)."""
        try:
            store = Store.open(self.db_path, data_key, migrate=migrate, read_only=read_only)
        except NotReadableWithKey:
            # The key came through keys.json's check or an authenticated wrap, so
            # the file itself is damaged or was replaced.
            raise damaged_data_file(
                self.db_path,
                _(
                    "Your data file {file} cannot be read with its key: it is damaged, or it "
                    "was replaced by another file."
                ).format(file=self.db_path),
            ) from None
        if not read_only:
            try:
                # The database accepted the key, so a key check that disagrees was damaged.
                self.keys.repair_key_check(data_key)
            except CompanionError:
                store.close()
                raise
        return Unlocked(self, store, data_key)

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
            # The keyring may be what failed: the key is removed from it once it answers.
            self.keys.use_passphrase(unlocked.data_key, passphrase, keyring_lost=True)
            return "passphrase"
        self.keys.use_keyring(unlocked.data_key)
        return "keyring"

    def start_problem(self) -> CompanionError | None:
        """What stops the data from being opened safely at all, said before anything else.

        A full disk, or a profile folder, data file or key file that cannot be
        written (read-only file, folder or file system). Checked at the start of
        the window, so the person hears the real reason and is not asked for a
        passphrase first.
        """
        return self.space_problem() or self.write_problem()

    def write_problem(self) -> CompanionError | None:
        """A part of the profile Companion would have to change but may not."""
        if not self.folder.exists():
            return None
        names = [self.folder, self.db_path, self.keyfile_path]
        names += [self.folder / f"{DB_NAME}{suffix}" for suffix in ("-wal", "-shm")]
        for path in names:
            if path.exists() and not os.access(path, os.W_OK):
                return StorageError(
                    _(
                        "Companion is not allowed to change {path}, so it cannot open your data "
                        "safely. Nothing has been changed. If the data is on a drive that is "
                        "read-only, copy the whole folder somewhere you can write to; otherwise "
                        "ask someone to check its permissions."
                    ).format(path=path)
                )
        return None

    def space_problem(self) -> CompanionError | None:
        """A disk so full that nothing can be saved, said before anything else is tried.

        SQLite reports a full disk as "disk I/O error" at times; asked first, the
        person hears what is really wrong and is not asked for a passphrase.
        """
        folder = self.folder if self.folder.exists() else self.folder.parent
        try:
            stats = os.statvfs(folder)
        except (OSError, AttributeError):  # no such folder yet, or no statvfs (Windows)
            return None
        if stats.f_bavail * stats.f_frsize >= FULL_DISK_BYTES:
            return None
        return StorageError(
            _(
                "The disk is full, so Companion cannot open your data safely. Your data has "
                "not been changed. Free some space (empty the wastebasket, or remove large "
                "files you no longer need) and start Companion again."
            )
        )

    def rekey(
        self, unlocked: Unlocked, recovery_code: str, passphrase: str | None = None
    ) -> Unlocked:
        """Encrypt the whole database again under a brand-new key (see ``rekey_explained``).

        ``unlocked`` is closed; the returned one is open with the new key and
        carries ``recovery_code``, which the person has been shown and written
        down before this is called (``companion.keys.new_recovery_code()``).
        A passphrase profile needs the new ``passphrase``; a keyring profile
        gets the new key in the keyring.

        Kill-safe: the data is copied under the new key to another file and
        flushed; keys.json.next (and the keyring's next slot) are written; the
        store is closed; the copy replaces the data file (the one moment that
        decides); then keys.json.next replaces keys.json. A kill before the swap
        leaves the old key in use (``tidy`` removes the copy); after it, ``tidy``
        finishes the last steps at the next start.
        """
        if unlocked.store.closed:
            raise CompanionError(_("Your data is locked. Unlock it and try again."))
        old_key = unlocked.data_key
        new_key = new_data_key()
        hook = self.keys.step_hook
        rekeyed = self.folder / REKEY_NAME
        for suffix in ("", "-journal", ".partial", ".partial-journal"):
            Path(f"{rekeyed}{suffix}").unlink(missing_ok=True)
        try:
            unlocked.store.backup_to(rekeyed, new_key)  # the whole database, under the new key
            _fsync_file(rekeyed)
        except BaseException:
            rekeyed.unlink(missing_ok=True)
            raise
        hook("rekey-copied")
        try:
            self.keys.prepare_rekey(old_key, new_key, recovery_code, passphrase)
        except BaseException:
            rekeyed.unlink(missing_ok=True)
            self.keys.abandon_rekey()
            raise
        hook("rekey-keys-prepared")
        unlocked.store.close()
        if Path(f"{self.db_path}-wal").exists():
            # Another connection still holds the data open: the WAL would not fit the copy.
            rekeyed.unlink(missing_ok=True)
            self.keys.abandon_rekey()
            raise CompanionError(
                _(
                    "Your data is still in use elsewhere in Companion, so its key was not "
                    "changed. Nothing has been changed. Close other windows and try again."
                )
            )
        try:
            os.replace(rekeyed, self.db_path)
            _fsync_folder(self.folder)
        except OSError as error:
            rekeyed.unlink(missing_ok=True)
            self.keys.abandon_rekey()
            raise storage_error(error, self.db_path) from None
        hook("rekey-swapped")
        self.keys.finish_rekey()
        hook("rekey-finished")
        again = self.open(new_key)
        again.recovery_code = normalize_recovery_code(recovery_code)
        return again

    def describe(self) -> dict[str, Any]:
        return {"folder": str(self.folder), "state": self.state().value}


# --- places outside the profile folder ---------------------------------------------


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    if os.name == "posix":
        _fsync_file(folder)


def _private_folder(folder: Path) -> bool:
    """A real folder (not a link), owned by this user, that no one else can enter."""
    if os.name != "posix":
        return folder.is_dir()
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    import stat

    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and not info.st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    )


def runtime_dir(fallback: Path, *, make: bool = True) -> Path:
    """The user's private runtime folder for sockets (XDG_RUNTIME_DIR on Linux).

    Where there is none, a private folder of this user's in the temporary
    folder; if even that cannot be made private, ``fallback`` (the profile).
    """
    chosen = os.environ.get("XDG_RUNTIME_DIR")
    if chosen and _private_folder(Path(chosen)):
        return Path(chosen)
    own = Path(tempfile.gettempdir()) / f"companion-{os.getuid()}"
    try:
        if make:
            own.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        return fallback
    return own if _private_folder(own) else fallback


def remove_stale_demos() -> list[Path]:
    """Remove demo folders (and sockets) whose run was killed; returns what was removed."""
    removed = []
    for folder in Path(tempfile.gettempdir()).glob(DEMO_PREFIX + "*"):
        if not _private_folder(folder):
            continue
        lock = ProfileLock(folder / LOCK_NAME)
        try:
            if not lock.acquire():
                continue  # a demo that is running now
        except CompanionError:
            continue
        try:
            if os.name == "posix":
                Path(Profile(folder)._socket(make=False)).unlink(missing_ok=True)
        except OSError:
            pass
        shutil.rmtree(folder, ignore_errors=True)
        lock.release()
        removed.append(folder)
    return removed


# --- words for the recovery-code and new-key choices ---------------------------------


def new_code_explained() -> str:
    """What a new recovery code does and does not do, for the Settings page."""
    return _(
        "A new recovery code replaces the old one in this computer's copy of Companion's "
        "key file, and the old code stops working here. It does not change the key your data "
        "is locked with: a copy of the key file made earlier (in a backup of this computer or "
        "a synced folder), and Companion's own backups, still open with the old code. If you "
        "think someone may have seen your old code or password, choose a new key instead."
    )


def rekey_explained() -> str:
    """What choosing a new key does, for the Settings page (before ``Profile.rekey``)."""
    return _(
        "Companion locks all your data again with a brand-new key. Afterwards no old "
        "recovery code, password or copy of the key file opens your data. You get a new "
        "recovery code: write it down before you go on. Backups made before now still open "
        "with the old code; delete them if that matters to you. It takes a moment, and it is "
        "safe if the computer stops half-way: your data then opens as before, and you can "
        "choose a new key again."
    )
