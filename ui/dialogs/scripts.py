"""Words for saying no kindly: browse by situation and aim, copy in one click, keep a few by
the phone and print them as a card, and write your own.

A card is written only where the person chooses, after they choose it (a save
dialog, or the print dialog); nothing is ever written silently.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import (
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QWidget

from companion import i18n, planner_scripts
from companion.i18n import _
from companion.planner_scripts import Script
from ui import actions_energy as act
from ui.dialogs.shell import DialogShell
from ui.models.planner import ScriptsModel
from ui.widgets.common import Card, CheckBox, FlowLayout, FramedList, button, combo_box, label

if TYPE_CHECKING:
    from ui.session import UiSession


def card_document(scripts: list[Script], reason: bool = False) -> QTextDocument:
    """A card of the chosen words, in large print, to keep by the phone."""
    document = QTextDocument()
    option = QTextOption()
    rtl = i18n.is_rtl()
    if rtl:
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    document.setDefaultTextOption(option)
    cursor = QTextCursor(document)
    heading = QTextCharFormat()
    heading.setFontPointSize(22)
    heading.setFontWeight(700)
    body = QTextCharFormat()
    body.setFontPointSize(16)
    block = QTextBlockFormat()
    block.setBottomMargin(18)
    cursor.setBlockFormat(block)
    cursor.insertText(_("Kind ways to say no"), heading)
    for script in scripts:
        cursor.insertBlock(block)
        cursor.insertText(script.shown(reason), body)
    cursor.insertBlock(block)
    cursor.insertText(_("You don't have to explain. It's fine to say it again."), body)
    return document


def write_card(path: Path, scripts: list[Script], reason: bool = False) -> None:
    writer = QPdfWriter(str(path))
    writer.setTitle(_("Kind ways to say no"))
    writer.setCreator("Companion")
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    writer.setPageOrientation(QPageLayout.Orientation.Portrait)
    card_document(scripts, reason).print_(writer)


class ScriptsDialog(DialogShell):
    def __init__(
        self,
        session: UiSession,
        situation: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Kind ways to say no"), parent)
        self.session = session
        self.store = session.store
        body = self.body
        body.addWidget(
            label(
                _(
                    "Short, warm words for saying no. You don't need to give a reason: "
                    "one reason at most, as explaining often invites bargaining."
                )
            )
        )
        filters = FlowLayout()
        self.situation_label = label(_("What is it about?"))
        self.situation = combo_box()
        self.situation.setAccessibleName(_("What is it about?"))
        self.situation.addItem(_("Any situation"), None)
        for key, name in planner_scripts.SITUATIONS.items():
            self.situation.addItem(_(name), key)
        self.situation_label.setBuddy(self.situation)
        self.aim_label = label(_("What would you like to say?"))
        self.aim = combo_box()
        self.aim.setAccessibleName(_("What would you like to say?"))
        self.aim.addItem(_("Anything"), None)
        for key, name in planner_scripts.AIMS.items():
            self.aim.addItem(_(name), key)
        self.aim_label.setBuddy(self.aim)
        for widget in (self.situation_label, self.situation, self.aim_label, self.aim):
            filters.addWidget(widget)
        body.addLayout(filters)
        self.reason = CheckBox(_("With one short reason"))
        body.addWidget(self.reason)

        self.model = ScriptsModel(self)
        self.list = FramedList()  # a ring while the keyboard is in it
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setSpacing(6)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAccessibleName(_("Words for saying no"))
        self.list.setMinimumHeight(220)
        body.addWidget(self.list)
        self.count = label("", "muted")
        body.addWidget(self.count)

        actions = FlowLayout()
        self.copy_button = button(_("Copy these words"), "primary")
        self.copy_button.clicked.connect(self.copy)
        self.keep_button = button(_("Keep by the phone"))
        self.keep_button.clicked.connect(self.toggle_keep)
        self.change_button = button(_("Change my words"))
        self.change_button.clicked.connect(self.change_own)
        self.remove_button = button(_("Remove my words"))
        self.remove_button.clicked.connect(self.remove_own)
        for action in (self.copy_button, self.keep_button, self.change_button, self.remove_button):
            actions.addWidget(action)
        body.addLayout(actions)
        self.said = label("", "muted")
        self.said.hide()
        body.addWidget(self.said)

        card_row = FlowLayout()
        self.kept = label("")
        self.card_button = button(_("Save a card as a PDF…"))
        self.card_button.clicked.connect(self.save_card)
        self.print_button = button(_("Print a card…"))
        self.print_button.clicked.connect(self.print_card)
        card_row.addWidget(self.kept)
        card_row.addWidget(self.card_button)
        card_row.addWidget(self.print_button)
        body.addLayout(card_row)

        # the person's own words
        self.own_button = button(_("Write my own words"))
        self.own_button.clicked.connect(self._show_own)
        body.addWidget(self.own_button)
        self.own_card = Card()
        self.own_card.body.addWidget(label(_("Your own words"), "subheading"))
        self.own_text = QLineEdit()
        self.own_text.setAccessibleName(_("What you would say"))
        self.own_text.setPlaceholderText(_("What you would say"))
        self.own_reason = QLineEdit()
        self.own_reason.setAccessibleName(_("The same, with one reason (you can leave this)"))
        self.own_reason.setPlaceholderText(_("The same, with one reason (you can leave this)"))
        self.own_card.body.addWidget(self.own_text)
        self.own_card.body.addWidget(self.own_reason)
        self.own_card.body.addWidget(
            label(_("It is saved under the situation and aim chosen above."), "muted")
        )
        own_row = FlowLayout()
        self.own_save = button(_("Add my words"))
        self.own_save.clicked.connect(self.add_own)
        own_row.addWidget(self.own_save)
        self.own_card.body.addLayout(own_row)
        self.own_card.hide()
        body.addWidget(self.own_card)
        self.editing: Script | None = None

        sources = [
            _("{source} (checked {date})").format(
                source=g["source"],
                date=i18n.format_date(date.fromisoformat(g["checked"])),
            )
            for g in planner_scripts.guidance()
        ]
        self.sources = label(
            _("Based on advice from: {sources}").format(sources="; ".join(sources)),
            "muted",
            selectable=True,
        )
        body.addWidget(self.sources)

        self.add_button(_("Close"), self.accept, default=True)

        if situation is not None:
            self.situation.setCurrentIndex(max(0, self.situation.findData(situation)))
        self.situation.currentIndexChanged.connect(lambda _i: self.refresh())
        self.aim.currentIndexChanged.connect(lambda _i: self.refresh())
        self.reason.toggled.connect(lambda _on: self.refresh())
        self.list.selectionModel().currentChanged.connect(lambda *_a: self._selection_changed())
        self.session.ops.executed.connect(self._changed)
        self.refresh()
        self.first_field = self.situation

    def _changed(self, _changes: object) -> None:
        self.refresh()

    def done(self, result: int) -> None:
        try:
            self.session.ops.executed.disconnect(self._changed)
        except (RuntimeError, TypeError):
            pass
        super().done(result)

    # the list --------------------------------------------------------------------------

    def current(self) -> Script | None:
        index = self.list.currentIndex()
        if not index.isValid():
            return None
        return self.model.rows[index.row()]

    def refresh(self) -> None:
        selected = self.current()
        keep = selected.key if selected is not None else None
        rows = planner_scripts.scripts(
            self.store, self.situation.currentData(), self.aim.currentData()
        )
        self.model.set_rows(rows, self.reason.isChecked())
        row = self.model.row_of(keep)
        if row < 0 and rows:
            row = 0
        if row >= 0:
            self.list.selectionModel().setCurrentIndex(
                self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        self.count.setText(
            i18n.ngettext("{count} way to say it.", "{count} ways to say it.", len(rows)).format(
                count=i18n.format_number(len(rows))
            )
        )
        kept = len(planner_scripts.chosen(self.store))
        self.kept.setText(
            i18n.ngettext("{count} kept by the phone.", "{count} kept by the phone.", kept).format(
                count=i18n.format_number(kept)
            )
        )
        self.card_button.setEnabled(kept > 0)
        self.print_button.setEnabled(kept > 0)
        self._selection_changed()

    def _selection_changed(self) -> None:
        script = self.current()
        for widget in (self.copy_button, self.keep_button):
            widget.setEnabled(script is not None)
        self.remove_button.setVisible(script is not None and script.own)
        self.change_button.setVisible(script is not None and script.own)
        self.set_button(
            self.keep_button,
            _("Put away") if script is not None and script.chosen else _("Keep by the phone"),
        )

    # actions ---------------------------------------------------------------------------

    def copy(self) -> None:
        script = self.current()
        if script is None:
            return
        QGuiApplication.clipboard().setText(script.shown(self.reason.isChecked()))
        self._say(_("Copied. You can paste the words into a message."))

    def toggle_keep(self) -> None:
        script = self.current()
        if script is not None:
            act.choose_script(self.session, self, script.key, not script.chosen)

    def remove_own(self) -> None:
        script = self.current()
        if script is not None and script.own:
            act.delete_script(self.session, self, script.key)

    def _show_own(self) -> None:
        self.editing = None
        self.own_save.setText(_("Add my words"))
        self.own_save.setAccessibleName(_("Add my words"))
        self.own_card.show()
        self.own_text.setFocus()

    def change_own(self) -> None:
        script = self.current()
        if script is None or not script.own:
            return
        self.editing = script
        self.situation.setCurrentIndex(max(0, self.situation.findData(script.situation)))
        self.aim.setCurrentIndex(max(0, self.aim.findData(script.aim)))
        self.own_text.setText(script.text)
        self.own_reason.setText(script.with_reason)
        self.own_save.setText(_("Save my words"))
        self.own_save.setAccessibleName(_("Save my words"))
        self.own_card.show()
        self.own_text.setFocus()

    def add_own(self) -> None:
        situation = self.situation.currentData() or "invitation"
        aim = self.aim.currentData() or "decline"
        text, reason = self.own_text.text(), self.own_reason.text()
        if self.editing is not None:
            added = act.edit_script(
                self.session, self, self.editing.key, situation, aim, text, reason
            )
        else:
            added = act.add_script(self.session, self, situation, aim, text, reason)
        if added is not None:
            self.editing = None
            self.own_text.clear()
            self.own_reason.clear()
            self.own_card.hide()
            self.refresh()
            row = self.model.row_of(added.key)
            if row >= 0:
                self.list.setCurrentIndex(self.model.index(row))
            self._say(_("Your own words are saved."))

    def is_dirty(self) -> bool:
        return bool(self.own_text.text().strip())

    def _say(self, text: str) -> None:
        self.said.setText(text)
        self.said.setAccessibleName(text)
        self.said.show()

    # the card --------------------------------------------------------------------------

    def save_card(self) -> None:
        chosen = planner_scripts.chosen(self.store)
        if not chosen:
            return
        from ui.widgets import files

        path = files.ask_save_path(
            self, _("Save the card"), _("Ways to say no.pdf"), _("PDF files (*.pdf)")
        )
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        try:
            write_card(path, chosen, self.reason.isChecked())
        except OSError:
            self.show_error(_("The card could not be saved there. Please choose another folder."))
            return
        self._say(files.saved_words(path))

    def print_card(self) -> None:
        chosen = planner_scripts.chosen(self.store)
        if not chosen:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print a card"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            card_document(chosen, self.reason.isChecked()).print_(printer)
            self._say(_("The card was sent to the printer."))
