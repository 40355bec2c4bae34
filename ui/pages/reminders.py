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

if TYPE_CHECKING:
    from ui.session import UiSession

SHOWN_AT_MOST = 100  # cards are for people, not for thousands


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
        self.all_title = label("", "subheading")
        self.content.addWidget(self.all_title)
        self.all = QVBoxLayout()
        self.all.setSpacing(2 * SPACING)
        self.content.addLayout(self.all)
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
        clear_layout(self.all)
        now = self.context.now()
        everything = reminders.all_reminders(store)
        self.empty.setVisible(not everything)
        self.soon_title.setVisible(bool(everything))
        self.all_title.setVisible(bool(everything))
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
        shown = everything[:SHOWN_AT_MOST]
        for reminder in shown:
            self.all.addWidget(self._reminder_card(reminder, now))
        if len(everything) > len(shown):
            self.all.addWidget(
                label(
                    ngettext(
                        "…and {count} more reminder.",
                        "…and {count} more reminders.",
                        len(everything) - len(shown),
                    ).format(count=len(everything) - len(shown)),
                    "muted",
                )
            )

    def _reminder_card(self, reminder: Reminder, now: datetime) -> QWidget:
        card = Card()
        card.body.addWidget(label(reminder.title, "subheading"))
        card.body.addWidget(label(reminders.describe(reminder)))
        if reminder.paused:
            card.body.addWidget(
                label(_("Paused: it won't remind you until you carry on."), "muted")
            )
        elif reminder.next_fire is not None:
            card.body.addWidget(
                label(
                    _("Next: {when}").format(when=reminders.when_words(reminder.next_fire, now)),
                    "muted",
                )
            )
        else:
            card.body.addWidget(label(_("Done: it won't come up again."), "muted"))
        row = FlowLayout()
        change = button(_("Change"))
        change.setAccessibleName(_("Change {title}").format(title=reminder.title))
        change.clicked.connect(lambda _c=False, r=reminder: self.change(r))
        pause = button(_("Carry on") if reminder.paused else _("Pause"))
        pause.setAccessibleName(
            (_("Carry on with {title}") if reminder.paused else _("Pause {title}")).format(
                title=reminder.title
            )
        )
        pause.clicked.connect(lambda _c=False, r=reminder: self.toggle_pause(r))
        remove = button(_("Delete"))
        remove.setAccessibleName(_("Delete {title}").format(title=reminder.title))
        remove.clicked.connect(lambda _c=False, r=reminder: self.delete(r))
        for widget in (change, pause, remove):
            row.addWidget(widget)
        card.body.addLayout(row)
        return card

    # actions -----------------------------------------------------------------------------

    def add_reminder(self, person_id: int | None = None) -> None:
        ReminderDialog(self.session, person_id=person_id, parent=self).exec()

    def change(self, reminder: Reminder) -> None:
        ReminderDialog(self.session, reminder, parent=self).exec()

    def toggle_pause(self, reminder: Reminder) -> None:
        actions.pause_reminder(self.session, self, reminder.id, not reminder.paused)

    def delete(self, reminder: Reminder) -> None:
        actions.remove_reminder(self.session, self, reminder.id)

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
            box.addButton(_("No, only reminders"), QMessageBox.ButtonRole.NoRole)
            box.exec()
            if box.clickedButton() is not yes:
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
                "Saved {count} reminder to {file}.", "Saved {count} reminders to {file}.", count
            ).format(count=count, file=path),
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
