"""Stalls of the window when nothing is being done, and while a backup is made.

    tools/with-test-keyring .venv/bin/python bench/idle_stall.py PROFILE_DIR [--runs N] [--trace]

Opens a keyring profile (make one with ``python -m bench.profiles large DIR`` under the
same keyring) the way the app does, offscreen, shows the People page (every person
loaded into its list) and prints ``name: value`` lines, all in **processor time of the UI
thread** (``time.thread_time``) unless they say otherwise, so a loaded machine does not
change them much:

- ``gc_objects``: how many objects the cycle collector tracks with the profile open.
- ``gc_full_unfrozen_ms``: one full collection (``gc.collect()``) walking all of them,
  what ``ui.gc_guard`` used to do on the UI thread every two minutes.
- ``gc_full_frozen_ms``: the full collection ``ui.gc_guard`` makes now, with what the
  session built frozen (``gc.freeze()``), after a few keys typed in the People search box;
  ``gc_full_after_reload_ms`` the same after the whole list was read again (as after any
  change to people: 20,000 new rows, walked once and then frozen).
- ``gc_young_ms``: one young collection (every 2 s).
- ``gc_deep_ms``: the collection at the end of a session (everything unfrozen and walked).
- ``gc_full_after_work_ms``: the full collection after the backup below has ended (long
  work: what was frozen stays frozen).
- ``due_overview_ms``: Today's question "who is due?" (``contacts.due_overview`` as
  ``companion.today`` asks it), median of ``runs``.
- ``today_cpu_ms``: the Today page built again and laid out, median of ``runs``.
- ``backup_s`` (wall), ``backup_max_stall_ms`` (wall: the longest gap between ticks of a
  5 ms timer while the backup is made the way the app makes it, with Today in sight, until
  Today has been drawn again for the change announced) and
  ``backup_max_ui_cpu_ms`` (what the UI thread itself did inside that gap; the rest is
  waiting for Python's lock or for a core). ``--trace`` samples every thread every 2 ms
  and prints what each was doing in each gap over 20 ms. ``backup_ui_write_ms`` (wall):
  how long a write on the UI thread waited, made 0.3 s into the backup (a setting saved).
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def cpu_ms(work: Callable[[], object], runs: int = 1) -> float:
    samples = []
    for _ in range(runs):
        started = time.thread_time()
        work()
        samples.append(time.thread_time() - started)
    return statistics.median(samples) * 1000


def where(frame: Any) -> str:
    found = []
    while frame is not None and len(found) < 4:
        code = frame.f_code
        found.append(f"{Path(code.co_filename).stem}:{frame.f_lineno} {code.co_name}")
        frame = frame.f_back
    return " < ".join(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profile", type=Path)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--trace", action="store_true")
    args = parser.parse_args(argv)

    from PySide6.QtCore import QEventLoop, Qt, QTimer

    from companion import contacts
    from companion.backup import make_backup
    from companion.profile import Profile
    from ui.app import CompanionApp, create_qapplication
    from ui.background import wait_for_background
    from ui.ops import Change

    qapp = create_qapplication(sys.argv[:1])
    profile = Profile(args.profile)
    unlocked = profile.unlock_with_keyring()
    app = CompanionApp(qapp, profile)
    app.auto_backups = False
    app.open_main_window(unlocked)
    window = app.window
    assert window is not None
    session = app.session
    store = unlocked.store
    qapp.processEvents()
    window.show_page("people")  # type: ignore[attr-defined]
    wait_for_background()
    qapp.processEvents()
    people = window.pages["people"]  # type: ignore[attr-defined]
    results: dict[str, str] = {}
    guard = app.gc

    # The cycle collector, as the app runs it (ui.gc_guard) --------------------------------
    gc.unfreeze()
    gc.collect()
    results["gc_objects"] = str(len(gc.get_objects()))
    results["gc_full_unfrozen_ms"] = f"{cpu_ms(gc.collect, 3):.1f}"
    results["gc_young_ms"] = f"{cpu_ms(lambda: gc.collect(1), 3):.2f}"
    guard.settle()  # what the app does once the session is built

    def search_then_full() -> float:
        for text in ("G", "Gr", "G", ""):  # a few keys typed in the search box
            people.search.setText(text)
            qapp.processEvents()
        return cpu_ms(guard.collect_new)

    results["gc_full_frozen_ms"] = f"{statistics.median(search_then_full() for _ in range(3)):.1f}"

    def reload_then_full() -> float:
        people.refresh()  # as after any change to people: the whole list is read again
        wait_for_background()  # it is read off the UI thread: until it is shown
        qapp.processEvents()
        return cpu_ms(guard.collect_new)

    results["gc_full_after_reload_ms"] = (
        f"{statistics.median(reload_then_full() for _ in range(3)):.1f}"
    )
    results["gc_frozen_objects"] = str(gc.get_freeze_count())
    results["gc_deep_ms"] = f"{cpu_ms(guard.collect):.1f}"
    guard.settle()

    # Today's "who is due?" --------------------------------------------------------------
    today = session.now().date()
    results["due_overview_ms"] = (
        f"{cpu_ms(lambda: contacts.due_overview(store, today, limit=6, birthday_limit=0, never=False), args.runs):.1f}"  # noqa: E501
    )

    window.show_page("today")  # type: ignore[attr-defined]
    qapp.processEvents()
    today_page = window.pages["today"]  # type: ignore[attr-defined]

    def rebuild_today() -> None:
        today_page.refresh()
        qapp.processEvents()

    rebuild_today()
    results["today_cpu_ms"] = f"{cpu_ms(rebuild_today, args.runs):.1f}"
    guard.settle()  # Today stays in sight: the daily backup is made just after it is drawn

    # A backup, made as the app makes it ------------------------------------------------
    ui_thread = threading.get_ident()
    longest = [0.0]
    busiest = [0.0]
    last = [0.0]
    last_cpu = [0.0]
    began = [0.0]
    gaps: list[tuple[float, float, float]] = []

    def tick() -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        gap = now - last[0]
        if gap > 0.02:
            gaps.append((last[0] - began[0], gap, cpu - last_cpu[0]))
        longest[0] = max(longest[0], gap)
        busiest[0] = max(busiest[0], cpu - last_cpu[0])
        last[0], last_cpu[0] = now, cpu

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(5)
    timer.timeout.connect(tick)

    samples: list[tuple[float, str]] = []
    sampling = threading.Event()

    def sample() -> None:
        while not sampling.wait(0.002):
            moment = time.perf_counter() - began[0]
            for ident, frame in sys._current_frames().items():
                if ident == threading.get_ident():
                    continue
                who = "ui" if ident == ui_thread else "worker"
                samples.append((moment, f"{who}: {where(frame)}"))

    with tempfile.TemporaryDirectory(prefix="companion-bench-") as scratch:
        target = Path(scratch) / "backup.companion-backup"
        loop = QEventLoop()
        outcome: dict[str, Any] = {}

        def work(_store: Any, progress: Callable[[int, int], None], _cancelled: Any) -> Path:
            progress(0, 0)  # as ui.actions_data does
            return make_backup(unlocked, target, session.now())

        def done(result: Any) -> None:
            outcome["result"] = result
            QTimer.singleShot(50, loop.quit)

        write_wait = [-1.0]

        def write_meanwhile() -> None:  # the person changes something while it runs
            started = time.perf_counter()
            store.set_setting("bench_probe", "1")
            write_wait[0] = time.perf_counter() - started

        QTimer.singleShot(300, write_meanwhile)
        began[0] = last[0] = time.perf_counter()
        last_cpu[0] = time.thread_time()
        if args.trace:
            threading.Thread(target=sample, daemon=True).start()
        timer.start()
        session.ops.run_in_background(
            window, work, Change.SETTINGS, title="Making a backup", done=done
        )
        loop.exec()
        tick()
        timer.stop()
        sampling.set()
        results["backup_s"] = f"{time.perf_counter() - began[0]:.2f}"
        results["backup_max_stall_ms"] = f"{longest[0] * 1000:.0f}"
        results["backup_max_ui_cpu_ms"] = f"{busiest[0] * 1000:.0f}"
        results["backup_ui_write_ms"] = f"{write_wait[0] * 1000:.0f}"
        results["backup_made"] = "yes" if outcome.get("result") else "no"
    # The full collection once the backup (long work) has ended, as the idle guard makes it:
    # what was frozen before and during the work stays frozen (ui.gc_guard.after_long_work).
    results["gc_full_after_work_ms"] = f"{cpu_ms(guard.collect_new):.1f}"

    for name, value in results.items():
        print(f"{name}: {value}")
    if args.trace:
        for at, gap, cpu in gaps:
            print(f"  gap {at * 1000:7.0f} ms  {gap * 1000:4.0f} ms  ui cpu {cpu * 1000:4.0f} ms")
            shown = ""
            for t, w in samples:
                if at - 0.003 <= t <= at + gap and (w != shown or w.startswith("ui")):
                    print(f"      {t * 1000:7.1f} {w}")
                    shown = w
    sys.stdout.flush()
    os._exit(0)  # PySide6 can crash while tearing down at exit; everything is written


if __name__ == "__main__":
    raise SystemExit(main())
