"""Energy and boundaries: a week that doesn't wear you out, and that isn't too quiet either.

The week drawn day by day against the budget, what could help before a day
overfills (in the commitment dialog), "How did it feel?", the person's own
rules, kind words for saying no, gentle nudges both ways, and a pause.
The planner suggests; the person decides.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from companion import i18n, planner
from companion.i18n import _
from companion.planner import Nudge, Question
from ui import actions_energy as act
from ui.dialogs.shell import ButtonRow
from ui.ops import Change
from ui.pages.base import Page
from ui.widgets.common import (
    SPACING,
    Card,
    button,
    clear_layout,
    label,
    set_button_text,
    tab_in_reading_order,
)
from ui.widgets.week_view import WeekView

if TYPE_CHECKING:
    from ui.session import UiSession


class EnergyPage(Page):
    key = "energy"
    watches = Change.PLANNER | Change.CONTACTS | Change.PEOPLE | Change.SETTINGS

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.context = session.context
        self.offset = 0  # weeks from this one

        self.intro = label("")
        self.content.addWidget(self.intro)

        # a pause, when there is one
        self.paused_card = Card()
        self.paused_text = label("")
        self.paused_card.body.addWidget(self.paused_text)
        row = ButtonRow()
        self.end_pause_button = button("")
        self.end_pause_button.clicked.connect(lambda: act.end_pause(self.session, self))
        row.addWidget(self.end_pause_button)
        self.paused_card.body.addLayout(row)
        self.content.addWidget(self.paused_card)

        # gentle nudges, both ways
        self.nudges_card = Card()
        self.nudge_rows = QVBoxLayout()
        self.nudge_rows.setSpacing(2 * SPACING)
        self.nudges_card.body.addLayout(self.nudge_rows)
        self.content.addWidget(self.nudges_card)

        # the week
        self.week_card = Card()
        self.week_title = label("", "subheading")
        self.week_card.body.addWidget(self.week_title)
        nav = ButtonRow()
        self.previous_button = button("")
        self.previous_button.clicked.connect(lambda: self.show_week(self.offset - 1))
        self.this_week_button = button("")
        self.this_week_button.clicked.connect(lambda: self.show_week(0))
        self.next_button = button("")
        self.next_button.clicked.connect(lambda: self.show_week(self.offset + 1))
        for widget in (self.previous_button, self.this_week_button, self.next_button):
            nav.addWidget(widget)
        self.week_card.body.addLayout(nav)
        self.rules_line = label("", "muted")
        self.week_card.body.addWidget(self.rules_line)
        self.week_view = WeekView()
        self.week_view.item_activated.connect(self.open_item)
        self.week_card.body.addWidget(self.week_view)
        adds = ButtonRow()
        self.add_item_button = button("", "primary")
        self.add_item_button.clicked.connect(lambda: self.add_item("visit"))
        self.add_rest_button = button("")
        self.add_rest_button.clicked.connect(lambda: self.add_item("rest"))
        adds.addWidget(self.add_item_button)
        adds.addWidget(self.add_rest_button)
        self.week_card.body.addLayout(adds)
        self.content.addWidget(self.week_card)

        # how did it feel?
        self.questions_card = Card()
        self.questions_title = label("", "subheading")
        self.questions_card.body.addWidget(self.questions_title)
        self.question_rows = QVBoxLayout()
        self.question_rows.setSpacing(2 * SPACING)
        self.questions_card.body.addLayout(self.question_rows)
        self.content.addWidget(self.questions_card)

        # the budget, and a rise only when offered
        self.budget_card = Card()
        self.budget_title = label("", "subheading")
        self.budget_text = label("")
        self.budget_card.body.addWidget(self.budget_title)
        self.budget_card.body.addWidget(self.budget_text)
        row = ButtonRow()
        self.budget_button = button("")
        self.budget_button.clicked.connect(self.change_budget)
        row.addWidget(self.budget_button)
        self.budget_card.body.addLayout(row)
        self.rise_text = label("")
        self.budget_card.body.addWidget(self.rise_text)
        rise_row = ButtonRow()
        self.rise_yes = button("")
        self.rise_yes.clicked.connect(lambda: act.accept_rise(self.session, self))
        self.rise_no = button("")
        self.rise_no.clicked.connect(lambda: act.dismiss_rise(self.session, self))
        rise_row.addWidget(self.rise_yes)
        rise_row.addWidget(self.rise_no)
        self.budget_card.body.addLayout(rise_row)
        self.content.addWidget(self.budget_card)

        # your own rules
        self.rules_card = Card()
        self.rules_title = label("", "subheading")
        self.rules_card.body.addWidget(self.rules_title)
        self.rule_rows = QVBoxLayout()
        self.rule_rows.setSpacing(2 * SPACING)
        self.rules_card.body.addLayout(self.rule_rows)
        row = ButtonRow()
        self.add_rule_button = button("")
        self.add_rule_button.clicked.connect(self.add_rule)
        row.addWidget(self.add_rule_button)
        self.rules_card.body.addLayout(row)
        self.content.addWidget(self.rules_card)

        # saying no, and a pause
        self.no_card = Card()
        self.no_text = label("")
        self.no_card.body.addWidget(self.no_text)
        row = ButtonRow()
        self.scripts_button = button("")
        self.scripts_button.clicked.connect(lambda: self.open_scripts(None))
        self.pause_button = button("")
        self.pause_button.clicked.connect(self.start_pause)
        row.addWidget(self.scripts_button)
        row.addWidget(self.pause_button)
        self.no_card.body.addLayout(row)
        self.content.addWidget(self.no_card)
        self.finish_content()

        self.retranslate()
        self.refresh()

    def title(self) -> str:
        return _("Energy and boundaries")

    def now_date(self) -> date:
        return self.session.now().date()

    # texts ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        super().retranslate()
        self.intro.setText(
            _(
                "Plan a week that suits you: time with people, and time to rest. "
                "Companion suggests; you decide."
            )
        )
        set_button_text(self.end_pause_button, _("End the pause now"))
        self.questions_title.setText(_("How did it feel?"))
        set_button_text(self.previous_button, _("Previous week"))
        set_button_text(self.this_week_button, _("This week"))
        set_button_text(self.next_button, _("Next week"))
        set_button_text(self.add_item_button, _("Add something to your week"))
        set_button_text(self.add_rest_button, _("Add rest"))
        self.budget_title.setText(_("Your weekly energy"))
        set_button_text(self.budget_button, _("Change my weekly energy"))
        self.rules_title.setText(_("Your own rules"))
        set_button_text(self.add_rule_button, _("Add a rule"))
        self.no_text.setText(
            _(
                "Saying no is allowed. Kind, short words can help, and you can keep a few "
                "by the phone. If you are unwell or away, pause the planner: nothing is lost."
            )
        )
        set_button_text(self.scripts_button, _("Words for saying no"))
        set_button_text(self.pause_button, _("I'm unwell or away"))

    # drawing --------------------------------------------------------------------------

    def refresh(self) -> None:
        store = self.session.store
        now = self.session.now()
        start = act.week_start(self.session)
        focused = self._focused_item()
        asked = self._focused_question()
        rule_at = self._focused_rule()
        pausing = self.focusWidget() is self.pause_button
        answering_rise = self.focusWidget() in (self.rise_yes, self.rise_no)
        paused = planner.paused_until(store, now)
        self.paused_card.setVisible(paused is not None)
        if paused is not None:
            self.paused_text.setText(
                _(
                    "The planner is paused until the end of {date}. Nothing will be suggested "
                    "until then. Take care of yourself."
                ).format(date=i18n.format_day(paused))
            )
        self.pause_button.setVisible(paused is None)
        self._fill_nudges([n for n in planner.nudges(store, now, start) if n.kind != "rise"])
        self._fill_questions(planner.to_ask(store, now))
        if asked is not None:  # the answered question's buttons are gone: the next one's
            self._focus_question(asked)

        week = planner.week_of(store, now, start, self.offset)
        last = week.start + timedelta(days=6)
        self.week_title.setText(
            _("The week of {first} to {last}").format(
                first=i18n.format_day(week.start, weekday=False),
                last=i18n.format_day(last, weekday=False),
            )
        )
        self.this_week_button.setEnabled(self.offset != 0)
        self.week_view.set_week(week, self.now_date())
        rules = planner.list_boundaries(store)
        self.rules_line.setVisible(bool(rules))
        self.rules_line.setText(
            _("Your rules: {rules}").format(
                rules=" · ".join(planner.describe_boundary(b) for b in rules)
            )
        )
        self._fill_rules(rules)
        if rule_at is not None:  # its buttons were drawn again, or the rule is gone
            self._focus_rule(rule_at)
        if pausing and paused is not None:  # "I'm unwell or away" is hidden while paused
            self.end_pause_button.setFocus(Qt.FocusReason.OtherFocusReason)

        self.budget_text.setText(planner.describe_budget(week.budget))
        offer = planner.rise_offer(store, now, start)
        for widget in (self.rise_text, self.rise_yes, self.rise_no):
            widget.setVisible(offer is not None)
        if offer is not None:
            self.rise_text.setText(offer.text)
            set_button_text(
                self.rise_yes,
                _("Yes, plan with {count}").format(count=i18n.format_number(offer.proposed)),
            )
            set_button_text(self.rise_no, _("No, keep it as it is"))
        elif answering_rise:  # the offer is answered and gone: stay on the weekly energy
            self.budget_button.setFocus(Qt.FocusReason.OtherFocusReason)
        tab_in_reading_order(self.scroll.widget())  # the rows drawn again, in their place
        self._restore_focus(focused)

    def show_week(self, offset: int) -> None:
        self.offset = offset
        self.refresh()

    def _focused_item(self) -> int | None:
        widget: QWidget | None = self.focusWidget()
        while widget is not None and widget is not self:
            value = widget.property("item_id")
            if value is not None:
                return int(value)
            widget = widget.parentWidget()
        return None

    def _question_buttons(self) -> list[list[QPushButton]]:
        """The answer buttons of each "How did it feel?" question, in order."""
        rows = []
        for n in range(self.question_rows.count()):
            holder = self.question_rows.itemAt(n).widget()
            if holder is not None and not isinstance(holder, QLabel):
                rows.append(holder.findChildren(QPushButton))
        return [row for row in rows if row]

    def _focused_question(self) -> int | None:
        focus = self.focusWidget()
        for n, row in enumerate(self._question_buttons()):
            if focus in row:
                return n
        return None

    def _focus_question(self, index: int) -> None:
        rows = self._question_buttons()
        if rows:
            rows[min(index, len(rows) - 1)][0].setFocus(Qt.FocusReason.OtherFocusReason)
        else:  # none left to answer: stay on the week, not nowhere
            self.add_item_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _rule_buttons(self) -> list[list[QPushButton]]:
        """Each rule's Change and Remove buttons, in order."""
        rows = []
        for n in range(self.rule_rows.count()):
            holder = self.rule_rows.itemAt(n).widget()
            if holder is not None and not isinstance(holder, QLabel):
                rows.append(holder.findChildren(QPushButton))
        return [row for row in rows if row]

    def _focused_rule(self) -> int | None:
        focus = self.focusWidget()
        for n, row in enumerate(self._rule_buttons()):
            if focus in row:
                return n
        return None

    def _focus_rule(self, index: int) -> None:
        """After a rule is changed or removed the keyboard stays in the rules: on that rule's
        (or the next one's) Change, or on "Add a rule" when none is left; never nowhere."""
        rows = self._rule_buttons()
        target = rows[min(index, len(rows) - 1)][0] if rows else self.add_rule_button
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _restore_focus(self, item_id: int | None) -> None:
        if item_id is None:
            return
        for widget in self.week_view.item_buttons():
            if widget.property("item_id") == item_id:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def _fill_nudges(self, found: list[Nudge]) -> None:
        clear_layout(self.nudge_rows)
        self.nudges_card.setVisible(bool(found))
        for nudge in found:
            self.nudge_rows.addWidget(label(nudge.text))
            for suggestion in nudge.suggestions:
                if suggestion.kind not in ("get_help",):
                    self.nudge_rows.addWidget(label(suggestion.text, "muted"))
            row = ButtonRow()
            if nudge.kind == "isolation":
                reach = button(_("See who to get in touch with"), "primary")
                reach.clicked.connect(lambda: self.context.show_page.emit("people", "due"))
                row.addWidget(reach)
            for suggestion in nudge.suggestions:
                if suggestion.kind == "rest":
                    day = suggestion.day or self.now_date() + timedelta(days=1)
                    rest = button(_("Add rest on {day}").format(day=i18n.format_date(day, "EEEE")))
                    rest.clicked.connect(lambda _c=False, d=day: self.add_item("rest", d))
                    row.addWidget(rest)
                elif suggestion.kind == "decline":
                    words = button(_("Words for saying no"))
                    words.clicked.connect(lambda: self.open_scripts(None))
                    row.addWidget(words)
            if nudge.get_help:
                help_button = button(_("Get help"), "primary")
                help_button.clicked.connect(lambda: self.context.show_page.emit("help", ""))
                row.addWidget(help_button)
            holder = QWidget()
            holder.setLayout(row)
            self.nudge_rows.addWidget(holder)

    def _fill_questions(self, questions: list[Question]) -> None:
        clear_layout(self.question_rows)
        self.questions_card.setVisible(bool(questions))
        for question in questions[:5]:
            self.question_rows.addWidget(label(question.text))
            row = ButtonRow()
            for feeling, name in planner.FEELINGS.items():
                answer = button(_(name))
                answer.setAccessibleName(
                    _("{answer}: {question}").format(answer=_(name), question=question.text)
                )
                answer.clicked.connect(
                    lambda _c=False, q=question, f=feeling: act.reflect(
                        self.session, self, q.item.id, f, q.asked
                    )
                )
                row.addWidget(answer)
            holder = QWidget()
            holder.setLayout(row)
            self.question_rows.addWidget(holder)

    def _fill_rules(self, rules: list[planner.Boundary]) -> None:
        clear_layout(self.rule_rows)
        if not rules:
            self.rule_rows.addWidget(
                label(
                    _(
                        "No rules yet. A rule of your own, like “No calls after 8 pm”, "
                        "helps you plan a week that suits you."
                    )
                )
            )
            return
        for rule in rules:
            words = planner.describe_boundary(rule)
            self.rule_rows.addWidget(label(words))
            row = ButtonRow()
            change = button(_("Change"))
            change.setAccessibleName(_("Change the rule: {rule}").format(rule=words))
            change.clicked.connect(lambda _c=False, r=rule: self.change_rule(r))
            remove = button(_("Remove"))
            remove.setAccessibleName(_("Remove the rule: {rule}").format(rule=words))
            remove.clicked.connect(
                lambda _c=False, r=rule: act.delete_boundary(self.session, self, r)
            )
            row.addWidget(change)
            row.addWidget(remove)
            holder = QWidget()
            holder.setLayout(row)
            self.rule_rows.addWidget(holder)

    # actions --------------------------------------------------------------------------

    def add_item(self, kind: str = "visit", day: date | None = None) -> None:
        from ui.dialogs.commitment import CommitmentDialog

        if day is None and self.offset != 0:
            start = planner.week_of(
                self.session.store, self.session.now(), act.week_start(self.session), self.offset
            ).start
            day = start
        CommitmentDialog(self.session, kind=kind, day=day, parent=self).exec()

    def open_item(self, item_id: int) -> None:
        from ui.dialogs.commitment import CommitmentDialog

        try:
            item = planner.get(self.session.store, item_id)
        except Exception:  # removed meanwhile: the page redraws anyway
            self.refresh()
            return
        CommitmentDialog(self.session, item, parent=self).exec()

    def change_budget(self) -> None:
        from ui.dialogs.energy_budget import BudgetDialog

        BudgetDialog(self.session, self).exec()

    def add_rule(self) -> None:
        from ui.dialogs.energy_boundary import BoundaryDialog

        BoundaryDialog(self.session, parent=self).exec()

    def change_rule(self, rule: planner.Boundary) -> None:
        from ui.dialogs.energy_boundary import BoundaryDialog

        BoundaryDialog(self.session, rule, parent=self).exec()

    def open_scripts(self, situation: str | None) -> None:
        from ui.dialogs.scripts import ScriptsDialog

        ScriptsDialog(self.session, situation, parent=self).exec()

    def start_pause(self) -> None:
        from ui.dialogs.energy_pause import PauseDialog

        PauseDialog(self.session, self).exec()

    def route(self, route: str) -> None:
        if route == "add":
            self.add_item("visit")
        elif route == "rest":
            self.add_item("rest")
        elif route == "scripts":
            self.open_scripts(None)
        elif route == "budget":
            self.change_budget()

    def buttons(self) -> list[QPushButton]:
        return self.findChildren(QPushButton)
