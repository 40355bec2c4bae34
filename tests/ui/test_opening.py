"""Dialogs open where a person can read them: at their top, the words from their first line,
while the field with the keys is still in sight; else scrolled only as far as that field needs,
from a whole line. Worked out from the settled layout, never after a set time."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QWidget

from tests.ui.conftest import in_sight
from ui.dialogs.recovery import RecoveryCodeDialog
from ui.dialogs.shell import line_tops
from ui.dialogs.unlock import UnlockDialog
from ui.widgets.common import SPACING

CODE = "ABCDE-FGHJK-LMNPQ-RSTVW-XYZ23"


def cut_lines(scroll: QScrollArea) -> list[str]:
    """The labels whose line of words the top edge of the body cuts through."""
    inner = scroll.widget()
    edge = scroll.verticalScrollBar().value()
    cut = []
    for words in inner.findChildren(QLabel):
        if not words.isVisible():
            continue
        top = words.mapTo(inner, QPoint(0, 0)).y()
        for a, b in line_tops(words):
            if top + a < edge - 1 and top + b > edge + 1:
                cut.append(words.text())
    return cut


def opens_readably(scroll: QScrollArea, field: QWidget) -> bool:
    """The field in sight; at the top where the field fits there, else no line cut (unless
    the body is scrolled to its very end for the field: it can go no further)."""
    if not in_sight(scroll, field):
        return False
    bar = scroll.verticalScrollBar()
    bottom = field.mapTo(scroll.widget(), QPoint(0, field.height())).y()
    if bottom + SPACING <= scroll.viewport().height():
        return bar.value() == 0
    return not cut_lines(scroll) or bar.value() == bar.maximum()


def test_the_recovery_code_opens_at_its_top_with_the_tick_box_focused(qtbot, large_text):
    """At 200% text it opened scrolled to "I have written it down", the explanation's
    start cut away; the tick box keeps the keys (Enter ticks it)."""
    dialog = RecoveryCodeDialog(CODE)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    kept = dialog.panel.kept
    scroll = dialog.scroll
    assert dialog.focusWidget() is kept.box
    qtbot.waitUntil(lambda: opens_readably(scroll, kept))
    # Smaller, as on a small screen: the body follows the new layout until the person acts,
    # scrolled only as far as the box needs, and from a whole line.
    for height in (dialog.height() - 80, dialog.height() - 160):
        dialog.resize(dialog.width(), height)
        qtbot.waitUntil(lambda: scroll.verticalScrollBar().maximum() > 0)
        qtbot.waitUntil(lambda: opens_readably(scroll, kept))
    assert dialog.focusWidget() is kept.box


def test_once_the_person_acts_the_body_stays_where_they_put_it(qtbot, large_text):
    dialog = RecoveryCodeDialog(CODE)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(dialog.width(), dialog.height() - 160)
    scroll = dialog.scroll
    bar = scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and opens_readably(scroll, dialog.panel.kept))
    dialog.activateWindow()  # the keys arrive (once they have, the focus moves no more)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.panel.kept.box)
    QApplication.processEvents()  # what the focus arriving set going, done
    qtbot.waitUntil(lambda: opens_readably(scroll, dialog.panel.kept))
    qtbot.keyClick(dialog.panel.kept.box, Qt.Key.Key_Space)  # ticks it: the person is here
    assert dialog.panel.kept.isChecked()
    assert dialog._opening_hold is not None and not dialog._opening_hold.held
    bar.setValue(0)  # the person reads from the top again
    dialog.panel.explanation.setText(dialog.panel.explanation.text() + " ")  # a layout change
    QApplication.processEvents()
    assert bar.value() == 0  # not pulled back to where it opened


def test_unlock_opens_with_its_first_sentence_while_the_field_is_in_sight(
    qtbot, passphrase_profile, large_text
):
    """German 200% on 1280x720: the first sentence was scrolled out above the password."""
    profile, _code = passphrase_profile
    dialog = UnlockDialog(profile)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    scroll = dialog.stack_scroll
    assert dialog.focusWidget() is dialog.passphrase
    qtbot.waitUntil(lambda: opens_readably(scroll, dialog.passphrase))
    for height in (dialog.height() - 60, dialog.height() - 120):
        dialog.resize(dialog.width(), height)
        qtbot.waitUntil(lambda: opens_readably(scroll, dialog.passphrase))
    assert dialog.focusWidget() is dialog.passphrase
    # The next step opens in the same way.
    qtbot.mouseClick(dialog.forgot_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: opens_readably(scroll, dialog.code))
    assert dialog.focusWidget() is dialog.code


def test_a_label_s_line_breaks_are_measured_as_drawn(qtbot) -> None:
    """Where a body opens is worked out line by line: a label with a line break after each
    item was measured as fewer, longer lines, so a "whole line" could be one cut in half."""
    words = QLabel("Your people\nYour reminders\nYour backups")
    words.setWordWrap(True)
    qtbot.addWidget(words)
    words.resize(800, words.heightForWidth(800))
    words.show()
    tops = line_tops(words)
    assert len(tops) == 3
    spacing = words.fontMetrics().lineSpacing()
    assert abs((tops[2][0] - tops[0][0]) - 2 * spacing) <= 2
