"""Small building blocks every page uses: labels with a role, cards, buttons, icons.

Each helper sets the accessible name with the visible words, so a screen
reader says what a sighted person reads.
"""

from __future__ import annotations

import zlib
from functools import cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QLocale, QObject, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QIcon,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QListView,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
    QWidgetItem,
)

from companion import i18n
from companion.i18n import _
from companion.resources import asset

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox

# Widget classes used only once a dialog or a field is made (QComboBox, QCheckBox,
# QAbstractSpinBox, QMessageBox, QStyle) are imported where they are used: PySide builds a
# class's Python enums the first time its class is imported, and these five have ~40 of them
# (QStyle's alone ~500 members), ~5.5 ms of start-up before the first paint.

SPACING = 8  # the 8-px grid
MIN_TARGET_PX = 44  # the smallest thing a person has to hit


@cache
def _svg_text(name: str) -> str:
    return asset("icons", f"{name}.svg").read_text(encoding="utf-8")


def drawn_icon_name(name: str, color: str, size: int) -> str:
    """The file name under assets/icons/drawn/ of an icon drawn ahead (see ``_pixmap``). It
    names the SVG's own checksum, so an icon whose SVG has changed since is drawn again."""
    checksum = zlib.crc32(_svg_text(name).encode("utf-8"))
    return f"{name}-{checksum:08x}-{color.lstrip('#').lower()}-{size}.png"


def _pixmap(name: str, color: str, size: int) -> QPixmap:
    """The icon drawn from its SVG in one colour, ``size`` pixels square.

    The icons the window shows before its first paint (the page buttons, the window's own) are
    read from PNG files drawn ahead by ``ui.widgets.drawn_icons`` from the same SVG, colour
    and size, pixel for pixel the same: a start then does not load Qt's SVG module (1.7 MiB of
    the peak memory at start). Any other icon is drawn from its SVG here."""
    ahead = asset("icons", "drawn", drawn_icon_name(name, color, size))
    if ahead.is_file():
        read = QPixmap(str(ahead))
        if not read.isNull():
            return read
    return draw_pixmap(name, color, size)


def draw_pixmap(name: str, color: str, size: int) -> QPixmap:
    """The icon drawn from its SVG by Qt's SVG module (imported when first needed)."""
    from PySide6.QtSvg import QSvgRenderer

    data = QByteArray(_svg_text(name).replace("currentColor", color).encode("utf-8"))
    renderer = QSvgRenderer(data)
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter)
    painter.end()
    return pixmap


def icon(name: str, color: str, size: int = 48, checked_color: str | None = None) -> QIcon:
    """An SVG icon drawn in the theme's colours (it is never shown without a word)."""
    result = QIcon(_pixmap(name, color, size))
    if checked_color:
        result.addPixmap(_pixmap(name, checked_color, size), QIcon.Mode.Normal, QIcon.State.On)
    return result


def combo_box() -> QComboBox:
    """A drop-down that does not force the page wider than the window at large text, and
    whose name can be typed with a space in it ("United K")."""
    from PySide6.QtWidgets import QComboBox

    widget = QComboBox()
    widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    widget.setMinimumContentsLength(12)
    widget.installEventFilter(_space_in_names())
    return widget


@cache
def _space_in_names() -> QObject:
    """One filter for every drop-down: see ``_SpaceInNames``."""
    return _SpaceInNames()


class _SpaceInNames(QObject):
    """Typing a choice's name in a closed drop-down, a space is part of the name.

    Qt opens the list on Space: "United K" opened it at "United" and the "K" went to the
    list, which chose the United Arab Emirates. A space typed within Qt's type-ahead interval
    of a letter is given to the type-ahead instead; on its own, Space still opens the list.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.KeyPress:
            return False
        import time

        from PySide6.QtGui import QKeyEvent
        from PySide6.QtWidgets import QApplication, QComboBox

        assert isinstance(event, QKeyEvent)

        if not isinstance(watched, QComboBox) or watched.isEditable():
            return False
        now = time.monotonic()
        last = watched.property("typed_at")  # when its last letter was typed, kept on it
        if event.key() == Qt.Key.Key_Space and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            if last is not None and now - last <= QApplication.keyboardInputInterval() / 1000:
                # As a key Qt has no case for, the space goes to the type-ahead search.
                QApplication.sendEvent(
                    watched,
                    QKeyEvent(
                        QEvent.Type.KeyPress,
                        Qt.Key.Key_unknown,
                        Qt.KeyboardModifier.NoModifier,
                        " ",
                    ),
                )
                return True
        elif event.text() and event.text().isprintable():
            watched.setProperty("typed_at", now)
        else:
            watched.setProperty("typed_at", None)
        return False


def set_role(widget: QWidget, role: str) -> None:
    widget.setProperty("role", role)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


_LEFT_RIGHT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignRight


def visual_alignment(
    direction: Qt.LayoutDirection, alignment: Qt.AlignmentFlag
) -> Qt.AlignmentFlag:
    """``QStyle.visualAlignment``, the same answer without loading QStyle at start: left and
    right swapped in a right-to-left layout (unless absolute), and made absolute."""
    if not alignment & Qt.AlignmentFlag.AlignHorizontal_Mask:
        alignment |= Qt.AlignmentFlag.AlignLeft
    if not alignment & Qt.AlignmentFlag.AlignAbsolute and alignment & _LEFT_RIGHT:
        if direction == Qt.LayoutDirection.RightToLeft:
            alignment ^= _LEFT_RIGHT
        alignment |= Qt.AlignmentFlag.AlignAbsolute
    return alignment


class _Words(QLabel):
    """Words that wrap, with room at their left in a right-to-left language.

    Qt sets a wrapped Arabic line as far left as if its trailing space were a letter, so the
    longest lines began up to a space's width and a little more (14 px at 200%) past the
    label's left edge, and their last letter was cut off there (the hamza of "إيذاء" on the
    parent view). The label keeps two spaces' width free at that edge for those letters.

    Its lines start where the page's do, whatever language the words are in: Qt aligns a
    label by its text's own direction, so a person's English note stood at the left of an
    Arabic page, every other line at the right (and Arabic words at the right of an English
    one). ``alignment()`` stays what was asked; what is drawn is that, seen from the page."""

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        self._asked = super().alignment()  # AlignLeft: where the page's lines start
        self._align_with_page()

    def setAlignment(self, alignment: Qt.AlignmentFlag) -> None:  # noqa: N802 - Qt's name
        self._asked = alignment
        self._align_with_page()

    def alignment(self) -> Qt.AlignmentFlag:
        return self._asked

    def _align_with_page(self) -> None:
        drawn = visual_alignment(self.layoutDirection(), self._asked)
        if super().alignment() != drawn:
            super().setAlignment(drawn)

    # Only these changes reach Python: an ``event()`` override sent every event of every
    # label through it (150 labels built and shown: 41 ms against 27 ms for a plain QLabel).
    # The style sheet's polish sets its margins with ``setContentsMargins``, which arrives
    # here as ``ContentsRectChange``: the room is put back after it, as before.
    _CHANGES = (
        QEvent.Type.ContentsRectChange,
        QEvent.Type.FontChange,
        QEvent.Type.LayoutDirectionChange,
        QEvent.Type.StyleChange,
    )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() in self._CHANGES:
            self._room_at_the_left()
            self._align_with_page()

    def _room_at_the_left(self) -> None:
        room = 2 * self.fontMetrics().horizontalAdvance(" ") if self.isRightToLeft() else 0
        margins = self.contentsMargins()
        if margins.left() != room:
            self.setContentsMargins(room, margins.top(), margins.right(), margins.bottom())


def label(text: str = "", role: str | None = None, *, selectable: bool = False) -> QLabel:
    widget = _Words(text)
    widget.setWordWrap(True)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        widget.setProperty("role", role)
    if selectable:
        widget.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
    widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return widget


class Lines(QWidget):
    """Lines of words, one label each (not one label with line breaks in it); ``text()`` and
    ``setText()`` as a label's, a line break between lines.

    - Where a body opens is worked out line by line (``shell.line_tops``), which measures a
      label's words as one paragraph: in one label with a line break after each item, the
      lines were measured wrong and the body opened with a line cut in half.
    - In one label a line of Latin letters (a file's name) was set as close above a line of
      Arabic as Latin lines are, and the Arabic's marks above touched it. Each line has its
      own label here, as tall as its own words, with ``spacing`` between them."""

    def __init__(
        self, lines: Sequence[str] = (), *, spacing: int = 0, selectable: bool = False
    ) -> None:
        super().__init__()
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(spacing)
        self._selectable = selectable
        self.lines: list[QLabel] = []
        self.setText("\n".join(lines))

    def setText(self, text: str) -> None:  # noqa: N802 - a label's name
        words = text.split("\n") if text else []
        while len(self.lines) < len(words):
            line = label(selectable=self._selectable)
            self._column.addWidget(line)
            self.lines.append(line)
        for line, said in zip(self.lines, words, strict=False):
            line.setText(said)
            line.show()
        for line in self.lines[len(words) :]:
            line.setText("")
            line.hide()

    def text(self) -> str:
        return "\n".join(line.text() for line in self.lines if not line.isHidden())


# Counted up whenever any button's words, font, style or direction change: a row of buttons
# (``FlowLayout``) keeps its heights per width only while this and its buttons' sizes stay.
_button_changes = 0


def _button_changed() -> None:
    global _button_changes
    _button_changes += 1


class WrapButton(QPushButton):
    """A push button whose words wrap onto a second line instead of making it too wide.

    At 200% text, "Make a new recovery code" in German is wider than the page;
    Qt's buttons never wrap, so the words live in a word-wrapped label inside.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._caption_look: tuple[bool, bool] | None = None  # (primary, enabled) last styled
        self._caption = _Caption()
        self._caption.setWordWrap(True)
        self._caption.setTextFormat(Qt.TextFormat.PlainText)
        self._caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._caption.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._caption.setProperty("role", "button-caption")
        row = QHBoxLayout(self)
        row.setContentsMargins(18, 6, 18, 6)
        row.addWidget(self._caption)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._caption.setText(text)
        _button_changed()
        self.updateGeometry()

    # The caption is styled from the button's role and state; keep it in step. Not in an
    # override of event(): Qt would call Python for every event of every button (a
    # page's first showing is hundreds of them), and the caption is polished again only
    # when its look really changed.
    def setProperty(self, name: str, value: Any) -> bool:  # noqa: N802 - Qt's name
        changed = super().setProperty(name, value)
        self._style_caption()
        return changed

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.EnabledChange:
            self._style_caption()
        super().changeEvent(event)

    def _style_caption(self) -> None:
        caption = self._caption
        primary = self.property("role") == "primary"
        enabled = self.isEnabled()
        # Remembered here, not read back: "enabled" is QWidget's own property, and the
        # caption is already disabled with its button before the style sheet is asked again.
        if self._caption_look == (primary, enabled):
            return
        self._caption_look = (primary, enabled)
        caption.setProperty("primary", primary)
        caption.setProperty("enabled", enabled)
        if caption.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
            style = caption.style()
            style.unpolish(caption)
            style.polish(caption)
            caption.forget_sizes()

    def text(self) -> str:
        return self._caption.text()

    def sizeHint(self) -> QSize:  # noqa: N802
        # As tall as the words need at the hint's own width: the caption's hint can be a
        # line short of them (Arabic at 200%), and a layout believing it cut the last off.
        hint = self.layout().sizeHint()
        height = max(hint.height(), self.heightForWidth(hint.width()), MIN_TARGET_PX)
        return QSize(hint.width(), height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        longest = self._caption.widest_word()
        return QSize(min(longest + 40, self.sizeHint().width()), MIN_TARGET_PX)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        inner = max(width - 36, 1)
        return max(self._caption.heightForWidth(inner) + 12, MIN_TARGET_PX, self.minimumHeight())


class _Caption(QLabel):
    """A button's words: each line as tall as the button's font says a line is.

    A plain label measures a line of Arabic by the Arabic font's shorter lines but draws it
    on the first font's baseline, so the bottom of the words (the hamza under alif, the tail
    of sad) was cut off, on a focused primary button most of all.

    Layouts ask for the height again and again while a page is first laid out (about 3,000
    times for Today's nine buttons before its first frame, with 58 different answers, ~40 ms
    of processor time), so each answer is kept until the words, the width, the font or the
    style change.
    """

    def __init__(self) -> None:
        super().__init__()
        self._heights: dict[tuple[int, str], int] = {}
        self._widest: tuple[str, int] | None = None  # the words, and their widest word

    def forget_sizes(self) -> None:
        self._heights.clear()
        self._widest = None
        _button_changed()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        self.forget_sizes()  # a font, style or direction change: measure again
        super().changeEvent(event)

    def widest_word(self) -> int:
        """How wide the widest word is: a button is never narrower (asked ~1,000 times too)."""
        text = self.text()
        if self._widest is None or self._widest[0] != text:
            metrics = self.fontMetrics()
            widest = max((metrics.horizontalAdvance(word) for word in text.split()), default=0)
            self._widest = (text, widest)
        return self._widest[1]

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        key = (width, self.text())
        known = self._heights.get(key)
        if known is None:
            known = self._height_for_width(width)
            if len(self._heights) > 64:  # a window resized by dragging asks at every width
                self._heights.clear()
            self._heights[key] = known
        return known

    def _height_for_width(self, width: int) -> int:
        layout = QTextLayout(self.text(), self.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        layout.setTextOption(option)
        layout.beginLayout()
        lines = 0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            lines += 1
        layout.endLayout()
        tall = max(lines, 1) * self.fontMetrics().lineSpacing()
        return max(super().heightForWidth(width), tall)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        return QSize(hint.width(), self.heightForWidth(hint.width()))


def button(text: str = "", role: str | None = None) -> QPushButton:
    widget: QPushButton = QPushButton(text) if role in ("nav", "help") else WrapButton(text)
    if role:
        widget.setProperty("role", role)
    widget.setAccessibleName(text)
    widget.setAutoDefault(True)  # Enter presses the focused button, as Space does, on pages too
    return widget


def set_button_text(widget: QPushButton, text: str, description: str = "") -> None:
    widget.setText(text)
    widget.setAccessibleName(text)
    if description:
        widget.setAccessibleDescription(description)


class TopColumn(QVBoxLayout):
    """A column that keeps its content at the top with a stretch below it.

    Not ``setAlignment(AlignTop)``: with that, a layout holding wrapping text gives every
    other control only its minimum height, so at large text controls overlap their words.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        super().addStretch(1)

    def addWidget(self, widget: QWidget, stretch: int = 0, alignment: Any = None) -> None:  # type: ignore[override]  # noqa: N802
        if alignment is None:
            self.insertWidget(self.count() - 1, widget, stretch)
        else:
            self.insertWidget(self.count() - 1, widget, stretch, alignment)

    def addLayout(self, layout: QLayout, stretch: int = 0) -> None:  # type: ignore[override]  # noqa: N802
        self.insertLayout(self.count() - 1, layout, stretch)

    def addSpacing(self, size: int) -> None:  # noqa: N802
        self.insertSpacing(self.count() - 1, size)


def column_page() -> tuple[QWidget, QVBoxLayout]:
    """A plain page for a stack of steps: a column with the grid's spacing."""
    page = QWidget()
    column = TopColumn(page)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2 * SPACING)
    return page, column


class _CaptionLabel(QLabel):
    clicked = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)


class CheckBox(QWidget):
    """A check box whose words wrap onto more lines, so large text is never cut off.

    Qt's own check box keeps its text on one line; this one pairs the box with a
    word-wrapped label that toggles it when clicked. Keyboard focus, the
    accessible name and Space all belong to the box itself.

    The box is level with the first line of the words, as on paper, not halfway down
    words on two lines; and a row taller than the words (beside a neighbour's two lines
    in a grid) keeps both at its top.
    """

    toggled = Signal(bool)

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QCheckBox  # see the top of the module

        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(SPACING)
        self.box = QCheckBox()
        self.box.toggled.connect(self.toggled.emit)
        # a dialog's focus follower shows the box with all of its words: at 200% setup's
        # "I have written it down or printed it" showed its first line only
        self.box.setProperty("show_with_parent", True)
        self.caption = _CaptionLabel()
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
        self.caption.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.caption.clicked.connect(lambda: self.box.toggle() if self.isEnabled() else None)
        self._box_column = QVBoxLayout()
        self._box_column.setContentsMargins(0, 0, 0, 0)
        self._box_column.addWidget(self.box)
        self._box_column.addStretch(1)
        row.addLayout(self._box_column)
        row.addWidget(self.caption, 1)
        self.setFocusProxy(self.box)
        self.setText(text)

    def event(self, event: QEvent) -> bool:
        # The text size or the theme changed (the box's height, the line's height), or the
        # words did: measure again before the layout places them.
        if event.type() in (
            QEvent.Type.LayoutRequest,
            QEvent.Type.Polish,
            QEvent.Type.StyleChange,
            QEvent.Type.FontChange,
            QEvent.Type.Show,
        ):
            self._line_up()
        handled = super().event(event)
        if event.type() == QEvent.Type.Resize and self.box.hasFocus():
            # The words wrapped onto another line after the keyboard came here (a slow
            # computer lays a dialog out late): bring the whole of it into sight again.
            scroll_into_sight(self)
        return handled

    def _line_up(self) -> None:
        """The middle of the box level with the middle of the words' first line: the lower
        of the two is moved down by half the difference."""
        line = self.caption.fontMetrics().height()
        box = max(self.box.sizeHint().height(), self.box.minimumHeight())
        box_top, words_top = max(line - box, 0) // 2, max(box - line, 0) // 2
        if self._box_column.contentsMargins().top() != box_top:
            self._box_column.setContentsMargins(0, box_top, 0, 0)
        if self.caption.contentsMargins().top() != words_top:
            self.caption.setContentsMargins(0, words_top, 0, 0)

    def setText(self, text: str) -> None:  # noqa: N802 - the QCheckBox name it stands in for
        self.caption.setText(text)
        self.box.setAccessibleName(text)

    def text(self) -> str:
        return self.caption.text()

    def isChecked(self) -> bool:  # noqa: N802
        return self.box.isChecked()

    def setChecked(self, checked: bool) -> None:  # noqa: N802
        self.box.setChecked(checked)

    def setAccessibleName(self, name: str) -> None:  # noqa: N802
        self.box.setAccessibleName(name)

    def accessibleName(self) -> str:  # noqa: N802
        return self.box.accessibleName()


class Card(QFrame):
    """A rounded panel with room for a few lines and one main action."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(3 * SPACING, 3 * SPACING, 3 * SPACING, 3 * SPACING)
        self.body.setSpacing(2 * SPACING)


class FlowLayout(QLayout):
    """Lays widgets in a row and wraps onto the next line when there is no room.

    Rows of buttons use it so that at 200% text they wrap instead of being clipped. Every
    row follows one rule (``size_in_row``): a widget whose words wrap is as wide as it needs
    to put them on the fewest lines the row allows ("Make a new recovery code" on one line
    when there is room, not folded in two), and as tall as its words need at the width it
    really gets (never the hint's height, which can be a line short).
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 2 * SPACING) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)
        # A row of buttons' height per width, kept while nothing it depends on changed (see
        # ``_buttons_now``): layouts ask again and again while a page is laid out (~200 times
        # before Today's first frame, ~7 ms of processor time).
        self._heights: dict[int, int] = {}
        self._heights_for: tuple[object, ...] | None = None

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt's name
        self._items.append(item)

    def addWidget(self, widget: QWidget) -> None:  # noqa: N802 - Qt's name
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        now = self._buttons_now()
        if now is None:  # not only buttons: measured every time
            return self._arrange(QRect(0, 0, width, 0), dry_run=True)
        if now != self._heights_for or len(self._heights) > 64:
            self._heights_for = now
            self._heights = {}
        known = self._heights.get(width)
        if known is None:
            known = self._heights[width] = self._arrange(QRect(0, 0, width, 0), dry_run=True)
        return known

    def _buttons_now(self) -> tuple[object, ...] | None:
        """What the row's heights depend on besides the width: which buttons, shown or not,
        their least and largest sizes, and any button's words, font or style (counted in
        ``_button_changes``). None when the row holds anything but ``WrapButton``s."""
        now: list[object] = [_button_changes]
        for item in self._items:
            widget = item.widget()
            if not isinstance(widget, WrapButton):
                return None
            now.append((widget, widget.isHidden(), widget.minimumSize(), widget.maximumSize()))
        return tuple(now)

    def invalidate(self) -> None:
        self._heights_for = None
        super().invalidate()

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, dry_run=False)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._items:
            widget = item.widget()
            if widget is not None and widget.isHidden():
                continue  # a hidden button takes no room (it left a blank under the restore)
            smallest = widget.minimumSizeHint() if widget is not None else item.minimumSize()
            size = size.expandedTo(smallest)
        return size

    def _arrange(self, rect: QRect, *, dry_run: bool) -> int:
        parent = self.parentWidget()
        rtl = parent is not None and parent.isRightToLeft()
        x, y, line_height = rect.x(), rect.y(), 0
        placed: list[tuple[QLayoutItem, QRect]] = []
        for item in self._items:
            widget = item.widget()
            if widget is not None and widget.isHidden():
                continue
            width, height = size_in_row(item, rect.width())
            if x + width > rect.right() + 1 and line_height > 0:
                x = rect.x()
                y += line_height + self._spacing
                line_height = 0
            placed.append((item, QRect(QPoint(x, y), QSize(width, height))))
            x += width + self._spacing
            line_height = max(line_height, height)
        if not dry_run:
            for item, geometry in placed:
                if rtl:
                    geometry.moveLeft(rect.x() + rect.right() - geometry.right())
                item.setGeometry(geometry)
        return y + line_height - rect.y()


def size_in_row(item: QLayoutItem, room: int) -> tuple[int, int]:
    """A widget's width and height in a row ``room`` px wide (``FlowLayout``'s one rule).

    Words that wrap go on as few lines as the room allows, at the narrowest width that does
    it; the height is what the words need at that width. Anything else keeps its size hint
    (narrowed to the room).
    """
    hint = item.sizeHint()
    if room <= 0:
        return hint.width(), hint.height()
    width = min(hint.width(), room)
    widget = item.widget()
    if not (widget.hasHeightForWidth() if widget is not None else item.hasHeightForWidth()):
        return width, hint.height()

    def height_at(w: int) -> int:  # not the item's minimum: that is its hint's height
        asked = widget.heightForWidth(w) if widget is not None else item.heightForWidth(w)
        least = widget.minimumHeight() if widget is not None else 0
        return max(asked if asked >= 0 else hint.height(), least)

    widest = max(min(room, item.maximumSize().width()), width)
    fewest = height_at(widest)
    if height_at(width) > fewest:  # more room takes a line off: find the least that does
        low, high = width, widest
        while high - low > 1:
            middle = (low + high) // 2
            if height_at(middle) > fewest:
                low = middle
            else:
                high = middle
        width = high
    return width, height_at(width)


def clear_layout(layout: QLayout) -> None:
    """Empty a layout now: hide and detach its widgets at once, delete them later."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.setParent(None)  # type: ignore[call-overload]
            widget.deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())


LIST_FOCUS_RING = 4  # px: a list's frame while the keyboard is in it (FramedList, RowList)


class FramedList(QListView):
    """A list with a frame: thin at rest, a thick ring in the focus colour while the keyboard
    is in it (every list: People's and Reminders' rows are a ``RowList``, one of these). Its chosen row is coloured with or without the focus,
    so without the ring Tab onto it changed nothing on screen (WCAG 2.4.7)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        ring = LIST_FOCUS_RING
        self.setViewportMargins(ring, ring, ring, ring)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.Paint:
            focused = self.hasFocus()
            role = QPalette.ColorRole.Highlight if focused else QPalette.ColorRole.Text
            pen = QPen(self.palette().color(role))
            pen.setWidth(LIST_FOCUS_RING if focused else 1)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter = QPainter(self)
            painter.setPen(pen)
            inset = pen.width() // 2
            painter.drawRect(self.rect().adjusted(inset, inset, -inset - 1, -inset - 1))
            painter.end()
        return handled

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        super().focusOutEvent(event)
        self.update()


def whole_number_field(box: QAbstractSpinBox) -> QAbstractSpinBox:
    """A field for a whole number writes it, and reads it, in the digits of the words around
    it: babel (every other number in Companion) writes 30 in Arabic too, where Qt's Arabic
    wrote ٣٠ in the number fields ("٣٠ يومًا" beside "30"). Whole numbers need no separators."""
    box.setLocale(QLocale.c())
    return box


def _tab_stops_in_layout(layout: QLayout, found: list[QWidget]) -> None:
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        if item.layout() is not None:
            _tab_stops_in_layout(item.layout(), found)
            continue
        widget = item.widget()
        if widget is None:
            continue
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.focusProxy() is None:
            found.append(widget)
        # A button, a list, a drop-down or a number field is one stop; a card or a row goes on.
        leaf = isinstance(widget, QAbstractButton | QAbstractScrollArea)
        leaf = leaf or widget.inherits("QComboBox") or widget.inherits("QAbstractSpinBox")
        if not leaf and widget.layout() is not None:
            _tab_stops_in_layout(widget.layout(), found)


def tab_in_reading_order(root: QWidget) -> None:
    """Tab goes through ``root``'s controls in the order they are read, top to bottom.

    Qt puts a widget made later at the end of the window's Tab order: rows a page draws
    again on each change (the things planned in a week, the rules, the files places came
    from) came after everything else, and Tab jumped from the last button back up the page.
    Call it after drawing such rows; it follows the layouts, so right to left as well."""
    found: list[QWidget] = []
    layout = root.layout()
    if layout is not None:
        _tab_stops_in_layout(layout, found)
    for before, after in zip(found, found[1:], strict=False):
        QWidget.setTabOrder(before, after)


def show_error(parent: QWidget | None, message: str, title: str = "") -> None:
    """A plain-words message with one OK button; never a traceback. In the dialog shell, so a
    long message scrolls above an OK that stays in sight (``ui.dialogs.shell.tell``)."""
    from ui.dialogs.shell import tell

    tell(parent, message, title)


def window_title(page: str) -> str:
    """The window's title, "{page} – Companion", reading right in right-to-left languages too.

    Today's title is a greeting with a name ("مساء الخير، Salma"): the name and "– Companion"
    ran together into one left-to-right piece, so the dash and the Arabic comma came out of
    order. The page's own words are kept whole (a first-strong isolate) and a right-to-left
    mark starts the title, so the window's title bar reads it from the right.
    """
    if i18n.is_rtl():
        page = i18n.in_own_direction(page)
        return "\u200f" + _("{page} – Companion").format(page=page)
    return _("{page} – Companion").format(page=page)


def set_title(dialog: QWidget, words: str) -> None:
    """The dialog's title bar says "{words} – Companion" like the main window's, right to left
    in Arabic too (left to Qt it was "{words} — Companion", and in Arabic Companion first);
    questions about the dialog name it by its own words."""
    dialog.setProperty("title_words", words)
    dialog.setWindowTitle(window_title(words) if words else "")


def title_words(dialog: QWidget) -> str:
    """The dialog's own title, without "– Companion"."""
    words = dialog.property("title_words")
    return str(words) if words else dialog.windowTitle()


def scroll_into_sight(widget: QWidget) -> None:
    """Every scrolling area around ``widget`` in its window scrolls to show it whole, with a
    little room above and below."""
    from PySide6.QtWidgets import QScrollArea

    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, QScrollArea) and parent.widget() is not None:
            parent.ensureWidgetVisible(widget, 0, SPACING)
        parent = parent.parentWidget()
