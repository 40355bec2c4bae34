"""The in-app banner: every reminder that is due shows here, with Done and Later.

It is there whatever the desktop's notifications do, and stays until the
person answers it: nothing times out. Each reminder is one row (words, then
its buttons on the same line), and the keep-in-touch suggestions are one
line that opens Today, so at 200% text the page below keeps the window.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLabel, QLayout, QLayoutItem, QVBoxLayout, QWidget

from companion.i18n import _, ngettext
from ui.widgets.common import SPACING, button, clear_layout, icon, label

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from companion.reminders import Due

SHOWN = 3  # reminder rows at most; the rest are behind "N more reminders"


def _size(widget: QWidget) -> QSize:
    """The size a widget asks for, never less than its least (a style sheet's min-height)."""
    return widget.sizeHint().expandedTo(widget.minimumSize())


class OneLine(QLayout):
    """An optional small picture, words, then buttons: all on one line where they fit.

    When the line is short the words wrap beside the buttons (two lines of words, not a
    row of words above a row of buttons); when they would need more than two lines there,
    the picture steps aside or the buttons go below the words, whichever takes less height
    (see ``_plan``). Right to left, the line is mirrored.
    """

    def __init__(
        self,
        words: QLabel,
        buttons: Sequence[QWidget],
        lead: QWidget | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setContentsMargins(0, 0, 0, 0)
        self._lead = lead
        self._words = words
        self._buttons = list(buttons)
        self._items: list[QLayoutItem] = []
        self._asked = (0, 0)  # the width and height last asked of the layouts above
        for widget in ([lead] if lead is not None else []) + [words] + self._buttons:
            self.addWidget(widget)

    # QLayout's bookkeeping -------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt's name
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt's name
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt's name
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt's name
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return self._arrange(QRect(0, 0, width, 0), dry_run=True)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt's name
        super().setGeometry(rect)
        needed = self._arrange(rect, dry_run=False)
        parent = self.parentWidget()
        if needed > rect.height() and parent is not None and self._asked != (rect.width(), needed):
            # Given less than the words need at this width (a size measured before the text
            # had its final font): the layouts above measure again, once for each size.
            self._asked = (rect.width(), needed)
            parent.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        width = self._lead_width() + self._natural_words_width() + self._buttons_width()
        width += SPACING * 2 * (len(self._shown_buttons()) + (self._lead is not None))
        return QSize(width, self.heightForWidth(width))

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt's name
        # Narrow, the words wrap and the buttons go below them: the least width is the
        # widest of those. The height is measured for the width given (heightForWidth).
        widths = [self._words.minimumSizeHint().width()]
        widths += [b.minimumSizeHint().width() for b in self._shown_buttons()]
        height = max([self._words.fontMetrics().height()] + self._button_heights())
        return QSize(max(widths), height)

    # measuring ----------------------------------------------------------------------------

    def _shown_buttons(self) -> list[QWidget]:
        return [b for b in self._buttons if not b.isHidden()]

    def _button_heights(self) -> list[int]:
        return [_size(b).height() for b in self._shown_buttons()]

    def _buttons_width(self) -> int:
        shown = self._shown_buttons()
        widths = [_size(b).width() for b in shown]
        return sum(widths) + 2 * SPACING * max(len(shown) - 1, 0)

    def _lead_width(self) -> int:
        return _size(self._lead).width() if self._lead is not None else 0

    def _natural_words_width(self) -> int:
        """The words' width on one line, unwrapped (a wrapping label's hint is narrower)."""
        words = self._words
        margins = words.contentsMargins()
        text = words.fontMetrics().horizontalAdvance(words.text())
        return text + margins.left() + margins.right() + 2 * words.margin() + 2

    def _beside_height(self, room: int) -> int | None:
        """The line's height with the words in ``room`` beside the buttons, or None when
        the words cannot go there (a word wider than the room would be cut)."""
        words = self._words
        if room <= 0 or (
            room < self._natural_words_width() and room < words.minimumSizeHint().width()
        ):
            return None
        words_height = words.heightForWidth(min(self._natural_words_width(), room))
        if words_height < 0:
            words_height = words.sizeHint().height()
        return max([words_height] + self._button_heights())

    def _plan(self, width: int) -> tuple[bool, bool]:
        """(the picture shown, the buttons beside the words) for the least height.

        Beside the buttons the words may wrap; when the small picture takes the room that
        would keep the buttons beside them, it steps aside (it only decorates the words), and
        only when that is taller still do the buttons go below the words. At 200% text in
        German the keep-in-touch line took three rows above the page this way, two now.
        """
        gap = 2 * SPACING
        buttons = self._shown_buttons()
        after = self._buttons_width() + gap if buttons else 0
        options: list[tuple[int, bool, bool]] = []  # (height, picture, beside)
        for picture in (True, False) if self._lead is not None else (False,):
            before = self._lead_width() + gap if picture else 0
            height = self._beside_height(width - before - after)
            if height is not None:
                if picture and height <= self._two_lines():
                    return True, True  # as before: the picture, the words, the buttons
                options.append((height, picture, True))
        options.append((self._stacked_height(width), self._lead is not None, False))
        _height, picture, beside = min(options, key=lambda option: option[0])
        return picture, beside

    def _two_lines(self) -> int:
        return max([2 * self._words.fontMetrics().lineSpacing() + 4] + self._button_heights())

    def _stacked_height(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), dry_run=True, plan=(True, False))

    def _arrange(self, rect: QRect, *, dry_run: bool, plan: tuple[bool, bool] | None = None) -> int:
        gap = 2 * SPACING
        width = max(rect.width(), 1)
        buttons = self._shown_buttons()
        placed: list[tuple[QWidget, QRect]] = []
        with_picture, beside = plan if plan is not None else self._plan(width)
        lead = self._lead if with_picture else None
        lead_width = self._lead_width() + gap if lead is not None else 0
        room = width - lead_width - (self._buttons_width() + gap if buttons else 0)
        natural = self._natural_words_width()
        if beside:
            # One line: the words (wrapping beside the buttons if they must), then buttons.
            words_width = min(natural, room)
            words_height = self._words.heightForWidth(words_width)
            if words_height < 0:
                words_height = self._words.sizeHint().height()
            line = max([words_height] + self._button_heights())
            x = rect.x()
            if lead is not None:
                hint = _size(lead)
                placed.append(
                    (lead, QRect(x, rect.y() + (line - hint.height()) // 2, *hint.toTuple()))
                )
                x += lead_width
            placed.append(
                (
                    self._words,
                    QRect(x, rect.y() + (line - words_height) // 2, words_width, words_height),
                )
            )
            x += words_width + gap
            for widget in buttons:
                hint = _size(widget)
                top = rect.y() + (line - hint.height()) // 2
                placed.append((widget, QRect(QPoint(x, top), hint)))
                x += hint.width() + gap
            height = line
        else:
            # Too narrow: the words take the whole line, the buttons follow below them.
            words_width = max(width - lead_width, 1)
            words_height = max(self._words.heightForWidth(words_width), 0)
            x, y = rect.x(), rect.y()
            if lead is not None:
                placed.append((lead, QRect(QPoint(x, y), _size(lead))))
                x += lead_width
            placed.append((self._words, QRect(x, y, words_width, words_height)))
            y += words_height + SPACING
            x, line = rect.x(), 0
            for widget in buttons:
                hint = _size(widget)
                button_width = min(hint.width(), width)
                button_height = hint.height()
                if button_width < hint.width() and widget.hasHeightForWidth():
                    button_height = max(button_height, widget.heightForWidth(button_width))
                if x > rect.x() and x + button_width > rect.x() + width:
                    x, y, line = rect.x(), y + line + SPACING, 0
                placed.append((widget, QRect(x, y, button_width, button_height)))
                x += button_width + gap
                line = max(line, button_height)
            height = y + line - rect.y()
        if not dry_run:
            parent = self.parentWidget()
            rtl = parent is not None and parent.isRightToLeft()
            if self._lead is not None and self._lead.isHidden() == (lead is not None):
                self._lead.setVisible(lead is not None)
            for widget, geometry in placed:
                if rtl:
                    geometry.moveLeft(rect.x() + rect.right() - geometry.right())
                widget.setGeometry(geometry)
        return height


def _fit_words(menu: QMenu) -> None:
    """Wide enough for its longest choice: at large text Qt's menu asked for a little less
    than its words need, and cut them in the middle ("In 10…nutes")."""
    metrics = menu.fontMetrics()
    widest = max((metrics.horizontalAdvance(a.text()) for a in menu.actions()), default=0)
    menu.setMinimumWidth(max(menu.sizeHint().width(), widest + 2 * metrics.height()))


def _open_below(anchor: QWidget, menu: QMenu) -> None:
    """Open ``menu`` under ``anchor``, lined up with its start edge (its right, right to left)."""
    x = anchor.width() - menu.sizeHint().width() if anchor.isRightToLeft() else 0
    menu.popup(anchor.mapToGlobal(QPoint(x, anchor.height())))
    menu.setActiveAction(menu.actions()[0])  # the arrow keys and Enter choose at once


class ReminderBanner(QFrame):
    """Draws what the reminder controller says is showing; it holds no state of its own."""

    done = Signal(object)  # Due
    snoozed = Signal(object, object)  # Due, until
    opened = Signal()
    see_people = Signal()  # the keep-in-touch line: open Today, where those people are

    def __init__(self, now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.now = now
        self.setProperty("role", "card")
        self.setAccessibleName(_("Reminders due now"))
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(2 * SPACING, SPACING, 2 * SPACING, SPACING)
        self.column.setSpacing(SPACING)
        self.items: dict[str, Due] = {}
        self.nudges: dict[int, str] = {}  # those Today lists, in its order
        self.nudge_count = 0  # those and the others its "See N more" counts
        self.rows: list[QWidget] = []  # one per reminder, then the keep-in-touch line
        # True while the page showing lists those people itself (Today's "Who to get in
        # touch with"): the keep-in-touch line would only say it again, above it.
        self.nudges_shown_below: Callable[[], bool] = lambda: False
        self._nudges_below = False
        self._pictures: list[tuple[QLabel, str]] = []  # (label, icon name), drawn in the theme
        self.hide()

    def show_state(
        self, items: dict[str, Due], nudges: dict[int, str], count: int | None = None
    ) -> None:
        """Draw the reminders due now, and the keep-in-touch line: ``nudges`` are the people
        Today lists, in its order (the line names the first), ``count`` how many it counts
        in all (``len(nudges)`` if not given)."""
        self.items = dict(items)
        self.nudges = dict(nudges)
        self.nudge_count = max(count if count is not None else 0, len(self.nudges))
        self._draw()

    def _draw(self) -> None:
        clear_layout(self.column)
        self.rows = []
        self._pictures = []
        for item in list(self.items.values())[:SHOWN]:
            self._add(self._row(item))
        hidden = len(self.items) - SHOWN
        if hidden > 0:
            more = button(
                ngettext(
                    "{count} more reminder: see them all",
                    "{count} more reminders: see them all",
                    hidden,
                ).format(count=hidden)
            )
            more.clicked.connect(self.opened.emit)
            self.column.addWidget(more, alignment=Qt.AlignmentFlag.AlignLeading)
        self._nudges_below = self.nudges_shown_below()
        line = bool(self.nudges) and not self._nudges_below
        if line:
            self._add(self._nudge_line())
        self.setVisible(bool(self.items) or line)

    def recheck(self) -> None:
        """Draw again if the page below began or stopped listing the people to get in touch
        with (another page was opened, Today's list changed)."""
        if self.nudges and self.nudges_shown_below() != self._nudges_below:
            self._draw()

    def _add(self, row: QWidget) -> None:
        self.rows.append(row)
        self.column.addWidget(row)

    def _picture(self, name: str) -> QLabel:
        """A small picture before the words, the size of a line of text; never alone."""
        picture = QLabel()
        picture.setAccessibleName("")
        self._pictures.append((picture, name))
        self._paint(picture, name)
        return picture

    def _paint(self, picture: QLabel, name: str) -> None:
        side = max(self.fontMetrics().height(), 16)
        color = self.palette().color(QPalette.ColorRole.WindowText).name()
        picture.setPixmap(icon(name, color, side).pixmap(side, side))
        picture.setFixedSize(side, side)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            for picture, name in getattr(self, "_pictures", []):
                self._paint(picture, name)  # another theme or text size

    def _row(self, item: Due) -> QWidget:
        from companion import reminders  # a reminder is showing: its module is there by now

        title = item.reminder.title
        words = label(
            _("{title} ({when})").format(
                title=title, when=reminders.when_words(item.instant, self.now())
            )
        )
        words.setAccessibleName(
            _("Reminder: {title} ({when})").format(
                title=title, when=reminders.when_words(item.instant, self.now())
            )
        )
        done = button(_("Done"), "primary")
        done.setAccessibleName(_("Done: {title}").format(title=title))
        done.clicked.connect(lambda _c=False, i=item: self.done.emit(i))
        snooze = button(_("Later…"))
        snooze.setAccessibleName(_("Remind me later: {title}").format(title=title))
        # Opened by the button, not set as its menu: Qt would draw its arrow over the words.
        snooze.clicked.connect(lambda _c=False, b=snooze, i=item: self._open_snooze(b, i))
        snooze.setAccessibleDescription(_("Opens a list of times to be reminded again."))
        row = QWidget()
        row.setAccessibleName(words.accessibleName())
        OneLine(words, [done, snooze], self._picture("reminders"), row)
        return row

    def _open_snooze(self, anchor: QWidget, item: Due) -> None:
        """The times to be reminded again, worked out now: the banner waits for the person
        (nothing times out), and times made when it was drawn were hours old by then, so
        "In 10 minutes" put the reminder back at a time already past and it came straight
        back."""
        from PySide6.QtWidgets import QMenu  # only with a reminder due: not at every start

        from companion import reminders

        old = getattr(self, "_snooze_menu", None)
        if old is not None and shiboken6.isValid(old):
            old.deleteLater()
        menu = QMenu(anchor)
        self._snooze_menu = menu
        for choice, until in reminders.snooze_choices(self.now()):
            action = menu.addAction(choice)
            action.triggered.connect(lambda _c=False, i=item, u=until: self.snoozed.emit(i, u))
        _fit_words(menu)
        _open_below(anchor, menu)

    def _nudge_line(self) -> QWidget:
        names = list(self.nudges.values())
        others = self.nudge_count - 1
        if others == 0:
            words = _("A good day to get in touch with {name}.").format(name=names[0])
        else:
            words = ngettext(
                "A good day to get in touch with {name} and {count} other person.",
                "A good day to get in touch with {name} and {count} others.",
                others,
            ).format(name=names[0], count=others)
        see = button(_("See who"))
        see.setAccessibleName(_("See who on Today"))
        see.setAccessibleDescription(words)
        see.clicked.connect(self.see_people.emit)
        row = QWidget()
        row.setAccessibleName(words)
        OneLine(label(words), [see], self._picture("people"), row)
        return row
