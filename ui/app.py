"""The application: theme, language, one copy per profile, tray, locking, and start-up.

``CompanionApp.start()`` decides what the person sees first: setup for a new
profile, the unlock dialog for a passphrase (or a lost keyring key), or the
Today page straight away when the keyring opens the data.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, Qt, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

from companion import i18n
from companion.early import EarlyResult
from companion.errors import CompanionError, KeyNotInKeyring, KeyringUnavailable
from companion.i18n import _
from companion.profile import ENV_PASSPHRASE, Profile, ProfileState, Unlocked
from ui import theme
from ui.context import AppContext
from ui.widgets.common import icon, show_error

if TYPE_CHECKING:  # imported where used, after the first paint (see ui.widgets.common)
    from PySide6.QtWidgets import QSystemTrayIcon

ACTIVATE_MESSAGE = b"activate\n"


def ask_running_copy_to_show(profile: Profile, timeout_ms: int = 3000) -> bool:
    """Tell the copy that holds this profile to bring its window forward."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    deadline = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < deadline:
        socket.connectToServer(profile.instance_id())
        if socket.waitForConnected(250):
            socket.write(ACTIVATE_MESSAGE)
            socket.waitForBytesWritten(1000)
            socket.disconnectFromServer()
            return True
        QThreadSleep = time.sleep  # the other copy may still be starting
        QThreadSleep(0.1)
    return False


class IdleWatcher(QObject):
    """Notices keyboard and mouse use anywhere in the app, for the auto-lock.

    Installed only while auto-lock is on, so it costs nothing otherwise.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.last_input = time.monotonic()
        self._input = frozenset(
            {
                QEvent.Type.KeyPress,
                QEvent.Type.MouseButtonPress,
                QEvent.Type.MouseMove,
                QEvent.Type.Wheel,
                QEvent.Type.TouchBegin,
            }
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in self._input:
            self.last_input = time.monotonic()
        return False

    def idle_seconds(self) -> float:
        return time.monotonic() - self.last_input


class AfterFirstPaint(QObject):
    """Runs work once the app has painted (the person sees the window), at most once.

    A zero-time timer is not enough: Qt runs it before the window's first paint. So the
    first paint event of ``watched`` (the main window), or anywhere in the app when none is
    given, is waited for, and the work runs just after that frame; should nothing paint (a
    minimised start), it runs after ``latest_ms``.

    Watch the window where there is one. A Python event filter on the whole app is called
    for every event of every widget, and while one is installed, the first event of one of
    Qt's own private widgets (a scroll area's scroll-bar holder) makes PySide create every
    class and enum of QtCore, QtGui and QtWidgets at once to find its type: both cost
    processor time before the first frame.
    """

    def __init__(
        self,
        owner: QObject,
        app: QApplication,
        work: Callable[[], None],
        latest_ms: int = 2000,
        watched: QObject | None = None,
    ) -> None:
        super().__init__(owner)  # gone with its owner: then nothing runs
        self._watched: QObject = watched if watched is not None else app
        self._work: Callable[[], None] | None = work
        self._watched.installEventFilter(self)
        QTimer.singleShot(latest_ms, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and self._work is not None:
            self._watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._soon)  # once the whole frame is drawn
        return False

    def _soon(self) -> None:
        QTimer.singleShot(0, self, self._run)  # what else waited for this frame goes first

    def _run(self) -> None:
        work, self._work = self._work, None
        if isValid(self._watched):
            self._watched.removeEventFilter(self)
        if work is not None:
            work()


class CompanionApp(QObject):
    def __init__(self, qapp: QApplication, profile: Profile) -> None:
        super().__init__()
        self.qapp = qapp
        self.profile = profile
        self.context: AppContext | None = None
        self.window: QWidget | None = None
        self.tray: QSystemTrayIcon | None = None
        self.server: Any = None  # QLocalServer, imported when started
        self._qt_translator: QTranslator | None = None
        self._session_key: bytes | None = None
        self.idle: IdleWatcher | None = None
        self.session: Any = None  # UiSession while the data is open
        self._start_reminders = True
        self.auto_backups = True  # a daily backup after the first paint (tests turn it off)
        self.lock_timer = QTimer(self)
        self.lock_timer.setInterval(15_000)
        self.lock_timer.timeout.connect(self._check_idle)
        from ui.gc_guard import CollectOnUiThread

        self.gc = CollectOnUiThread(self)  # never collect Qt objects on a worker thread
        prefs = profile.preferences
        i18n.set_region(str(prefs.get("country") or ""))
        self.set_language(prefs.get("language"))
        self.apply_theme()

    # appearance (also used live by the setup dialog) -------------------------------

    def set_language(self, code: str) -> None:
        code = i18n.set_language(code)
        if self._qt_translator is not None:
            self.qapp.removeTranslator(self._qt_translator)
            self._qt_translator = None
        translator = QTranslator(self.qapp)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if code != i18n.SOURCE_LANGUAGE and translator.load(f"qtbase_{code}", folder):
            self.qapp.installTranslator(translator)
            self._qt_translator = translator
        QLocale.setDefault(QLocale(code))
        self.qapp.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if i18n.is_rtl(code) else Qt.LayoutDirection.LeftToRight
        )
        if self.context is not None:
            self.context.language_changed.emit(code)
        self._retranslate_tray()

    def set_text_scale(self, percent: int) -> None:
        self.apply_theme(scale=percent)

    def set_high_contrast(self, on: bool) -> None:
        self.apply_theme(high_contrast=on)

    def apply_theme(self, scale: int | None = None, high_contrast: bool | None = None) -> None:
        prefs = self.profile.preferences
        theme.apply(
            self.qapp,
            scale_percent=int(scale if scale is not None else prefs.get("text_scale")),
            high_contrast=bool(
                high_contrast if high_contrast is not None else prefs.get("high_contrast")
            ),
        )

    def _setting_changed(self, key: str, value: object) -> None:
        if key == "language":
            self.set_language(str(value))
        elif key == "country":
            # The clock follows the country: 19:30 in Britain, 7:30 PM in the US.
            i18n.set_region(str(value or ""))
            if self.context is not None:
                self.context.language_changed.emit(i18n.current_language())
        elif key in ("text_scale", "high_contrast"):
            self.apply_theme()
        elif key == "auto_lock_minutes":
            self._update_lock_timer()

    # start-up ------------------------------------------------------------------------

    def start(self, early_unlock: EarlyResult[Unlocked] | None = None) -> bool:
        """Show setup, the unlock dialog or the main window. False if the person quit."""
        unlocked = self._unlock(early_unlock)
        if unlocked is None:
            return False
        made = early_unlock.more if early_unlock is not None else None
        self.open_main_window(unlocked, made_at_start=made)
        return True

    def _unlock(self, early_unlock: EarlyResult[Unlocked] | None) -> Unlocked | None:
        try:
            state = self.profile.state()
        except CompanionError as error:
            show_error(None, error.message)
            return None
        if state is ProfileState.NEW:
            from ui.dialogs.setup import SetupDialog  # only for a new profile (start-up time)

            self._guard_the_wheel()
            dialog = SetupDialog(self.profile, self)
            dialog.exec()
            return dialog.unlocked
        problem: str | None = None
        scripted = os.environ.get(ENV_PASSPHRASE)
        if state is ProfileState.PASSPHRASE and scripted:
            try:
                return self.profile.unlock_with_passphrase(scripted)
            except CompanionError:
                pass  # fall through to asking, as if it had not been set
        if state is ProfileState.KEYRING:
            try:
                unlocked = early_unlock.result() if early_unlock is not None else None
                if unlocked is not None:
                    return unlocked
                # Nothing from the start's child: the key is read here, on the main thread.
                return self.profile.unlock_with_keyring()
            except (KeyNotInKeyring, KeyringUnavailable) as error:
                problem = error.message
            except CompanionError as error:
                show_error(None, error.message)
                return None
        from ui.dialogs.unlock import UnlockDialog

        self._guard_the_wheel()
        dialog = UnlockDialog(self.profile, problem)
        dialog.exec()
        return dialog.unlocked

    def _guard_the_wheel(self) -> None:
        """The wheel scrolls the page and never turns a choice (``ui.widgets.wheel_guard``).

        Installed when the first window is shown or has painted, not earlier: nothing can
        be turned before then, and its filter on the whole app would slow the first frame
        (see ``AfterFirstPaint``).
        """
        from ui.widgets import wheel_guard

        wheel_guard.install(self.qapp)

    def open_main_window(
        self,
        unlocked: Unlocked,
        start_reminders: bool = True,
        made_at_start: Callable[[], bytes | None] | None = None,
    ) -> None:
        """``made_at_start``: Today's first screen, worked out beside Qt's start (``start``)."""
        from ui.main_window import MainWindow

        if unlocked.profile.state() is ProfileState.SESSION:
            self._session_key = unlocked.data_key
        self.context = AppContext(self.profile, unlocked)
        self.context.made_at_start = made_at_start
        self.context.setting_changed.connect(self._setting_changed)
        # Queued: locking throws away the page whose button asked for it.
        self.context.lock_requested.connect(self.lock, Qt.ConnectionType.QueuedConnection)
        window = MainWindow(self.context)
        window.close_requested.connect(self._window_closing)
        window.unlock_requested.connect(self.unlock_again)
        self.window = window
        # The tray icon and the second-copy server can wait a moment: the window comes first.
        AfterFirstPaint(self, self.qapp, self._start_tray_and_server, watched=window)
        AfterFirstPaint(self, self.qapp, self._guard_the_wheel, watched=window)
        # The idle watcher of the auto-lock is a filter on the whole app: after the paint too.
        AfterFirstPaint(self, self.qapp, self._update_lock_timer, watched=window)
        self._start_reminders = start_reminders
        self.start_session(unlocked)
        window.show()

    # one session per unlock ----------------------------------------------------------------

    def start_session(self, unlocked: Unlocked) -> None:
        """Build what shows the data: pages, operations, scheduler, banner, notifications."""
        from ui.reminder_controller import ReminderController
        from ui.session import UiSession

        assert self.context is not None and self.window is not None
        self.context.set_unlocked(unlocked)
        session = UiSession(self.context, unlocked, parent=self)
        controller = ReminderController(session, self.window.banner, self.tray, session)  # type: ignore[attr-defined]
        controller.open_page.connect(self._open_page)
        controller.bring_forward.connect(self.bring_forward)
        session.reminders = controller
        self.session = session
        self.window.start_session(session)  # type: ignore[attr-defined]
        # What fell due while closed, and today's backup, once the window has painted.
        first = not self.window.isVisible()  # else (open again after a lock) any paint
        AfterFirstPaint(
            self,
            self.qapp,
            lambda: self._after_paint(session),
            watched=self.window if first else None,
        )

    def _after_paint(self, session: Any) -> None:
        if self.context is not None:
            self.context.take_made_at_start()  # for the first frame only: let it go if unused
        if self.session is not session:
            return  # locked (or quit) before the window painted
        self._purge_removed(session)
        if self.tray is None:
            self._start_tray()
        if session.reminders.notifier.tray is None:  # the tray icon came after the session
            session.reminders.notifier.tray = self.tray
        session.reminders.start(self._start_reminders)
        if self._start_reminders and self.auto_backups:  # not for --screenshot pictures
            from ui.actions_data import start_auto_backups

            start_auto_backups(session)  # daily, never for the demo

    @staticmethod
    def _purge_removed(session: Any) -> None:
        """What was removed last time and is past its undo goes for good. Nothing shows
        removed rows, so this waits for the first frame (it needs the planner, ~10 ms)."""
        from companion import contacts, planner, reminders

        if not session.readable:  # a new key or a restore may be closing it
            return
        store = session.store
        contacts.purge_deleted(store)
        reminders.purge_deleted(store)
        planner.purge_deleted(store, session.now())

    def end_session(self) -> None:
        """Throw away everything the session built, then close the data."""
        from ui.background import stop_background

        stop_background()  # nothing may be left working on the data as it closes
        session, self.session = getattr(self, "session", None), None
        if self.window is not None:
            self.window.end_session()  # type: ignore[attr-defined]
        if session is not None:
            session.close()
        if self.context is not None and self.context.unlocked is not None:
            self.context.unlocked.close()
            self.context.set_unlocked(None)
        self.gc.collect()  # on the UI thread, while nothing runs in the background

    def _open_page(self, key: str, route: str) -> None:
        if self.window is not None:
            self.window.show_page(key, route)  # type: ignore[attr-defined]

    @property
    def scheduler(self):  # type: ignore[no-untyped-def]
        session = getattr(self, "session", None)
        return session.reminders.scheduler if session and session.reminders else None

    @property
    def notifier(self):  # type: ignore[no-untyped-def]
        session = getattr(self, "session", None)
        return session.reminders.notifier if session and session.reminders else None

    # one copy per profile ------------------------------------------------------------

    def _start_tray_and_server(self) -> None:
        if self.tray is None:
            self._start_tray()
        self._start_server()

    def _start_server(self) -> None:
        from PySide6.QtNetwork import QLocalServer

        name = self.profile.instance_id()
        QLocalServer.removeServer(name)  # a stale socket from a crash; we hold the lock
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if server.listen(name):
            server.newConnection.connect(self._activation_request)
            self.server = server

    def _activation_request(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            connection = self.server.nextPendingConnection()
            connection.readyRead.connect(lambda c=connection: self._read_activation(c))

    def _read_activation(self, connection: QObject) -> None:
        if bytes(connection.readAll().data()).startswith(ACTIVATE_MESSAGE.strip()):
            self.bring_forward()
        connection.disconnectFromServer()

    def bring_forward(self) -> None:
        if self.window is None:
            return
        # Out of the minimised state, but a maximised window stays maximised.
        state = self.window.windowState() & ~Qt.WindowState.WindowMinimized
        self.window.setWindowState(state | Qt.WindowState.WindowActive)
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()

    # tray and closing ----------------------------------------------------------------------

    def _start_tray(self) -> None:
        from PySide6.QtWidgets import QMenu, QSystemTrayIcon

        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        tray = QSystemTrayIcon(icon("app", theme.WARM.accent), self)
        menu = QMenu()
        self._tray_open = menu.addAction("", self.bring_forward)
        self._tray_quit = menu.addAction("", self.quit)
        tray.setContextMenu(menu)
        tray.activated.connect(
            lambda reason: (
                self.bring_forward() if reason == QSystemTrayIcon.ActivationReason.Trigger else None
            )
        )
        self._tray_menu = menu
        self.tray = tray
        self._retranslate_tray()
        tray.show()

    def _retranslate_tray(self) -> None:
        if self.tray is None:
            return
        self._tray_open.setText(_("Open Companion"))
        self._tray_quit.setText(_("Quit"))
        self.tray.setToolTip(_("Companion"))

    def _window_closing(self) -> None:
        assert self.window is not None
        keep = (
            self.tray is not None
            and self.context is not None
            and not self.context.locked
            and bool(self.context.settings.get("close_to_tray"))
        )
        self.window._allow_close = not keep  # type: ignore[attr-defined]
        if keep:
            self.window.hide()
        else:
            QTimer.singleShot(0, self.quit)

    def quit(self) -> None:
        self.end_session()
        if self.tray is not None:
            self.tray.hide()
        self.profile.lock.release()
        self.qapp.quit()

    # locking ---------------------------------------------------------------------------

    def _update_lock_timer(self) -> None:
        if self.context is None:
            return
        if int(self.context.settings.get("auto_lock_minutes")) > 0:
            if self.idle is None:
                self.idle = IdleWatcher(self)
                self.qapp.installEventFilter(self.idle)
            self.lock_timer.start()
        else:
            self.lock_timer.stop()
            if self.idle is not None:
                self.qapp.removeEventFilter(self.idle)
                self.idle = None

    def _check_idle(self) -> None:
        if self.context is None or self.context.locked:
            return
        minutes = int(self.context.settings.get("auto_lock_minutes"))
        if minutes > 0 and self.idle is not None and self.idle.idle_seconds() >= minutes * 60:
            self.lock()

    def lock(self) -> None:
        """Close the database and hide everything until the person opens it again."""
        if self.context is None or self.context.unlocked is None:
            return
        self._auto_lock_minutes = int(self.context.settings.get("auto_lock_minutes"))
        self.end_session()

    def unlock_again(self) -> None:
        from ui.dialogs.unlock import UnlockDialog

        if self.context is None:
            return
        unlocked: Unlocked | None = None
        problem: str | None = None
        state = self.profile.state()
        try:
            if state is ProfileState.SESSION and self._session_key is not None:
                unlocked = self.profile.open(self._session_key)
            elif state is ProfileState.KEYRING:
                unlocked = self.profile.unlock_with_keyring()
        except (KeyNotInKeyring, KeyringUnavailable) as error:
            problem = error.message
        except CompanionError as error:
            show_error(self.window, error.message)
            return
        if unlocked is None:
            self._guard_the_wheel()
            dialog = UnlockDialog(self.profile, problem, self.window)
            dialog.exec()
            unlocked = dialog.unlocked
        if unlocked is not None:
            if self.idle is not None:
                self.idle.last_input = time.monotonic()
            self.start_session(unlocked)


def create_qapplication(argv: list[str]) -> QApplication:
    QApplication.setApplicationName("Companion")
    QApplication.setApplicationDisplayName("Companion")
    QApplication.setOrganizationName("Companion")
    QApplication.setDesktopFileName("org.companion.Companion")
    qapp = QApplication.instance() or QApplication(argv)
    assert isinstance(qapp, QApplication)
    qapp.setWindowIcon(icon("app", theme.WARM.accent, 256))
    qapp.setQuitOnLastWindowClosed(False)
    return qapp


def install_excepthook(parent: Callable[[], QWidget | None]) -> None:
    """An unexpected error becomes a calm message, never a traceback in a person's face."""
    shown = {"busy": False}

    def hook(kind: type[BaseException], error: BaseException, tb: object) -> None:
        if isinstance(error, KeyboardInterrupt):
            QApplication.quit()
            return
        if shown["busy"]:
            return
        shown["busy"] = True
        try:
            message = (
                error.message
                if isinstance(error, CompanionError)
                else _(
                    "Something unexpected went wrong ({kind}). Your data has not been deleted. "
                    "If it happens again, please close Companion and start it again."
                ).format(kind=kind.__name__)
            )
            from PySide6.QtWidgets import QMessageBox

            box = QMessageBox(parent())
            box.setWindowTitle(_("Companion"))
            box.setText(message)
            box.exec()
        finally:
            shown["busy"] = False

    sys.excepthook = hook


def window_icon() -> QIcon:
    return icon("app", theme.WARM.accent, 256)


def screenshot_dir(path: str) -> Path:
    folder = Path(path).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    return folder
