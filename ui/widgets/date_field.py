"""A date an older adult can manage: type it in your own words, or pick it from a calendar.

"14 March 1948", "14.3.1948", "3/14/1948" in US English: read in the order the person's
language and country write dates (``companion.i18n.parse_typed_date``). A date that can't be
read is said so in plain words under the field, and the last good date is kept: it is never
silently changed into another one. The calendar opens with the button, Alt+Down or F4, and
works by keyboard (arrows, Enter, Escape).
"""

from __future__ import annotations

from datetime import date
from functools import cache

from babel import Locale, UnknownLocaleError
from PySide6.QtCore import QDate, QEvent, QLocale, QObject, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QIcon,
    QKeyEvent,
    QPainter,
    QPalette,
    QPixmap,
    QPolygon,
    QTextCharFormat,
)
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from companion import i18n
from companion.i18n import _
from ui.widgets.common import (
    MIN_TARGET_PX,
    button,
    label,
    scroll_into_sight,
    set_button_text,
)


def _arrow(colour: QColor, *, left: bool) -> QIcon:
    """A plain triangle pointing left or right, in ``colour``."""
    size = 48  # drawn large, shown at 24 px: sharp on high-density screens too
    picture = QPixmap(size, size)
    picture.fill(Qt.GlobalColor.transparent)
    painter = QPainter(picture)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    tip, back = (12, 36) if left else (36, 12)
    painter.drawPolygon(QPolygon([QPoint(tip, 24), QPoint(back, 8), QPoint(back, 40)]))
    painter.end()
    return QIcon(picture)


def _digits_as_the_words_around(calendar: QCalendarWidget) -> None:
    """The days in the digits of every other date in Companion: babel writes "5 ديسمبر 2026"
    in Arabic, where Qt's Arabic calendar wrote ٥ and ٢٠٢٦ beside it. A locale of the same
    language with those digits and the same month names is used, the week still starting
    on the language's own first day."""
    own = calendar.locale()
    zero = i18n.format_number(0)
    if own.zeroDigit() == zero:
        return
    matching = QLocale.matchingLocales(
        own.language(), QLocale.Script.AnyScript, QLocale.Country.AnyCountry
    )
    for other in matching:
        if other.zeroDigit() == zero and all(
            other.monthName(month) == own.monthName(month) for month in range(1, 13)
        ):
            calendar.setLocale(other)
            calendar.setFirstDayOfWeek(own.firstDayOfWeek())
            return


class _CalendarDialog(QDialog):
    def __init__(self, chosen: QDate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Choose a day"))
        layout = QVBoxLayout(self)
        self.calendar = QCalendarWidget()
        _digits_as_the_words_around(self.calendar)
        self.calendar.setSelectedDate(chosen)
        self.calendar.setGridVisible(True)
        self.calendar.setAccessibleName(_("Choose a day"))
        # Saturday and Sunday in the words' own colour: Qt draws them in pure red, below 4.5:1
        # on white, and alarm red is never used here.
        weekend = QTextCharFormat()
        weekend.setForeground(self.calendar.palette().color(QPalette.ColorRole.Text))
        for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            self.calendar.setWeekdayTextFormat(day, weekend)
        # The month arrows in the bar's words colour too: Qt's are black on the dark blue bar.
        on_bar = self.calendar.palette().color(QPalette.ColorRole.HighlightedText)
        backwards = not self.calendar.isRightToLeft()  # Arabic: "previous" points right
        for name, left in (
            ("qt_calendar_prevmonth", backwards),
            ("qt_calendar_nextmonth", not backwards),
        ):
            arrow = self.calendar.findChild(QToolButton, name)
            if arrow is not None:
                arrow.setIcon(_arrow(on_bar, left=left))
                arrow.setIconSize(QSize(24, 24))
        self.calendar.activated.connect(lambda _d: self.accept())  # Enter or double click
        layout.addWidget(self.calendar)
        self._fit_calendar()
        row = QHBoxLayout()
        ok = button(_("Choose this day"), "primary")
        ok.setDefault(True)
        ok.clicked.connect(self.accept)
        cancel = button(_("Cancel"))
        cancel.clicked.connect(self.reject)
        row.addWidget(ok)
        row.addWidget(cancel)
        layout.addLayout(row)
        self.calendar.setFocus()

    def _fit_calendar(self) -> None:
        """Every day a target of 44 px or more, and whole day names, at the text size in use.

        QCalendarWidget sizes itself for small text: at large text its days were cut off at
        the bottom (it has no scroll bar) and its day names were shortened with "…"."""
        for part in (self.calendar, *self.calendar.findChildren(QWidget)):
            part.ensurePolished()  # the style sheet's text size, before measuring
        tallest = MIN_TARGET_PX
        for arrow in self.calendar.findChildren(QToolButton):  # month, year, back, forward
            hint = arrow.sizeHint()
            arrow.setMinimumSize(max(hint.width(), MIN_TARGET_PX), max(hint.height(), tallest))
            tallest = max(tallest, hint.height())
        bar = self.calendar.findChild(QWidget, "qt_calendar_navigationbar")
        if bar is not None:  # it keeps the height it had for small text otherwise
            bar.setMinimumHeight(tallest)
        # Week numbers are of no use here; without them the days have more room.
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        days = self.calendar.findChild(QTableView)
        if days is not None:  # the day names and six weeks: 7 rows of 7 days
            bold = QFont(days.font())
            bold.setBold(True)
            metrics = QFontMetrics(bold)
            locale = self.calendar.locale()
            frame = 8  # room for the view's frame, up to 4 px each side

            def column(form: QLocale.FormatType) -> int:
                names = [locale.standaloneDayName(day, form) for day in range(1, 8)]
                widest = max(metrics.horizontalAdvance(name) for name in names)
                return max(MIN_TARGET_PX, widest + 2 * 8)

            screen = self.screen() or QGuiApplication.primaryScreen()
            room = int(screen.availableGeometry().width() * 0.9) - 6 * 8 if screen else 10_000
            width = column(QLocale.FormatType.ShortFormat)
            if 7 * width + frame > room:  # "Mon" is too wide at this size: "M"
                self.calendar.setHorizontalHeaderFormat(
                    QCalendarWidget.HorizontalHeaderFormat.SingleLetterDayNames
                )
                width = column(QLocale.FormatType.NarrowFormat)
            row = max(MIN_TARGET_PX, metrics.height() + 2 * 8)
            days.setMinimumSize(7 * width + frame, 7 * row + frame)
        inside = self.calendar.layout()
        if inside is not None:  # the calendar's own size hint knows nothing of the above
            self.calendar.setMinimumSize(inside.totalMinimumSize())


def asks_for_picker(event: QEvent) -> bool:
    """Alt+Down or F4 in a typed field: open its list or calendar (as Qt's own fields do)."""
    if event.type() != QEvent.Type.KeyPress:
        return False
    assert isinstance(event, QKeyEvent)
    alt_down = event.key() == Qt.Key.Key_Down and bool(
        event.modifiers() & Qt.KeyboardModifier.AltModifier
    )
    return alt_down or event.key() == Qt.Key.Key_F4


@cache
def _date_code(language: str, region: str) -> str:
    """The locale a typed date is read in: the language with the country where babel knows
    the pair ("en_US": month first), else the language alone. "de_US" or "ar_GB" read as
    English before, so a German speaker in the US saw the field's own "5. Dezember 2026"
    refused as "not a date" on Tab, and the reminder could not be saved."""
    if region:
        code = f"{language}_{region}"
        try:
            Locale.parse(code)
        except (ValueError, UnknownLocaleError):
            return language
        return code
    return language


class DateField(QWidget):
    """Stands in for QDateEdit where a person types or picks a day."""

    dateChanged = Signal(QDate)  # noqa: N815 - QDateEdit's name

    def __init__(
        self, parent: QWidget | None = None, *, year_needed: bool = True, without_year: str = ""
    ) -> None:
        """``without_year``: which year a day typed without one means, "past" (the last such
        day up to today) or "future" (the next one); see ``i18n.parse_typed_date``."""
        super().__init__(parent)
        self.year_needed = year_needed
        self.without_year = without_year
        self._date = QDate.currentDate()
        self._year_known = True
        self._empty = False  # nothing chosen yet: the field shows only its example
        self.region = ""  # the country, for the order of day and month ("GB", "US"…)
        self.today = date.today()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.editingFinished.connect(self._typed)
        self.pick = button("")
        self.pick.clicked.connect(self.open_calendar)
        row.addWidget(self.edit, 1)
        row.addWidget(self.pick)
        column.addLayout(row)
        self.problem = label("", "error")
        self.problem.hide()
        column.addWidget(self.problem)
        self.edit.installEventFilter(self)  # Alt+Down or F4 opens the calendar
        self.setFocusProxy(self.edit)
        self.retranslate()
        self._show()

    # QDateEdit's API -----------------------------------------------------------------------

    def date(self) -> QDate:
        return self._date

    def setDate(self, value: QDate) -> None:  # noqa: N802
        self._year_known = True
        self._set(value)

    def clear(self) -> None:
        """No day chosen yet: the field is empty with its example showing, so nothing is taken
        for an answer the person never gave (a birthday of 1 January 1950)."""
        self._empty = True
        self.problem.hide()
        self.edit.clear()

    @property
    def empty(self) -> bool:
        return self._empty

    def setAccessibleName(self, name: str) -> None:  # noqa: N802
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)
        self.pick.setAccessibleName(_("Choose {what} from a calendar").format(what=name))

    # what is known ------------------------------------------------------------------------------

    @property
    def valid(self) -> bool:
        """False while the words typed could not be read as a date."""
        return self.problem.isHidden()

    def checked_date(self) -> QDate:
        """The date, or a ``CompanionError`` in plain words while what was typed can't be read."""
        if not self.valid:
            from companion.errors import CompanionError

            raise CompanionError(self.problem.text())
        return self._date

    @property
    def year_known(self) -> bool:
        return self._year_known

    def set_year_needed(self, needed: bool) -> None:
        self.year_needed = needed
        self._show()

    # reading and writing ----------------------------------------------------------------------

    def _set(self, value: QDate) -> None:
        changed = value != self._date or self._empty
        self._empty = False
        self._date = value
        self.problem.hide()
        self._show()
        if changed:
            self.dateChanged.emit(value)

    def _show(self) -> None:
        if self._empty:
            return
        chosen = self._date.toPython()
        assert isinstance(chosen, date)
        if self._year_known or self.year_needed:
            self.edit.setText(i18n.format_date(chosen, "long"))
        else:
            self.edit.setText(i18n.format_day(chosen, weekday=False))

    def _code(self) -> str:
        return _date_code(i18n.current_language(), self.region)

    def _typed(self) -> None:
        text = self.edit.text()
        if self._empty and not text.strip():
            return  # passing by an empty field is no mistake
        try:
            year, month, day = i18n.parse_typed_date(
                text,
                self.today,
                year_needed=self.year_needed,
                code=self._code(),
                without_year=self.without_year,
            )
        except ValueError:
            example = i18n.format_date(date(self.today.year, 3, 14), "long")
            words = _(
                "Companion could not read “{typed}” as a date. Please type it like {example}, "
                "or choose it from the calendar."
            ).format(typed=text.strip(), example=example)
            self.problem.setText(words)
            self.problem.setAccessibleName(words)
            self.problem.show()
            QTimer.singleShot(0, self, self._problem_in_sight)  # once it has its room
            return
        self._year_known = year is not None
        self._set(QDate(year or 2000, month, day))

    def _problem_in_sight(self) -> None:
        """Scroll the words saying what went wrong into sight: they open below the field, and
        Tab had already moved on, so at large text they were below the dialog's edge and the
        date looked taken."""
        if not self.problem.isHidden():
            scroll_into_sight(self.problem)

    def open_calendar(self) -> None:
        dialog = _CalendarDialog(self._date, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._year_known = True
            self._set(dialog.calendar.selectedDate())
        self.edit.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.edit and asks_for_picker(event):
            self.open_calendar()
            return True
        return super().eventFilter(watched, event)

    def retranslate(self) -> None:
        set_button_text(self.pick, _("Calendar…"))
        self.pick.setToolTip(_("Open the calendar (Alt+Down)"))
        self.edit.setPlaceholderText(
            i18n.format_date(date(self.today.year, 3, 14), "long")
            if self.year_needed
            else i18n.format_day(date(self.today.year, 3, 14), weekday=False)
        )
        self._show()

    def setFocus(self, reason: Qt.FocusReason = Qt.FocusReason.OtherFocusReason) -> None:  # type: ignore[override]  # noqa: N802
        self.edit.setFocus(reason)
