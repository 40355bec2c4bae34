"""Fixes found by a keyboard-only journey in a real window (German and Arabic at 200% text)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

from ui.dialogs.reminder import ReminderDialog


def _in_sight(dialog, widget: QWidget) -> bool:
    viewport = dialog.scroll.viewport()
    top_left = widget.mapTo(viewport, QPoint(0, 0))
    return viewport.rect().contains(QRect(top_left, widget.size()))


def test_tab_round_from_the_buttons_brings_the_focus_into_sight(qtbot, app_with_window):
    dialog = ReminderDialog(app_with_window.window.session, parent=app_with_window.window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.resize(dialog.width(), 420)  # a small screen: the body scrolls
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    bar = dialog.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())  # read on to the end, as a person does
    dialog.cancel_button.setFocus(Qt.FocusReason.TabFocusReason)
    assert not _in_sight(dialog, dialog.what)

    qtbot.keyClick(dialog.cancel_button, Qt.Key.Key_Tab)  # round to the first field

    assert QApplication.focusWidget() is dialog.what
    assert _in_sight(dialog, dialog.what)
    dialog.done(0)
