"""Small things a review in a real window found, at 200% text and by keyboard alone."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from companion import demo
from tests.ui.conftest import in_sight
from tests.ui.test_review_parents import _shown
from ui import actions_parents

# 1. the parent password: Enter with the recovery code still empty -----------------------------


def test_enter_with_no_recovery_code_takes_the_keys_to_its_field_and_says_so(
    qtbot, app_with_window, large_text
):
    from ui.dialogs.parents_password import ParentPasswordDialog

    app = app_with_window
    app.context.settings.set("parent_view", True)
    assert actions_parents.access(app.session).open_if_free()
    dialog = ParentPasswordDialog(app.session, change=False, parent=app.window)
    _shown(qtbot, dialog)
    qtbot.keyClicks(dialog.password, "blue kite")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.again, "blue kite")
    qtbot.keyClick(dialog.again, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error.text() == "Please type your recovery code."
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.code)
    qtbot.waitUntil(lambda: in_sight(dialog.scroll, dialog.code))
    # the passwords typed are kept: the code is all that is left to type
    assert dialog.password.text() == dialog.again.text() == "blue kite"
    assert not actions_parents.access(app.session).has_password()
    # typing the code now and Enter saves
    qtbot.keyClicks(dialog.code, app.context.unlocked.recovery_code)
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: actions_parents.access(app.session).has_password(), timeout=10000)


def test_a_code_typed_wrong_keeps_the_keys_on_the_code(qtbot, app_with_window, large_text):
    from ui.dialogs.parents_password import ParentPasswordDialog

    app = app_with_window
    app.context.settings.set("parent_view", True)
    assert actions_parents.access(app.session).open_if_free()
    dialog = ParentPasswordDialog(app.session, change=False, parent=app.window)
    _shown(qtbot, dialog)
    dialog.password.setText("blue kite")
    dialog.again.setText("blue kite")
    dialog.code.setText("ABCDE")
    dialog.again.setFocus()
    qtbot.keyClick(dialog.again, Qt.Key.Key_Return)
    assert "25 letters" in dialog.error.text()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.code)
    qtbot.waitUntil(lambda: in_sight(dialog.scroll, dialog.code))
    assert not actions_parents.access(app.session).has_password()


# 2. "Turn on the parent view": the keys go on to the first thing to do -----------------------


def _parents_page_turned_off(qtbot, app):
    window = app.window
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    window.show_page("parents")
    page = window.page("parents")
    assert page.off_button.isVisible()
    page.off_button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.off_button)
    return page


def test_turning_the_parent_view_on_puts_the_keys_on_add_a_child(qtbot, app_with_window):
    page = _parents_page_turned_off(qtbot, app_with_window)
    qtbot.keyClick(page.off_button, Qt.Key.Key_Space)
    assert page.add_child_button.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.add_child_button)


def test_turning_it_on_with_a_child_puts_the_keys_on_the_weeks_check(
    qtbot, keyring_profile, request
):
    demo._parents(keyring_profile, datetime.now().astimezone())
    app = request.getfixturevalue("app_with_window")
    app.context.settings.set("parent_view", False)  # the sample turned it on
    page = _parents_page_turned_off(qtbot, app)
    qtbot.keyClick(page.off_button, Qt.Key.Key_Space)
    assert page.check_button.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.check_button)


def test_turning_on_a_parent_view_with_a_password_puts_the_keys_on_the_password(
    qtbot, app_with_window
):
    app = app_with_window
    app.context.settings.set("parent_view", True)
    gate = actions_parents.access(app.session)
    assert gate.open_if_free()
    assert actions_parents.set_password(
        app.session, app.window, "blue kite", app.context.unlocked.recovery_code
    )
    app.context.settings.set("parent_view", False)
    page = _parents_page_turned_off(qtbot, app)
    qtbot.keyClick(page.off_button, Qt.Key.Key_Space)
    assert page.locked_card.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.password)


# 3. the questions in Qt's message box: every button whole at 200% -----------------------------


@pytest.fixture
def questions_asked(qtbot, monkeypatch):
    """Each message box opened with ``exec`` is shown, measured and closed as by Escape: a
    list of (button, its width, the width its words need)."""
    from PySide6.QtWidgets import QMessageBox

    measured: list[tuple[str, int, int]] = []

    def shown_and_measured(box: QMessageBox) -> int:
        box.show()
        qtbot.waitExposed(box)
        QApplication.processEvents()
        for widget in box.buttons():
            measured.append((widget.text(), widget.width(), widget.sizeHint().width()))
        box.close()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", shown_and_measured)
    return measured


def _all_whole(measured: list[tuple[str, int, int]], *texts: str) -> None:
    assert sorted(text for text, _w, _n in measured) == sorted(texts)
    cut = [(text, width, needed) for text, width, needed in measured if width < needed]
    assert not cut, f"cut at the right edge (text, width, needed): {cut}"


def test_make_a_new_recovery_code_asks_with_whole_buttons(
    qtbot, app_with_window, large_text, questions_asked
):
    page = app_with_window.window.page("settings")
    page.new_recovery_code()
    _all_whole(questions_asked, "Make a new code", "Cancel")
    assert page.recovery_button.isEnabled()  # not asked for: nothing made


def test_the_parent_views_questions_have_whole_buttons(
    qtbot, keyring_profile, request, large_text, questions_asked
):
    demo._parents(keyring_profile, datetime.now().astimezone())
    app = request.getfixturevalue("app_with_window")
    app.window.show_page("parents")
    page = app.window.page("parents")
    page.remove_child()
    _all_whole(questions_asked, "Remove", "Keep")
    assert page.child() is not None  # kept
    questions_asked.clear()
    gate = actions_parents.access(app.session)
    assert gate.open_if_free()
    assert actions_parents.set_password(
        app.session, app.window, "blue kite", app.context.unlocked.recovery_code
    )
    app.window.page("settings").parent_card.remove_password()
    _all_whole(questions_asked, "Remove the password", "Keep it")
    assert gate.has_password()  # kept


def test_save_to_my_calendar_asks_about_birthdays_with_whole_buttons(
    qtbot, app_with_window, large_text, questions_asked, monkeypatch
):
    from companion import contacts
    from companion.contacts import Person
    from ui.pages import reminders as reminders_page

    app = app_with_window
    contacts.add_person(
        app.context.unlocked.store, app.context.now(), Person(0, "Rosa", birthday="--03-14")
    )
    saved: list[bool] = []
    monkeypatch.setattr(
        reminders_page, "save_file_in_background", lambda *a, **k: saved.append(True)
    )
    app.window.page("reminders").save_calendar()
    _all_whole(questions_asked, "Yes, add birthdays", "No, only reminders", "Cancel")
    # Closed as by Escape: nothing saved (Escape had meant "No, only reminders" and went on).
    assert saved == []


# 4. after a new key, the keys are back on the button that made it -----------------------------


def test_after_a_new_key_settings_comes_back_on_its_button(
    qtbot, app_with_window, large_text, monkeypatch
):
    from ui.dialogs.recovery import RecoveryCodeDialog
    from ui.dialogs.rekey import RekeyDialog

    def written_down(dialog: RecoveryCodeDialog) -> int:
        dialog.panel.kept.setChecked(True)
        dialog.done_button.click()
        return RecoveryCodeDialog.DialogCode.Accepted

    monkeypatch.setattr(RekeyDialog, "exec", lambda dialog: RekeyDialog.DialogCode.Accepted)
    monkeypatch.setattr(RecoveryCodeDialog, "exec", written_down)
    app = app_with_window
    window = app.window
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    window.show_page("settings")
    old = app.session
    page = window.page("settings")
    page.rekey_button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.rekey_button)
    qtbot.keyClick(page.rekey_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: app.session is not old, timeout=20000)
    assert window.current_page() == "settings"
    rebuilt = window.page("settings")
    assert rebuilt is not page
    qtbot.waitUntil(lambda: QApplication.focusWidget() is rebuilt.rekey_button)
    qtbot.waitUntil(lambda: in_sight(rebuilt.scroll, rebuilt.rekey_button))
    assert in_sight(rebuilt.scroll, rebuilt.rekey_text)  # with the words that say what it does
    assert "new key" in window.status_line.text.text()


# 5. a new key: backups made earlier today open with the old code too ---------------------------


def test_a_new_key_says_backups_made_before_now_still_open_with_the_old_code():
    from companion.profile import rekey_explained

    words = rekey_explained()
    assert "Backups made before now still open with the old code" in words
    assert "today" not in words  # backups made this morning open with the old code too


# 6. the trend chart: its legend explains the star, and is not drawn for nothing ---------------


def _legend_words(data) -> list[str]:
    from PySide6.QtGui import QFont

    from ui.widgets import trend_chart as tc

    font = QFont()
    font.setPixelSize(20)
    return [words for _level, words, _place in tc.legend_places(900, tc._metrics(font), 1, data)]


def test_the_legend_explains_the_star_of_a_highlighted_sign():
    from ui.widgets.trend_chart import ChartData

    weeks = ("1 Nov", "8 Nov", "15 Nov")
    marked = ChartData(weeks, (("Worried", (1, 2, 2), True), ("Sleep", (0, 1, None), False)), "")
    words = _legend_words(marked)
    star = "Noticed two weeks in a row or more, or more than the last time you looked"
    assert star in words
    assert words[:4] == ["A lot", "A little", "Not seen", "No check that week"]
    plain = ChartData(weeks, (("Sleep", (0, 1, 1), False),), "")
    assert star not in _legend_words(plain)  # no star drawn: none explained
    assert "No check that week" not in _legend_words(plain)  # no dash drawn either


def test_with_nothing_noted_the_chart_draws_no_legend_and_the_page_says_it_once(
    qtbot, keyring_profile, request
):
    from PySide6.QtGui import QFont

    from companion import parents
    from ui.widgets import trend_chart as tc

    nothing = tc.ChartData((), (), "No weekly checks in these weeks yet.")
    assert _legend_words(nothing) == []
    font = QFont()
    font.setPixelSize(20)
    assert tc.chart_height(nothing, 900, font) < 2 * tc._metrics(font).height()  # one line

    app = request.getfixturevalue("app_with_window")
    app.context.settings.set("parent_view", True)
    window = app.window
    window.show()
    qtbot.waitExposed(window)
    window.show_page("parents")
    page = window.page("parents")
    store = actions_parents.access(app.session).store
    assert store is not None
    ben = actions_parents.add_child(app.session, page, "Ben", "under_12")
    assert ben is not None
    page.refresh()
    assert page.trend_words.text() == "No weekly checks in these weeks yet."
    assert page.trend_words.isVisible()
    assert not page.chart.isVisible()  # not the same sentence twice, nor a legend for nothing
    assert parents.children(store)


# 7. a typed recovery code is checked off the UI thread -----------------------------------------


def test_a_typed_recovery_code_is_checked_while_the_window_keeps_running(
    qtbot, app_with_window, tmp_path, vault, monkeypatch
):
    """Checking a code makes a key from it (half a second to a second on an old computer):
    the window froze meanwhile. Now it keeps drawing and hearing keys, and the answer is the
    same as before."""
    import threading
    from zoneinfo import ZoneInfo

    from PySide6.QtCore import QTimer

    from companion import backup
    from companion.profile import Profile
    from ui.dialogs.restore import RestoreDialog

    other = Profile(tmp_path / "other", vault).create("keyring")
    code = other.recovery_code
    made = datetime(2026, 3, 18, 10, 0, tzinfo=ZoneInfo("Europe/London"))
    theirs = backup.make_backup(other, tmp_path / "theirs.companion-backup", made)
    other.close()
    dialog = RestoreDialog(app_with_window.session, theirs, app_with_window.window)
    _shown(qtbot, dialog)
    assert dialog.code.isVisible()

    window_ran: list[bool] = []
    real = backup.review_backup

    def watched(*args, **kwargs):
        # The window's event loop runs while the code is checked: its timer fires meanwhile.
        window_ran.append(ticked.wait(5))
        return real(*args, **kwargs)

    monkeypatch.setattr(backup, "review_backup", watched)
    ticked = threading.Event()
    QTimer.singleShot(0, ticked.set)
    qtbot.keyClicks(dialog.code, code)
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.review is not None, timeout=10000)
    assert window_ran == [True]
    assert dialog.isVisible() and dialog.restore_button.isEnabled()
    assert not dialog.code.isReadOnly()


def test_make_my_recovery_code_from_today_ends_on_its_button_in_settings(
    qtbot, app_with_window, large_text, monkeypatch
):
    """Today's "Make my recovery code" opens Settings: after Done, the keys were on "Your
    name" at the top of the page, far from what had just been done."""
    from ui.dialogs.recovery import RecoveryCodeDialog

    shown: list[str] = []

    def written_down(dialog: RecoveryCodeDialog) -> int:
        dialog.panel.kept.setChecked(True)
        shown.append(dialog.panel.code)
        dialog.done_button.click()
        return RecoveryCodeDialog.DialogCode.Accepted

    monkeypatch.setattr(RecoveryCodeDialog, "exec", written_down)
    app = app_with_window
    app.context.settings.set("recovery_code_kept", False)
    window = app.window
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    app.context.show_recovery_code.emit()
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    page = window.page("settings")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.recovery_button)
    qtbot.waitUntil(lambda: in_sight(page.scroll, page.recovery_button))
    assert app.context.settings.get("recovery_code_kept") is True
