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
