"""What is showing about reminders, in one place: the scheduler, the banner, notifications.

The controller owns the one list of reminders and keep-in-touch suggestions
that are showing. The banner and the desktop notifications draw that list; an
answer from any of them goes through ``ui.actions``; and when an operation
changes reminders or people (from any page), the list is checked again, so a
reminder answered elsewhere leaves the banner and its notification is
withdrawn.
"""

from __future__ import annotations

from datetime import timedelta
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from companion import keep_in_touch
from companion.i18n import _
from ui.notify import Notifier
from ui.ops import Change, Changes
from ui.scheduler import ReminderScheduler, due_key
from ui.widgets.reminder_banner import ReminderBanner

if TYPE_CHECKING:
    from PySide6.QtWidgets import QSystemTrayIcon

    from companion.reminders import Due
    from ui.session import UiSession


def _actions() -> ModuleType:
    """``ui.actions``, imported when the first answer is given, not at start-up (it brings
    helplines and the import code, which the first paint does not need)."""
    from ui import actions

    return actions


def nudge_key(person_id: int) -> str:
    return f"person-{person_id}"


class ReminderController(QObject):
    open_page = Signal(str, str)  # page key, route
    bring_forward = Signal()

    def __init__(
        self,
        session: UiSession,
        banner: ReminderBanner,
        tray: QSystemTrayIcon | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.banner = banner
        self.scheduler = ReminderScheduler(session.context, session.zone, parent=self)
        self.notifier = Notifier(tray, self)
        self.showing: dict[str, Due] = self.scheduler.showing  # the one list
        self.nudges: dict[int, str] = {}  # people whose notification is showing
        # The keep-in-touch line: whom Today's people card lists, in its order, and how many
        # it counts in all, read from the data (keep_in_touch.keep_in_touch_line) when people
        # change or the day turns.
        self.keep_in_touch = keep_in_touch.KeepInTouch({})
        self._line_day: object = None
        self.while_away: QObject | None = None

        self.scheduler.fired.connect(self._fired)
        self.scheduler.missed.connect(self._missed)
        self.scheduler.nudged.connect(self._nudged)
        self.scheduler.changed.connect(
            lambda: session.ops.announce(Change.REMINDERS, self.scheduler)
        )
        banner.done.connect(lambda item: _actions().reminder_done(session, banner, item, banner))
        banner.snoozed.connect(
            lambda item, until: _actions().reminder_snooze(session, banner, item, until, banner)
        )
        banner.opened.connect(lambda: self.open_page.emit("reminders", ""))
        banner.see_people.connect(lambda: self.open_page.emit("today", ""))
        self.notifier.action.connect(self._from_notification)
        session.ops.executed.connect(self.on_changes)
        self._draw()

    def start(self, run: bool = True) -> None:
        if run:
            QTimer.singleShot(0, self.scheduler.start)  # after the first paint

    def close(self) -> None:
        """At lock: stop every timer, take down notifications, empty the banner."""
        self.scheduler.stop()
        for key in list(self.showing) + [nudge_key(p) for p in self.nudges]:
            self.notifier.withdraw(key)
        self.notifier.close()
        self.showing.clear()
        self.nudges.clear()
        self.keep_in_touch = keep_in_touch.KeepInTouch({})
        self._line_day = None
        self.banner.show_state({}, {})
        if self.while_away is not None:
            self.while_away.deleteLater()  # type: ignore[attr-defined]
            self.while_away = None

    # what the scheduler found ------------------------------------------------------------

    def _on_the_desktop(self) -> bool:
        """Whether reminders and nudges also go to the desktop (Settings); the window's own
        line at its top shows them either way."""
        return bool(self.session.settings.get("desktop_notifications"))

    def _fired(self, items: list[Due]) -> None:
        for item in items:
            if self._on_the_desktop():
                self.notifier.show(due_key(item), _("Companion"), item.reminder.title)
        self._draw()
        # What is "later today" and "coming up" moved on with the clock: the pages redraw
        # (Today still listed a reminder under "Later today" once it had come up).
        self.session.ops.announce(Change.REMINDERS, self.scheduler)

    def _nudged(self, people: list[tuple[int, str, object]]) -> None:
        for person_id, name, _due in people:
            self.nudges[person_id] = name
            if self._on_the_desktop():
                self.notifier.show(
                    nudge_key(person_id),
                    _("Companion"),
                    _("It's a good day to get in touch with {name}.").format(name=name),
                )
        self._read_line()
        self._draw()

    def _missed(self, items: list[Due]) -> None:
        from ui.dialogs.while_away import WhileAwayDialog

        window = self.banner.window()
        dialog = WhileAwayDialog(items, self.session.now(), window)
        dialog.finished.connect(lambda _result: _actions().seen_while_away(self.session, items))
        self.while_away = dialog  # kept alive while it waits for the person
        dialog.open()  # not exec(): nothing else waits for it

    def _from_notification(self, key: str, action: str) -> None:
        if key.startswith("person-"):
            person_id = int(key.removeprefix("person-"))
            if action == "done":
                _actions().log_contact(self.session, None, person_id, source=self.notifier)
            else:
                self.bring_forward.emit()
                self.open_page.emit("today", "")
            return
        item = self.showing.get(key)
        if item is None:
            return
        if action == "done":
            _actions().reminder_done(self.session, None, item, self.notifier)
        elif action == "snooze":
            until = self.session.now() + timedelta(minutes=10)
            _actions().reminder_snooze(self.session, None, item, until, self.notifier)
        else:
            self.bring_forward.emit()
            self.open_page.emit("reminders", "")

    # keeping the one list true -------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        store = self.session.store
        if store.closed:
            return
        if changes.touches(Change.REMINDERS):
            from companion import reminders  # a reminder changed: its module is there by now

            due_now = {
                due_key(d) for d in reminders.due(store, self.session.now(), self.session.zone())
            }
            for key in [k for k in self.showing if k not in due_now]:
                del self.showing[key]
                self.notifier.withdraw(key)
            if changes.source is not self.scheduler:
                self.scheduler.arm()
        if changes.touches(Change.PEOPLE | Change.CONTACTS):
            if self.nudges:
                from companion import contacts  # not at start: the first frame needs none

                still = contacts.still_due(store, self.session.now().date(), self.nudges)
                for person_id in [p for p in self.nudges if p not in still]:
                    del self.nudges[person_id]
                    self.notifier.withdraw(nudge_key(person_id))
            self._read_line()  # an Undo brings a person back to it: they are due again
        if changes.touches(Change.SETTINGS) and not self._on_the_desktop():
            for key in self.notifier.showing_keys():  # turned off: none left on the desktop
                self.notifier.withdraw(key)
        self._draw()

    def _read_line(self) -> None:
        store = self.session.store
        today = self.session.now().date()
        self._line_day = today
        if store.closed:
            self.keep_in_touch = keep_in_touch.KeepInTouch({})
            return
        # The banner names the first and counts them all: those Today lists, and how many its
        # "See N more" counts (only counted: on a long list their ids took ~3 ms at start).
        self.keep_in_touch = keep_in_touch.keep_in_touch_line(store, today, with_ids=False)

    def _draw(self) -> None:
        if self._line_day != self.session.now().date():
            self._read_line()  # at start, and when the day turns: others may be due now
        line = self.keep_in_touch
        self.banner.show_state(self.showing, line.listed, line.count)
