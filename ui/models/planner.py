"""The words for saying no as a Qt list model: built-in and the person's own, filtered.

The list grows with the person's own words, so it is a model, updated in place
(``set_rows``) so the selection and focus survive a change.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from companion.i18n import _
from companion.planner_scripts import Script

Index = QModelIndex | QPersistentModelIndex
SCRIPT_KEY_ROLE = Qt.ItemDataRole.UserRole + 1


def script_line(script: Script, reason: bool) -> str:
    """The words, with a plain mark for the person's own and for those kept by the phone."""
    words = script.shown(reason)
    marks = []
    if script.own:
        marks.append(_("Your own words"))
    if script.chosen:
        marks.append(_("Kept by the phone"))
    return f"{words}\n({' · '.join(marks)})" if marks else words


class ScriptsModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Script] = []
        self.reason = False

    def set_rows(self, rows: list[Script], reason: bool) -> None:
        """Replace the rows, keeping rows that stay the same where they are."""
        keys = [s.key for s in rows]
        if keys == [s.key for s in self.rows]:
            self.rows, self.reason = rows, reason
            if rows:
                self.dataChanged.emit(self.index(0), self.index(len(rows) - 1))
            return
        self.beginResetModel()
        self.rows, self.reason = rows, reason
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        script = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return script_line(script, self.reason)
        if role == Qt.ItemDataRole.ToolTipRole:
            return script.shown(self.reason)
        if role == SCRIPT_KEY_ROLE:
            return script.key
        return None

    def row_of(self, key: str | None) -> int:
        return next((i for i, s in enumerate(self.rows) if s.key == key), -1)
