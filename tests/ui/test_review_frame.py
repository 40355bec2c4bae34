"""Shared pieces of every page, from a review in a real window: a page scrolled for its
focus never leaves a line cut in half at its top edge, a choice's name is typed with its
space in a closed drop-down, and a row of hidden buttons takes no room."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import in_sight
from tests.ui.test_opening import cut_lines
from ui.widgets.common import SPACING


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def test_a_control_just_below_the_edge_is_shown_from_a_whole_line(qtbot, large_text):
    """Ctrl+4 at 200%, below the sample's line and the keep-in-touch line: the keys went to
    "Previous week", just below the edge of the page, and the page scrolled for it with the
    heading "Energy and boundaries" cut in half. Now it scrolls on to the next whole line."""
    from PySide6.QtWidgets import QPushButton, QScrollArea, QVBoxLayout, QWidget

    from ui.pages.base import keep_in_view
    from ui.widgets.common import label

    window = QWidget()  # a page's scroll area is inside the window, never the window
    area = QScrollArea(window)
    QVBoxLayout(window).addWidget(area)
    area.setWidgetResizable(True)
    column = QWidget()
    layout = QVBoxLayout(column)
    heading = label("Energy and boundaries", "title")
    intro = label("Plan a week that suits you: time with people, and time to rest.")
    control = QPushButton("Previous week")
    rest = label("Your rules: no calls after 8 PM.\nAt most one outing a day.\nRest on Sundays.")
    for widget in (heading, intro, control, rest):  # the page goes on below the control
        layout.addWidget(widget)
    layout.addStretch(1)
    area.setWidget(column)
    qtbot.addWidget(window)
    window.resize(900, 400)
    window.show()
    qtbot.waitExposed(window)
    settle()
    # The view ends a few pixels into the control: it is not wholly in sight at the top.
    edge = control.mapTo(column, QPoint(0, 0)).y() + control.height() // 3
    window.resize(900, edge + window.height() - area.viewport().height())
    settle()
    assert not in_sight(area, control)
    keep_in_view(control)
    settle()
    assert in_sight(area, control)
    assert area.verticalScrollBar().value() > 0

    assert cut_lines(area) == []


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: no real pop-up
def test_a_country_s_name_can_be_typed_with_its_space(qtbot):
    """Typing "United K" in the closed country list: the space opened the list at "United"
    and the "K" went to the list, which chose the United Arab Emirates."""
    from ui.widgets.common import combo_box

    box = combo_box()
    for name in ("Uganda", "United Arab Emirates", "United Kingdom", "United States"):
        box.addItem(name)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    box.setFocus()
    qtbot.keyClicks(box, "United K")
    assert box.currentText() == "United Kingdom"
    assert not box.view().isVisible()  # the list stayed closed
    other = combo_box()
    other.addItems(["Germany", "Ghana"])
    qtbot.addWidget(other)
    other.show()
    qtbot.waitExposed(other)
    other.setFocus()
    qtbot.keyClick(other, Qt.Key.Key_Space)  # on its own, Space still opens the list
    qtbot.waitUntil(other.view().isVisible)
    other.hidePopup()


def test_a_row_of_buttons_all_hidden_takes_no_room(qtbot):
    """A row whose only button was hidden ("Open with this code", for a file that is not a
    backup) still took the button's height: an empty band under the message."""
    from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

    from ui.widgets.common import FlowLayout, label

    window = QWidget()
    column = QVBoxLayout(window)
    column.addWidget(label("That file is not a Companion backup."))
    row = FlowLayout()
    hidden = QPushButton("Open with this code")
    row.addWidget(hidden)
    column.addLayout(row)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with_button = column.minimumSize().height()
    hidden.hide()
    column.invalidate()
    assert column.minimumSize().height() < with_button - hidden.sizeHint().height() // 2


def test_a_long_message_scrolls_above_an_ok_that_stays_on_the_screen(qtbot, large_text):
    """Qt's message box was 500 px wide and exactly as tall as its words: at 200% a message
    of a few sentences ran off the bottom of a 768-px screen, and OK with it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QDialog

    from ui.widgets.common import show_error

    message = "The backup could not be saved in that folder. Choose another place. " * 12
    seen: dict[str, object] = {}

    def look() -> None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog)]
        dialog = next((w for w in shown if w.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(10, look)
            return
        try:
            settle()
            room = (dialog.screen() or QGuiApplication.primaryScreen()).availableGeometry()
            ok = dialog.focusWidget()
            scroll = getattr(dialog, "scroll", None)
            seen.update(
                inside=room.contains(dialog.frameGeometry()),
                width=dialog.width(),
                title=dialog.windowTitle(),
                ok=ok.text() if ok is not None else None,
                ok_inside=ok is not None
                and dialog.rect().contains(QRect(ok.mapTo(dialog, QPoint(0, 0)), ok.size())),
                scrolls=scroll is not None and scroll.verticalScrollBar().maximum() > 0,
            )
            qtbot.keyClick(ok, Qt.Key.Key_Return)  # Enter closes it
        finally:
            if dialog.isVisible():
                dialog.close()  # never left open, whatever went wrong

    QTimer.singleShot(0, look)
    show_error(None, message)
    assert seen["inside"] and seen["ok_inside"]
    assert seen["width"] > 600  # the words have room to be read, not a narrow column
    assert seen["ok"] == "OK" and seen["title"] == "Companion"
    assert seen["scrolls"]  # the rest of the words are there to scroll to


def shown_dialog(qtbot, title: str, widgets) -> object:  # type: ignore[no-untyped-def]
    """A dialog in the shell with ``widgets`` in its body and Save, shown and settled."""
    from ui.dialogs.shell import DialogShell

    dialog = DialogShell(title)
    for widget in widgets:
        dialog.body.addWidget(widget)
    dialog.add_button("Save", dialog.accept, "primary", default=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle()
    return dialog


def test_tab_down_a_dialog_never_leaves_a_line_cut_at_its_top(qtbot, large_text):
    """Add a reminder at 200%: Tab from the person to "When?" scrolled the body just enough
    for the date, and its top edge cut the question "What should Companion remind you of?"
    in half. The dialogs scroll on to the next whole line, as the pages do."""
    from PySide6.QtWidgets import QLineEdit

    from ui.widgets.common import label

    question = label("What should Companion remind you of? Say it in a few words of your own.")
    what = QLineEdit()
    note = label("Is it about someone? You can leave this.\nChoose them from the list.")
    day = QLineEdit()
    widgets = (question, what, note, day, label("Then choose a time."))
    dialog = shown_dialog(qtbot, "Add a reminder", widgets)
    area = dialog.scroll
    # The view ends a third of the way into the day's field.
    edge = day.mapTo(area.widget(), QPoint(0, 0)).y() + day.height() // 3
    dialog.resize(dialog.width(), dialog.height() - (area.viewport().height() - edge))
    settle()
    what.setFocus()
    settle()
    assert not in_sight(area, day)
    qtbot.keyClick(what, Qt.Key.Key_Tab)
    assert day.hasFocus()
    settle()
    assert in_sight(area, day)
    assert cut_lines(area) == []


def test_a_dialog_opened_scrolled_for_its_first_field_cuts_no_line(qtbot, large_text):
    """This week's check at 200%: it opened scrolled a few pixels for the first answer, and
    "The week starting Monday, November 30." was cut through at the top."""
    from PySide6.QtWidgets import QLineEdit

    from ui.dialogs.shell import bring_into_view
    from ui.widgets.common import label

    field = QLineEdit()
    widgets = (
        label("The week starting Monday, November 30."),
        label("A few minutes once a week. Mark what you noticed."),
        field,
        label("Changes in energy.\nTired, or restless."),
    )
    dialog = shown_dialog(qtbot, "This week's check for Sam", widgets)
    area = dialog.scroll
    # The body's view ends a few pixels above the field's bottom.
    bottom = field.mapTo(area.widget(), QPoint(0, field.height())).y()
    dialog.resize(dialog.width(), dialog.height() - (area.viewport().height() - bottom) - SPACING)
    settle()
    bring_into_view(area, field)  # as the dialog does for its first field when it opens
    settle()
    assert area.verticalScrollBar().value() > 0
    assert in_sight(area, field)
    assert cut_lines(area) == []
