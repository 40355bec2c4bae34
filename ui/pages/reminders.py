"""Reminders: what comes up, grouped by day in plain words, and every reminder you have."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QVBoxLayout, QWidget

from companion import i18n, reminders
from companion.i18n import _, ngettext
from companion.reminders import Reminder
from ui import actions
from ui.background import save_file_in_background
from ui.dialogs.reminder import ReminderDialog
from ui.dialogs.shell import whole_buttons
from ui.models.reminders import RemindersModel, status_words
from ui.ops import Change
from ui.pages.base import Page
from ui.widgets.common import (
    SPACING,
    Card,
    FlowLayout,
    button,
    clear_layout,
    label,
    set_button_text,
)
from ui.widgets.files import plain_name, where_words
from ui.widgets.row_delegate import RowList

if TYPE_CHECKING:
    from ui.session import UiSession

LIST_ROWS = 5  # the list is this tall at most; more reminders scroll inside it
LIST_SHARE = 0.5  # and never more than this share of the page's visible height


def day_words(day: date, today: date) -> str:
    if day == today:
        return _("Today")
    if (day - today).days == 1:
        return _("Tomorrow")
    return i18n.format_day(day)


class RemindersPage(Page):
    key = "reminders"
    watches = Change.REMINDERS | Change.PEOPLE

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.context = session.context
        row = FlowLayout()
        self.add_button = button("", "primary")
        self.add_button.clicked.connect(self.add_reminder)
        self.calendar_button = button("")
        self.calendar_button.clicked.connect(self.save_calendar)
        row.addWidget(self.add_button)
        row.addWidget(self.calendar_button)
        self.content.addLayout(row)
        self.empty = label("")
        self.content.addWidget(self.empty)
        self.soon_title = label("", "subheading")
        self.content.addWidget(self.soon_title)
        self.soon = QVBoxLayout()
        self.soon.setSpacing(2 * SPACING)
        self.content.addLayout(self.soon)

        # every reminder: a list that grows, so a model; the buttons below act on the chosen one
        self.all_card = Card()
        self.all_title = label("", "subheading")
        self.how = label("", "muted")
        self.model = RemindersModel(self)
        # at most half the page's visible height: the chosen line and the buttons below it
        # stay in sight with the list, even at 200% text on a small screen
        self.list = RowList(
            most_rows=LIST_ROWS,
            on_enter=self.change_selected,
            on_delete=self.delete_selected,
            share_of_view=LIST_SHARE,
        )
        self.list.setModel(self.model)
        self.all_title.setBuddy(self.list)
        self.chosen = label("")
        actions_row = FlowLayout()
        self.change_button = button("")
        self.change_button.clicked.connect(self.change_selected)
        self.pause_button = button("")
        self.pause_button.clicked.connect(self.pause_selected)
        self.delete_button = button("")
        self.delete_button.clicked.connect(self.delete_selected)
        for widget in (self.change_button, self.pause_button, self.delete_button):
            actions_row.addWidget(widget)
        for widget in (self.all_title, self.how, self.list, self.chosen):
            self.all_card.body.addWidget(widget)
        self.all_card.body.addLayout(actions_row)
        self.content.addWidget(self.all_card)
        self.list.chosen.connect(self._show_chosen)
        self.model.dataChanged.connect(lambda *_a: self._show_chosen())
        self.model.rowsRemoved.connect(lambda *_a: self._show_chosen())
        self.finish_content()
        self.retranslate()
        self.refresh()

    def title(self) -> str:
        return _("Reminders")

    def store(self):  # type: ignore[no-untyped-def]
        return self.session.store

    def refresh(self) -> None:
        store = self.store()
        clear_layout(self.soon)
        now = self.context.now()
        everything = reminders.all_reminders(store)
        self.empty.setVisible(not everything)
        self.soon_title.setVisible(bool(everything))
        self.all_card.setVisible(bool(everything))
        coming = reminders.upcoming(store, now, days=7)
        by_day: dict[date, list[tuple[datetime, Reminder]]] = {}
        for instant, reminder in coming:
            by_day.setdefault(instant.astimezone(now.tzinfo).date(), []).append((instant, reminder))
        if everything and not coming:
            self.soon.addWidget(label(_("Nothing in the next seven days."), "muted"))
        for day, items in by_day.items():
            card = Card()
            card.body.addWidget(label(day_words(day, now.date()), "subheading"))
            for instant, reminder in items:
                clock = i18n.format_time(instant.astimezone(now.tzinfo).time().replace(second=0))
                card.body.addWidget(label(f"{clock} · {reminder.title}"))
            self.soon.addWidget(card)
        self.model.load(everything, now)
        if everything and self.list.current_row() is None:
            self.list.select_row(0)  # the buttons below always have a reminder to act on
        self._show_chosen()

    def selected(self) -> Reminder | None:
        row = self.list.current_row()
        return None if row is None else self.model.reminder(row)

    def _show_chosen(self) -> None:
        reminder = self.selected()
        for widget in (self.chosen, self.change_button, self.pause_button, self.delete_button):
            widget.setVisible(reminder is not None)
        if reminder is None:
            return
        now = self.model.now or self.context.now()
        self.chosen.setText(
            _("Chosen: {title}. {status}").format(
                title=reminder.title, status=status_words(reminder, now)
            )
        )
        set_button_text(
            self.change_button,
            _("Change"),
            _("Change {title}").format(title=reminder.title),
        )
        self.change_button.setAccessibleName(_("Change {title}").format(title=reminder.title))
        pause = _("Carry on") if reminder.paused else _("Pause")
        pause_name = (_("Carry on with {title}") if reminder.paused else _("Pause {title}")).format(
            title=reminder.title
        )
        set_button_text(self.pause_button, pause)
        self.pause_button.setAccessibleName(pause_name)
        set_button_text(self.delete_button, _("Delete"))
        self.delete_button.setAccessibleName(_("Delete {title}").format(title=reminder.title))

    # actions -----------------------------------------------------------------------------

    def add_reminder(self, person_id: int | None = None) -> None:
        ReminderDialog(self.session, person_id=person_id, parent=self).exec()

    def change(self, reminder: Reminder) -> None:
        ReminderDialog(self.session, reminder, parent=self).exec()

    def toggle_pause(self, reminder: Reminder) -> None:
        actions.pause_reminder(self.session, self, reminder.id, not reminder.paused)

    def delete(self, reminder: Reminder) -> None:
        actions.remove_reminder(self.session, self, reminder.id)

    def change_selected(self) -> None:
        reminder = self.selected()
        if reminder is not None:
            self.change(reminder)

    def pause_selected(self) -> None:
        reminder = self.selected()
        if reminder is not None:
            self.toggle_pause(reminder)

    def delete_selected(self) -> None:
        reminder = self.selected()
        if reminder is not None:
            self.delete(reminder)

    def save_calendar(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from companion import contacts
        from companion.interchange.calendar import calendar_ics, save_calendar

        store = self.store()
        everything = [r for r in reminders.all_reminders(store) if not r.paused]
        people = [p for p in contacts.people(store) if p.birthday]
        if people:
            box = QMessageBox(self)
            box.setWindowTitle(_("Save to my calendar"))
            box.setText(_("Add the birthdays of the people in your list too?"))
            yes = box.addButton(_("Yes, add birthdays"), QMessageBox.ButtonRole.YesRole)
            no = box.addButton(_("No, only reminders"), QMessageBox.ButtonRole.NoRole)
            # Escape is "not now", never an answer: it went on to save without the birthdays.
            cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(yes)
            box.setEscapeButton(cancel)
            whole_buttons(box)  # at 200% both were cut at their right edge
            box.exec()
            answer = box.clickedButton()
            if answer is not yes and answer is not no:
                return  # Cancel, Escape or the window closed: nothing is saved
            if answer is no:
                people = []
        now = self.context.now()

        def work(path: Path) -> int:
            save_calendar(path, calendar_ics(everything, people, now=now))
            return len(everything)

        save_file_in_background(
            self,
            _("Save reminders for your calendar"),
            "companion.ics",
            _("Calendar files (*.ics)"),
            ".ics",
            work,
            lambda count, path: ngettext(
                "Saved {count} reminder in {place} as “{name}”.",
                "Saved {count} reminders in {place} as “{name}”.",
                count,
            ).format(count=count, place=where_words(path), name=plain_name(path)),
            self._say,
        )

    def _say(self, text: str) -> None:
        self.session.ops.said.emit(text, None)

    def retranslate(self) -> None:
        super().retranslate()
        set_button_text(self.add_button, _("Add a reminder"))
        set_button_text(self.calendar_button, _("Save to my calendar…"))
        self.empty.setText(
            _("No reminders yet. Add one, such as calling your sister every Sunday at 5.")
        )
        self.soon_title.setText(_("Coming up"))
        self.all_title.setText(_("All your reminders"))
        self.how.setText(
            _(
                "Choose a reminder with the arrow keys. Enter changes it, Delete deletes it, "
                "and the buttons below the list act on the one you chose."
            )
        )
        self.list.setAccessibleName(_("All your reminders"))
        self.list.setAccessibleDescription(self.how.text())
        self.model.retranslate()
        self._show_chosen()
