"""A second launch on the same profile brings the first window forward and opens nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_second_launch_brings_the_window_forward(qtbot, app_with_window, monkeypatch):
    app = app_with_window
    profile = app.profile
    assert profile.lock.acquire()
    asked: list[bool] = []
    monkeypatch.setattr(app, "bring_forward", lambda: asked.append(True))
    db_before = profile.db_path.stat().st_mtime_ns

    second = subprocess.Popen(
        [sys.executable, "-m", "ui.launch", "--data-dir", str(profile.folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        cwd=Path(__file__).resolve().parents[2],
    )
    qtbot.waitUntil(lambda: bool(asked), timeout=30000)
    out, err = second.communicate(timeout=30)
    assert second.returncode == 0, err
    assert "already open" in out
    assert "Traceback" not in err
    assert profile.db_path.stat().st_mtime_ns == db_before
    profile.lock.release()


def test_profile_lock_is_exclusive(tmp_path):
    from companion.profile import ProfileLock

    first = ProfileLock(tmp_path / ".lock")
    assert first.acquire()
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from companion.profile import ProfileLock;"
            f"sys.exit(0 if ProfileLock(Path({str(tmp_path / '.lock')!r})).acquire() else 3)",
        ],
        cwd=Path(__file__).resolve().parents[2],
    )
    assert probe.returncode == 3
    first.release()
