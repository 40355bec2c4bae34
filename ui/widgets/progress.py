"""Long work with a progress bar and Cancel, off the UI thread (imports, backups, exports).

Work that cannot stop half-way (a new key for the data) is started inside
``cannot_be_cancelled()``: its window offers no Cancel, and Escape or closing the window
does nothing, so nobody presses a button that only seems to work.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QProgressDialog, QWidget

from companion.i18n import _
from ui.background import cancellable, run_in_background

_cannot_stop: list[bool] = []  # one entry per ``cannot_be_cancelled()`` now open


@contextmanager
def cannot_be_cancelled() -> Iterator[None]:
    """Long work started inside this has a progress window without Cancel.

    For work that cannot stop once it has begun. A ``with`` around the call, because the
    window is opened inside it (``Operations.run_in_background`` calls ``run_with_progress``).
    """
    _cannot_stop.append(True)
    try:
        yield
    finally:
        _cannot_stop.pop()


def _nothing() -> None:
    pass


class _Relay(QObject):
    progressed = Signal(int, int)


class ProgressWindow(QProgressDialog):
    """The window long work shows; without Cancel when the work cannot stop."""

    def __init__(self, title: str, parent: QWidget | None, *, can_cancel: bool) -> None:
        words = title
        if not can_cancel:
            words += "\n\n" + _(
                "Please wait. This cannot be stopped part-way, so it finishes by itself."
            )
        super().__init__(words, _("Cancel"), 0, 0, parent)
        self.can_cancel = can_cancel
        self._ending = False
        if not can_cancel:
            self.setCancelButton(None)
            self.setWindowFlag(Qt.WindowType.CustomizeWindowHint, True)
            self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)

    def end(self) -> None:
        """The work is over: the window closes, whether it could be cancelled or not."""
        self._ending = True
        self.close()

    def reject(self) -> None:  # Escape
        if self.can_cancel or self._ending:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.can_cancel or self._ending:
            super().closeEvent(event)
        else:
            event.ignore()


def run_with_progress(
    parent: QWidget | None,
    title: str,
    work: Callable[[Callable[[int, int], None], Callable[[], bool]], Any],
    finished: Callable[[Any, BaseException | None], None],
    *,
    can_cancel: bool | None = None,
) -> QProgressDialog:
    """Run ``work(progress, cancelled)`` in the background; the dialog follows its progress.

    ``can_cancel`` (by default: unless inside ``cannot_be_cancelled()``) offers Cancel, and
    locking or quitting presses it too; without it, ``cancelled()`` is never true.
    """
    if can_cancel is None:
        can_cancel = not _cannot_stop
    cancel = threading.Event()
    relay = _Relay()
    dialog = ProgressWindow(title, parent, can_cancel=can_cancel)
    dialog.setWindowTitle(title)
    dialog.setAccessibleName(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)  # quick work never flashes a dialog
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    forget = _nothing
    if can_cancel:
        dialog.canceled.connect(cancel.set)
        forget = cancellable(cancel)  # locking or quitting presses Cancel too

    def show_progress(done: int, total: int) -> None:
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    relay.progressed.connect(show_progress)

    def end(result: Any, error: BaseException | None) -> None:
        forget()
        relay.deleteLater()
        dialog.end()
        dialog.deleteLater()
        finished(result, error)

    run_in_background(
        lambda: work(relay.progressed.emit, cancel.is_set),
        lambda result: end(result, None),
        lambda error: end(None, error),
    )
    return dialog
