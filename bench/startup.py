"""Start-up: Companion's Today page painted with the user's data vs an empty PySide6 window.

    tools/with-test-keyring .venv/bin/python bench/startup.py [--runs 7]

Both are started as fresh processes, the same way, offscreen; each reports the
moment its first real paint happens. The result is a ratio (the budget in
DESIGN.md: at most 1.5x the empty window in time and in memory), so it means
the same on a fast or slow machine. Uses the real keyring when one is
available (run under tools/with-test-keyring), as a user's start would.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

EMPTY_WINDOW = r"""
import resource, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QLabel("Hello"))
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            print(f"PAINTED {time.monotonic()} {rss}", flush=True)
            QTimer.singleShot(0, app.quit)
        return False
watcher = Painted()
window.centralWidget().installEventFilter(watcher)
window.show()
app.exec()
"""

COMPANION = r"""
import resource, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
import ui.app
from ui.pages.today import TodayPage
original = ui.app.CompanionApp.open_main_window
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            print(f"PAINTED {time.monotonic()} {rss}", flush=True)
            QTimer.singleShot(0, QApplication.instance().quit)
        return False
watcher = Painted()
def open_and_watch(self, unlocked):
    original(self, unlocked)
    self.window.pages["today"].heading.installEventFilter(watcher)
ui.app.CompanionApp.open_main_window = open_and_watch
from ui.launch import main
sys.exit(main(["--data-dir", sys.argv[1]]))
"""


def measure(code: str, *args: str) -> tuple[float, int]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120
    )
    for line in result.stdout.splitlines():
        if line.startswith("PAINTED "):
            _, painted, rss = line.split()
            return float(painted) - started, int(rss)
    raise RuntimeError(f"no paint reported:\n{result.stdout}\n{result.stderr}")


def make_profile(folder: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from companion.profile import Profile

    unlocked = Profile(folder).create("keyring")
    unlocked.settings.set("user_name", "Margaret")
    unlocked.settings.set("recovery_code_kept", True)
    unlocked.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="companion-bench-") as scratch:
        profile = Path(scratch) / "profile"
        make_profile(profile)
        measure(EMPTY_WINDOW)  # warm the disk cache for both
        measure(COMPANION, str(profile))
        empty, companion = [], []
        for _ in range(args.runs):
            empty.append(measure(EMPTY_WINDOW))
            companion.append(measure(COMPANION, str(profile)))
        from companion.keys import KEYRING_SERVICE, KeyringVault

        KeyringVault().delete(profile)
        _ = KEYRING_SERVICE
    empty_time = statistics.median(t for t, _ in empty)
    app_time = statistics.median(t for t, _ in companion)
    empty_rss = statistics.median(r for _, r in empty)
    app_rss = statistics.median(r for _, r in companion)
    result = {
        "empty_window_seconds": round(empty_time, 3),
        "companion_today_seconds": round(app_time, 3),
        "time_ratio": round(app_time / empty_time, 2),
        "empty_window_max_rss_kib": empty_rss,
        "companion_max_rss_kib": app_rss,
        "memory_ratio": round(app_rss / empty_rss, 2),
        "budget": 1.5,
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"Start until Today is painted: {app_time:.3f} s vs empty window {empty_time:.3f} s "
            f"= {result['time_ratio']}x (budget 1.5x)"
        )
        print(
            f"Peak memory: {app_rss / 1024:.0f} MiB vs {empty_rss / 1024:.0f} MiB "
            f"= {result['memory_ratio']}x (budget 1.5x)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
