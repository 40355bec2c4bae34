"""The people list as a Qt model, and the proxy that searches and filters it.

The model holds one light row per person, loaded with one indexed query, and
keeps them in the order shown, sorted in plain Python; the proxy only decides
which rows show, from sets it computes in plain Python when the search changes,
so a keystroke stays fast with 10,000 people. (The proxy used to sort too: Qt's
sort asks the model for both sides of every comparison, each a call into Python,
and placing 10,000 imported people that way took 2.6 s of the window's time.)
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
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

PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 3
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 4  # the name's second line in the narrow layout

NAME, CIRCLE, LAST, NEXT, ACTION = range(5)
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Row:
    person: Person
    search_key: str
    overdue_days: int | None  # days since due, None when not due


def when_text(day: date, today: date) -> str:
    """'today', 'yesterday', '3 days ago', '2 weeks ago' or a date: the rule Today uses too."""
    from companion.today import last_in_touch_words

    return last_in_touch_words(day, today)


def due_text(row: Row, today: date) -> str:
    person = row.person
    if person.snoozed_until and person.snoozed_until > today:
        return _("Later: from {date}").format(date=i18n.format_date(person.snoozed_until))
    if person.next_due is None:
        return _("No schedule")
    if person.last_contact is None and person.next_due <= today:
        return _("When you're ready")
    if row.overdue_days is not None and row.overdue_days > 0:
        return _("It's been a while")
    if person.next_due == today:
        return _("Today")
    days = (person.next_due - today).days
    if days < 7:
        return ngettext("In {count} day", "In {count} days", days).format(count=days)
    return i18n.format_date(person.next_due)


def last_text(row: Row, today: date) -> str:
    """The "Last in touch" column's words."""
    last = row.person.last_contact
    return _("Not yet") if last is None else when_text(last.date(), today)


def detail_text(row: Row, today: date, *, labelled: bool = False) -> str:
    """The line under a name when the list is too narrow for its columns: the circle, when
    you were last in touch and the next time, in the columns' words ("Friend · 5 weeks ago ·
    It's been a while"). ``labelled`` names each part, for a screen reader."""
    person = row.person
    circle = _(contacts.CIRCLES[person.circle])
    due = due_text(row, today)
    last = person.last_contact
    if labelled:
        if last is None:
            return _("{circle}. Not in touch yet. Next time: {next}").format(
                circle=circle, next=due
            )
        return _("{circle}. Last in touch: {when}. Next time: {next}").format(
            circle=circle, when=when_text(last.date(), today), next=due
        )
    if last is None:
        return _("{circle} · not in touch yet · {next}").format(circle=circle, next=due)
    return _("{circle} · {when} · {next}").format(
        circle=circle, when=when_text(last.date(), today), next=due
    )


def _kind(person: Person, today: date) -> tuple[str, int, int]:
    """Which words a person's second line has: (circle, kind of "last", kind of "next")."""
    last = person.last_contact
    if last is None:
        when = 0
    else:
        days = (today - last.date()).days
        when = 1 if days < 2 else 2 if days < 14 else 3 if days < 60 else 4
    due = person.next_due
    if person.snoozed_until is not None and person.snoozed_until > today:
        upcoming = 0
    elif due is None:
        upcoming = 1
    elif last is None and due <= today:
        upcoming = 2
    elif due < today:
        upcoming = 3
    elif due == today:
        upcoming = 4
    else:
        upcoming = 5 if (due - today).days < 7 else 6
    return person.circle, when, upcoming


def widest_details(people: list[Person], today: date) -> tuple[str, ...]:
    """The longest second line of each kind the list has (circle, and the kind of words for
    "last in touch" and "next time"), to size the rows without formatting everyone's dates:
    babel takes about half a millisecond a line, and a list can hold 20,000 people. Plain
    Python, so it can run with the list's reading, off the UI thread."""
    kinds = frozenset(_kind(person, today) for person in people)
    return _widest_details(kinds, today, i18n.current_language())


@lru_cache(maxsize=8)
def _widest_details(
    kinds: frozenset[tuple[str, int, int]], today: date, language: str
) -> tuple[str, ...]:
    dates = [i18n.format_date(date(today.year, month, 28)) for month in range(1, 13)]
    longest_date = max(dates, key=len)
    whens = (
        "",
        max(_("today"), _("yesterday"), key=len),
        when_text(today - timedelta(days=13), today),
        when_text(today - timedelta(days=56), today),
        longest_date,
    )
    upcoming = (
        _("Later: from {date}").format(date=longest_date),
        _("No schedule"),
        _("When you're ready"),
        _("It's been a while"),
        _("Today"),
        ngettext("In {count} day", "In {count} days", 6).format(count=6),
        longest_date,
    )
    lines = set()
    for circle, when, coming in kinds:
        title = _(contacts.CIRCLES.get(circle, circle))
        if when == 0:
            line = _("{circle} · not in touch yet · {next}").format(
                circle=title, next=upcoming[coming]
            )
        else:
            line = _("{circle} · {when} · {next}").format(
                circle=title, when=whens[when], next=upcoming[coming]
            )
        lines.add(line)
    return tuple(sorted(lines, key=len, reverse=True)[:24])


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
        # The page's narrow layout shows only the name column (with a second line) and the
        # button: a screen reader then hears the hidden columns' words with the name.
        self.compact = False

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
            if new != row:
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
        if role == DETAIL_ROLE:
            return detail_text(row, self.today)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == NAME and self.compact:
            return _("{name}: {details}").format(
                name=person.name, details=detail_text(row, self.today, labelled=True)
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
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

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
