"""The people list as a Qt model, and the proxy that searches and filters it.

The model holds one light row per person, loaded with one indexed query, and
keeps them in the order shown, sorted in plain Python; the proxy only decides
which rows show, from sets it computes in plain Python when the search changes,
so a keystroke stays fast with 10,000 people. (The proxy used to sort too: Qt's
sort asks the model for both sides of every comparison, each a call into Python,
and placing 10,000 imported people that way took 2.6 s of the window's time.)
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from companion import contacts, i18n
from companion.contacts import Person
from companion.i18n import _, ngettext
from ui.widgets.row_delegate import BUTTON_ROLE, LINES_ROLE, ROW_FLAGS, Lines

PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 3

NAME, CIRCLE, LAST, NEXT, ACTION = range(5)
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Row:
    person: Person
    search_key: str
    overdue_days: int | None  # days since due, None when not due


def when_text(day: date, today: date) -> str:
    """'today', 'yesterday', '3 days ago', '2 weeks ago' or a date: the rule Today uses too."""
    return _when_words(day, today, i18n.current_language())


@lru_cache(maxsize=4096)
def _when_words(day: date, today: date, language: str) -> str:
    """Cached: babel takes about half a millisecond a date, and a list can hold 20,000."""
    from companion.today import last_in_touch_words

    return last_in_touch_words(day, today)


def due_text(row: Row, today: date) -> str:
    person = row.person
    return _due_words(
        person.next_due,
        person.snoozed_until,
        person.last_contact is None,
        today,
        i18n.current_language(),
    )


@lru_cache(maxsize=4096)
def _due_words(
    due: date | None, snoozed: date | None, never: bool, today: date, language: str
) -> str:
    if snoozed and snoozed > today:
        return _("Later: from {date}").format(date=i18n.format_date(snoozed))
    if due is None:
        return _("No schedule")
    if never and due <= today:
        return _("When you're ready")
    if due < today:
        return _("It's been a while")
    if due == today:
        return _("Today")
    days = (due - today).days
    if days < 7:
        return ngettext("In {count} day", "In {count} days", days).format(count=days)
    return i18n.format_date(due)


def last_text(row: Row, today: date) -> str:
    """When you were last in touch, in words ("Not yet", "3 weeks ago")."""
    last = row.person.last_contact
    return _("Not yet") if last is None else when_text(last.date(), today)


def next_text(row: Row, today: date) -> str:
    """The next time, as a row says it: "It's been a while", "Next time: in 3 days"."""
    person = row.person
    return _next_words(
        person.next_due,
        person.snoozed_until,
        person.last_contact is None,
        today,
        i18n.current_language(),
    )


@lru_cache(maxsize=4096)
def _next_words(
    due: date | None, snoozed: date | None, never: bool, today: date, language: str
) -> str:
    if snoozed and snoozed > today or due is None or due < today or never and due <= today:
        return _due_words(due, snoozed, never, today, language)  # words that stand alone
    if due == today:
        return _("Next time: today")
    days = (due - today).days
    if days < 14:  # the steps "last in touch" counts back in, forwards
        return ngettext("Next time: in {count} day", "Next time: in {count} days", days).format(
            count=days
        )
    if days < 60:
        weeks = days // 7
        return ngettext("Next time: in {count} week", "Next time: in {count} weeks", weeks).format(
            count=weeks
        )
    return _("Next time: {date}").format(date=i18n.format_date(due))


def detail_text(row: Row, today: date) -> str:
    """The line under a name, short enough for one line at large text where it can be:
    "Last in touch: 5 weeks ago · It's been a while"."""
    last = row.person.last_contact
    coming = next_text(row, today)
    if last is None:
        return _("Not in touch yet · {next}").format(next=coming)
    return _("Last in touch: {when} · {next}").format(
        when=when_text(last.date(), today), next=coming
    )


def spoken_text(row: Row, today: date) -> str:
    """Everything a row says, in whole sentences with the circle, for a screen reader."""
    person = row.person
    circle = _(contacts.CIRCLES.get(person.circle, person.circle))
    due = due_text(row, today)
    last = person.last_contact
    if last is None:
        return _("{circle}. Not in touch yet. Next time: {next}").format(circle=circle, next=due)
    return _("{circle}. Last in touch: {when}. Next time: {next}").format(
        circle=circle, when=when_text(last.date(), today), next=due
    )


def lines_for(row: Row, today: date) -> Lines:
    """A person's row in the list: the whole name, then when you were last in touch and the
    next time."""
    return [(row.person.name, "title"), (detail_text(row, today), "muted")]  # as sample_rows


def sample_rows(people: list[Person], today: date, measured: int = 12) -> list[tuple[Lines, str]]:
    """Rows that need the most room (the longest names, each with the longest line under
    it, and the longest lines under the longest name), for a list too long to measure every
    row: see ``RowList.set_uniform_rows``. Plain Python, so it can run off the UI thread."""
    if not people:
        return []
    names = heapq.nlargest(measured, (p.name for p in people), key=len)
    details = heapq.nlargest(
        measured, {detail_text(Row(p, "", None), today) for p in people}, key=len
    )
    words = _("I was in touch")
    return [([(name, "title"), (details[0], "muted")], words) for name in names] + [
        ([(names[0], "title"), (detail, "muted")], words) for detail in details[1:]
    ]


def sort_key(column: int) -> Callable[[Row], str]:
    """What a column sorts by (the same as its ``SORT_ROLE``)."""
    if column == CIRCLE:
        return lambda row: row.person.circle
    if column == LAST:
        return lambda row: row.person.last_contact.isoformat() if row.person.last_contact else ""
    if column == NEXT:
        return lambda row: row.person.next_due.isoformat() if row.person.next_due else "9999"
    if column == NAME:
        return lambda row: row.search_key
    return lambda row: ""


class PeopleModel(QAbstractTableModel):
    BULK = 200  # more rows coming or going than this at once: the list is laid out anew

    def __init__(self, today: date, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self.today = today
        self.sort_column = NAME
        self.sort_order = Qt.SortOrder.AscendingOrder

    # order ------------------------------------------------------------------------------

    def _order_key(self) -> Callable[[Row], tuple[str, str, int]]:
        first = sort_key(self.sort_column)
        return lambda row: (first(row), row.search_key, row.person.id)

    def _in_order(self, rows: list[Row]) -> list[Row]:
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        return sorted(rows, key=self._order_key(), reverse=descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows in Python; selection and the current row follow their person."""
        self.sort_column, self.sort_order = column, order
        self._reorder()

    def _reorder(self) -> None:
        ordered = self._in_order(self.rows)
        if ordered == self.rows:
            return
        self.layoutAboutToBeChanged.emit()
        kept = self.persistentIndexList()
        who = [self.rows[i.row()].person.id if i.isValid() else None for i in kept]
        self.rows = ordered
        place = {row.person.id: i for i, row in enumerate(ordered)}
        self.changePersistentIndexList(
            kept,
            [
                self.index(place[person], index.column()) if person in place else QModelIndex()
                for person, index in zip(who, kept, strict=True)
            ],
        )
        self.layoutChanged.emit()

    # loading ----------------------------------------------------------------------------

    @staticmethod
    def _row(p: Person, today: date) -> Row:
        return Row(
            p,
            p.name.casefold(),
            (today - p.next_due).days
            if p.next_due
            and p.next_due < today
            and not (p.snoozed_until and p.snoozed_until > today)
            else None,
        )

    def load(self, people: list[Person], today: date) -> None:
        """Update in place: rows that stay keep their place, so selection and focus survive.

        Many people at once (an import, everyone at the first load) are laid out anew
        in one go: inserting thousands one by one costs the window more than it saves.
        """
        new_day = today != self.today  # "3 days ago" is "4 days ago" now, for everyone
        self.today = today
        fresh = {p.id: self._row(p, today) for p in people}
        gone = [i for i, r in enumerate(self.rows) if r.person.id not in fresh]
        coming = len(fresh) - (len(self.rows) - len(gone))
        if len(gone) + coming > self.BULK:
            self.beginResetModel()
            self.rows = self._in_order(list(fresh.values()))
            self.endResetModel()
            return
        for i in reversed(gone):  # contiguous runs would be faster; removals are rare
            self.beginRemoveRows(QModelIndex(), i, i)
            del self.rows[i]
            self.endRemoveRows()
        changed = []
        for i, row in enumerate(self.rows):
            new = fresh.pop(row.person.id)
            if new != row or new_day:
                self.rows[i] = new
                changed.append(i)
        if changed:
            self.dataChanged.emit(
                self.index(min(changed), 0), self.index(max(changed), self.columnCount() - 1)
            )
        self._reorder()  # a change may have moved someone (the last call, the next time)
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        order_key = self._order_key()
        keys = [order_key(row) for row in self.rows]
        for row in self._in_order(list(fresh.values())):
            key = order_key(row)
            if descending:  # bisect wants ascending keys: look from the other end
                place = len(keys) - bisect_left(keys[::-1], key)
            else:
                place = bisect_left(keys, key)
            self.beginInsertRows(QModelIndex(), place, place)
            self.rows.insert(place, row)
            keys.insert(place, key)
            self.endInsertRows()

    def words_changed(self) -> None:
        """Every row's words changed (a new language): the list measures them again."""
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, self.columnCount() - 1)
            )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 5

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (_("Name"), _("Circle"), _("Last in touch"), _("Next time"), _("I was in touch"))[
            section
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        person = row.person
        column = index.column()
        if role == PERSON_ID_ROLE:
            return person.id
        if role == OVERDUE_ROLE:
            return row.overdue_days
        if column == NAME:  # the list shows this column: each row a few lines
            if role == LINES_ROLE:
                return lines_for(row, self.today)
            if role == BUTTON_ROLE:
                return _("I was in touch")
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return _("{name}: {details}").format(
                    name=person.name, details=spoken_text(row, self.today)
                )
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == NAME:
                return person.name
            if column == CIRCLE:
                return _(contacts.CIRCLES[person.circle])
            if column == LAST:
                return last_text(row, self.today)
            if column == NEXT:
                return due_text(row, self.today)
            if column == ACTION:
                return _("I was in touch")
        if role == SORT_ROLE:
            if column == NAME:
                return row.search_key
            if column == CIRCLE:
                return person.circle
            if column == LAST:
                return person.last_contact.isoformat() if person.last_contact else ""
            if column == NEXT:
                return person.next_due.isoformat() if person.next_due else "9999"
            return ""
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME and person.why:
            return person.why
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return ROW_FLAGS

    def row_for(self, person_id: int) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.person.id == person_id), None)


class PeopleFilterProxy(QSortFilterProxyModel):
    """Search by name, one circle, or only those it's a good time to get in touch with."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._search = ""
        self._circle: str | None = None
        self._overdue_only = False
        self.due_ids: set[int] = set()  # from the core's one rule, given by the page
        self._accepted: set[int] | None = None  # the people who show; None: everyone

    def set_filter(
        self, search: str = "", circle: str | None = None, overdue_only: bool = False
    ) -> None:
        self._search = search.strip().casefold()
        self._circle = circle
        self._overdue_only = overdue_only
        self.recompute()

    def recompute(self) -> None:
        model = self.sourceModel()
        if not isinstance(model, PeopleModel):
            return
        begin = getattr(self, "beginFilterChange", None)  # Qt 6.10 and later
        if begin is not None:
            begin()
        if not self._search and self._circle is None and not self._overdue_only:
            self._accepted = None
        else:
            self._accepted = {
                row.person.id
                for row in model.rows
                if (not self._search or self._search in row.search_key)
                and (self._circle is None or row.person.circle == self._circle)
                and (not self._overdue_only or row.person.id in self.due_ids)
            }
        if begin is not None:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        if self._accepted is None:
            return True
        model = self.sourceModel()
        assert isinstance(model, PeopleModel)
        return model.rows[source_row].person.id in self._accepted

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A heading clicked: the model sorts itself in Python; the proxy keeps its order."""
        model = self.sourceModel()
        if isinstance(model, PeopleModel):
            model.sort(column, order)
