"""A rule of your own ("No calls after 8 pm", "Sundays are for rest"), added or changed."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QSpinBox, QWidget

from companion import i18n, planner
from companion.errors import CompanionError
from companion.i18n import _
from companion.planner import Boundary
from ui import actions_energy as act
from ui.dialogs.shell import DialogShell
from ui.widgets.common import combo_box, label, whole_number_field
from ui.widgets.time_field import TimeField

if TYPE_CHECKING:
    from ui.session import UiSession


class BoundaryDialog(DialogShell):
    def __init__(
        self, session: UiSession, existing: Boundary | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Change your rule") if existing else _("Add a rule of your own"), parent)
        self.session = session
        self.existing = existing
        self.saved: Boundary | None = None
        self.body.addWidget(
            label(
                _(
                    "Your own rules are shown while you plan, and Companion kindly mentions "
                    "it when something would go against one."
                )
            )
        )
        self.kind_label = label(_("What kind of rule?"))
        self.kind = combo_box()
        self.kind.setAccessibleName(_("What kind of rule?"))
        for key, name in planner.BOUNDARY_KINDS.items():
            self.kind.addItem(_(name), key)
        self.kind_label.setBuddy(self.kind)
        self.body.addWidget(self.kind_label)
        self.body.addWidget(self.kind)
        # A rule being changed keeps its kind: said in words that wrap, not in a greyed-out
        # drop-down that cuts a long name ("Höchstens eine bestimmte Zahl von Unterneh…").
        self.kind_name = label("")
        self.kind_name.hide()
        self.body.addWidget(self.kind_name)

        self.detail = label("")
        self.body.addWidget(self.detail)
        self.at = TimeField(QTime(20, 0))
        self.at.setAccessibleName(_("No calls after"))
        self.number = whole_number_field(QSpinBox())
        self.number.setRange(0, 20)
        self.number.setValue(1)
        self.number.setAccessibleName(_("How many"))
        self.weekday = combo_box()
        self.weekday.setAccessibleName(_("Which day"))
        for n in range(7):
            self.weekday.addItem(i18n.format_date(date(2024, 1, 1) + timedelta(days=n), "EEEE"), n)
        self.weekday.setCurrentIndex(6)
        self.text = QLineEdit()
        self.text.setAccessibleName(_("Your rule, in your words"))
        self.text.setPlaceholderText(_("For example: Mornings are slow, nothing before ten"))
        for widget in (self.at, self.number, self.weekday, self.text):
            if widget is self.number:  # a number of one or two digits, not a field across
                number_row = QHBoxLayout()
                number_row.addWidget(widget)
                number_row.addStretch(1)
                self.body.addLayout(number_row)
            else:
                self.body.addWidget(widget)

        self.add_button(_("Save"), self.save, "primary", default=True)
        self.add_button(_("Cancel"), self.reject)
        if existing is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(existing.kind)))
            self.kind.setEnabled(False)
            self.kind.hide()
            self.kind_name.setText(self.kind.currentText())
            self.kind_name.show()
            number = existing.number or 0
            if existing.kind == "no_calls_after":
                self.at.setTime(QTime(number // 60, number % 60))
            elif existing.kind == "rest_day":
                self.weekday.setCurrentIndex(number)
            elif existing.kind != "free_text":
                self.number.setValue(number)
            self.text.setText(existing.text)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self._kind_changed()
        self.first_field = self.kind if existing is None else self._field()
        self._start = self.values()

    def kind_key(self) -> str:
        return str(self.kind.currentData())

    def _field(self) -> QWidget:
        return {
            "no_calls_after": self.at,
            "outings_per_day": self.number,
            "heavy_per_week": self.number,
            "rest_day": self.weekday,
        }.get(self.kind_key(), self.text)

    def _kind_changed(self) -> None:
        kind = self.kind_key()
        field = self._field()
        for widget in (self.at, self.number, self.weekday, self.text):
            widget.setVisible(widget is field)
        self.detail.setText(
            {
                "no_calls_after": _("No calls after this time:"),
                "outings_per_day": _("At most this many outings a day:"),
                "heavy_per_week": _("At most this many heavy things a week:"),
                "rest_day": _("This day of the week is for rest:"),
            }.get(kind, _("Your rule, in your words:"))
        )
        self.detail.setBuddy(field)
        if kind == "outings_per_day":
            self.number.setAccessibleName(_("At most this many outings a day"))
        elif kind == "heavy_per_week":
            self.number.setAccessibleName(_("At most this many heavy things a week"))

    def values(self) -> tuple[str, int | None, str]:
        kind = self.kind_key()
        number: int | None
        if kind == "no_calls_after":
            clock = self.at.time().toPython()
            assert isinstance(clock, time)
            number = clock.hour * 60 + clock.minute
        elif kind == "rest_day":
            number = int(self.weekday.currentData())
        elif kind == "free_text":
            number = None
        else:
            number = self.number.value()
        return kind, number, self.text.text() if kind == "free_text" else ""

    def is_dirty(self) -> bool:
        return self.values() != self._start

    def save(self) -> None:
        if self.kind_key() == "no_calls_after":
            try:
                self.at.checked_time()
            except CompanionError as error:
                self.show_error(str(error))
                return
        kind, number, text = self.values()
        if self.existing is None:
            self.saved = act.add_boundary(self.session, self, kind, number, text)
        else:
            self.saved = act.change_boundary(self.session, self, self.existing.id, number, text)
        if self.saved is not None:
            self.accept()
