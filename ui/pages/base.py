"""What every page shares: a scrolling column, ``retranslate()``, and redrawing on changes."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.ops import Change, Changes
from ui.widgets.common import SPACING, TopColumn, label


def keep_in_view(widget: QWidget | None) -> None:
    """Scroll every scroll area around ``widget`` so it is in sight (for a change of focus).

    The window calls this whenever the focus moves, so Tab, a shortcut or Undo never leaves
    the focus on something scrolled out of sight. Not while a mouse button is down: what
    was clicked is in sight already, and a tall list clicked near its end must not jump.
    """
    if widget is None or QApplication.mouseButtons() != Qt.MouseButton.NoButton:
        return
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, QScrollArea) and parent.widget() is not None:
            if parent.widget().isAncestorOf(widget):
                if isinstance(widget, QAbstractItemView):
                    _show_whole_list(parent, widget)
                elif not _wholly_in_sight(parent, widget):
                    _bring_into_sight(parent, widget)
        parent = parent.parentWidget()


def _wholly_in_sight(area: QScrollArea, widget: QWidget) -> bool:
    """Already whole in the area's sight: then nothing moves (scrolled for room around it
    anyway, the page moved under the person's eyes, and its top edge could cut a line)."""
    place = widget.mapTo(area.viewport(), QPoint(0, 0))
    return area.viewport().rect().contains(QRect(place, widget.size()))


def _bring_into_sight(area: QScrollArea, widget: QWidget) -> None:
    """Scrolled to show ``widget`` with some room around it. Scrolled down, the top edge then
    moves on to the next whole line, as where a dialog opens: arriving on Energy at 200% (the
    keys on "Previous week", below the edge) cut the page's heading in half."""
    bar = area.verticalScrollBar()
    before = bar.value()
    area.ensureWidgetVisible(widget, 2 * SPACING, 2 * SPACING)
    after = bar.value()
    inner = area.widget()
    if after > before and inner is not None:
        from ui.dialogs.shell import from_a_whole_line

        top = widget.mapTo(inner, QPoint(0, 0)).y()
        bar.setValue(min(from_a_whole_line(area, inner, after, top), bar.maximum()))


def _show_whole_list(area: QScrollArea, view: QAbstractItemView) -> None:
    """A list that takes the focus is shown whole, or from its top if it is taller than the
    area: Qt's own scrolling stops as soon as the chosen row peeps in, and at 200% text the
    People list showed one person at the bottom of the window."""
    top = view.mapTo(area.widget(), QPoint(0, 0))
    x = top.x() + view.width() // 2
    area.ensureVisible(x, top.y() + view.height(), 0, 2 * SPACING)  # its bottom…
    area.ensureVisible(x, top.y(), 0, 2 * SPACING)  # …then its top, which wins
    current = view.currentIndex()
    if not current.isValid():
        return
    # …unless that hides the chosen row: a list as tall as the page shrinks with it when the
    # status line below grows (two lines at 200%), and the chosen person was cut off.
    view.scrollTo(current)
    row = view.visualRect(current)
    if row.intersects(view.viewport().rect()):
        place = view.viewport().mapTo(area.widget(), row.topLeft())
        if row.height() + 2 * SPACING > area.viewport().height():
            # A row taller than the area (a helpline at 200% on a small screen) is shown
            # from its top, where its name is: scrolled for its bottom, the name was cut off.
            bar = area.verticalScrollBar()
            bar.setValue(min(max(place.y() - 2 * SPACING, 0), bar.maximum()))
            return
        area.ensureVisible(x, place.y() + row.height() // 2, 0, row.height() // 2 + SPACING)


class PageScroll(QScrollArea):
    """A page's scroll area. Tab moves the focus without Qt's own scrolling after it: the
    window already scrolled for the new focus (``keep_in_view``), and Qt then centred a list's
    chosen row where it was taller than the area, cutting off its first lines again."""

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt's names
        return QWidget.focusNextPrevChild(self, next)


class PageColumn(QWidget):
    """What a page's scroll area holds: exactly as tall as its words need at its width.

    The scroll area makes its widget at least as tall as the widget's minimum size, and a
    column's minimum is every item's own minimum added up: a wrapping label's or button's
    is its height at the narrow width it would like (three lines where the page gives it
    room for one). Pages ended in blank space (250 px at the end of Settings at 200%, a
    column's worth at 100%). The height follows the width (``heightForWidth``) instead.
    """

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        column = self.layout()
        if column is not None and column.hasHeightForWidth():
            return QSize(hint.width(), 0)
        return hint


class Page(QWidget):
    """A page scrolls instead of clipping when the text is large or the window small.

    ``watches`` names the kinds of change the page shows. When an operation
    announces one of them, a page on screen redraws at once; a page that is
    not showing marks itself stale and redraws when it is shown again.
    """

    key = "page"
    watches: Change = Change.NONE

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stale = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = PageScroll()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        inner = PageColumn()
        self.content = TopColumn(inner)
        self.content.setContentsMargins(4 * SPACING, 4 * SPACING, 4 * SPACING, 4 * SPACING)
        self.content.setSpacing(3 * SPACING)
        self.scroll.setWidget(inner)
        outer.addWidget(self.scroll)
        self.heading = label("", "heading")
        self.heading.setAccessibleName("")
        self.content.addWidget(self.heading)

    def title(self) -> str:
        raise NotImplementedError

    def retranslate(self) -> None:
        """Set texts only: never read the database here."""
        self.heading.setText(self.title())
        self.setAccessibleName(self.title())

    def refresh(self) -> None:
        """Redraw what the page shows from the core."""

    def route(self, route: str) -> None:
        """Show a particular part of the page (see the registry's routes)."""

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(self.watches):
            self.redraw()

    def redraw(self) -> None:
        """Now if the page is showing; otherwise the next time it is shown."""
        if self.isVisible():
            self._stale = False
            self.refresh()
        else:
            self._stale = True

    @property
    def stale(self) -> bool:
        return self._stale

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    def finish_content(self) -> None:
        """The column already keeps its content at the top (see ``TopColumn``)."""
