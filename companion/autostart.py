"""Start Companion when the person logs in, the way each system expects.

Linux and the BSDs: an XDG autostart entry (``~/.config/autostart/*.desktop``).
Windows: a value under ``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``.
macOS: a launch agent (``~/Library/LaunchAgents/*.plist``) with RunAtLoad.
Turning it off removes the entry; nothing else is left behind. The entry holds
only the command that starts the app, nothing personal.
"""

from __future__ import annotations

import os
import plistlib
import sys
from collections.abc import Sequence
from configparser import ConfigParser
from configparser import Error as ConfigError
from pathlib import Path

from companion.errors import CompanionError, StorageError
from companion.i18n import _
from companion.keys import storage_error, write_atomically

APP_ID = "org.companion.Companion"
APP_NAME = "Companion"
WINDOWS_RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
WINDOWS_RUN_VALUE = APP_NAME


def _system() -> str:
    """ "windows", "mac" or "xdg" (Linux, the BSDs and other freedesktop systems)."""
    if sys.platform == "win32":
        return "windows"
    if sys.platform == "darwin":
        return "mac"
    return "xdg"


def launch_command() -> list[str]:
    """The command that starts this Companion, as it is installed right now; no shell."""
    executable = Path(os.path.abspath(sys.executable))  # not resolved: a venv's python is a link
    if getattr(sys, "frozen", False):  # a bundled build: the executable is Companion itself
        return [str(executable)]
    script = executable.with_name("companion.exe" if _system() == "windows" else "companion")
    if script.is_file():
        return [str(script)]
    if _system() == "windows":
        windowless = executable.with_name("pythonw.exe")  # no console window at login
        if windowless.is_file():
            executable = windowless
    return [str(executable), "-m", "ui.launch"]


# --- Linux and the BSDs: an XDG autostart entry ----------------------------------------------

# Characters the Desktop Entry spec reserves in Exec: an argument with any of them is quoted.
_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")


def _config_home() -> Path:
    configured = os.environ.get("XDG_CONFIG_HOME", "")
    if configured and os.path.isabs(configured):  # the spec says to ignore a relative one
        return Path(configured)
    return Path.home() / ".config"


def desktop_entry_path() -> Path:
    return _config_home() / "autostart" / f"{APP_ID}.desktop"


def _exec_argument(argument: str) -> str:
    """One argument as the Desktop Entry spec's Exec key wants it (before string escaping)."""
    argument = argument.replace("%", "%%")  # a lone % would start a field code
    if argument and not any(char in _RESERVED for char in argument):
        return argument
    inner = "".join("\\" + char if char in '"`$\\' else char for char in argument)
    return f'"{inner}"'


def _string_value(text: str) -> str:
    """A desktop-file string value: backslashes and control characters escaped."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def exec_line(command: Sequence[str]) -> str:
    """The value of Exec= for ``command``, quoted and escaped as the spec says."""
    return _string_value(" ".join(_exec_argument(argument) for argument in command))


def desktop_entry(command: Sequence[str]) -> str:
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.5",
        f"Name={APP_NAME}",
        "Comment=" + _string_value(_("Keep in touch with the people who matter")),
        f"Exec={exec_line(command)}",
        f"Icon={APP_ID}",
        "Terminal=false",
        "X-GNOME-Autostart-enabled=true",
    ]
    return "\n".join(lines) + "\n"


def _xdg_enable(command: Sequence[str]) -> Path:
    path = desktop_entry_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise storage_error(error, path) from None
    write_atomically(path, desktop_entry(command))
    return path


def _xdg_is_enabled() -> bool:
    path = desktop_entry_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return False
    except (OSError, UnicodeDecodeError):
        return True  # there, but unreadable: it still starts the app
    # A desktop's own settings may keep the entry and turn it off instead.
    parser = ConfigParser(interpolation=None, delimiters=("=",), strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    try:
        parser.read_string(text)
        entry = parser["Desktop Entry"]
    except (ConfigError, KeyError):
        return True
    if entry.get("Hidden", "false").strip().lower() == "true":
        return False
    return entry.get("X-GNOME-Autostart-enabled", "true").strip().lower() != "false"


def _xdg_disable() -> None:
    path = desktop_entry_path()
    try:
        path.unlink(missing_ok=True)
    except OSError as error:
        raise storage_error(error, path) from None


# --- macOS: a launch agent ---------------------------------------------------------------------


def launch_agent_path() -> Path:
    return Path.home() / "Library" / "LaunchAgents" / f"{APP_ID}.plist"


def launch_agent(command: Sequence[str]) -> bytes:
    return plistlib.dumps(
        {
            "Label": APP_ID,
            "ProgramArguments": list(command),
            "RunAtLoad": True,
            "ProcessType": "Interactive",
            "LimitLoadToSessionType": "Aqua",  # only in a logged-in desktop session
        },
        fmt=plistlib.FMT_XML,
    )


def _mac_enable(command: Sequence[str]) -> Path:
    path = launch_agent_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise storage_error(error, path) from None
    # launchd reads it at the next login; loading it now would start a second copy.
    write_atomically(path, launch_agent(command).decode("utf-8"))
    return path


def _mac_is_enabled() -> bool:
    return launch_agent_path().is_file()


def _mac_disable() -> None:
    path = launch_agent_path()
    try:
        path.unlink(missing_ok=True)
    except OSError as error:
        raise storage_error(error, path) from None


# --- Windows: the Run key ----------------------------------------------------------------------


def _windows_place() -> Path:
    """Where the entry is, for messages and for ``enable()``'s answer."""
    return Path("HKEY_CURRENT_USER") / WINDOWS_RUN_KEY / WINDOWS_RUN_VALUE


def _windows_error(error: OSError) -> StorageError:
    return StorageError(
        _(
            "Windows did not let Companion change what starts when you log in ({reason}). "
            "Nothing was changed."
        ).format(reason=error.strerror or error)
    )


def _windows_enable(command: Sequence[str]) -> Path:
    if sys.platform != "win32":
        raise CompanionError(_("This only works on Windows."))
    import subprocess
    import winreg

    line = subprocess.list2cmdline(list(command))  # the quoting Windows programs read
    try:
        with winreg.CreateKeyEx(
            winreg.HKEY_CURRENT_USER, WINDOWS_RUN_KEY, 0, winreg.KEY_SET_VALUE
        ) as key:
            winreg.SetValueEx(key, WINDOWS_RUN_VALUE, 0, winreg.REG_SZ, line)
    except OSError as error:
        raise _windows_error(error) from None
    return _windows_place()


def _windows_is_enabled() -> bool:
    if sys.platform != "win32":
        return False
    import winreg

    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, WINDOWS_RUN_KEY) as key:
            winreg.QueryValueEx(key, WINDOWS_RUN_VALUE)
    except OSError:  # FileNotFoundError when there is no such value
        return False
    return True


def _windows_disable() -> None:
    if sys.platform != "win32":
        return
    import winreg

    try:
        with winreg.OpenKey(
            winreg.HKEY_CURRENT_USER, WINDOWS_RUN_KEY, 0, winreg.KEY_SET_VALUE
        ) as key:
            winreg.DeleteValue(key, WINDOWS_RUN_VALUE)
    except FileNotFoundError:
        return  # nothing to remove
    except OSError as error:
        raise _windows_error(error) from None


# --- the three things the app asks ---------------------------------------------------------------


def enable(command: list[str]) -> Path:
    """Start ``command`` at every login from now on; where the entry was written."""
    if not command:
        raise ValueError("the command to start at login is empty")
    system = _system()
    if system == "windows":
        return _windows_enable(command)
    if system == "mac":
        return _mac_enable(command)
    return _xdg_enable(command)


def disable() -> None:
    """Stop starting at login; fine when it was never on."""
    system = _system()
    if system == "windows":
        _windows_disable()
    elif system == "mac":
        _mac_disable()
    else:
        _xdg_disable()


def is_enabled() -> bool:
    system = _system()
    if system == "windows":
        return _windows_is_enabled()
    if system == "mac":
        return _mac_is_enabled()
    return _xdg_is_enabled()
