"""The icons drawn ahead for the window's first paint (ui/widgets/drawn_icons.py)."""

from __future__ import annotations

import os

from PySide6.QtGui import QImage, QPixmap

from tests.ui.conftest import python_prints
from ui.widgets import common, drawn_icons


def _pixels(pixmap: QPixmap) -> QImage:
    return pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)


def test_every_icon_of_the_first_paint_is_drawn_ahead_and_nothing_else(qapp) -> None:
    wanted = {common.drawn_icon_name(*each) for each in drawn_icons.wanted()}
    kept = {path.name for path in drawn_icons.folder().glob("*.png")}
    assert wanted == kept, (
        "an icon, a colour or an SVG changed: run `python -m ui.widgets.drawn_icons` again"
    )


def test_the_drawn_ahead_icons_are_pixel_for_pixel_what_the_svg_draws(qapp) -> None:
    for name, color, side in drawn_icons.wanted():
        read = QPixmap(str(drawn_icons.folder() / common.drawn_icon_name(name, color, side)))
        assert (read.width(), read.height()) == (side, side)
        assert _pixels(read) == _pixels(common.draw_pixmap(name, color, side)), name


def test_an_icon_not_drawn_ahead_is_drawn_from_its_svg(qapp) -> None:
    drawn = common._pixmap("lock", "#123456", 40)
    assert _pixels(drawn) == _pixels(common.draw_pixmap("lock", "#123456", 40))
    assert not _pixels(drawn).isNull()


def test_a_changed_svg_is_never_shown_from_an_old_file(qapp, monkeypatch) -> None:
    name, color, side = drawn_icons.wanted()[0]
    before = common.drawn_icon_name(name, color, side)
    common._svg_text.cache_clear()
    monkeypatch.setattr(
        common, "_svg_text", lambda _name: '<svg xmlns="http://www.w3.org/2000/svg"/>'
    )
    assert common.drawn_icon_name(name, color, side) != before  # no such file: drawn afresh
    blank = common._pixmap(name, color, side)
    assert _pixels(blank) == _pixels(common.draw_pixmap(name, color, side))


def test_the_window_and_its_page_buttons_load_no_svg_module() -> None:
    """Qt's SVG module is 1.7 MiB of the peak memory at start: the first paint needs none."""
    probe = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "import ui.app, ui.main_window, ui.pages.today\n"
        "from ui.widgets import common, drawn_icons\n"
        "for name, color, side in drawn_icons.wanted():\n"
        "    assert not common.icon(name, color, side).isNull()\n"
        "assert not ui.app.window_icon().isNull()\n"
        "print('PySide6.QtSvg' in sys.modules)\n"
    )
    found = python_prints(probe, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert found.strip() == "False"
