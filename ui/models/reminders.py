"""Every reminder as a Qt list model, updated in place so the chosen row and focus stay put.

``load`` turns the rows it holds into the fresh ones with removals, moves, inserts and
changes only, never a reset: after Pause, Change (a new title moves the row) or Done, the
row a person had chosen is still chosen. Words are worked out when a row is first drawn
and kept, so thousands of reminders show at once.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Hashable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from companion import reminders
from companion.i18n import _
from companion.reminders import Reminder
from ui.widgets.row_delegate import LINES_ROLE, ROW_FLAGS, Lines, lines_text

REMINDER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PAUSED_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")


def _kept_in_order(positions: list[int]) -> set[int]:
    """Indexes of a longest increasing run in ``positions``: the rows that need not move."""
    tails: list[int] = []  # the smallest last position of a run of each length
    tail_at: list[int] = []  # where that last position sits in ``positions``
    before: list[int] = [-1] * len(positions)
    for i, value in enumerate(positions):
        length = bisect_left(tails, value)
        if length == len(tails):
            tails.append(value)
            tail_at.append(i)
        else:
            tails[length] = value
            tail_at[length] = i
        before[i] = tail_at[length - 1] if length else -1
    kept: set[int] = set()
    i = tail_at[-1] if tail_at else -1
    while i >= 0:
        kept.add(i)
        i = before[i]
    return kept


def sync_rows(
    model: QAbstractListModel, rows: list[R], fresh: Sequence[R], key: Callable[[R], Hashable]
) -> list[int]:
    """Make ``rows`` equal ``fresh`` with removals, moves and inserts; returns changed rows.

    Rows that keep their order do not move; only the few that must (a renamed reminder)
    move, with ``beginMoveRows``, so a selection on them follows them.
    """
    root = QModelIndex()
    if not rows:
        if fresh:
            model.beginInsertRows(root, 0, len(fresh) - 1)
            rows.extend(fresh)
            model.endInsertRows()
        return []
    if [key(r) for r in rows] == [key(r) for r in fresh]:  # the usual case: same rows
        changed = [i for i, (old, new) in enumerate(zip(rows, fresh, strict=True)) if old != new]
        for i in changed:
            rows[i] = fresh[i]
        return changed
    order = {key(r): n for n, r in enumerate(fresh)}
    i = len(rows) - 1
    while i >= 0:  # removals, a run at a time
        if key(rows[i]) in order:
            i -= 1
            continue
        last = i
        while i > 0 and key(rows[i - 1]) not in order:
            i -= 1
        model.beginRemoveRows(root, i, last)
        del rows[i : last + 1]
        model.endRemoveRows()
        i -= 1
    kept_at = _kept_in_order([order[key(r)] for r in rows])
    kept = {key(rows[i]) for i in kept_at}
    present = {key(r) for r in rows}
    changed: list[int] = []
    for target, row in enumerate(fresh):
        k = key(row)
        while True:
            if target < len(rows) and key(rows[target]) == k:
                break
            if k not in present:
                model.beginInsertRows(root, target, target)
                rows.insert(target, row)
                model.endInsertRows()
                present.add(k)
                break
            if k not in kept:  # a row that moved up: bring it here
                found = next(i for i in range(target, len(rows)) if key(rows[i]) == k)
                model.beginMoveRows(root, found, found, root, target)
                rows.insert(target, rows.pop(found))
                model.endMoveRows()
                break
            # the row here moved down: put it at the end until its place comes
            last = len(rows)
            model.beginMoveRows(root, target, target, root, last)
            rows.append(rows.pop(target))
            model.endMoveRows()
        if rows[target] != row:
            rows[target] = row
            changed.append(target)
    return changed


def status_words(reminder: Reminder, now: datetime) -> str:
    if reminder.paused:
        return _("Paused: it won't remind you until you carry on.")
    if reminder.next_fire is not None:
        return _("Next: {when}").format(when=reminders.when_words(reminder.next_fire, now))
    return _("Done: it won't come up again.")


class RemindersModel(QAbstractListModel):
    """One row per reminder: its title, how often, and when it next comes up (or paused)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Reminder] = []
        self.now: datetime | None = None
        self._lines: dict[int, Lines] = {}

    def load(self, fresh: Sequence[Reminder], now: datetime) -> None:
        # "Today at 5 pm" becomes "Tomorrow at…" only when the day changes
        words_move = self.now is None or self.now.date() != now.date()
        self.now = now
        changed = sync_rows(self, self.rows, fresh, lambda r: r.id)
        if words_move:
            self.retranslate()
            return
        for row in changed:
            self._lines.pop(self.rows[row].id, None)
            self.dataChanged.emit(self.index(row), self.index(row))

    def retranslate(self) -> None:
        self._lines.clear()
        if self.rows:
            self.dataChanged.emit(self.index(0), self.index(len(self.rows) - 1))

    def row_of(self, reminder_id: int) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.id == reminder_id), None)

    def reminder(self, row: int) -> Reminder | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def lines(self, reminder: Reminder) -> Lines:
        found = self._lines.get(reminder.id)
        if found is None:
            now = self.now or datetime.now().astimezone()
            found = [
                (reminder.title, "title"),
                (reminders.describe(reminder), "body"),
                (status_words(reminder, now), "muted"),
            ]
            self._lines[reminder.id] = found
        return found

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        reminder = self.rows[index.row()]
        if role == LINES_ROLE:
            return self.lines(reminder)
        if role == Qt.ItemDataRole.DisplayRole:
            return lines_text(self.lines(reminder))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return ". ".join(text for text, _kind in self.lines(reminder))
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            if reminder.paused:
                return _(
                    "Press Enter to change it, or Delete to delete it. "
                    "The buttons below the list carry on with it or delete it."
                )
            return _(
                "Press Enter to change it, or Delete to delete it. "
                "The buttons below the list pause it or delete it."
            )
        if role == REMINDER_ID_ROLE:
            return reminder.id
        if role == PAUSED_ROLE:
            return reminder.paused
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags
