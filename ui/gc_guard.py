"""Python's cycle collector runs only on the UI thread.

Left to itself, the collector runs in whichever thread happens to allocate when it triggers.
When that is a background job (an import, a backup) and the garbage holds Qt objects (rows a
page just rebuilt, a closed progress dialog), PySide deletes them on the wrong thread and the
app can crash; a long collection there also holds the GIL and stalls the window. So, as Anki
does, automatic collection is off and the UI thread collects: the young generations often
(cheap), everything now and then and whenever a session ends. Reference counting still frees
almost everything at once; only cycles wait for these collections.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

YOUNG_EVERY_MS = 2_000
FULL_EVERY_MS = 120_000


class CollectOnUiThread(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gc.collect()
        gc.disable()
        self.young = QTimer(self)
        self.young.setInterval(YOUNG_EVERY_MS)
        self.young.timeout.connect(lambda: gc.collect(1))
        self.young.start()
        self.full = QTimer(self)
        self.full.setInterval(FULL_EVERY_MS)
        self.full.timeout.connect(self.collect)
        self.full.start()

    @staticmethod
    def collect() -> None:
        gc.collect()

    def stop(self) -> None:
        """Back to Python's own collection (tests, and when the app quits)."""
        self.young.stop()
        self.full.stop()
        gc.enable()
