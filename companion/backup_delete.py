"""Delete all my data, and delete only the parent view's data.

**Everything**: the database and its -wal/-shm/-journal files, the backups
folder, keys.json, preferences.json, the keyring entry and the start-at-login
entry go; the profile is NEW again and the app starts with first-run setup.
Files are removed in an order where, if the computer stops half-way, running
it again finishes the job (it never needs the data to open).

**Only the parent view's data**: the parents feature registers what is its
own with ``register_parent_data(...)``, once, when its module is imported:

* ``tables``: tables whose rows are all the parent view's (emptied in one
  transaction, in the order given, so children's rows go before their parents');
* ``erase``: a callable ``erase(store, now)`` run inside that same transaction,
  for anything more particular (a setting, a few rows of a shared table);
* ``files``: names, relative to the profile folder, of files or folders the
  parent view keeps beside the database (its own key file, say), removed after
  the transaction committed.

``delete_parent_data(unlocked, now)`` then does all of it. With nothing
registered it changes nothing and says so (returns an empty summary).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from companion import autostart
from companion.errors import CompanionError
from companion.i18n import _
from companion.keys import _fsync_dir, storage_error
from companion.profile import (
    DB_NAME,
    KEYFILE_NAME,
    LOCK_NAME,
    PREFERENCES_NAME,
    Profile,
    ProfileState,
    Unlocked,
    default_data_dir,
)
from companion.store import Store

Eraser = Callable[[Store, datetime], None]


@dataclass(frozen=True)
class ParentDataHook:
    tables: tuple[str, ...] = ()
    erase: Eraser | None = None
    files: tuple[str, ...] = ()


_PARENT_HOOKS: list[ParentDataHook] = []


def register_parent_data(
    *,
    tables: tuple[str, ...] | list[str] = (),
    erase: Eraser | None = None,
    files: tuple[str, ...] | list[str] = (),
) -> ParentDataHook:
    """Declare what belongs to the parent view, so "delete the parent view's data" finds it."""
    hook = ParentDataHook(tuple(tables), erase, tuple(files))
    _PARENT_HOOKS.append(hook)
    return hook


def unregister_parent_data(hook: ParentDataHook) -> None:
    if hook in _PARENT_HOOKS:
        _PARENT_HOOKS.remove(hook)


@dataclass(frozen=True)
class ParentDataDeleted:
    tables: dict[str, int] = field(default_factory=dict)  # table → rows removed
    files: list[str] = field(default_factory=list)


def delete_parent_data(unlocked: Unlocked, now: datetime) -> ParentDataDeleted:
    """Remove only what the parent view registered; everything else stays as it is."""
    store = unlocked.store
    present = {
        str(row[0]) for row in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    removed: dict[str, int] = {}
    with store.transaction():
        for hook in list(_PARENT_HOOKS):
            for table in hook.tables:
                if table in present:
                    cursor = store.execute(f'DELETE FROM "{table}"')
                    removed[table] = removed.get(table, 0) + max(int(cursor.rowcount), 0)
            if hook.erase is not None:
                hook.erase(store, now)
    gone = []
    for hook in list(_PARENT_HOOKS):
        for name in hook.files:
            target = unlocked.profile.folder / name
            if _remove(target):
                gone.append(name)
    return ParentDataDeleted(removed, gone)


# --- everything ---------------------------------------------------------------------------


def _remove(path: Path) -> bool:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
            return True
        path.unlink()
        return True
    except FileNotFoundError:
        return False
    except OSError as error:
        raise storage_error(error, path) from None


def _is_default(folder: Path) -> bool:
    try:
        return folder.resolve() == default_data_dir().resolve()
    except OSError:
        return False


# Everything Companion keeps in a profile folder, journals before their databases. The
# parent view's own file (parents.db, see parents_lock.py) and its key file are here by
# name too, so they go even where nothing registered them.
PROFILE_FILES: tuple[str, ...] = (
    f"{DB_NAME}-wal",
    f"{DB_NAME}-shm",
    f"{DB_NAME}-journal",
    DB_NAME,
    "parents.db-wal",
    "parents.db-shm",
    "parents.db-journal",
    "parents.db.next",
    "parents.db",
    "parents-keys.json",
    KEYFILE_NAME,
    "backups",
    PREFERENCES_NAME,
)


def what_delete_all_removes(profile: Profile) -> list[Path]:
    """The files and folders that are there now and would go (for the confirmation)."""
    folder = profile.folder
    names = list(PROFILE_FILES) + [name for hook in _PARENT_HOOKS for name in hook.files]
    found = [folder / name for name in names if (folder / name).exists()]
    if folder.is_dir():
        found += sorted(p for p in folder.iterdir() if p.name.startswith(f".{DB_NAME}"))
    return found


def delete_all(profile: Profile, unlocked: Unlocked | None = None) -> list[Path]:
    """Delete every trace of the profile's data; afterwards it is NEW (first-run setup).

    ``unlocked`` (if open) is closed first. Returns what was removed. The
    keyring entry goes whatever the profile's mode (an entry left by an old
    mode goes too), and so does the start-at-login entry.
    """
    if unlocked is not None:
        unlocked.close()
    folder = profile.folder
    # The start-at-login entry starts the usual profile: it goes with that one, or with
    # a profile whose own settings turned it on, never with a stranger's test folder.
    starts_this = profile.preferences.get("start_at_login") or _is_default(folder)
    removed: list[Path] = []
    # Hidden leftovers of a restore or backup stopped half-way, then the data itself:
    # the journal files before the database, so no stray journal meets a new database.
    if folder.is_dir():
        for leftover in sorted(folder.iterdir()):
            if leftover.name.startswith((f".{DB_NAME}", ".restore-")) and _remove(leftover):
                removed.append(leftover)
    for name in PROFILE_FILES:
        if _remove(folder / name):
            removed.append(folder / name)
    for hook in list(_PARENT_HOOKS):
        for name in hook.files:
            if _remove(folder / name):
                removed.append(folder / name)
    profile.vault.delete(folder)
    if starts_this:
        try:
            autostart.disable()
        except CompanionError:
            pass  # the entry could not be removed; the data is gone all the same
    if folder.is_dir():
        _fsync_dir(folder)
    profile._preferences = None  # noqa: SLF001 - forget the settings just deleted
    profile.lock.release()
    _remove(folder / LOCK_NAME)
    if folder.is_dir() and not any(folder.iterdir()):
        try:
            os.rmdir(folder)
        except OSError:
            pass  # someone else's file appeared; the folder stays
    if profile.state() is not ProfileState.NEW:
        raise CompanionError(
            _(
                "Not everything could be deleted from {folder}. Please close other programs "
                "that use it and try again."
            ).format(folder=folder)
        )
    return removed


__all__ = [
    "PROFILE_FILES",
    "ParentDataDeleted",
    "ParentDataHook",
    "delete_all",
    "delete_parent_data",
    "register_parent_data",
    "unregister_parent_data",
    "what_delete_all_removes",
]
