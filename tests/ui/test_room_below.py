"""A dialog's body scrolls on to a whole line also when the focus is on the last thing in it.

At 200% text, Tab to setup's "Set up from my backup…" (the last thing in the protection step)
scrolled the body to its very end, and the heading above, "Moving from another computer?",
stayed cut through at the top edge: the body could scroll no further. Room is now made below
the end while it is needed, and goes again once it is out of sight."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit

from tests.ui.conftest import in_sight
from tests.ui.test_opening import cut_lines
from tests.ui.test_review_frame import settle, shown_dialog
from ui.dialogs.shell import body_height
from ui.widgets.common import SPACING, label


def _last_field_dialog(qtbot):  # type: ignore[no-untyped-def]
    """A body whose last thing is a field, the view ending a third of the way into it."""
    first = QLineEdit()
    heading = label("Moving from another computer?", "heading")
    words = label(
        "If you made a backup with Companion before, your data can come back from it. You need "
        "the backup file and the recovery code you wrote down for that data."
    )
    last = QLineEdit()
    dialog = shown_dialog(qtbot, "Keeping your data private", (first, heading, words, last))
    area = dialog.scroll
    edge = last.mapTo(area.widget(), QPoint(0, 0)).y() + last.height() // 3
    dialog.resize(dialog.width(), dialog.height() - (area.viewport().height() - edge))
    settle()
    first.setFocus()
    settle()
    return dialog, first, heading, last


def test_tab_to_the_last_field_leaves_no_line_cut_at_the_top(qtbot, large_text):
    dialog, first, heading, last = _last_field_dialog(qtbot)
    area = dialog.scroll
    natural = body_height(area, area.viewport().width())
    assert not in_sight(area, last)
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert last.hasFocus()
    settle()
    assert in_sight(area, last)
    assert cut_lines(area) == []  # without the room: the heading cut through
    top = heading.mapTo(area.widget(), QPoint(0, 0)).y()
    edge = area.verticalScrollBar().value()
    # Moved on past the heading, never back into the field's room below it.
    assert edge >= top + heading.height() - 1
    # The room is below the end, not counted as the body's own height.
    assert body_height(area, area.viewport().width()) == natural


def test_the_room_goes_once_scrolled_back_up(qtbot, large_text):
    dialog, first, _heading, last = _last_field_dialog(qtbot)
    area = dialog.scroll
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    settle()
    made = area.room_height()
    assert made > 0
    end_with_room = area.widget().height()
    qtbot.keyClick(last, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert first.hasFocus()
    settle()
    assert in_sight(area, first)
    assert area.room_height() == 0
    assert area.widget().height() == end_with_room - made


def test_a_body_that_fits_has_no_room_below(qtbot):
    field = QLineEdit()
    dialog = shown_dialog(qtbot, "A short question", (label("Your name?"), field))
    area = dialog.scroll
    field.setFocus()
    settle()
    assert area.verticalScrollBar().maximum() == 0
    assert area.room_height() == 0
    # The dialog was measured without it: the button is right below the field.
    bottom = field.mapTo(dialog, QPoint(0, field.height())).y()
    assert bottom <= area.mapTo(dialog, QPoint(0, area.height())).y() + SPACING
