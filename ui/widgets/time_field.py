"""A time an older adult can manage: one field, typed in their own words and clock.

"7", "7pm", "7:30 pm", "19:30", "1930", "7.30", "noon", Arabic-Indic digits: read by
``companion.i18n.parse_typed_time`` and shown back in the person's own clock ("7:30 PM" in US
English, "19:30" in German and British English, "7:30 م" in Arabic, right-aligned). A time
that can't be read is said so in plain words under the field, and the last good time is kept:
it is never silently changed. Alt+Down or F4 opens a short list of times, a quarter of an
hour apart. The field is one stop for Tab (not an hour part and a minute part), and the mouse
wheel never changes it.
"""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTime, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from companion import i18n
from companion.i18n import _
from ui.widgets.common import MIN_TARGET_PX, SPACING, button, label, set_button_text
from ui.widgets.date_field import asks_for_picker

STEP_MINUTES = 15


class _TimesDialog(QDialog):
    """The times of the day a quarter of an hour apart, the nearest one chosen."""

    def __init__(self, chosen: time, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Choose a time"))
        layout = QVBoxLayout(self)
        self.times = QListWidget()
        self.times.setAccessibleName(_("Choose a time"))
        nearest = (chosen.hour * 60 + chosen.minute + STEP_MINUTES // 2) // STEP_MINUTES
        for step in range(24 * 60 // STEP_MINUTES):
            minutes = step * STEP_MINUTES
            value = time(minutes // 60, minutes % 60)
            item = QListWidgetItem(i18n.format_time(value, code=code))
            item.setData(Qt.ItemDataRole.UserRole, minutes)
            self.times.addItem(item)
        self.times.setCurrentRow(nearest % self.times.count())
        # Enough rows to see the hours around the chosen one, at any text size.
        self.times.setMinimumHeight(7 * max(self.times.sizeHintForRow(0), MIN_TARGET_PX))
        self.times.itemActivated.connect(lambda _item: self.accept())  # Enter or double click
        layout.addWidget(self.times)
        row = QHBoxLayout()
        ok = button(_("Choose this time"), "primary")
        ok.setDefault(True)
        ok.clicked.connect(self.accept)
        cancel = button(_("Cancel"))
        cancel.clicked.connect(self.reject)
        row.addWidget(ok)
        row.addWidget(cancel)
        layout.addLayout(row)
        self.times.setFocus()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        # The chosen time in the middle, with the hours around it, once the list has a size.
        self.times.scrollToItem(self.times.currentItem(), QListWidget.ScrollHint.PositionAtCenter)

    def chosen(self) -> QTime:
        item = self.times.currentItem()
        minutes = int(item.data(Qt.ItemDataRole.UserRole)) if item else 0
        return QTime(minutes // 60, minutes % 60)


class _TimeEdit(QLineEdit):
    """As wide as a time in the person's clock, with room to type, not a whole sentence."""

    def __init__(self, field: TimeField) -> None:
        super().__init__()
        self.field = field

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        widest = max(
            (i18n.format_time(time(hour, 45), code=self.field._code()) for hour in (0, 10, 12, 22)),
            key=self.fontMetrics().horizontalAdvance,
        )
        room = self.fontMetrics().horizontalAdvance(widest + "0000") + 2 * SPACING
        return QSize(min(hint.width(), room), max(hint.height(), MIN_TARGET_PX))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.sizeHint()


class TimeField(QWidget):
    """Stands in for QTimeEdit where a person types or picks a time of day."""

    timeChanged = Signal(QTime)  # noqa: N815 - QTimeEdit's name

    def __init__(self, value: QTime | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._time = QTime(value.hour(), value.minute()) if value else QTime(12, 0)
        self._region: str | None = None  # a country of its own ("GB"); None: the app's
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.edit = _TimeEdit(self)
        self.edit.setMinimumHeight(MIN_TARGET_PX)
        self.edit.editingFinished.connect(self._typed)
        # A Tab stop of its own, as the date field's "Calendar…": someone who does not know
        # Alt+Down or F4 (they still open the list) could not reach "Times…" by keyboard.
        self.pick = button("")
        self.pick.clicked.connect(self.open_list)
        row.addWidget(self.edit)
        row.addWidget(self.pick)
        row.addStretch(1)
        column.addLayout(row)
        self.problem = label("", "error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        column.addWidget(self.problem)
        self.note = label("", "muted")  # "That is 7:00 AM. For the evening, type 7:00 PM."
        self.note.setWordWrap(True)
        self.note.hide()
        column.addWidget(self.note)
        self.edit.installEventFilter(self)
        self.setFocusProxy(self.edit)
        self.retranslate()

    # QTimeEdit's API -----------------------------------------------------------------------

    def time(self) -> QTime:
        return self._time

    def setTime(self, value: QTime) -> None:  # noqa: N802
        self._set(QTime(value.hour(), value.minute()))

    def setAccessibleName(self, name: str) -> None:  # noqa: N802
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)
        self.pick.setAccessibleName(_("Choose {what} from a list").format(what=name))

    # the person's clock --------------------------------------------------------------------

    @property
    def region(self) -> str | None:
        return self._region

    @region.setter
    def region(self, country: str | None) -> None:
        """None (the default) follows ``i18n.set_region``, like every time shown elsewhere."""
        self._region = country or None
        self.retranslate()

    def _code(self) -> str:
        return i18n.time_code(self._region)

    # what is known ------------------------------------------------------------------------------

    @property
    def valid(self) -> bool:
        """False while the words typed could not be read as a time."""
        return self.problem.isHidden()

    def checked_time(self) -> QTime:
        """The time, or a ``CompanionError`` in plain words while what was typed can't be read."""
        if self.edit.isModified():  # typed, and saved before the field was left
            self._typed()
        if not self.valid:
            from companion.errors import CompanionError

            raise CompanionError(self.problem.text())
        return self._time

    # reading and writing ----------------------------------------------------------------------

    def _set(self, value: QTime) -> None:
        changed = value != self._time
        self._time = value
        self.problem.hide()
        self.note.hide()
        self._show()
        if changed:
            self.timeChanged.emit(value)

    def _show(self) -> None:
        value = self._time.toPython()
        assert isinstance(value, time)
        self.edit.setText(i18n.format_time(value, code=self._code()))
        self.edit.setModified(False)

    def _typed(self) -> None:
        text = self.edit.text()
        self.edit.setModified(False)
        value = i18n.parse_typed_time(text, self._code())
        if value is None:
            if not text.strip():
                words = _("Please type a time, for example {example}.")
            else:
                words = _(
                    "Companion could not read “{typed}” as a time. Please type it like "
                    "{example}, or press Alt and the down arrow to choose from a list."
                )
            words = words.format(typed=text.strip(), example=self._example())
            self.problem.setText(words)
            self.problem.setAccessibleName(words)
            self.problem.show()
            return
        self._set(QTime(value.hour, value.minute))
        morning_guess = (
            1 <= value.hour <= 11
            and not any(c.isalpha() for c in text)
            and i18n.uses_12_hour_clock(self._code())
        )
        if morning_guess:  # "7" on a 12-hour clock: say which 7 it is
            words = _("That is {time}. For the evening, type {evening}.").format(
                time=i18n.format_time(value, code=self._code()),
                evening=i18n.format_time(value.replace(hour=value.hour + 12), code=self._code()),
            )
            self.note.setText(words)
            self.note.setAccessibleName(words)
            self.note.show()

    def _example(self) -> str:
        return i18n.format_time(time(19, 30), code=self._code())

    def open_list(self) -> None:
        if self.edit.isModified():  # typed and not yet read: the list starts there
            self._typed()
        value = self._time.toPython()
        assert isinstance(value, time)
        dialog = _TimesDialog(value, self._code(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._set(dialog.chosen())
        self.edit.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.edit and asks_for_picker(event):
            self.open_list()
            return True
        return super().eventFilter(watched, event)

    def retranslate(self) -> None:
        set_button_text(self.pick, _("Times…"))
        self.pick.setToolTip(_("Choose from a list of times (Alt+Down)"))
        self.edit.setAccessibleDescription(
            _("Type a time, like {example}, or press Alt and the down arrow for a list.").format(
                example=self._example()
            )
        )
        self.edit.setPlaceholderText(self._example())
        if self.valid:
            self._show()

    def setFocus(self, reason: Qt.FocusReason = Qt.FocusReason.OtherFocusReason) -> None:  # type: ignore[override]  # noqa: N802
        self.edit.setFocus(reason)
