"""One timer for every reminder, and a heartbeat that notices sleep and time-zone changes.

The timer waits for the next cached fire time (one indexed query, however many
reminders there are). The heartbeat runs every 30 seconds: if the wall clock
jumped ahead of the monotonic clock, the computer slept (or its clock was
changed), and whatever fell due meanwhile is listed once as "while you were
away" rather than fired as a burst.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from companion import keep_in_touch
from ui.background import run_in_background
from ui.context import AppContext

if TYPE_CHECKING:
    from companion.reminders import Due

HEARTBEAT_MS = 30_000
SLEPT_AFTER = timedelta(seconds=90)
MAX_WAIT_MS = 6 * 60 * 60 * 1000  # re-check at least every six hours


def _reminders() -> ModuleType:
    """``companion.reminders``, imported when the scheduler first reads or answers a reminder:
    it starts just after the window's first paint, which needs none of its records."""
    from companion import reminders

    return reminders


def due_key(item: Due) -> str:
    return f"{item.reminder.id}@{item.occurrence.isoformat()}{'+snoozed' if item.snoozed else ''}"


class ReminderScheduler(QObject):
    fired = Signal(list)  # [Due] due now: notify and show in the banner
    missed = Signal(list)  # [Due] fell due while the app was closed or asleep
    nudged = Signal(list)  # [(person id, name, due date)] keep-in-touch dates reached
    changed = Signal()  # reminders changed: pages reload

    def __init__(
        self,
        context: AppContext,
        zone: Callable[[], tzinfo],  # the session's (``UiSession.zone``)
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.zone = zone
        self.showing: dict[str, Due] = {}
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check)
        self.heartbeat = QTimer(self)
        self.heartbeat.setInterval(HEARTBEAT_MS)
        self.heartbeat.timeout.connect(self._beat)
        self._last_wall = context.now()
        self._last_mono = time.monotonic()
        self._zone_name = self._zone_signature()
        self._stopped = False

    @property
    def store(self):  # type: ignore[no-untyped-def]
        unlocked = self.context.unlocked
        return unlocked.store if unlocked is not None and not unlocked.store.closed else None

    def start(self) -> None:
        """At start-up: what fell due while closed is listed once; then wait for the next."""
        if self._stopped or self.store is None:  # queued, then a lock, restore or new key came
            return
        self.check(catching_up=True)
        self.heartbeat.start()

    def stop(self) -> None:
        self._stopped = True  # a start still queued from before does nothing
        self.timer.stop()
        self.heartbeat.stop()

    # checking --------------------------------------------------------------------------

    def check(self, catching_up: bool = False) -> None:
        store = self.store
        if store is None:
            return
        now = self.context.now()
        zone = self.zone()
        found = [d for d in _reminders().due(store, now, zone) if due_key(d) not in self.showing]
        fresh, late = _reminders().split_late(found, now) if catching_up else (found, [])
        for item in fresh:
            self.showing[due_key(item)] = item
        if late:
            self.missed.emit(late)
        if fresh:
            self.fired.emit(fresh)
        self._nudge(now)
        self.arm()

    def _nudge(self, now: datetime) -> None:
        store = self.store
        if store is None:
            return
        people = keep_in_touch.people_to_nudge(store, now.date())
        if people:
            keep_in_touch.mark_all_nudged(
                store, ((person_id, due) for person_id, _name, due in people)
            )
            self.nudged.emit(people)

    def arm(self) -> None:
        """Wait for the next reminder, whichever it is: one timer, however many there are."""
        store = self.store
        if store is None:
            self.timer.stop()
            return
        now = self.context.now()
        upcoming = _reminders().next_fire_time(store, now)
        if upcoming is None:
            wait = MAX_WAIT_MS
        else:
            wait = int(min(max((upcoming - now).total_seconds() * 1000, 0) + 500, MAX_WAIT_MS))
        self.timer.start(wait)

    def next_wait_ms(self) -> int:
        return self.timer.remainingTime()

    def _beat(self) -> None:
        now = self.context.now()
        mono = time.monotonic()
        wall_step = now - self._last_wall
        mono_step = timedelta(seconds=mono - self._last_mono)
        self._last_wall, self._last_mono = now, mono
        signature = self._zone_signature()
        if signature != self._zone_name:
            self._zone_name = signature
            self._time_zone_changed()
            return
        if wall_step - mono_step > SLEPT_AFTER:
            self.check(catching_up=True)  # woke from sleep
        elif now.date() != (now - wall_step).date():
            self._nudge(now)  # a new day: keep-in-touch dates may have come

    @staticmethod
    def _zone_signature() -> str:
        time.tzset() if hasattr(time, "tzset") else None
        return f"{time.tzname}{time.timezone}{time.altzone}"

    def _time_zone_changed(self) -> None:
        """Every reminder keeps its wall-clock time in the new zone: recompute off the UI thread."""
        store = self.store
        if store is None:
            return
        zone = self.zone()

        def done(_count: object) -> None:
            self.changed.emit()
            self.check()

        reminders = _reminders()  # imported here, never on the worker thread
        run_in_background(lambda: reminders.recompute_all(store, zone), done, lambda _e: self.arm())

    # answering -------------------------------------------------------------------------------

    def done(self, item: Due) -> None:
        store = self.store
        if store is None:
            return
        _reminders().done(store, item, self.context.now(), self.zone())
        self.showing.pop(due_key(item), None)
        self.changed.emit()
        self.arm()

    def snooze(self, item: Due, until: datetime) -> None:
        store = self.store
        if store is None:
            return
        _reminders().snooze(store, item, until, self.zone())
        self.showing.pop(due_key(item), None)
        self.changed.emit()
        self.arm()

    def seen(self, items: list[Due]) -> None:
        """The person has read the "while you were away" list: those times are settled."""
        store = self.store
        if store is None:
            return
        zone = self.zone()
        now_wall = _reminders().wall_clock(self.context.now(), zone)
        for item in items:
            _reminders().handled(store, item.reminder.id, max(item.occurrence, now_wall), zone)
        self.changed.emit()
        self.arm()
