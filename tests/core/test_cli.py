"""The ``companion`` command without a window: init, recover, check.

Every failure is one plain line on stderr and a non-zero exit; never a traceback.
Most tests run ``main()`` in this process; a few run the real command in a child
process, where nothing can hide a traceback.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import keyring.backends.null
import pytest

import companion.profile
from companion.cli import main
from companion.keys import KeyringVault
from companion.profile import Profile, ProfileState, Unlocked

from .conftest import PASSPHRASE
from .helpers import PAGE_SIZE, RECOVERY_CODE, child_env, flip_bytes, one_line, run_cli, snapshot


def _code_in(output: str) -> str:
    codes = [line.strip() for line in output.splitlines() if RECOVERY_CODE.match(line.strip())]
    assert len(codes) == 1, output
    return codes[0]


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    """What arrives on stdin when it is a pipe, not a terminal."""
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


# --- init -------------------------------------------------------------------------


def test_init_with_a_passphrase_prints_a_recovery_code_that_works(
    folder: Path, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("COMPANION_PASSPHRASE", PASSPHRASE)
    assert main(["--data-dir", str(folder), "init"]) == 0
    out = capsys.readouterr().out
    assert "password" in out
    code = _code_in(out)
    assert Profile(folder).state() is ProfileState.PASSPHRASE
    Profile(folder).unlock_with_passphrase(PASSPHRASE).close()
    Profile(folder).unlock_with_recovery_code(code).close()


def test_init_without_a_passphrase_uses_the_keyring(folder: Path, memory_keyring, capsys) -> None:
    assert main(["--data-dir", str(folder), "init"]) == 0
    out = capsys.readouterr().out
    assert "password store" in out
    _code_in(out)
    assert Profile(folder).state() is ProfileState.KEYRING
    assert len(memory_keyring.entries) == 1
    Profile(folder).unlock_with_keyring().close()


def test_init_without_keyring_or_passphrase_says_what_to_do(
    folder: Path, monkeypatch, capsys
) -> None:
    null = KeyringVault(backend=keyring.backends.null.Keyring())
    monkeypatch.setattr(companion.profile, "KeyringVault", lambda: null)
    assert main(["--data-dir", str(folder), "init"]) == 1
    captured = capsys.readouterr()
    line = one_line(captured.err)
    assert "COMPANION_PASSPHRASE" in line
    assert not RECOVERY_CODE.search(captured.out)
    assert Profile(folder).state() is ProfileState.NEW


def test_init_refuses_when_data_exists(passphrase_profile: Unlocked, monkeypatch, capsys) -> None:
    folder = passphrase_profile.profile.folder
    passphrase_profile.close()
    before = snapshot(folder, ignore=(".lock",))
    monkeypatch.setenv("COMPANION_PASSPHRASE", "another")
    assert main(["--data-dir", str(folder), "init"]) == 1
    captured = capsys.readouterr()
    assert "already Companion data" in one_line(captured.err)
    assert captured.out == ""
    assert snapshot(folder, ignore=(".lock",)) == before
    Profile(folder).unlock_with_passphrase(PASSPHRASE).close()


# --- check ----------------------------------------------------------------------------


def test_check_on_good_data(passphrase_profile: Unlocked, monkeypatch, capsys) -> None:
    folder = passphrase_profile.profile.folder
    passphrase_profile.close()
    monkeypatch.setenv("COMPANION_PASSPHRASE", PASSPHRASE)
    assert main(["--data-dir", str(folder), "check"]) == 0
    captured = capsys.readouterr()
    assert "Your data is in good order." in captured.out
    assert captured.err == ""


def test_check_on_a_keyring_profile(keyring_profile: Unlocked, capsys) -> None:
    keyring_profile.close()
    assert main(["--data-dir", str(keyring_profile.profile.folder), "check"]) == 0
    assert "good order" in capsys.readouterr().out


def _damage(folder: Path, page: int) -> None:
    flip_bytes(folder / "companion.db", (page - 1) * PAGE_SIZE + PAGE_SIZE // 2)


@pytest.fixture
def closed_profile_with_rows(passphrase_profile: Unlocked, monkeypatch) -> Path:
    store = passphrase_profile.store
    with store.transaction():
        for i in range(50):
            store.execute(
                "INSERT INTO app_events(at, kind, detail) VALUES(?, 'k', ?)", (str(i), "x" * 500)
            )
    passphrase_profile.close()
    monkeypatch.setenv("COMPANION_PASSPHRASE", PASSPHRASE)
    return passphrase_profile.profile.folder


def test_check_on_a_damaged_table_reports_it_and_keeps_the_file(
    closed_profile_with_rows: Path, capsys
) -> None:
    folder = closed_profile_with_rows
    _damage(folder, 3)
    before = (folder / "companion.db").read_bytes()
    assert main(["--data-dir", str(folder), "check"]) == 1
    captured = capsys.readouterr()
    assert "has problems" in one_line(captured.err)
    assert "pages that were changed or damaged" in captured.out
    assert "good order" not in captured.out
    assert (folder / "companion.db").read_bytes() == before


@pytest.mark.parametrize(
    "reported",
    [
        False,
        True,
    ],
    ids=["kept", "reported"],
)
def test_check_on_a_damaged_data_page(
    closed_profile_with_rows: Path, capsys, reported: bool
) -> None:
    folder = closed_profile_with_rows
    pages = (folder / "companion.db").stat().st_size // PAGE_SIZE
    _damage(folder, pages // 2 + 1)
    before = (folder / "companion.db").read_bytes()
    status = main(["--data-dir", str(folder), "check"])
    captured = capsys.readouterr()
    assert status != 0
    assert "good order" not in captured.out
    one_line(captured.err)
    assert (folder / "companion.db").read_bytes() == before
    if reported:
        assert status == 1
        assert "has problems" in captured.err
        assert "pages that were changed or damaged" in captured.out


def test_check_with_a_wrong_passphrase(passphrase_profile: Unlocked, monkeypatch, capsys) -> None:
    folder = passphrase_profile.profile.folder
    passphrase_profile.close()
    before = snapshot(folder)
    monkeypatch.setenv("COMPANION_PASSPHRASE", "wrong")
    assert main(["--data-dir", str(folder), "check"]) == 1
    assert "password did not open your data" in one_line(capsys.readouterr().err)
    assert snapshot(folder) == before


def test_check_without_a_passphrase_and_no_terminal(
    passphrase_profile: Unlocked, monkeypatch, capsys
) -> None:
    passphrase_profile.close()
    _stdin(monkeypatch, "")
    assert main(["--data-dir", str(passphrase_profile.profile.folder), "check"]) == 1
    assert "Set COMPANION_PASSPHRASE" in one_line(capsys.readouterr().err)


def test_check_with_no_data_says_how_to_start_and_creates_nothing(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "nothing-here"
    assert main(["--data-dir", str(folder), "check"]) == 1
    assert "There is no Companion data" in one_line(capsys.readouterr().err)
    assert not folder.exists()


def test_data_dir_from_the_environment(passphrase_profile: Unlocked, monkeypatch, capsys) -> None:
    passphrase_profile.close()
    monkeypatch.setenv("COMPANION_DATA_DIR", str(passphrase_profile.profile.folder))
    monkeypatch.setenv("COMPANION_PASSPHRASE", PASSPHRASE)
    assert main(["check"]) == 0
    assert str(passphrase_profile.profile.folder) in capsys.readouterr().out


# --- recover ------------------------------------------------------------------------------


def test_recover_sets_a_new_passphrase(passphrase_profile: Unlocked, monkeypatch, capsys) -> None:
    folder = passphrase_profile.profile.folder
    passphrase_profile.store.set_setting("user_name", "Ada")
    passphrase_profile.close()
    code = passphrase_profile.recovery_code or ""
    _stdin(monkeypatch, "\n" + code.lower().replace("-", " ") + "\n")
    monkeypatch.setenv("COMPANION_PASSPHRASE", "a brand new passphrase")
    assert main(["--data-dir", str(folder), "recover"]) == 0
    assert "new password" in capsys.readouterr().out
    unlocked = Profile(folder).unlock_with_passphrase("a brand new passphrase")
    assert unlocked.store.get_setting("user_name") == "Ada"
    unlocked.close()
    with pytest.raises(Exception, match="did not open"):
        Profile(folder).unlock_with_passphrase(PASSPHRASE)
    Profile(folder).unlock_with_recovery_code(code).close()


@pytest.mark.parametrize("typed", ["ABCDE-12345-FGHJK-MNPQR-STVWX", "1234", ""])
def test_recover_with_a_wrong_code_changes_nothing(
    passphrase_profile: Unlocked, monkeypatch, capsys, typed
) -> None:
    folder = passphrase_profile.profile.folder
    passphrase_profile.close()
    before = snapshot(folder, ignore=(".lock",))
    _stdin(monkeypatch, typed + "\n")
    monkeypatch.setenv("COMPANION_PASSPHRASE", "a brand new passphrase")
    assert main(["--data-dir", str(folder), "recover"]) == 1
    line = one_line(capsys.readouterr().err)
    assert re.search(r"recovery code (did not open|has 25)|No recovery code was given", line)
    assert snapshot(folder, ignore=(".lock",)) == before
    Profile(folder).unlock_with_passphrase(PASSPHRASE).close()


def test_keyring_entry_lost_then_recovered_from_the_command_line(
    keyring_profile: Unlocked, memory_keyring, monkeypatch, capsys
) -> None:
    folder = keyring_profile.profile.folder
    keyring_profile.close()
    memory_keyring.entries.clear()
    before = snapshot(folder)
    assert main(["--data-dir", str(folder), "check"]) == 1
    assert "no longer in your computer's password store" in one_line(capsys.readouterr().err)
    assert snapshot(folder) == before

    _stdin(monkeypatch, (keyring_profile.recovery_code or "") + "\n")
    assert main(["--data-dir", str(folder), "recover"]) == 0
    assert "back in your computer's password store" in capsys.readouterr().out
    assert main(["--data-dir", str(folder), "check"]) == 0
    assert "good order" in capsys.readouterr().out


# --- demo and usage ------------------------------------------------------------------------------


def test_demo_check_works_and_leaves_no_folder(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    assert main(["--demo", "check"]) == 0
    assert "good order" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []


def test_demo_check_does_not_touch_the_real_profile(
    passphrase_profile: Unlocked, tmp_path: Path, monkeypatch
) -> None:
    folder = passphrase_profile.profile.folder
    passphrase_profile.close()
    before = snapshot(folder)
    monkeypatch.setenv("COMPANION_DATA_DIR", str(folder))
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    assert main(["--demo", "check"]) == 0
    assert snapshot(folder) == before


def test_unknown_option_is_one_line_and_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--no-such-option", "check"])
    assert caught.value.code == 2
    line = one_line(capsys.readouterr().err)
    assert "--no-such-option" in line and "companion --help" in line


# --- the real command in a child process ------------------------------------------------------


def test_real_command_fails_with_one_plain_line(tmp_path: Path) -> None:
    for args, status, words in [
        (("--bogus",), 2, "companion --help"),
        (("--data-dir", str(tmp_path / "none"), "check"), 1, "There is no Companion data"),
        (("--data-dir", str(tmp_path / "none"), "frobnicate"), 2, "invalid choice"),
    ]:
        result = run_cli(*args)
        assert result.returncode == status, result.stderr
        assert words in one_line(result.stderr)


def test_real_command_recovers_from_a_pipe(passphrase_profile: Unlocked) -> None:
    folder = passphrase_profile.profile.folder
    passphrase_profile.close()
    code = passphrase_profile.recovery_code or ""
    env = child_env(COMPANION_PASSPHRASE="chosen in a script")

    wrong = run_cli(
        "--data-dir", str(folder), "recover", env=env, stdin="ABCDE-12345-FGHJK-MNPQR-STVWX\n"
    )
    assert wrong.returncode == 1
    assert "did not open" in one_line(wrong.stderr)

    result = run_cli("--data-dir", str(folder), "recover", env=env, stdin=code + "\n")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    check = run_cli("--data-dir", str(folder), "check", env=env)
    assert check.returncode == 0, check.stderr
    assert "good order" in check.stdout


def test_real_command_on_a_damaged_file_has_no_traceback(closed_profile_with_rows: Path) -> None:
    folder = closed_profile_with_rows
    pages = (folder / "companion.db").stat().st_size // PAGE_SIZE
    _damage(folder, pages // 2 + 1)
    before = (folder / "companion.db").read_bytes()
    result = run_cli(
        "--data-dir", str(folder), "check", env=child_env(COMPANION_PASSPHRASE=PASSPHRASE)
    )
    assert result.returncode != 0
    one_line(result.stderr)
    assert (folder / "companion.db").read_bytes() == before


# --- the window's start reads its options without building every command's parser ----------


def test_the_windows_options_are_read_without_argparse_or_the_backup_commands() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import companion.cli as cli\n"
        "args = cli.window_options(['--demo', '--text-size', '200', '--lang=de'])\n"
        "assert (args.demo, args.text_size, args.lang, args.command) == (True, 200, 'de', None)\n"
        "print(sorted(m for m in ('argparse', 'companion.backup_cli') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=child_env(), timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "argv",
    [
        ["check"],
        ["--demo", "check"],
        ["--help"],
        ["-h"],
        ["--version"],
        ["--dem"],  # argparse would take a shortened option: leave it to argparse
        ["--demo=yes"],
        ["--lang"],
        ["--data-dir", "--demo"],
        ["--text-size", "big"],
        ["--text-size", "-5"],
        ["--bogus"],
        ["--"],
        ["somewhere"],
    ],
)
def test_anything_but_the_windows_own_options_goes_to_the_full_parser(argv: list[str]) -> None:
    from companion.cli import window_options

    assert window_options(argv) is None


def test_backup_commands_still_run_through_the_command_line(folder: Path, capsys) -> None:
    # backup_cli is imported when its command runs: a wrong file name still gets its answer.
    assert main(["--data-dir", str(folder), "backup", str(folder / "b.companion-backup")]) == 1
    assert capsys.readouterr().err.strip()
