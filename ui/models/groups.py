"""Kinds of group and local places as Qt models, updated in place.

Both lists grow (a map extract brings hundreds of places), so they are models,
not rows of widgets. ``load`` changes the rows in place: a row that stays keeps
its identity, so the selection and keyboard focus survive a redraw after an
import or a change of wishes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from companion import groups
from companion.groups import KindMatch, PlaceMatch
from companion.i18n import _

KIND_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PLACE_ID_ROLE = Qt.ItemDataRole.UserRole + 2
FITS_ROLE = Qt.ItemDataRole.UserRole + 3
REASONS_ROLE = Qt.ItemDataRole.UserRole + 4  # the reason sentence a person reads

NAME, WHAT, DISTANCE, ACCESS, HOURS, CARD = range(6)  # CARD: all of it, a few lines
Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")


def _sync(
    model: QAbstractListModel | QAbstractTableModel,
    rows: list[R],
    fresh: Sequence[R],
    key: Callable[[R], Hashable],
    columns: int,
) -> None:
    """Make ``rows`` equal ``fresh`` with row removals, moves, inserts and changes only."""
    wanted = {key(r) for r in fresh}
    for i in reversed(range(len(rows))):
        if key(rows[i]) not in wanted:
            model.beginRemoveRows(QModelIndex(), i, i)
            del rows[i]
            model.endRemoveRows()
    for target, row in enumerate(fresh):
        k = key(row)
        found = next((i for i in range(target, len(rows)) if key(rows[i]) == k), None)
        if found is None:
            model.beginInsertRows(QModelIndex(), target, target)
            rows.insert(target, row)
            model.endInsertRows()
            continue
        if found != target:
            model.beginMoveRows(QModelIndex(), found, found, QModelIndex(), target)
            rows.insert(target, rows.pop(found))
            model.endMoveRows()
        if rows[target] != row:
            rows[target] = row
            model.dataChanged.emit(model.index(target, 0), model.index(target, columns - 1))


def reason_sentence(match: KindMatch | PlaceMatch) -> str:
    """Why it is suggested, in one line: the good reasons first, then any that don't suit."""
    good = [r.text for r in match.reasons if r.good and r.text]
    bad = [r.text for r in match.reasons if not r.good and r.text]
    return " · ".join(t[:1].upper() + t[1:] for t in good + bad)


class KindsModel(QAbstractListModel):
    """Kinds of group, best match first; each row says its title, summary and reasons."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[KindMatch] = []

    def row_of(self, kind_id: str) -> int | None:
        return next((i for i, m in enumerate(self.rows) if m.kind.id == kind_id), None)

    def load(self, matches: Sequence[KindMatch]) -> None:
        _sync(self, self.rows, list(matches), lambda m: m.kind.id, 1)

    def retranslate(self) -> None:
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 0))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        match = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            lines = [_(match.kind.title)]
            if match.summary:
                lines.append(match.summary)
            reasons = reason_sentence(match)
            if reasons:
                lines.append(reasons)
            return "\n".join(lines)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return ". ".join(
                t for t in (_(match.kind.title), match.summary, reason_sentence(match)) if t
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            return _(match.kind.text)
        if role == KIND_ID_ROLE:
            return match.kind.id
        if role == FITS_ROLE:
            return match.fits
        if role == REASONS_ROLE:
            return reason_sentence(match)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class PlacesModel(QAbstractTableModel):
    """Places near home: name, what meets there, how far, wheelchair access, opening hours."""

    def __init__(self, territory: str = "GB", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[PlaceMatch] = []
        self.territory = territory
        self.now: datetime | None = None

    def row_of(self, place_id: int) -> int | None:
        return next((i for i, m in enumerate(self.rows) if m.place.id == place_id), None)

    def load(self, matches: Sequence[PlaceMatch], territory: str, now: datetime) -> None:
        self.territory = territory
        self.now = now
        _sync(self, self.rows, list(matches), lambda m: m.place.id, CARD + 1)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, CARD)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, CARD))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else CARD + 1

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            NAME: _("Place"),
            WHAT: _("What meets there"),
            DISTANCE: _("How far"),
            ACCESS: _("Wheelchair"),
            HOURS: _("When"),
            CARD: _("Place"),
        }.get(section)

    def distance(self, match: PlaceMatch) -> str:
        if match.km is None:
            return _("Distance not known")
        return _("{distance}, {walk}").format(
            distance=groups.distance_text(match.km, self.territory), walk=groups.walk_text(match.km)
        )

    def hours(self, match: PlaceMatch) -> str:
        place = match.place
        if place.meeting_times:
            return groups.times_in_own_style(place.meeting_times)
        if place.opening_hours and self.now is not None:
            hours = groups.opening_hours(place.opening_hours, self.now)
            return (
                hours.sentence() if hours.understood else groups.times_in_own_style(hours.written)
            )
        return groups.times_in_own_style(place.opening_hours)

    def text(self, match: PlaceMatch, column: int) -> str:
        place = match.place
        if column == NAME:
            return place.name
        if column == WHAT:
            return _(match.kind.title) if match.kind else place.category_title
        if column == DISTANCE:
            return self.distance(match)
        if column == ACCESS:
            return place.wheelchair_text or _("Not known")
        if column == HOURS:
            return self.hours(match) or _("Not known")
        if column == CARD:
            return self.card(match)
        return ""

    def card(self, match: PlaceMatch) -> str:
        """The place in a few short lines, for a list that reads well in large text."""
        place = match.place
        lines = [
            place.name,
            " · ".join(p for p in (self.text(match, WHAT), self.distance(match)) if p),
        ]
        when = self.hours(match)
        if when:
            lines.append(when)
        if place.wheelchair_text:
            lines.append(place.wheelchair_text)
        return "\n".join(lines)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        match = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(match, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.text(match, column).replace("\n", ". ")
        if role == Qt.ItemDataRole.ToolTipRole:
            return reason_sentence(match) or None
        if role == PLACE_ID_ROLE:
            return match.place.id
        if role == FITS_ROLE:
            return match.fits
        if role == REASONS_ROLE:
            return reason_sentence(match)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
