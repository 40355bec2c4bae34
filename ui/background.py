"""Slow work off the UI thread, with the result delivered back on it.

Modelled on Anki's ``QueryOp``: give it the work and what to do with the
result or the failure; the window stays responsive meanwhile. Used for key
derivation now, and for imports, backups and exports as they arrive.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

_running: set[_Job] = set()
_cancels: set[threading.Event] = set()  # the Cancel of each job that has one

# How long the window waits for Python's lock while a job runs, at most (seconds). A thread
# that wants the lock waits this long before asking the holder to let go, and the window
# wants it several times for each thing it does (the app's event filter, then the slot):
# at Python's usual 5 ms, a worker parsing or writing in Python kept a 5 ms timer in the
# window from running for 15-30 ms at a time, and longer whenever the machine was busy
# (bench/README.md, "Stalls, sixth round"). It costs the worker nothing when the window is
# idle: the lock changes hands only when the window asks for it.
QUICK_HANDOVER_S = 0.001
_usual_handover: list[float] = []  # Python's own interval while jobs run; empty otherwise


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.signals = _Signals()

    @Slot()
    def run(self) -> None:
        try:
            result = self.work()
        except BaseException as error:  # delivered to on_error on the UI thread
            self.signals.failed.emit(error)
        else:
            self.signals.finished.emit(result)


def _started(job: _Job) -> None:
    if not _running and not _usual_handover:
        usual = sys.getswitchinterval()
        _usual_handover.append(usual)
        sys.setswitchinterval(min(usual, QUICK_HANDOVER_S))
    _running.add(job)


def _ended(job: _Job) -> None:
    _running.discard(job)
    if not _running and _usual_handover:
        sys.setswitchinterval(_usual_handover.pop())


def run_in_background(
    work: Callable[[], Any],
    on_success: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
) -> None:
    """Run ``work()`` on a worker thread; its result or failure comes back on the UI thread.

    While any such work runs, Python hands its lock to the window quickly
    (``QUICK_HANDOVER_S``), so the window keeps drawing and hearing keys.
    """
    job = _Job(work)
    _started(job)

    def success(result: Any) -> None:
        _ended(job)
        on_success(result)

    def failure(error: Any) -> None:
        _ended(job)
        on_error(error)

    job.signals.finished.connect(success)
    job.signals.failed.connect(failure)
    QThreadPool.globalInstance().start(job)


def wait_for_background(timeout_ms: int = 30000) -> bool:
    """For tests and shutdown: wait until no background job is running."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)


def cancellable(event: threading.Event) -> Callable[[], None]:
    """Let ``stop_background`` press this job's Cancel; call what it returns when it ends."""
    _cancels.add(event)
    return lambda: _cancels.discard(event)


def stop_background(timeout_ms: int = 30000) -> bool:
    """Before the data closes (lock, quit, restore): cancel what can stop, wait for the rest.

    Work in the background uses the open data; closing it underneath would make the
    work fail half-way (a transaction is then rolled back, so nothing is lost, but the
    person would be told of a failure they did not cause).
    """
    for event in list(_cancels):
        event.set()
    return wait_for_background(timeout_ms)


def save_file_in_background(
    parent: object,
    title: str,
    default_name: str,
    file_filter: str,
    suffix: str,
    work: Callable[[Path], int],
    done_words: Callable[[int, Path], str],
    say: Callable[[str], None],
) -> None:
    """Ask where to save, then save off the UI thread and say how it went in plain words.

    The chooser is the house one (``ui.widgets.files``): it starts in the person's
    Documents folder with ``default_name`` filled in (never over a file that is
    there) and fits the screen at large text.
    """
    from PySide6.QtWidgets import QWidget

    from companion.errors import CompanionError
    from companion.i18n import _
    from ui.widgets import files

    assert isinstance(parent, QWidget)
    suggested = files.free_path(files.documents_folder(), default_name)
    picked = files.ask_save_path(parent, title, suggested, file_filter)
    if picked is None:
        return
    chosen = str(picked)
    path = Path(chosen if chosen.lower().endswith(suffix) else chosen + suffix)

    def failed(error: BaseException) -> None:
        say(
            error.message
            if isinstance(error, CompanionError)
            else _("Something unexpected went wrong. Nothing was saved.")
        )

    run_in_background(lambda: work(path), lambda count: say(done_words(count, path)), failed)
