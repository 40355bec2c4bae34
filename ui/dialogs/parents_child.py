"""Adding or changing a child in the parent view: a name or nickname and an age band."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QButtonGroup, QLineEdit, QRadioButton, QWidget

from companion import parents
from companion.i18n import _
from companion.parents import Child
from ui import actions_parents
from ui.dialogs.shell import DialogShell, choose_with_keys
from ui.widgets.common import FlowLayout, label

if TYPE_CHECKING:
    from ui.session import UiSession


class ChildDialog(DialogShell):
    def __init__(
        self, session: UiSession, existing: Child | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Change the child's details") if existing else _("Add a child"), parent)
        self.session = session
        self.existing = existing
        self.saved: Child | None = None
        self.name_label = label(_("Name or nickname"), "subheading")
        self.name = QLineEdit(existing.name if existing else "")
        self.name.setAccessibleName(_("Name or nickname"))
        self.name.setPlaceholderText(_("Only you will see it"))
        self.name.returnPressed.connect(self.save)
        self.name_label.setBuddy(self.name)
        self.body.addWidget(self.name_label)
        self.body.addWidget(self.name)
        self.body.addWidget(label(_("Age"), "subheading"))
        self.ages = QButtonGroup(self)
        row = FlowLayout()
        # In the card before the buttons go in, so the card owns them.
        self.body.addLayout(row)
        for code, title in parents.AGE_BANDS.items():
            radio = QRadioButton(_(title))
            radio.setAccessibleName(_(title))
            radio.setAccessibleDescription(_("Age"))
            radio.setProperty("band", code)
            radio.setChecked(existing is not None and existing.age_band == code)
            self.ages.addButton(radio)
            radio.ensurePolished()
            # A ticked circle is drawn without its border: keep room for the words either way.
            radio.setMinimumWidth(radio.sizeHint().width() + 8)
            row.addWidget(radio)
        choose_with_keys(self.ages)  # arrows and Enter choose an age
        self.add_button(_("Save"), self.save, "primary", default=True)
        self.add_button(_("Cancel"), self.reject)
        self.first_field = self.name

    def age_band(self) -> str:
        chosen = self.ages.checkedButton()
        return str(chosen.property("band")) if chosen is not None else ""

    def is_dirty(self) -> bool:
        before = (self.existing.name, self.existing.age_band) if self.existing else ("", "")
        return (self.name.text().strip(), self.age_band()) != before

    def save(self) -> None:
        name, band = self.name.text(), self.age_band()
        if self.existing is None:
            self.saved = actions_parents.add_child(self.session, self, name, band)
        else:
            self.saved = actions_parents.change_child(
                self.session, self, self.existing.id, name, band
            )
        if self.saved is not None:
            self.accept()
