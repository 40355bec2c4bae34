"""The disk says no: full, read-only, or the bytes changed under us.

Real faults where the machine allows them: a tiny tmpfs filled to the last
byte, a file system mounted read-only, a data file or folder bind-mounted
read-only (root passes every permission check, a read-only mount stops even
root). Without the right to mount, those tests are skipped with the reason.
Each asserts what a person would see: one plain message, and data that is
whole and has every acknowledged write once the fault is gone.
"""

from __future__ import annotations

import os
import subprocess
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion.cli import main
from companion.errors import StorageError
from companion.profile import Profile, Unlocked
from companion.store import PAGE_SIZE

from .conftest import PASSPHRASE
from .helpers import PYTHON, child_env, flip_bytes, one_line, snapshot


def _mount(*args: str) -> str | None:
    result = subprocess.run(["mount", *args], capture_output=True, text=True)
    return None if result.returncode == 0 else (result.stderr.strip() or "mount failed")


def _umount(target: Path) -> None:
    subprocess.run(["umount", "-l", str(target)], capture_output=True)


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 4 MiB file system of its own, so filling it fills nothing else."""
    target = tmp_path / "tmpfs"
    target.mkdir()
    problem = _mount("-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(target))
    if problem:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {problem}")
    yield target
    _umount(target)


def _read_only_bind(path: Path) -> None:
    problem = _mount("--bind", str(path), str(path)) or _mount("-o", "remount,ro,bind", str(path))
    if problem:
        _umount(path)
        pytest.skip(f"cannot bind-mount read-only here (needs root): {problem}")


# --- a full disk ----------------------------------------------------------------------------

_FILL_AND_WRITE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from companion.errors import StorageError
    from companion.profile import Profile

    folder = Path(sys.argv[1])
    unlocked = Profile(folder).unlock_with_passphrase(sys.argv[2])
    filler = folder.parent / "filler"
    with open(filler, "wb") as handle:
        try:
            while True:
                handle.write(b"\\0" * 65536)
                handle.flush()
        except OSError:
            pass
    acknowledged = 0
    for n in range(2000):
        try:
            with unlocked.store.transaction():
                unlocked.store.set_setting(f"late-{n}", "y" * 2000)
        except StorageError as error:
            print("refused:", error.message)
            break
        acknowledged = n + 1
    print("acknowledged", acknowledged)
    unlocked.close()
    """
)


def test_a_full_disk_says_so_and_loses_nothing_acknowledged(tmpfs: Path) -> None:
    folder = tmpfs / "profile"
    unlocked = Profile(folder).create("passphrase", PASSPHRASE)
    unlocked.store.set_setting("user_name", "Ada")
    unlocked.close()
    result = subprocess.run(
        [PYTHON, "-c", _FILL_AND_WRITE, str(folder), PASSPHRASE],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "refused: The disk is full" in result.stdout
    assert "disk I/O error" not in result.stdout + result.stderr
    acknowledged = int(result.stdout.split("acknowledged")[1].split()[0])

    # While the disk is full, a start says so instead of asking for anything.
    problem = Profile(folder).start_problem()
    assert problem is not None and problem.message.startswith("The disk is full")

    (tmpfs / "filler").unlink()
    again = Profile(folder).unlock_with_passphrase(PASSPHRASE)
    assert again.store.integrity().ok
    assert again.store.get_setting("user_name") == "Ada"
    for n in range(acknowledged):
        assert again.store.get_setting(f"late-{n}") == "y" * 2000
    again.close()
    assert Profile(folder).start_problem() is None


def test_check_on_a_full_disk_is_plain(tmpfs: Path, monkeypatch, capsys) -> None:
    folder = tmpfs / "profile"
    Profile(folder).create("passphrase", PASSPHRASE).close()
    with open(tmpfs / "filler", "wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass
    monkeypatch.setenv("COMPANION_PASSPHRASE", PASSPHRASE)
    status = main(["--data-dir", str(folder), "check"])
    captured = capsys.readouterr()
    assert "disk I/O error" not in captured.out + captured.err
    if status != 0:
        assert "disk is full" in one_line(captured.err)


def _fill(disk: Path, leave: int) -> None:
    """Fill the tmpfs so that only about ``leave`` bytes stay free."""
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    with open(disk / "filler", "ab") as handle:
        try:
            while free - handle.tell() > leave:
                handle.write(b"\0" * min(65536, free - handle.tell() - leave))
                handle.flush()
        except OSError:
            pass


def _whole_profile(folder: Path, rows: int) -> None:
    opened = Profile(folder).unlock_with_passphrase(PASSPHRASE)
    try:
        assert opened.store.integrity().ok
        assert opened.store.get_setting("user_name") == "Ada"
        for n in range(rows):
            assert opened.store.get_setting(f"row-{n}") == "r" * 2000
    finally:
        opened.close()


@pytest.mark.parametrize("room", [0.0, 1.5], ids=["nothing free", "room for half"])
def test_a_backup_on_a_full_disk_says_so_and_leaves_no_half_backup(
    tmpfs: Path, room: float
) -> None:
    from datetime import UTC, datetime

    from companion import backup
    from companion.errors import CompanionError

    folder = tmpfs / "profile"
    unlocked = Profile(folder).create("passphrase", PASSPHRASE)
    with unlocked.store.transaction():
        unlocked.store.set_setting("user_name", "Ada")
        for n in range(200):
            unlocked.store.set_setting(f"row-{n}", "r" * 2000)
    unlocked.close()  # its WAL goes into the file, so the file's size is the data's
    unlocked = Profile(folder).unlock_with_passphrase(PASSPHRASE)
    # "room for half": the copy of the data fits, the backup file made from it does not
    _fill(tmpfs, int(room * unlocked.profile.db_path.stat().st_size))
    target = backup.backups_folder(unlocked.profile) / "today.companion-backup"
    steps: list[str] = []
    with pytest.raises(CompanionError) as caught:
        backup.make_backup(
            unlocked, target, datetime(2026, 12, 4, tzinfo=UTC), step_hook=steps.append
        )
    assert caught.value.message.startswith("The disk is full"), caught.value.message
    assert ("database-copied" in steps) == bool(room), steps  # stopped where it was meant to
    unlocked.close()
    assert not target.exists()
    assert not [p.name for p in target.parent.iterdir()], "a half-made backup was left"
    (tmpfs / "filler").unlink()
    _whole_profile(folder, 200)
    # With room again, the same backup is made and is whole.
    again = Profile(folder).unlock_with_passphrase(PASSPHRASE)
    try:
        backup.make_backup(again, target, datetime(2026, 12, 4, tzinfo=UTC))
    finally:
        again.close()
    assert backup.review_backup(target, data_key=again.data_key).ok


@pytest.mark.parametrize("leave", [0, 300_000], ids=["nothing free", "room for some"])
def test_an_import_on_a_full_disk_says_so_and_writes_no_one(
    tmpfs: Path, tmp_path: Path, leave: int
) -> None:
    from datetime import UTC, datetime

    from companion import contacts
    from companion.interchange.people_import import build_preview, commit, read_contacts_file

    folder = tmpfs / "profile"
    unlocked = Profile(folder).create("passphrase", PASSPHRASE)
    with unlocked.store.transaction():
        unlocked.store.set_setting("user_name", "Ada")
        for n in range(40):
            unlocked.store.set_setting(f"row-{n}", "r" * 2000)
    cards = tmp_path / "many.vcf"  # on the ordinary disk: only the profile's disk is full
    cards.write_text(
        "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {n:04d}\r\n"
            f"TEL:+44 7700 90{n:04d}\r\nNOTE:{'a note ' * 60}\r\nEND:VCARD\r\n"
            for n in range(3000)
        )
    )
    preview = build_preview(unlocked.store, read_contacts_file(cards, "GB"), "GB")
    _fill(tmpfs, leave)
    with pytest.raises(StorageError) as caught:
        commit(unlocked.store, datetime(2026, 12, 4, tzinfo=UTC), preview)
    assert caught.value.message.startswith("The disk is full"), caught.value.message
    assert "disk I/O error" not in caught.value.message
    unlocked.close()
    (tmpfs / "filler").unlink()
    _whole_profile(folder, 40)
    again = Profile(folder).unlock_with_passphrase(PASSPHRASE)
    try:
        assert contacts.count_people(again.store) == 0, "part of the import was written"
    finally:
        again.close()


# --- read-only ----------------------------------------------------------------------------


@pytest.fixture
def read_only_fs(tmpfs: Path) -> Iterator[Path]:
    folder = tmpfs / "profile"
    unlocked = Profile(folder).create("passphrase", PASSPHRASE)
    unlocked.store.set_setting("user_name", "Ada")
    unlocked.close()
    problem = _mount("-o", "remount,ro", str(tmpfs))
    if problem:
        pytest.skip(f"cannot remount read-only: {problem}")
    yield folder


def test_a_read_only_file_system_is_said_plainly_and_check_still_works(
    read_only_fs: Path, monkeypatch, capsys, tmp_path: Path
) -> None:
    folder = read_only_fs
    before = snapshot(folder)
    problem = Profile(folder).start_problem()
    assert problem is not None and "not allowed to change" in problem.message
    with pytest.raises(StorageError) as caught:
        Profile(folder).acquire_lock()
    assert "not allowed to write" in caught.value.message
    monkeypatch.setenv("COMPANION_PASSPHRASE", PASSPHRASE)
    assert main(["--data-dir", str(folder), "check"]) == 0  # looking needs no writing
    assert "good order" in capsys.readouterr().out
    (tmp_path / "in.vcf").write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jo\r\nEND:VCARD\r\n")
    assert main(["--data-dir", str(folder), "import", "contacts", str(tmp_path / "in.vcf")]) == 1
    assert "not allowed to write" in one_line(capsys.readouterr().err)
    assert snapshot(folder) == before


def test_a_read_only_data_file_is_said_before_anything_else(
    passphrase_profile: Unlocked,
) -> None:
    folder = passphrase_profile.profile.folder
    passphrase_profile.close()
    _read_only_bind(folder / "companion.db")
    try:
        problem = Profile(folder).start_problem()
        assert problem is not None
        assert str(folder / "companion.db") in problem.message
        # Opened anyway (by a command), reading works and a write is refused plainly.
        unlocked = Profile(folder).unlock_with_passphrase(PASSPHRASE)
        try:
            with pytest.raises(StorageError, match="not allowed to write"):
                unlocked.store.set_setting("user_name", "Bea")
        finally:
            unlocked.close()
    finally:
        _umount(folder / "companion.db")


def test_a_read_only_profile_folder_is_said_before_anything_else(
    passphrase_profile: Unlocked,
) -> None:
    folder = passphrase_profile.profile.folder
    passphrase_profile.close()
    _read_only_bind(folder)
    try:
        problem = Profile(folder).start_problem()
        assert problem is not None and "not allowed to change" in problem.message
        with pytest.raises(StorageError, match="not allowed to write"):
            Profile(folder).acquire_lock()
    finally:
        _umount(folder)


# --- bytes changed under us -----------------------------------------------------------------


@pytest.mark.parametrize("how", ["flipped", "zeroed"])
def test_changed_bytes_are_found_by_check_and_left_alone(
    passphrase_profile: Unlocked, monkeypatch, capsys, how: str
) -> None:
    for n in range(200):
        passphrase_profile.store.set_setting(f"row-{n}", "z" * 400)
    folder = passphrase_profile.profile.folder
    passphrase_profile.close()
    db = folder / "companion.db"
    pages = db.stat().st_size // PAGE_SIZE
    offset = PAGE_SIZE * (pages // 2) + 100
    if how == "flipped":
        flip_bytes(db, offset, 8)
    else:
        data = bytearray(db.read_bytes())
        data[offset : offset + 512] = bytes(512)
        db.write_bytes(bytes(data))
    before = snapshot(folder, ignore=(".lock",))
    monkeypatch.setenv("COMPANION_PASSPHRASE", PASSPHRASE)
    assert main(["--data-dir", str(folder), "check"]) == 1
    captured = capsys.readouterr()
    assert "changed or damaged" in captured.out
    assert "left exactly as it is" in captured.err
    assert snapshot(folder, ignore=(".lock",)) == before


def test_a_second_copy_is_told_the_first_has_the_data(passphrase_profile: Unlocked) -> None:
    folder = passphrase_profile.profile.folder
    first = Profile(folder)
    first.acquire_lock()
    try:
        code = (
            "import sys; from pathlib import Path; from companion.profile import Profile\n"
            "from companion.errors import ProfileBusy\n"
            "try:\n    Profile(Path(sys.argv[1])).acquire_lock()\n"
            "except ProfileBusy as e:\n    print(e.message)\n"
        )
        result = subprocess.run(
            [PYTHON, "-c", code, str(folder)],
            capture_output=True,
            text=True,
            env=child_env(),
            timeout=60,
        )
        assert "already open with this data" in result.stdout
    finally:
        first.lock.release()
    assert os.path.exists(folder / "companion.db")
