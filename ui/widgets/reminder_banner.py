"""The in-app banner: every reminder that is due shows here, with Done, Snooze and Open.

It is there whatever the desktop's notifications do, and stays until the
person answers it: nothing times out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QMenu, QVBoxLayout, QWidget

from companion import reminders
from companion.i18n import _, ngettext
from companion.reminders import Due
from ui.widgets.common import SPACING, FlowLayout, button, clear_layout, label


class ReminderBanner(QFrame):
    """Draws what the reminder controller says is showing; it holds no state of its own."""

    done = Signal(object)  # Due
    snoozed = Signal(object, object)  # Due, until
    opened = Signal()
    see_people = Signal()  # the keep-in-touch line: open Today, where those people are

    def __init__(self, now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.now = now
        self.setProperty("role", "card")
        self.setAccessibleName(_("Reminders due now"))
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(3 * SPACING, 2 * SPACING, 3 * SPACING, 2 * SPACING)
        self.column.setSpacing(SPACING)
        self.items: dict[str, Due] = {}
        self.nudges: dict[int, str] = {}
        self.hide()

    def show_state(self, items: dict[str, Due], nudges: dict[int, str]) -> None:
        self.items = dict(items)
        self.nudges = dict(nudges)
        self._draw()

    def _draw(self) -> None:
        clear_layout(self.column)
        for item in list(self.items.values())[:3]:
            self.column.addWidget(self._row(item))
        hidden = len(self.items) - 3
        if hidden > 0:
            more = button(
                ngettext(
                    "{count} more reminder: see them all",
                    "{count} more reminders: see them all",
                    hidden,
                ).format(count=hidden)
            )
            more.clicked.connect(self.opened.emit)
            self.column.addWidget(more, alignment=Qt.AlignmentFlag.AlignLeading)
        if self.nudges:
            self.column.addWidget(self._nudge_line())
        self.setVisible(bool(self.items or self.nudges))

    def _row(self, item: Due) -> QWidget:
        row = QWidget()
        column = QVBoxLayout(row)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(
            label(
                _("Reminder: {title} ({when})").format(
                    title=item.reminder.title, when=reminders.when_words(item.instant, self.now())
                ),
                "subheading",
            )
        )
        line = FlowLayout()
        column.addLayout(line)
        done = button(_("Done"), "primary")
        done.setAccessibleName(_("Done: {title}").format(title=item.reminder.title))
        done.clicked.connect(lambda _c=False, i=item: self.done.emit(i))
        snooze = button(_("Later…"))
        snooze.setAccessibleName(_("Remind me later: {title}").format(title=item.reminder.title))
        menu = QMenu(snooze)
        for words, until in reminders.snooze_choices(self.now()):
            action = menu.addAction(words)
            action.triggered.connect(lambda _c=False, i=item, u=until: self.snoozed.emit(i, u))
        snooze.setMenu(menu)
        for widget in (done, snooze):
            line.addWidget(widget)
        return row

    def _nudge_line(self) -> QWidget:
        row = QWidget()
        column = QVBoxLayout(row)
        column.setContentsMargins(0, 0, 0, 0)
        line = FlowLayout()
        names = list(self.nudges.values())
        others = len(names) - 1
        if others == 0:
            words = _("It's a good day to get in touch with {name}.").format(name=names[0])
        else:
            words = ngettext(
                "It's a good day to get in touch with {name} and {count} other person.",
                "It's a good day to get in touch with {name} and {count} other people.",
                others,
            ).format(name=names[0], count=others)
        column.addWidget(label(words))
        column.addLayout(line)
        see = button(_("See who on Today"))
        see.setAccessibleName(words + " " + _("See who on Today"))
        see.clicked.connect(self.see_people.emit)
        line.addWidget(see)
        return row
