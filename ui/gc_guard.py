"""Python's cycle collector runs only on the UI thread, and never in the person's way.

Left to itself, the collector runs in whichever thread happens to allocate when it triggers.
When that is a background job (an import, a backup) and the garbage holds Qt objects (rows a
page just rebuilt, a closed progress dialog), PySide deletes them on the wrong thread and the
app can crash; a long collection there also holds the GIL and stalls the window. So, as Anki
does, automatic collection is off and the UI thread collects: the young generations often
(cheap), everything now and then and whenever a session ends. Reference counting still frees
almost everything at once; only cycles wait for these collections.

A full collection walks every object Python tracks: with a large profile open (20,000 people
in the People list) that is 100,000-140,000 objects and 30-56 ms of the UI thread's
processor time, twice that in wall time on a busy computer (``bench/idle_stall.py``). Two things keep that out of the
person's way:

- **Frozen survivors** (as Instagram does for its servers): after each full collection,
  whatever survived it is moved out of the collector's sight (``gc.freeze()``). The next full
  collection walks only what was made since: well under a millisecond when little changed. The price: a
  cycle among frozen objects that later becomes garbage (a page taken apart, say) is not
  freed until they are let go again (``gc.unfreeze()``), which happens when a session ends
  or locks (``collect()``) and about every ``DEEP_EVERY_MS`` while the app stays open.
  Reference counting still frees everything that is not in a cycle at once.
- **Long work leaves them frozen.** While work runs off the UI thread, ``ui.ops`` freezes
  what is made every 50 ms (``Operations.hold_young_collections``). It used to let
  everything go when the work ended, this guard's frozen objects included, so the next idle
  full collection walked them all again (60-80 ms with a large profile). Now what the work
  made is frozen too (``after_long_work``): its cycles, if any, wait for the next deep walk
  like any frozen ones. (Nothing is counted there: ``gc.get_freeze_count()`` walks the whole
  frozen list, ~1 ms with a large profile.)
- **Only when the person is not using the app**: the periodic full collection waits until
  there has been no key press, click or mouse movement in its windows for ``IDLE_SECONDS``, so
  it never falls while someone is typing, even when it has to walk everything again.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication, QWindow

YOUNG_EVERY_MS = 2_000
FULL_EVERY_MS = 120_000
DEEP_EVERY_MS = 30 * 60_000  # let the frozen objects go and walk them all, this often at most
IDLE_SECONDS = 10.0
_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class _InputWatcher(QObject):
    """When the person last pressed a key, clicked or moved the mouse in the app.

    It watches the app's windows themselves (each ``QWindow``, which receives the keyboard and
    mouse before Qt passes them to a widget inside), never the whole app: a Python filter on
    the whole app is called for every event of every widget, which made building a page about
    half as fast again (bench/README.md, start-up). The window with the keyboard is watched
    whenever it changes, so dialogs count too.
    """

    def __init__(self, qapp: QGuiApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.last_input = time.monotonic()
        qapp.focusWindowChanged.connect(self.watch)
        self.watch(qapp.focusWindow())
        for window in qapp.topLevelWindows():
            if window.isVisible():
                self.watch(window)

    def watch(self, window: QWindow | None) -> None:
        if window is not None:
            window.installEventFilter(self)  # once: installing it again only moves it

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _INPUT:
            self.last_input = time.monotonic()
        return False


def after_long_work() -> None:
    """Work off the UI thread has ended: keep frozen what was frozen while it ran.

    With the guard in charge (automatic collection off) everything stays frozen, the guard's
    own objects included: Python cannot let go of a part of what is frozen, and letting go
    of the work's objects let go of the guard's too (see the module). Without a guard
    (automatic collection on: a script, a test) nothing should stay frozen where no one
    walks it, so all is let go.
    """
    if gc.isenabled() or _guard is None:
        gc.unfreeze()
        return
    gc.freeze()  # what was made since ui.ops' last tick


_guard: CollectOnUiThread | None = None  # the one in charge, while it is


class CollectOnUiThread(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        global _guard
        _guard = self
        # What exists now (modules, the app) lives as long as the app: frozen, not walked
        # (a full collection here cost ~8 ms of start-up; bench/README.md).
        gc.disable()
        gc.freeze()
        self.young = QTimer(self)
        self.young.setInterval(YOUNG_EVERY_MS)
        self.young.timeout.connect(lambda: gc.collect(1))
        self.young.start()
        self.full = QTimer(self)
        self.full.setSingleShot(True)
        self.full.setInterval(FULL_EVERY_MS)
        self.full.timeout.connect(self._when_idle)
        self.full.start()
        self.watcher: _InputWatcher | None = None  # made when the first full collection is due
        self.last_deep = time.monotonic()

    def idle_seconds(self) -> float:
        """Seconds since the last key press, click or mouse movement (0 before it is known)."""
        return 0.0 if self.watcher is None else time.monotonic() - self.watcher.last_input

    def _when_idle(self) -> None:
        """The full collection is due: make it now if the person is away, else wait for that.

        The input watcher is made only now, not at start-up, and the first check waits
        ``IDLE_SECONDS`` after it."""
        if self.watcher is None:
            qapp = QGuiApplication.instance()
            if isinstance(qapp, QGuiApplication):
                self.watcher = _InputWatcher(qapp, self)
        waited = self.idle_seconds()
        if waited < IDLE_SECONDS:
            self.full.start(int((IDLE_SECONDS - waited) * 1000) + 100)
            return
        if (time.monotonic() - self.last_deep) * 1000 >= DEEP_EVERY_MS:
            self.collect()
        else:
            self.collect_new()
        self.full.start(FULL_EVERY_MS)

    def collect_new(self) -> None:
        """A full collection of what is not frozen; then what survived is frozen too."""
        gc.collect()
        gc.freeze()

    def settle(self) -> None:
        """Once a session is built: collect, and freeze what is left (see the module)."""
        self.collect_new()

    def collect(self) -> None:
        """Everything, frozen or not (a session ending or locking); then freeze what is left."""
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self.last_deep = time.monotonic()

    def stop(self) -> None:
        """Back to Python's own collection (tests, and when the app quits)."""
        self.young.stop()
        self.full.stop()
        if self.watcher is not None:
            self.watcher.deleteLater()  # its filters go with it
            self.watcher = None
        global _guard
        if _guard is self:
            _guard = None
        gc.unfreeze()
        gc.enable()
