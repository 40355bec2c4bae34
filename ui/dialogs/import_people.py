"""Importing people from a vCard or CSV file: choose, (for CSV) match the columns, preview, import.

Nothing is written until the person presses Import, and then everything is
written in one transaction through the operations (``ui.actions.import_people``):
off the UI thread, with a progress bar and a Cancel button that undoes it all,
and announced so every page shows the new people. The file is read, and the
preview (who is new, who looks like someone already here) worked out, off the
UI thread too: with thousands of people either takes a moment.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from companion.errors import CompanionError
from companion.i18n import N_, _, format_number, ngettext
from companion.interchange import ImportFileError, ReadResult, read_import_file
from companion.interchange.contacts_csv import (
    ColumnMapping,
    CsvTable,
    PhoneColumn,
    apply_mapping,
    guess_mapping,
    no_name_column_problem,
    read_csv,
)
from companion.interchange.people_import import (
    ImportPreview,
    build_preview,
    not_kept_words,
)
from companion.store import Store
from ui import actions
from ui.dialogs.shell import StepStack, fit_to_screen, fit_when_first_shown, scroll_area
from ui.ops import Change, Operations
from ui.widgets.common import (
    SPACING,
    CheckBox,
    FlowLayout,
    button,
    column_page,
    combo_box,
    label,
    set_title,
)

FIELDS = (
    ("name", N_("Full name")),
    ("first_name", N_("First name")),
    ("last_name", N_("Last name")),
    ("phone", N_("Phone number")),
    ("email", N_("Email")),
    ("birthday", N_("Birthday")),
    ("notes", N_("Notes")),
)


class ImportDialog(QDialog):
    """Given the session's operations, the import is announced to every page; given only a
    store (screenshots), it runs on an operations hub of its own that nobody listens to."""

    CHOOSE, COLUMNS, PREVIEW, WORKING = range(4)

    def __init__(
        self,
        ops: Operations | Store,
        now: Callable[[], datetime],
        region: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops = ops if isinstance(ops, Operations) else Operations(ops, self)
        self.store = self.ops.store
        self.now = now
        self.region = region
        self.added = 0
        self.summary = ""
        self.path: Path | None = None
        self.table: CsvTable | None = None
        self.mapping: ColumnMapping | None = None
        self.preview: ImportPreview | None = None
        set_title(self, _("Import people from a file"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(3 * SPACING, 3 * SPACING, 3 * SPACING, 3 * SPACING)
        layout.setSpacing(2 * SPACING)
        layout.addWidget(label(_("Import people from a file"), "heading"))
        # As tall as the step showing: the first step (one sentence) no longer scrolls down
        # into the empty room kept for the preview's two lists.
        self.stack = StepStack()
        self.stack_scroll = scroll_area(self.stack)  # large text scrolls; buttons stay
        fit_when_first_shown(self, self.stack_scroll)
        layout.addWidget(self.stack_scroll, 1)

        page, column = column_page()
        column.addWidget(
            label(
                _(
                    "Choose a file of contacts saved from your phone, Google, Apple, Outlook "
                    "or Thunderbird. Nothing is added until you have seen who will be added."
                )
            )
        )
        self.choose_button = button(_("Choose a file…"), "primary")
        self.choose_button.clicked.connect(self.choose)
        self.stack.addWidget(page)

        page, column = column_page()
        column.addWidget(
            label(
                _("Which column holds what? Companion has guessed; change anything that is wrong.")
            )
        )
        self.column_form = QFormLayout()
        self.column_boxes: dict[str, object] = {}
        column.addLayout(self.column_form)
        self.columns_next = button(_("Next"), "primary")
        self.columns_next.clicked.connect(self._columns_chosen)
        self.stack.addWidget(page)

        page, column = column_page()
        self.preview_text = label("")
        column.addWidget(self.preview_text)
        self.new_list = QListWidget()
        self.new_list.setAccessibleName(_("People who will be added"))
        column.addWidget(self.new_list, 1)
        self.not_kept_text = label("")
        self.not_kept_text.hide()
        column.addWidget(self.not_kept_text)
        self.duplicates_text = label("")
        column.addWidget(self.duplicates_text)
        self.duplicates_list = QListWidget()
        self.duplicates_list.setAccessibleName(_("People who look like someone already here"))
        column.addWidget(self.duplicates_list, 1)
        self.include_duplicates = CheckBox(_("Add these too"))
        self.include_duplicates.setAccessibleName(_("Add the ones that look like duplicates too"))
        column.addWidget(self.include_duplicates)
        self.import_button = button("", "primary")
        self.import_button.clicked.connect(self.start_import)
        self.stack.addWidget(page)

        page, column = column_page()  # the progress bar and Cancel are the operation's own
        self.working_text = label(_("Adding people…"))
        column.addWidget(self.working_text)
        self.stack.addWidget(page)

        self.error = label("", "error")
        self.error.hide()
        layout.addWidget(self.error)
        row = FlowLayout()  # each step's button stays in sight below the words, with Close
        self.step_buttons = {
            self.CHOOSE: self.choose_button,
            self.COLUMNS: self.columns_next,
            self.PREVIEW: self.import_button,
        }
        for step_button in self.step_buttons.values():
            row.addWidget(step_button)
        self.close_button = button(_("Close"))
        self.close_button.clicked.connect(self.reject)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.stack.currentChanged.connect(self._show_step_button)
        self._show_step_button(self.stack.currentIndex())

    # steps -----------------------------------------------------------------------------

    def _show_step_button(self, step: int) -> None:
        """Each step's button shows, is the one Enter presses, and has the keyboard: after a
        file was chosen the keyboard was on Close, so Enter closed the dialog and nobody
        was added, without a word."""
        for shown, step_button in self.step_buttons.items():
            step_button.setVisible(shown == step)
            step_button.setDefault(shown == step)
        current = self.step_buttons.get(step)
        if current is not None and self.isVisible():
            current.setFocus(Qt.FocusReason.OtherFocusReason)
        self.stack.updateGeometry()
        if step in (self.COLUMNS, self.PREVIEW) and self.isVisible():
            fit_to_screen(self, self.stack_scroll)  # the room this step's lists need

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.setAccessibleName(message)
        self.error.show()

    def show_error(self, message: str) -> None:
        """Where the operations put a failure (a full disk, Cancel): the dialog's error line."""
        self._fail(message)

    def choose(self) -> None:
        from ui.widgets import files

        chosen = files.ask_open_path(
            self,
            _("Choose a contacts file"),
            _("Contacts (*.vcf *.vcard *.csv);;All files (*)"),
        )
        if chosen is not None:
            self.open_file(chosen)

    def open_file(self, path: Path) -> None:
        """Read the file (off the UI thread); CSV goes to the columns step, vCard to the preview."""
        self.path = path
        self.error.hide()
        suffix = path.suffix.lower()
        if suffix not in (".vcf", ".vcard", ".csv"):
            self._fail(
                _(
                    "Companion can import contacts from vCard files (.vcf) and tables (.csv). "
                    "{file} is neither."
                ).format(file=path.name)
            )
            return

        region = self.region

        def work(store: Store, _progress: object, _cancelled: object) -> object:
            data = read_import_file(path)
            if suffix == ".csv":
                return read_csv(data)
            from companion.interchange.vcard import parse_vcards

            return build_preview(store, parse_vcards(data), region)

        self._read_in_background(work, self._file_read)

    def _read_in_background(
        self, work: Callable[[Store, Any, Any], Any], then: Callable[[Any], None]
    ) -> None:
        """Reading writes nothing, but runs as an operation all the same: off the UI thread,
        with a progress bar after a moment, and the window kept responsive (see
        ``Operations.run_in_background``); a failure lands in the error line."""
        assert self.path is not None

        def done(result: object) -> None:
            if result is None:
                self._failed(None)
            else:
                then(result)

        self.ops.run_in_background(
            self,
            work,
            Change.NONE,
            title=_("Reading {file}…").format(file=self.path.name),
            done=done,
        )

    def _failed(self, error: BaseException | None) -> None:
        """Back to choosing; ``error`` None when the operation has already said why."""
        self.stack.setCurrentIndex(self.CHOOSE)
        if isinstance(error, CompanionError):
            self._fail(error.message)
        elif error is not None or self.error.isHidden():
            self._fail(_("Something unexpected went wrong. Nothing was imported."))

    def _file_read(self, result: object) -> None:
        assert self.path is not None
        if isinstance(result, CsvTable):
            if result.problems:
                self._failed(ImportFileError(result.problems, self.path.name))
                return
            self.table = result
            self.mapping = guess_mapping(result.headers)
            self._show_columns()
            return
        assert isinstance(result, ImportPreview)
        self._preview(result)

    def _show_columns(self) -> None:
        assert self.table is not None and self.mapping is not None
        while self.column_form.rowCount():
            self.column_form.removeRow(0)
        self.column_boxes = {}
        guessed = {
            "name": self.mapping.name,
            "first_name": self.mapping.first_name,
            "last_name": self.mapping.last_name,
            "phone": self.mapping.phones[0].index if self.mapping.phones else None,
            "email": self.mapping.emails[0] if self.mapping.emails else None,
            "birthday": self.mapping.birthday,
            "notes": self.mapping.notes,
        }
        for key, title in FIELDS:
            box = combo_box()
            box.addItem(_("(not in this file)"), None)
            for index, header in enumerate(self.table.headers):
                box.addItem(header or _("Column {number}").format(number=index + 1), index)
            box.setCurrentIndex(max(box.findData(guessed[key]), 0))
            box.setAccessibleName(_(title))
            self.column_form.addRow(label(_(title)), box)
            self.column_boxes[key] = box
        self.stack.setCurrentIndex(self.COLUMNS)

    def _columns_chosen(self) -> None:
        assert self.table is not None and self.mapping is not None and self.path is not None
        chosen = {key: box.currentData() for key, box in self.column_boxes.items()}  # type: ignore[attr-defined]
        mapping = self.mapping
        mapping.name = chosen["name"]
        mapping.first_name = chosen["first_name"]
        mapping.last_name = chosen["last_name"]
        if chosen["phone"] is None:
            mapping.phones = []
        elif not mapping.phones or mapping.phones[0].index != chosen["phone"]:
            mapping.phones = [PhoneColumn(chosen["phone"])]
        mapping.emails = [] if chosen["email"] is None else [chosen["email"]]
        mapping.birthday = chosen["birthday"]
        mapping.notes = chosen["notes"]
        if not mapping.has_name:
            self._fail(no_name_column_problem(self.table.headers).for_file(self.path.name))
            return
        table, region = self.table, self.region
        self.error.hide()

        def work(store: Store, _progress: object, _cancelled: object) -> ImportPreview:
            people, problems = apply_mapping(table.rows, mapping, region, table.headers)
            read = ReadResult(people=people, problems=problems, notes=table.notes)
            return build_preview(store, read, region)

        self._read_in_background(work, self._preview)

    def _preview(self, preview: ImportPreview) -> None:
        assert self.path is not None
        if preview.problems:
            self._failed(ImportFileError(preview.problems, self.path.name))
            return
        self.preview = preview
        new = preview.to_add
        duplicates = preview.duplicates
        self.preview_text.setText(
            ngettext(
                "{count} person will be added:", "{count} people will be added:", len(new)
            ).format(count=format_number(len(new)))
            + ("\n" + "\n".join(preview.notes) if preview.notes else "")
        )
        self.new_list.clear()
        self.new_list.addItems([p.name for p in new])
        self.not_kept_text.setText(not_kept_words(preview))
        self.not_kept_text.setVisible(bool(preview.not_kept))
        self.duplicates_list.clear()
        for entry in duplicates:
            self.duplicates_list.addItem(
                _("{name} looks like {others}").format(
                    name=entry.person.name, others=", ".join(entry.matches)
                )
            )
        self.duplicates_text.setText(
            ngettext(
                "{count} looks like someone already here, so it will be skipped:",
                "{count} look like people already here, so they will be skipped:",
                len(duplicates),
            ).format(count=format_number(len(duplicates)))
        )
        for widget in (self.duplicates_text, self.duplicates_list, self.include_duplicates):
            widget.setVisible(bool(duplicates))
        self.import_button.setText(_("Import"))
        self.import_button.setAccessibleName(_("Import"))
        self.import_button.setEnabled(bool(preview.entries))
        self.stack.setCurrentIndex(self.PREVIEW)

    def start_import(self) -> None:
        preview = self.preview
        if preview is None:
            return
        include = self.include_duplicates.isChecked()
        self.error.hide()
        self.stack.setCurrentIndex(self.WORKING)
        self.close_button.setEnabled(False)

        def done(count: int | None) -> None:
            self.close_button.setEnabled(True)
            if count is None:
                self._import_failed()
                return
            self.added = count
            self.summary = actions.import_summary(preview, include, count)
            self.accept()

        actions.import_people(self.ops, self, self.now(), preview, include, done)

    def _import_failed(self) -> None:
        """The operation has put a plain reason in the error line (Cancel, a full disk)."""
        self.stack.setCurrentIndex(self.PREVIEW)
        if self.error.isHidden():  # not a failure Companion knows how to put in words
            self._fail(_("Something unexpected went wrong. Nothing was imported."))
