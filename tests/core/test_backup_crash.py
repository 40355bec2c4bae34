"""A backup or a restore killed with SIGKILL at any step leaves the profile whole.

The child opens the profile and is killed (by itself, at a named step, or by
the test after a random moment); then the profile opens the usual way, both
integrity checks are clean, and it holds either all of the old data or all of
the backup's, never a mix.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from companion import contacts
from companion.backup import make_backup, review_backup
from companion.contacts import Person
from companion.profile import Profile, ProfileState, Unlocked

from .conftest import PASSPHRASE
from .helpers import PYTHON, ROOT, child_env

NOW = datetime(2026, 6, 3, 10, 0, tzinfo=UTC)

_CHILD = """
import os, signal, sys
from datetime import datetime, UTC
from pathlib import Path
from companion.backup import make_backup, restore_backup
from companion.profile import Profile

what, folder, file, stop_at = sys.argv[1:5]
now = datetime(2026, 6, 4, 10, 0, tzinfo=UTC)

def hook(step):
    if step == stop_at:
        os.kill(os.getpid(), signal.SIGKILL)

unlocked = Profile(Path(folder)).open(bytes.fromhex(os.environ["CRASH_TEST_KEY"]))
print("ready", flush=True)
if what == "backup":
    make_backup(unlocked, Path(file), now, step_hook=hook)
else:
    restore_backup(unlocked, Path(file), now, step_hook=hook).unlocked.close()
print("finished", flush=True)
"""

RESTORE_STEPS = ["reviewed", "safety-backup-made", "new-file-written", "store-closed", "replaced"]
BACKUP_STEPS = ["database-copied", "file-written", "done"]


def _names(unlocked: Unlocked) -> list[str]:
    return sorted(p.name for p in contacts.people(unlocked.store))


def _run_child(
    what: str, folder: Path, file: Path, key: bytes, stop_at: str, kill_after: float | None
) -> str:
    child = subprocess.Popen(
        [PYTHON, "-c", _CHILD, what, str(folder), str(file), stop_at],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(CRASH_TEST_KEY=key.hex()),
        cwd=ROOT,
    )
    assert child.stdout is not None
    try:
        assert child.stdout.readline() == "ready\n"
        if kill_after is not None:
            time.sleep(kill_after)
            with contextlib.suppress(ProcessLookupError):  # it may have finished already
                os.kill(child.pid, signal.SIGKILL)
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert "Traceback" not in err, err
    return out


def _profile_is_whole(folder: Path) -> list[str]:
    profile = Profile(folder)
    assert profile.state() is ProfileState.PASSPHRASE
    unlocked = profile.unlock_with_passphrase(PASSPHRASE)
    try:
        assert unlocked.store.integrity().ok
        return _names(unlocked)
    finally:
        unlocked.close()


@pytest.fixture
def setup(passphrase_profile: Unlocked, tmp_path: Path) -> tuple[Path, Path, bytes]:
    store = passphrase_profile.store
    for name in ("Ann", "Bob", "Cy"):
        contacts.add_person(store, NOW, Person(0, name))
    target = make_backup(passphrase_profile, tmp_path / "old.companion-backup", NOW)
    for name in ("Dee", "Eve"):
        contacts.add_person(store, NOW, Person(0, name))
    folder = passphrase_profile.profile.folder
    key = passphrase_profile.data_key
    passphrase_profile.close()
    return folder, target, key


OLD = ["Ann", "Bob", "Cy", "Dee", "Eve"]
BACKED_UP = ["Ann", "Bob", "Cy"]


@pytest.mark.slow
def test_restore_killed_at_each_step_leaves_old_or_new_data(
    setup: tuple[Path, Path, bytes],
) -> None:
    folder, target, key = setup
    for step in RESTORE_STEPS:
        out = _run_child("restore", folder, target, key, step, None)
        assert "finished" not in out
        names = _profile_is_whole(folder)
        assert names == (BACKED_UP if step == "replaced" else OLD), step
        if names == BACKED_UP:  # put the old data back for the next step
            for name in ("Dee", "Eve"):
                profile = Profile(folder)
                unlocked = profile.unlock_with_passphrase(PASSPHRASE)
                contacts.add_person(unlocked.store, NOW, Person(0, name))
                unlocked.close()


@pytest.mark.slow
def test_restore_killed_at_random_moments(setup: tuple[Path, Path, bytes]) -> None:
    folder, target, key = setup
    rng = random.Random()
    seed = rng.randrange(2**32)
    rng.seed(seed)
    for _ in range(4):
        _run_child("restore", folder, target, key, "never", rng.uniform(0.0, 0.4))
        names = _profile_is_whole(folder)
        assert names in (OLD, BACKED_UP), f"seed {seed}: {names}"


@pytest.mark.slow
def test_backup_killed_at_each_step_leaves_profile_whole_and_no_half_file(
    setup: tuple[Path, Path, bytes], tmp_path: Path
) -> None:
    folder, _old, key = setup
    for step in BACKUP_STEPS:
        file = tmp_path / f"killed-{step}.companion-backup"
        _run_child("backup", folder, file, key, step, None)
        assert _profile_is_whole(folder) == OLD
        if file.exists():  # only after it was whole
            assert step == "done"
            assert review_backup(file, data_key=key).ok
    # What a killed backup left behind is only hidden scratch, never a file that looks done.
    visible = [p.name for p in tmp_path.iterdir() if p.name.startswith("killed-")]
    assert visible == ["killed-done.companion-backup"]


# --- with the parent view's data ---------------------------------------------------------

PARENT_STEPS = [*RESTORE_STEPS, "parents-replaced"]


def _children(folder: Path) -> tuple[list[str], list[str]]:
    """The people and the children, as the app finds them on its next start."""
    from companion import parents
    from companion.parents_lock import ParentVault

    unlocked = Profile(folder).unlock_with_passphrase(PASSPHRASE)
    try:
        assert unlocked.store.integrity().ok
        opened = ParentVault.of(unlocked).open()
        try:
            return _names(unlocked), sorted(c.name for c in parents.children(opened.store))
        finally:
            opened.lock()
    finally:
        unlocked.close()


@pytest.mark.slow
def test_restore_with_parent_data_killed_at_each_step_keeps_both_files_matched(
    passphrase_profile: Unlocked, tmp_path: Path
) -> None:
    from companion import parents
    from companion.parents_lock import ParentVault

    store = passphrase_profile.store
    for name in ("Ann", "Bob", "Cy"):
        contacts.add_person(store, NOW, Person(0, name))
    vault = ParentVault.of(passphrase_profile)
    opened = vault.set_up(NOW)
    parents.add_child(opened.store, NOW, "Old child", "12_15")
    opened.lock()
    target = make_backup(passphrase_profile, tmp_path / "old.companion-backup", NOW)
    folder, key = passphrase_profile.profile.folder, passphrase_profile.data_key
    passphrase_profile.close()

    def newer_data_here() -> None:
        unlocked = Profile(folder).unlock_with_passphrase(PASSPHRASE)
        try:
            for name in ("Dee", "Eve"):
                contacts.add_person(unlocked.store, NOW, Person(0, name))
            again = ParentVault.of(unlocked).open()
            parents.add_child(again.store, NOW, "New child", "16_18")
            again.lock()
        finally:
            unlocked.close()

    newer_data_here()
    for step in PARENT_STEPS:
        out = _run_child("restore", folder, target, key, step, None)
        assert "finished" not in out
        names, children = _children(folder)
        if step in ("replaced", "parents-replaced"):
            assert (names, children) == (BACKED_UP, ["Old child"]), step
            newer_data_here()
        else:
            assert (names, children) == (OLD, ["New child", "Old child"]), step
        assert not list(folder.glob("*.restored")) and not (folder / "parents.restore").exists()
