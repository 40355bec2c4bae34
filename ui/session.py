"""A UI session: everything that shows the data, built when it is unlocked, gone at lock.

Pages, the operations hub, the reminder controller (scheduler, banner state,
notifications) belong to one session. Locking (and, later, restoring a backup
or deleting everything) closes the session: its pages are removed and deleted,
its timers stopped, its notifications withdrawn. No page ever asks "am I
locked?": a page only exists while its data is open.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from companion.profile import Unlocked
from companion.settings import Settings
from companion.store import Store
from ui.context import AppContext
from ui.ops import Change, Operations

if TYPE_CHECKING:
    from ui.reminder_controller import ReminderController


def _local_zone() -> tzinfo:
    from companion import reminders  # not before the first paint: nothing reads one then

    return reminders.local_zone()


class UiSession(QObject):
    closed = Signal()
    released = Signal()  # the hold on the data ended (``hold``), with this session still open

    def __init__(
        self,
        context: AppContext,
        unlocked: Unlocked,
        zone: Callable[[], tzinfo] | None = None,  # None: the computer's (reminders.local_zone)
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.unlocked = unlocked
        self.store: Store = unlocked.store
        self.zone = zone or _local_zone
        self.ops = Operations(self.store, self)
        self.reminders: ReminderController | None = None
        self.is_open = True
        self.held = False
        context.setting_changed.connect(self._setting_changed)

    @property
    def settings(self) -> Settings:
        return self.context.settings

    def now(self) -> datetime:
        return self.context.now()

    @property
    def readable(self) -> bool:
        """May the window read the data now? Not once the session closed, and not while
        work on another thread may close the data under it (a new key, a restore)."""
        return self.is_open and not self.held and not self.store.closed

    def hold(self) -> None:
        """Work on another thread may close the data from now on: nothing reads it."""
        self.held = True

    def release(self) -> None:
        """That work has ended: what waited for the data (``released``) may read it."""
        if self.held:
            self.held = False
            if self.is_open:
                self.released.emit()

    def when_readable(self, work: Callable[[], None]) -> None:
        """Run ``work`` now if the data may be read; else once the hold ends, if this
        session is still open then (a session closed meanwhile never runs it)."""
        if self.readable:
            work()
        elif self.is_open and self.held:

            def once() -> None:
                self.released.disconnect(once)
                if self.readable:
                    work()

            self.released.connect(once)

    def _setting_changed(self, key: str, _value: Any) -> None:
        if self.is_open:
            self.ops.announce(Change.SETTINGS, key)

    def close(self) -> None:
        """Stop everything this session runs; the window removes its pages."""
        if not self.is_open:
            return
        self.is_open = False
        try:
            self.context.setting_changed.disconnect(self._setting_changed)
        except (RuntimeError, TypeError):
            pass
        if self.reminders is not None:
            self.reminders.close()
            self.reminders.deleteLater()
            self.reminders = None
        self.closed.emit()
        self.ops.deleteLater()
        self.deleteLater()
