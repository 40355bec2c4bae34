"""Try this one: what to expect, a day for the first visit, and words for ringing first.

Choosing a day puts the first visit in your week with a reminder before it, in one
step that Undo takes back whole. Then the dialog gives a short "ring first" line to
say on the phone, with a button that copies it.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QTime, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from companion import groups, planner
from companion.errors import CompanionError
from companion.groups import GroupKind, Place
from companion.i18n import _, isolate  # numbers whole in Arabic
from ui.actions_groups import PlannedVisit
from ui.dialogs.shell import DialogShell
from ui.widgets.common import Card, FlowLayout, button, label, set_button_text
from ui.widgets.date_field import DateField
from ui.widgets.time_field import TimeField

if TYPE_CHECKING:
    from ui.session import UiSession

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
START_HOURS = {"morning": 10, "afternoon": 14, "evening": 19, "weekend": 11}


class TryDialog(DialogShell):
    def __init__(
        self,
        session: UiSession,
        *,
        place_id: int | None = None,
        kind_id: str = "",
        parent: QWidget | None = None,
    ) -> None:
        cat = groups.catalogue()
        self.place: Place | None = (
            groups.place(session.store, place_id) if place_id is not None else None
        )
        kind: GroupKind | None = cat.kind(kind_id) if kind_id else None
        if kind is None and self.place is not None:
            kind = next((k for k in map(cat.kind, self.place.kinds) if k), None)
        self.kind = kind
        self.title_text = self.place.name if self.place else _(kind.title) if kind else _("A group")
        super().__init__(_("Try {title}").format(title=self.title_text), parent)
        self.session = session
        self.place_id = place_id
        self.kind_id = kind_id
        self.planned: PlannedVisit | None = None
        body = self.body

        self.about = Card()
        if kind is not None:
            self.about.body.addWidget(label(_("What to expect"), "subheading"))
            self.about.body.addWidget(label(_(kind.expect) or _(kind.text)))
        facts = []
        if self.place is not None:
            now = session.now()
            if self.place.meeting_times:
                facts.append(_("When: {when}").format(when=groups.when_text(self.place, now)))
            elif self.place.opening_hours:
                facts.append(
                    _("Opening hours: {hours}").format(hours=groups.when_text(self.place, now))
                )
            if self.place.address:
                facts.append(_("Where: {address}").format(address=self.place.address))
            if self.place.phone:
                facts.append(_("Telephone: {number}").format(number=isolate(self.place.phone)))
            access = self.place.accessibility or self.place.wheelchair_text
            if access:
                facts.append(_("Getting in: {access}").format(access=access))
        elif kind is not None:
            facts.append(_("How to find one: {how}").format(how=_(kind.find)))
        if kind is not None:
            cost = groups.ENERGY_COST[kind.energy]
            facts.append(_("Energy it usually takes: {cost}").format(cost=planner.cost_words(cost)))
        self.facts = label("\n".join(facts))
        self.about.body.addWidget(self.facts)
        body.addWidget(self.about)

        self.when_label = label(_("When would you like to go for the first time?"), "subheading")
        body.addWidget(self.when_label)
        first = self._first_guess()
        row = FlowLayout()
        self.day = DateField(without_year="future")
        self.day.setAccessibleName(_("Day of the first visit"))
        self.day.setDate(QDate(first.year, first.month, first.day))
        self.at = TimeField()
        self.at.setAccessibleName(_("Time of the first visit"))
        self.at.setTime(QTime(first.hour, first.minute))
        row.addWidget(self.day)
        row.addWidget(self.at)
        self.when_row = QWidget()
        self.when_row.setLayout(row)
        body.addWidget(self.when_row)
        self.when_note = label(
            _("It goes in your week, with a reminder an hour before. You can move it later."),
            "muted",
        )
        body.addWidget(self.when_note)

        # after: the words for ringing first
        self.ring_card = Card()
        self.ring_title = label(_("Ring first if you can"), "subheading")
        self.ring_words = label("", selectable=True)
        self.ring_phone = label("", selectable=True)
        self.copy_button = button(_("Copy these words"))
        self.copy_button.clicked.connect(self.copy_words)
        self.copied = label("", "muted")
        self.ring_card.body.addWidget(self.ring_title)
        self.ring_card.body.addWidget(self.ring_words)
        self.ring_card.body.addWidget(self.ring_phone)
        copy_row = FlowLayout()
        copy_row.addWidget(self.copy_button)
        self.ring_card.body.addLayout(copy_row)
        self.ring_card.body.addWidget(self.copied)
        self.ring_card.hide()
        body.addWidget(self.ring_card)

        self.plan_button = self.add_button(
            _("Put a first visit in my week"), self.plan, "primary", default=True
        )
        self.cancel_button = self.add_button(_("Cancel"), self.reject)
        self.first_field = self.day

    def _first_guess(self) -> datetime:
        """From tomorrow: the day and time a directory gives ("Wednesday evenings 19:00"),
        else tomorrow at the hour this kind of group usually meets."""
        tomorrow = self.session.now().date() + timedelta(days=1)
        hour, minute = 10, 0
        if self.kind is not None and self.kind.times:
            hour = START_HOURS.get(self.kind.times[0], 10)
        written = (self.place.meeting_times if self.place else "").casefold()
        clock = re.search(r"\b([01]?\d|2[0-3])[:.]([0-5]\d)\b", written)
        if clock:
            hour, minute = int(clock.group(1)), int(clock.group(2))
        day = tomorrow
        for number, name in enumerate(WEEKDAYS):
            if name in written:
                day = tomorrow + timedelta(days=(number - tomorrow.weekday()) % 7)
                break
        return datetime.combine(day, time(hour, minute))

    def starts(self) -> datetime:
        day = self.day.checked_date().toPython()
        clock = self.at.checked_time().toPython()
        assert isinstance(day, date) and isinstance(clock, time)
        return datetime.combine(day, clock.replace(second=0, microsecond=0))

    def plan(self) -> None:
        from ui import actions_groups

        self.clear_error()
        try:
            starts = self.starts()
        except CompanionError as error:  # a day typed that can't be read
            self.show_error(error.message)
            return
        planned = actions_groups.plan_first_visit(
            self.session,
            self,
            place_id=self.place_id,
            kind_id=self.kind_id,
            starts=starts,
        )
        if planned is None:
            return
        self.planned = planned
        self.when_label.hide()
        self.when_row.hide()
        self.when_note.hide()
        self.ring_words.setText(planned.visit.ring_first)
        self.ring_words.setAccessibleName(planned.visit.ring_first)
        self.ring_phone.setText(
            _("Their number: {number}").format(number=isolate(planned.visit.phone))
            if planned.visit.phone
            else ""
        )
        self.ring_phone.setVisible(bool(planned.visit.phone))
        self.ring_card.show()
        self.cancel_button.hide()
        set_button_text(self.plan_button, _("Done"))
        self.plan_button.clicked.disconnect()
        self.plan_button.clicked.connect(self.accept)
        self.copy_button.setFocus()
        QTimer.singleShot(0, lambda: self.scroll.ensureWidgetVisible(self.ring_card))

    def copy_words(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.ring_words.text())
        self.copied.setText(_("Copied. You can paste the words wherever you like."))
