"""Settings → "Your data": backups, restore, saving everything, deleting; the printed plan; the tour.

The Settings page places one ``DataSection``; it keeps itself up to date (it
hears the session's changes and the language) so the page needs no more than
the lines that create and place it. Every action is one function in
``ui.actions_data``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QSize
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from companion import backup, plan
from companion.errors import CompanionError
from companion.i18n import _, isolate
from ui import actions_data
from ui.dialogs.shell import ButtonRow
from ui.ops import Change, Changes
from ui.widgets import files
from ui.widgets.common import Card, CheckBox, button, label, set_button_text
from ui.widgets.date_field import DateField
from ui.widgets.files import SavedNote

if TYPE_CHECKING:
    from companion.backup import BackupReview
    from ui.session import UiSession


def _card(title: QWidget) -> Card:
    card = Card()
    card.body.addWidget(title)
    return card


def _demo_code(session: UiSession) -> str | None:
    from companion.demo import demo_recovery_code

    return demo_recovery_code(session.unlocked)


class DataSection(QWidget):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.demo = actions_data.is_demo(session)
        self._busy = False  # a backup or a check is running
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(24)

        # your data: backups, restore, saving everything
        self.data_title = label("", "subheading")
        self.data_card = _card(self.data_title)
        self.last_backup = label("")
        self.auto_note = label("", "muted")
        self.data_card.body.addWidget(self.last_backup)
        self.data_card.body.addWidget(self.auto_note)
        # The demo's own recovery code, so the parent view's password can be shown end to end.
        self.demo_code_value = _demo_code(session) if self.demo else None
        self.demo_code = label("", selectable=True)
        self.demo_code.setVisible(self.demo_code_value is not None)
        self.data_card.body.addWidget(self.demo_code)
        row = ButtonRow()
        self.backup_button = button("", "primary")
        self.backup_button.clicked.connect(self.back_up_now)
        self.check_button = button("")
        self.check_button.clicked.connect(self.check_newest)
        self.restore_button = button("")
        self.restore_button.clicked.connect(self.restore)
        self.export_button = button("")
        self.export_button.clicked.connect(self.export_everything)
        for widget in (self.backup_button, self.check_button, self.restore_button):
            row.addWidget(widget)
        row.addWidget(self.export_button)
        self.data_card.body.addLayout(row)
        # What was saved, or what a check found: right under the buttons, scrolled into sight.
        self.note = SavedNote()
        self.status = self.note.text
        self.data_card.body.addWidget(self.note)
        self.where_row = ButtonRow()
        self.folder_button = button("")
        self.folder_button.clicked.connect(self.show_folder)
        self.where_row.addWidget(self.folder_button)
        self.data_card.body.addLayout(self.where_row)
        self.folder_button.setVisible(not self.demo)
        column.addWidget(self.data_card)

        # the printed plan
        self.plan_title = label("", "subheading")
        self.plan_card = _card(self.plan_title)
        self.plan_text = label("")
        self.plan_card.body.addWidget(self.plan_text)
        self.review_label = label("")
        self.review = DateField(without_year="future")  # typed in your own way, or from a calendar
        self.review.dateChanged.connect(self._review_chosen)
        self.review_label.setBuddy(self.review)
        self.copies_label = label("")
        self.copies = QLineEdit()
        self._copies_shown = ""
        self.copies.editingFinished.connect(self._copies_written)
        self.copies_label.setBuddy(self.copies)
        for widget in (self.review_label, self.review, self.copies_label, self.copies):
            self.plan_card.body.addWidget(widget)
        self.leave_out_label = label("")
        self.plan_card.body.addWidget(self.leave_out_label)
        self.leave_out: dict[str, CheckBox] = {}
        for key, _title in plan.SECTIONS:
            if key in plan.OPTIONAL:
                box = CheckBox()
                box.toggled.connect(lambda on, k=key: self._leave_out(k, on))
                self.leave_out[key] = box
                self.plan_card.body.addWidget(box)
        plan_row = ButtonRow()
        self.plan_button = button("", "primary")
        self.plan_button.clicked.connect(self.save_plan)
        plan_row.addWidget(self.plan_button)
        self.plan_card.body.addLayout(plan_row)
        self.plan_note = SavedNote()
        self.plan_status = self.plan_note.text
        self.plan_card.body.addWidget(self.plan_note)
        column.addWidget(self.plan_card)

        # the tour
        self.tour_title = label("", "subheading")
        self.tour_card = _card(self.tour_title)
        self.tour_text = label("")
        self.tour_card.body.addWidget(self.tour_text)
        tour_row = ButtonRow()
        self.tour_button = button("")
        self.tour_button.clicked.connect(self.start_tour)
        tour_row.addWidget(self.tour_button)
        self.tour_card.body.addLayout(tour_row)
        column.addWidget(self.tour_card)

        # deleting
        self.delete_title = label("", "subheading")
        self.delete_card = _card(self.delete_title)
        self.delete_text = label("")
        self.delete_card.body.addWidget(self.delete_text)
        delete_row = ButtonRow()
        self.delete_button = button("")
        self.delete_button.clicked.connect(self.delete_everything)
        self.parents_button = button("")
        self.parents_button.clicked.connect(self.delete_parent_data)
        delete_row.addWidget(self.delete_button)
        delete_row.addWidget(self.parents_button)
        self.delete_card.body.addLayout(delete_row)
        column.addWidget(self.delete_card)

        for widget in (self.backup_button, self.check_button, self.restore_button):
            widget.setVisible(not self.demo)
        self.delete_card.setVisible(not self.demo)

        session.ops.executed.connect(self._changed)
        session.context.language_changed.connect(self.retranslate)
        auto = getattr(session, "auto_backups", None)
        if isinstance(auto, actions_data.AutoBackups):
            auto.finished.append(self.refresh)
        self.retranslate()
        self.refresh()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """No least height of its own: the page gives it its height for the width it has.

        Its wrapping words' least heights (each measured at its narrowest, two lines or
        more) added up to ~650 px more than it ever uses at 200% text, and the page, which
        is never shorter than the least heights of what it holds, ended in that much empty
        space below the last card."""
        return QSize(super().minimumSizeHint().width(), 0)

    # words ------------------------------------------------------------------------------

    def retranslate(self, _code: str = "") -> None:
        self.data_title.setText(_("Your data"))
        set_button_text(self.backup_button, _("Back up now"))  # no question first: no "…"
        set_button_text(self.check_button, _("Check my newest backup"))
        set_button_text(self.restore_button, _("Restore from a backup…"))
        set_button_text(self.export_button, _("Save everything to a folder…"))
        set_button_text(self.folder_button, _("Show the backups folder"))
        self.note.retranslate()
        self.plan_note.retranslate()
        self.plan_title.setText(_("Your plan, on paper"))
        self.plan_text.setText(
            _(
                "A plan in large print to take to your counsellor or keep by the phone: the "
                "people you want to reach, a group to try, your energy and boundaries, and who "
                "to call for help."
            )
        )
        self.review_label.setText(_("When will you look at the plan again?"))
        self.review.setAccessibleName(_("Next review of the plan"))
        self.copies_label.setText(_("Who else has a copy? (You can leave this.)"))
        self.copies.setAccessibleName(_("Who else has a copy of the plan"))
        self.copies.setPlaceholderText(_("For example: Ruth, my counsellor"))
        self.leave_out_label.setText(_("Leave out parts that are not for you:"))
        for key, title in plan.SECTIONS:
            if key in self.leave_out:
                self.leave_out[key].setText(_("Leave out “{part}”").format(part=_(title)))
        set_button_text(self.plan_button, _("Save my plan as a PDF…"))
        self.tour_title.setText(_("A short tour"))
        self.tour_text.setText(
            _("A few steps that show you each page. You can stop at any time and go on later.")
        )
        set_button_text(self.tour_button, _("Show me around"))
        self.delete_title.setText(_("Deleting your data"))
        self.delete_text.setText(
            _(
                "You can delete everything Companion keeps on this computer. You will be asked "
                "first, and shown what goes."
            )
        )
        set_button_text(self.delete_button, _("Delete all my data…"))
        set_button_text(self.parents_button, _("Delete only the parent view's data…"))
        self.refresh()

    def refresh(self) -> None:
        session = self.session
        if not session.is_open:
            return
        self.last_backup.setText(actions_data.last_backup_words(session))
        if self.demo:
            self.auto_note.setText(_("Everything here is deleted when you close Companion."))
            if self.demo_code_value is not None:
                self.demo_code.setText(
                    _(
                        "The recovery code of this sample is {code}. Type it where Companion "
                        "asks for your recovery code, for example to give the parent view a "
                        "password of its own."
                    ).format(code=isolate(self.demo_code_value))  # whole, in Arabic too
                )
        else:
            self.auto_note.setText(
                _(
                    "Companion also makes a backup by itself each day and keeps the last seven, "
                    "on this computer, in Companion's own folder. A backup opens with your "
                    "recovery code."
                )
            )
            folder = str(backup.backups_folder(session.unlocked.profile))
            self.auto_note.setToolTip(folder)
            self.folder_button.setToolTip(folder)
            auto = getattr(session, "auto_backups", None)
            if isinstance(auto, actions_data.AutoBackups) and auto.problem:
                self._say(auto.problem)
        settings = session.settings
        today = session.now().date()
        self.review.blockSignals(True)
        self.review.region = str(settings.get("country") or "")
        self.review.today = today
        day = plan.review_date(settings, today)
        self.review.setDate(QDate(day.year, day.month, day.day))
        self.review.blockSignals(False)
        saved = str(settings.get(plan.COPIES_SETTING))
        if self.copies.text() == self._copies_shown:  # never over what is being typed
            self.copies.setText(saved)
            self.copies.setCursorPosition(0)  # its first words in sight, not its last
        self._copies_shown = saved
        hidden = plan.not_for_me(settings)
        for key, box in self.leave_out.items():
            box.box.blockSignals(True)
            box.setChecked(key in hidden)
            box.box.blockSignals(False)
        self.parents_button.setVisible(bool(settings.get("parent_view")) and not self.demo)

    def _changed(self, changes: Changes) -> None:
        if changes.touches(Change.SETTINGS | Change.PARENTS):
            self.refresh()

    def _say(self, text: str) -> None:
        self.note.say(text)

    def show_folder(self) -> None:
        """Open the daily backups' folder in the computer's file manager (the path is its tooltip)."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        folder = backup.backups_folder(self.session.unlocked.profile)
        folder.mkdir(parents=True, exist_ok=True)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self.note.say(
                _("Your backups are kept in this folder on your computer: {folder}").format(
                    folder=folder
                )
            )

    def bring_into_view(self, scroll: object) -> None:
        """The route from Today: "Your data" at the top of the page, "Back up now" focused."""
        from PySide6.QtCore import QPoint, QTimer
        from PySide6.QtWidgets import QScrollArea

        assert isinstance(scroll, QScrollArea)
        first = self.export_button if self.demo else self.backup_button

        def show() -> None:
            inner = scroll.widget()
            if inner is None:
                return
            layout = inner.layout()
            if layout is not None:
                layout.activate()
            top = self.data_card.mapTo(inner, QPoint(0, 0)).y()
            scroll.verticalScrollBar().setValue(max(0, top - 8))
            first.setFocus()

        show()
        QTimer.singleShot(0, show)  # again once a page shown for the first time is laid out

    # backups --------------------------------------------------------------------------

    def back_up_now(self) -> None:
        """Straight into the Documents folder; "Save it somewhere else…" moves it after."""
        if self._busy:
            return
        target: Path | None = files.free_path(
            files.documents_folder(), actions_data.default_backup_name(self.session)
        )
        assert target is not None
        if not actions_data.can_write_in(target.parent):
            # The Documents folder takes no new files: ask where, rather than fail.
            target = files.ask_save_path(
                self,
                _("Where should the backup go?"),
                target,
                _("Companion backups (*{suffix})").format(suffix=backup.SUFFIX),
            )
            if target is None:
                return
        self._busy = True
        actions_data.back_up_now(self.session, self, target, self._backed_up)

    def _backed_up(self, made: Path | None) -> None:
        self._busy = False
        if made is not None:
            self.note.show_saved(
                made,
                _("Where should the backup go?"),
                _("Companion backups (*{suffix})").format(suffix=backup.SUFFIX),
                _("It is encrypted and opens with your recovery code."),
            )
        self.refresh()

    def check_newest(self) -> None:
        # The button stays enabled (a disabled one would send the focus on); a second press waits.
        if self._busy:
            return
        self._busy = True
        actions_data.check_newest(self.session, self, self._checked)

    def _checked(self, review: BackupReview | None) -> None:
        self._busy = False
        folder = backup.backups_folder(self.session.unlocked.profile)
        self._say(actions_data.check_words(review, folder))
        if self.isVisible():
            self.check_button.setFocus()

    def restore(self) -> None:
        from ui.dialogs.restore import review_in_background

        path = files.ask_open_path(
            self,
            _("Choose the backup to restore"),
            _("Companion backups (*{suffix});;All files (*)").format(suffix=backup.SUFFIX),
        )
        if path is None:
            return
        review_in_background(self.session, self, path, lambda review: self._review(path, review))

    def _review(self, path: Path, review: BackupReview | None) -> None:
        """The review is ready (None: the dialog asks for the recovery code first)."""
        from ui.dialogs.restore import RestoreDialog

        dialog = RestoreDialog(self.session, path, self, review=review)
        if dialog.exec() != RestoreDialog.DialogCode.Accepted:
            return
        actions_data.restore(self.session, self, path, dialog.secret)

    def export_everything(self) -> None:
        from companion.parents_lock import PARENTS_DB
        from ui.dialogs.backup_export import ExportWarningDialog

        has_parent_data = (self.session.unlocked.profile.folder / PARENTS_DB).exists()
        warning = ExportWarningDialog(self, has_parent_data=has_parent_data)
        if warning.exec() != ExportWarningDialog.DialogCode.Accepted:
            return
        actions_data.export_everything(
            self.session,
            self,
            files.documents_folder(),
            lambda result: (
                self.note.show_saved(
                    result.folder,
                    _("Choose a folder to save everything in"),
                    after=_("These files are not encrypted: keep them private."),
                )
                if result is not None
                else None
            ),
        )

    # the plan -----------------------------------------------------------------------------

    def _set(self, action: object) -> None:
        try:
            action()  # type: ignore[operator]
        except CompanionError as error:
            self.plan_status.setText(error.message)
            self.plan_status.show()

    def _review_chosen(self, chosen: QDate) -> None:
        day = date(chosen.year(), chosen.month(), chosen.day())
        self._set(lambda: plan.set_review_date(self.session.settings, day))

    def _copies_written(self) -> None:
        who = self.copies.text()
        if not self.copies.hasFocus():  # left: read from the start again ("Ruth, my…")
            self.copies.setCursorPosition(0)
        if who.strip() != str(self.session.settings.get(plan.COPIES_SETTING)):
            self._set(lambda: plan.set_copies(self.session.settings, who))

    def _leave_out(self, key: str, on: bool) -> None:
        self._set(lambda: plan.set_not_for_me(self.session.settings, key, on))

    def save_plan(self) -> None:
        from ui.reports.plan import default_file_name

        self._copies_written()
        target = files.free_path(files.documents_folder(), default_file_name())
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")

        def saved(pages: int | None) -> None:
            if pages:
                self.plan_note.show_saved(
                    target,
                    _("Where should the plan go?"),
                    _("PDF files (*.pdf)"),
                    _("Open it to print it."),
                )

        actions_data.save_plan(self.session, self, target, saved)

    # the tour and deleting ------------------------------------------------------------------

    def start_tour(self) -> None:
        from ui.tour import start_tour

        start_tour(self.session, self.window(), from_start=True)

    def delete_everything(self) -> None:
        from ui.dialogs.delete_all import DeleteAllDialog

        dialog = DeleteAllDialog(self.session, self)
        if dialog.exec() != DeleteAllDialog.DialogCode.Accepted:
            return
        actions_data.delete_everything(self.session, self.window())

    def delete_parent_data(self) -> None:
        from ui.dialogs.delete_all import DeleteParentDataDialog

        dialog = DeleteParentDataDialog(self)
        if dialog.exec() != DeleteParentDataDialog.DialogCode.Accepted:
            return
        actions_data.delete_parent_view_data(self.session, self)
