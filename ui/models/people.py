"""The people list as a Qt model, and the proxy that searches and filters it.

The model holds one light row per person, loaded with one indexed query, and
keeps them in the order shown, sorted in plain Python; the proxy only decides
which rows show, in one pass of plain Python when the search changes, and tells
the list in one step, so a keystroke stays fast with 10,000 people. (The proxy
used to sort too: Qt's sort asks the model for both sides of every comparison,
each a call into Python, and placing 10,000 imported people that way took 2.6 s
of the window's time.)
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
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
    return _row_words(_due_words, row, today)


def _row_words(words: Callable[..., str], row: Row, today: date) -> str:
    """``words`` for the row's person on ``today``, in the language shown (cached by it)."""
    person = row.person
    return words(
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
    return _row_words(_next_words, row, today)


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
        if not self._still_in_order(changed):
            self._reorder()  # a change moved someone (the last call, the next time)
        if not fresh:
            return
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

    def _still_in_order(self, changed: list[int]) -> bool:
        """Whether the rows are still in order after these rows changed (they were before):
        each changed row against its neighbours, instead of sorting 10,000 rows again
        after one person's call was noted."""
        if len(changed) > self.BULK:
            return False
        order_key, rows = self._order_key(), self.rows
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        for i in changed:
            key = order_key(rows[i])
            if i > 0 and (order_key(rows[i - 1]) > key) != descending:
                return False
            if i + 1 < len(rows) and (key > order_key(rows[i + 1])) != descending:
                return False
        return True

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


class PeopleFilterProxy(QAbstractProxyModel):
    """Search by name, one circle, or only those it's a good time to get in touch with.

    Which rows show is worked out in one pass of plain Python over the rows' case-folded
    names (and, while a word is typed on, over the rows already showing only), and the list
    is told in one step: a layout change that carries the chosen row along. (A
    QSortFilterProxyModel asked Python about each person on each key, 10,000 calls with
    10,000 people: 20-30 ms a key.) The rows shown keep the model's order.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._search = ""
        self._circle: str | None = None
        self._overdue_only = False
        self.due_ids: set[int] = set()  # from the core's one rule, given by the page
        self._due_used: set[int] | None = None  # the due_ids the rows shown were chosen by
        self._shown: list[int] = []  # the model's rows that show, in its order (ascending)
        self._held: list[tuple[QPersistentModelIndex, QPersistentModelIndex]] = []
        self._removing = False

    # the filter ---------------------------------------------------------------------------

    def set_filter(
        self, search: str = "", circle: str | None = None, overdue_only: bool = False
    ) -> None:
        search = search.strip().casefold()
        narrower = (
            self._search in search
            and circle == self._circle
            and overdue_only == self._overdue_only
            and self._due_used is self.due_ids
        )
        self._search, self._circle, self._overdue_only = search, circle, overdue_only
        # A word typed on: only the people showing can still match.
        self._apply(self._filtered(self._shown if narrower else None))

    def recompute(self) -> None:
        """Choose the rows again (the page calls it when ``due_ids`` changed)."""
        self._apply(self._filtered())

    def _filtered(self, among: list[int] | None = None) -> list[int]:
        model = self.sourceModel()
        if not isinstance(model, PeopleModel):
            return []
        self._due_used = self.due_ids
        rows = model.rows
        search, circle = self._search, self._circle
        if not search and circle is None and not self._overdue_only:
            return list(range(len(rows)))
        if search:
            if among is None:
                shown = [i for i, row in enumerate(rows) if search in row.search_key]
            else:
                shown = [i for i in among if search in rows[i].search_key]
        else:
            shown = list(range(len(rows))) if among is None else list(among)
        if circle is not None:
            shown = [i for i in shown if rows[i].person.circle == circle]
        if self._overdue_only:
            due = self.due_ids
            shown = [i for i in shown if rows[i].person.id in due]
        return shown

    def _accepts(self, row: Row) -> bool:
        return (
            self._search in row.search_key
            and (self._circle is None or row.person.circle == self._circle)
            and (not self._overdue_only or row.person.id in self.due_ids)
        )

    def _apply(self, shown: list[int]) -> None:
        """Show these rows, in one step; the chosen row (and any other index kept) follows
        its person, or is let go when they no longer show."""
        if shown == self._shown:
            return
        self.layoutAboutToBeChanged.emit()
        kept = self.persistentIndexList()
        old = self._shown
        sources = [old[i.row()] if i.isValid() and i.row() < len(old) else -1 for i in kept]
        self._shown = shown
        self.changePersistentIndexList(
            kept, [self._from_source_row(s, i.column()) for s, i in zip(sources, kept, strict=True)]
        )
        self.layoutChanged.emit()

    def _from_source_row(self, source_row: int, column: int) -> QModelIndex:
        place = bisect_left(self._shown, source_row)
        if source_row < 0 or place == len(self._shown) or self._shown[place] != source_row:
            return QModelIndex()
        return self.createIndex(place, column)

    # following the model ------------------------------------------------------------------

    def setSourceModel(self, model: QAbstractItemModel) -> None:  # noqa: N802
        old = self.sourceModel()
        if old is not None:
            for signal, slot in self._links(old):
                signal.disconnect(slot)
        self.beginResetModel()
        super().setSourceModel(model)
        if model is not None:
            for signal, slot in self._links(model):
                signal.connect(slot)
        self._shown = self._filtered()
        self.endResetModel()

    def _links(self, model: QAbstractItemModel) -> list[tuple[Any, Callable[..., None]]]:
        return [
            (model.dataChanged, self._data_changed),
            (model.rowsAboutToBeRemoved, self._rows_about_to_be_removed),
            (model.rowsRemoved, self._rows_removed),
            (model.rowsInserted, self._rows_inserted),
            (model.layoutAboutToBeChanged, self._layout_about_to_be_changed),
            (model.layoutChanged, self._layout_changed),
            (model.modelAboutToBeReset, self.beginResetModel),
            (model.modelReset, self._model_reset),
        ]

    def _data_changed(self, top: QModelIndex, bottom: QModelIndex, roles: list[int]) -> None:
        first = bisect_left(self._shown, top.row())
        last = bisect_right(self._shown, bottom.row()) - 1
        if first <= last:
            self.dataChanged.emit(
                self.index(first, top.column()), self.index(last, bottom.column()), roles
            )
        self.recompute()  # a changed name may match the search no longer, or now

    def _rows_about_to_be_removed(self, parent: QModelIndex, first: int, last: int) -> None:
        start = bisect_left(self._shown, first)
        end = bisect_right(self._shown, last) - 1
        self._removing = start <= end
        if self._removing:
            self.beginRemoveRows(QModelIndex(), start, end)

    def _rows_removed(self, parent: QModelIndex, first: int, last: int) -> None:
        count = last - first + 1
        start = bisect_left(self._shown, first)
        end = bisect_left(self._shown, last + 1)
        self._shown[start:] = [row - count for row in self._shown[end:]]
        if self._removing:
            self._removing = False
            self.endRemoveRows()

    def _rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        model = self.sourceModel()
        assert isinstance(model, PeopleModel)
        count = last - first + 1
        place = bisect_left(self._shown, first)
        # The rows after move down in the model: the same people still show at the same places.
        self._shown[place:] = [row + count for row in self._shown[place:]]
        coming = [i for i in range(first, last + 1) if self._accepts(model.rows[i])]
        if coming:
            self.beginInsertRows(QModelIndex(), place, place + len(coming) - 1)
            self._shown[place:place] = coming
            self.endInsertRows()

    def _layout_about_to_be_changed(self, *_args: object) -> None:
        self.layoutAboutToBeChanged.emit()
        self._held = [
            (QPersistentModelIndex(index), QPersistentModelIndex(self.mapToSource(index)))
            for index in self.persistentIndexList()
        ]

    def _layout_changed(self, *_args: object) -> None:
        self._shown = self._filtered()
        held, self._held = self._held, []
        self.changePersistentIndexList(
            [mine for mine, _source in held],
            [self._from_source_row(source.row(), source.column()) for _mine, source in held],
        )
        self.layoutChanged.emit()

    def _model_reset(self) -> None:
        self._shown = self._filtered()
        self.endResetModel()

    # the model's questions ----------------------------------------------------------------

    def mapToSource(self, proxy_index: Index) -> QModelIndex:  # noqa: N802
        model = self.sourceModel()
        if model is None or not proxy_index.isValid() or proxy_index.row() >= len(self._shown):
            return QModelIndex()
        return model.index(self._shown[proxy_index.row()], proxy_index.column())

    def mapFromSource(self, source_index: Index) -> QModelIndex:  # noqa: N802
        if not source_index.isValid():
            return QModelIndex()
        return self._from_source_row(source_index.row(), source_index.column())

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not 0 <= row < len(self._shown) or not 0 <= column < 5:
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, child: Index | None = None) -> Any:  # type: ignore[override]
        if child is None:  # QObject's parent()
            return QObject.parent(self)
        return QModelIndex()

    def sibling(self, row: int, column: int, index: Index) -> QModelIndex:
        return self.index(row, column)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() or self.sourceModel() is None else 5

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and bool(self._shown)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        model = self.sourceModel()
        if not isinstance(model, PeopleModel) or not index.isValid():
            return None
        row = index.row()
        if row >= len(self._shown):
            return None
        return model.data(model.index(self._shown[row], index.column()), role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        model = self.sourceModel()
        if model is None or orientation != Qt.Orientation.Horizontal:
            return None
        return model.headerData(section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A heading clicked: the model sorts itself in Python; the proxy keeps its order."""
        model = self.sourceModel()
        if isinstance(model, PeopleModel):
            model.sort(column, order)
