"""People: everyone you want to keep in touch with, how it's going, and a quick way to log it.

The list is rows of lines (``ui.widgets.row_delegate``): each person's whole name, wrapped
if need be, and under it the circle, when you were last in touch and the next time, in
words; an "I was in touch" button in each row. Unlike the table it replaces, nothing is cut
at large text or in long words, and no column pushes another off the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from companion import contacts
from companion.i18n import N_, _, in_own_direction, ngettext
from ui import actions
from ui.background import run_in_background, save_file_in_background
from ui.dialogs.person import PersonDialog
from ui.models.people import (
    CIRCLE,
    LAST,
    NAME,
    NEXT,
    PERSON_ID_ROLE,
    PeopleFilterProxy,
    PeopleModel,
    sample_rows,
)
from ui.ops import Change
from ui.pages.base import Page
from ui.widgets.common import (
    SPACING,
    Card,
    CheckBox,
    FlowLayout,
    button,
    combo_box,
    label,
    set_button_text,
)
from ui.widgets.connections import ConnectionsPicture, describe
from ui.widgets.row_delegate import Lines, RowList

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel

    from companion.store import Store
    from ui.session import UiSession

READ_IN_BACKGROUND_FROM = 2_000  # people: from this many, the list is read off the UI thread
SAME_HEIGHT_FROM = 500  # people: from this many, every row is as tall as the tallest can be
LIST_ROWS = 8  # the list is as tall as this many rows at most; more scroll inside it
LIST_SHARE = 0.95  # and at most this share of the page's visible height: scrolled to, it
# fills the screen with people, and the page still scrolls past it to the picture

# The orders the list can be in: (words, the model's column, its direction).
ORDERS: tuple[tuple[str, int, Qt.SortOrder], ...] = (
    (N_("By name"), NAME, Qt.SortOrder.AscendingOrder),
    (N_("Longest since you were in touch"), LAST, Qt.SortOrder.AscendingOrder),
    (N_("Next time, soonest first"), NEXT, Qt.SortOrder.AscendingOrder),
    (N_("By circle"), CIRCLE, Qt.SortOrder.AscendingOrder),
)


@dataclass(frozen=True)
class _Read:
    """Everything the page shows, read from the core in one go (on either thread)."""

    everyone: list[contacts.Person]
    due_ids: set[int]
    summary: contacts.ConnectionSummary
    samples: list[tuple[Lines, str]] | None  # a long list's rows that need the most room


def _read(store: Store, today: date) -> _Read:
    everyone = contacts.people(store)
    overview = contacts.due_overview(store, today)
    due_ids = {i.person.id for i in overview.overdue + overview.this_week} | {
        p.id for p in overview.never
    }
    samples = sample_rows(everyone, today) if len(everyone) >= SAME_HEIGHT_FROM else None
    return _Read(everyone, due_ids, contacts.summary(store, today), samples)


def _labelled(title: QLabel, field: QWidget) -> QWidget:
    """A field with its words above it, whole at any size (a placeholder is cut short)."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(SPACING // 2)
    column.addWidget(title)
    column.addWidget(field)
    title.setBuddy(field)
    return box


class PeoplePage(Page):
    key = "people"
    watches = Change.PEOPLE | Change.CONTACTS | Change.SETTINGS

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.context = context = session.context
        today = context.now().date()

        row = FlowLayout()
        self.add_button = button("", "primary")
        self.add_button.clicked.connect(self.add_person)
        self.import_button = button("")
        self.import_button.clicked.connect(self.import_people)
        self.export_button = button("")
        self.export_button.clicked.connect(self.export_people)
        row.addWidget(self.add_button)
        row.addWidget(self.import_button)
        row.addWidget(self.export_button)
        self.content.addLayout(row)

        self.empty = label("")
        self.content.addWidget(self.empty)

        filters = FlowLayout()
        self.search_title = label("")
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._to_the_list)
        self.circle_title = label("")
        self.circle = combo_box()
        self.circle.currentIndexChanged.connect(self._filter)
        self.order_title = label("")
        self.order = combo_box()
        self.order.currentIndexChanged.connect(self._sort)
        self.overdue = CheckBox()
        self.overdue.toggled.connect(self._filter)
        filters.addWidget(_labelled(self.search_title, self.search))
        filters.addWidget(_labelled(self.circle_title, self.circle))
        filters.addWidget(_labelled(self.order_title, self.order))
        self.filters_box = QWidget()
        self.filters_box.setLayout(filters)
        self.content.addWidget(self.filters_box)
        self.content.addWidget(self.overdue)

        self.model = PeopleModel(today, self)
        self.proxy = PeopleFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.how = label("", "muted")
        self.content.addWidget(self.how)
        self.list = RowList(
            most_rows=LIST_ROWS,
            on_enter=self._open_chosen,
            on_delete=self._remove_chosen,
            share_of_view=LIST_SHARE,
            row_padding=6,  # px: more people in sight at large text, the rows still apart
        )
        self.list.setModel(self.proxy)
        self.list.button_clicked.connect(self._button_clicked)
        # The person chosen, kept while a search hides them: chosen again when they show.
        self._kept_choice: int | None = None
        self._bring_to: int | None = None  # someone just added: chosen once the list has them
        self.list.chosen.connect(self._keep_choice)
        self.proxy.layoutChanged.connect(self._choose_again)  # after the list's own slots
        log = QShortcut(QKeySequence("Ctrl+L"), self.list, self._log_chosen)
        log.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.content.addWidget(self.list)
        # A search or a circle that hides everyone: one sentence and one button, not an empty
        # box (after an import the people just added seemed missing, with no word why).
        self.no_match_box = QWidget()
        no_match = QVBoxLayout(self.no_match_box)
        no_match.setContentsMargins(0, 0, 0, 0)
        no_match.setSpacing(SPACING)
        self.no_match = label("")
        no_match.addWidget(self.no_match)
        no_match_row = FlowLayout()
        self.show_everyone = button("")
        self.show_everyone.clicked.connect(self._show_everyone)
        no_match_row.addWidget(self.show_everyone)
        no_match.addLayout(no_match_row)
        self.no_match_box.hide()
        self.content.addWidget(self.no_match_box)
        for signal in (
            self.proxy.layoutChanged,
            self.proxy.modelReset,
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
        ):
            signal.connect(self._show_no_match)

        self.picture_card = Card()
        self.picture_title = label("", "subheading")
        self.picture = ConnectionsPicture()
        self.picture_words = label("")
        self.picture_card.body.addWidget(self.picture_title)
        self.picture_card.body.addWidget(self.picture)
        self.picture_card.body.addWidget(self.picture_words)
        self.content.addWidget(self.picture_card)
        self.retranslate()
        self.refresh()

    @property
    def table(self) -> RowList:
        """The list, under the name it had as a table (tests and benchmarks still use it)."""
        return self.list

    def title(self) -> str:
        return _("People")

    # data ------------------------------------------------------------------------------

    def store(self):  # type: ignore[no-untyped-def]
        return self.session.store

    def refresh(self) -> None:
        """Read everyone and redraw. With thousands of people (after a large import) the
        reading (a few hundred milliseconds) happens off the UI thread and the list is
        filled when it is done, so the window keeps moving; the newest reading wins."""
        store = self.store()
        today = self.context.now().date()
        self._readings = getattr(self, "_readings", 0) + 1
        if contacts.count_people(store) < READ_IN_BACKGROUND_FROM:
            self._show(_read(store, today), today)
            return
        reading = self._readings
        self.empty.hide()  # there are people: never "No one here yet" while they are read
        release = self.session.ops.hold_young_collections()

        def shown(read: _Read) -> None:
            release()
            if shiboken6.isValid(self) and self.session.is_open and reading == self._readings:
                self._show(read, today)

        run_in_background(lambda: _read(store, today), shown, lambda _error: release())

    def _show(self, read: _Read, today: date) -> None:
        everyone, summary = read.everyone, read.summary
        self.model.load(everyone, today)
        # A long list: one height for every row, or Qt measures thousands of rows (each a
        # call into Python, seconds in all) after every key typed in the search box.
        self.list.set_uniform_rows(read.samples)
        self.proxy.due_ids = read.due_ids
        self.proxy.recompute()
        has_people = bool(everyone)
        self.empty.setVisible(not has_people)
        for widget in (self.filters_box, self.overdue, self.how, self.picture_card):
            widget.setVisible(has_people)
        self._show_no_match()  # the list, or the words saying the choices hide everyone
        self.picture.set_data(
            everyone, summary, today, bool(self.context.settings.get("high_contrast"))
        )
        words = describe(summary)
        self.picture_words.setText(words)
        self.picture.setAccessibleName(_("Picture of your connections"))
        self.picture.setAccessibleDescription(words)
        self._bring_into_sight()  # someone just added, when the list is read in the background

    def _filter(self) -> None:
        self.proxy.set_filter(
            self.search.text(), self.circle.currentData() or None, self.overdue.isChecked()
        )
        self._show_no_match()  # the words follow what is typed, even when no row changes

    def _filtering(self) -> bool:
        return bool(
            self.search.text().strip() or self.circle.currentIndex() > 0 or self.overdue.isChecked()
        )

    def _show_no_match(self, *_args: object) -> None:
        """Say so when the people are there but the search or the choices hide them all."""
        hidden_all = self.model.rowCount() > 0 and self.proxy.rowCount() == 0 and self._filtering()
        if hidden_all:
            typed = self.search.text().strip()
            self.no_match.setText(
                _("No one's name has “{typed}” in it.").format(typed=in_own_direction(typed))
                if typed and self.circle.currentIndex() <= 0 and not self.overdue.isChecked()
                else _("No one on your list matches what you chose.")
            )
        if self.no_match_box.isHidden() == hidden_all:
            self.no_match_box.setVisible(hidden_all)
        list_shown = self.model.rowCount() > 0 and not hidden_all
        if self.list.isHidden() == list_shown:
            had_focus = self.list.hasFocus()
            self.list.setVisible(list_shown)
            if had_focus and hidden_all:  # the last one shown was taken off with Delete
                self.show_everyone.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_everyone(self) -> None:
        """Clear the search and the choices; the keyboard goes to the list."""
        self.search.clear()
        self.circle.setCurrentIndex(0)
        self.overdue.setChecked(False)
        self._to_the_list()

    def _to_the_list(self) -> None:
        """Enter in the search box: to the people found, the first of them chosen (at large
        text the list is below the screen's edge, and Enter did nothing); or, when no one
        was found, to the words that say so and "Show everyone"."""
        if self.proxy.rowCount() == 0:
            if not self.no_match_box.isHidden():  # no one found: the words saying so, in sight
                self.show_everyone.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        row = self.list.current_row()
        self._choose(self.proxy.index(0 if row is None else row, NAME))

    def show_overdue(self) -> None:
        """From Today's "see more": the same people Today counts, and no one else."""
        self.search.clear()
        self.circle.setCurrentIndex(0)
        self.overdue.setChecked(True)

    def route(self, route: str) -> None:
        if route == "due":
            self.show_overdue()
        elif route == "add":
            self.add_person()

    def _sort(self) -> None:
        _words, column, order = ORDERS[max(self.order.currentIndex(), 0)]
        self.model.sort(column, order)  # the chosen person stays chosen, wherever they go

    # actions -----------------------------------------------------------------------------------

    def chosen_id(self) -> int | None:
        """The person chosen in the list (by arrows or a click), if any."""
        row = self.list.current_row()
        if row is None:
            return None
        return int(self.proxy.index(row, NAME).data(PERSON_ID_ROLE))

    def _keep_choice(self) -> None:
        person_id = self.chosen_id()
        if person_id is not None:
            self._kept_choice = person_id

    def _choose_again(self) -> None:
        """Someone chosen, a search that hid them, the search rubbed out: chosen again."""
        if self._kept_choice is None or self.chosen_id() is not None:
            return
        row = self.model.row_for(self._kept_choice)
        index = self.proxy.mapFromSource(self.model.index(row, NAME)) if row is not None else None
        if index is not None and index.isValid():
            self.list.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _open_chosen(self) -> None:
        person_id = self.chosen_id()
        if person_id is not None:
            self.open_person(person_id)

    def _log_chosen(self) -> None:
        person_id = self.chosen_id()
        if person_id is not None:
            self.log_just_now(person_id)

    def _remove_chosen(self) -> None:
        """Delete takes the chosen person off the list; Undo in the status line brings
        them back with everything noted about them."""
        person_id = self.chosen_id()
        if person_id is not None:
            actions.remove_person(self.session, self, person_id)

    def _button_clicked(self, index: QModelIndex | QPersistentModelIndex) -> None:
        if index.isValid():
            self.log_just_now(int(index.data(PERSON_ID_ROLE)))

    def log_just_now(self, person_id: int) -> None:
        actions.log_contact(self.session, self, person_id, source=self)

    def open_person(self, person_id: int) -> None:
        dialog = PersonDialog(
            self.session,
            str(self.context.settings.get("country")),
            contacts.get_person(self.store(), person_id),
            self,
        )
        dialog.exec()

    def add_person(self) -> None:
        """Add someone; once added they are chosen in the list, in sight, with the keyboard
        on them (at 200% text the list is below the fold, and the new name was out of view)."""
        dialog = PersonDialog(self.session, str(self.context.settings.get("country")), parent=self)
        dialog.exec()
        if dialog.person is not None:
            self._bring_to = dialog.person.id
            self._bring_into_sight()

    def _bring_into_sight(self) -> None:
        """The person just added, chosen and focused in the list, once the list holds them
        (a long list is read in the background). A search that would hide them is cleared."""
        person_id = self._bring_to
        row = self.model.row_for(person_id) if person_id is not None else None
        if row is None:
            return  # not read yet: `_show` tries again
        self._bring_to = None
        source = self.model.index(row, NAME)
        if not self.proxy.mapFromSource(source).isValid():
            self.search.clear()
            self.circle.setCurrentIndex(0)
            self.overdue.setChecked(False)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            return
        self._kept_choice = person_id
        self._choose(index)

    def _choose(self, index: QModelIndex) -> None:
        """Choose this row of the list, in sight, with the keyboard on it."""
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        self.list.select_row(index.row())
        self.list.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def import_people(self) -> None:
        from ui.dialogs.import_people import ImportDialog

        dialog = ImportDialog(
            self.session.ops, self.context.now, str(self.context.settings.get("country")), self
        )
        dialog.exec()  # the import is an operation: announced, and said in the status line
        if dialog.added and self._filtering():
            # Those just added in sight: a search left from before hid them all.
            self.search.clear()
            self.circle.setCurrentIndex(0)
            self.overdue.setChecked(False)

    def export_people(self) -> None:
        """Save everyone as a vCard 4.0 file that phones and other apps read."""
        from companion.interchange.vcard import save_vcards

        everyone = contacts.people(self.store())
        save_file_in_background(
            self,
            _("Save everyone to a file"),
            "contacts.vcf",
            _("vCard files (*.vcf)"),
            ".vcf",
            lambda path: save_vcards(path, everyone),
            lambda count, path: ngettext(
                "Saved {count} person to {file}.", "Saved {count} people to {file}.", count
            ).format(count=count, file=path),
            self._say,
        )

    def _say(self, text: str) -> None:
        self.session.ops.said.emit(text, None)

    # words --------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        super().retranslate()
        set_button_text(self.add_button, _("Add someone"))
        set_button_text(self.import_button, _("Import from a file…"))
        set_button_text(self.export_button, _("Save everyone to a file…"))
        self.empty.setText(_("No one here yet. Add someone you'd like to keep in touch with."))
        self.search_title.setText(_("Search by name"))
        self.search.setAccessibleName(_("Search by name"))
        self.circle.blockSignals(True)
        current = self.circle.currentData()
        self.circle.clear()
        self.circle.addItem(_("Everyone"), None)
        for code, title in contacts.CIRCLES.items():
            self.circle.addItem(_(title), code)
        self.circle.setCurrentIndex(max(self.circle.findData(current), 0))
        self.circle.blockSignals(False)
        self.circle_title.setText(_("Show which circle"))
        self.circle.setAccessibleName(_("Show which circle"))
        self.order.blockSignals(True)
        chosen = max(self.order.currentIndex(), 0)
        self.order.clear()
        for words, _column, _order in ORDERS:
            self.order.addItem(_(words))
        self.order.setCurrentIndex(chosen)
        self.order.blockSignals(False)
        self.order_title.setText(_("Order"))
        self.order.setAccessibleName(_("Order of the list"))
        self.overdue.setText(_("Only those it's a good time to get in touch with"))
        self.overdue.setAccessibleName(self.overdue.text())
        self.how.setText(
            _(
                "Choose someone with the arrow keys. Enter opens their page, Ctrl+L notes "
                "that you were in touch just now, and Delete takes them off your list. "
                "Ctrl+Z takes back what you just did."
            )
        )
        self.list.setAccessibleName(_("People you keep in touch with"))
        self.list.setAccessibleDescription(self.how.text())
        self.picture_title.setText(_("Your connections"))
        set_button_text(self.show_everyone, _("Show everyone"))
        self._show_no_match()
        self.model.words_changed()  # every row's words, in the new language
        if self.list.uniformItemSizes():
            everyone = [row.person for row in self.model.rows]
            self.list.set_uniform_rows(sample_rows(everyone, self.model.today))
