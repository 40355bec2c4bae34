"""Every page and dialog fits, in a real X window, at every text size, in every language.

Two small screens (1366×768 and 1280×720), text at 100%, 150% and 200%, English, German and
Arabic. A fault is what a person would see: overlapping controls, words cut off, a window
larger than the screen, a control outside its window that cannot be scrolled to.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("layout_probe.py")
ROOT = Path(__file__).resolve().parents[2]


def start_xvfb(size: str) -> tuple[subprocess.Popen, str]:  # type: ignore[type-arg]
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must test a real window: Xvfb is not installed")
        pytest.skip("Xvfb is not installed")
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_fd), "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        display = pipe.readline().strip()
    assert display, "Xvfb did not start"
    return server, display


def run_probe(script: Path, size: str, tmp_path: Path) -> dict:  # type: ignore[type-arg]
    """Run a probe script in its own Xvfb of ``size``; the faults it found, by view."""
    server, display = start_xvfb(size)
    try:
        report = tmp_path / "layout.json"
        env = dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=f":{display}", HOME=str(tmp_path))
        env.pop("WAYLAND_DISPLAY", None)
        result = subprocess.run(
            [sys.executable, str(script), str(report)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        faults = json.loads(report.read_text("utf-8"))
        if faults:
            print(json.dumps(faults, indent=1, ensure_ascii=False)[:6000])
        return faults
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.real_window
@pytest.mark.slow
@pytest.mark.parametrize("size", ["1366x768", "1280x720"])
def test_every_page_and_dialog_fits_the_screen(tmp_path, size):
    assert run_probe(PROBE, size, tmp_path) == {}


def test_the_probe_sees_what_a_person_would(qtbot):
    """The checker itself: overlapping words, cut words and a control off the window."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QLabel, QPushButton, QWidget

    sys.path.insert(0, str(PROBE.parent))
    from layout_probe import faults

    window = QWidget()
    qtbot.addWidget(window)
    window.resize(400, 300)
    first = QLabel("Letter or card", window)
    first.setGeometry(10, 10, 200, 40)
    second = QLabel("When?", window)
    second.setGeometry(20, 20, 200, 40)  # on top of the first
    cut = QPushButton("I have written it down or printed it", window)
    cut.setGeometry(10, 100, 40, 40)  # far too narrow for its words
    away = QPushButton("Finish", window)
    away.setGeometry(10, 290, 100, 60)  # below the edge, no scroll area
    window.show()
    found = " | ".join(faults(window, QRect(0, 0, 1366, 768)))
    assert "overlaps" in found
    assert "needs" in found and "written it down" in found
    assert "outside its window" in found and "Finish" in found
    big = QWidget()
    qtbot.addWidget(big)
    big.resize(1400, 900)
    big.show()
    assert any("larger than the screen" in f for f in faults(big, QRect(0, 0, 1366, 768)))
