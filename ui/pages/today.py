"""Today: the page a person sees first. Calm and short.

What it shows and in which words is decided in ``companion.today``; this page only lays it
out. Its widgets are made once and reused: a redraw changes only the words that changed, so
Qt lays out again only what moved.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from companion import today
from companion.i18n import _
from ui.ops import Change
from ui.pages.base import Page

if TYPE_CHECKING:
    from ui.pages.challenge_card import TodayChallengeCard
    from ui.session import UiSession

from ui.widgets.common import (
    SPACING,
    Card,
    FlowLayout,
    button,
    label,
    set_button_text,
)


def _say(widget: QLabel, text: str) -> None:
    """Set a label's words only when they change (no needless layout)."""
    if widget.text() != text:
        widget.setText(text)


def _name(widget: QPushButton, text: str, description: str = "") -> None:
    """Set a button's words only when they change (a button's new words ask for a layout)."""
    if widget.text() != text or widget.accessibleName() != text:
        set_button_text(widget, text, description)
    elif description and widget.accessibleDescription() != description:
        widget.setAccessibleDescription(description)


def _visible(widget: QWidget, shown: bool) -> None:
    """Show or hide ``widget`` only when that changes anything.

    A widget that was never hidden appears with its page; ``setVisible(True)`` on it would
    still style it and lay it out at once, before the page has its window and its width
    (then again once it has): before the first paint that was most of the people card's time.
    """
    if widget.isHidden() == shown:
        widget.setVisible(shown)


def _actions() -> ModuleType:
    """``ui.actions``, imported at the first click rather than before the first paint."""
    from ui import actions

    return actions


class PersonRow(QWidget):
    """One person to get in touch with: a sentence, details, "I was in touch" and "Later"."""

    def __init__(self, page: TodayPage) -> None:
        super().__init__()
        self.person_id = 0
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACING)
        self.text = label("")
        self.details = label("", "muted")
        column.addWidget(self.text)
        column.addWidget(self.details)
        actions = FlowLayout()
        self.done = button("", "primary")
        self.done.clicked.connect(
            lambda: _actions().log_contact(page.session, page, self.person_id, source=page)
        )
        self.later = button("")
        self.later.clicked.connect(
            lambda: _actions().later(page.session, page, self.person_id, source=page)
        )
        actions.addWidget(self.done)
        actions.addWidget(self.later)
        column.addLayout(actions)

    def show_person(self, person: today.PersonToReach) -> None:
        self.person_id = person.person_id
        _say(self.text, person.text)
        _say(self.details, person.details)
        _visible(self.details, bool(person.details))
        for widget, text, name in (
            (self.done, _("I was in touch"), person.done_name),
            (self.later, _("Later"), person.later_name),
        ):
            if widget.text() != text:
                widget.setText(text)
            if widget.accessibleName() != name:
                widget.setAccessibleName(name)


# The cards below the reminders are built just after the first frame (see ``TodayPage``); these
# are their parts that other code or tests may reach for, which build them at once if need be.
BUILT_LATER = frozenset(
    {
        "backup_card", "backup_text", "backup_button",
        "birthday_card", "birthday_text",
        "challenge_card",
        "energy_card", "energy_text", "energy_nudges", "energy_button",
        "groups_card", "groups_title", "groups_text", "groups_button",
        "check_card", "check_text", "check_button", "check_later",
        "idea_card", "idea_title", "idea_text", "idea_source", "another_button",
    }
)  # fmt: skip


class TodayPage(Page):
    """Today, drawn in two steps so the window appears sooner.

    The first frame has the greeting, the day, the people to get in touch with and what is
    left today: on a 1366×768 screen that is more than the first screen, even at 100% text.
    The cards below (the backup line, birthdays, the challenge, energy, groups, the
    self-check and the idea) are built and filled just after that frame has painted, in the
    same order, so Tab still goes through the page from top to bottom. Their data needs the
    planner, the backup code, the challenge and the self-check, each imported when first
    used: none of that waits before the window shows. Reaching for one of their parts
    builds them at once.
    """

    key = "today"
    watches = (
        Change.PEOPLE | Change.CONTACTS | Change.REMINDERS | Change.WELLBEING | Change.SETTINGS
    ) | Change.PLANNER  # energy card
    watches |= Change.GROUPS  # the groups you go to (issue 11)

    # the cards built after the first frame (declared for the type checker)
    backup_card: Card
    backup_text: QLabel
    backup_button: QPushButton
    birthday_card: Card
    birthday_text: QLabel
    challenge_card: TodayChallengeCard
    energy_card: Card
    energy_text: QLabel
    energy_nudges: QLabel
    energy_button: QPushButton
    groups_card: Card
    groups_title: QLabel
    groups_text: QLabel
    groups_button: QPushButton
    check_card: Card
    check_text: QLabel
    check_button: QPushButton
    check_later: QPushButton
    idea_card: Card
    idea_title: QLabel
    idea_text: QLabel
    idea_source: QLabel
    another_button: QPushButton

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.context = context = session.context
        self._offset = 0
        self._check_put_off = False
        self._rest_built = False
        self._top_from_start = False
        self.people_listed = False  # "Who to get in touch with" lists someone

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

        # people to reach now: a few, not a wall (rows made once and reused)
        self.people_card = Card()
        self.people_title = label("", "subheading")
        self.people_card.body.addWidget(self.people_title)
        self.people_rows = QVBoxLayout()
        self.people_rows.setSpacing(2 * SPACING)
        self.people_card.body.addLayout(self.people_rows)
        self.people_message = label("")
        self._person_rows: list[PersonRow] = []
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
        self.finish_content()

        self.retranslate()
        self.refresh()
        # The rest once this frame is drawn, or in 2 s should it never be (a minimised start).
        self._painted = _FirstPaint(self.heading, self._build_the_rest_if_open)

    def __getattr__(self, name: str) -> Any:
        """A part of the cards below, asked for before they were built: build them now."""
        if name in BUILT_LATER and not self.__dict__.get("_rest_built", True):
            self.build_the_rest()
            return object.__getattribute__(self, name)
        raise AttributeError(name)

    def _build_the_rest_if_open(self) -> None:
        # Never once the data is locked or closed (the page is going), nor while a new key or a
        # restore may close it on another thread: then once that has ended, on this session.
        self.session.when_readable(self.build_the_rest)

    def build_the_rest(self) -> None:
        """Build and fill the cards below the reminders (once; see the class's notes)."""
        if self._rest_built:
            return
        self._rest_built = True
        context = self.context

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

        self.birthday_card = Card()
        self.birthday_text = label("")
        self.birthday_card.body.addWidget(self.birthday_text)
        self.content.addWidget(self.birthday_card)

        from ui.pages.challenge_card import TodayChallengeCard  # with the rest, not before

        self.challenge_card = TodayChallengeCard(self.session)
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
        # Shown now, not at the next turn of the event loop as Qt would for widgets added to
        # a page already on screen; the data below hides the cards with nothing to say.
        for card in (
            self.backup_card,
            self.birthday_card,
            self.challenge_card,
            self.energy_card,
            self.groups_card,
            self.check_card,
            self.idea_card,
        ):
            card.show()

        self._retranslate_rest()
        # The first screen too, when it came from the start (the same words, worked out here).
        self.session.when_readable(self.refresh if self._top_from_start else self._refresh_rest)

    @property
    def rest_built(self) -> bool:
        """Whether the cards below the reminders are there yet (they follow the first frame)."""
        return self._rest_built

    def title(self) -> str:
        return today.greeting(self.context.now(), self.context.settings.get("user_name"))

    # people ---------------------------------------------------------------------------

    def _show_people(self, shown: today.PeopleToReach) -> None:
        # One heading whether anyone is listed or not (set in retranslate).
        made = len(self._person_rows) < len(shown.people)
        while len(self._person_rows) < len(shown.people):
            self._person_rows.append(PersonRow(self))
        for row, person in zip(self._person_rows, shown.people, strict=False):
            row.show_person(person)
        wanted: list[QWidget] = list(self._person_rows[: len(shown.people)])
        if shown.empty_text:
            _say(self.people_message, shown.empty_text)
            wanted = [self.people_message]
        # Only what is listed sits in the layout; the rest wait, hidden, to be used again.
        current = [self.people_rows.itemAt(i).widget() for i in range(self.people_rows.count())]
        if current != wanted:
            while self.people_rows.count():
                taken = self.people_rows.takeAt(0)
                if taken is not None and taken.widget() is not None:
                    taken.widget().hide()
            for widget in wanted:
                self.people_rows.addWidget(widget)
                _visible(widget, True)
        self.people_listed = bool(shown.people) and not shown.empty_text
        _visible(self.see_all, bool(shown.see_all))
        if shown.see_all:
            _name(self.see_all, shown.see_all)
        _visible(self.add_first, shown.add_first)
        _name(self.add_first, _("Add someone"))
        if made:
            self._order_people_tabs()

    def _order_people_tabs(self) -> None:
        """Tab meets the people's buttons where they are: after the cards above, before
        "See more" and the reminders. (Qt puts a widget made later at the end of the window's
        Tab order, and rows are made as people come: they went after the idea at the end.)"""
        chain: list[QWidget] = [self.recovery_button]
        for row in self._person_rows:
            chain += [row.done, row.later]
        chain += [self.see_all, self.add_first, self.reminders_button]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)

    def _show_lines(self, card: QWidget, text: QLabel, lines: tuple[str, ...]) -> None:
        _visible(card, bool(lines))
        _say(text, "\n".join(lines))

    def _week_start(self) -> int:
        from companion import i18n, planner

        return planner.first_week_day(i18n.current_language(), self.context.settings.get("country"))

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
        from companion import today_rest  # the cards below the first screen: after its paint

        idea = today_rest.suggestion_for(self.context.now().date(), self._offset)
        _say(self.idea_text, _(idea.text))
        self.idea_text.setAccessibleName(_(idea.text))
        _say(self.idea_source, today_rest.idea_source_words(idea))
        self.idea_source.setToolTip(idea.source_url)
        self.idea_source.setAccessibleDescription(idea.source_url)

    def retranslate(self) -> None:
        super().retranslate()
        _say(
            self.recovery_text,
            _(
                "Your recovery code opens your data if the usual way in is ever lost. "
                "Please make a new one now and keep it somewhere safe."
            ),
        )
        _name(self.recovery_button, _("Make my recovery code"))
        _say(self.people_title, _("Who to get in touch with"))
        _say(self.reminders_title, _("Later today"))
        _name(self.reminders_button, _("See all reminders"))
        if self._rest_built:
            self._retranslate_rest()

    def _retranslate_rest(self) -> None:
        _name(self.backup_button, _("Back up now in Settings"))
        self.challenge_card.retranslate()
        _name(self.check_button, _("Answer the questions"))
        _name(self.check_later, _("Not now"))
        _say(self.idea_title, _("An idea for today"))
        _name(self.another_button, _("Another idea"))
        _name(self.energy_button, _("Plan"), _("Open the Energy page to plan your week"))
        _say(self.groups_title, _("Groups you go to"))
        _name(self.groups_button, _("See groups near me"))

    def refresh(self) -> None:
        # The very first time, the screen the start's child worked out beside Qt's start, if
        # it is there and still right; worked out here once the first frame is drawn
        # (``build_the_rest``), and every time after.
        now = self.context.now()
        made = today.start_screen_if_right(self.context.take_made_at_start(), now)
        top = made or today.first_screen(self.session.store, now, self.context.settings)
        self._top_from_start = made is not None
        _say(self.heading, top.greeting)
        _say(self.date_label, top.date)
        _visible(self.recovery_card, top.recovery_code_due)
        self._show_people(top.people)
        self._show_lines(self.reminders_card, self.reminders_list, top.later_today)
        if self._rest_built:
            self._refresh_rest()

    def _refresh_rest(self) -> None:
        settings = self.context.settings
        from companion import today_rest

        seen = today_rest.rest_of_today(
            self.session.store,
            self.context.now(),
            week_start=self._week_start(),
            check_every_days=0
            if self._check_put_off
            else int(settings.get("self_check_every_days")),
        )
        from ui.actions_data import backup_reminder_words

        words = backup_reminder_words(self.session)
        self.backup_card.setVisible(words is not None)
        _say(self.backup_text, words or "")
        self._show_lines(self.birthday_card, self.birthday_text, seen.birthdays)
        self.challenge_card.refresh()
        _say(self.energy_text, seen.energy.text)
        _say(self.energy_nudges, "\n".join(seen.energy.nudges))
        self.energy_nudges.setVisible(bool(seen.energy.nudges))
        self._show_lines(self.groups_card, self.groups_text, seen.groups)
        self.check_card.setVisible(seen.check_due)
        _say(self.check_text, seen.check_words)  # the core words it: the first time, or again
        self._show_idea()


class _FirstPaint(QObject):
    """Calls ``work`` just after ``watched`` first paints (the frame it is in has been drawn),
    or after ``latest_ms`` should it never paint; once. An event filter on that one widget,
    never on the whole app (see ``ui.app.AfterFirstPaint`` for why)."""

    def __init__(self, watched: QWidget, work: Callable[[], None], latest_ms: int = 2000) -> None:
        super().__init__(watched)  # gone with the page: then nothing runs
        # Held weakly: the waiting timer must not keep a page that was taken away (a lock).
        self._work: weakref.WeakMethod[Callable[[], None]] | None = weakref.WeakMethod(work)  # type: ignore[arg-type]
        watched.installEventFilter(self)
        QTimer.singleShot(latest_ms, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and self._work is not None:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)  # once the whole frame is drawn
        return False

    def _run(self) -> None:
        held, self._work = self._work, None
        work = held() if held is not None else None
        if work is not None:
            work()
