"""The week drawn: days as columns, each day's load against what a day holds, and the week's.

Nothing here relies on colour: every bar has the same words beside it (how many
points, "a full day", "more than a day holds"), and a day that is over is drawn
hatched and marked with words too. When the window is narrow or the text large,
the seven columns wrap into fewer (four and three, two, one) instead of clipping.
Every commitment is a button, so Tab reaches each one and Enter opens it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QPainter, QPaintEvent, QPalette, QPen, QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLayout, QSizePolicy, QVBoxLayout, QWidget

from companion import i18n, planner
from companion.i18n import _
from companion.planner import Commitment, Day, Week
from ui.widgets.common import SPACING, FlowLayout, button, clear_layout, label


class LoadBar(QWidget):
    """A bar filled as far as ``used`` goes towards ``limit``; hatched and outlined thickly
    once it goes past. The words beside it say the same, for anyone who cannot see it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.used = 0
        self.limit = 1
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def set_load(self, used: int, limit: int, words: str) -> None:
        self.used, self.limit = max(0, used), max(1, limit)
        self.setAccessibleName(words)
        self.setToolTip(words)
        self.update()

    @property
    def over(self) -> bool:
        return self.used > self.limit

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        height = max(20, self.fontMetrics().height())
        return QSize(80, height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(40, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        ink = palette.color(QPalette.ColorRole.WindowText)
        fill = palette.color(QPalette.ColorRole.Highlight)
        outer = QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5)
        share = min(self.used, self.limit) / self.limit
        width = outer.width() * share
        inner = QRectF(outer.left(), outer.top(), width, outer.height())
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            inner.moveRight(outer.right())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(fill))
        painter.drawRoundedRect(inner, 4, 4)
        if self.over:  # a second, unmistakable pattern on top: stripes
            painter.setBrush(QBrush(ink, Qt.BrushStyle.BDiagPattern))
            painter.drawRoundedRect(inner, 4, 4)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(ink, 3 if self.over else 1.5))
        painter.drawRoundedRect(outer, 4, 4)
        painter.end()


def item_text(item: Commitment) -> str:
    """One commitment in words: its time, what it is, and what it costs or gives."""
    when = i18n.format_time(item.starts.time()).replace(" ", "\u00a0")  # "2:00 م" stays whole
    if item.declined:
        return _("{time} {title}\nYou said no").format(time=when, title=item.title)
    if item.is_rest:
        return i18n.ngettext(
            "{time} Rest: {title}\nGives back {count} point",
            "{time} Rest: {title}\nGives back {count} points",
            item.cost,
        ).format(time=when, title=item.title, count=i18n.format_number(item.cost))
    return _("{time} {title}\n{cost}").format(
        time=when, title=item.title, cost=planner.cost_words(item.cost)
    )


def item_name(item: Commitment) -> str:
    """What a screen reader says for a commitment's button."""
    day = i18n.format_day(item.starts.date())
    when = i18n.format_time(item.starts.time())
    if item.declined:
        return _("{title}, {day} at {time}. You said no. Open to change it.").format(
            title=item.title, day=day, time=when
        )
    if item.is_rest:
        return _("Rest: {title}, {day} at {time}, gives back {cost}. Open to change it.").format(
            title=item.title, day=day, time=when, cost=planner.cost_words(item.cost)
        )
    return _("{title}, {day} at {time}, {cost}. Open to change it.").format(
        title=item.title, day=day, time=when, cost=planner.cost_words(item.cost)
    )


def day_state(day: Day) -> str:
    """A short word under the bar, so a glance need not rely on the bar's fill."""
    if day.over:
        return _("Too full")
    if day.full:
        return _("Full")
    if not any(i.counts and not i.is_rest for i in day.items):
        # Not the "Free" of a group that costs nothing: German said "Kostenlos" here.
        return i18n.pgettext("a day with nothing planned", "Free")
    return _("Room to spare")


def week_words(week: Week) -> str:
    """The week's sum in words: used of the budget, and what is left or over."""
    used = max(0, week.total)
    text = i18n.ngettext(
        "This week: {used} of your {budget} energy point planned.",
        "This week: {used} of your {budget} energy points planned.",
        week.budget,
    ).format(used=i18n.format_number(used), budget=i18n.format_number(week.budget))
    if week.over:
        extra = week.total - week.budget
        more = i18n.ngettext(
            "That is {count} more than you planned for. Go gently.",
            "That is {count} more than you planned for. Go gently.",
            extra,
        ).format(count=i18n.format_number(extra))
    else:
        more = i18n.ngettext("{count} point left.", "{count} points left.", week.left).format(
            count=i18n.format_number(week.left)
        )
    return f"{text} {more}"


class DayColumn(QFrame):
    item_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        column = QVBoxLayout(self)
        # The column decides its narrowest itself (minimumSizeHint): its longest word.
        column.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        column.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        column.setSpacing(SPACING)
        self.name = label("")
        bold = self.name.font()
        bold.setBold(True)
        self.name.setFont(bold)  # bold, not larger: seven columns fit at 100% on 1366 px
        self.date = label("", "muted")
        self.bar = LoadBar()
        self.state = label("")
        self.numbers = label("", "muted")
        for widget in (self.name, self.date, self.bar, self.state, self.numbers):
            column.addWidget(widget)
        self.items = FlowLayout(spacing=SPACING)  # its buttons' words wrap, never clipped
        column.addLayout(self.items)
        column.addStretch(1)  # not an alignment: aligned items would not grow for their words
        self.buttons: list[QWidget] = []
        self.day: Day | None = None
        self.is_today = False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if self.is_today:  # today stands out by its frame, and says "(today)" in words
            painter = QPainter(self)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            ink = self.palette().color(QPalette.ColorRole.WindowText)
            painter.setPen(QPen(ink, 3))
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5), 8, 8)
            painter.end()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Room for the longest word and button; a word-wrapped label asks for more."""
        words = [
            metrics.horizontalAdvance(word)
            for widget in (self.name, self.date, self.state, self.numbers)
            for metrics in (widget.fontMetrics(),)
            for word in widget.text().split()
        ]
        buttons = [b.minimumSizeHint().width() for b in self.buttons]
        needed = max([60, *words, *buttons]) + 2 * SPACING + 2 * self.frameWidth()
        return QSize(needed, super().minimumSizeHint().height())

    def set_day(self, day: Day, today: date) -> None:
        self.day = day
        self.is_today = day.date == today
        self.update()
        name = i18n.format_date(day.date, "EEEE")
        self.name.setText(_("{day} (today)").format(day=name) if day.date == today else name)
        self.date.setText(i18n.format_day(day.date, weekday=False))
        words = planner.describe_day(day)
        self.bar.set_load(day.load, day.limit, words)
        self.state.setText(day_state(day))
        self.numbers.setText(  # with its unit: "0 of 3" alone left her guessing
            i18n.ngettext("{used} of {limit} point", "{used} of {limit} points", day.limit).format(
                used=i18n.format_number(max(0, day.load)), limit=i18n.format_number(day.limit)
            )
        )
        self.setAccessibleName(words)
        clear_layout(self.items)
        self.buttons = []
        for item in day.items:
            widget = button(item_text(item))
            widget.setAccessibleName(item_name(item))
            widget.setProperty("item_id", item.id)
            widget.setAutoDefault(True)  # Enter opens it, as Space does (not in a dialog)
            widget.clicked.connect(lambda _c=False, i=item.id: self.item_activated.emit(i))
            self.items.addWidget(widget)
            self.buttons.append(widget)


class WeekView(QWidget):
    """Seven day columns and the week's sum. ``item_activated(id)`` when one is opened."""

    item_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2 * SPACING)
        self.total = label("", "subheading")
        self.total_bar = LoadBar()
        outer.addWidget(self.total)
        outer.addWidget(self.total_bar)
        self.grid = QGridLayout()
        self.grid.setSpacing(SPACING)
        outer.addLayout(self.grid)
        self.columns = [DayColumn() for _n in range(7)]
        for column in self.columns:
            column.item_activated.connect(self.item_activated.emit)
        self._per_row = 0
        self.week: Week | None = None
        self._lay_out(7)

    def set_week(self, week: Week, today: date) -> None:
        self.week = week
        words = week_words(week)
        self.total.setText(words)
        self.total.setAccessibleName(words)
        self.total_bar.set_load(week.total, week.budget, words)
        for column, day in zip(self.columns, week.days, strict=True):
            column.set_day(day, today)
        if self.isVisible():
            self.fit()

    def column_width(self) -> int:
        """The narrowest a day column may be: what its words and buttons need."""
        return max(100, max(c.minimumSizeHint().width() for c in self.columns))

    def fit(self, width: int | None = None) -> None:
        """As many columns in a row as fit: seven, four (and three), two, or one."""
        room = max(1, self.width() if width is None else width)
        fits = (room + SPACING) // (self.column_width() + SPACING)
        # Rows that look meant: 7, or 4 and 3, or pairs, or one under another.
        self._lay_out(next((n for n in (7, 4, 2) if n <= fits), 1))

    def _lay_out(self, per_row: int) -> None:
        if per_row == self._per_row:
            return
        self._per_row = per_row
        for column in self.columns:
            self.grid.removeWidget(column)
        for n in range(8):
            self.grid.setColumnStretch(n, 0)
        for index, column in enumerate(self.columns):
            self.grid.addWidget(column, index // per_row, index % per_row)
        for n in range(per_row):
            self.grid.setColumnStretch(n, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.fit(event.size().width())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.column_width(), super().minimumSizeHint().height())

    def item_buttons(self) -> list[QWidget]:
        return [b for column in self.columns for b in column.buttons]
