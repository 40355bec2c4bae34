"""The command as a person runs it: backup, restore, export all, delete-all."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import PASSPHRASE
from .helpers import RECOVERY_CODE, child_env, one_line, run_cli, snapshot

IGNORE = (".lock", "companion.db-shm")


@pytest.fixture
def env() -> dict[str, str]:
    return child_env(COMPANION_PASSPHRASE=PASSPHRASE)


@pytest.fixture
def profile(tmp_path: Path, env: dict[str, str]) -> tuple[Path, str]:
    folder = tmp_path / "profile"
    made = run_cli("--data-dir", str(folder), "init", env=env)
    assert made.returncode == 0, made.stderr
    code = next(
        line.strip() for line in made.stdout.splitlines() if RECOVERY_CODE.match(line.strip())
    )
    return folder, code


def test_backup_then_restore_with_confirmation(
    profile: tuple[Path, str], tmp_path: Path, env: dict[str, str]
) -> None:
    folder, _code = profile
    file = tmp_path / "mine.companion-backup"
    made = run_cli("--data-dir", str(folder), "backup", str(file), env=env)
    assert made.returncode == 0, made.stderr
    assert "Saved an encrypted backup" in made.stdout and file.exists()

    before = snapshot(folder, ignore=IGNORE)
    unasked = run_cli("--data-dir", str(folder), "restore", str(file), env=env)
    assert unasked.returncode == 1
    assert "--yes" in one_line(unasked.stderr)
    assert "It holds:" in unasked.stdout and "It will replace what is here now:" in unasked.stdout
    assert snapshot(folder, ignore=IGNORE) == before

    done = run_cli("--data-dir", str(folder), "restore", "--yes", str(file), env=env)
    assert done.returncode == 0, done.stderr
    assert "Your data is restored from the backup." in done.stdout
    assert "before-restore-" in done.stdout
    check = run_cli("--data-dir", str(folder), "check", env=env)
    assert check.returncode == 0, check.stderr


def test_a_damaged_backup_is_refused_in_one_line(
    profile: tuple[Path, str], tmp_path: Path, env: dict[str, str]
) -> None:
    folder, _code = profile
    file = tmp_path / "mine.companion-backup"
    assert run_cli("--data-dir", str(folder), "backup", str(file), env=env).returncode == 0
    data = bytearray(file.read_bytes())
    data[-2000] ^= 0xFF
    file.write_bytes(bytes(data))
    before = snapshot(folder, ignore=IGNORE)
    refused = run_cli("--data-dir", str(folder), "restore", "--yes", str(file), env=env)
    assert refused.returncode == 1
    assert "is damaged" in one_line(refused.stderr)
    assert snapshot(folder, ignore=IGNORE) == before


def test_restore_into_a_new_profile_with_the_recovery_code(
    profile: tuple[Path, str], tmp_path: Path, env: dict[str, str]
) -> None:
    folder, code = profile
    file = tmp_path / "mine.companion-backup"
    assert run_cli("--data-dir", str(folder), "backup", str(file), env=env).returncode == 0
    elsewhere = tmp_path / "new-computer"

    wrong = run_cli(
        "--data-dir",
        str(elsewhere),
        "restore",
        str(file),
        env=env,
        stdin="ABCDE-12345-ABCDE-12345-ABCDE\n",
    )
    assert wrong.returncode == 1
    assert "did not open this backup" in one_line(wrong.stderr)
    assert not (elsewhere / "companion.db").exists()

    done = run_cli("--data-dir", str(elsewhere), "restore", str(file), env=env, stdin=code + "\n")
    assert done.returncode == 0, done.stderr
    assert "Your recovery code:" in done.stdout
    assert run_cli("--data-dir", str(elsewhere), "check", env=env).returncode == 0


def test_export_all_asks_first(
    profile: tuple[Path, str], tmp_path: Path, env: dict[str, str]
) -> None:
    folder, _code = profile
    out = tmp_path / "exports"
    unasked = run_cli("--data-dir", str(folder), "export", "all", str(out), env=env)
    assert unasked.returncode == 1
    assert "not encrypted" in unasked.stdout
    assert "Nothing was exported" in one_line(unasked.stderr)
    assert not out.exists()

    done = run_cli("--data-dir", str(folder), "export", "all", str(out), "--yes", env=env)
    assert done.returncode == 0, done.stderr
    assert "Exported everything to" in done.stdout
    (exported,) = out.iterdir()
    assert (exported / "people.vcf").exists() and (exported / "tables" / "people.json").exists()


def test_delete_all_needs_a_plain_yes(profile: tuple[Path, str], env: dict[str, str]) -> None:
    folder, _code = profile
    before = snapshot(folder, ignore=IGNORE)
    unasked = run_cli("--data-dir", str(folder), "delete-all", env=env)
    assert unasked.returncode == 1
    assert "Nothing was deleted" in one_line(unasked.stderr)
    assert "cannot be undone" in unasked.stdout
    assert snapshot(folder, ignore=IGNORE) == before

    done = run_cli("--data-dir", str(folder), "delete-all", "--yes", env=env)
    assert done.returncode == 0, done.stderr
    assert "All your Companion data is deleted" in done.stdout
    assert not folder.exists()
    again = run_cli("--data-dir", str(folder), "delete-all", env=env)
    assert again.returncode == 0 and "nothing to delete" in again.stdout


def test_demo_profile_is_not_restored_or_deleted(tmp_path: Path, env: dict[str, str]) -> None:
    refused = run_cli("--demo", "delete-all", "--yes", env=env)
    assert refused.returncode == 1
    assert "demo" in one_line(refused.stderr)
    backup = run_cli("--demo", "backup", str(tmp_path / "demo.companion-backup"), env=env)
    assert backup.returncode == 0, backup.stderr


def test_a_foreign_file_is_refused_before_any_question(tmp_path: Path, env: dict[str, str]) -> None:
    import sqlite3

    foreign = tmp_path / "other.db"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE t(x)")
    connection.commit()
    connection.close()
    refused = run_cli("--data-dir", str(tmp_path / "empty"), "restore", str(foreign), env=env)
    assert refused.returncode == 1
    assert "database from another program" in one_line(refused.stderr)
    assert not (tmp_path / "empty" / "companion.db").exists()


def test_the_command_backs_up_and_restores_the_parent_views_data(
    profile: tuple[Path, str], tmp_path: Path, env: dict[str, str]
) -> None:
    from datetime import UTC, datetime

    from companion import parents
    from companion.parents_lock import ParentVault
    from companion.profile import Profile

    folder, _code = profile
    now = datetime(2026, 6, 3, 10, 0, tzinfo=UTC)
    unlocked = Profile(folder).unlock_with_passphrase(PASSPHRASE)
    opened = ParentVault.of(unlocked).set_up(now)
    parents.add_child(opened.store, now, "Sam", "12_15")
    opened.lock()
    unlocked.close()

    file = tmp_path / "mine.companion-backup"
    made = run_cli("--data-dir", str(folder), "backup", str(file), env=env)
    assert made.returncode == 0, made.stderr
    (folder / "parents.db").unlink()  # lost since; the backup brings it back
    done = run_cli("--data-dir", str(folder), "restore", "--yes", str(file), env=env)
    assert done.returncode == 0, done.stderr
    assert "It holds the parent view's data about 1 child." in done.stdout

    unlocked = Profile(folder).unlock_with_passphrase(PASSPHRASE)
    try:
        again = ParentVault.of(unlocked).open()
        assert [child.name for child in parents.children(again.store)] == ["Sam"]
        again.lock()
    finally:
        unlocked.close()
