"""Start at login: an entry the desktop reads, and turning it off removes it.

Only the Linux (XDG) entry is checked for real here; the macOS launch agent
is checked as a file, and the Windows Run value against a stand-in for
``winreg``, since neither system is available to these tests.
"""

from __future__ import annotations

import errno
import os
import plistlib
import sys
import types
from configparser import ConfigParser
from pathlib import Path
from typing import Any

import pytest

from companion import autostart
from companion.errors import CompanionError

ENTRY = "org.companion.Companion.desktop"


@pytest.fixture
def autostart_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(sys, "platform", "linux")
    return tmp_path / "xdg-config" / "autostart"  # XDG_CONFIG_HOME is set by conftest


def read_entry(path: Path) -> dict[str, str]:
    parser = ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(path.read_text("utf-8"))
    assert parser.sections() == ["Desktop Entry"]
    return dict(parser["Desktop Entry"])


def exec_arguments(value: str) -> list[str]:
    """Exec= read the way the Desktop Entry spec says a launcher reads it."""
    escapes = {"\\": "\\", "n": "\n", "t": "\t", "r": "\r", "s": " "}
    chars = iter(value)
    text = "".join(escapes[next(chars)] if char == "\\" else char for char in chars)
    arguments: list[str] = []
    i = 0
    while i < len(text):
        if text[i] == " ":
            i += 1
            continue
        argument = ""
        if text[i] == '"':  # quoted: a backslash escapes " ` $ and itself
            i += 1
            while text[i] != '"':
                if text[i] == "\\" and text[i + 1] in '"`$\\':
                    i += 1
                argument += text[i]
                i += 1
            i += 1
        else:
            while i < len(text) and text[i] != " ":
                assert text[i] not in "\"'\\$`", f"unquoted reserved character in {text!r}"
                argument += text[i]
                i += 1
        arguments.append(argument.replace("%%", "%"))
    return arguments


def test_enable_writes_a_desktop_entry_that_starts_the_command(autostart_dir: Path) -> None:
    command = ["/opt/My Apps/companion", "--data-dir", '/home/jo/it\'s "mine" $HOME\\50%', "--x"]
    path = autostart.enable(command)
    assert path == autostart_dir / ENTRY
    entry = read_entry(path)
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Companion"
    assert entry["Icon"] == "org.companion.Companion"
    assert entry["X-GNOME-Autostart-enabled"] == "true"
    assert entry["Comment"]
    assert exec_arguments(entry["Exec"]) == command
    assert entry["Exec"].startswith('"/opt/My Apps/companion" --data-dir "')
    assert autostart.is_enabled()


def test_a_plain_command_is_written_plainly(autostart_dir: Path) -> None:
    autostart.enable(["/usr/bin/companion"])
    assert read_entry(autostart_dir / ENTRY)["Exec"] == "/usr/bin/companion"


def test_disable_removes_the_entry_and_twice_is_fine(autostart_dir: Path) -> None:
    autostart.disable()  # never on: nothing to do
    autostart.enable(["/usr/bin/companion"])
    autostart.disable()
    assert not (autostart_dir / ENTRY).exists()
    assert not autostart.is_enabled()
    autostart.disable()
    assert list(autostart_dir.iterdir()) == []


def test_enable_again_replaces_the_command(autostart_dir: Path) -> None:
    autostart.enable(["/old/companion"])
    autostart.enable(["/new/companion"])
    assert read_entry(autostart_dir / ENTRY)["Exec"] == "/new/companion"
    assert [p.name for p in autostart_dir.iterdir()] == [ENTRY]  # no temporary files left


@pytest.mark.parametrize("line", ["Hidden=true", "X-GNOME-Autostart-enabled=false"])
def test_an_entry_the_desktop_turned_off_is_not_on(autostart_dir: Path, line: str) -> None:
    autostart_dir.mkdir(parents=True)
    text = autostart.desktop_entry(["/usr/bin/companion"]).replace(
        "X-GNOME-Autostart-enabled=true", line
    )
    (autostart_dir / ENTRY).write_text(text, "utf-8")
    assert not autostart.is_enabled()


def test_a_relative_xdg_config_home_is_ignored(
    autostart_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/config")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    path = autostart.enable(["/usr/bin/companion"])
    assert path == tmp_path / "home" / ".config" / "autostart" / ENTRY


def test_a_read_only_autostart_folder_is_a_plain_message(
    autostart_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    autostart_dir.mkdir(parents=True)
    real_open = os.open

    def read_only_open(path: Any, *args: Any, **kwargs: Any) -> int:
        # Root may write anywhere; the folder answers as a read-only one would.
        if Path(path).parent == autostart_dir:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only_open)
    with pytest.raises(CompanionError, match="not allowed to write") as raised:
        autostart.enable(["/usr/bin/companion"])
    assert "Traceback" not in raised.value.message and "\n" not in raised.value.message
    assert list(autostart_dir.iterdir()) == []
    assert not autostart.is_enabled()


def test_an_autostart_folder_that_cannot_be_made_is_a_plain_message(
    autostart_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: Path, *args: Any, **kwargs: Any) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(CompanionError, match="not allowed to write"):
        autostart.enable(["/usr/bin/companion"])


def test_an_entry_that_cannot_be_removed_is_a_plain_message(
    autostart_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    autostart.enable(["/usr/bin/companion"])

    def refuse(self: Path, *args: Any, **kwargs: Any) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "unlink", refuse)
    with pytest.raises(CompanionError, match="not allowed to write"):
        autostart.disable()
    assert autostart.is_enabled()


# --- the command it starts ---------------------------------------------------------------------


def test_launch_command_uses_the_companion_script_beside_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    python = tmp_path / "venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text("")
    monkeypatch.setattr(sys, "executable", str(python))
    assert autostart.launch_command() == [str(python), "-m", "ui.launch"]
    (python.parent / "companion").write_text("")
    assert autostart.launch_command() == [str(python.parent / "companion")]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert autostart.launch_command() == [str(python)]


def test_launch_command_is_the_running_one() -> None:
    command = autostart.launch_command()
    assert Path(command[0]).is_absolute() and Path(command[0]).exists()


# --- macOS and Windows, as far as they can be checked here ----------------------------------------


def test_macos_launch_agent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setenv("HOME", str(tmp_path))
    command = ["/Applications/Companion.app/Contents/MacOS/Companion", "--x"]
    path = autostart.enable(command)
    assert path == tmp_path / "Library" / "LaunchAgents" / "org.companion.Companion.plist"
    agent = plistlib.loads(path.read_bytes())
    assert agent["Label"] == "org.companion.Companion"
    assert agent["ProgramArguments"] == command
    assert agent["RunAtLoad"] is True
    assert autostart.is_enabled()
    autostart.disable()
    autostart.disable()
    assert not path.exists() and not autostart.is_enabled()


class FakeWinreg(types.ModuleType):
    """Just enough of ``winreg`` for the Run key."""

    HKEY_CURRENT_USER = "HKCU"
    KEY_SET_VALUE = 2
    REG_SZ = 1

    def __init__(self) -> None:
        super().__init__("winreg")
        self.values: dict[tuple[str, str], tuple[int, str]] = {}

    class _Key:
        def __init__(self, path: str) -> None:
            self.path = path

        def __enter__(self) -> FakeWinreg._Key:
            return self

        def __exit__(self, *exc: Any) -> None:
            return None

    def CreateKeyEx(self, root: str, path: str, reserved: int, access: int) -> _Key:  # noqa: N802
        return self._Key(f"{root}\\{path}")

    def OpenKey(self, root: str, path: str, reserved: int = 0, access: int = 1) -> _Key:  # noqa: N802
        return self._Key(f"{root}\\{path}")

    def SetValueEx(self, key: _Key, name: str, reserved: int, kind: int, value: str) -> None:  # noqa: N802
        self.values[(key.path, name)] = (kind, value)

    def QueryValueEx(self, key: _Key, name: str) -> tuple[str, int]:  # noqa: N802
        try:
            kind, value = self.values[(key.path, name)]
        except KeyError:
            raise FileNotFoundError(2, "The system cannot find the file specified") from None
        return value, kind

    def DeleteValue(self, key: _Key, name: str) -> None:  # noqa: N802
        try:
            del self.values[(key.path, name)]
        except KeyError:
            raise FileNotFoundError(2, "The system cannot find the file specified") from None


def test_windows_run_value(monkeypatch: pytest.MonkeyPatch) -> None:
    winreg = FakeWinreg()
    monkeypatch.setitem(sys.modules, "winreg", winreg)
    monkeypatch.setattr(sys, "platform", "win32")
    run = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"
    autostart.enable([r"C:\Program Files\Companion\companion.exe", "--data-dir", r"D:\My data"])
    assert winreg.values == {
        (run, "Companion"): (
            winreg.REG_SZ,
            r'"C:\Program Files\Companion\companion.exe" --data-dir "D:\My data"',
        )
    }
    assert autostart.is_enabled()
    autostart.disable()
    autostart.disable()
    assert winreg.values == {} and not autostart.is_enabled()


def test_windows_refusal_is_a_plain_message(monkeypatch: pytest.MonkeyPatch) -> None:
    winreg = FakeWinreg()

    def refuse(*args: Any) -> None:
        raise PermissionError(errno.EACCES, "Access is denied")

    winreg.SetValueEx = refuse  # type: ignore[method-assign]
    monkeypatch.setitem(sys.modules, "winreg", winreg)
    monkeypatch.setattr(sys, "platform", "win32")
    with pytest.raises(CompanionError, match="Access is denied"):
        autostart.enable([r"C:\Companion\companion.exe"])
