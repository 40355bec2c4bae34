"""The parent view: a weekly look at a child's warning signs, what to do, and a summary.

Private on the parent's own computer, in its own encrypted file. When it has
a password of its own and is locked, the page shows only a calm panel to open
it; the rest of Companion stays open either way.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLineEdit, QMessageBox, QVBoxLayout, QWidget

from companion import i18n, parents
from companion.errors import CompanionError
from companion.i18n import _, ngettext
from companion.parents import Child
from companion.parents_content import content, psc_form
from companion.parents_lock import ParentLockState
from ui import actions_parents
from ui.dialogs.shell import ButtonRow, whole_buttons
from ui.ops import Change, Changes
from ui.pages.base import Page
from ui.widgets.common import (
    SPACING,
    Card,
    CheckBox,
    button,
    clear_layout,
    combo_box,
    label,
    set_button_text,
    show_error,
)
from ui.widgets.trend_chart import TrendChart

if TYPE_CHECKING:
    from ui.session import UiSession

SUMMARY_WEEKS = (4, 8, 12, 26)


class ParentsPage(Page):
    key = "parents"
    watches = Change.PARENTS | Change.SETTINGS

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.context = session.context
        self.access = actions_parents.access(session)
        self.children: list[Child] = []
        self._focus: tuple[str, ...] = ()

        # turned off: one sentence and one button
        self.off_card = Card()
        self.off_text = label("")
        self.off_button = button("", "primary")
        self.off_button.clicked.connect(self.turn_on)
        self.off_card.body.addWidget(self.off_text)
        self._row(self.off_card, self.off_button)
        self.content.addWidget(self.off_card)

        # locked: open with the parent password or the recovery code
        self.locked_card = Card()
        self.locked_title = label("", "subheading")
        self.locked_text = label("")
        self.password_label = label("")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.unlock)
        self.password_label.setBuddy(self.password)
        self.unlock_button = button("", "primary")
        self.unlock_button.clicked.connect(self.unlock)
        self.code_button = button("")
        self.code_button.clicked.connect(self.toggle_recovery)
        self.locked_error = label("", "error")
        self.locked_error.hide()
        for widget in (
            self.locked_title,
            self.locked_text,
            self.password_label,
            self.password,
            self.locked_error,
        ):
            self.locked_card.body.addWidget(widget)
        self._row(self.locked_card, self.unlock_button, self.code_button)
        self.content.addWidget(self.locked_card)
        self.use_recovery = False

        # open: the children and, for the chosen one, the week, the trend, what to do…
        self.open_box = QWidget()
        column = QVBoxLayout(self.open_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(24)

        self.children_card = Card()
        self.children_title = label("", "subheading")
        self.children_empty = label("")
        self.child_choice = combo_box()
        self.child_choice.currentIndexChanged.connect(self._child_chosen)
        self.add_child_button = button("", "primary")
        self.add_child_button.clicked.connect(self.add_child)
        self.change_child_button = button("")
        self.change_child_button.clicked.connect(self.change_child)
        self.remove_child_button = button("")
        self.remove_child_button.clicked.connect(self.remove_child)
        self.children_card.body.addWidget(self.children_title)
        self.children_card.body.addWidget(self.children_empty)
        self.children_card.body.addWidget(self.child_choice)
        self._row(
            self.children_card,
            self.add_child_button,
            self.change_child_button,
            self.remove_child_button,
        )
        column.addWidget(self.children_card)

        self.week_card = Card()
        self.week_title = label("", "subheading")
        self.week_text = label("")
        self.check_button = button("", "primary")
        self.check_button.clicked.connect(self.open_check)
        self.week_card.body.addWidget(self.week_title)
        self.week_card.body.addWidget(self.week_text)
        self._row(self.week_card, self.check_button)
        column.addWidget(self.week_card)

        self.trend_card = Card()
        self.trend_title = label("", "subheading")
        self.chart = TrendChart()
        self.trend_words = label("")
        self.trend_card.body.addWidget(self.trend_title)
        self.trend_card.body.addWidget(self.chart)
        self.trend_card.body.addWidget(self.trend_words)
        column.addWidget(self.trend_card)

        self.todo_card = Card()
        self.todo_title = label("", "subheading")
        self.todo_list = QVBoxLayout()
        self.todo_list.setSpacing(16)
        self.guide_button = button("")
        self.guide_button.clicked.connect(self.open_guide)
        self.when_now = label("")
        self.help_button = button("", "help")
        self.help_button.setMinimumHeight(44)
        self.help_button.clicked.connect(lambda: self.context.show_page.emit("help", ""))
        self.todo_card.body.addWidget(self.todo_title)
        self.todo_card.body.addLayout(self.todo_list)
        self._row(self.todo_card, self.guide_button)
        self.todo_card.body.addWidget(self.when_now)
        self._row(self.todo_card, self.help_button)
        column.addWidget(self.todo_card)

        self.psc_card = Card()
        self.psc_title = label("", "subheading")
        self.psc_text = label("", "muted")
        self.psc_result = label("")
        self.psc_button = button("")
        self.psc_button.clicked.connect(self.open_psc)
        for widget in (self.psc_title, self.psc_text, self.psc_result):
            self.psc_card.body.addWidget(widget)
        self._row(self.psc_card, self.psc_button)
        column.addWidget(self.psc_card)

        self.summary_card = Card()
        self.summary_title = label("", "subheading")
        self.summary_text = label("")
        self.summary_weeks = combo_box()
        self.summary_button = button("")
        self.summary_button.clicked.connect(self.save_summary)
        for widget in (self.summary_title, self.summary_text, self.summary_weeks):
            self.summary_card.body.addWidget(widget)
        self._row(self.summary_card, self.summary_button)
        column.addWidget(self.summary_card)

        self.privacy_card = Card()
        self.privacy_title = label("", "subheading")
        self.privacy_text = label("", "muted")
        self.lock_button = button("")
        self.lock_button.clicked.connect(self.lock)
        self.password_button = button("")  # here, not "go to Settings": one step, done
        self.password_button.clicked.connect(self.give_password)
        self.privacy_card.body.addWidget(self.privacy_title)
        self.privacy_card.body.addWidget(self.privacy_text)
        self._row(self.privacy_card, self.lock_button, self.password_button)
        column.addWidget(self.privacy_card)

        self.content.addWidget(self.open_box)
        self.finish_content()
        self.retranslate()
        self.refresh()

    @staticmethod
    def _row(card: Card, *widgets: QWidget) -> ButtonRow:
        row = ButtonRow()
        for widget in widgets:
            row.addWidget(widget)
        card.body.addLayout(row)
        return row

    def title(self) -> str:
        return _("Parent view")

    # state -------------------------------------------------------------------------

    def _turned_on(self) -> bool:
        return bool(self.context.settings.get("parent_view"))

    def child(self) -> Child | None:
        index = self.child_choice.currentIndex()
        return self.children[index] if 0 <= index < len(self.children) else None

    def refresh(self) -> None:
        on = self._turned_on()
        is_open = False
        if not on:
            self.access.lock(announce=False)  # turned off: its data is closed too
        else:
            try:
                is_open = self.access.open_if_free()
            except CompanionError as error:
                self.locked_error.setText(error.message)
                self.locked_error.show()
        self.off_card.setVisible(not on)
        self.locked_card.setVisible(on and not is_open)
        self.open_box.setVisible(on and is_open)
        if not is_open:
            self._forget()
        if on and not is_open:
            self._locked_texts()
            if self.isVisible():
                self.password.setFocus()  # type the password straight away
        if on and is_open:
            self._show_children()

    def _forget(self) -> None:
        """Locked or off: nothing of the children's data stays in the page's widgets."""
        self.children = []
        self.child_choice.blockSignals(True)
        self.child_choice.clear()
        self.child_choice.blockSignals(False)
        self.chart.clear()
        self.chart.setAccessibleName("")
        for widget in (self.trend_words, self.psc_result, self.week_text, self.week_title):
            widget.setText("")
        clear_layout(self.todo_list)
        self._focus = ()

    def _show_children(self) -> None:
        store = self.access.store
        chosen = self.child()
        self.children = parents.children(store)
        self.child_choice.blockSignals(True)
        self.child_choice.clear()
        for child in self.children:
            self.child_choice.addItem(
                _("{name} ({age})").format(name=child.name, age=child.age_band_label), child.id
            )
        if chosen is not None:
            self.child_choice.setCurrentIndex(max(self.child_choice.findData(chosen.id), 0))
        self.child_choice.blockSignals(False)
        has = bool(self.children)
        self.children_empty.setVisible(not has)
        for widget in (self.child_choice, self.change_child_button, self.remove_child_button):
            widget.setVisible(has)
        for card in (self.week_card, self.trend_card, self.todo_card, self.psc_card):
            card.setVisible(has)
        self.summary_card.setVisible(has)
        has_password = self.access.has_password()
        self.lock_button.setVisible(has_password)
        self.password_button.setVisible(not has_password)
        self.privacy_text.setText(
            _(
                "The parent view has its own password. Lock it when you step away; the rest "
                "of Companion stays open."
            )
            if has_password
            else _(
                "The parent view opens with the rest of Companion. You can lock it with a "
                "password of its own, so only you can open the children's notes."
            )
        )
        if has:
            self._show_child()

    def _child_chosen(self) -> None:
        if self.access.is_open and self.children:
            self._show_child()

    def _show_child(self) -> None:
        child = self.child()
        if child is None:
            return
        store = self.access.store
        now = self.context.now()
        today = now.date()
        week = parents.week_of(today)
        done = parents.check_for_week(store, child.id, today)
        self.week_title.setText(_("The week starting {date}").format(date=i18n.format_day(week)))
        if done is None:
            self.week_text.setText(
                _("A few minutes: what did you notice about {name} this week?").format(
                    name=child.name
                )
            )
            set_button_text(self.check_button, _("Do this week's check"))
        else:
            self.week_text.setText(_("Done for this week. You can change it until the week ends."))
            set_button_text(self.check_button, _("Change this week's check"))

        trend = parents.trend(store, child.id, today)
        self.chart.set_trend(trend, bool(self.context.settings.get("high_contrast")))
        # With no sign noted there is nothing to draw: the words below say so, once (the chart
        # said the same sentence above them, a legend above that).
        self.chart.setVisible(bool(self.chart.data.rows))
        self.chart.setAccessibleName(_("How things have gone for {name}").format(name=child.name))
        self.trend_words.setText(trend.summary)
        self.trend_title.setText(_("The last eight weeks"))

        clear_layout(self.todo_list)
        words = content()
        focus = [h.sign_id for h in trend.highlights]
        self._focus = tuple(focus)
        if focus:
            for sign_id in focus:
                sign = words.sign(sign_id)
                self.todo_list.addWidget(label(_(sign.title), "subheading"))
                for action_id in sign.actions:
                    action = words.actions.get(action_id)
                    if action is not None:
                        self.todo_list.addWidget(
                            label(
                                _("{title}: {text}").format(
                                    title=_(action.title), text=_(action.text)
                                )
                            )
                        )
                if sign.starters:
                    self.todo_list.addWidget(
                        label(
                            _("You could say: “{words}”").format(words=_(sign.starters[0])),
                            "muted",
                        )
                    )
        else:
            self.todo_list.addWidget(
                label(
                    _(
                        "Nothing stands out at the moment. Keep talking and listening, and keep "
                        "the good routines going."
                    )
                )
            )

        results = parents.psc17_results(store, child.id)
        due = parents.psc17_due(store, child.id, now)
        if results:
            last = results[-1]
            lines = [
                _("Last filled in on {date}.").format(
                    date=i18n.format_day(last.taken_at.date(), weekday=False)
                ),
                last.score.describe(),
            ]
            if last.score.valid:
                form = psc_form()
                lines += [
                    _(
                        "{part}: {score} out of {most}. Worth talking to a doctor from {level}."
                    ).format(
                        part=_(s.plain_label),
                        score=last.score.subscales[s.id],
                        most=form.most(s.id),
                        level=s.cutoff,
                    )
                    for s in form.subscales
                ]
            self.psc_result.setText("\n".join(lines))
        else:
            self.psc_result.setText(_("Not filled in yet."))
        set_button_text(
            self.psc_button,
            _("Fill in this month's checklist") if due else _("Fill in the checklist again"),
        )
        self.summary_text.setText(
            _(
                "One page for a short appointment: what you noticed and since when, what you "
                "tried, the checklist, and questions to ask. You choose where to save it."
            )
        )

    def give_password(self) -> None:
        """The same dialog as in Settings; afterwards the keyboard is on "Lock"."""
        from ui.dialogs.parents_password import ParentPasswordDialog

        ParentPasswordDialog(self.session, change=False, parent=self).exec()
        if self.access.is_open and self.access.has_password():
            self.lock_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _locked_texts(self) -> None:
        try:
            state = self.access.state()
        except CompanionError as error:
            self.locked_text.setText(error.message)
            return
        recovery = self.use_recovery or state is ParentLockState.RECOVERY
        self.locked_text.setText(
            _("Please type your recovery code to open the parent view.")
            if recovery
            else _(
                "The children's notes are locked with the parent password. The rest of "
                "Companion stays open."
            )
        )
        self.password_label.setText(_("Recovery code") if recovery else _("Parent password"))
        self.password.setAccessibleName(self.password_label.text())
        self.password.setEchoMode(
            QLineEdit.EchoMode.Normal if recovery else QLineEdit.EchoMode.Password
        )
        self.code_button.setVisible(state is ParentLockState.PASSWORD)
        set_button_text(
            self.code_button,
            _("Use the password instead") if self.use_recovery else _("Use my recovery code"),
        )

    # actions ---------------------------------------------------------------------------------

    def show_error(self, message: str) -> None:
        """Where a failed unlock is said: on the panel itself."""
        self.locked_error.setText(message)
        self.locked_error.setAccessibleName(message)
        self.locked_error.show()
        # Typing again replaces the wrong one; the words say why, in sight below the field.
        self.password.selectAll()
        QTimer.singleShot(0, self, self._error_in_sight)

    def _error_in_sight(self) -> None:
        if self.locked_error.isVisible():
            self.scroll.ensureWidgetVisible(self.locked_error, 0, 2 * SPACING)

    def turn_on(self) -> None:
        """The button pressed goes away with the card: the keys go on to the first thing to
        do here ("Add a child", or the week's check), not to the side menu's first page. A
        parent view with its own password opens locked, and its refresh puts them on that."""
        self.context.settings.set("parent_view", True)
        if self.isVisible() and self.open_box.isVisible():
            shown = self.check_button if self.children else self.add_child_button
            shown.setFocus(Qt.FocusReason.OtherFocusReason)

    def unlock(self) -> None:
        secret = self.password.text()
        state = None
        try:
            state = self.access.state()
        except CompanionError as error:
            self.show_error(error.message)
            return
        recovery = self.use_recovery or state is ParentLockState.RECOVERY
        if actions_parents.access(self.session).unlock(self, secret, recovery=recovery):
            self.password.clear()
            self.locked_error.hide()
            self.use_recovery = False
            # The keys go on with the week's check (or adding a child), not to the page list.
            shown = self.check_button if self.children else self.add_child_button
            if self.open_box.isVisible():
                shown.setFocus(Qt.FocusReason.OtherFocusReason)

    def toggle_recovery(self) -> None:
        self.use_recovery = not self.use_recovery
        self.password.clear()
        self.locked_error.hide()
        self._locked_texts()
        self.password.setFocus()

    def lock(self) -> None:
        self.access.lock()
        self.session.ops.said.emit(
            _("The parent view is locked. The rest of Companion stays open."), None
        )

    def add_child(self) -> None:
        from ui.dialogs.parents_child import ChildDialog

        dialog = ChildDialog(self.session, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self.child_choice.setCurrentIndex(max(self.child_choice.findData(dialog.saved.id), 0))

    def change_child(self) -> None:
        from ui.dialogs.parents_child import ChildDialog

        child = self.child()
        if child is not None:
            ChildDialog(self.session, child, self).exec()

    def remove_child(self) -> None:
        child = self.child()
        if child is None:
            return
        box = QMessageBox(self)
        box.setWindowTitle(_("Remove {name}?").format(name=child.name))
        box.setText(
            _(
                "This removes {name} and every check and note you kept for them. It cannot be "
                "undone."
            ).format(name=child.name)
        )
        yes = box.addButton(_("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(_("Keep"), QMessageBox.ButtonRole.RejectRole)
        whole_buttons(box)
        box.setDefaultButton(keep)
        box.exec()
        if box.clickedButton() is yes and actions_parents.remove_child(self.session, self, child):
            # the button pressed may be gone (the last child): the keys stay on the card
            shown = self.child_choice if self.children else self.add_child_button
            shown.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_check(self) -> None:
        from ui.dialogs.parents_check import WeeklyCheckDialog

        child = self.child()
        if child is None:
            return
        today = self.context.now().date()
        existing = parents.check_for_week(self.access.store, child.id, today)
        WeeklyCheckDialog(self.session, child, parents.week_of(today), existing, self).exec()

    def open_psc(self) -> None:
        from ui.dialogs.parents_psc import PscDialog

        child = self.child()
        if child is not None:
            PscDialog(self.session, child, self).exec()

    def open_guide(self) -> None:
        from ui.dialogs.parents_guide import GuideDialog

        GuideDialog(self._focus, self).exec()

    def summary_range(self) -> tuple:  # type: ignore[type-arg]
        weeks = int(self.summary_weeks.currentData() or 8)
        last = parents.week_of(self.context.now().date())
        return last - timedelta(weeks=weeks - 1), last

    def save_summary(self) -> None:
        child = self.child()
        if child is None:
            return
        first, last = self.summary_range()
        actions_parents.save_summary(self.session, self, child, first, last)

    def route(self, route: str) -> None:
        if route == "check" and self.open_box.isVisible() and self.child() is not None:
            self.open_check()

    # words ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        super().retranslate()
        self.off_text.setText(
            _(
                "The parent view is for parents and carers: a few minutes each week to note "
                "how your child is doing, what you can do, and a page to take to the doctor. "
                "It is off."
            )
        )
        set_button_text(self.off_button, _("Turn on the parent view"))
        self.locked_title.setText(_("The parent view is locked"))
        set_button_text(self.unlock_button, _("Open the parent view"))
        self.children_title.setText(_("Your children"))
        self.children_empty.setText(
            _("No one here yet. Add a child: a first name or a nickname is enough.")
        )
        self.child_choice.setAccessibleName(_("Whose notes to show"))
        set_button_text(self.add_child_button, _("Add a child"))
        set_button_text(self.change_child_button, _("Change name or age"))
        set_button_text(self.remove_child_button, _("Remove…"))
        self.todo_title.setText(_("What you can do"))
        set_button_text(self.guide_button, _("What you can do for each sign"))
        self.when_now.setText(_(content().when_now))
        set_button_text(self.help_button, _("Get help now"))
        self.psc_title.setText(_("Monthly checklist (PSC-17), if you like"))
        self.psc_text.setText(
            _(
                "Seventeen short sentences about the past month. It helps you notice; it is "
                "not a diagnosis. If the answers add up high, it is worth talking to your "
                "child's doctor."
            )
        )
        self.summary_title.setText(_("A summary for the doctor"))
        current = self.summary_weeks.currentData()
        self.summary_weeks.clear()
        for weeks in SUMMARY_WEEKS:
            self.summary_weeks.addItem(
                ngettext("The last {count} week", "The last {count} weeks", weeks).format(
                    count=weeks
                ),
                weeks,
            )
        self.summary_weeks.setCurrentIndex(max(self.summary_weeks.findData(current or 8), 0))
        self.summary_weeks.setAccessibleName(_("Which weeks to include"))
        set_button_text(self.summary_button, _("Save a one-page summary…"))
        self.privacy_title.setText(_("Privacy"))
        set_button_text(self.lock_button, _("Lock the parent view"))
        set_button_text(self.password_button, _("Lock it with a password…"))
        self.trend_title.setText(_("The last eight weeks"))


class ParentSettingsCard(Card):
    """The card in Settings: turn the parent view on, and give it a password of its own."""

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.context = session.context
        self.access = actions_parents.access(session)
        self.title = label("", "subheading")
        self.turned_on = CheckBox()
        self.turned_on.setChecked(bool(self.context.settings.get("parent_view")))
        self.turned_on.toggled.connect(self._turn)
        self.note = label("", "muted")
        self.state = label("")
        self.set_button = button("")
        self.set_button.clicked.connect(self.set_password)
        self.change_button = button("")
        self.change_button.clicked.connect(self.change_password)
        self.remove_button = button("")
        self.remove_button.clicked.connect(self.remove_password)
        for widget in (self.title, self.turned_on, self.note, self.state):
            self.body.addWidget(widget)
        row = ButtonRow()
        for widget in (self.set_button, self.change_button, self.remove_button):
            row.addWidget(widget)
        self.body.addLayout(row)
        session.ops.executed.connect(self._changed)

    def _changed(self, changes: Changes) -> None:
        if changes.touches(Change.PARENTS | Change.SETTINGS):
            self.refresh()

    def _turn(self, on: bool) -> None:
        if not on:
            self.access.lock(announce=False)  # off: the children's data is closed at once
        if bool(self.context.settings.get("parent_view")) != on:
            self.context.settings.set("parent_view", on)

    def _needs_open(self) -> bool:
        """Changing the password needs the parent data open: say so, and show where."""
        try:
            if self.access.is_open or self.access.open_if_free():
                return False
        except CompanionError as error:
            show_error(self, error.message)
            return True
        show_error(self, _("Please open the parent view first, then come back here."))
        self.context.show_page.emit("parents", "")
        return True

    def set_password(self) -> None:
        from ui.dialogs.parents_password import ParentPasswordDialog

        if not self._needs_open():
            ParentPasswordDialog(self.session, change=False, parent=self).exec()

    def change_password(self) -> None:
        from ui.dialogs.parents_password import ParentPasswordDialog

        if not self._needs_open():
            ParentPasswordDialog(self.session, change=True, parent=self).exec()

    def remove_password(self) -> None:
        if self._needs_open():
            return
        box = QMessageBox(self)
        box.setWindowTitle(_("Remove the parent password?"))
        box.setText(
            _(
                "Then the parent view opens with the rest of Companion, without a password of "
                "its own. Your recovery code still opens it."
            )
        )
        yes = box.addButton(_("Remove the password"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(_("Keep it"), QMessageBox.ButtonRole.RejectRole)
        whole_buttons(box)  # at 200% "Remove the password" was cut at its right edge
        box.setDefaultButton(keep)
        box.exec()
        if box.clickedButton() is yes:
            actions_parents.remove_password(self.session, self)

    def refresh(self) -> None:
        on = bool(self.context.settings.get("parent_view"))
        self.turned_on.blockSignals(True)
        self.turned_on.setChecked(on)
        self.turned_on.blockSignals(False)
        has_password = self.access.has_password()
        self.state.setVisible(on)
        self.state.setText(
            _("The parent view has its own password.")
            if has_password
            else _("The parent view opens with the rest of Companion.")
        )
        self.set_button.setVisible(on and not has_password)
        self.change_button.setVisible(on and has_password)
        self.remove_button.setVisible(on and has_password)

    def retranslate(self) -> None:
        self.title.setText(_("Parent view"))
        self.turned_on.setText(_("I'm a parent or carer"))
        self.note.setText(
            _(
                "Adds a page to note how your child is doing each week, what you can do, and a "
                "summary for the doctor. Its notes are kept in an encrypted file of their own, "
                "which you can lock with its own password."
            )
        )
        set_button_text(self.set_button, _("Lock it with a password…"))
        set_button_text(self.change_button, _("Change its password…"))
        set_button_text(self.remove_button, _("Remove its password…"))


def after_new_recovery_code(session: UiSession, parent: QWidget, code: str) -> None:
    """Called by Settings after a new recovery code is made: let it open the parent view."""
    if not actions_parents.after_new_recovery_code(session, code):
        show_error(
            parent,
            _(
                "The parent view is locked, so your previous recovery code still opens it. "
                "Open the parent view, then make a new recovery code again."
            ),
        )
