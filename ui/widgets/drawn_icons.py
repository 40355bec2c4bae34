"""Icons drawn ahead, as PNG files, for the window's first paint: ``python -m ui.widgets.drawn_icons``.

The page buttons' icons and the window's own are drawn from SVG files in the theme's colours.
Drawing them at start loaded Qt's SVG module, 1.7 MiB of the peak memory before Today's first
paint. The same icons, drawn by the same code at the same sizes and colours, are kept in
assets/icons/drawn/ and read as PNG (pixel for pixel the same: PNG keeps every pixel).
``ui.widgets.common._pixmap`` reads a file when there is one for that SVG, colour and size,
and draws the icon itself otherwise, so a changed SVG or colour is never shown stale, only
drawn at start again: tests/ui/test_drawn_icons.py then says to run this module again.
"""

from __future__ import annotations

import sys
from pathlib import Path

from companion.resources import asset
from ui import theme
from ui.widgets.common import draw_pixmap, drawn_icon_name

APP_ICON_SIDE = 256  # the window's icon (ui.app)
PAGE_ICON_SIDE = 48  # the page buttons' (ui.main_window._paint_icons, icon()'s size)


def wanted() -> list[tuple[str, str, int]]:
    """Every (icon, colour, side) the window draws before its first paint, in both themes."""
    from ui.pages.registry import PAGES

    found: list[tuple[str, str, int]] = [("app", theme.WARM.accent, APP_ICON_SIDE)]
    for p in (theme.WARM, theme.HIGH_CONTRAST):
        for entry in PAGES:
            if entry.key == "help":
                colors = (p.on_help, p.on_help_current)
            else:
                colors = (p.text, p.nav_checked_text)
            found += [(entry.icon, color, PAGE_ICON_SIDE) for color in colors]
    return sorted(set(found))


def folder() -> Path:
    return asset("icons", "drawn")


def write(into: Path) -> list[Path]:
    """Draw every wanted icon into ``into`` (emptied of older PNG files first)."""
    into.mkdir(parents=True, exist_ok=True)
    for old in into.glob("*.png"):
        old.unlink()
    written = []
    for name, color, side in wanted():
        path = into / drawn_icon_name(name, color, side)
        if not draw_pixmap(name, color, side).save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        written.append(path)
    return written


def main() -> int:
    from PySide6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication(sys.argv[:1])
    for path in write(folder()):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
