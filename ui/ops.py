"""Operations: every write a person starts goes through here, and says what it changed.

Modelled on Anki's ``CollectionOp`` and ``OpChanges``: an operation runs one
core call, shows a ``CompanionError`` in plain words where the person is, offers
Undo where the action recorded something, and then announces a typed
``Changes`` record. Every view (pages, banner, scheduler, notifier) listens to
that one announcement and decides for itself whether to redraw, so nothing is
redrawn by hand and nothing is left stale.
"""

from __future__ import annotations

import enum
import gc
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from companion.errors import CompanionError
from companion.i18n import _
from companion.store import Store

T = TypeVar("T")


class Change(enum.Flag):
    """Which kinds of data an operation changed. Not a free string: a typo fails at once."""

    NONE = 0
    PEOPLE = enum.auto()  # who is on the list, their details, schedule and snooze
    CONTACTS = enum.auto()  # logged contact (calls, visits…), which moves "who is due"
    REMINDERS = enum.auto()
    SETTINGS = enum.auto()
    HELP = enum.auto()  # the person's own professionals
    WELLBEING = enum.auto()  # self-checks, the 5-for-5 challenge
    PLANNER = enum.auto()
    GROUPS = enum.auto()
    PARENTS = enum.auto()
    ALL = PEOPLE | CONTACTS | REMINDERS | SETTINGS | HELP | WELLBEING | PLANNER | GROUPS | PARENTS


@dataclass(frozen=True)
class Changes:
    """What one operation changed, and who started it (a widget, or None)."""

    kinds: Change
    source: object | None = None

    def touches(self, kinds: Change) -> bool:
        return bool(self.kinds & kinds)


@dataclass(frozen=True)
class Undo:
    """How to take an action back: the core call, what it changes, and what to say after."""

    action: Callable[[Store], Any]
    changes: Change
    message: str


ErrorShower = Callable[[QWidget | None, str], None]

PROGRESS_PER_SECOND = 10  # each report wakes the window: a few a second move a bar smoothly
FREEZE_EVERY_MS = 50  # see Operations.run_in_background


def every_so_often(
    progress: Callable[[int, int], None], per_second: float = PROGRESS_PER_SECOND
) -> Callable[[int, int], None]:
    """Pass on at most ``per_second`` progress reports a second (and always the last one)."""
    gap = 1.0 / per_second
    last = [float("-inf")]

    def report(done: int, total: int) -> None:
        moment = time.monotonic()
        if done >= total or moment - last[0] >= gap:
            last[0] = moment
            progress(done, total)

    return report


def unexpected_words() -> str:
    """What a person reads when work fails in a way Companion has no plain words for."""
    return _(
        "Something unexpected went wrong, so this was not finished. Your data has not been "
        "deleted. If it happens again, please close Companion and start it again."
    )


def _show_error_in_place(parent: QWidget | None, message: str) -> None:
    """In the dialog's own error line when it has one; otherwise a plain message box."""
    widget = parent
    while widget is not None:
        shower = getattr(widget, "show_error", None)
        if callable(shower):
            shower(message)
            return
        widget = widget.parentWidget()
    from ui.widgets.common import show_error

    show_error(parent, message)


class _DropInput(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        return event.type() in _INPUT


_INPUT = {
    QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
    QEvent.Type.ShortcutOverride,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.Wheel,
}


def _drop_input_made_meanwhile() -> None:
    """Keys and clicks the window system delivered while the UI thread was busy are read now
    and dropped. Called once an operation is over (announced, said): what else is waiting
    (timers, posted work) runs here as it would have just after."""
    app = QCoreApplication.instance()
    if app is None:
        return
    dropping = _DropInput()
    app.installEventFilter(dropping)
    try:
        app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeSocketNotifiers, 0)
    finally:
        app.removeEventFilter(dropping)


class Operations(QObject):
    """One per unlocked session. ``executed`` is the one announcement every view hears."""

    executed = Signal(object)  # Changes
    said = Signal(str, object)  # a sentence for the status line, and an Undo or None

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.show_error: ErrorShower = _show_error_in_place
        self.last_undo: Undo | None = None
        self._working = 0  # background operations running
        self._freezer = QTimer(self)
        self._freezer.setInterval(FREEZE_EVERY_MS)
        self._freezer.timeout.connect(gc.freeze)

    def run(
        self,
        parent: QWidget | None,
        action: Callable[[Store], T],
        changes: Change,
        *,
        source: object | None = None,
        say: Callable[[T], str] | str | None = None,
        undo: Callable[[T], Undo | None] | None = None,
        slow: bool = False,
    ) -> T | None:
        """Run ``action`` on the store; announce ``changes``; None (and a message) if it failed.

        ``slow``: the action holds the window for a moment (a password's key takes about half
        a second, more on an old computer). The pointer shows it is working, and a key
        pressed or a click made meanwhile is dropped once it is done: before, Enter pressed
        again on a parent password that seemed to do nothing was run afterwards on whatever
        had the keys by then, and locked the parent view at once."""
        if slow:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = action(self.store)
        except CompanionError as error:
            failed: str | None = error.message
        else:
            failed = None
        finally:
            if slow:
                QGuiApplication.restoreOverrideCursor()
        try:
            if failed is not None:
                self.show_error(parent, failed)
                return None
            self.announce(changes, source)
            undoing = undo(result) if undo is not None else None
            text = say(result) if callable(say) else say
            if text or undoing is not None:
                self.last_undo = undoing
                self.said.emit(text or "", undoing)
            return result
        finally:
            if slow:
                _drop_input_made_meanwhile()

    def announce(self, changes: Change, source: object | None = None) -> None:
        if changes:
            self.executed.emit(Changes(changes, source))

    def undo(self, parent: QWidget | None = None) -> bool:
        """Take back the last undoable action (once)."""
        undoing, self.last_undo = self.last_undo, None
        if undoing is None:
            return False
        try:
            undoing.action(self.store)
        except CompanionError as error:
            self.show_error(parent, error.message)
            return False
        self.announce(undoing.changes)
        self.said.emit(undoing.message, None)
        return True

    def hold_young_collections(self) -> Callable[[], None]:
        """While work made off the UI thread is running, keep what it makes out of the young
        collections (see ``run_in_background``); call what this returns when it ends."""
        self._working += 1
        self._freezer.start()
        held = [True]

        def release() -> None:
            if held[0]:
                held[0] = False
                self._working -= 1
                if not self._working:
                    from ui.gc_guard import after_long_work

                    after_long_work()  # what is frozen stays frozen: no long idle walk
                    try:
                        self._freezer.stop()
                    except RuntimeError:  # the session ended first: its timer is gone
                        pass

        return release

    def _in_turns(self, steps: list[Callable[[], object]]) -> None:
        """Run each step in a turn of the event loop of its own, the first in the next turn.

        What a step leaves for the loop (a layout, a paint, a zero timer) comes before the
        next step. A step that fails does not keep the next from running (the failure is
        reported as any slot's is). Should the session end first, its operations go, and
        the steps left with them.
        """
        if not steps:
            return

        def next_step() -> None:
            step = steps.pop(0)
            try:
                step()
            finally:
                if steps:
                    QTimer.singleShot(0, self, next_step)

        QTimer.singleShot(0, self, next_step)

    def run_in_background(
        self,
        parent: QWidget | None,
        work: Callable[[Store, Callable[[int, int], None], Callable[[], bool]], T],
        changes: Change,
        *,
        title: str,
        say: Callable[[T], str] | None = None,
        done: Callable[[T | None], None] | None = None,
    ) -> None:
        """Long work off the UI thread with a progress bar and Cancel; announced when done.

        ``work(store, progress, cancelled)`` reports ``progress(done, total)`` (as often as
        it likes: the bar hears of it a few times a second) and stops (raising a
        ``CompanionError`` that says so, or returning early) when ``cancelled()``.

        Meanwhile, every ``FREEZE_EVERY_MS`` the UI thread moves every object made so far
        out of the young generations (``gc.freeze()``, which costs nothing): the cycle
        collector runs on the UI thread (``ui.gc_guard``), and a young collection there
        would otherwise walk everything the work made since the last one: reading
        10,000 people from a file makes a few hundred thousand objects a second, and
        one such collection stopped the window for about 300 ms. When the last
        background operation ends they stay frozen (``ui.gc_guard.after_long_work``):
        letting them go let go of everything the guard had frozen too, and the next idle
        full collection walked it all again.
        """
        from ui.widgets.progress import run_with_progress

        settled = self.hold_young_collections()

        def finished(result: T | None, error: BaseException | None) -> None:
            settled()
            if error is not None:
                if isinstance(error, CompanionError):
                    self.show_error(parent, error.message)
                else:  # a calm message in place, never silence and never a traceback
                    traceback.print_exception(error)
                    self.show_error(parent, unexpected_words())
                if done is not None:
                    done(None)
                return

            # Two steps, each in a turn of the event loop of its own, the window drawing and
            # hearing keys between them: first the status line and what the caller does next
            # (a dialog's last step: small), then the pages' redraw. All at once they kept
            # the window from running for 30-45 ms after a 10,000-person import (three
            # times that on a busy computer).
            def tell() -> None:
                if say is not None and result is not None:
                    self.said.emit(say(result), None)
                if done is not None:
                    done(result)

            self._in_turns([tell, lambda: self.announce(changes)])

        run_with_progress(
            parent, title, lambda p, c: work(self.store, every_so_often(p), c), finished
        )
