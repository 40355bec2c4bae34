"""Choosing a person from everyone on the list, however many: type to search, or pick.

A model over all people (no cap), an editable drop-down that searches as you
type anywhere in the name, and "No one in particular" first.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QCompleter, QWidget

from companion import contacts
from companion.i18n import _
from companion.store import Store

Index = QModelIndex | QPersistentModelIndex
PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class PersonChoices(QAbstractListModel):
    """Everyone, in name order, after "No one in particular"."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[int | None, str]] = []
        self.store = store
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = [(None, _("No one in particular"))] + [
            (p.id, p.name) for p in contacts.people(self.store)
        ]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        person_id, name = self.rows[index.row()]
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return name
        if role in (PERSON_ID_ROLE, Qt.ItemDataRole.UserRole):
            return person_id
        return None

    def row_of(self, person_id: int | None) -> int:
        return next((i for i, (pid, _n) in enumerate(self.rows) if pid == person_id), 0)


class PersonPicker(QComboBox):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self.choices = PersonChoices(store, self)
        self.setModel(self.choices)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(12)
        completer = QCompleter(self.choices, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        completer.activated[QModelIndex].connect(self._completed)  # type: ignore[index]
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)

    def _focus_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        """Leaving the field with part of one person's name chooses that person: "H" and Tab
        was kept as "H", and the reminder was saved about no one without a word. (Qt sends
        the field no focus-out while its list of matches is open, so this follows the focus.)
        """
        if not shiboken6.isValid(self) or old is None or new is None:
            return
        mine = (self, self.lineEdit(), self.completer().popup(), self.view())
        if (old in mine or self.isAncestorOf(old)) and new not in mine:
            self._choose_the_one_typed()

    def _choose_the_one_typed(self) -> None:
        typed = self.currentText().strip().casefold()
        if not typed or self.person_id() is not None:
            return
        matches = [
            (pid, name)
            for pid, name in self.choices.rows
            if pid is not None and typed in name.casefold()
        ]
        if len(matches) == 1:
            ((person_id, name),) = matches
            self.set_person(person_id)
            self.setEditText(name)

    def _completed(self, index: QModelIndex) -> None:
        person_id = index.data(PERSON_ID_ROLE)
        self.set_person(person_id)

    def set_person(self, person_id: int | None) -> None:
        self.setCurrentIndex(self.choices.row_of(person_id))

    def person_id(self) -> int | None:
        """The chosen person; what was typed must name one, else no one."""
        typed = self.currentText().strip().casefold()
        row = self.currentIndex()
        if 0 <= row < len(self.choices.rows) and self.choices.rows[row][1].casefold() == typed:
            return self.choices.rows[row][0]
        matches = [pid for pid, name in self.choices.rows if name.casefold() == typed]
        return matches[0] if matches else None

    def person_name(self) -> str:
        person_id = self.person_id()
        return "" if person_id is None else self.choices.rows[self.choices.row_of(person_id)][1]
