"""What a person waits for inside the running app, on the large profile.

    python -m bench.inside PROFILE_DIR VCARD_FILE [--runs N]

Opens the profile the way the app does (keyring, CompanionApp, main window,
offscreen) and prints ``name: value`` lines:

- ``today_ms``: Today built again from the data and laid out (``refresh`` and the
  events it posts), the median of ``runs``; ``today_cpu_ms`` the processor time of it.
- ``search_keystroke_ms``: one key typed in the People search box until the list
  has filtered and laid out, the median over a word typed and rubbed out.
- ``reminders_next_due_ms``: the scheduler's question "when does the next
  reminder fire?", and ``reminders_due_ms``: "which are due now?".
- ``import_10k_vcard_s`` and ``ui_max_stall_ms``: a 10,000-person vCard import
  (read, preview, write) and then a backup, each run the way the app runs them
  (``session.ops.run_in_background``: a worker thread, a progress dialog, the
  change announced to every page after), while a 5 ms timer in the window
  records the longest time the event loop did not run; ``ui_stall_import_ui_cpu_ms`` and
  ``ui_stall_backup_ui_cpu_ms`` are the UI thread's own processor time within each longest
  stall (the rest of it, the thread was waiting).

``python -m bench.stalls`` runs only this part, old code against new, alternating.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def median_ms(
    work: Callable[[], object], runs: int, clock: Callable[[], float] = time.perf_counter
) -> float:
    samples = []
    for _ in range(runs):
        started = clock()
        work()
        samples.append(clock() - started)
    return statistics.median(samples) * 1000


class StallWatch:
    """A timer every 5 ms; the longest gap between its ticks is the longest stall.

    ``longest_ui_cpu`` is the UI thread's own processor time within that gap: the rest of
    it the thread was waiting (for Python's lock, a lock of the store, or a core).
    """

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.longest = 0.0
        self.longest_ui_cpu = 0.0
        self._last = 0.0
        self._last_cpu = 0.0

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        if now - self._last > self.longest:
            self.longest = now - self._last
            self.longest_ui_cpu = cpu - self._last_cpu
        self._last, self._last_cpu = now, cpu

    def start(self) -> None:
        self._last, self._last_cpu = time.perf_counter(), time.thread_time()
        self.timer.start()

    def stop(self) -> float:
        self._tick()
        self.timer.stop()
        return self.longest * 1000


def run_op(
    session: Any,
    parent: Any,
    work: Callable[..., Any],
    title: str,
    then: Callable[[Any, Callable[[Any], None]], None] | None = None,
    changes: Any = None,
) -> tuple[Any, float, float]:
    """Run ``work`` as the app runs long work: its result, the seconds until it is done, and
    the milliseconds the UI thread then spent redrawing for the announced change.

    With ``then``, ``work`` only prepares (announcing nothing), and ``then(prepared, done)``
    starts the operation that writes (the import: read and preview, then the write).
    ``changes`` is what the app announces when ``work`` is done (nothing for a
    preparation)."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    from ui.ops import Change

    if changes is None or then is not None:
        changes = Change.NONE
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def done(result: Any) -> None:
        outcome["result"] = result
        loop.quit()

    def prepared(result: Any) -> None:
        if result is None or then is None:
            done(result)
        else:
            then(result, done)

    # No collection of our own here: the app's guard (ui.gc_guard) already keeps Python's
    # cycle collector on the UI thread. This used to call gc.collect() inside the measured
    # time (a full walk of the large profile: 35-65 ms of the UI thread) and gc.enable()
    # after the import, which let automatic collections fall anywhere during the backup.
    ops = session.ops
    announce = ops.announce
    redraw = [0.0]

    announced = [0]

    def timed_announce(changes: Any, source: object | None = None) -> None:
        began = time.perf_counter()
        announce(changes, source)
        redraw[0] += time.perf_counter() - began
        announced[0] += bool(changes)

    ops.announce = timed_announce
    started = time.perf_counter()
    try:
        ops.run_in_background(parent, work, changes, title=title, done=prepared)
        if "result" not in outcome:
            loop.exec()
        # The pages are redrawn in a turn of the loop after ``done`` (ui.ops): counted too.
        for _turn in range(50):
            if announced[0]:
                break
            QCoreApplication.processEvents()
    finally:
        ops.announce = announce
    if outcome.get("result") is None:
        raise RuntimeError(f"{title} failed")
    return outcome["result"], time.perf_counter() - started, redraw[0] * 1000


def pyside_drops_references() -> bool:
    """Whether this PySide6 loses a reference to None on each call of a void method.

    PySide6 6.12.0 on Python 3.11 does (and one to True on each signal emit): after a
    few thousand such calls Python aborts with "deallocating None". 6.11.3 does not,
    and on Python 3.12 None and True are immortal. When it does, the benchmark props
    the three up so the measurements can finish, and says so (see README).
    """
    import ctypes

    from PySide6.QtGui import QTextBlockFormat

    probe = QTextBlockFormat()
    before = sys.getrefcount(None)
    for _ in range(50):
        probe.setTopMargin(1.0)
    if sys.getrefcount(None) > before - 25:
        return False
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure inside the app, on the large profile.")
    parser.add_argument("profile", type=Path)
    parser.add_argument("vcard", type=Path)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)

    from companion import reminders
    from companion.backup import make_backup
    from companion.interchange import read_import_file
    from companion.interchange.people_import import build_preview
    from companion.interchange.vcard import parse_vcards
    from companion.profile import Profile
    from ui import actions
    from ui.app import CompanionApp, create_qapplication
    from ui.background import wait_for_background
    from ui.ops import Change

    qapp = create_qapplication(sys.argv[:1])
    dropping = pyside_drops_references()
    profile = Profile(args.profile)
    unlocked = profile.unlock_with_keyring()
    app = CompanionApp(qapp, profile)
    app.open_main_window(unlocked)
    window = app.window
    assert window is not None
    qapp.processEvents()
    session = app.session
    store = unlocked.store
    results: dict[str, str] = {"pyside_drops_references": "yes" if dropping else "no"}

    today = window.pages["today"]  # type: ignore[attr-defined]

    def rebuild_today() -> None:
        today.refresh()
        qapp.processEvents()

    rebuild_today()  # warm: the first build also imports and caches
    results["today_ms"] = f"{median_ms(rebuild_today, args.runs):.1f}"
    # The processor time of the same: on a shared machine the wall time above also counts
    # the moments other processes had the cores; this does not.
    results["today_cpu_ms"] = f"{median_ms(rebuild_today, args.runs, time.process_time):.1f}"

    window.show_page("people")  # type: ignore[attr-defined]
    wait_for_background()  # a long list is read off the UI thread: wait until it is shown
    qapp.processEvents()
    people = window.pages["people"]  # type: ignore[attr-defined]
    word = "Grace Nguyen 0"
    typed = [word[:n] for n in range(1, len(word) + 1)]
    keystrokes = typed + typed[-2::-1] + [""]
    samples = []
    for text in keystrokes:
        started = time.perf_counter()
        people.search.setText(text)
        qapp.processEvents()
        samples.append(time.perf_counter() - started)
    results["search_keystroke_ms"] = f"{statistics.median(samples) * 1000:.1f}"
    results["search_keystroke_worst_ms"] = f"{max(samples) * 1000:.1f}"
    window.show_page("today")  # type: ignore[attr-defined]
    qapp.processEvents()

    now = session.now()
    results["reminders_next_due_ms"] = (
        f"{median_ms(lambda: reminders.next_fire_time(store, now), args.runs):.2f}"
    )
    results["reminders_due_ms"] = f"{median_ms(lambda: reminders.due(store, now), args.runs):.2f}"

    def read_and_preview(store_: Any, _p: Any, _c: Any) -> Any:
        # What the import window does off the UI thread once a vCard file is chosen.
        return build_preview(store_, parse_vcards(read_import_file(args.vcard)), "GB")

    def write(preview: Any, done: Callable[[Any], None]) -> None:
        # Import pressed: the same operation the import window starts (progress reports
        # reach the bar at most ten times a second; see ui/ops.py).
        actions.import_people(session.ops, window, now, preview, done=done)

    watch = StallWatch()
    watch.start()
    added, seconds, import_redraw = run_op(
        session, window, read_and_preview, "Importing", then=write
    )
    qapp.processEvents()  # the pages redraw after the announcement: part of the stall
    import_stall = watch.stop()
    import_ui_cpu = watch.longest_ui_cpu * 1000
    results["import_10k_vcard_s"] = f"{seconds:.2f}"
    results["import_people_added"] = str(added)
    results["import_redraw_ms"] = f"{import_redraw:.0f}"

    with tempfile.TemporaryDirectory(prefix="companion-bench-") as scratch:
        target = Path(scratch) / "backup.companion-backup"

        def backup(_s: Any, _p: Any, _c: Any) -> Path:
            return make_backup(unlocked, target, now)

        watch = StallWatch()
        watch.start()
        # As ui.actions_data announces a backup: only the settings (the last backup's date).
        _path, backup_seconds, _redraw = run_op(
            session, window, backup, "Backing up", changes=Change.SETTINGS
        )
        qapp.processEvents()
        backup_stall = watch.stop()
        backup_ui_cpu = watch.longest_ui_cpu * 1000
        results["backup_s"] = f"{backup_seconds:.2f}"
        results["ui_max_stall_ms"] = f"{max(import_stall, backup_stall):.0f}"
        results["ui_stall_import_ms"] = f"{import_stall:.0f}"
        results["ui_stall_backup_ms"] = f"{backup_stall:.0f}"
        # The UI thread's own processor time in each longest stall (the rest was waiting).
        results["ui_stall_import_ui_cpu_ms"] = f"{import_ui_cpu:.0f}"
        results["ui_stall_backup_ui_cpu_ms"] = f"{backup_ui_cpu:.0f}"

    app.quit()
    for name, value in results.items():
        print(f"{name}: {value}")
    sys.stdout.flush()
    os._exit(0)  # PySide6 can crash while tearing down at exit; everything is written


if __name__ == "__main__":
    raise SystemExit(main())
