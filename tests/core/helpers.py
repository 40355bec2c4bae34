"""Small tools the core tests share: running the real command, and looking at files."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable

# The command as a user runs it, without Qt: ``ui.launch`` hands subcommands to this.
CLI_CODE = "import sys; from companion.cli import main; sys.exit(main())"

RECOVERY_CODE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){4}$")

PAGE_SIZE = 4096  # SQLCipher 4's default


def python_prints(code: str, env: dict[str, str] | None = None) -> str:
    """What ``code`` prints in a Python process of its own, started in the project's folder:
    what a fresh start imports, builds or leaves as it was."""
    found = subprocess.run(
        [PYTHON, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
    )
    assert found.returncode == 0, found.stderr[-3000:]
    return found.stdout


def child_env(**extra: str) -> dict[str, str]:
    """The environment for a child process: this checkout importable, no stray profile."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("COMPANION_") and k not in ("PYTHONPATH", "DISPLAY", "WAYLAND_DISPLAY")
    }
    env["PYTHONPATH"] = str(ROOT)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.update(extra)
    return env


def run_cli(
    *args: str,
    env: dict[str, str] | None = None,
    stdin: str = "",
    timeout: float = 60,
    python_path: list[Path] | None = None,
) -> subprocess.CompletedProcess[str]:
    environment = env if env is not None else child_env()
    if python_path:
        environment = dict(environment)
        environment["PYTHONPATH"] = os.pathsep.join(
            [str(p) for p in python_path] + [environment.get("PYTHONPATH", str(ROOT))]
        )
    return subprocess.run(
        [PYTHON, "-c", CLI_CODE, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        timeout=timeout,
    )


def snapshot(folder: Path, *, ignore: tuple[str, ...] = ()) -> dict[str, str]:
    """Every file under ``folder`` with a hash of its bytes (times do not matter)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name not in ignore:
            found[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def flip_bytes(path: Path, offset: int, count: int = 16) -> None:
    data = bytearray(path.read_bytes())
    for i in range(offset, offset + count):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def files_containing(folder: Path, needle: str) -> list[str]:
    """Files under ``folder`` whose bytes hold ``needle`` in UTF-8 or UTF-16."""
    forms = [needle.encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be")]
    hits = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if any(form in data for form in forms):
                hits.append(str(path.relative_to(folder)))
    return hits


def one_line(text: str) -> str:
    """The single line a failing command must print; fails if there are more."""
    lines = text.splitlines()
    assert len(lines) == 1, f"expected one line, got {len(lines)}: {text!r}"
    assert "Traceback" not in text
    return lines[0]
