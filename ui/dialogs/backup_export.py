"""Before saving everything to a folder: the plain warning that the files are not encrypted."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from companion.i18n import _
from companion.interchange.export_all import not_encrypted_warning
from ui.dialogs.shell import DialogShell
from ui.widgets.common import label


class ExportWarningDialog(DialogShell):
    def __init__(self, parent: QWidget | None = None, *, has_parent_data: bool = False) -> None:
        """``has_parent_data``: say that the parent view's data stays out (it stays encrypted)."""
        super().__init__(_("Save everything to a folder"), parent)
        self.body.addWidget(
            label(
                _(
                    "Companion saves all your data as ordinary files other programs can open: "
                    "your people as a contacts file, your reminders as a calendar, and "
                    "everything else as tables."
                )
            )
        )
        self.warning = label(not_encrypted_warning(), "error")
        self.body.addWidget(self.warning)
        self.parents_note = label(
            _(
                "The parent view's data is not saved here: it stays encrypted, and it is in "
                "every backup."
            )
        )
        self.parents_note.setVisible(has_parent_data)
        self.body.addWidget(self.parents_note)
        self.body.addWidget(
            label(
                _(
                    "They go in a new folder in your Documents folder. Afterwards you can "
                    "move that folder somewhere else."
                ),
                "muted",
            )
        )
        self.go_button = self.add_button(
            _("Save in my Documents folder"), self.accept, "primary", default=True
        )
        self.cancel_button = self.add_button(_("Cancel"), self.reject)
        self.first_field = self.go_button
