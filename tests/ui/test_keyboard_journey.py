"""The whole first week, by keyboard alone, at 200% text: what an 80-year-old without a mouse does.

Only key events reach the app, always sent to the widget that has the focus, as a keyboard would.
State is read only to check what a person would see.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QMessageBox, QWidget

from companion import contacts, reminders
from ui.app import CompanionApp
from ui.dialogs.setup import SetupDialog

Key = Qt.Key


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(
    qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(focused(), key, modifier)


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def tab_to(qtbot, found, limit: int = 60, backwards: bool = False) -> QWidget:
    """Press Tab until `found(widget)` holds for the focused widget; fail if it never does."""
    seen: list[str] = []
    for _ in range(limit):
        widget = focused()
        if found(widget):
            return widget
        seen.append(f"{type(widget).__name__}:{widget.accessibleName() or widget.objectName()}")
        press(qtbot, Key.Key_Backtab if backwards else Key.Key_Tab)
    raise AssertionError(f"Tab never reached it; it went round {seen[: limit // 2]}")


def make_active(qtbot, window: QWidget) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def in_next_dialog(
    qtbot, drive: Callable[[QDialog], None]
) -> tuple[list[BaseException], list[bool]]:
    """Drive the dialog the next key press opens (it waits in its own loop) by keys.

    Whatever goes wrong is collected and the dialog closed, so the test fails instead of hanging.
    """
    problems: list[BaseException] = []
    ran: list[bool] = []

    def run() -> None:
        ran.append(True)
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            problems.append(AssertionError("no dialog opened"))
            return
        try:
            make_active(qtbot, dialog)
            drive(dialog)
            if dialog.isVisible():
                raise AssertionError(f"{type(dialog).__name__} is still open")
        except BaseException as problem:  # noqa: BLE001 - reported after the dialog is closed
            problems.append(problem)
            if dialog.isVisible():
                dialog.done(QDialog.DialogCode.Rejected)

    QTimer.singleShot(0, run)
    return problems, ran


def press_opening_dialog(qtbot, key: Qt.Key, drive: Callable[[QDialog], None]) -> None:
    window = QApplication.activeWindow()
    problems, ran = in_next_dialog(qtbot, drive)
    press(qtbot, key)
    qtbot.waitUntil(lambda: bool(ran))
    make_active(qtbot, window)  # a window manager gives the window back; offscreen has none
    if problems:
        raise problems[0]


def is_button(words: str) -> Callable[[QWidget], bool]:
    return lambda w: isinstance(w, QAbstractButton) and w.text().replace("&", "") == words


def test_the_first_week_by_keyboard_alone_at_200_percent(qtbot, new_profile):
    qapp = QApplication.instance()
    app = CompanionApp(qapp, new_profile)
    app.apply_theme()
    try:
        _journey(qtbot, app, new_profile)
    finally:
        if app.window is not None:
            app.window._allow_close = True
            app.window.close()
        if app._qt_translator is not None:
            qapp.removeTranslator(app._qt_translator)
        if getattr(app, "session", None) is not None:
            app.end_session()
        new_profile.preferences.set("text_scale", 100)
        app.apply_theme()


def _journey(qtbot, app: CompanionApp, profile) -> None:
    # First-run setup ------------------------------------------------------------------------
    setup = SetupDialog(profile, app)
    qtbot.addWidget(setup)
    make_active(qtbot, setup)
    assert focused() is setup.name
    type_text(qtbot, "Margaret")
    press(qtbot, Key.Key_Return)  # -> language
    assert setup.current_step() == SetupDialog.LANGUAGE
    press(qtbot, Key.Key_Return)  # English stays -> text size
    assert setup.current_step() == SetupDialog.TEXT_SIZE
    assert focused() is setup.size_slider
    body = QApplication.instance().font().pointSizeF()
    press(qtbot, Key.Key_End)  # the largest: 200%
    assert setup.size_slider.value() == 200
    assert QApplication.instance().font().pointSizeF() == 2 * body  # the whole app grew, at once
    press(qtbot, Key.Key_Return)  # -> country
    assert setup.current_step() == SetupDialog.COUNTRY
    press(qtbot, Key.Key_Return)  # -> protection
    assert setup.current_step() == SetupDialog.PROTECTION
    assert setup.use_keyring.isChecked()
    press(qtbot, Key.Key_Return)  # set up
    qtbot.waitUntil(lambda: setup.current_step() == SetupDialog.RECOVERY, timeout=10000)
    tab_to(qtbot, lambda w: w is setup.recovery_panel.kept.box)  # past the code, Copy and Print
    press(qtbot, Key.Key_Space)
    assert setup.recovery_panel.kept.isChecked()
    press(qtbot, Key.Key_Return)
    assert setup.result() == SetupDialog.DialogCode.Accepted
    assert profile.preferences.get("text_scale") == 200
    assert setup.unlocked is not None
    app.open_main_window(setup.unlocked, start_reminders=False)
    window = app.window
    qtbot.addWidget(window)
    make_active(qtbot, window)

    session = app.session
    assert session is not None
    store = session.store

    # Add someone, with a birthday typed in ----------------------------------------------
    press(qtbot, Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    people = window.pages["people"]
    assert window.stack.currentWidget() is people
    tab_to(qtbot, lambda w: w is people.add_button)

    def add_someone(dialog: QDialog) -> None:
        assert focused() is dialog.form.name
        type_text(qtbot, "Jo Brennan")
        tab_to(qtbot, lambda w: w is dialog.form.has_birthday.box)
        press(qtbot, Key.Key_Space)
        press(qtbot, Key.Key_Tab)
        assert focused() is dialog.form.birthday.edit
        type_text(qtbot, "14 March 1948")
        press(qtbot, Key.Key_Return)

    press_opening_dialog(qtbot, Key.Key_Return, add_someone)
    (jo,) = contacts.people(store)
    assert jo.name == "Jo Brennan"
    assert jo.birthday == "1948-03-14"

    # Log a contact from the list, then undo it ----------------------------------------
    tab_to(qtbot, lambda w: w is people.table)
    press(qtbot, Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert len(contacts.contacts_for(store, jo.id)) == 1
    press(qtbot, Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert contacts.contacts_for(store, jo.id) == []

    # A weekly reminder on a chosen day ---------------------------------------------------
    press(qtbot, Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    reminders_page = window.pages["reminders"]
    assert window.stack.currentWidget() is reminders_page
    tab_to(qtbot, lambda w: w is reminders_page.add_button)
    chosen = session.now().date() + timedelta(days=10)

    def add_reminder(dialog: QDialog) -> None:
        assert focused() is dialog.what
        type_text(qtbot, "Ring Jo")
        tab_to(qtbot, lambda w: w is dialog.day.edit)
        press(qtbot, Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_text(qtbot, f"{chosen.day} {chosen:%B} {chosen.year}")
        tab_to(
            qtbot,
            lambda w: (
                isinstance(w, QAbstractButton) and w.isChecked() and w in dialog.options.values()
            ),
        )
        for _ in range(len(dialog.options)):
            if dialog.options["weekly"].isChecked():
                break
            press(qtbot, Key.Key_Down)
        assert dialog.options["weekly"].isChecked()
        press(qtbot, Key.Key_Return)

    press_opening_dialog(qtbot, Key.Key_Return, add_reminder)
    (weekly,) = reminders.all_reminders(store)
    assert weekly.title == "Ring Jo"
    assert weekly.repeat.kind == "weekly"
    assert weekly.repeat.weekdays == (chosen.weekday(),)

    # Get help, at the emergency number -------------------------------------------------------
    press(qtbot, Key.Key_F1)
    help_page = window.pages["help"]
    assert window.stack.currentWidget() is help_page
    assert help_page.scroll.verticalScrollBar().value() == 0

    # A smaller text size, in Settings ---------------------------------------------------------
    press(qtbot, Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    settings_page = window.pages["settings"]
    assert window.stack.currentWidget() is settings_page
    tab_to(qtbot, lambda w: w is settings_page.size)
    press(qtbot, Key.Key_Left)
    assert profile.preferences.get("text_scale") == 190
    assert focused() is settings_page.size  # the next arrow key changes the size, nothing else
    language_before = profile.preferences.get("language")
    press(qtbot, Key.Key_Right)
    # Pressed straight after the last size was drawn: drawn once the keys pause (a moment).
    qtbot.waitUntil(lambda: profile.preferences.get("text_scale") == 200)
    assert profile.preferences.get("language") == language_before

    # Lock, and open again ----------------------------------------------------------------------
    tab_to(qtbot, is_button("Lock now"))
    press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: app.context.locked)
    assert window.stack.currentWidget() is window.locked_page
    assert app.session is None
    assert focused() is window.locked_page.button  # "Open my data", ready for Enter
    press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: app.session is not None)
    assert not app.context.locked
    assert [p.name for p in contacts.people(app.session.store)] == ["Jo Brennan"]
    assert window.stack.currentWidget() is window.pages["settings"]  # back where she was
    assert focused().isVisible() and window.isAncestorOf(focused())  # focus is somewhere to see


def test_enter_on_cancel_cancels_and_never_saves(qtbot, app_with_window):
    window = app_with_window.window
    make_active(qtbot, window)
    press(qtbot, Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    page = window.pages["reminders"]
    tab_to(qtbot, lambda w: w is page.add_button)

    def cancel_by_keys(dialog: QDialog) -> None:
        type_text(qtbot, "Ring Jo")
        for answer in ("Go back", "Close without saving"):  # Enter keeps what was typed
            tab_to(qtbot, lambda w: w is dialog.cancel_button)
            press(qtbot, Key.Key_Return)  # asks first: something was typed
            qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
            make_active(qtbot, QApplication.activeModalWidget())
            if answer == "Close without saving":
                tab_to(qtbot, is_button("Close without saving"))
            press(qtbot, Key.Key_Return)
            qtbot.waitUntil(lambda: not isinstance(QApplication.activeModalWidget(), QMessageBox))
            if answer == "Go back":
                assert dialog.isVisible() and dialog.what.text() == "Ring Jo"
                make_active(qtbot, dialog)
        qtbot.waitUntil(lambda: not dialog.isVisible())

    press_opening_dialog(qtbot, Key.Key_Return, cancel_by_keys)
    assert reminders.all_reminders(app_with_window.session.store) == []
