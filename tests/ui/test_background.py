"""Work off the UI thread leaves the window free: Python's lock comes back to it quickly."""

from __future__ import annotations

import sys
import threading

from ui import background


def test_the_window_gets_pythons_lock_back_quickly_while_work_runs_and_as_usual_after(qtbot):
    usual = sys.getswitchinterval()
    going = threading.Event()
    seen: list[float] = []
    results: list[object] = []

    def work() -> str:
        seen.append(sys.getswitchinterval())
        going.wait(10)
        return "done"

    background.run_in_background(work, results.append, results.append)
    qtbot.waitUntil(lambda: seen != [])
    assert seen == [background.QUICK_HANDOVER_S]
    assert sys.getswitchinterval() == background.QUICK_HANDOVER_S  # the window's side too
    going.set()
    qtbot.waitUntil(lambda: results != [])
    assert results == ["done"]
    assert sys.getswitchinterval() == usual


def test_two_jobs_keep_the_quick_handover_until_the_last_ends_even_when_one_fails(qtbot):
    usual = sys.getswitchinterval()
    first_may_end = threading.Event()
    ended: list[object] = []

    def first() -> str:
        first_may_end.wait(10)
        return "first"

    def failing() -> None:
        raise ValueError("a bug")

    background.run_in_background(first, ended.append, ended.append)
    background.run_in_background(failing, ended.append, ended.append)
    qtbot.waitUntil(lambda: len(ended) == 1)
    assert isinstance(ended[0], ValueError)  # the failure came back to the window
    assert sys.getswitchinterval() == background.QUICK_HANDOVER_S  # the first still runs
    first_may_end.set()
    qtbot.waitUntil(lambda: len(ended) == 2)
    assert ended[1] == "first"
    assert sys.getswitchinterval() == usual
