"""The 5-for-5 Connection Challenge on the Today page: start, tick each day, reflect."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLineEdit, QWidget

from companion import challenge, i18n
from companion.i18n import _, ngettext
from ui.ops import Change

if TYPE_CHECKING:
    from ui.session import UiSession
from ui.widgets.common import Card, FlowLayout, button, label, set_button_text


class ChallengeCard(Card):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.context = session.context
        self.title = label("", "subheading")
        self.text = label("")
        self.progress = label("", "muted")
        self.body.addWidget(self.title)
        self.body.addWidget(self.text)
        self.body.addWidget(self.progress)
        self.reflection = QLineEdit()
        self.body.addWidget(self.reflection)
        row = FlowLayout()
        self.main_button = button("", "primary")
        self.main_button.clicked.connect(self._main_action)
        self.second_button = button("")
        self.second_button.clicked.connect(self._second_action)
        row.addWidget(self.main_button)
        row.addWidget(self.second_button)
        self.body.addLayout(row)
        self._hidden_today = False

    def _current(self) -> challenge.Challenge | None:
        return challenge.current(self.session.store)

    def _main_action(self) -> None:
        from ui.dialogs.challenge import ChallengeDialog

        ops = self.session.ops
        today = self.context.now().date()
        running = self._current()
        if running is None:
            ChallengeDialog(ops, today, self).exec()  # announces when it starts one
        elif running.is_over(today):
            text = self.reflection.text()
            if ops.run(
                self,
                lambda s: challenge.finish(s, running.id, today, text) or True,
                Change.WELLBEING,
            ):
                self.reflection.clear()
        else:
            day = running.day_on(today)
            if day is not None:
                ops.run(
                    self,
                    lambda s: challenge.tick(
                        s, running.id, day.number, self.context.now(), not day.done
                    ),
                    Change.WELLBEING,
                )

    def retranslate(self) -> None:
        """Its words depend on the data: they are set by ``refresh()``."""

    def _second_action(self) -> None:
        self._hidden_today = True
        self.hide()

    def refresh(self) -> None:
        running = self._current()
        today = self.context.now().date()
        self.title.setText(_("The 5-for-5 Connection Challenge"))
        self.reflection.hide()
        self.second_button.hide()
        if self._hidden_today:
            self.hide()
            return
        self.show()
        if running is None:
            self.text.setText(
                _(
                    "Five small actions on five days in a row: thank someone, offer support, "
                    "or ask for help. It can make a real difference to how connected you feel."
                )
            )
            self.progress.setText(_("From: {source}").format(source=_(challenge.SOURCE_NAME)))
            set_button_text(self.main_button, _("Choose my five actions"))
            set_button_text(self.second_button, _("Not now"))
            self.second_button.show()
            return
        if running.is_over(today):
            self.text.setText(
                ngettext(
                    "You did {count} of your five actions. How did connecting make you feel?",
                    "You did {count} of your five actions. How did connecting make you feel?",
                    running.done_count,
                ).format(count=running.done_count)
            )
            self.reflection.setPlaceholderText(
                _("A few words, just for you (you can leave this empty)")
            )
            self.reflection.setAccessibleName(_("How did connecting make you feel?"))
            self.reflection.show()
            self.progress.setText("")
            set_button_text(self.main_button, _("Finish the challenge"))
            return
        day = running.day_on(today)
        if day is None:  # starts tomorrow
            self.text.setText(
                _("Your challenge starts on {date}.").format(date=i18n.format_day(running.started))
            )
            self.main_button.hide()
            return
        self.main_button.show()
        self.text.setText(
            _("Day {number} of 5: {action}").format(number=day.number, action=day.action)
        )
        streak = running.streak(today)
        progress = ngettext(
            "{count} day in a row so far.", "{count} days in a row so far.", streak
        ).format(count=streak)
        missed = running.missed(today)
        if missed:
            progress += " " + _("Missed a day? That's fine: carry on today.")
        self.progress.setText(progress)
        set_button_text(
            self.main_button, _("Not done yet after all") if day.done else _("I did it today")
        )


class TodayChallengeCard(ChallengeCard):
    """The challenge card on Today, drawn again only when the challenge, the day or the
    language changed: its buttons' new words would lay out the whole page on every redraw."""

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._drawn: object = None

    def refresh(self) -> None:
        state = (
            self._current(),
            self.context.now().date(),
            self._hidden_today,
            i18n.current_language(),
        )
        if state != self._drawn:
            super().refresh()
            self._drawn = state
