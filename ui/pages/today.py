"""Today: the page a person sees first. Calm and short."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from companion import contacts, i18n, reminders, today, wellbeing
from companion.i18n import _, isolate, ngettext
from ui.context import AppContext
from ui.models.people import when_text
from ui.pages.base import Page
from ui.pages.challenge_card import ChallengeCard
from ui.widgets.common import (
    SPACING,
    Card,
    FlowLayout,
    button,
    clear_layout,
    label,
    set_button_text,
)


class TodayPage(Page):
    key = "today"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._offset = 0

        self.date_label = label("", "subheading")
        self.content.insertWidget(1, self.date_label)

        self.recovery_card = Card()
        self.recovery_text = label("")
        self.recovery_card.body.addWidget(self.recovery_text)
        row = FlowLayout()
        self.recovery_button = button("", "primary")
        self.recovery_button.clicked.connect(context.show_recovery_code.emit)
        row.addWidget(self.recovery_button)
        self.recovery_card.body.addLayout(row)
        self.content.addWidget(self.recovery_card)

        # people to reach now: a few, not a wall
        self.people_card = Card()
        self.people_title = label("", "subheading")
        self.people_card.body.addWidget(self.people_title)
        self.people_rows = QVBoxLayout()
        self.people_rows.setSpacing(2 * SPACING)
        self.people_card.body.addLayout(self.people_rows)
        people_actions = FlowLayout()
        self.see_all = button("")
        self.see_all.clicked.connect(lambda: context.show_page.emit("people", "overdue"))
        self.add_first = button("", "primary")
        self.add_first.clicked.connect(lambda: context.show_page.emit("people", "add"))
        people_actions.addWidget(self.see_all)
        people_actions.addWidget(self.add_first)
        self.people_card.body.addLayout(people_actions)
        self.people_status = label("", "muted")
        self.people_status.hide()
        self.people_card.body.addWidget(self.people_status)
        self.content.addWidget(self.people_card)

        self.reminders_card = Card()
        self.reminders_title = label("", "subheading")
        self.reminders_list = label("")
        self.reminders_card.body.addWidget(self.reminders_title)
        self.reminders_card.body.addWidget(self.reminders_list)
        see_reminders = FlowLayout()
        self.reminders_button = button("")
        self.reminders_button.clicked.connect(lambda: context.show_page.emit("reminders", ""))
        see_reminders.addWidget(self.reminders_button)
        self.reminders_card.body.addLayout(see_reminders)
        self.content.addWidget(self.reminders_card)

        self.birthday_card = Card()
        self.birthday_text = label("")
        self.birthday_card.body.addWidget(self.birthday_text)
        self.content.addWidget(self.birthday_card)

        self.challenge_card = ChallengeCard(context)
        self.content.addWidget(self.challenge_card)

        self.check_card = Card()
        self.check_text = label("")
        self.check_card.body.addWidget(self.check_text)
        check_row = FlowLayout()
        self.check_button = button("", "primary")
        self.check_button.clicked.connect(self.take_check)
        self.check_later = button("")
        self.check_later.clicked.connect(self._check_later)
        check_row.addWidget(self.check_button)
        check_row.addWidget(self.check_later)
        self.check_card.body.addLayout(check_row)
        self.content.addWidget(self.check_card)
        self._check_put_off = False

        self.idea_card = Card()
        self.idea_title = label("", "subheading")
        self.idea_text = label("")
        self.idea_source = label("", "muted", selectable=True)
        self.idea_card.body.addWidget(self.idea_title)
        self.idea_card.body.addWidget(self.idea_text)
        self.idea_card.body.addWidget(self.idea_source)
        idea_row = QHBoxLayout()
        self.another_button = button("")
        self.another_button.clicked.connect(self.next_idea)
        idea_row.addWidget(self.another_button)
        idea_row.addStretch(1)
        self.idea_card.body.addLayout(idea_row)
        self.content.addWidget(self.idea_card)
        self.finish_content()

        context.setting_changed.connect(self._setting_changed)
        context.data_changed.connect(lambda _what: self.retranslate())
        self.retranslate()

    def title(self) -> str:
        return today.greeting(self.context.now(), self.context.settings.get("user_name"))

    def _setting_changed(self, key: str, _value: object) -> None:
        if key in ("user_name", "recovery_code_kept", "self_check_every_days"):
            self.retranslate()

    # people ---------------------------------------------------------------------------

    def _fill_people(self) -> None:
        clear_layout(self.people_rows)
        unlocked = self.context.unlocked
        if unlocked is None:
            return
        today_date = self.context.now().date()
        overview = contacts.due_overview(unlocked.store, today_date)
        reach = overview.reach_now(3)
        has_anyone = contacts.count_people(unlocked.store) > 0
        if not has_anyone:
            self.people_title.setText(_("People to keep in touch with"))
            self.people_rows.addWidget(
                label(_("No one here yet. Add someone you'd like to keep in touch with."))
            )
        elif not reach:
            self.people_title.setText(_("People to keep in touch with"))
            self.people_rows.addWidget(
                label(_("You're in touch with everyone on your list for now. Well done."))
            )
        else:
            self.people_title.setText(_("Who to get in touch with"))
            for item in reach:
                self.people_rows.addWidget(self._person_row(item, today_date))
        more = len(overview.overdue) + len(overview.this_week) - len(reach)
        self.see_all.setVisible(has_anyone)
        set_button_text(
            self.see_all,
            ngettext("See {count} more", "See {count} more", more).format(count=more)
            if more > 0
            else _("See everyone"),
        )
        self.add_first.setVisible(not has_anyone)
        set_button_text(self.add_first, _("Add someone"))
        birthdays = overview.birthdays
        self.birthday_card.setVisible(bool(birthdays))
        if birthdays:
            lines = []
            for person, when in birthdays[:3]:
                if when == today_date:
                    lines.append(_("It's {name}'s birthday today.").format(name=person.name))
                else:
                    lines.append(
                        _("{name}'s birthday is on {date}.").format(
                            name=person.name, date=i18n.format_date(when, "EEEE d MMMM")
                        )
                    )
            self.birthday_text.setText("\n".join(lines))

    def _person_row(self, item: contacts.DueItem, today_date: date) -> QWidget:
        person = item.person
        row = QWidget()
        column = QVBoxLayout(row)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACING)
        if person.last_contact is None:
            text = _("You haven't been in touch with {name} yet.").format(name=person.name)
        elif item.days_late > 0 and person.circle == "group":
            text = _("It's been a while since you went to {name}.").format(name=person.name)
        elif item.days_late > 0:
            text = _("It's been a while since you spoke with {name}.").format(name=person.name)
        else:
            text = _("A good day to get in touch with {name}.").format(name=person.name)
        column.addWidget(label(text))
        details = []
        if person.last_contact is not None:
            details.append(
                _("Last in touch: {when}").format(
                    when=when_text(person.last_contact.date(), today_date)
                )
            )
        if person.why:
            details.append(person.why)
        if details:
            column.addWidget(label(" · ".join(details), "muted"))
        actions = FlowLayout()
        done = button(_("I was in touch"), "primary")
        done.setAccessibleName(_("I was in touch with {name}").format(name=person.name))
        done.clicked.connect(lambda _c=False, p=person: self._in_touch(p))
        later = button(_("Later"))
        later.setAccessibleName(_("Remind me about {name} later").format(name=person.name))
        later.clicked.connect(lambda _c=False, p=person: self._later(p, today_date))
        actions.addWidget(done)
        actions.addWidget(later)
        column.addLayout(actions)
        return row

    def _fill_reminders(self) -> None:
        """What is left today; the banner handles what is due right now."""
        unlocked = self.context.unlocked
        if unlocked is None:
            self.reminders_card.hide()
            return
        now = self.context.now()
        today_left = [
            (instant, reminder)
            for instant, reminder in reminders.upcoming(unlocked.store, now, days=1)
            if instant.astimezone(now.tzinfo).date() == now.date()
        ]
        self.reminders_card.setVisible(bool(today_left))
        self.reminders_title.setText(_("Later today"))
        self.reminders_list.setText(
            "\n".join(
                f"{i18n.format_time(instant.astimezone(now.tzinfo).time().replace(second=0))} · {reminder.title}"
                for instant, reminder in today_left[:5]
            )
        )
        set_button_text(self.reminders_button, _("See all reminders"))

    def _in_touch(self, person: contacts.Person) -> None:
        if self.context.unlocked is None:
            return
        contacts.log_contact(self.context.unlocked.store, person.id, self.context.now(), "call")
        self.context.data_changed.emit("people")  # this page redraws through it too
        self._say(_("Noted: you were in touch with {name}. Well done.").format(name=person.name))

    def _later(self, person: contacts.Person, today_date: date) -> None:
        if self.context.unlocked is None:
            return
        until = contacts.snooze(self.context.unlocked.store, person.id, today_date)
        self.context.data_changed.emit("people")  # this page redraws through it too
        self._say(
            _("All right. Companion will suggest {name} again on {date}.").format(
                name=person.name, date=i18n.format_date(until, "EEEE d MMMM")
            )
        )

    def _say(self, text: str) -> None:
        self.people_status.setText(text)
        self.people_status.show()

    def _check_due(self) -> bool:
        unlocked = self.context.unlocked
        if unlocked is None or self._check_put_off:
            return False
        every = int(self.context.settings.get("self_check_every_days"))
        return wellbeing.is_due(wellbeing.history(unlocked.store), self.context.now(), every)

    def take_check(self) -> None:
        from ui.dialogs.self_check import SelfCheckDialog

        if self.context.unlocked is None:
            return
        dialog = SelfCheckDialog(self.context.unlocked.store, self.context.now(), self)
        dialog.exec()
        self.retranslate()

    def _check_later(self) -> None:
        self._check_put_off = True
        self.check_card.hide()

    def next_idea(self) -> None:
        self._offset += 1
        self._show_idea()

    def _show_idea(self) -> None:
        idea = today.suggestion_for(self.context.now().date(), self._offset)
        self.idea_text.setText(_(idea.text))
        self.idea_text.setAccessibleName(_(idea.text))
        domain = urlsplit(idea.source_url).netloc.removeprefix("www.")
        self.idea_source.setText(
            _("From: {source} ({site})").format(source=_(idea.source_name), site=isolate(domain))
        )
        self.idea_source.setToolTip(idea.source_url)
        self.idea_source.setAccessibleDescription(idea.source_url)

    def retranslate(self) -> None:
        super().retranslate()
        now = self.context.now()
        self.date_label.setText(i18n.format_date(now.date(), "full"))
        kept = bool(self.context.settings.get("recovery_code_kept"))
        self.recovery_card.setVisible(not kept and not self.context.locked)
        self.recovery_text.setText(
            _(
                "Your recovery code opens your data if the usual way in is ever lost. "
                "Please make a new one now and keep it somewhere safe."
            )
        )
        set_button_text(self.recovery_button, _("Make my recovery code"))
        self._fill_people()
        self._fill_reminders()
        self.challenge_card.retranslate()
        self.check_card.setVisible(self._check_due())
        self.check_text.setText(
            _(
                "It has been a while since you told Companion how you are feeling. Would you "
                "like to answer three short questions?"
            )
        )
        set_button_text(self.check_button, _("Answer the questions"))
        set_button_text(self.check_later, _("Not now"))
        self.idea_title.setText(_("An idea for today"))
        set_button_text(self.another_button, _("Another idea"))
        self._show_idea()

    def refresh(self) -> None:
        self.retranslate()
