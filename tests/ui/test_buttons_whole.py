"""Buttons drawn whole: round Get help buttons stay round when focused, Arabic words are not
cut at a button's bottom edge, at 100% and 200% text, in both themes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from ui import theme
from ui.widgets.common import button


@pytest.fixture
def themed():
    """Apply a theme at a text size; back to the usual after."""
    app = QApplication.instance()

    def apply(scale: int, high_contrast: bool) -> theme.Palette:
        return theme.apply(app, scale_percent=scale, high_contrast=high_contrast)

    yield apply
    theme.apply(app, scale_percent=100, high_contrast=False)


def focused_in_window(qtbot, widget: QWidget, *, focused: bool = True) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    column = QVBoxLayout(window)
    column.setContentsMargins(20, 20, 20, 20)
    column.addWidget(widget)
    window.show()
    qtbot.waitExposed(window)
    if focused:
        window.activateWindow()
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus)
    return window


@pytest.mark.parametrize("high_contrast", [False, True], ids=["standard", "high-contrast"])
@pytest.mark.parametrize("scale", [100, 200])
def test_focused_get_help_button_keeps_its_round_ends(qtbot, themed, scale, high_contrast):
    """The fill showed square corners outside the double focus ring at 200%."""
    palette = themed(scale, high_contrast)
    call = button("Call 112", "help")
    window = focused_in_window(qtbot, call)
    # Grabbed with what lies around it: the window's background shows at the corners.
    image = window.grab(call.geometry()).toImage()
    fill, ground = QColor(palette.help), QColor(palette.window)
    right, bottom = image.width() - 2, image.height() - 2
    for x, y in ((1, 1), (right, 1), (1, bottom), (right, bottom)):
        assert image.pixelColor(x, y) == ground, (x, y, image.size())
    # just inside the 6 px ring, at its corners: no square corner of the fill (in high
    # contrast the fill is the window's own black, so it could not show there anyway)
    right, bottom = image.width() - 8, image.height() - 8
    for x, y in ((7, 7), (right, 7), (7, bottom), (right, bottom)):
        assert fill == ground or image.pixelColor(x, y) != fill, (x, y, image.size())
    assert image.pixelColor(9, image.height() // 2) == fill  # filled inside the ring


def inked(image: QImage, y: int) -> int:
    """How many pixels of row ``y`` are the words' ink, not the button's fill."""
    ground = image.pixelColor(0, image.height() // 2)
    count = 0
    for x in range(image.width()):
        colour = image.pixelColor(x, y)
        difference = (
            abs(colour.red() - ground.red())
            + abs(colour.green() - ground.green())
            + abs(colour.blue() - ground.blue())
        )
        count += difference > 90
    return count


@pytest.mark.parametrize("role", ["primary", None])
@pytest.mark.parametrize("scale", [100, 200])
def test_arabic_words_on_a_button_are_whole(qtbot, themed, scale, role):
    """The focused "Add someone" in Arabic lost the bottom of its words (the hamza under
    alif, the tail of sad): the words' box was measured for Latin lines."""
    themed(scale, False)
    add = button("إضافة شخص", role)
    add.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    # Not focused: a focused primary button shows the window's colour inside its ring, which
    # this count would take for ink; the words' box is the same either way.
    window = focused_in_window(qtbot, add, focused=False)
    caption = add.findChild(QWidget)
    assert caption is not None
    qtbot.waitUntil(lambda: add.height() >= add.heightForWidth(add.width()))
    box = QRect(caption.mapTo(window, QPoint(0, 0)), caption.size())
    image = window.grab(box).toImage()
    assert inked(image, image.height() // 2) > 0  # the words are there
    # nothing of them touches the top or bottom edge of their box, where they would be cut
    assert inked(image, 0) == 0
    assert inked(image, image.height() - 1) == 0
