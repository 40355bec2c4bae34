"""A row of buttons keeps its height per width only while nothing it depends on changed.

Layouts ask a ``FlowLayout`` for its height again and again while a page is laid out, so
the answers are kept; these tests ask again straight after each kind of change, before
any layout has run (as code measuring a dialog would), and expect the new height.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.widgets.common import FlowLayout, button

WIDTH = 220


@pytest.fixture(autouse=True)
def no_app_style_sheet(qapp):
    """Fonts set here, not by a style sheet another test gave the app (it would win)."""
    sheet = qapp.styleSheet()
    qapp.setStyleSheet("")
    yield
    qapp.setStyleSheet(sheet)


def row_of(*words: str) -> tuple[QWidget, FlowLayout, list]:
    """A row nested in a card's column, as on every page: a change to a button invalidates
    the card's column at once, and the row only when that column is next laid out."""
    holder = QWidget()
    row = FlowLayout()
    QVBoxLayout(holder).addLayout(row)
    buttons = [button(text) for text in words]
    for widget in buttons:
        row.addWidget(widget)
    holder.ensurePolished()
    return holder, row, buttons


def measured_afresh(row: FlowLayout, width: int = WIDTH) -> int:
    return row._arrange(QRect(0, 0, width, 0), dry_run=True)


def test_longer_words_make_the_row_taller_at_once(qtbot):
    holder, row, (first, _second) = row_of("Call", "Later")
    qtbot.addWidget(holder)
    short = row.heightForWidth(WIDTH)
    assert row.heightForWidth(WIDTH) == short == measured_afresh(row)
    first.setText("I was in touch with my sister this morning, on the telephone")
    taller = row.heightForWidth(WIDTH)
    assert taller > short
    assert taller == measured_afresh(row)


def test_a_hidden_button_and_a_bigger_font_are_measured_again(qtbot):
    holder, row, (_first, second) = row_of("Answer the questions", "Not now")
    qtbot.addWidget(holder)
    both = row.heightForWidth(120)  # too narrow for both on one line: two rows
    second.hide()
    one = row.heightForWidth(120)
    assert one < both and one == measured_afresh(row, 120)
    second.show()
    assert row.heightForWidth(120) == both == measured_afresh(row, 120)
    font = holder.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    holder.setFont(font)  # as the text size setting does
    assert row.heightForWidth(120) == measured_afresh(row, 120) > both


def test_a_button_added_or_a_taller_minimum_counts(qtbot):
    holder, row, (first,) = row_of("See all reminders")
    qtbot.addWidget(holder)
    alone = row.heightForWidth(WIDTH)
    first.setMinimumHeight(alone + 40)
    assert row.heightForWidth(WIDTH) == measured_afresh(row) >= alone + 40
    row.addWidget(button("Another idea, and a long one that will need a line of its own"))
    assert row.heightForWidth(WIDTH) == measured_afresh(row)


def test_a_row_with_anything_but_buttons_is_measured_every_time(qtbot):
    holder, row, _buttons = row_of("Plan")
    words = QLabel("Short")
    words.setWordWrap(True)
    row.addWidget(words)
    qtbot.addWidget(holder)
    before = row.heightForWidth(100)
    words.setText("Much longer words that wrap onto several lines in a narrow row")
    assert row.heightForWidth(100) == measured_afresh(row, 100) > before
