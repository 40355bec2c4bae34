"""One dialog shell for every dialog: heading, scrolling body, error line, buttons that stay.

What every dialog gets from it, so none has to remember:
- the heading on top and the buttons at the bottom never scroll away; the body between
  them scrolls when the text is large or the screen small, and the dialog is never taller
  or wider than the screen it opens on;
- a default button, so Enter does the obvious thing;
- the first field has focus when it opens;
- Escape closes it, but asks first when something typed would be lost;
- an error line in plain words, where the person is looking (``show_error``), which the
  operations use for a ``CompanionError``.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, QSize, Qt, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QGuiApplication,
    QIcon,
    QKeyEvent,
    QResizeEvent,
    QShowEvent,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QApplication,
    QButtonGroup,
    QDialog,
    QFrame,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion.i18n import _
from ui.widgets.common import (
    SPACING,
    FlowLayout,
    button,
    label,
    set_button_text,
    set_title,
    title_words,
)


def ask_before_closing(
    dialog: QDialog,
    question: str,
    close: Callable[[], None],
    *,
    close_text: str | None = None,
    stay_text: str | None = None,
) -> QMessageBox:
    """Ask "really close?" without blocking: Escape twice never loses typing by accident.

    The question is a window-modal message box opened with ``open()``, so nothing waits on
    it (not even a test tearing the dialog down). Its buttons say what they do, never a bare
    Yes or No: "Close without saving" calls ``close``; "Go back" is the default, and Enter
    and Escape both choose it. (They are still Qt's Yes and No buttons underneath.)
    """
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title_words(dialog),
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        dialog,
    )
    leave = box.button(QMessageBox.StandardButton.Yes)
    stay = box.button(QMessageBox.StandardButton.No)
    for widget, text in (
        (leave, close_text or _("Close without saving")),
        (stay, stay_text or _("Go back")),
    ):
        widget.setText(text)
        widget.setAccessibleName(text)
        widget.setIcon(QIcon())  # Qt's green and red dots for Yes and No: words say it all
    whole_buttons(box)
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)
    box.setObjectName("ask-before-closing")

    def answered(clicked: QAbstractButton) -> None:
        if clicked is leave:
            close()

    box.buttonClicked.connect(answered)
    box.open()
    return box


def whole_buttons(box: QMessageBox) -> None:
    """Every button of a Qt message box as wide as its words: call it once they are added.

    The box works out its own fixed size as it opens, from its buttons' least widths: in the
    house style (large text, padding) the words fit only once the buttons are polished, and
    at 200% "Make a new code" was cut at its right edge."""
    box.ensurePolished()
    for widget in box.buttons():
        widget.setMinimumWidth(widget.sizeHint().width())


def unsaved_question(dialog: QDialog) -> str:
    """What closing now loses, in plain words: a choice changed is lost as much as typing."""
    title = title_words(dialog)
    if not title:
        return _("Close without saving? The changes you made here will not be kept.")
    return _(
        "Close “{window}” without saving? The changes you made in it will not be kept."
    ).format(window=title)


def close_quietly_unless_the_person_asked(dialog: QDialog, event: QCloseEvent) -> bool:
    """For ``closeEvent``: a close from the program (not the person) never asks. True if done."""
    if event.spontaneous():
        return False
    dialog.done(QDialog.DialogCode.Rejected)
    event.accept()
    return True


_ARROWS = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down)
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _ChooseWithKeys(QObject):
    """See ``choose_with_keys``."""

    def __init__(self, group: QButtonGroup) -> None:
        super().__init__(group)
        self.group = group
        for radio in group.buttons():
            radio.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            event.type() != QEvent.Type.KeyPress
            or not isinstance(event, QKeyEvent)
            or not isinstance(watched, QAbstractButton)
            or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            return False
        key = event.key()
        if key in _ARROWS and self.group.checkedButton() is None:
            watched.setChecked(True)  # Qt then moves the choice on with the focus
        elif key in _ENTER and not watched.isChecked():
            watched.setChecked(True)  # chosen; Enter again does the dialog's main action
            return True
        return False


def choose_with_keys(group: QButtonGroup) -> None:
    """Choices in a row (ages, never / sometimes / often) answer the keys a person tries.

    With nothing chosen yet, Qt's arrow keys only moved the focus (a ring on "12 to 15", but
    nothing chosen), and Enter on a choice pressed the dialog's main button: "Save the
    checklist" with the question unanswered. Now an arrow key chooses what it moves to, and
    Enter on a choice not yet made makes it. Call it once the group has its buttons.
    """
    _ChooseWithKeys(group)


class _Holder(QWidget):
    """What a ``BodyScroll`` scrolls: the body, and below it the room (``room`` pixels).

    No layout of its own: a layout would ask a ``StepStack`` (which has Qt's stacked layout)
    for its tallest step, not the one showing. Its sizes are the body's own, asked directly."""

    def __init__(self, content: QWidget) -> None:
        super().__init__()
        self.content = content
        self.room = 0
        content.setParent(self)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the body's size changed: the scroll area measures again
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        self.content.setGeometry(0, 0, self.width(), max(self.height() - self.room, 0))
        super().resizeEvent(event)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.content.sizeHint() + QSize(0, self.room)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.content.minimumSizeHint() + QSize(0, self.room)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return _height_at(self.content, width) + self.room


class BodyScroll(QScrollArea):
    """The body of a dialog: grows with the window, scrolls up and down, never sideways.

    Where the focus is on the last thing in the body, moving the top edge on to a whole line
    (``from_a_whole_line``) could take it past the body's end, and it stopped there: at 200%
    text setup's "Moving from another computer?" stayed cut through above "Set up from my
    backup…". ``scroll_to`` makes room below the end for that (a line's move at most), only
    where the body scrolls anyway, so a body that fits never has it. It goes when the window
    scrolls to a place that needs none, or once the person has scrolled it out of sight (or
    moved the focus up), so nothing on screen moves when it goes."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.holder = _Holder(widget)
        self.setWidget(self.holder)
        # Only what the person does takes the room away (the wheel, keys, the bar, the focus
        # moved): the window's own scrolling, as the layout settles, never does. Room that
        # came and went with it, each change moving the range, scrolled it back and forth.
        self.verticalScrollBar().actionTriggered.connect(self._scrolled_by_the_person)

    def room_height(self) -> int:
        return self.holder.room

    def scroll_to(self, value: int) -> None:
        """The top edge at ``value``; a little past the body's own end is made room for, and
        the room is what that needs, no more: where the body fits, there is none."""
        bar = self.verticalScrollBar()
        end = body_end(self)
        over = value - end
        # Room for a line's move (a heading's line at 200% is ~60 px), never a screen of it.
        room = over if end > 0 and 0 < over <= self.viewport().height() // 3 else 0
        if room != self.room_height():
            self._set_room(room)
        bar.setValue(max(0, min(value, bar.maximum())))

    def _set_room(self, height: int) -> None:
        self.holder.room = height
        self.holder.updateGeometry()
        QApplication.sendEvent(self, QEvent(QEvent.Type.LayoutRequest))  # the range, now

    def _scrolled_by_the_person(self, _action: int) -> None:
        QTimer.singleShot(0, self, self.drop_room_out_of_sight)  # once the bar has moved

    def drop_room_out_of_sight(self) -> None:
        """No room below the end once it is wholly out of sight: nothing on screen moves."""
        room = self.room_height()
        if room and self.verticalScrollBar().value() + self.viewport().height() <= (
            self.holder.height() - room
        ):
            self._set_room(0)


def scroll_area(widget: QWidget) -> BodyScroll:
    """The body of a dialog (see ``BodyScroll``)."""
    return BodyScroll(widget)


def _height_at(widget: QWidget, width: int) -> int:
    height = widget.heightForWidth(width) if widget.hasHeightForWidth() else -1
    return height if height >= 0 else widget.sizeHint().height()


def body_height(scroll: QScrollArea, width: int) -> int:
    """How tall the body's words and fields are at ``width``, without any room below them."""
    body = scroll.holder.content if isinstance(scroll, BodyScroll) else scroll.widget()
    return _height_at(body, width)


def body_end(scroll: QScrollArea) -> int:
    """How far the body itself scrolls: the scroll bar's end without any room below it."""
    room = scroll.room_height() if isinstance(scroll, BodyScroll) else 0
    return scroll.verticalScrollBar().maximum() - room


def scroll_within(scroll: QScrollArea, value: int) -> None:
    """The body's top edge at ``value``: past the end only where the body can make room."""
    if isinstance(scroll, BodyScroll):
        scroll.scroll_to(value)
    else:
        bar = scroll.verticalScrollBar()
        bar.setValue(max(0, min(value, bar.maximum())))


class _FitOnFirstShow(QObject):
    """Fits its dialog to the screen the first time it is shown, then goes."""

    def __init__(self, dialog: QDialog, scroll: QScrollArea) -> None:
        super().__init__(dialog)
        self.scroll = scroll
        dialog.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog):
            watched.removeEventFilter(self)
            fit_to_screen(watched, self.scroll)
            self.deleteLater()
        return False


def fit_when_first_shown(dialog: QDialog, scroll: QScrollArea) -> None:
    """For a dialog that is not a ``DialogShell`` (setup, unlock, import): the same fitting."""
    _FitOnFirstShow(dialog, scroll)


# Every dialog's footer and a card's buttons: ``FlowLayout`` itself now gives each button the
# width that keeps its words on the fewest lines and the height they need at that width.
ButtonRow = FlowLayout


class _FocusFollower(QObject):
    """Scrolls whatever gets the focus in its window into sight (see ``follow_focus``)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)  # goes with the window, and its connection with it
        self.followed = window

    def moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not shiboken6.isValid(self.followed) or new.window() is not self.followed:
            return
        if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            return  # what was clicked is in sight already
        self._show(new)
        # Again once the layout has settled: choosing "Every week" with the arrow key opens
        # the days below it, and the choice slid out of sight.
        QTimer.singleShot(0, self, lambda: self._show(new, only_if_focused=True))

    def _show(self, new: QWidget, only_if_focused: bool = False) -> None:
        if not shiboken6.isValid(new):
            return
        if only_if_focused and QApplication.focusWidget() is not new:
            return
        # A choice whose words wrap beside it (setup's "a password I will type each time")
        # is shown with its words: the round button alone left their second line cut off.
        shown = new.parentWidget() if new.property("show_with_parent") else new
        shown = shown if shown is not None else new
        parent = new.parentWidget()
        while parent is not None and not parent.isWindow():
            if isinstance(parent, QScrollArea) and parent.widget() is not None:
                if parent.widget().isAncestorOf(new):
                    # The whole of it, with a little room (Qt's ensureWidgetVisible shows
                    # only a field's text cursor: a field's edge stayed cut off).
                    # The focused widget and what is shown with it, together: while the
                    # layout settles a choice's row can be shorter than its round button.
                    place = QRect(shown.mapTo(parent.widget(), QPoint(0, 0)), shown.size())
                    place |= QRect(new.mapTo(parent.widget(), QPoint(0, 0)), new.size())
                    top = place.topLeft()
                    if place.height() + 2 * SPACING > parent.viewport().height():
                        parent.verticalScrollBar().setValue(top.y() - SPACING)  # its top
                    else:
                        half = place.height() // 2
                        bar = parent.verticalScrollBar()
                        before = bar.value()
                        parent.ensureVisible(top.x(), top.y() + half, 0, half + SPACING)
                        if bar.value() > before:
                            # Scrolled down, the top edge moves on to the next whole line, as
                            # on a page: Tab to "When?" cut the question above in half.
                            inner = parent.widget()
                            value = from_a_whole_line(parent, inner, bar.value(), top.y())
                            scroll_within(parent, value)
                    if isinstance(parent, BodyScroll):
                        parent.drop_room_out_of_sight()  # the focus went up, away from it
            parent = parent.parentWidget()


def follow_focus(window: QWidget) -> None:
    """Whatever gets the focus in ``window`` is scrolled into sight. Qt scrolls only when Tab
    moves within one scroll area: from the buttons round to the first field, Shift+Tab back
    to a choice, or an arrow key to the next choice at a step's bottom edge, the focus stayed
    out of sight and nothing showed where the keys would go."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.focusChanged.connect(_FocusFollower(window).moved)


def line_tops(words: QLabel) -> list[tuple[int, int]]:
    """Where each line of a label's wrapped words is drawn, as (top, bottom) in the label: laid
    out as Qt lays out a plain label's words (``QPainter.drawText`` with word wrap)."""
    text = words.text()
    if not text or words.textFormat() == Qt.TextFormat.RichText:
        return []
    room = words.contentsRect()
    margin = words.margin()
    room.adjust(margin, margin, -margin, -margin)
    # A line break is drawn as one (QLabel's drawText turns "\n" into U+2028, the line
    # separator); QTextLayout given "\n" as it is measured a label of eleven lines as six.
    layout = QTextLayout(text.replace("\n", "\u2028"), words.font())
    option = QTextOption()
    option.setWrapMode(
        QTextOption.WrapMode.WordWrap if words.wordWrap() else QTextOption.WrapMode.ManualWrap
    )
    option.setTextDirection(words.layoutDirection())
    layout.setTextOption(option)
    leading = words.fontMetrics().leading()
    lines: list[tuple[float, float]] = []
    height = 0.0
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(room.width())
        height = float(math.ceil(height + leading))
        line.setPosition(QPointF(0.0, height))
        lines.append((height, height + line.height()))
        height += line.height()
    layout.endLayout()
    offset = 0.0
    if words.alignment() & Qt.AlignmentFlag.AlignBottom:
        offset = room.height() - height
    elif words.alignment() & Qt.AlignmentFlag.AlignVCenter:
        offset = (room.height() - height) / 2
    return [
        (int(room.top() + offset + top), int(math.ceil(room.top() + offset + bottom)))
        for top, bottom in lines
    ]


def opening_position(scroll: QScrollArea, target: QWidget | None, root: QWidget) -> int:
    """Where a scrolling body opens, from its layout as it is now: at its top, scrolled no
    further than ``target`` (what has focus) needs to be wholly in sight, and then on to the
    next whole line, so the top edge never cuts through words. ``root`` holds the words
    that may be cut (a dialog's body, or the step showing)."""
    inner = scroll.widget()
    if target is None or not target.isVisible() or not inner.isAncestorOf(target):
        return 0
    top = target.mapTo(inner, QPoint(0, 0)).y()
    view = scroll.viewport().height()
    if target.height() + 2 * SPACING > view:
        value = top - SPACING  # too tall to be seen whole: its top
    else:
        value = top + target.height() + SPACING - view
    end = body_end(scroll)
    value = max(0, min(value, end))
    if value > 0:
        value = from_a_whole_line(scroll, root, value, top)
    # A line past the end is kept where the body can make room for it.
    limit = end + (scroll.viewport().height() // 3 if isinstance(scroll, BodyScroll) else 0)
    return max(0, min(value, limit))


def from_a_whole_line(scroll: QScrollArea, root: QWidget, value: int, limit: int) -> int:
    """``value`` moved on past a line of words it would cut, as long as that is not past
    ``limit`` (the top of what must stay in sight); or back to that line's top where that
    is only a little."""
    inner = scroll.widget()
    cut: tuple[int, QWidget] | None = None
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        top = widget.mapTo(inner, QPoint(0, 0)).y()
        if top < value < top + widget.height():
            if cut is None or widget.height() < cut[1].height():
                cut = (top, widget)  # the innermost one cut
    if cut is None:
        return value
    top, widget = cut
    cut_top, whole = top, top + widget.height()
    if isinstance(widget, QLabel):
        lines = [(top + a, top + b) for a, b in line_tops(widget)]
        for number, (line_top, line_bottom) in enumerate(lines):
            if line_bottom <= value + 1:
                continue  # wholly above the edge
            if line_top >= value - 1:
                return value  # the edge is between lines already
            cut_top = line_top
            if number + 1 < len(lines):
                whole = lines[number + 1][0]
            break
        else:
            return value  # below its last line: only its margin is cut
    if whole <= limit:
        return whole
    if value - cut_top <= SPACING:
        return cut_top  # what must be in sight still is: its margin is a little less
    return value


class OpeningHold(QObject):
    """Keeps a dialog's scrolling body where it opened until the person does something there:
    a key, a click or the wheel. Where it opens (``position``) is worked out from the layout
    as it is now, and worked out again whenever the layout changes or the focus arrives (as
    the window opens, which scrolls to what has focus), however late that comes on a busy
    computer: nothing here waits for a set time. Scrolling by anything else (a program, a
    screen reader) is left alone."""

    _ACTS = (
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    )
    _MOVES = (QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.Show, QEvent.Type.Hide)

    def __init__(self, window: QWidget, scroll: QScrollArea, position: Callable[[], int]) -> None:
        super().__init__(window)
        self.window_ = window
        self.scroll = scroll
        self.position = position
        self.held = False
        self._again_soon = False
        scroll.verticalScrollBar().rangeChanged.connect(self._keep)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            # after follow_focus's own, which scrolls to what gets the focus: now and again
            # once the layout has settled (queued before this one's, so it comes first)
            app.focusChanged.connect(self._focus_arrived)

    def hold(self) -> None:
        if not self.held:
            self.held = True
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)
        self.apply()

    def release(self) -> None:
        if self.held:
            self.held = False
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)

    def _keep(self, *_args: int) -> None:
        if self.held:
            self.apply()

    def _focus_arrived(self, _old: QWidget | None, new: QWidget | None) -> None:
        if (
            self.held
            and new is not None
            and shiboken6.isValid(self.window_)
            and new.window() is self.window_
        ):
            self.apply()
            QTimer.singleShot(0, self, self.apply)  # after follow_focus's second look

    def _apply_soon(self) -> None:
        if not self._again_soon:
            self._again_soon = True
            QTimer.singleShot(0, self, self._after_the_layout)

    def apply(self) -> None:
        if not self.held or not shiboken6.isValid(self.window_):
            return
        bar = self.scroll.verticalScrollBar()
        value = self.position()
        if bar.value() != value:
            scroll_within(self.scroll, value)
        self.scroll.horizontalScrollBar().setValue(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if not self.held or not isinstance(watched, QWidget) or not shiboken6.isValid(self.window_):
            return False
        kind = event.type()
        if kind in self._ACTS and watched.window() is self.window_:
            self.release()  # the person is here now: where the body is, is theirs
        elif kind == QEvent.Type.Hide and watched is self.window_:
            self.release()  # closed: nothing more to keep, and no filter left behind
        elif kind in self._MOVES:
            inner = self.scroll.widget()
            # The layout changed: a widget in the body moved or changed size, or the body's
            # room did (never the body itself moving: that is scrolling).
            if (watched is not inner and inner.isAncestorOf(watched)) or (
                kind == QEvent.Type.Resize and watched in (inner, self.scroll.viewport())
            ):
                self._apply_soon()  # once laid out, however many widgets moved
        return False

    def _after_the_layout(self) -> None:
        self._again_soon = False
        self.apply()


class DialogShell(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_title(self, title)
        self.first_field: QWidget | None = None
        self._opening_hold: OpeningHold | None = None
        self._fitted = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.heading = label(title, "heading")
        if self.isRightToLeft():
            # At the right like every other line, also when it starts with a name: Qt set
            # "Anne Kowalski" at the left of an Arabic dialog, as it does Latin words.
            self.heading.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        heading_box = QVBoxLayout()
        heading_box.setContentsMargins(3 * SPACING, 3 * SPACING, 3 * SPACING, SPACING)
        heading_box.addWidget(self.heading)
        outer.addLayout(heading_box)

        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(3 * SPACING, SPACING, 3 * SPACING, SPACING)
        self.body = QVBoxLayout()
        self.body.setSpacing(2 * SPACING)
        column.addLayout(self.body)
        # A stretch below, not AlignTop: with AlignTop a layout that has wrapping text gives
        # every other control only its minimum height, and they overlap at large text.
        column.addStretch(1)
        self.scroll = scroll_area(inner)
        outer.addWidget(self.scroll, 1)

        foot = QVBoxLayout()
        foot.setContentsMargins(3 * SPACING, SPACING, 3 * SPACING, 3 * SPACING)
        foot.setSpacing(SPACING)
        self.error = label("", "error")
        self.error.setAccessibleName("")
        self.error.hide()
        foot.addWidget(self.error)
        self.buttons: FlowLayout = ButtonRow()
        foot.addLayout(self.buttons)
        outer.addLayout(foot)
        follow_focus(self)

    # building -------------------------------------------------------------------------

    def add_button(
        self,
        text: str,
        slot: Callable[[], object],
        role: str | None = None,
        *,
        default: bool = False,
    ) -> QPushButton:
        widget = button(text, role)
        widget.clicked.connect(lambda _checked=False: slot())
        if default:
            widget.setDefault(True)
        self.buttons.addWidget(widget)
        return widget

    def set_texts(self, title: str) -> None:
        set_title(self, title)
        self.heading.setText(title)

    @staticmethod
    def set_button(widget: QPushButton, text: str) -> None:
        set_button_text(widget, text)

    # errors ---------------------------------------------------------------------------

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setAccessibleName(message)
        self.error.show()
        if self.isVisible():
            self._make_room_for_the_error()

    def _make_room_for_the_error(self) -> None:
        make_room_for_the_error(self, self.scroll)

    def clear_error(self) -> None:
        self.error.hide()
        self.error.setText("")

    # keys and closing -------------------------------------------------------------------

    def is_dirty(self) -> bool:
        """True when closing now would lose something the person typed."""
        return False

    def reject(self) -> None:
        if self.is_dirty():
            ask_before_closing(self, unsaved_question(self), lambda: QDialog.reject(self))
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if not close_quietly_unless_the_person_asked(self, event):
            super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Page Down and Page Up read on through the body wherever the keys are (on Close,
        say): words alone take no focus, so a long text (the parent guide) could not be
        read by keyboard. A field that uses those keys itself (a list, a text box) keeps
        them: only keys it left unused arrive here."""
        step = {
            Qt.Key.Key_PageDown: QAbstractSlider.SliderAction.SliderPageStepAdd,
            Qt.Key.Key_PageUp: QAbstractSlider.SliderAction.SliderPageStepSub,
        }.get(Qt.Key(event.key()))
        bar = self.scroll.verticalScrollBar()
        if step is not None and bar.maximum() > 0:
            bar.triggerAction(step)
            event.accept()
            return
        super().keyPressEvent(event)

    # size and focus ---------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            self.fit_to_screen()
            target = self.first_field
            if target is not None and target.isEnabled():
                target.setFocus(Qt.FocusReason.TabFocusReason)
                if self._opening_hold is None and self.scroll.widget().isAncestorOf(target):
                    bring_into_view(self.scroll, target)  # the field with the keys, in sight
        if self._opening_hold is not None:
            self._opening_hold.hold()  # the field in sight, until the person does something here

    def fit_to_screen(self) -> None:
        fit_to_screen(self, self.scroll)

    def open_at_the_start(self) -> None:
        """The body opens at its top, its words from their first line, where the first field
        (which has the focus) is still wholly in sight; else scrolled just far enough for it,
        from a whole line: scrolled to the field, the start of what to read was cut away.
        Kept so as the layout settles, until the person does something here."""
        self._opening_hold = OpeningHold(self, self.scroll, self.opening_position)

    def opening_position(self) -> int:
        return opening_position(self.scroll, self.first_field, self.scroll.widget())


def tallest(dialog: QWidget, room: QRect) -> int:
    """The most height a dialog is given: nine tenths of the screen's room, and never so much
    that its frame (the title bar a desktop adds above it) runs past the room's bottom."""
    extra = dialog.frameGeometry().height() - dialog.height()
    return max(min(int(room.height() * 0.9), room.height() - max(extra, 0)), 200)


def allow_the_least_height(dialog: QWidget, scroll: QScrollArea, width: int, limit: int) -> None:
    """A least height from the width the dialog has, never over ``limit``. Qt takes a window's
    least height from the words outside its scrolling body at their narrowest (each on many
    lines) and grows the window to it: with an error line at 200% text that was taller than
    the screen, and the window ran off its bottom with the buttons cut. Here it is what the
    layout needs at ``width``; where even that is over ``limit``, the body gives up the
    difference (as far as two lines of words) and the window is held at ``limit``."""
    outer = dialog.layout()
    if outer is None:
        return

    def least() -> int:
        if outer.hasHeightForWidth():
            return outer.totalMinimumHeightForWidth(width)
        return outer.totalMinimumSize().height()

    over = least() - limit
    if over > 0:
        body = scroll.minimumSize().height() or scroll.minimumSizeHint().height()
        floor = 2 * scroll.fontMetrics().lineSpacing()
        scroll.setMinimumHeight(max(floor, min(body, scroll.minimumSizeHint().height()) - over))
    needed = min(least(), limit)
    if dialog.minimumHeight() != needed:
        dialog.setMinimumHeight(needed)  # said by us, so Qt keeps to it, not to its own


def keep_inside_the_screen(dialog: QWidget, scroll: QScrollArea) -> None:
    """The whole window, frame and title bar too, inside the screen's room: no taller than
    ``tallest`` and moved up (or down) where it ran past an edge."""
    screen = dialog.screen() or QGuiApplication.primaryScreen()
    if screen is None or not dialog.isVisible():
        return
    room = screen.availableGeometry()
    limit = tallest(dialog, room)
    allow_the_least_height(dialog, scroll, dialog.width(), limit)
    if dialog.height() > limit:
        dialog.resize(dialog.width(), limit)
    frame = dialog.frameGeometry()
    if not room.contains(frame):
        frame.moveTop(max(min(frame.top(), room.bottom() - frame.height()), room.top()))
        frame.moveLeft(max(min(frame.left(), room.right() - frame.width()), room.left()))
        dialog.move(frame.topLeft())


def make_room_for_the_error(dialog: QWidget, scroll: QScrollArea) -> None:
    """The error line takes its room from the body: the dialog grows by as much where the
    screen allows, never past it (frame included), and the field the person is on stays in
    sight (an age not chosen at 200% scrolled the ages themselves out of view). Again once the
    layout has settled: the error's words may wrap onto more lines than first measured."""
    screen = dialog.screen() or QGuiApplication.primaryScreen()
    outer = dialog.layout()
    if screen is not None and outer is not None:
        room = screen.availableGeometry()
        limit = tallest(dialog, room)
        allow_the_least_height(dialog, scroll, dialog.width(), limit)
        wanted = (
            outer.totalHeightForWidth(dialog.width())
            if outer.hasHeightForWidth()
            else dialog.sizeHint().height()
        )
        wanted += body_height(scroll, scroll.viewport().width()) - scroll.sizeHint().height()
        height = min(max(wanted, dialog.height()), limit)
        if height > dialog.height():
            dialog.resize(dialog.width(), height)
    keep_inside_the_screen(dialog, scroll)
    _keep_the_focus_in_sight(scroll)

    def again() -> None:
        if shiboken6.isValid(dialog) and shiboken6.isValid(scroll):
            keep_inside_the_screen(dialog, scroll)
            _keep_the_focus_in_sight(scroll)

    QTimer.singleShot(0, dialog, again)


def _keep_the_focus_in_sight(scroll: QScrollArea) -> None:
    field = scroll.window().focusWidget()
    inner = scroll.widget()
    if field is not None and inner is not None and inner.isAncestorOf(field):
        bring_into_view(scroll, field)


def fit_to_screen(dialog: QDialog, scroll: QScrollArea) -> None:
    """As big as the content wants, never bigger than the screen it is on; centred."""
    screen = dialog.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    room = screen.availableGeometry()
    inner = scroll.widget()
    wanted_width = max(
        dialog.sizeHint().width(),
        inner.sizeHint().width() + 6 * SPACING,
        # never narrower than the body can be without cutting it at the side (a recovery
        # code at 200% is one long word; its hint could be read before its font was)
        inner.minimumSizeHint().width() + 6 * SPACING,
        640,
    )
    # Room for the scroll bar too: where the body scrolls, the bar never takes the words' room.
    bar = scroll.verticalScrollBar().sizeHint().width()
    width = min(wanted_width + bar, int(room.width() * 0.9))
    inner_height = body_height(scroll, width - 6 * SPACING)
    # Heading and footer at this width: a footer whose buttons wrap is taller than its hint.
    outer = dialog.layout()
    whole = (
        outer.totalHeightForWidth(width)
        if outer is not None and outer.hasHeightForWidth()
        else dialog.sizeHint().height()
    )
    chrome = whole - scroll.sizeHint().height()
    limit = tallest(dialog, room)
    height = min(chrome + inner_height + 2 * SPACING, limit)
    dialog.setMaximumSize(room.width(), room.height())
    allow_the_least_height(dialog, scroll, width, limit)
    dialog.resize(width, max(height, 200))
    frame = dialog.frameGeometry()
    parent = dialog.parentWidget()
    frame.moveCenter(parent.window().frameGeometry().center() if parent else room.center())
    frame.moveTop(max(min(frame.top(), room.bottom() - frame.height()), room.top()))
    frame.moveLeft(max(min(frame.left(), room.right() - frame.width()), room.left()))
    dialog.move(frame.topLeft())


# --- steps in a scroll area (setup, unlock) ---------------------------------------------


class StepStack(QStackedWidget):
    """A stack of steps as tall as the step showing, not the tallest step: in a scroll area a
    short step then never scrolls (or opens part-way down) because a longer one exists.
    Setup and unlock both use it; it lives here so unlock need not load setup at start."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        page = self.currentWidget()
        return page is not None and page.hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        page = self.currentWidget()
        return page.heightForWidth(width) if page is not None else -1


def _scroll_to(scroll: QScrollArea, widgets: tuple[QWidget | None, ...]) -> None:
    bar = scroll.verticalScrollBar()
    bar.setValue(0)
    last: QWidget | None = None
    for widget in widgets:
        if widget is not None and shiboken6.isValid(widget) and widget.isVisible():
            scroll.ensureWidgetVisible(widget, 0, SPACING)
            last = widget
    inner = scroll.widget()
    if bar.value() > 0 and last is not None and inner is not None:
        # From a whole line, as when the focus moves: the week's check opened at 200% with
        # "The week starting Monday, November 30." cut through at its top.
        top = last.mapTo(inner, QPoint(0, 0)).y()
        scroll_within(scroll, from_a_whole_line(scroll, inner, bar.value(), top))
    scroll.horizontalScrollBar().setValue(0)  # never sideways: lines start at their edge


def bring_into_view(scroll: QScrollArea, *widgets: QWidget | None) -> None:
    """From the top of a step, scroll just enough that the widgets are in sight (the last one
    wins when not all fit): now, again once the step's layout has settled, and while the
    scroll range still changes for a moment (a slow or busy computer settles later)."""

    following = [True]

    busy = [False]

    def scroll_to_them() -> None:
        # Not again from within: the range changes as room below the end comes and goes.
        if busy[0] or not following[0] or not shiboken6.isValid(scroll):
            return
        busy[0] = True
        try:
            _scroll_to(scroll, widgets)
        finally:
            busy[0] = False

    scroll_to_them()
    QTimer.singleShot(0, scroll, scroll_to_them)
    bar = scroll.verticalScrollBar()
    follow = bar.rangeChanged.connect(lambda _low, _high: scroll_to_them())

    def stop_following(*_action: int) -> None:
        following[0] = False
        if shiboken6.isValid(bar):
            for signal, slot in ((bar.rangeChanged, follow), (bar.actionTriggered, moved)):
                try:
                    signal.disconnect(slot)
                except (RuntimeError, TypeError):
                    pass

    # Never fights the person's own scrolling: it stops at once when they scroll (wheel, keys,
    # the bar), and after a moment anyway. A person who scrolled down straight after a dialog
    # opened was pulled back to its first field while the layout still settled.
    moved = bar.actionTriggered.connect(stop_following)
    QTimer.singleShot(600, scroll, stop_following)


# --- a message with one OK (errors and plain information) --------------------------------


class MessageDialog(DialogShell):
    """A message in plain words with one OK button, in the shell like every dialog.

    Qt's message box is as narrow as 500 px and exactly as tall as its words: at 200% text a
    message of a few sentences ran past the bottom of a 768-px screen, OK with it. Here the
    words wrap across the dialog's width and scroll when they are more than the screen
    holds; OK stays in sight and has the keys, so Enter or Escape closes it."""

    def __init__(self, message: str, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(title or _("Companion"), parent)
        self.setObjectName("message")
        if not title:
            self.heading.hide()  # the title bar says "Companion"; the words say the rest
            self.setWindowTitle(_("Companion"))  # not "Companion – Companion"
        self.words = label(message)
        self.words.setAccessibleName(message)
        self.body.addWidget(self.words)
        self.setAccessibleDescription(message)
        self.ok = self.add_button(_("OK"), self.accept, "primary", default=True)
        self.first_field = self.ok


def tell(parent: QWidget | None, message: str, title: str = "") -> None:
    """Show ``message`` and wait until the person has read it and pressed OK."""
    dialog = MessageDialog(message, title, parent)
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()
