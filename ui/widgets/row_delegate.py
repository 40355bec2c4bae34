"""A list of rows of a few lines each, readable at 200% text, for any model that grows.

Each row gives its lines through ``LINES_ROLE``: a list of ``(text, kind)`` pairs, where
kind is ``"title"`` (bold), ``"body"`` or ``"muted"`` (a little smaller). The
delegate wraps every line to the list's width, so a row is as tall as its words, and
draws them right to left in Arabic. ``RowList`` is the view: one selection, Enter for a
row's main action, and as tall as its rows up to a limit (then it scrolls), so a short
list never hides a row behind a second scroll bar.

A row may also give ``BUTTON_ROLE``: the words of a button drawn in the row, at its end
(under its lines when the list is too narrow for both side by side), that one click
presses; ``RowList.button_clicked`` then says which row. The keyboard reaches the same
action through the page's own key for the chosen row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeySequence,
    QPainter,
    QPalette,
    QPen,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)
from shiboken6 import isValid

from ui.widgets.common import LIST_FOCUS_RING as FOCUS_RING
from ui.widgets.common import MIN_TARGET_PX, SPACING, FramedList

LINES_ROLE = Qt.ItemDataRole.UserRole + 100
BUTTON_ROLE = Qt.ItemDataRole.UserRole + 101  # the words of a button in the row, or None
BUTTON_PAD = (18, 6)  # px around a row button's words, as the theme's buttons
BUTTON_SHARE = 0.5  # a row button wider than this share of the row goes under its lines
Index = QModelIndex | QPersistentModelIndex
Lines = list[tuple[str, str]]
_WRAP = int(Qt.TextFlag.TextWordWrap)
# A row of a list of lines: chosen with the keyboard or the mouse, never edited, never a tree.
ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)


def lines_text(lines: Lines) -> str:
    """The lines as one plain text, for DisplayRole and a screen reader."""
    return "\n".join(text for text, _kind in lines)


class RowDelegate(QStyledItemDelegate):
    """Draws a row's lines wrapped to the view's width; the row is as tall as they need."""

    PAD = 2 * SPACING  # px around a row's words, at its sides and (unless told) above and below

    def __init__(self, view: QListView, pad_y: int = PAD) -> None:
        super().__init__(view)
        self.view = view
        self.pad_y = pad_y
        self._heights: dict[tuple[object, ...], int] = {}
        self._second_click = False
        self._fonts_for: tuple[QFont, dict[str, Any]] | None = None
        # Rows that stand for all (see RowList.set_uniform_rows), or None: each its own.
        self.samples: tuple[tuple[tuple[tuple[str, str], ...], str], ...] | None = None

    def _fonts(self, option: QStyleOptionViewItem) -> dict[str, Any]:
        font = option.font  # type: ignore[attr-defined]
        if self._fonts_for is not None and font == self._fonts_for[0]:
            return self._fonts_for[1]  # made once per text size: a row is measured often
        bold = QFont(font)
        bold.setBold(True)
        small = QFont(font)
        if small.pointSizeF() > 0:
            small.setPointSizeF(small.pointSizeF() * 0.9)  # as the theme's muted labels
        fonts = {"title": bold, "body": QFont(font), "muted": small, "key": font.key()}
        self._fonts_for = (QFont(font), fonts)
        return fonts

    def _width(self) -> int:
        return max(self.view.viewport().width() - 2 * self.view.spacing() - 2 * self.PAD, 40)

    @staticmethod
    def _lines(index: Index) -> Lines:
        lines = index.data(LINES_ROLE)
        if lines:
            return list(lines)
        return [(str(index.data(Qt.ItemDataRole.DisplayRole) or ""), "body")]

    @staticmethod
    def _button_words(index: Index) -> str:
        return str(index.data(BUTTON_ROLE) or "")

    @staticmethod
    def _button_size(font: QFont, words: str, width: int) -> tuple[QSize, bool]:
        """A row button's size, and whether it stands beside the first line (else it goes
        under the lines, as wide as its words or the row, its words wrapped if need be)."""
        metrics = QFontMetrics(font)
        pad_x, pad_y = BUTTON_PAD
        wanted = metrics.horizontalAdvance(words) + 2 * pad_x + 4
        if wanted <= width * BUTTON_SHARE:
            height = metrics.height() + 2 * pad_y + 4
            return QSize(wanted, max(MIN_TARGET_PX, height)), True
        room = max(min(wanted, width), 2 * pad_x + 8)
        used = metrics.boundingRect(0, 0, room - 2 * pad_x, 1_000_000, _WRAP, words)
        return QSize(room, max(MIN_TARGET_PX, used.height() + 2 * pad_y + 4)), False

    def _place(
        self,
        option: QStyleOptionViewItem,
        lines: Lines,
        words: str,
        left: int,
        top: int,
        width: int,
    ) -> tuple[list[tuple[QRect, str, QFont]], QRect | None, int]:
        """Where each line and the button go (left to right), and the height they take.

        The button stands at the end of the first line (a name, usually), and the lines
        after it have the row's whole width: a row is as short as its words allow."""
        fonts = self._fonts(option)
        font = option.font  # type: ignore[attr-defined]
        placed: list[tuple[QRect, str, QFont]] = []
        button: QRect | None = None
        size, beside = self._button_size(font, words, width) if words else (QSize(), False)
        room = width
        if words and beside:
            room = width - size.width() - 2 * SPACING
            button = QRect(left + width - size.width(), top, size.width(), size.height())
        y = top
        for number, (text, kind) in enumerate(lines):
            line_font = fonts.get(kind, font)
            wide = room if number == 0 else width
            height = (
                QFontMetrics(line_font)
                .boundingRect(0, 0, wide, 1_000_000, _WRAP, text or " ")
                .height()
            )
            if number == 0 and button is not None:  # side by side, centred on each other
                both = max(height, button.height())
                placed.append(
                    (QRect(left, y + (both - height) // 2, wide, height), text, line_font)
                )
                button.moveTop(y + (both - button.height()) // 2)
                height = both
            else:
                placed.append((QRect(left, y, wide, height), text, line_font))
            y += height + SPACING // 2
        y -= SPACING // 2
        if words and not beside:
            y += SPACING
            button = QRect(left, y, size.width(), size.height())
            y += size.height()
        return placed, button, y - top

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        width = self._width()
        font_key = self._fonts(option)["key"]
        if self.samples is not None and self.view.uniformItemSizes():
            key: tuple[object, ...] = (width, font_key, self.samples)
            height = self._heights.get(key)
            if height is None:
                height = max(
                    (
                        self._place(option, lines, words, 0, 0, width)[2]
                        for lines, words in self.samples
                    ),
                    default=0,
                )
                self._heights[key] = height
            return QSize(width + 2 * self.PAD, height + 2 * self.pad_y)
        lines = self._lines(index)
        words = self._button_words(index)
        key = (width, font_key, tuple(lines), words)
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > 20_000:  # a change of width or size makes all of them new
                self._heights.clear()
            height = self._place(option, lines, words, 0, 0, width)[2]
            self._heights[key] = height
        return QSize(width + 2 * self.PAD, height + 2 * self.pad_y)

    def _parts(
        self, option: QStyleOptionViewItem, index: Index
    ) -> tuple[list[tuple[QRect, str, QFont]], QRect | None]:
        """Where a row's lines and its button go, in the row (mirrored right to left)."""
        outer = option.rect  # type: ignore[attr-defined]
        rect = outer.adjusted(self.PAD, self.pad_y, -self.PAD, -self.pad_y)
        placed, button, _height = self._place(
            option,
            self._lines(index),
            self._button_words(index),
            rect.left(),
            rect.top(),
            rect.width(),
        )
        direction = option.direction  # type: ignore[attr-defined]
        return (
            [(QStyle.visualRect(direction, outer, r), text, font) for r, text, font in placed],
            None if button is None else QStyle.visualRect(direction, outer, button),
        )

    def button_rect(self, option: QStyleOptionViewItem, index: Index) -> QRect | None:
        """Where the row's button is drawn (and clicked), or None when it has none."""
        return self._parts(option, index)[1]

    def editorEvent(self, event: QEvent, model, option, index) -> bool:  # type: ignore[no-untyped-def, override]  # noqa: N802
        """One click on a row's button presses it (the row is chosen by the press). A
        double click on it presses it once, and does not also open the row."""
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress:
            self._second_click = False  # a new click, whatever the last one was
        if kind not in (QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick):
            return False
        if not self._button_words(index) or event.button() != Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            return False
        button = self.button_rect(option, index)
        if button is None or not button.contains(event.position().toPoint()):  # type: ignore[attr-defined]
            return False
        if kind == QEvent.Type.MouseButtonDblClick:
            self._second_click = True  # its release is part of the same double click
        elif self._second_click:
            self._second_click = False
        elif isinstance(self.view, RowList):
            self.view.button_clicked.emit(QModelIndex(index))
        return True

    def _paint_button(
        self, painter: QPainter, option: QStyleOptionViewItem, rect: QRect, words: str
    ) -> None:
        """A plain button in the list's own colours: the words and its edge in the text
        colour on the field colour (4.5:1 and more in both themes), on a chosen row too."""
        palette = option.palette  # type: ignore[attr-defined]
        ink = palette.color(QPalette.ColorRole.Text)
        painter.save()
        pen = QPen(ink)
        pen.setWidth(2)
        painter.setPen(pen)
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(QRectF(rect).adjusted(1, 1, -1, -1), 8, 8)
        pad_x, pad_y = BUTTON_PAD
        painter.setFont(option.font)  # type: ignore[attr-defined]
        painter.setPen(ink)
        painter.drawText(
            rect.adjusted(pad_x, pad_y, -pad_x, -pad_y),
            int(Qt.AlignmentFlag.AlignCenter) | _WRAP,
            words,
        )
        painter.restore()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else self.view.style()
        option.text = ""  # the background, selection and focus frame only; the words below
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        # Every line in the text colour, so each pair meets 4.5:1 in both themes; quieter
        # lines are smaller, not paler.
        ink = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        align = QStyle.visualAlignment(option.direction, Qt.AlignmentFlag.AlignLeft)
        placed, button = self._parts(option, index)
        painter.save()
        painter.setLayoutDirection(option.direction)
        if selected:
            # Never colour alone: the chosen row also has a thick outline in the text colour.
            pen = QPen(palette.color(QPalette.ColorRole.Text))
            pen.setWidth(3)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
        painter.setPen(ink)
        for rect, text, font in placed:
            painter.setFont(font)
            painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignTop) | _WRAP, text)
        painter.restore()
        if button is not None:
            self._paint_button(painter, option, button, self._button_words(index))


class _ResizeWatch(QObject):
    """Tells a list when the page's visible area around it changes height."""

    def __init__(self, view: RowList) -> None:
        super().__init__(view)
        self.view = view
        self.height = -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            if watched.height() != self.height:
                self.height = watched.height()
                self.view.updateGeometry()
        return False


class RowList(FramedList):
    """A list of readable rows: Tab reaches it, arrows choose, Enter does the main action.

    ``most_rows`` rows at most set its height; more scroll inside it. Long lists are laid
    out in batches, so the first rows show at once even with thousands of them.

    The chosen row is the current one, and it is always selected too: ``chosen`` is
    emitted whenever it changes, by keys or by mouse. (A click makes a row current
    before it selects it, so a page listening to Qt's ``currentChanged`` alone saw
    "nothing chosen" and hid the buttons that act on the row.) A click with Ctrl never
    leaves nothing chosen.
    """

    chosen = Signal()
    button_clicked = Signal(QModelIndex)  # the button in this row (``BUTTON_ROLE``) was clicked

    def __init__(
        self,
        most_rows: int = 6,
        on_enter: Callable[[], None] | None = None,
        on_delete: Callable[[], None] | None = None,
        parent: QWidget | None = None,
        share_of_view: float = 0.0,
        row_padding: int = RowDelegate.PAD,
    ) -> None:
        super().__init__(parent)
        self.most_rows = most_rows
        # At most this share of the page's visible height (0: no limit), but never less
        # than its tallest row: what acts on the chosen row, below the list, stays near it.
        self.share_of_view = share_of_view
        self._page_view: QWidget | None = None
        self._page_watch = _ResizeWatch(self)
        self.setItemDelegate(RowDelegate(self, row_padding))  # above and below each row's words
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setSpacing(SPACING // 2)
        self.setAlternatingRowColors(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(50)
        # Its own frame: thin at rest, a thick ring in the focus colour when the keyboard is
        # in the list, so focus shows apart from the chosen row (WCAG 2.4.7).
        self.setTabKeyNavigation(False)  # Tab leaves the list, to the buttons that act on it
        self._width_seen = -1
        if on_enter is not None:
            self.activated.connect(lambda _index: on_enter())
        if on_delete is not None:
            delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self, on_delete)
            delete.setContext(Qt.ShortcutContext.WidgetShortcut)

    def setModel(self, model) -> None:  # type: ignore[no-untyped-def, override]  # noqa: N802
        super().setModel(model)
        for signal in (
            model.rowsInserted,
            model.rowsRemoved,
            model.modelReset,
            model.dataChanged,
            model.layoutChanged,
        ):
            signal.connect(self.updateGeometry)
        # New words in a row may need more lines or fewer: Qt's list measures rows again
        # only when rows come or go, so a changed row is measured again here (batched).
        model.dataChanged.connect(self.scheduleDelayedItemsLayout)

    def selectionCommand(  # noqa: N802 - Qt's name
        self, index: Index, event: QEvent | None = None
    ) -> QItemSelectionModel.SelectionFlag:
        command = super().selectionCommand(index, event)
        unchoose = (
            QItemSelectionModel.SelectionFlag.Deselect | QItemSelectionModel.SelectionFlag.Toggle
        )
        if command & unchoose:  # Ctrl and a click or Space: the row stays chosen
            return QItemSelectionModel.SelectionFlag.NoUpdate
        return command

    def selectionChanged(  # noqa: N802 - Qt's name
        self, selected: QItemSelection, deselected: QItemSelection
    ) -> None:
        super().selectionChanged(selected, deselected)
        self.chosen.emit()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        """Arriving by Tab, the row the keys are on is chosen, as it shows: Qt left the first
        row current but not chosen, so Down chose the second and the first was skipped."""
        super().focusInEvent(event)
        index, model = self.currentIndex(), self.selectionModel()
        if index.isValid() and model is not None and not model.isSelected(index):
            model.select(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:  # type: ignore[override]  # noqa: N802
        """The current row is the chosen one; keep it in sight in the page's scroll area."""
        super().currentChanged(current, previous)
        model = self.selectionModel()
        if current.isValid() and model is not None and not model.isSelected(current):
            # a click makes the row current first and selects it after; say it at once
            model.select(
                current,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self.chosen.emit()
        if not current.isValid() or not self.hasFocus():
            return
        outer = self.parentWidget()
        while outer is not None and not isinstance(outer, QScrollArea):
            outer = outer.parentWidget()
        if isinstance(outer, QScrollArea) and outer.widget() is not None:
            rect = self.visualRect(current)
            top = self.viewport().mapTo(outer.widget(), rect.topLeft())
            bottom = self.viewport().mapTo(outer.widget(), rect.bottomLeft())
            outer.ensureVisible(top.x(), bottom.y(), 0, SPACING)
            outer.ensureVisible(top.x(), top.y(), 0, SPACING)

    def set_uniform_rows(self, samples: list[tuple[Lines, str]] | None) -> None:
        """For a long list: every row as tall as the tallest of ``samples`` (each a row's
        lines and its button's words), so Qt measures one row instead of thousands, each a
        call into Python, whenever the list is filtered or resized. None: each row as tall
        as its own words. The samples must hold the rows that need the most room."""
        delegate = self.itemDelegate()
        if not isinstance(delegate, RowDelegate):
            return
        delegate.samples = (
            None if samples is None else tuple((tuple(lines), words) for lines, words in samples)
        )
        if self.uniformItemSizes() != (samples is not None):
            self.setUniformItemSizes(samples is not None)
        self.scheduleDelayedItemsLayout()

    def current_row(self) -> int | None:
        index = self.currentIndex()
        if not index.isValid() or not self.selectionModel().isSelected(index):
            return None
        return index.row()

    def select_row(self, row: int) -> None:
        model = self.model()
        if model is None or not 0 <= row < model.rowCount():
            return
        index = model.index(row, 0)
        self.setCurrentIndex(index)
        self.scrollTo(index)

    def _rows_height(self) -> int:
        model = self.model()
        if model is None:
            return 0
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        delegate = self.itemDelegate()
        count = min(model.rowCount(), self.most_rows)
        heights = [
            delegate.sizeHint(option, model.index(row, 0)).height() + 2 * self.spacing()
            for row in range(count)
        ]
        total = sum(heights)
        page = self._page_viewport()
        if self.share_of_view > 0 and page is not None and heights:
            room = int(page.height() * self.share_of_view)
            total = min(total, max(room, max(heights)))
        return total

    def _page_viewport(self) -> QWidget | None:
        """The visible area of the page's scroll area the list sits in, if any."""
        if self.share_of_view <= 0:
            return None
        outer = self.parentWidget()
        while outer is not None and not isinstance(outer, QScrollArea):
            outer = outer.parentWidget()
        viewport = outer.viewport() if isinstance(outer, QScrollArea) else None
        if viewport is not self._page_view:
            if self._page_view is not None and isValid(self._page_view):
                self._page_view.removeEventFilter(self._page_watch)
            self._page_view = viewport
            if viewport is not None:
                viewport.installEventFilter(self._page_watch)
        return viewport

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.share_of_view > 0:
            self.updateGeometry()  # now in its page: measure against the page's height

    def sizeHint(self) -> QSize:  # noqa: N802
        frame = 2 * FOCUS_RING  # the margins around the rows, where the frame is drawn
        height = max(self._rows_height(), self.fontMetrics().height() * 2) + frame
        return QSize(super().sizeHint().width(), height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().resizeEvent(event)
        if event.size().width() != self._width_seen:
            self._width_seen = event.size().width()
            self.updateGeometry()  # words wrap differently: rows grow or shrink
