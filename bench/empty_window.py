"""The baseline: an empty PySide6 main window, started and painted the way Companion is.

Run as ``python bench/empty_window.py``: it prints ``COMPANION_PAINTED <monotonic
time>`` once its first frame is drawn, exactly as ui/launch.py does for Today
when COMPANION_BENCH_MARK is set, and quits.
"""

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("Hello"))


def report() -> None:
    sys.stdout.write(f"COMPANION_PAINTED {time.monotonic()}\n")
    sys.stdout.flush()
    app.quit()


class Painted(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, report)  # once the whole frame is drawn
        return False


watcher = Painted(app)
window.centralWidget().installEventFilter(watcher)
window.show()
sys.exit(app.exec())
