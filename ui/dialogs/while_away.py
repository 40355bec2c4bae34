"""Reminders that fell due while Companion was closed or the computer asleep: listed once."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from companion import reminders
from companion.i18n import _, ngettext
from companion.reminders import Due
from ui.widgets.common import SPACING, Card, button, label


class WhileAwayDialog(QDialog):
    def __init__(self, items: list[Due], now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items = items
        self.setWindowTitle(_("While you were away"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(3 * SPACING, 3 * SPACING, 3 * SPACING, 3 * SPACING)
        layout.setSpacing(2 * SPACING)
        layout.addWidget(label(_("While you were away"), "heading"))
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
        layout.addWidget(label(_("They will come up again at their next time."), "muted"))
        self.ok_button = button(_("Thank you, I've seen them"), "primary")
        self.ok_button.clicked.connect(self.accept)
        layout.addWidget(self.ok_button)
        self.resize(640, 420)
