"""The open profile as the pages see it, with signals for what changes app-wide."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Signal

from companion.profile import Profile, Unlocked
from companion.settings import Settings


def local_now() -> datetime:
    return datetime.now().astimezone()


class AppContext(QObject):
    """Shared by the window and its pages. Core calls get ``now`` from here."""

    language_changed = Signal(str)
    setting_changed = Signal(str, object)
    locked_changed = Signal(bool)
    show_recovery_code = Signal()
    lock_requested = Signal()  # "Lock now" in Settings: the app closes the data
    show_page = Signal(str, str)  # page key, and what to show there ("overdue", …)
    data_changed = Signal(str)  # which part changed ("people", …), so pages reload

    def __init__(
        self,
        profile: Profile,
        unlocked: Unlocked | None,
        now: Callable[[], datetime] = local_now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.profile = profile
        self.unlocked = unlocked
        self.now = now
        self.settings: Settings = profile.settings(unlocked.store if unlocked else None)
        self.settings.on_change(self._emit_setting)
        # Today's first screen worked out beside Qt's start (``CompanionApp.start``), if any.
        self.made_at_start: Callable[[], bytes | None] | None = None

    def take_made_at_start(self) -> bytes | None:
        """What the start worked out for Today's first screen, if it has by now: once."""
        take, self.made_at_start = self.made_at_start, None
        return take() if take is not None else None

    def _emit_setting(self, key: str, value: Any) -> None:
        self.setting_changed.emit(key, value)

    def set_unlocked(self, unlocked: Unlocked | None) -> None:
        self.unlocked = unlocked
        self.settings.store = unlocked.store if unlocked else None
        self.locked_changed.emit(unlocked is None)

    @property
    def locked(self) -> bool:
        return self.unlocked is None
