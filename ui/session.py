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

from companion import reminders
from companion.profile import Unlocked
from companion.settings import Settings
from companion.store import Store
from ui.context import AppContext
from ui.ops import Change, Operations

if TYPE_CHECKING:
    from ui.reminder_controller import ReminderController


class UiSession(QObject):
    closed = Signal()

    def __init__(
        self,
        context: AppContext,
        unlocked: Unlocked,
        zone: Callable[[], tzinfo] = reminders.local_zone,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.unlocked = unlocked
        self.store: Store = unlocked.store
        self.zone = zone
        self.ops = Operations(self.store, self)
        self.reminders: ReminderController | None = None
        self.is_open = True
        context.setting_changed.connect(self._setting_changed)

    @property
    def settings(self) -> Settings:
        return self.context.settings

    def now(self) -> datetime:
        return self.context.now()

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
