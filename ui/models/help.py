"""Get help's two lists as Qt models: the helplines of a country, and your own professionals.

Both are changed in place (see ``ui.models.reminders.sync_rows``), so the line or person
you chose stays chosen when a country's list or your own list changes. Each row reads as
a few short lines: who it is, who runs it, when it is open, what it costs, and where it
was checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from companion import helplines, i18n
from companion.helplines import Helpline, Professional
from companion.i18n import N_, _, isolate
from ui.models.reminders import sync_rows
from ui.widgets.row_delegate import LINES_ROLE, ROW_FLAGS, Lines, lines_text

Index = QModelIndex | QPersistentModelIndex

# How the page a line was checked against is described: the organisation's own page,
# a government's, or (only where neither could be found) a directory or a news report.
CHECKED_AGAINST: dict[str, str] = {
    "organisation": N_("Checked on {date} on {organisation}'s own website."),
    "government": N_("Checked on {date} on a government website."),
    "directory": N_("Checked on {date} in a directory of helplines."),
    "news": N_("Checked on {date} in a news report."),
}


def checked_on(checked: str) -> str:
    try:
        return i18n.format_date(date.fromisoformat(checked), "long")
    except ValueError:
        return checked


def hours_words(line: Helpline) -> str:
    if line.always_open:
        return _("Open all day, every day")
    if line.hours:
        return _("Hours: {hours}").format(hours=isolate(_(line.hours)))
    if line.web:
        return _("Check the website for opening hours")
    return _("We could not confirm the opening hours.")


# The organisation's own text, published on someone else's site (a press release, a notice).
CHECKED_ON_ANOTHER_SITE = N_(
    "Checked on {date} in {organisation}'s own words, on a page of {publisher}."
)


def source_words(line: Helpline) -> str:
    if line.source_kind == "organisation" and line.source_publisher:
        checked = _(CHECKED_ON_ANOTHER_SITE).format(
            date=checked_on(line.checked),
            organisation=line.organisation,
            publisher=line.source_publisher,
        )
    else:
        checked = _(CHECKED_AGAINST[line.source_kind]).format(
            date=checked_on(line.checked), organisation=line.organisation
        )
    return (
        checked
        + " "
        + _(
            "Numbers change: if this one does not work, try another line on this page, "
            "or the emergency number if you are in danger."
        )
    )


def in_its_own_direction(name: str) -> str:
    """A line's or an organisation's name, kept in its own direction and its numbers whole."""
    return i18n.in_own_direction(i18n.numbers_unbroken(name))


def helpline_lines(line: Helpline) -> Lines:
    """The line in the words a person reads, one fact a line."""
    audience = " · ".join(_(helplines.AUDIENCES[a]) for a in line.audience)
    lines: Lines = [
        (in_its_own_direction(line.name), "title"),
        (
            _("Run by {organisation}").format(organisation=in_its_own_direction(line.organisation)),
            "body",
        ),
        (_("For: {who}").format(who=audience), "body"),
        (hours_words(line), "body"),
        (_(helplines.COSTS[line.cost]), "body"),
    ]
    if line.note:
        lines.append((_(line.note), "body"))
    if line.phone:
        lines.append((_("Phone number: {number}").format(number=isolate(line.phone)), "title"))
    for other in line.other_phones:
        lines.append((_("Also: {number}").format(number=isolate(other.number)), "body"))
        if other.note:
            lines.append((_(other.note), "body"))
    if line.sms_number:
        if line.sms_keyword:
            text = _("Text {word} to {number}").format(
                word=isolate(line.sms_keyword), number=isolate(line.sms_number)
            )
        else:
            text = _("Send a text message to {number}").format(number=isolate(line.sms_number))
        lines.append((text, "body"))
    lines.append((source_words(line), "muted"))
    return lines


class _LinesModel(QAbstractListModel):
    """Rows of a few lines each, with the words kept until the rows or the language change."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: dict[object, Lines] = {}  # by the row's key, so a row keeps its words

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    @property
    def rows(self) -> list[Any]:
        raise NotImplementedError

    def words(self, row: int) -> Lines:
        raise NotImplementedError

    def description(self, row: int) -> str:
        raise NotImplementedError

    def key(self, item: Any) -> object:
        raise NotImplementedError

    def _sync(self, fresh: Sequence[Any]) -> None:
        changed = sync_rows(self, self.rows, list(fresh), self.key)
        for row in changed:
            self._lines.pop(self.key(self.rows[row]), None)
            self.dataChanged.emit(self.index(row), self.index(row))

    def _cached(self, row: int) -> Lines:
        key = self.key(self.rows[row])
        found = self._lines.get(key)
        if found is None:
            found = self._lines[key] = self.words(row)
        return found

    def retranslate(self) -> None:
        self._lines.clear()
        if self.rows:
            self.dataChanged.emit(self.index(0), self.index(len(self.rows) - 1))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = index.row()
        if role == LINES_ROLE:
            return self._cached(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return lines_text(self._cached(row))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return ". ".join(text.rstrip(".") for text, _kind in self._cached(row))
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return self.description(row)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags


class HelplinesModel(_LinesModel):
    """The helplines of one country, in the directory's order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lines: list[Helpline] = []

    @property
    def rows(self) -> list[Any]:
        return self.lines

    def load(self, lines: Sequence[Helpline]) -> None:
        self._sync(lines)

    def key(self, item: Any) -> object:
        return (item.country, item.name)

    def line(self, row: int) -> Helpline | None:
        return self.lines[row] if 0 <= row < len(self.lines) else None

    def words(self, row: int) -> Lines:
        return helpline_lines(self.lines[row])

    def description(self, row: int) -> str:
        line = self.lines[row]
        if line.phone:
            return _(
                "Press Enter to call. The buttons below the list call, copy the number "
                "or open the website."
            )
        return _("The buttons below the list open the website or the chat.")


class ProfessionalsModel(_LinesModel):
    """The person's own doctor, counsellor, social worker and others."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.people: list[Professional] = []

    @property
    def rows(self) -> list[Any]:
        return self.people

    def load(self, people: Sequence[Professional]) -> None:
        self._sync(people)

    def key(self, item: Any) -> object:
        return item.id

    def person(self, row: int) -> Professional | None:
        return self.people[row] if 0 <= row < len(self.people) else None

    def row_of(self, professional_id: int) -> int | None:
        return next((i for i, p in enumerate(self.people) if p.id == professional_id), None)

    def words(self, row: int) -> Lines:
        person = self.people[row]
        lines: Lines = [(f"{person.name} · {_(helplines.ROLES[person.role])}", "title")]
        if person.phone:
            lines.append((_("Phone number: {number}").format(number=isolate(person.phone)), "body"))
        if person.notes:
            lines.append((person.notes, "muted"))
        return lines

    def description(self, row: int) -> str:
        return _(
            "Press Enter to change, or Delete to remove. The buttons below the list call, "
            "change or remove."
        )
