"""Contrast measured from the theme's own colours, and targets measured on the real pages.

WCAG 2.x: text at least 4.5:1 (1.4.3); outlines of controls, focus rings and control edges
at least 3:1 (1.4.11); focus visible on every button, filled ones too (2.4.7); targets at
least 44 x 44 px (2.5.5), at 100%, 150% and 200% text.
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QSpinBox,
    QStyle,
    QStyleOptionSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from companion import demo
from ui import theme
from ui.main_window import PAGES

PALETTES = [theme.WARM, theme.HIGH_CONTRAST]
SCALES = [100, 150, 200]


@pytest.mark.parametrize(
    ("foreground", "background", "expected"),
    [
        ("#000000", "#FFFFFF", 21.0),
        ("#FFFFFF", "#FFFFFF", 1.0),
        ("#777777", "#FFFFFF", 4.48),  # the classic near miss
        ("#767676", "#FFFFFF", 4.54),  # the lightest grey that passes on white
        ("#595959", "#FFFFFF", 7.0),
        ("#949494", "#FFFFFF", 3.03),
        ("#FFFF00", "#000000", 19.56),
        ("#0000FF", "#FFFFFF", 8.59),
    ],
)
def test_contrast_ratio_matches_wcag_reference_pairs(foreground, background, expected):
    assert theme.contrast_ratio(foreground, background) == pytest.approx(expected, abs=0.01)
    assert theme.contrast_ratio(background, foreground) == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize("palette", PALETTES, ids=lambda p: p.name)
def test_every_text_pair_is_at_least_4_5_to_1(palette):
    failing = [
        f"{what}: {fg} on {bg} is {theme.contrast_ratio(fg, bg):.2f}:1"
        for what, fg, bg in theme.text_pairs(palette)
        if theme.contrast_ratio(fg, bg) < 4.5
    ]
    assert not failing, failing


@pytest.mark.parametrize("palette", PALETTES, ids=lambda p: p.name)
def test_every_outline_edge_and_focus_ring_is_at_least_3_to_1(palette):
    failing = [
        f"{what}: {fg} on {bg} is {theme.contrast_ratio(fg, bg):.2f}:1"
        for what, fg, bg in theme.edge_pairs(palette)
        if theme.contrast_ratio(fg, bg) < 3.0
    ]
    assert not failing, failing


def rule(sheet: str, selector: str) -> str:
    """The declarations of the rule whose selector list is exactly ``selector``."""
    sheet = re.sub(r"/\*.*?\*/", "", sheet, flags=re.S)
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", sheet):
        if selector in [s.strip() for s in selectors.split(",")]:
            return body
    raise AssertionError(f"no rule for {selector}")


@pytest.mark.parametrize("palette", PALETTES, ids=lambda p: p.name)
def test_the_style_sheet_draws_the_pairs_the_test_measures(palette):
    """The pairs above are the ones the style sheet really uses, not a separate list."""
    sheet = theme.stylesheet(palette, 100)
    assert re.search(rf"border: \d+px solid {palette.edge}", rule(sheet, "QPushButton"))
    assert re.search(rf"border: \d+px solid {palette.edge}", rule(sheet, "QLineEdit"))
    assert f"border: 3px solid {palette.focus}" in rule(sheet, "QLineEdit:focus")
    assert f"border: 3px solid {palette.focus}" in rule(sheet, "QPushButton:focus")
    assert f"border: 2px solid {palette.text}" in rule(sheet, "QCheckBox::indicator")
    assert f"background: {palette.edge}" in rule(sheet, "QSlider::groove:horizontal")
    assert f"color: {palette.muted}" in rule(sheet, 'QLabel[role="muted"]')
    assert f"color: {palette.on_accent}" in rule(sheet, 'QPushButton[role="primary"]')
    assert f"color: {palette.nav_checked_text}" in rule(sheet, 'QPushButton[role="nav"]:checked')


@pytest.mark.parametrize("palette", PALETTES, ids=lambda p: p.name)
@pytest.mark.parametrize(
    ("selector", "fill_of"),
    [
        ('QPushButton[role="primary"]:focus', "accent"),
        ('QPushButton[role="nav"]:checked:focus', "nav_checked"),
        ('QPushButton[role="help"]:focus', "help"),
        ('QPushButton[role="help"]:checked:focus', "help_current"),
    ],
)
def test_filled_buttons_show_a_focus_ring_unlike_their_fill(palette, selector, fill_of):
    """The current page and filled buttons had no visible focus: the ring was their fill."""
    fill = getattr(palette, fill_of)
    body = rule(theme.stylesheet(palette, 100), selector)
    found = re.search(r"border: (\d+)px (double|solid) (#[0-9A-Fa-f]{6})", body)
    assert found, body
    width, style, ring = int(found[1]), found[2], found[3]
    assert ring.upper() != fill.upper()
    assert style == "double" and width >= 6  # two lines with the background between them
    # The fill stops inside the ring, so the page or navigation shows between its lines.
    assert "background-clip: padding" in body
    for ground in (palette.window, palette.surface, palette.nav):
        assert theme.contrast_ratio(ring, ground) >= 3.0


def border(body: str) -> tuple[int, str, str]:
    found = re.search(r"border: (\d+)px (solid|double) (#[0-9A-Fa-f]{6})", body)
    assert found, body
    return int(found[1]), found[2], found[3].upper()


def radius(body: str) -> int:
    found = re.search(r"border-radius: (\d+)px", body)
    assert found, body
    return int(found[1])


@pytest.mark.parametrize("palette", PALETTES, ids=lambda p: p.name)
@pytest.mark.parametrize("scale", SCALES)
def test_get_help_stands_apart_by_more_than_colour(palette, scale):
    """In high contrast Get help was a yellow button like every primary one; now, in both
    themes, it has a thick frame and round ends that no other button has."""
    sheet = theme.stylesheet(palette, scale)
    help_rule = rule(sheet, 'QPushButton[role="help"]')
    width, style, colour = border(help_rule)
    assert width >= 6 and style == "solid" and colour == palette.help_edge.upper()
    # round ends: every other button (primary ones too) keeps the plain button's corners
    assert radius(help_rule) >= 2 * radius(rule(sheet, "QPushButton"))
    assert "border-radius" not in rule(sheet, 'QPushButton[role="primary"]')
    # round ends, not a circle: never more than half the smallest button's height
    assert radius(help_rule) * 2 <= theme.point_size(scale) * 4 / 3 * 1.2 + 20
    # and it is no primary button, even by colour
    assert (palette.help, palette.on_help) != (palette.accent, palette.on_accent)
    assert (palette.help, palette.on_help) != (palette.nav_checked, palette.nav_checked_text)
    # "If you are in danger now" has a frame three times an ordinary card's
    card_width, _style, _colour = border(rule(sheet, 'QFrame[role="card"]'))
    danger_width, _style, danger_colour = border(rule(sheet, 'QFrame[role="danger"]'))
    assert danger_width >= 3 * card_width and danger_width >= 6
    assert danger_colour == palette.help_edge.upper()


# targets ---------------------------------------------------------------------------------


def spin_button_rects(box: QAbstractSpinBox):
    option = QStyleOptionSpinBox()
    box.initStyleOption(option)
    style = box.style()
    return [
        style.subControlRect(QStyle.ComplexControl.CC_SpinBox, option, part, box)
        for part in (QStyle.SubControl.SC_SpinBoxUp, QStyle.SubControl.SC_SpinBoxDown)
    ]


def controls(root: QWidget) -> list[QWidget]:
    """Every visible control a person can reach with Tab or click."""
    found = []
    kinds = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox)
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, kinds) or not widget.isVisibleTo(root):
            continue
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QAbstractSpinBox):
            continue  # the spin box's own text field: measured with its box
        found.append(widget)
    return found


def too_small(root: QWidget) -> list[str]:
    small = []
    for widget in controls(root):
        name = widget.accessibleName() or widget.objectName() or type(widget).__name__
        size = widget.size()
        if size.width() < theme.MIN_TARGET_PX or size.height() < theme.MIN_TARGET_PX:
            small.append(f"{name}: {size.width()}x{size.height()}")
        opens_calendar = getattr(widget, "calendarPopup", lambda: False)()
        if isinstance(widget, QAbstractSpinBox) and not opens_calendar:
            for rect in spin_button_rects(widget):
                if rect.width() < theme.MIN_TARGET_PX or rect.height() < theme.MIN_TARGET_PX:
                    small.append(f"{name} arrow: {rect.width()}x{rect.height()}")
    return small


@pytest.mark.parametrize("high_contrast", [False, True], ids=["warm", "high-contrast"])
@pytest.mark.parametrize("scale", SCALES)
def test_spin_buttons_are_real_targets(qtbot, scale, high_contrast):
    """Spin arrows were about 10 px: now each is at least 44 x 44 at every text size."""
    theme.apply(QApplication.instance(), scale_percent=scale, high_contrast=high_contrast)
    try:
        holder = QWidget()
        qtbot.addWidget(holder)
        column = QVBoxLayout(holder)
        boxes = [QSpinBox(), QTimeEdit()]
        for box in boxes:
            column.addWidget(box)
        holder.show()
        qtbot.waitExposed(holder)
        for box in boxes:
            up, down = spin_button_rects(box)
            for rect in (up, down):
                assert rect.width() >= theme.MIN_TARGET_PX
                assert rect.height() >= theme.MIN_TARGET_PX
            assert not up.intersects(down)
            assert box.rect().contains(up) and box.rect().contains(down)
        assert too_small(holder) == []
    finally:
        theme.apply(QApplication.instance(), scale_percent=100, high_contrast=False)


@pytest.fixture
def with_demo_data(keyring_profile):
    """The sample people, reminders and plans, so the pages show their rows and buttons."""
    demo.fill(keyring_profile, datetime.now().astimezone())
    return keyring_profile


@pytest.mark.parametrize("scale", SCALES)
def test_every_control_on_every_page_is_at_least_44_px(
    with_demo_data, app_with_window, qtbot, scale
):
    app = app_with_window
    window = app.window
    app.apply_theme(scale=scale)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    problems: list[str] = []
    measured = 0
    for entry in PAGES:
        window.show_page(entry.key)
        QApplication.processEvents()
        page = window.stack.currentWidget()
        measured += len(controls(page))
        problems += [f"{entry.key}: {what}" for what in too_small(page)]
    problems += [f"navigation: {what}" for what in too_small(window.nav)]
    assert measured > 50  # the pages were really there, with their rows
    assert not problems, problems
