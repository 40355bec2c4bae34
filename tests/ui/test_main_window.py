"""The window a person lives in: every page reachable, by mouse and by keyboard, and readable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QWidget,
)

from ui.main_window import PAGES
from ui.pages.not_ready import NotReadyPage


def focusable_controls(root: QWidget) -> list[QWidget]:
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractSlider, QAbstractSpinBox)
    return [
        w
        for w in root.findChildren(QWidget)
        if isinstance(w, kinds)
        and w.isVisibleTo(root)
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]


def test_starts_on_today_with_greeting(app_with_window):
    window = app_with_window.window
    assert window.current_page() == "today"
    assert window.nav_buttons["today"].isChecked()
    today = window.page("today")
    assert "Margaret" in today.heading.text()
    assert today.idea_text.text()  # one idea for the day
    assert "From:" in today.idea_source.text()


def test_every_page_by_click(qtbot, app_with_window):
    window = app_with_window.window
    for entry in PAGES:
        qtbot.mouseClick(window.nav_buttons[entry.key], Qt.MouseButton.LeftButton)
        assert window.current_page() == entry.key
        assert window.nav_buttons[entry.key].isChecked()


def test_every_page_by_keyboard(qtbot, app_with_window):
    window = app_with_window.window
    window.activateWindow()
    for number, entry in enumerate(PAGES, start=1):
        if entry.key == "help":
            qtbot.keyClick(window, Qt.Key.Key_F1)
        else:
            qtbot.keyClick(
                window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier
            )
        assert window.current_page() == entry.key, entry.key


def test_every_page_in_the_registry_is_built_and_none_is_a_placeholder(app_with_window):
    window = app_with_window.window
    app_with_window.context.settings.set("parent_view", True)
    for entry in PAGES:
        assert entry.where is not None, f"{entry.key} is still a placeholder"
        window.show_page(entry.key)
        assert not isinstance(window.page(entry.key), NotReadyPage)
        assert window.current_page() == entry.key


def test_every_control_has_a_name_and_room_to_click(app_with_window):
    window = app_with_window.window
    for entry in PAGES:
        window.show_page(entry.key)
        for control in focusable_controls(window):
            name = control.accessibleName() or getattr(control, "text", lambda: "")()
            assert name.strip(), f"{type(control).__name__} on {entry.key} has no name"
            if isinstance(control, QAbstractButton):
                assert control.sizeHint().height() >= 44, f"{name} is too small to click"


@pytest.mark.parametrize("language", ["en", "de", "ar"])
def test_text_at_200_percent_reflows_without_clipping(qtbot, app_with_window, language):
    app = app_with_window
    window = app.window
    window.resize(1280, 800)  # a small laptop screen; one German compound word at 200% is ~490 px
    app.set_language(language)
    app.profile.preferences.set("text_scale", 200)
    app.apply_theme()
    for entry in PAGES:
        window.show_page(entry.key)
        page = window.page(entry.key)
        qtbot.waitUntil(lambda page=page: page.scroll.viewport().width() > 0)
        inner = page.scroll.widget()
        assert inner.minimumSizeHint().width() <= page.scroll.viewport().width(), (
            language,
            entry.key,
        )


def test_high_contrast_meets_contrast_ratio():
    from ui import theme

    for palette in (theme.WARM, theme.HIGH_CONTRAST):
        for what, fg, bg in theme.text_pairs(palette):
            assert theme.contrast_ratio(fg, bg) >= 4.5, f"{palette.name}: {what}"
    assert theme.HIGH_CONTRAST.window == "#000000" and theme.HIGH_CONTRAST.focus == "#FFFF00"


def test_auto_lock_hides_data_and_closes_the_store(qtbot, app_with_window):
    app = app_with_window
    window = app.window
    store = app.context.unlocked.store
    app.context.settings.set("auto_lock_minutes", 5)
    assert app.lock_timer.isActive()
    app.idle.last_input -= 4 * 60
    app._check_idle()
    assert not app.context.locked  # not yet
    app.idle.last_input -= 2 * 60
    app._check_idle()
    assert app.context.locked
    assert store.closed
    assert window.current_page() == "locked"
    window.show_page("people")
    assert window.current_page() == "locked"  # nothing shows through
    qtbot.mouseClick(window.locked_page.button, Qt.MouseButton.LeftButton)  # keyring reopens
    assert not app.context.locked
    assert window.current_page() == "today"
    app.context.unlocked.close()


def test_close_without_tray_quits(qtbot, app_with_window, monkeypatch):
    app = app_with_window
    quits = []
    monkeypatch.setattr(app, "quit", lambda: quits.append(True))
    app.window.close()
    qtbot.waitUntil(lambda: bool(quits))


def test_python_collects_only_on_the_ui_thread(app_with_window):
    """A background job never runs the cycle collector over Qt objects (a crash in PySide)."""
    import gc

    assert not gc.isenabled()
    assert app_with_window.gc.young.isActive() and app_with_window.gc.full.isActive()


def test_what_can_wait_starts_just_after_the_window_has_painted(qtbot, keyring_profile):
    """The second-copy server and the reminders missed while closed do not hold up the
    first frame: they start just after it (a zero-time timer would run before it)."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from ui.app import CompanionApp

    qapp = QApplication.instance()
    app = CompanionApp(qapp, keyring_profile.profile)
    app.auto_backups = False
    first_frame: list[bool] = []

    class Watch(QObject):
        def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint and not first_frame:
                waiting = app.server is None and not app.scheduler.heartbeat.isActive()
                first_frame.append(waiting)
            return False

    watch = Watch()
    qapp.installEventFilter(watch)
    app.open_main_window(keyring_profile)
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: app.server is not None and app.scheduler.heartbeat.isActive())
    qapp.removeEventFilter(watch)
    assert first_frame == [True]  # painted first, then started
    app.window._allow_close = True
    app.window.close()
    app.notifier.close()
    app.scheduler.stop()
    app.gc.stop()


def test_after_ctrl_and_a_number_the_keyboard_is_on_that_page(qtbot, app_with_window):
    """Ctrl+4 left the focus on Today's button: typing and Tab went on from the old page."""
    from PySide6.QtWidgets import QApplication

    window = app_with_window.window
    window.activateWindow()
    window.nav_buttons["today"].setFocus()
    qtbot.waitUntil(window.nav_buttons["today"].hasFocus)
    for number, entry in enumerate(PAGES, start=1):
        if entry.key == "help":
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F1)
        else:
            key = Qt.Key(Qt.Key.Key_0 + number)
            qtbot.keyClick(QApplication.focusWidget(), key, Qt.KeyboardModifier.ControlModifier)
        page = window.stack.currentWidget()
        focus = QApplication.focusWidget()
        assert window.current_page() == entry.key
        assert page.isAncestorOf(focus), (entry.key, focus)
        checked = [key for key, b in window.nav_buttons.items() if b.isChecked()]
        assert checked == [entry.key]
        if entry.key != "help":  # Get help puts it on Call, the first thing to press
            first = min(
                window._tab_stops([page])[0],
                key=lambda w: (
                    w.mapTo(page, w.rect().topLeft()).y(),
                    w.mapTo(page, w.rect().topLeft()).x(),
                ),
            )
            assert focus is first, (entry.key, focus)


def test_while_locked_no_page_is_marked_as_chosen(app_with_window):
    """The locked screen showed Today as the chosen page: a screen reader said so too."""
    app = app_with_window
    window = app.window
    assert window.nav_buttons["today"].isChecked()
    app.lock()
    assert window.current_page() == "locked"
    assert [key for key, b in window.nav_buttons.items() if b.isChecked()] == []
    window.show_page("today")  # its button pressed while locked: still nothing marked
    assert [key for key, b in window.nav_buttons.items() if b.isChecked()] == []


def test_the_window_title_reads_right_in_arabic(app_with_window):
    """'Salma – Companion ،مساء الخير': the name ran into '– Companion'. In a right-to-left
    language the title starts right to left and the page's words are kept whole."""
    from companion import i18n
    from ui.main_window import window_title

    window = app_with_window.window
    assert window.windowTitle() == f"{window.page('today').title()} – Companion"
    assert "\u200f" not in window_title("People")  # left to right: no marks needed
    before = i18n.current_language()
    i18n.set_language("ar")
    try:
        title = window_title("مساء الخير، Salma")
        assert title.startswith("\u200f")
        assert "\u2068مساء الخير، Salma\u2069" in title
        window.show_page("people")
        assert window.windowTitle().startswith("\u200f")
    finally:
        i18n.set_language(before)
