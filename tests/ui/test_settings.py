"""Settings take effect at once, and the protection changes keep the data reachable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialog

from companion import i18n
from companion.errors import WrongSecret
from companion.profile import ProfileState
from ui.dialogs.passphrase import NewPassphraseDialog
from ui.dialogs.recovery import RecoveryCodeDialog


def settings_page(qtbot, app):
    qtbot.mouseClick(app.window.nav_buttons["settings"], Qt.MouseButton.LeftButton)
    return app.window.page("settings")


def test_text_size_changes_everything_at_once(qtbot, app_with_window):
    page = settings_page(qtbot, app_with_window)
    page.size.setValue(180)
    assert QApplication.instance().font().pointSizeF() == 27.0
    assert "180" in page.size_label.text()
    assert app_with_window.profile.preferences.get("text_scale") == 180


def test_arrow_steps_faster_than_the_restyle_are_drawn_once_at_the_last(
    qtbot, app_with_window, monkeypatch
):
    """Each size restyles the whole app (a second or two on an old computer). Right arrow
    pressed four times drew 110, 120, 130 and 140 one after the other, the window frozen
    all the while; now the first is drawn at once and the rest once, at 140."""
    from ui import theme

    page = app_with_window.window.page("settings")
    drawn: list[int] = []
    real_apply = theme.apply

    def apply(app, scale_percent, high_contrast):  # type: ignore[no-untyped-def]
        drawn.append(scale_percent)
        real_apply(app, scale_percent=scale_percent, high_contrast=high_contrast)

    monkeypatch.setattr(theme, "apply", apply)
    page.size.setFocus()
    for _ in range(4):
        qtbot.keyClick(page.size, Qt.Key.Key_Right)
    assert drawn == [110]  # the first at once
    assert "140" in page.size_label.text()  # the words follow every step
    qtbot.waitUntil(lambda: app_with_window.context.settings.get("text_scale") == 140)
    assert drawn == [110, 140]


def test_high_contrast(qtbot, app_with_window):
    page = settings_page(qtbot, app_with_window)
    page.contrast.setFocus()
    qtbot.keyClick(page.contrast.box, Qt.Key.Key_Space)  # by keyboard
    window_colour = QApplication.instance().palette().color(QPalette.ColorRole.Window)
    assert window_colour.name() == "#000000"
    assert app_with_window.profile.preferences.get("high_contrast") is True


def test_language_switch_without_restart(qtbot, app_with_window):
    page = settings_page(qtbot, app_with_window)
    window = app_with_window.window
    page.language.setCurrentIndex(page.language.findData("de"))
    assert i18n.current_language() == "de"
    assert (
        window.nav_buttons["people"].text() == "Menschen"
        or window.nav_buttons["people"].text() != "People"
    )
    assert page.heading.text() == "Einstellungen"
    page.language.setCurrentIndex(page.language.findData("ar"))
    assert QApplication.instance().layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.isRightToLeft()
    page.language.setCurrentIndex(page.language.findData("en"))
    assert window.nav_buttons["people"].text() == "People"
    assert not window.isRightToLeft()


def test_name_is_saved_and_greets(qtbot, app_with_window):
    page = settings_page(qtbot, app_with_window)
    page.name_edit.setText("Maggie")
    qtbot.mouseClick(page.name_save, Qt.MouseButton.LeftButton)
    assert page.name_status.text() == "Saved."
    today = app_with_window.window.page("today")
    assert today.stale  # not showing: it redraws when shown, not before
    app_with_window.window.show_page("today")
    assert "Maggie" in today.heading.text()


def test_new_recovery_code_replaces_the_old(qtbot, app_with_window, monkeypatch, keyring_profile):
    old_code = keyring_profile.recovery_code
    app_with_window.context.settings.set("recovery_code_kept", False)  # no "are you sure?"
    shown: list[str] = []

    def fake_exec(dialog: RecoveryCodeDialog) -> int:
        shown.append(dialog.panel.code)
        dialog.panel.kept.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RecoveryCodeDialog, "exec", fake_exec)
    page = settings_page(qtbot, app_with_window)
    qtbot.mouseClick(page.recovery_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    profile = app_with_window.profile
    profile.unlock_with_recovery_code(shown[0]).close()
    with pytest.raises(WrongSecret):
        profile.keys.open_with_recovery_code(old_code)
    assert app_with_window.context.settings.get("recovery_code_kept") is True


def test_switch_to_passphrase_and_back(qtbot, app_with_window, monkeypatch):
    def fake_exec(dialog: NewPassphraseDialog) -> int:
        dialog.fields.first.setText("switching phrase")
        dialog.fields.second.setText("switching phrase")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewPassphraseDialog, "exec", fake_exec)
    page = settings_page(qtbot, app_with_window)
    profile = app_with_window.profile
    assert page.switch_button.text() == "Use a password instead"
    qtbot.mouseClick(page.switch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.protect_status.isVisible, timeout=10000)
    assert profile.state() is ProfileState.PASSPHRASE
    profile.unlock_with_passphrase("switching phrase").close()
    assert page.switch_button.text() == "Keep the key in your computer's password store instead"

    page.protect_status.hide()
    qtbot.mouseClick(page.switch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.protect_status.isVisible, timeout=10000)
    assert profile.state() is ProfileState.KEYRING
    profile.unlock_with_keyring().close()


def test_no_tray_explains_itself(qtbot, app_with_window):
    page = settings_page(qtbot, app_with_window)
    from PySide6.QtWidgets import QSystemTrayIcon

    if QSystemTrayIcon.isSystemTrayAvailable():
        pytest.skip("this machine has a tray")
    assert not page.tray.isEnabled()
    assert page.tray_note.text() == "On this computer, closing the window always closes Companion."


def test_start_at_login_writes_and_removes_the_autostart_entry(
    qtbot, app_with_window, tmp_path, monkeypatch
):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    page = settings_page(qtbot, app_with_window)
    entry = tmp_path / "config" / "autostart" / "org.companion.Companion.desktop"
    page.login.setChecked(True)
    assert entry.exists() and "Exec=" in entry.read_text()
    assert app_with_window.profile.preferences.get("start_at_login") is True
    page.login.setChecked(False)
    assert not entry.exists()


def test_qt_own_dialogs_speak_the_language_too(qtbot, app_with_window):
    from PySide6.QtCore import QCoreApplication

    page = settings_page(qtbot, app_with_window)
    page.language.setCurrentIndex(page.language.findData("de"))
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
    page.language.setCurrentIndex(page.language.findData("en"))
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_the_clock_follows_the_country_chosen_in_settings(app_with_window):
    from datetime import time

    from companion import i18n

    settings = app_with_window.context.settings
    settings.set("country", "US")
    assert i18n.format_time(time(19, 30)) == "7:30\u202fPM"
    settings.set("country", "GB")
    assert i18n.format_time(time(19, 30)) == "19:30"


def test_settings_opens_without_the_name_selected(qtbot, app_with_window):
    """Ctrl+7 put the keyboard on the name with all its letters selected: a key typed by
    chance replaced the name. The field has the focus, but nothing in it is selected."""
    window = app_with_window.window
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.go_to("settings")
    page = window.page("settings")
    assert page.name_edit.hasFocus()
    assert page.name_edit.text() == "Margaret"
    assert not page.name_edit.hasSelectedText()
    qtbot.keyClick(page.name_edit, Qt.Key.Key_A)
    assert page.name_edit.text().startswith("Margaret")  # typing adds, never replaces
