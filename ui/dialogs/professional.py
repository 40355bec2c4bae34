"""Adding or changing one of the person's own professionals (doctor, counsellor…)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from companion import helplines
from companion.errors import CompanionError
from companion.helplines import Professional
from companion.i18n import _
from ui.widgets.common import SPACING, FlowLayout, button, combo_box, label


class ProfessionalDialog(QDialog):
    def __init__(
        self,
        save: Callable[[str, str, str, str], object],
        existing: Professional | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(
            _("Change this contact") if existing else _("Add someone who helps you")
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(3 * SPACING, 3 * SPACING, 3 * SPACING, 3 * SPACING)
        layout.setSpacing(SPACING)
        layout.addWidget(label(self.windowTitle(), "heading"))
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
        self.error = label("", "error")
        self.error.hide()
        layout.addWidget(self.error)
        row = FlowLayout()
        self.save_button = button(_("Save"), "primary")
        self.save_button.clicked.connect(self.save)
        self.cancel_button = button(_("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        row.addWidget(self.save_button)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        self.resize(600, 560)

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
            self._save(*self.values())
        except CompanionError as error:
            self.error.setText(error.message)
            self.error.show()
            return
        self.accept()
