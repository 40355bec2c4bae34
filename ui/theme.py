"""Colours, type and shapes: one warm light theme and one high-contrast theme.

The stylesheet is generated from a palette and the text scale, so text size
and contrast change live. Widgets ask for a look through the dynamic property
``role`` (heading, card, primary, nav…) rather than setting colours themselves.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from companion.resources import asset

BASE_POINT_SIZE = 15.0  # body text at 100%; DESIGN.md asks for 15-16 pt
MIN_TARGET_PX = 44


@dataclass(frozen=True)
class Palette:
    """The colours of one look (warm or high contrast)."""

    name: str
    window: str
    surface: str
    text: str
    muted: str
    accent: str
    on_accent: str
    border: str
    focus: str
    nav: str
    nav_checked: str
    nav_checked_text: str
    # Get help stands apart by more than colour: a thick frame, round ends and its own icon,
    # on the navigation button and around "If you are in danger now".
    help: str
    on_help: str
    help_edge: str  # the thick frame; at least 3:1 against what it sits on
    help_current: str  # Get help's fill while it is the page shown
    on_help_current: str
    gentle: str  # "it's been a while": warm, never alarm red
    on_gentle: str
    # Outlines of things you can click or type in (fields, buttons, the slider's groove):
    # at least 3:1 against every background they sit on (WCAG 1.4.11). ``border`` stays soft,
    # for cards and chart lines, which are not controls.
    edge: str


WARM = Palette(
    name="warm",
    window="#FBF7F0",
    surface="#FFFFFF",
    text="#1F1B16",
    muted="#4F463C",
    accent="#1D5B86",
    on_accent="#FFFFFF",
    border="#D9CFC1",
    focus="#1D5B86",
    nav="#F2EADF",
    nav_checked="#1D5B86",
    nav_checked_text="#FFFFFF",
    help="#7A3E00",
    on_help="#FFFFFF",
    help_edge="#7A3E00",
    help_current="#7A3E00",
    on_help_current="#FFFFFF",
    gentle="#FFF1DC",
    on_gentle="#5C3300",
    edge="#8A7B68",
)

HIGH_CONTRAST = Palette(
    name="high-contrast",
    window="#000000",
    surface="#000000",
    text="#FFFFFF",
    muted="#FFFFFF",
    accent="#FFFF00",
    on_accent="#000000",
    border="#FFFFFF",
    focus="#FFFF00",
    nav="#000000",
    nav_checked="#FFFFFF",
    nav_checked_text="#000000",
    # Black with a thick yellow frame and yellow words: unlike the yellow filled buttons.
    help="#000000",
    on_help="#FFFF00",
    help_edge="#FFFF00",
    help_current="#FFFF00",
    on_help_current="#000000",
    gentle="#000000",
    on_gentle="#FFFF00",
    edge="#FFFFFF",
)


def palette_for(high_contrast: bool) -> Palette:
    return HIGH_CONTRAST if high_contrast else WARM


def _relative_luminance(color: str) -> float:
    c = QColor(color)
    channels = []
    for value in (c.redF(), c.greenF(), c.blueF()):
        channels.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two colours."""
    a, b = _relative_luminance(foreground), _relative_luminance(background)
    light, dark = max(a, b), min(a, b)
    return (light + 0.05) / (dark + 0.05)


def text_pairs(p: Palette) -> list[tuple[str, str, str]]:
    """Every (what, foreground, background) pair the theme draws text with."""
    return [
        ("body", p.text, p.window),
        ("card", p.text, p.surface),
        ("muted", p.muted, p.window),
        ("muted on card", p.muted, p.surface),
        ("primary button", p.on_accent, p.accent),
        ("navigation", p.text, p.nav),
        ("current page", p.nav_checked_text, p.nav_checked),
        ("get help", p.on_help, p.help),
        ("get help, while it is the page shown", p.on_help_current, p.help_current),
        ("gentle note", p.on_gentle, p.gentle),
        ("link", p.accent, p.surface),
        ("link on the page", p.accent, p.window),
        ("placeholder and disabled", p.muted, p.surface),
        ("selected in a list", p.on_accent, p.accent),
        ("tool tip", p.text, p.surface),
    ]


def focus_ring_on_fill(p: Palette, fill: str) -> str:
    """The focus ring around a filled button (primary, Get help, the current page).

    The usual ring colour can be the fill itself (the current page is drawn in the accent),
    so a filled button gets whichever of the focus and text colours stands out more from
    its fill; the ring is drawn double, with a gap of the background between its lines.
    """
    return max((p.focus, p.text), key=lambda ring: contrast_ratio(ring, fill))


def edge_pairs(p: Palette) -> list[tuple[str, str, str]]:
    """Every (what, outline, background) pair that must reach 3:1 (WCAG 1.4.11, 2.4.11)."""
    grounds = {"page": p.window, "card": p.surface, "navigation": p.nav}
    pairs: list[tuple[str, str, str]] = []
    for where, ground in grounds.items():
        pairs += [
            (f"field and button outline on the {where}", p.edge, ground),
            (f"focus ring on the {where}", p.focus, ground),
            (f"check box and radio circle on the {where}", p.text, ground),
            (f"slider groove on the {where}", p.edge, ground),
            (f"slider handle on the {where}", p.text, ground),
            (f"primary button on the {where}", p.accent, ground),
            (
                f"focus ring of a filled button on the {where}",
                focus_ring_on_fill(p, p.accent),
                ground,
            ),
        ]
    pairs += [
        ("focus ring of the current page", focus_ring_on_fill(p, p.nav_checked), p.nav),
        ("current page", p.nav_checked, p.nav),
        ("Get help's frame", p.help_edge, p.nav),
        ("Get help's frame on a dialog", p.help_edge, p.window),
        ("frame of 'If you are in danger now' on the page", p.help_edge, p.window),
        ("frame of 'If you are in danger now' around its card", p.help_edge, p.surface),
        ("focus ring of Get help", focus_ring_on_fill(p, p.help), p.nav),
        ("focus ring of Get help on a dialog", focus_ring_on_fill(p, p.help), p.window),
        (
            "focus ring of Get help while it is the page shown",
            focus_ring_on_fill(p, p.help_current),
            p.nav,
        ),
        ("field outline, inside", p.edge, p.surface),
        ("ticked check box", p.accent, p.surface),
        ("error box outline", p.on_gentle, p.gentle),
    ]
    return pairs


_ARROW_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="{color}" '
    'stroke-width="3" stroke-linecap="round" stroke-linejoin="round"><path d="{path}"/></svg>'
)
_arrow_folder: Path | None = None


def _spin_arrow(color: str, *, up: bool) -> str:
    """A chevron for a spin button, in the theme's colour, as a file the style sheet can name.

    Style sheets take images only from files, and the arrows follow the palette, so they are
    drawn once per process into a private temporary folder (no personal data in them).
    """
    global _arrow_folder
    if _arrow_folder is None:
        _arrow_folder = Path(tempfile.mkdtemp(prefix="companion-arrows-"))
        atexit.register(shutil.rmtree, _arrow_folder, True)
    path = _arrow_folder / f"{'up' if up else 'down'}-{color.lstrip('#')}.svg"
    if not path.exists():
        shape = "M6 15l6-6 6 6" if up else "M6 9l6 6 6-6"
        path.write_text(_ARROW_SVG.format(color=color, path=shape), encoding="utf-8")
    return path.as_posix()


def point_size(scale_percent: int, factor: float = 1.0) -> float:
    return round(BASE_POINT_SIZE * factor * scale_percent / 100.0, 1)


def stylesheet(p: Palette, scale_percent: int) -> str:
    body = point_size(scale_percent)
    small = point_size(scale_percent, 0.9)
    heading = point_size(scale_percent, 1.6)
    subheading = point_size(scale_percent, 1.25)
    code = point_size(scale_percent, 1.5)
    border_width = 2 if p.name == "high-contrast" else 1
    check = asset("icons", f"check-{p.name}.svg").as_posix()
    radio = asset("icons", f"radio-{p.name}.svg").as_posix()
    chevron = asset("icons", f"chevron-{p.name}.svg").as_posix()
    primary_ring = focus_ring_on_fill(p, p.accent)
    current_ring = focus_ring_on_fill(p, p.nav_checked)
    help_ring = focus_ring_on_fill(p, p.help)
    help_current_ring = focus_ring_on_fill(p, p.help_current)
    # Round ends: half the height inside the frame (one line of text and padding), a little
    # less. Not half the whole height: focused, the fill is clipped inside the 6 px ring, and
    # Qt draws a clip whose two radii are taller than it with square corners (at 200% they
    # showed outside the round ring).
    help_round = int((body * 4 / 3 * 1.2 + 8) / 2)
    # Date fields open a calendar instead; their drop-down keeps the chevron.
    spin_kinds = ("QSpinBox", "QDoubleSpinBox", "QTimeEdit")
    spin = ", ".join(spin_kinds)
    spin_up = ", ".join(f"{kind}::up-button" for kind in spin_kinds)
    spin_down = ", ".join(f"{kind}::down-button" for kind in spin_kinds)
    spin_up_arrow = ", ".join(f"{kind}::up-arrow" for kind in spin_kinds)
    spin_down_arrow = ", ".join(f"{kind}::down-arrow" for kind in spin_kinds)
    arrow_up, arrow_down = _spin_arrow(p.text, up=True), _spin_arrow(p.text, up=False)
    arrow_up_off, arrow_down_off = _spin_arrow(p.muted, up=True), _spin_arrow(p.muted, up=False)
    spin_up_arrow_off = ", ".join(f"{kind}::up-arrow:disabled" for kind in spin_kinds)
    spin_down_arrow_off = ", ".join(f"{kind}::down-arrow:disabled" for kind in spin_kinds)
    return f"""
* {{ font-size: {body}pt; }}
QWidget {{ color: {p.text}; }}
QMainWindow, QDialog, QStackedWidget, QScrollArea, QScrollArea > QWidget > QWidget {{
    background: {p.window}; }}
QToolTip {{ color: {p.text}; background: {p.surface}; border: 1px solid {p.edge}; }}
QLabel {{ background: transparent; }}
QLabel[role="heading"] {{ font-size: {heading}pt; font-weight: 600; }}
QLabel[role="subheading"] {{ font-size: {subheading}pt; font-weight: 600; }}
QLabel[role="muted"] {{ color: {p.muted}; font-size: {small}pt; }}
QLabel[role="code"] {{ font-size: {code}pt; font-family: "DejaVu Sans Mono", monospace;
    font-weight: 600; letter-spacing: 2px; }}
QLabel[role="error"] {{ color: {p.on_gentle}; background: {p.gentle};
    border: {border_width}px solid {p.on_gentle}; border-radius: 8px; padding: 8px; }}
QLabel a {{ color: {p.accent}; }}
QFrame[role="card"] {{ background: {p.surface}; border: {border_width}px solid {p.border};
    border-radius: 12px; }}
QFrame[role="nav"] {{ background: {p.nav}; border: none; }}
QScrollArea, QScrollArea > QWidget > QWidget {{ background: {p.window}; border: none; }}
QScrollArea[role="top-area"] {{ border-bottom: 2px solid {p.edge}; }}
QPushButton {{ min-height: {MIN_TARGET_PX}px; min-width: {MIN_TARGET_PX}px; padding: 6px 18px;
    border: {border_width}px solid {p.edge}; border-radius: 8px; background: {p.surface};
    color: {p.text}; }}
QPushButton:hover {{ border-color: {p.accent}; }}
QPushButton:focus {{ outline: none; border: 3px solid {p.focus}; }}
QPushButton:disabled {{ color: {p.muted}; border-style: dashed; }}
QPushButton QLabel[role="button-caption"] {{ color: {p.text}; background: transparent; }}
QLabel[role="button-caption"][primary="true"] {{ color: {p.on_accent}; font-weight: 600; }}
QLabel[role="button-caption"][enabled="false"] {{ color: {p.muted}; }}
/* A filled button's outer 6 px are drawn as its border; on focus they become a double ring,
   with the background showing between its two lines, in a colour that stands out from the
   fill and the background alike (WCAG 2.4.7, 2.4.11). */
QPushButton[role="primary"] {{ background: {p.accent}; color: {p.on_accent};
    border: 6px solid {p.accent}; padding: 2px 14px;
    font-weight: 600; }}
QPushButton[role="primary"]:focus {{ border: 6px double {primary_ring};
    background-clip: padding; }}
QPushButton[role="primary"]:disabled {{ background: {p.surface}; color: {p.muted};
    border: 2px dashed {p.muted}; padding: 6px 18px; }}
QPushButton[role="nav"] {{ text-align: left; padding: 4px 10px; border: 6px solid transparent;
    background: transparent; font-weight: 600; }}
QPushButton[role="nav"]:checked {{ background: {p.nav_checked}; color: {p.nav_checked_text};
    border-color: {p.nav_checked}; }}
QPushButton[role="nav"]:focus {{ border: 6px double {p.focus}; }}
QPushButton[role="nav"]:checked:focus {{ border: 6px double {current_ring};
    background-clip: padding; }}
/* Get help: a thick frame and round ends, in both themes; never like another button. */
QPushButton[role="help"] {{ background: {p.help}; color: {p.on_help};
    border: 6px solid {p.help_edge}; border-radius: {help_round}px; font-weight: 700;
    text-align: left; padding: 4px 14px; }}
QPushButton[role="help"]:checked {{ background: {p.help_current}; color: {p.on_help_current};
    border: 6px solid {help_current_ring}; }}
QPushButton[role="help"]:focus {{ border: 6px double {help_ring};
    background-clip: padding; }}
QPushButton[role="help"]:checked:focus {{ border: 6px double {help_current_ring};
    background-clip: padding; }}
QFrame[role="danger"] {{ background: {p.surface}; border: 6px solid {p.help_edge};
    border-radius: 12px; }}
QLineEdit, QComboBox, QSpinBox, QDateEdit, QTimeEdit, QDateTimeEdit, QPlainTextEdit {{
    min-height: {MIN_TARGET_PX - 4}px; padding: 2px 10px;
    border: {border_width}px solid {p.edge}; border-radius: 6px; background: {p.surface};
    color: {p.text}; selection-background-color: {p.accent}; selection-color: {p.on_accent}; }}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QDateEdit:focus, QTimeEdit:focus,
QDateTimeEdit:focus, QPlainTextEdit:focus {{ border: 3px solid {p.focus}; }}
QComboBox::drop-down, QDateEdit::drop-down, QDateTimeEdit::drop-down {{ border: none;
    width: {MIN_TARGET_PX}px; }}
QComboBox::down-arrow, QDateEdit::down-arrow, QDateTimeEdit::down-arrow {{
    image: url("{chevron}"); width: 20px; height: 20px; }}
/* Spin buttons are real targets: minus on the left, plus on the right, each 44 px wide and
   the field's full height (the stacked 10 px arrows were too small to hit). */
{spin} {{ min-height: {MIN_TARGET_PX}px; padding: 0 {MIN_TARGET_PX + 4}px; }}
{spin_up} {{ subcontrol-origin: border;
    subcontrol-position: center right; width: {MIN_TARGET_PX}px; height: {MIN_TARGET_PX}px;
    border-left: {border_width}px solid {p.edge}; }}
{spin_down} {{ subcontrol-origin: border;
    subcontrol-position: center left; width: {MIN_TARGET_PX}px; height: {MIN_TARGET_PX}px;
    border-right: {border_width}px solid {p.edge}; }}
{spin_up_arrow} {{ image: url("{arrow_up}"); width: 20px; height: 20px; }}
{spin_down_arrow} {{ image: url("{arrow_down}"); width: 20px; height: 20px; }}
{spin_up_arrow_off} {{ image: url("{arrow_up_off}"); }}
{spin_down_arrow_off} {{ image: url("{arrow_down_off}"); }}
/* The calendar's month and year sit on its accent-coloured bar: in the bar's own words colour
   (near-black on dark blue was 2.4:1, and white on yellow in high contrast). */
QCalendarWidget QToolButton {{ color: {p.on_accent}; }}
/* Every row of a plain list (and of a combo box's list) is a target too. */
QListView::item {{ min-height: {MIN_TARGET_PX}px; }}
QComboBox QAbstractItemView {{ background: {p.surface}; color: {p.text};
    selection-background-color: {p.accent}; selection-color: {p.on_accent}; }}
QCheckBox, QRadioButton {{ min-height: {MIN_TARGET_PX}px; spacing: 12px; background: transparent;
    border: 3px solid transparent; border-radius: 6px; padding: 0 4px; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: 26px; height: 26px;
    border: 2px solid {p.text}; background: {p.surface}; }}
QCheckBox::indicator {{ border-radius: 5px; }}
QRadioButton::indicator {{ border-radius: 13px; }}
/* Ticked, the picture takes the place of the 2-px edge too (26 + 2 × 2): the box keeps its
   size, so neither it nor its words move when it is ticked. */
QCheckBox::indicator:checked {{ border: none; width: 30px; height: 30px; image: url("{check}"); }}
QRadioButton::indicator:checked {{ border: none; width: 30px; height: 30px;
    image: url("{radio}"); }}
QCheckBox:focus, QRadioButton:focus {{ outline: none; border: 3px solid {p.focus};
    border-radius: 6px; }}
QSlider {{ min-height: {MIN_TARGET_PX}px; background: transparent; }}
QSlider:focus {{ border: 3px solid {p.focus}; border-radius: 6px; }}
QSlider::groove:horizontal {{ height: 8px; background: {p.edge}; border-radius: 4px; }}
QSlider::handle:horizontal {{ width: 28px; height: 28px; margin: -10px 0;
    background: {p.accent}; border: 2px solid {p.text}; border-radius: 14px; }}
QProgressBar {{ border: 1px solid {p.edge}; border-radius: 6px; text-align: center;
    min-height: 24px; }}
QProgressBar::chunk {{ background: {p.accent}; }}
QScrollBar:vertical {{ width: {MIN_TARGET_PX}px; background: {p.window}; margin: 0;
    border: none; border-left: 1px solid {p.border}; }}
QScrollBar:horizontal {{ height: {MIN_TARGET_PX}px; background: {p.window}; margin: 0;
    border: none; border-top: 1px solid {p.border}; }}
QScrollBar::handle:vertical {{ min-height: {MIN_TARGET_PX}px; margin: 4px 8px;
    background: {p.muted}; border-radius: 8px; }}
QScrollBar::handle:horizontal {{ min-width: {MIN_TARGET_PX}px; margin: 8px 4px;
    background: {p.muted}; border-radius: 8px; }}
QScrollBar::handle:hover, QScrollBar::handle:pressed {{ background: {p.text}; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; border: none;
    background: none; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
"""


def qt_palette(p: Palette) -> QPalette:
    """The same colours for the parts of Qt that ignore stylesheets (menus, dialogs)."""
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: p.window,
        QPalette.ColorRole.WindowText: p.text,
        QPalette.ColorRole.Base: p.surface,
        QPalette.ColorRole.AlternateBase: p.window,
        QPalette.ColorRole.Text: p.text,
        QPalette.ColorRole.Button: p.surface,
        QPalette.ColorRole.ButtonText: p.text,
        QPalette.ColorRole.Highlight: p.accent,
        QPalette.ColorRole.HighlightedText: p.on_accent,
        QPalette.ColorRole.ToolTipBase: p.surface,
        QPalette.ColorRole.ToolTipText: p.text,
        QPalette.ColorRole.Link: p.accent,
        QPalette.ColorRole.PlaceholderText: p.muted,
    }
    for role, color in roles.items():
        palette.setColor(role, QColor(color))
    return palette


def apply(app: QGuiApplication, *, scale_percent: int, high_contrast: bool) -> Palette:
    p = palette_for(high_contrast)
    font = QFont(app.font())
    font.setPointSizeF(point_size(scale_percent))
    app.setFont(font)
    app.setPalette(qt_palette(p))
    if hasattr(app, "setStyleSheet"):
        app.setStyleSheet(stylesheet(p, scale_percent))
    return p
