"""Desktop notifications: the freedesktop service over D-Bus, the tray's balloon, or neither.

Whatever is available, the in-app banner always shows the reminder too, so a
person never depends on the desktop for it.
"""

from __future__ import annotations

from PySide6.QtCore import SLOT, QObject, Signal, Slot
from PySide6.QtWidgets import QSystemTrayIcon

from companion.i18n import _

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


class Notifier(QObject):
    """Shows a notification with Done and Snooze; reports which one was pressed."""

    action = Signal(str, str)  # our key for the reminder, and "done", "snooze" or "open"

    def __init__(self, tray: QSystemTrayIcon | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tray = tray
        self._ids: dict[int, str] = {}
        self._bus = None
        self.method = "none"
        try:
            from PySide6.QtDBus import QDBusConnection, QDBusInterface

            bus = QDBusConnection.sessionBus()
            if bus.isConnected():
                interface = QDBusInterface(SERVICE, PATH, SERVICE, bus)
                if interface.isValid():
                    self._interface = interface
                    self._bus = bus
                    bus.connect(
                        SERVICE,
                        PATH,
                        SERVICE,
                        "ActionInvoked",
                        self,
                        SLOT("_invoked(uint,QString)"),
                    )
                    self.method = "dbus"
        except Exception:  # no QtDBus on this platform: fall back below
            self._bus = None
        if self._bus is None and tray is not None and QSystemTrayIcon.supportsMessages():
            self.method = "tray"

    def show(self, key: str, title: str, body: str) -> str:
        """Notify; returns how ("dbus", "tray" or "none")."""
        if self.method == "dbus":
            actions = ["done", _("Done"), "snooze", _("Snooze 10 minutes"), "default", _("Open")]
            reply = self._interface.call(
                "Notify", "Companion", 0, "org.companion.Companion", title, body, actions, {}, -1
            )
            arguments = reply.arguments() if reply is not None else []
            if arguments:
                try:
                    self._ids[int(arguments[0])] = key
                except (TypeError, ValueError):
                    pass
            return "dbus"
        if self.method == "tray" and self.tray is not None:
            self.tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, 30_000)
            return "tray"
        return "none"

    @Slot("uint", str)
    def _invoked(self, notification_id: int, action: str) -> None:
        key = self._ids.pop(int(notification_id), None)
        if key is not None:
            self.action.emit(key, "open" if action == "default" else action)
