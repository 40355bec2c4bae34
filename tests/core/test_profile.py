"""A profile folder: what state it is in, never set up twice, one copy of the app at a time."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest

import companion.profile
from companion.errors import ProfileBusy, ProfileDamaged, ProfileMissing, StorageError
from companion.keys import KeyringVault
from companion.profile import Profile, ProfileLock, ProfileState, Unlocked, resolve_data_dir

from .conftest import PASSPHRASE
from .helpers import PYTHON, child_env, snapshot

# --- state --------------------------------------------------------------------


def test_an_empty_or_absent_folder_is_new(tmp_path: Path) -> None:
    assert Profile(tmp_path / "absent").state() is ProfileState.NEW
    assert Profile(tmp_path).state() is ProfileState.NEW
    assert not (tmp_path / "absent").exists()


@pytest.mark.parametrize(
    ("mode", "state"),
    [
        ("keyring", ProfileState.KEYRING),
        ("passphrase", ProfileState.PASSPHRASE),
        ("session", ProfileState.SESSION),
    ],
)
def test_state_says_how_to_unlock(folder: Path, fake_vault: KeyringVault, mode, state) -> None:
    Profile(folder, fake_vault).create(mode, PASSPHRASE).close()
    assert Profile(folder, fake_vault).state() is state


def test_database_without_keys_file_is_damaged_and_left_alone(passphrase_profile: Unlocked) -> None:
    folder = passphrase_profile.profile.folder
    passphrase_profile.close()
    (folder / "keys.json").unlink()
    before = snapshot(folder)
    profile = Profile(folder)
    with pytest.raises(ProfileDamaged) as caught:
        profile.state()
    assert (
        "keys.json" in caught.value.message and "Nothing has been changed" in caught.value.message
    )
    with pytest.raises(ProfileDamaged):
        profile.create("passphrase", "new")
    with pytest.raises(ProfileDamaged):
        profile.create("keyring")
    assert snapshot(folder) == before


def test_keys_file_without_database_never_makes_a_new_database(
    passphrase_profile: Unlocked,
) -> None:
    folder = passphrase_profile.profile.folder
    passphrase_profile.close()
    (folder / "companion.db").unlink()
    before = snapshot(folder)
    profile = Profile(folder)
    with pytest.raises(ProfileDamaged, match="companion.db is missing"):
        profile.state()
    with pytest.raises(ProfileDamaged):
        profile.unlock_with_passphrase(PASSPHRASE)
    with pytest.raises(ProfileDamaged):
        profile.unlock_with_recovery_code(passphrase_profile.recovery_code or "")
    with pytest.raises(ProfileDamaged):
        profile.create("passphrase", "new")
    assert snapshot(folder) == before
    assert not any(p.name.startswith("companion.db") for p in folder.iterdir())


def test_a_left_over_journal_without_the_database_is_damaged(tmp_path: Path) -> None:
    (tmp_path / "companion.db-wal").write_bytes(b"\0" * 100)
    with pytest.raises(ProfileDamaged, match="main data file is missing"):
        Profile(tmp_path).state()
    with pytest.raises(ProfileDamaged):
        Profile(tmp_path).create("passphrase", PASSPHRASE)
    assert [p.name for p in tmp_path.iterdir()] == ["companion.db-wal"]


def test_create_refuses_when_data_exists(
    keyring_profile: Unlocked, memory_keyring, fake_vault
) -> None:
    folder = keyring_profile.profile.folder
    keyring_profile.close()
    before = snapshot(folder)
    entries = dict(memory_keyring.entries)
    for mode in ("keyring", "passphrase", "session"):
        with pytest.raises(ProfileDamaged, match="already Companion data"):
            Profile(folder, fake_vault).create(mode, PASSPHRASE)  # type: ignore[arg-type]
    assert snapshot(folder) == before
    assert memory_keyring.entries == entries
    Profile(folder, fake_vault).unlock_with_keyring().close()


def test_missing_profile_says_how_to_set_up(tmp_path: Path) -> None:
    with pytest.raises(ProfileMissing, match="companion init"):
        Profile(tmp_path / "none").require_existing()


def test_a_setup_that_fails_half_way_can_be_run_again(
    folder: Path, fake_vault: KeyringVault, memory_keyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(*args, **kwargs):
        raise StorageError("The disk is full, so nothing was saved.")

    with monkeypatch.context() as patch:
        patch.setattr(companion.profile.Store, "open", full_disk)
        with pytest.raises(StorageError, match="disk is full"):
            Profile(folder, fake_vault).create("keyring")
    assert Profile(folder, fake_vault).state() is ProfileState.NEW
    assert memory_keyring.entries == {}
    Profile(folder, fake_vault).create("keyring").close()
    Profile(folder, fake_vault).unlock_with_keyring().close()


def test_the_data_dir_option_beats_the_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("COMPANION_DATA_DIR", str(tmp_path / "from-env"))
    assert resolve_data_dir(str(tmp_path / "option")) == (tmp_path / "option").resolve()
    assert resolve_data_dir(None) == (tmp_path / "from-env").resolve()
    monkeypatch.delenv("COMPANION_DATA_DIR")
    assert str(tmp_path) in str(resolve_data_dir(None))  # XDG_DATA_HOME from the fixture


def test_instance_name_does_not_reveal_the_folder(tmp_path: Path) -> None:
    profile = Profile(tmp_path / "Margaret Smith")
    assert "Margaret" not in profile.instance_id()
    assert profile.instance_id() == Profile(tmp_path / "Margaret Smith").instance_id()
    assert profile.instance_id() != Profile(tmp_path / "other").instance_id()


# --- session profiles ------------------------------------------------------------------


def test_session_profile_is_discarded_with_its_folder(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    profile = Profile.create_session()
    assert profile.folder.parent == tmp_path
    unlocked = profile.create("session")
    unlocked.store.set_setting("user_name", "demo")
    unlocked.close()
    profile.discard()
    assert not profile.folder.exists()
    assert list(tmp_path.iterdir()) == []


def test_discard_never_deletes_a_real_profile(passphrase_profile: Unlocked) -> None:
    profile = passphrase_profile.profile
    passphrase_profile.close()
    before = snapshot(profile.folder)
    profile.discard()
    Profile(profile.folder).discard()
    assert snapshot(profile.folder) == before


# --- one copy per profile --------------------------------------------------------------

_HOLDER = """
import sys
from pathlib import Path
from companion.profile import ProfileLock
lock = ProfileLock(Path(sys.argv[1]))
print("held" if lock.acquire() else "busy", flush=True)
if sys.stdin.readline().strip() == "release":
    lock.release()
    print("released", flush=True)
sys.stdin.readline()
"""


@pytest.fixture
def holder(tmp_path: Path):
    """Another process holding the profile's lock, told what to do over stdin."""
    started: list[subprocess.Popen[str]] = []

    def start() -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [PYTHON, "-c", _HOLDER, str(tmp_path / ".lock")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=child_env(),
        )
        started.append(process)
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "held"
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def test_second_copy_is_refused_while_the_first_runs(tmp_path: Path, holder) -> None:
    process = holder()
    profile = Profile(tmp_path)
    with pytest.raises(ProfileBusy) as caught:
        profile.acquire_lock()
    assert "already open" in caught.value.message
    assert not profile.lock.held

    assert process.stdin is not None and process.stdout is not None
    process.stdin.write("release\n")
    process.stdin.flush()
    assert process.stdout.readline().strip() == "released"
    profile.acquire_lock()
    assert profile.lock.held
    profile.lock.release()


def test_lock_is_free_again_after_the_holder_is_killed(tmp_path: Path, holder) -> None:
    process = holder()
    assert not ProfileLock(tmp_path / ".lock").acquire()
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    lock = ProfileLock(tmp_path / ".lock")
    assert lock.acquire()
    assert (tmp_path / ".lock").read_text().strip() == str(os.getpid())
    lock.release()


def test_two_opens_in_one_process_are_refused_too(tmp_path: Path) -> None:
    first, second = ProfileLock(tmp_path / ".lock"), ProfileLock(tmp_path / ".lock")
    assert first.acquire()
    assert first.acquire()  # asking again is harmless
    assert not second.acquire()
    first.release()
    assert second.acquire()
    second.release()


def test_lock_file_holds_nothing_personal(tmp_path: Path) -> None:
    lock = ProfileLock(tmp_path / ".lock")
    lock.acquire()
    assert (tmp_path / ".lock").read_text() == f"{os.getpid()}\n"
    lock.release()


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root can write in a read-only folder; test_store covers the message mapping",
)
def test_read_only_folder_gets_a_plain_message(tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(StorageError, match="not allowed to write in"):
            Profile(tmp_path / "profile").create("passphrase", PASSPHRASE)
        assert list(tmp_path.iterdir()) == []
    finally:
        tmp_path.chmod(0o700)


def test_a_chosen_folder_with_other_things_keeps_its_permissions(tmp_path, fake_vault):
    import stat

    chosen = tmp_path / "Documents"
    chosen.mkdir()
    chosen.chmod(0o755)  # whatever the process umask is
    (chosen / "letter.txt").write_text("not ours")
    Profile(chosen, fake_vault).create("keyring").close()
    assert stat.S_IMODE(chosen.stat().st_mode) == 0o755
    fresh = tmp_path / "fresh"
    Profile(fresh, fake_vault).create("keyring").close()
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o700


# --- what a killed run leaves behind --------------------------------------------------------


def test_a_start_removes_old_key_copies_and_half_written_backups(
    passphrase_profile: Unlocked,
) -> None:
    folder = passphrase_profile.profile.folder
    passphrase_profile.close()
    old_wrap = folder / ".keys.json.0badc0de.tmp"
    old_wrap.write_text((folder / "keys.json").read_text())
    (folder / "backups").mkdir(exist_ok=True)
    partial = folder / "backups" / "companion-20260101T000000Z-before-v9.db.partial"
    partial.write_bytes(b"half")
    kept = folder / "backups" / "companion-20260101T000000Z-before-v9.db"
    kept.write_bytes(b"whole")
    profile = Profile(folder)
    profile.tidy()  # without the lock: another copy may be writing them now
    assert old_wrap.exists() and partial.exists()
    profile.acquire_lock()
    profile.lock.release()
    assert not old_wrap.exists() and not partial.exists()
    assert kept.exists()
    Profile(folder).unlock_with_passphrase(PASSPHRASE).close()


def test_demo_folders_left_by_a_kill_are_removed_at_the_next_demo(
    monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    run = tmp_path / "run"
    run.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(run))
    killed = Profile.create_session()
    killed.create("session").close()
    socket_file = Path(killed.instance_id())
    socket_file.write_text("")  # stands for the socket the killed run was listening on
    killed.lock.release()  # what the kernel does when the process dies
    running = Profile.create_session()  # holds its lock: must be left alone
    someone_elses = tmp_path / "companion-demo-notmine"
    someone_elses.mkdir()
    someone_elses.chmod(0o755)  # not private: not ours to remove (whatever the umask)

    newest = Profile.create_session()
    assert not killed.folder.exists()
    assert not socket_file.exists()
    assert running.folder.exists() and someone_elses.exists()
    for profile in (running, newest):
        profile.discard()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["companion-demo-notmine", "run"]


def test_the_single_instance_socket_lives_in_the_private_runtime_folder(
    folder: Path, monkeypatch, tmp_path: Path
) -> None:
    run = tmp_path / "run"
    run.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(run))
    name = Profile(folder).instance_id()
    assert Path(name).parent == run
    assert str(folder) not in name and folder.name not in Path(name).name
    assert name == Profile(folder).instance_id()  # the same for every copy of the app
    assert name != Profile(tmp_path / "other").instance_id()


def test_without_a_runtime_folder_the_socket_goes_in_a_private_one(
    folder: Path, monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)  # a runtime folder others can enter is not used
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(shared))
    parent = Path(Profile(folder).instance_id()).parent
    assert parent == tmp_path / f"companion-{os.getuid()}"
    assert stat_mode(parent) == 0o700
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    assert Path(Profile(folder).instance_id()).parent == parent


def test_a_runtime_folder_taken_by_someone_else_is_not_used(
    folder: Path, monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    target = tmp_path / "elsewhere"
    target.mkdir(mode=0o700)
    (tmp_path / f"companion-{os.getuid()}").symlink_to(target)  # planted by another account
    assert Path(Profile(folder).instance_id()).parent == folder


def test_a_lock_that_is_a_folder_is_said_plainly(folder: Path) -> None:
    (folder / ".lock").mkdir(parents=True)
    with pytest.raises(ProfileDamaged) as caught:
        Profile(folder).acquire_lock()
    assert "is a folder" in caught.value.message


def stat_mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_a_start_removes_the_scratch_of_a_restore_stopped_half_way(
    passphrase_profile: Unlocked,
) -> None:
    folder = passphrase_profile.profile.folder
    passphrase_profile.close()
    scratch = folder / ".restore-0badc0de"
    scratch.mkdir()
    (scratch / "copy.db").write_bytes(b"a whole second copy")
    incoming = [folder / ".companion.db.restoring", folder / ".companion.db.restoring-wal"]
    incoming.append(folder / ".parents.db.restoring")
    for path in incoming:
        path.write_bytes(b"scratch")
    profile = Profile(folder)
    profile.acquire_lock()
    profile.lock.release()
    assert not scratch.exists() and not any(p.exists() for p in incoming)
    assert (folder / "companion.db").exists()
    Profile(folder).unlock_with_passphrase(PASSPHRASE).close()
