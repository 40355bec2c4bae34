"""Today: the page a person sees first. Calm and short."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from companion import contacts, i18n, reminders, today, wellbeing
from companion.i18n import _, isolate, ngettext
from ui import actions as act
from ui.models.people import when_text
from ui.ops import Change
from ui.pages.base import Page
from ui.pages.challenge_card import ChallengeCard

if TYPE_CHECKING:
    from ui.session import UiSession

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
    watches = (
        Change.PEOPLE | Change.CONTACTS | Change.REMINDERS | Change.WELLBEING | Change.SETTINGS
    ) | Change.PLANNER  # energy card
    watches |= Change.GROUPS  # the groups you go to (issue 11)

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.context = context = session.context
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

        # a gentle word when the last backup is old (never in the demo)
        self.backup_card = Card()
        self.backup_text = label("")
        self.backup_card.body.addWidget(self.backup_text)
        row = FlowLayout()
        self.backup_button = button("")
        self.backup_button.clicked.connect(lambda: context.show_page.emit("settings", "data"))
        row.addWidget(self.backup_button)
        self.backup_card.body.addLayout(row)
        self.backup_card.hide()
        self.content.addWidget(self.backup_card)

        # people to reach now: a few, not a wall
        self.people_card = Card()
        self.people_title = label("", "subheading")
        self.people_card.body.addWidget(self.people_title)
        self.people_rows = QVBoxLayout()
        self.people_rows.setSpacing(2 * SPACING)
        self.people_card.body.addLayout(self.people_rows)
        people_actions = FlowLayout()
        self.see_all = button("")
        self.see_all.clicked.connect(lambda: context.show_page.emit("people", "due"))
        self.add_first = button("", "primary")
        self.add_first.clicked.connect(lambda: context.show_page.emit("people", "add"))
        people_actions.addWidget(self.see_all)
        people_actions.addWidget(self.add_first)
        self.people_card.body.addLayout(people_actions)
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

        self.challenge_card = ChallengeCard(session)
        self.content.addWidget(self.challenge_card)

        # --- energy (issue 10): this week's energy in one line, and a gentle nudge or two ---
        self.energy_card = Card()
        self.energy_text = label("")
        self.energy_card.body.addWidget(self.energy_text)
        self.energy_nudges = label("", "muted")
        self.energy_card.body.addWidget(self.energy_nudges)
        energy_row = FlowLayout()
        self.energy_button = button("")
        self.energy_button.clicked.connect(lambda: context.show_page.emit("energy", ""))
        energy_row.addWidget(self.energy_button)
        self.energy_card.body.addLayout(energy_row)
        self.content.addWidget(self.energy_card)
        # --- end energy ---

        # --- groups (issue 11): the groups you go to, one line each ---
        self.groups_card = Card()
        self.groups_title = label("", "subheading")
        self.groups_text = label("")
        self.groups_card.body.addWidget(self.groups_title)
        self.groups_card.body.addWidget(self.groups_text)
        groups_row = FlowLayout()
        self.groups_button = button("")
        self.groups_button.clicked.connect(lambda: context.show_page.emit("groups", ""))
        groups_row.addWidget(self.groups_button)
        self.groups_card.body.addLayout(groups_row)
        self.content.addWidget(self.groups_card)
        # --- end groups ---

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

        self.retranslate()
        self.refresh()

    def title(self) -> str:
        return today.greeting(self.context.now(), self.context.settings.get("user_name"))

    # people ---------------------------------------------------------------------------

    def _fill_people(self) -> None:
        clear_layout(self.people_rows)
        store = self.session.store
        today_date = self.context.now().date()
        overview = contacts.due_overview(store, today_date)
        reach = overview.reach_now(3)
        has_anyone = contacts.count_people(store) > 0
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
                            name=person.name, date=i18n.format_day(when)
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
        done.clicked.connect(
            lambda _c=False, p=person: act.log_contact(self.session, self, p.id, source=self)
        )
        later = button(_("Later"))
        later.setAccessibleName(_("Remind me about {name} later").format(name=person.name))
        later.clicked.connect(
            lambda _c=False, p=person: act.later(self.session, self, p.id, source=self)
        )
        actions.addWidget(done)
        actions.addWidget(later)
        column.addLayout(actions)
        return row

    def _fill_reminders(self) -> None:
        """What is left today; the banner handles what is due right now."""
        now = self.context.now()
        today_left = [
            (instant, reminder)
            for instant, reminder in reminders.upcoming(self.session.store, now, days=1)
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

    def _fill_energy(self) -> None:
        """This week's energy in one line; isolation and burnout nudges, one line each."""
        from companion import planner
        from ui.actions_energy import week_start

        store, now = self.session.store, self.context.now()
        first = week_start(self.session)
        self.energy_text.setText(planner.summary_text(planner.summary(store, now, first)))
        found = [
            nudge
            for nudge in (
                planner.isolation_nudge(store, now, first),
                planner.burnout_note(store, now, first),
            )
            if nudge is not None
        ]
        self.energy_nudges.setText("\n".join(n.text for n in found))
        self.energy_nudges.setVisible(bool(found))

    def _fill_groups(self) -> None:
        """Groups: the groups you go to, one line each (issue 11)."""
        from companion import groups

        going = groups.going_to(self.session.store)
        self.groups_card.setVisible(bool(going))
        self.groups_title.setText(_("Groups you go to"))
        self.groups_text.setText("\n".join(t.title for t in going[:5]))
        set_button_text(self.groups_button, _("See groups near me"))

    def _check_due(self) -> bool:
        if self._check_put_off:
            return False
        every = int(self.context.settings.get("self_check_every_days"))
        return wellbeing.is_due(wellbeing.history(self.session.store), self.context.now(), every)

    def take_check(self) -> None:
        from ui.dialogs.self_check import SelfCheckDialog

        dialog = SelfCheckDialog(self.session.ops, self.context.now(), self)
        dialog.exec()

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
            if domain
            else _(idea.source_name)
        )
        self.idea_source.setToolTip(idea.source_url)
        self.idea_source.setAccessibleDescription(idea.source_url)

    def retranslate(self) -> None:
        super().retranslate()
        self.recovery_text.setText(
            _(
                "Your recovery code opens your data if the usual way in is ever lost. "
                "Please make a new one now and keep it somewhere safe."
            )
        )
        set_button_text(self.recovery_button, _("Make my recovery code"))
        set_button_text(self.backup_button, _("Back up now in Settings"))
        self.challenge_card.retranslate()
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
        set_button_text(self.reminders_button, _("See all reminders"))
        set_button_text(self.energy_button, _("Plan"), _("Open the Energy page to plan your week"))

    def refresh(self) -> None:
        self.heading.setText(self.title())
        now = self.context.now()
        self.date_label.setText(i18n.format_date(now.date(), "full"))
        kept = bool(self.context.settings.get("recovery_code_kept"))
        self.recovery_card.setVisible(not kept)
        from ui.actions_data import backup_reminder_words

        words = backup_reminder_words(self.session)
        self.backup_card.setVisible(words is not None)
        self.backup_text.setText(words or "")
        self._fill_people()
        self._fill_reminders()
        self.challenge_card.refresh()
        self._fill_energy()
        self._fill_groups()  # groups (issue 11)
        self.check_card.setVisible(self._check_due())
        self._show_idea()
