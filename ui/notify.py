"""Desktop notifications: the freedesktop service over D-Bus, the tray's balloon, or neither.

D-Bus is spoken with jeepney (pure Python, already there for the keyring on
Linux): Qt's own D-Bus binding cannot send Notify's unsigned and typed
arguments from Python. Whatever is available, the in-app banner always shows
the reminder too, so a person never depends on the desktop for it.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from companion.i18n import _

if TYPE_CHECKING:  # imported where used: the tray comes after the first paint
    from PySide6.QtWidgets import QSystemTrayIcon

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


class Notifier(QObject):
    """Shows a notification with Done and Snooze; reports which one was pressed."""

    action = Signal(str, str)  # our key for the reminder, and "done", "snooze" or "open"

    def __init__(self, tray: QSystemTrayIcon | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tray = tray
        self._ids: dict[int, str] = {}  # notification id -> our key
        self._early: dict[int, str] = {}  # pressed before its id was recorded (a race)
        self._lock = threading.Lock()
        self._connection: Any = None
        self._stop = threading.Event()
        self._method: str | None = None  # found on first use, so start-up doesn't wait for D-Bus

    @property
    def method(self) -> str:
        if self._method is None:
            self._method = self._connect()
        return self._method

    def _connect(self) -> str:
        listener = None
        try:
            self._connection = self._open_service()
            listener = self._open_listener() if self._connection is not None else None
        except Exception:  # no session bus, no service, no jeepney on this platform
            self._connection = listener = None
        if self._connection is not None and listener is not None:
            threading.Thread(
                target=self._listen, args=(listener,), name="notifications", daemon=True
            ).start()
            return "dbus"
        if self.tray is not None and type(self.tray).supportsMessages():
            return "tray"
        return "none"

    @staticmethod
    def _open_service() -> Any:
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection

        connection = open_dbus_connection(bus="SESSION")
        owned = connection.send_and_get_reply(message_bus.NameHasOwner(SERVICE), timeout=2)
        if not owned.body[0]:
            connection.close()
            return None
        return connection

    @staticmethod
    def _open_listener() -> Any:
        """A second connection that hears button presses; subscribed before anything is shown."""
        from jeepney import MatchRule
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection

        connection = open_dbus_connection(bus="SESSION")
        rule = MatchRule(type="signal", interface=SERVICE, member="ActionInvoked", path=PATH)
        connection.send_and_get_reply(message_bus.AddMatch(rule), timeout=2)
        return connection

    def _listen(self, connection: Any) -> None:
        with connection:
            while not self._stop.is_set():
                try:
                    message = connection.receive(timeout=1.0)
                except TimeoutError:
                    continue
                except Exception:
                    return
                if message.header.fields.get(3) != "ActionInvoked":  # member
                    continue
                notification_id, pressed = message.body
                with self._lock:
                    key = self._ids.pop(int(notification_id), None)
                    if key is None:  # the reply with its id may not have been read yet
                        self._early[int(notification_id)] = str(pressed)
                if key is not None:
                    self._emit(key, str(pressed))

    def _emit(self, key: str, pressed: str) -> None:
        self.action.emit(key, "open" if pressed == "default" else pressed)

    def close(self) -> None:
        self._stop.set()
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def show(self, key: str, title: str, body: str) -> str:
        """Notify; returns how ("dbus", "tray" or "none")."""
        if self.method == "dbus" and self._connection is not None:
            from jeepney import DBusAddress, new_method_call

            actions = ["done", _("Done"), "snooze", _("Snooze 10 minutes"), "default", _("Open")]
            address = DBusAddress(PATH, bus_name=SERVICE, interface=SERVICE)
            message = new_method_call(
                address,
                "Notify",
                "susssasa{sv}i",
                ("Companion", 0, "org.companion.Companion", title, body, actions, {}, -1),
            )
            try:
                reply = self._connection.send_and_get_reply(message, timeout=3)
            except Exception:
                reply = None  # the service went away: the banner still shows it
            if reply is not None:
                notification_id = int(reply.body[0])
                with self._lock:
                    pressed = self._early.pop(notification_id, None)
                    if pressed is None:
                        self._ids[notification_id] = key
                if pressed is not None:
                    self._emit(key, pressed)
                return "dbus"
        if self.tray is not None and type(self.tray).supportsMessages():
            from PySide6.QtWidgets import QSystemTrayIcon

            self.tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, 30_000)
            return "tray"
        return "none"

    def withdraw(self, key: str) -> None:
        """Take down a notification that no longer applies (answered elsewhere)."""
        with self._lock:
            ids = [n for n, k in self._ids.items() if k == key]
            for notification_id in ids:
                del self._ids[notification_id]
        if not ids or self._connection is None:
            return
        from jeepney import DBusAddress, new_method_call

        address = DBusAddress(PATH, bus_name=SERVICE, interface=SERVICE)
        for notification_id in ids:
            try:
                self._connection.send_and_get_reply(
                    new_method_call(address, "CloseNotification", "u", (notification_id,)),
                    timeout=2,
                )
            except Exception:
                pass  # already gone, or the service went away

    def showing_keys(self) -> set[str]:
        with self._lock:
            return set(self._ids.values())
