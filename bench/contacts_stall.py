"""The window while 10,000 people are imported from a vCard: the longest time its loop did not run.

    .venv/bin/python bench/contacts_stall.py [--stored 10000] [--people 10000]
        [--page people|today] [--profile DIR] [--trace] [--profile-redraw]

A demo profile with ``--stored`` more people already in it (or, with ``--profile``, a
keyring profile such as ``bench.profiles large`` makes, run under tools/with-test-keyring),
the People page showing (where Import is), and a ``--people``-person vCard file read and
previewed the way the import window does it, then written by ``ui.actions.import_people``:
each an operation through ``session.ops.run_in_background`` (a worker thread, the progress
dialog, the change announced to every page). A 5 ms ``PreciseTimer`` on the UI thread
records the longest gap between its ticks, the redraw after the import included.

Prints ``contacts_import_max_stall_ms`` (the longest gap), ``contacts_import_max_ui_cpu_ms``
(the most processor time the UI thread itself used within one gap: the rest of a gap was
waiting, for Python's lock or for a core on a busy machine) and
``contacts_import_redraw_ms``; with ``--trace``, every gap over 20 ms, what each thread
was doing in it (sampled every 2 ms), and the redraw done again at once.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stored", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument(
        "--profile",
        type=Path,
        help="a keyring profile to import into instead (bench.profiles large; run it under "
        "tools/with-test-keyring), opened as the app opens it",
    )
    parser.add_argument(
        "--page",
        default="people",
        help="the page showing meanwhile: people (where Import is), or today",
    )
    parser.add_argument("--trace", action="store_true")
    parser.add_argument(
        "--profile-redraw", action="store_true", help="cProfile the UI thread's redraw"
    )
    args = parser.parse_args(argv)

    from PySide6.QtCore import QEventLoop, Qt, QTimer

    from bench.profiles import vcard_file
    from companion import contacts, demo
    from companion.contacts import Person, Phone, Schedule
    from companion.interchange import read_import_file
    from companion.interchange.people_import import build_preview
    from companion.interchange.vcard import parse_vcards
    from companion.profile import Profile
    from ui import actions
    from ui.app import CompanionApp, create_qapplication
    from ui.background import wait_for_background
    from ui.ops import Change

    now = datetime.now().astimezone()
    if args.profile is not None:
        profile = Profile(args.profile)
        unlocked = profile.unlock_with_keyring()
    else:
        profile = Profile.create_session()
        unlocked = profile.create("session")
        demo.fill(unlocked, now)
        contacts.add_people(
            unlocked.store,
            now,
            (
                Person(
                    id=0,
                    name=f"Stored Person {n:05d}",
                    circle="friend",
                    phones=(Phone(f"+4420{n:08d}", "home"),),
                    schedule=Schedule(2, "weeks"),
                )
                for n in range(args.stored)
            ),
        )
        profile.lock.acquire()
    scratch = Path(tempfile.mkdtemp(prefix="companion-bench-"))
    vcard = scratch / "people.vcf"
    vcard_file(vcard, args.people)

    qapp = create_qapplication(["companion"])
    app = CompanionApp(qapp, profile)
    app.open_main_window(unlocked, start_reminders=args.profile is not None)
    assert app.window is not None and app.session is not None
    session = app.session
    app.window.show_page(args.page)  # type: ignore[attr-defined]
    wait_for_background()  # the page has filled (a long list is read off the UI thread)
    for _ in range(5):
        qapp.processEvents()

    stage = ["idle"]
    stages: list[tuple[float, str]] = []
    began = [0.0]

    def mark(name: str) -> None:
        stage[0] = name
        stages.append((time.perf_counter() - began[0], name))

    gaps: list[tuple[float, float, str]] = []
    last = [0.0]
    longest = [0.0]
    last_cpu = [0.0]
    busiest = [0.0]

    def tick() -> None:
        # The wall-clock gap is what a person sees; the UI thread's own processor time in
        # it says how much of that was the app's work on the UI thread, and how much was
        # waiting (for Python's lock, or for a core on a busy machine).
        moment, cpu = time.perf_counter(), time.thread_time()
        gap = moment - last[0]
        longest[0] = max(longest[0], gap)
        busiest[0] = max(busiest[0], cpu - last_cpu[0])
        if gap > 0.02:
            gaps.append((last[0] - began[0], gap, stage[0]))
        last[0], last_cpu[0] = moment, cpu

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(5)
    timer.timeout.connect(tick)

    ops = session.ops
    announce = ops.announce
    redraw = [0.0]

    store_class = type(session.store)
    plain_read = store_class._read
    reads: list[tuple[float, str]] = []

    def timed_read(self: Any, sql: str, params: Any, fetch: str, main: Any = None) -> Any:
        if threading.get_ident() != ui_thread or not args.trace:
            return plain_read(self, sql, params, fetch, main)
        started = time.perf_counter()
        try:
            return plain_read(self, sql, params, fetch, main)
        finally:
            reads.append((time.perf_counter() - started, " ".join(sql.split())[:90]))

    store_class._read = timed_read  # type: ignore[method-assign]
    ui_thread = threading.get_ident()

    def timed_announce(changes: Any, source: object | None = None) -> None:
        mark("redraw (UI thread)")
        started = time.perf_counter()
        if args.profile_redraw:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.runcall(announce, changes, source)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
        else:
            announce(changes, source)
        redraw[0] += time.perf_counter() - started
        if args.trace and changes:
            slow = sorted(reads, reverse=True)[:8]
            print(f"  redraw {(time.perf_counter() - started) * 1000:.0f} ms; slowest reads:")
            for took, sql in slow:
                print(f"    {took * 1000:6.1f} ms  {sql}")
            reads.clear()
            again = time.perf_counter()
            announce(changes, source)
            print(f"  the same redraw again at once: {(time.perf_counter() - again) * 1000:.0f} ms")
            for took, sql in sorted(reads, reverse=True)[:4]:
                print(f"    {took * 1000:6.1f} ms  {sql}")
            reads.clear()

    ops.announce = timed_announce  # type: ignore[method-assign]

    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def done(result: Any) -> None:
        outcome["result"] = result
        mark("after")
        QTimer.singleShot(50, loop.quit)

    def read_and_preview(store: Any, _progress: Any, _cancelled: Any) -> Any:
        # What the import dialog does off the UI thread once a vCard file is chosen.
        mark("read and parse")
        read = parse_vcards(read_import_file(vcard))
        mark("preview")
        return build_preview(store, read, "GB")

    def previewed(preview: Any) -> None:
        mark("commit")
        actions.import_people(session.ops, app.window, now, preview, done=done)

    samples: list[tuple[float, str]] = []
    sampling = threading.Event()

    def where(frame: Any) -> str:
        found = []
        while frame is not None and len(found) < 4:
            code = frame.f_code
            found.append(f"{Path(code.co_filename).stem}:{frame.f_lineno} {code.co_name}")
            frame = frame.f_back
        return " < ".join(found)

    def sample() -> None:
        # Every 2 ms: where each thread is. A gap in these samples while the UI thread
        # stalled means some thread held Python's lock through one long call.
        while not sampling.wait(0.002):
            frames = sys._current_frames()
            moment = time.perf_counter() - began[0]
            for ident, frame in frames.items():
                if ident == threading.get_ident():
                    continue
                who = "ui" if ident == ui_thread else "worker"
                samples.append((moment, f"{who}: {where(frame)}"))

    gc.collect()
    began[0] = last[0] = time.perf_counter()
    last_cpu[0] = time.thread_time()
    if args.trace:
        threading.Thread(target=sample, daemon=True).start()
    timer.start()
    session.ops.run_in_background(
        app.window, read_and_preview, Change.NONE, title="Reading", done=previewed
    )
    loop.exec()
    tick()
    timer.stop()
    sampling.set()
    ops.announce = announce  # type: ignore[method-assign]
    print(f"contacts_import_people_added: {outcome.get('result')}")
    print(f"contacts_import_s: {time.perf_counter() - began[0]:.2f}")
    print(f"contacts_import_redraw_ms: {redraw[0] * 1000:.0f}")
    print(f"contacts_import_max_stall_ms: {longest[0] * 1000:.0f}")
    print(f"contacts_import_max_ui_cpu_ms: {busiest[0] * 1000:.0f}")
    if args.trace:
        for at, name in stages:
            print(f"  stage {at * 1000:7.0f} ms  {name}")
        for at, gap, name in gaps:
            print(f"  gap   {at * 1000:7.0f} ms  {gap * 1000:4.0f} ms  during {name}")
            inside = [(t, w) for t, w in samples if at - 0.003 <= t <= at + gap]
            shown = ""
            for t, w in inside:
                if w != shown or w.startswith("ui"):
                    print(f"      {t * 1000:7.1f} {w}")
                    shown = w
    sys.stdout.flush()
    app.quit()
    unlocked.close()
    profile.discard()
    os._exit(0)  # PySide6 can crash while tearing down at exit; everything is written


if __name__ == "__main__":
    raise SystemExit(main())
