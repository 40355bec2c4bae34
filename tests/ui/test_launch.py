"""Starting the window where it cannot be shown gives one plain line, not Qt's abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_no_screen_is_said_plainly(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "ui.launch", "--data-dir", str(tmp_path / "p")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "needs a screen" in result.stderr
    assert not (tmp_path / "p" / "companion.db").exists()  # nothing was set up


# --- every start-up failure shows a window --------------------------------------------------

import subprocess as _subprocess  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402

import pytest  # noqa: E402

import ui.launch  # noqa: E402
from companion.profile import Profile  # noqa: E402
from tests.ui.conftest import python_prints  # noqa: E402


def _mount(*args: str) -> str | None:
    result = _subprocess.run(["mount", *args], capture_output=True, text=True)
    return None if result.returncode == 0 else (result.stderr.strip() or "mount failed")


def _umount(target: Path) -> None:
    _subprocess.run(["umount", "-l", str(target)], capture_output=True)


@pytest.fixture
def shown(monkeypatch) -> Iterator[list[str]]:
    """Start as from the desktop (a screen, no offscreen): record the failure windows."""
    import ui.app

    windows: list[str] = []
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.setattr(ui.launch, "show_failure_window", windows.append)

    def no_window(*args: object) -> None:
        raise AssertionError("the main window was started despite the failure")

    monkeypatch.setattr(ui.app, "create_qapplication", no_window)
    yield windows


def _profile(tmp_path: Path, vault) -> Path:
    folder = tmp_path / "profile"
    unlocked = Profile(folder, vault).create("passphrase", "correct horse battery")
    unlocked.close()
    return folder


def _empty_data(folder: Path) -> None:
    (folder / "companion.db").write_bytes(b"")


def _binary_keys(folder: Path) -> None:
    (folder / "keys.json").write_bytes(b"\x00\xff\xfe binary")


def _newer_keys(folder: Path) -> None:
    path = folder / "keys.json"
    path.write_text(path.read_text().replace('"version": 1', '"version": 9'))


def _lock_is_a_folder(folder: Path) -> None:
    (folder / ".lock").unlink(missing_ok=True)
    (folder / ".lock").mkdir()


FAULTS: dict[str, tuple[Callable[[Path], None], str]] = {
    "empty data file": (_empty_data, "is empty"),
    "binary keys.json": (_binary_keys, "keys.json"),
    "keys.json from a newer version": (_newer_keys, "newer version"),
    ".lock is a folder": (_lock_is_a_folder, "is a folder"),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_start_up_failure_is_shown_in_a_window(
    tmp_path: Path, vault, shown: list[str], fault: str, capsys
) -> None:
    folder = _profile(tmp_path, vault)
    make, words = FAULTS[fault]
    make(folder)
    assert ui.launch.main(["--data-dir", str(folder)]) == 1
    assert len(shown) == 1 and words in shown[0]
    assert words in capsys.readouterr().err  # and on stderr, for a terminal


def _bind_read_only(path: Path) -> None:
    problem = _mount("--bind", str(path), str(path)) or _mount("-o", "remount,ro,bind", str(path))
    if problem:
        _umount(path)
        pytest.skip(f"cannot bind-mount read-only here (needs root): {problem}")


@pytest.mark.parametrize("what", ["companion.db", "keys.json", "."])
def test_a_read_only_profile_is_shown_in_a_window(
    tmp_path: Path, vault, shown: list[str], what: str
) -> None:
    folder = _profile(tmp_path, vault)
    target = folder / what
    _bind_read_only(target)
    try:
        assert ui.launch.main(["--data-dir", str(folder)]) == 1
    finally:
        _umount(target)
    assert len(shown) == 1 and "not allowed to" in shown[0]


def test_a_full_disk_is_shown_in_a_window_not_a_passphrase_prompt(
    tmp_path: Path, vault, shown: list[str]
) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    problem = _mount("-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk))
    if problem:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {problem}")
    try:
        folder = _profile(disk, vault)
        with open(disk / "filler", "wb") as handle:
            try:
                while True:
                    handle.write(b"\0" * 65536)
                    handle.flush()
            except OSError:
                pass
        assert ui.launch.main(["--data-dir", str(folder)]) == 1
    finally:
        _umount(disk)
    assert len(shown) == 1 and shown[0].startswith("The disk is full")


def test_the_failure_window_says_what_happened_and_what_to_do(qtbot, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    seen: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        seen.append(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    message = "Your data file /x/companion.db is empty. Copies of your data are kept in /x/backups."
    ui.launch.show_failure_window(message)
    (box,) = seen
    assert box.windowTitle() == "Companion could not start"
    assert box.informativeText() == message
    assert box.accessibleDescription() == message
    close = box.button(QMessageBox.StandardButton.Close)
    assert close is not None and close.text() == "Close"


def test_offscreen_or_screenshots_never_wait_for_a_click(monkeypatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(ui.launch, "show_failure_window", calls.append)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    ui.launch.start_failed("a message")
    assert calls == []


# --- SIGTERM (a logout) closes cleanly -------------------------------------------------------


def test_sigterm_during_a_command_unwinds_like_ctrl_c(monkeypatch) -> None:
    import signal

    previous = signal.getsignal(signal.SIGTERM)
    try:
        ui.launch._exit_cleanly_on_sigterm()
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGTERM)
            for _ in range(1000):  # the handler runs between two bytecodes
                pass
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_sigterm_to_the_window_quits_it_the_normal_way(qtbot) -> None:
    import signal

    quits: list[bool] = []
    previous = signal.getsignal(signal.SIGTERM)
    try:
        ui.launch._quit_on_sigterm(lambda: quits.append(True))
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: quits == [True], timeout=3000)
    finally:
        signal.signal(signal.SIGTERM, previous)
        for timer in ui.launch._keep:
            timer.stop()  # type: ignore[attr-defined]
        ui.launch._keep.clear()


def test_a_demo_killed_by_sigterm_leaves_no_folder(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMPANION_")}
    env["TMPDIR"] = str(tmp_path)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    code = (
        "import os, signal, sys, time\n"
        "import companion.cli as cli\n"
        "def slow(context, args):\n"
        "    print('ready', flush=True)\n"
        "    time.sleep(30)\n"
        "    return 0\n"
        "cli.COMMANDS['check'] = slow\n"
        "from ui.launch import main\n"
        "sys.exit(main(['--demo', 'check']))\n"
    )
    child = _subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=_subprocess.PIPE,
        stderr=_subprocess.PIPE,
        env=env,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "ready\n"
    assert any(p.name.startswith("companion-demo-") for p in tmp_path.iterdir())
    child.terminate()
    child.wait(timeout=30)
    assert child.returncode == 130
    assert not any(p.name.startswith("companion-demo-") for p in tmp_path.iterdir())


# --- a plain start reads its options without building every command's parser ----------------

WINDOW_STARTS = [
    [],
    ["--demo"],
    ["--demo", "--text-size", "200"],
    ["--demo", "--text-size=150", "--lang", "ar", "--high-contrast"],
    ["--data-dir", "/tmp/somewhere", "--lang=de"],
    ["--data-dir=", "--lang", "de", "--lang", "en"],
    ["--screenshot", "shots", "--demo"],
    ["--text-size", " 120 "],
    ["--lang=-x"],
]


@pytest.mark.parametrize("argv", WINDOW_STARTS)
def test_a_plain_start_reads_what_the_full_parser_reads(argv: list[str]) -> None:
    quick = ui.launch.parse_arguments(argv)
    assert type(quick).__name__ == "SimpleNamespace"  # no parser was built
    assert vars(quick) == vars(ui.launch.build_parser().parse_args(argv))


def test_help_still_lists_every_command_and_the_windows_options(capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        ui.launch.main(["--help"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    for word in ("--text-size", "--high-contrast", "--demo", "init", "backup", "delete-all"):
        assert word in out


def test_a_mistyped_option_is_still_one_plain_line(capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        ui.launch.main(["--text-size", "big"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--text-size" in err and "companion --help" in err


# --- the first date written does not make pytz check every zone file -------------------------

ZONE_CHILD = """
import os, sys
from datetime import date, datetime
real_readlink = os.readlink
def readlink(path, *args, **kwargs):  # a computer set to Berlin's time, whatever this one is
    if str(path) == "/etc/localtime":
        return "/usr/share/zoneinfo/Europe/Berlin"
    return real_readlink(path, *args, **kwargs)
os.readlink = readlink
zone_files = []
def audit(event, args):
    if event == "open" and isinstance(args[0], str) and "zoneinfo" in args[0]:
        zone_files.append(args[0])
sys.addaudithook(audit)
if sys.argv[1] == "companion":
    from companion import i18n
    day = i18n.format_day(date(2026, 12, 4))
else:
    from babel import dates
    day = dates.format_date(date(2026, 12, 4))
from babel import dates
zone = dates.LOCALTZ
print(len(zone_files), repr(zone), getattr(zone, "zone", None), zone.utcoffset(datetime(2026, 7, 1)))
"""


def test_the_first_date_finds_the_computers_zone_without_checking_every_zone_file() -> None:
    seen = {}
    for who in ("companion", "babel"):
        env = {k: v for k, v in os.environ.items() if k not in ("TZ", "PYTHONPATH")}
        env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
        result = _subprocess.run(
            [sys.executable, "-c", ZONE_CHILD, who],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        files, zone = result.stdout.strip().split(" ", 1)
        seen[who] = (int(files), zone)
    assert seen["babel"][0] > 100  # babel alone: pytz opens every zone file it knows
    assert seen["companion"][0] < 10
    assert seen["companion"][1] == seen["babel"][1]  # the same zone, named the same
    assert "Europe/Berlin" in seen["companion"][1] and "2:00:00" in seen["companion"][1]


# --- PySide's import hook reads no source into memory ---------------------------------------


def _pyside_reference_answer(module: object) -> bool:
    """PySide's own check: ``"PySide6" in inspect.getsource(module)``, no source: False."""
    import inspect

    try:
        return "PySide6" in inspect.getsource(module)  # type: ignore[arg-type]
    except (TypeError, OSError, SyntaxError):
        return False


def test_the_check_given_to_pyside_answers_as_its_own() -> None:
    import json
    import sqlite3

    import PySide6.QtCore

    import companion.store
    import ui.app

    for module in (ui.app, ui.launch, companion.store, json, sqlite3, sys, PySide6.QtCore):
        assert ui.launch._mentions_pyside(module) == _pyside_reference_answer(module), module
    assert ui.launch._mentions_pyside(ui.app)  # a module that uses Qt
    assert not ui.launch._mentions_pyside(companion.store)


SOURCE_CHILD = """
import linecache, sys
import ui.launch
ui.launch._pyside_without_source_reading()
import colorsys, wave  # not imported before: PySide's hook looks at each
feature = sys.modules["shibokensupport.feature"]
kept = [name for name in linecache.cache if name.endswith(("colorsys.py", "wave.py"))]
print(len(kept), feature.pyside_feature_dict["colorsys"], feature.pyside_feature_dict["wave"])
"""


def test_modules_imported_after_pyside_leave_no_source_in_memory() -> None:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    result = _subprocess.run(
        [sys.executable, "-c", SOURCE_CHILD], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "-1", "-1"]  # nothing kept; both still looked at


def test_the_sources_pyside_read_before_its_check_was_replaced_are_let_go() -> None:
    """PySide's own check reads shiboken's ``__init__.py`` and ``enum.py`` (2,000 lines) as it
    imports itself; nothing of them stays in ``linecache`` once the window's check is in."""
    child = (
        "import linecache, ui.launch\n"
        "ui.launch._pyside_without_source_reading()\n"
        "import enum, shiboken6\n"
        "print(sorted(name for name in linecache.cache"
        " if name in (enum.__file__, shiboken6.__file__)))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    result = _subprocess.run(
        [sys.executable, "-c", child], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_importing_the_launcher_leaves_the_cycle_collector_as_it_was() -> None:
    """The collector is off only while the launcher's own imports run (and for a window start
    until the app's guard takes over): a command, a test or a script importing it keeps it."""
    code = (
        "import gc, sys\n"
        "import ui.launch\n"
        "on = gc.isenabled()\n"
        "gc.disable()\n"
        "import importlib; importlib.reload(ui.launch)\n"
        "print(on, gc.isenabled())\n"
    )
    assert python_prints(code).split() == ["True", "False"]


def test_the_top_areas_viewport_is_drawn_as_qts_own(qtbot) -> None:
    """The area's viewport is made by Companion (see TopArea): same background as Qt's."""
    from PySide6.QtWidgets import QScrollArea, QWidget

    from ui.main_window import TopArea

    area, plain = TopArea(QWidget()), QScrollArea()
    qtbot.addWidget(area)
    qtbot.addWidget(plain)
    assert area.viewport().backgroundRole() == plain.viewport().backgroundRole()
    assert area.viewport().autoFillBackground()
    assert area.viewport().objectName() == plain.viewport().objectName()
    assert area.viewport().autoFillBackground() == plain.viewport().autoFillBackground()
    assert area.viewport().parent() is area
