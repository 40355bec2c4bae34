"""Reminders that fell due while Companion was closed or the computer asleep: listed once."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QWidget

from companion import reminders
from companion.i18n import _, ngettext
from companion.reminders import Due
from ui.dialogs.shell import DialogShell
from ui.widgets.common import Card, label


class WhileAwayDialog(DialogShell):
    def __init__(self, items: list[Due], now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(_("While you were away"), parent)
        self.items = items
        layout = self.body
        layout.addWidget(
            label(
                ngettext(
                    "This reminder came up while Companion was closed:",
                    "These reminders came up while Companion was closed:",
                    len(items),
                )
            )
        )
        card = Card()
        for item in items:
            card.body.addWidget(
                label(
                    _("{title} ({when})").format(
                        title=item.reminder.title, when=reminders.when_words(item.instant, now)
                    )
                )
            )
        layout.addWidget(card)
        # A reminder for just once has no next time: it is settled once seen, so only those
        # that repeat are said to come up again (it said so of every one).
        repeating = sum(item.reminder.repeat.kind != "once" for item in items)
        if repeating == len(items):
            after = ngettext(
                "It will come up again at its next time.",
                "They will come up again at their next time.",
                len(items),
            )
        elif repeating:
            after = _("Those that repeat will come up again at their next time.")
        else:
            after = ""
        self.after = label(after, "muted")
        self.after.setVisible(bool(after))
        layout.addWidget(self.after)
        self.ok_button = self.add_button(
            _("Thank you, I've seen them"), self.accept, "primary", default=True
        )
        self.first_field = self.ok_button
