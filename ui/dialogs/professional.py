"""Adding or changing one of the person's own professionals (doctor, counsellor…)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from companion import helplines
from companion.errors import CompanionError
from companion.helplines import Professional
from companion.i18n import _
from ui.dialogs.shell import DialogShell
from ui.widgets.common import combo_box, label


class ProfessionalDialog(DialogShell):
    """``save(dialog, role, name, phone, notes)`` returns what was saved, or None if refused.

    It is an operation (``session.ops.run`` with this dialog as parent), so a refusal is
    shown on this dialog's error line and the dialog stays open.
    """

    def __init__(
        self,
        save: Callable[[QWidget, str, str, str, str], object],
        existing: Professional | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            _("Change this contact") if existing else _("Add someone who helps you"), parent
        )
        self._save = save
        layout = self.body
        self.role_label = label(_("Who is this?"))
        self.role = combo_box()
        for code, title in helplines.ROLES.items():
            self.role.addItem(_(title), code)
        self.role.setAccessibleName(_("Who is this?"))
        self.role_label.setBuddy(self.role)
        self.name_label = label(_("Name"))
        self.name = QLineEdit()
        self.name.setAccessibleName(_("Name"))
        self.name_label.setBuddy(self.name)
        self.phone_label = label(_("Phone number"))
        self.phone = QLineEdit()
        self.phone.setAccessibleName(_("Phone number"))
        self.phone_label.setBuddy(self.phone)
        self.notes_label = label(_("Notes (for example, when to call)"))
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName(_("Notes"))
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(110)
        for widget in (
            self.role_label,
            self.role,
            self.name_label,
            self.name,
            self.phone_label,
            self.phone,
            self.notes_label,
            self.notes,
        ):
            layout.addWidget(widget)
        if existing is not None:
            self.role.setCurrentIndex(max(self.role.findData(existing.role), 0))
            self.name.setText(existing.name)
            self.phone.setText(existing.phone)
            self.notes.setPlainText(existing.notes)
        self.save_button = self.add_button(_("Save"), self.save, "primary", default=True)
        self.cancel_button = self.add_button(_("Cancel"), self.reject)
        self.first_field = self.role if existing is None else self.name
        self._at_start = self.values()

    def is_dirty(self) -> bool:
        return self.values() != self._at_start

    def values(self) -> tuple[str, str, str, str]:
        return (
            str(self.role.currentData()),
            self.name.text(),
            self.phone.text(),
            self.notes.toPlainText(),
        )

    def save(self) -> None:
        """Save through the core; a problem is shown here and nothing is written."""
        try:
            saved = self._save(self, *self.values())
        except CompanionError as error:  # a save that is not an operation
            self.show_error(error.message)
            return
        if saved is not None:
            self.accept()
        elif not self.name.text().strip():  # "Please write a name": the keys go there
            self.name.setFocus(Qt.FocusReason.OtherFocusReason)
