"""`companion --screenshot DIR` draws every page and dialog, offscreen and in a real window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from ui.main_window import PAGES

EXPECTED = (
    [entry.key for entry in PAGES]
    + [
        "setup-welcome",
        "setup-language",
        "setup-text-size",
        "setup-country",
        "setup-protection",
        "unlock",
        "unlock-recovery-code",
        "recovery-code",
        "self-check",
        "help-before-unlock",
        "person",
        "log-contact",
        "add-person",
        "import",
        "challenge",
        "reminder",
        "while-away",
        "locked",
        "banner",
    ]
    + [f"{entry.key}-whole" for entry in PAGES]
)


def run_companion(*args: str, env_extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, **env_extra)
    return subprocess.run(
        [sys.executable, "-m", "ui.launch", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        cwd=Path(__file__).resolve().parents[2],
    )


def check_pictures(folder: Path) -> None:
    for name in EXPECTED:
        path = folder / f"{name}.png"
        assert path.exists(), f"{name}.png was not written"
        image = QImage(str(path))
        # (A dialog is as tall as it needs: Import's first step is 380 px.)
        assert not image.isNull() and image.width() >= 480 and image.height() >= 300, name
        # Something is drawn: the picture is not one flat colour.
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), 37)
            for y in range(0, image.height(), 29)
        }
        assert len(colours) > 2, f"{name}.png is blank"
    # Every page is drawn in a window of one size, Today too (it came out 796×796, the
    # offscreen screen's size, while the others were 1100×760).
    from ui.screenshot import WINDOW_SIZE

    for name in [entry.key for entry in PAGES] + ["banner", "locked"]:
        image = QImage(str(folder / f"{name}.png"))
        assert (image.width(), image.height()) == WINDOW_SIZE, name
    # A whole page ends where its last card does, with the page's margin: Today's and
    # Reminders' ended in 130-170 px of blank below it.
    for name in [f"{entry.key}-whole" for entry in PAGES]:
        image = QImage(str(folder / f"{name}.png"))
        ground = image.pixel(2, image.height() - 2)
        last = {
            image.pixel(x, y)
            for x in range(0, image.width(), 3)
            for y in range(image.height() - 60, image.height())
        }
        assert last != {ground}, f"{name}.png ends in blank space"


def test_screenshot_offscreen(tmp_path):
    result = run_companion(
        "--demo",
        "--lang",
        "ar",
        "--screenshot",
        str(tmp_path),
        env_extra={"QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    check_pictures(tmp_path)


@pytest.mark.real_window
def test_screenshot_in_a_real_x_window(tmp_path):
    from test_layout import start_xvfb

    server, display = start_xvfb("1280x1024")
    try:
        result = run_companion(
            "--demo",
            "--screenshot",
            str(tmp_path),
            env_extra={"QT_QPA_PLATFORM": "xcb", "DISPLAY": f":{display}"},
        )
        assert result.returncode == 0, result.stderr
        check_pictures(tmp_path)
    finally:
        server.terminate()
        server.wait(timeout=10)
