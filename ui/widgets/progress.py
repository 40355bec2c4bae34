"""Long work with a progress bar and Cancel, off the UI thread (imports, backups, exports)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from companion.i18n import _
from ui.background import cancellable, run_in_background


class _Relay(QObject):
    progressed = Signal(int, int)


def run_with_progress(
    parent: QWidget | None,
    title: str,
    work: Callable[[Callable[[int, int], None], Callable[[], bool]], Any],
    finished: Callable[[Any, BaseException | None], None],
) -> QProgressDialog:
    """Run ``work(progress, cancelled)`` in the background; the dialog follows its progress."""
    cancel = threading.Event()
    relay = _Relay()
    dialog = QProgressDialog(title, _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setAccessibleName(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)  # quick work never flashes a dialog
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
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
        dialog.close()
        dialog.deleteLater()
        finished(result, error)

    run_in_background(
        lambda: work(relay.progressed.emit, cancel.is_set),
        lambda result: end(result, None),
        lambda error: end(None, error),
    )
    return dialog
