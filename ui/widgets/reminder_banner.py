"""The in-app banner: every reminder that is due shows here, with Done, Snooze and Open.

It is there whatever the desktop's notifications do, and stays until the
person answers it: nothing times out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QMenu, QVBoxLayout, QWidget

from companion import reminders
from companion.i18n import _
from companion.reminders import Due
from ui.widgets.common import SPACING, FlowLayout, button, clear_layout, label


class ReminderBanner(QFrame):
    done = Signal(object)  # Due
    snoozed = Signal(object, object)  # Due, until
    opened = Signal()
    person_done = Signal(int, str)  # keep-in-touch nudge answered: person id, name
    person_later = Signal(int, str)

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

    def add(self, key: str, item: Due) -> None:
        self.items[key] = item
        self._draw()

    def remove(self, key: str) -> None:
        self.items.pop(key, None)
        self._draw()

    def add_nudges(self, people: list[tuple[int, str, object]]) -> None:
        for person_id, name, _due in people:
            self.nudges[person_id] = name
        self._draw()

    def _draw(self) -> None:
        clear_layout(self.column)
        for key, item in list(self.items.items()):
            self.column.addWidget(self._row(key, item))
        for person_id, name in list(self.nudges.items()):
            self.column.addWidget(self._nudge_row(person_id, name))
        self.setVisible(bool(self.items or self.nudges))

    def _row(self, key: str, item: Due) -> QWidget:
        row = QWidget()
        column = QVBoxLayout(row)
        column.setContentsMargins(0, 0, 0, 0)
        text = label(
            _("Reminder: {title} ({when})").format(
                title=item.reminder.title, when=reminders.when_words(item.instant, self.now())
            ),
            "subheading",
        )
        column.addWidget(text)
        actions = FlowLayout()
        done = button(_("Done"), "primary")
        done.setAccessibleName(_("Done: {title}").format(title=item.reminder.title))
        done.clicked.connect(lambda _c=False, i=item: self.done.emit(i))
        snooze = button(_("Snooze"))
        snooze.setAccessibleName(_("Snooze: {title}").format(title=item.reminder.title))
        menu = QMenu(snooze)
        for words, until in reminders.snooze_choices(self.now()):
            action = menu.addAction(words)
            action.triggered.connect(lambda _c=False, i=item, u=until: self.snoozed.emit(i, u))
        snooze.setMenu(menu)
        opened = button(_("Open"))
        opened.setAccessibleName(_("Open reminders"))
        opened.clicked.connect(self.opened.emit)
        for widget in (done, snooze, opened):
            actions.addWidget(widget)
        column.addLayout(actions)
        return row

    def _nudge_row(self, person_id: int, name: str) -> QWidget:
        row = QWidget()
        column = QVBoxLayout(row)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(
            label(_("It's a good day to get in touch with {name}.").format(name=name), "subheading")
        )
        actions = FlowLayout()
        done = button(_("I was in touch"), "primary")
        done.setAccessibleName(_("I was in touch with {name}").format(name=name))
        done.clicked.connect(lambda _c=False: self._answer_nudge(person_id, name, True))
        later = button(_("Later"))
        later.setAccessibleName(_("Remind me about {name} later").format(name=name))
        later.clicked.connect(lambda _c=False: self._answer_nudge(person_id, name, False))
        actions.addWidget(done)
        actions.addWidget(later)
        column.addLayout(actions)
        return row

    def _answer_nudge(self, person_id: int, name: str, in_touch: bool) -> None:
        self.nudges.pop(person_id, None)
        (self.person_done if in_touch else self.person_later).emit(person_id, name)
        self._draw()
