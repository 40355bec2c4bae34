"""Adding or changing a commitment or a rest block, with a kind word before it overfills a day.

Saving first asks the planner (``check_new``). When the day or the week would be too
full, or one of the person's own rules would be broken, the dialog says so kindly
and offers what could help as buttons (another day, shorter, a call instead, saying
no). Nothing is saved until the person chooses: one of those, or "Save it anyway".
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from companion import i18n, planner
from companion.errors import CompanionError
from companion.i18n import _
from companion.planner import Commitment, Draft, EnergyWarning, Suggestion
from ui import actions_energy as act
from ui.dialogs.shell import DialogShell
from ui.widgets.common import (
    Card,
    CheckBox,
    FlowLayout,
    button,
    clear_layout,
    combo_box,
    label,
    whole_number_field,
)
from ui.widgets.date_field import DateField
from ui.widgets.person_picker import PersonPicker
from ui.widgets.time_field import TimeField

if TYPE_CHECKING:
    from ui.session import UiSession

COST_CHOICES = ("light", "medium", "heavy")


def default_start(now: datetime, day: date | None = None) -> datetime:
    """The next whole hour today, or ten in the morning on another day."""
    wall = now.replace(tzinfo=None, second=0, microsecond=0)
    if day is not None and day != wall.date():
        return datetime.combine(day, time(10, 0))
    start = wall.replace(minute=0) + timedelta(hours=1)
    if start.date() != wall.date() or start.hour >= 21:
        return datetime.combine(wall.date() + timedelta(days=1), time(10, 0))
    return start


def unique_suggestions(warnings: list[EnergyWarning]) -> list[Suggestion]:
    seen: set[tuple[object, ...]] = set()
    found = []
    for warning in warnings:
        for suggestion in warning.suggestions:
            key = (suggestion.kind, suggestion.day, suggestion.minutes, suggestion.cost)
            if key not in seen:
                seen.add(key)
                found.append(suggestion)
    return found


class CommitmentDialog(DialogShell):
    def __init__(
        self,
        session: UiSession,
        existing: Commitment | None = None,
        *,
        kind: str = "visit",
        day: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        if existing is not None:
            title = _("Change your rest") if existing.is_rest else _("Change what you planned")
        else:
            title = _("Add rest") if kind == "rest" else _("Add to your week")
        super().__init__(title, parent)
        self.session = session
        self.store = session.store
        self.existing = existing
        self.saved: Commitment | None = None
        self.warnings: list[EnergyWarning] = []
        self._warned_for: Draft | None = None
        self.suggestion_buttons: list[QPushButton] = []
        body = self.body

        body.addWidget(label(_("What is it?"), "subheading"))
        self.kind = combo_box()
        self.kind.setAccessibleName(_("What kind of thing"))
        for key, name in planner.KINDS.items():
            self.kind.addItem(_(name), key)
        body.addWidget(self.kind)
        self.what = QLineEdit()
        self.what.setAccessibleName(_("A few words to say what it is"))
        self.what.setPlaceholderText(_("For example: Tea with Jo"))
        body.addWidget(self.what)

        body.addWidget(label(_("When, and for how long?"), "subheading"))
        row = FlowLayout()
        self.day = DateField(without_year="future")
        self.day.setAccessibleName(_("Day"))
        self.at = TimeField()
        self.at.setAccessibleName(_("Time"))
        self.minutes = whole_number_field(QSpinBox())
        self.minutes.setRange(5, 1440)
        self.minutes.setSingleStep(15)
        self.minutes.setAccessibleName(_("How long, in minutes"))
        self.minutes_label = label(_("How long, in minutes:"))
        self.minutes_label.setBuddy(self.minutes)
        row.addWidget(self.day)
        row.addWidget(self.at)
        row.addWidget(self.minutes_label)
        row.addWidget(self.minutes)
        body.addLayout(row)

        self.cost_heading = label("", "subheading")
        body.addWidget(self.cost_heading)
        self.cost_group = QButtonGroup(self)
        self.cost_radios: dict[str, QRadioButton] = {}
        cost_row = FlowLayout()
        for key in COST_CHOICES:
            radio = QRadioButton(planner.cost_words(planner.COSTS[key]))
            radio.setAccessibleName(planner.cost_words(planner.COSTS[key]))
            self.cost_group.addButton(radio)
            self.cost_radios[key] = radio
            cost_row.addWidget(radio)
        self.cost_number_radio = QRadioButton(_("A number:"))
        self.cost_number_radio.setAccessibleName(_("A number of my own"))
        self.cost_group.addButton(self.cost_number_radio)
        self.cost_number = whole_number_field(QSpinBox())
        self.cost_number.setRange(0, planner.MAX_COST)
        self.cost_number.setAccessibleName(_("Energy it takes, as a number from 0 to 10"))
        self.cost_number.valueChanged.connect(lambda _v: self.cost_number_radio.setChecked(True))
        # The number belongs to "A number:" alone: greyed out while another choice is ticked.
        self.cost_number.setEnabled(False)
        self.cost_number_radio.toggled.connect(self.cost_number.setEnabled)
        cost_row.addWidget(self.cost_number_radio)
        cost_row.addWidget(self.cost_number)
        body.addLayout(cost_row)
        self.suggested = label("", "muted")
        body.addWidget(self.suggested)
        learned_row = FlowLayout()
        self.learned_text = label("")
        self.use_learned = button(_("Use what you've learned"))
        self.use_learned.clicked.connect(self._use_learned)
        learned_row.addWidget(self.learned_text)
        learned_row.addWidget(self.use_learned)
        body.addLayout(learned_row)
        self._learned_cost: int | None = None

        self.factors_heading = label(_("What could make it harder? Tick any that fit."))
        body.addWidget(self.factors_heading)
        self.factor_boxes: dict[str, CheckBox] = {}
        for key, name in planner.FACTORS.items():
            box = CheckBox(_(name))
            box.toggled.connect(lambda _on: self._suggest())
            self.factor_boxes[key] = box
            body.addWidget(box)

        self.person_label = label(_("Is it with someone? (You can leave this.)"))
        self.person = PersonPicker(self.store)
        self.person.setAccessibleName(_("With whom"))
        self.person_label.setBuddy(self.person)
        self.person.currentIndexChanged.connect(lambda _i: self._suggest())
        body.addWidget(self.person_label)
        body.addWidget(self.person)

        self.note = QLineEdit()
        self.note.setAccessibleName(_("A note (you can leave this)"))
        self.note.setPlaceholderText(_("A note, if you like"))
        body.addWidget(self.note)

        rules = planner.list_boundaries(self.store)
        self.rules_line = label(
            _("Your rules: {rules}").format(
                rules=" · ".join(planner.describe_boundary(b) for b in rules)
            ),
            "muted",
        )
        self.rules_line.setVisible(bool(rules))
        body.addWidget(self.rules_line)

        self.remind = CheckBox(_("Remind me an hour before"))
        body.addWidget(self.remind)
        self.reminder_line = label("", "muted")
        body.addWidget(self.reminder_line)
        self.remind_button: QPushButton | None = None
        if existing is not None:
            # Here, beside what it is about, not among the buttons at the bottom: with five
            # there they took three rows at 200% text, and a warning above was cut off.
            self.remind_button = button(_("Remind me an hour before"))
            self.remind_button.clicked.connect(lambda _checked=False: self._remind_now())
            remind_row = FlowLayout()
            remind_row.addWidget(self.remind_button)
            body.addLayout(remind_row)

        # the kind warning, shown before anything is saved
        self.warning_card = Card()
        self.warning_text = label("")
        self.warning_card.body.addWidget(self.warning_text)
        self.warning_choice = label(_("You decide: choose one of these, or save it as it is."))
        self.warning_card.body.addWidget(self.warning_choice)
        self.suggestion_row = FlowLayout()
        self.warning_card.body.addLayout(self.suggestion_row)
        self.warning_card.hide()
        body.insertWidget(0, self.warning_card)  # on top, where it is seen at once

        self.save_button = self.add_button(_("Save"), self.save, "primary", default=True)
        self.decline_button: QPushButton | None = None
        self.delete_button: QPushButton | None = None
        if existing is not None:
            if existing.declined:
                self.decline_button = self.add_button(_("Plan it again"), self._plan_again)
            elif not existing.is_rest:
                self.decline_button = self.add_button(_("I said no to this"), self._decline)
            self.delete_button = self.add_button(_("Remove it"), self._delete)
        self.cancel_button = self.add_button(_("Cancel"), self.reject)

        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        # fill in
        start = existing.starts if existing else default_start(session.now(), day)
        self.day.setDate(QDate(start.year, start.month, start.day))
        self.at.setTime(QTime(start.hour, start.minute))
        if existing is not None:
            self._set_kind(existing.kind)
            self.what.setText(existing.title)
            self.minutes.setValue(existing.minutes)
            self._set_cost(existing.cost)
            for key, box in self.factor_boxes.items():
                box.setChecked(key in existing.factors)
            self.person.set_person(existing.person_id)
            self.note.setText(existing.note)
            self.remind.hide()
            self._show_reminder_state()
        else:
            self._set_kind(kind)
            self.minutes.setValue(60)
            self._set_cost(planner.suggest_cost(self.store, kind).cost)
        self._kind_changed(first=True)
        self.first_field = self.what
        self._start = self.draft_or_none()

    # reading and writing the form ------------------------------------------------------

    def _set_kind(self, kind: str) -> None:
        index = self.kind.findData(kind)
        self.kind.setCurrentIndex(max(0, index))

    def kind_key(self) -> str:
        return str(self.kind.currentData())

    def _set_cost(self, cost: int) -> None:
        for key, radio in self.cost_radios.items():
            if planner.COSTS[key] == cost:
                radio.setChecked(True)
                return
        self.cost_number.blockSignals(True)
        self.cost_number.setValue(cost)
        self.cost_number.blockSignals(False)
        self.cost_number_radio.setChecked(True)

    def cost(self) -> int:
        for key, radio in self.cost_radios.items():
            if radio.isChecked():
                return planner.COSTS[key]
        return self.cost_number.value()

    def starts(self) -> datetime:
        day = self.day.checked_date().toPython()
        clock = self.at.checked_time().toPython()
        assert isinstance(day, date) and isinstance(clock, time)
        return datetime.combine(day, clock.replace(second=0, microsecond=0))

    def draft(self) -> Draft:
        rest = self.kind_key() == "rest"
        return Draft(
            kind=self.kind_key(),
            title=self.what.text(),
            starts=self.starts(),
            minutes=self.minutes.value(),
            cost=self.cost(),
            factors=()
            if rest
            else tuple(k for k, box in self.factor_boxes.items() if box.isChecked()),
            person_id=self.person.person_id(),
            group_place_id=self.existing.group_place_id if self.existing else None,
            note=self.note.text(),
        )

    def draft_or_none(self) -> Draft | None:
        try:
            return self.draft()
        except (CompanionError, ValueError):
            return None

    def is_dirty(self) -> bool:
        return self.draft_or_none() != self._start

    # what the planner suggests ---------------------------------------------------------

    def _kind_changed(self, first: bool = False) -> None:
        rest = self.kind_key() == "rest"
        self.cost_heading.setText(
            _("How much does it give back?") if rest else _("How much energy will it take?")
        )
        self.factors_heading.setVisible(not rest)
        for box in self.factor_boxes.values():
            box.setVisible(not rest)
        self.person_label.setVisible(not rest)
        self.person.setVisible(not rest)
        if rest and not self.what.text().strip():
            self.what.setText(_("Quiet time"))
        if not first:
            self._suggest(update_cost=True)
        else:
            self._suggest(update_cost=False)

    def _suggest(self, update_cost: bool = True) -> None:
        kind = self.kind_key()
        factors = tuple(k for k, box in self.factor_boxes.items() if box.isChecked())
        try:
            suggestion = planner.suggest_cost(self.store, kind, factors, self.person.person_id())
        except CompanionError:
            return
        usual = planner.cost_words(suggestion.cost)
        if suggestion.reasons:
            text = _("Companion suggests {cost}, because of: {reasons}.").format(
                cost=usual, reasons=", ".join(suggestion.reasons)
            )
        else:
            text = _("Companion suggests {cost}. You can choose another.").format(cost=usual)
        self.suggested.setText(text)
        learned = suggestion.learned
        self._learned_cost = learned.cost if learned is not None else None
        self.learned_text.setVisible(learned is not None)
        self.use_learned.setVisible(learned is not None)
        if learned is not None:
            self.learned_text.setText(learned.text)
            self.use_learned.setAccessibleName(
                _("Use what you've learned: {cost}").format(cost=planner.cost_words(learned.cost))
            )
        if update_cost and self.existing is None:
            self._set_cost(suggestion.cost)

    def _use_learned(self) -> None:
        if self._learned_cost is not None:
            self._set_cost(self._learned_cost)

    def _show_reminder_state(self) -> None:
        existing = self.existing
        has = existing is not None and existing.reminder_id is not None
        if has:
            self.reminder_line.setText(_("A reminder is set for this."))
        self.reminder_line.setVisible(has)
        if self.remind_button is not None:
            self.remind_button.setVisible(
                not has and existing is not None and not existing.declined
            )

    # saving ----------------------------------------------------------------------------

    def save(self, anyway: bool = False) -> None:
        self.clear_error()
        try:
            draft = self.draft()
            warnings = planner.check_new(
                self.store,
                self.session.now(),
                draft,
                act.week_start(self.session),
                self.existing.id if self.existing else None,
            )
        except CompanionError as error:
            self.show_error(error.message)
            return
        if warnings and not anyway and self._warned_for != draft:
            self._warn(draft, warnings)
            return
        self._write(draft)

    def _write(self, draft: Draft) -> Commitment | None:
        if self.existing is None:
            saved = act.add_item(self.session, self, draft)
            if saved is not None and self.remind.isChecked():
                saved = act.attach_reminder(self.session, self, saved.id) or saved
        else:
            saved = act.change_item(self.session, self, self.existing.id, draft)
        if saved is not None:
            self.saved = saved
            self.accept()
        return saved

    def _warn(self, draft: Draft, warnings: list[EnergyWarning]) -> None:
        self.warnings = warnings
        self._warned_for = draft
        self.warning_text.setText("\n".join(w.text for w in warnings))
        self.warning_text.setAccessibleName(self.warning_text.text())
        clear_layout(self.suggestion_row)
        self.suggestion_buttons = []
        for suggestion in unique_suggestions(warnings):
            widget = button(self._suggestion_label(suggestion))
            widget.setProperty("suggestion", suggestion.kind)
            widget.clicked.connect(lambda _c=False, s=suggestion: self.take(s))
            self.suggestion_row.addWidget(widget)
            self.suggestion_buttons.append(widget)
        self.warning_card.show()
        self.set_button(self.save_button, _("Save it anyway"))
        if self.suggestion_buttons:
            self.suggestion_buttons[0].setFocus()
        self.scroll.verticalScrollBar().setValue(0)  # type: ignore[attr-defined]

    def _suggestion_label(self, suggestion: Suggestion) -> str:
        if suggestion.kind == "move" and suggestion.day is not None:
            return _("Move it to {day}").format(day=i18n.format_day(suggestion.day))
        if suggestion.kind == "shorten" and suggestion.minutes is not None:
            return i18n.ngettext(
                "Make it {count} minute", "Make it {count} minutes", suggestion.minutes
            ).format(count=i18n.format_number(suggestion.minutes))
        if suggestion.kind == "cheaper":
            return _("Make it a phone call instead")
        if suggestion.kind == "decline":
            return _("Say no kindly: show me the words")
        if suggestion.kind == "quiet" and suggestion.day is not None:
            return _("Save it, and keep {day} quiet with rest").format(
                day=i18n.format_date(suggestion.day, "EEEE")
            )
        return suggestion.text

    def take(self, suggestion: Suggestion) -> None:
        """The person chose one of the suggestions: change the form, then check again."""
        if suggestion.kind == "move" and suggestion.day is not None:
            day = suggestion.day
            self.day.setDate(QDate(day.year, day.month, day.day))
        elif suggestion.kind == "shorten" and suggestion.minutes is not None:
            self.minutes.setValue(suggestion.minutes)
        elif suggestion.kind == "cheaper":
            self._set_kind("call")
            if suggestion.cost is not None:
                self._set_cost(suggestion.cost)
        elif suggestion.kind == "decline":
            self._say_no(suggestion.situation)
            return
        elif suggestion.kind == "quiet" and suggestion.day is not None:
            saved = self._write(self.draft())
            if saved is not None:
                rest = Draft("rest", _("A quiet day"), datetime.combine(suggestion.day, time(10)))
                act.add_item(self.session, self.parentWidget(), rest)
            return
        self.warning_card.hide()
        self.set_button(self.save_button, _("Save"))
        self._warned_for = None
        self.save()

    def _say_no(self, situation: str | None) -> None:
        """Nothing is added (or it is marked as said no), and the words for saying no open."""
        from ui.dialogs.scripts import ScriptsDialog

        if self.existing is not None and not self.existing.declined:
            if act.decline(self.session, self, self.existing.id) is None:
                return
            self.accept()
        else:
            self.reject_quietly()
        parent = self.parentWidget()
        ScriptsDialog(self.session, situation=situation, parent=parent).exec()

    def reject_quietly(self) -> None:
        self._start = self.draft_or_none()
        super().reject()

    # the buttons of an existing one ----------------------------------------------------

    def _decline(self) -> None:
        assert self.existing is not None
        if act.decline(self.session, self, self.existing.id) is not None:
            self.accept()

    def _plan_again(self) -> None:
        assert self.existing is not None
        if act.plan_again(self.session, self, self.existing.id) is not None:
            self.accept()

    def _delete(self) -> None:
        assert self.existing is not None
        if act.delete_item(self.session, self, self.existing.id):
            self.accept()

    def _remind_now(self) -> None:
        assert self.existing is not None
        saved = act.attach_reminder(self.session, self, self.existing.id)
        if saved is not None:
            self.existing = saved
            self._show_reminder_state()
