"""Choosing a passphrase: two fields, a "show" box, and plain advice."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from companion.i18n import _
from ui.dialogs.shell import DialogShell
from ui.widgets.common import SPACING, CheckBox, label

MIN_LENGTH = 8


class NewPassphraseFields(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        self.advice = label("")
        layout.addWidget(self.advice)
        self.first_label = label("")
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first_label.setBuddy(self.first)
        self.second_label = label("")
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second_label.setBuddy(self.second)
        self.show_box = CheckBox()
        self.show_box.toggled.connect(self._show)
        for widget in (self.first_label, self.first, self.second_label, self.second, self.show_box):
            layout.addWidget(widget)
        self.retranslate()

    def retranslate(self) -> None:
        """Texts only. Setup builds these fields before the person chooses a language: in
        German the password step was still in English."""
        self.advice.setText(
            _(
                "Choose a password of at least {count} characters. A few words that mean "
                "something only to you are easy to remember and hard to guess."
            ).format(count=MIN_LENGTH)
        )
        self.first_label.setText(_("Password"))
        self.first.setAccessibleName(_("Password"))
        self.second_label.setText(_("Type it again"))
        self.second.setAccessibleName(_("Type the password again"))
        self.show_box.setText(_("Show what I type"))
        self.show_box.setAccessibleName(_("Show what I type"))

    def _show(self, visible: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password
        self.first.setEchoMode(mode)
        self.second.setEchoMode(mode)

    def problem(self) -> str | None:
        """What is wrong with what was typed, in plain words, or None."""
        first, second = self.first.text(), self.second.text()
        if len(first) < MIN_LENGTH:
            return _("The password needs at least {count} characters.").format(count=MIN_LENGTH)
        if first != second:
            return _("The two passwords are not the same. Please type them again.")
        return None

    def value(self) -> str:
        return self.first.text()


class NewPassphraseDialog(DialogShell):
    """Used when moving from the keyring to a passphrase, or choosing a new one.

    On the dialog shell like every other: Enter uses the password, the first field has the
    keys, Escape asks before losing what was typed, the error line sits above the buttons.
    """

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.fields = NewPassphraseFields()
        self.body.addWidget(self.fields)
        self.ok_button = self.add_button(
            _("Use this password"), self._try_accept, "primary", default=True
        )
        self.cancel_button = self.add_button(_("Cancel"), self.reject)
        self.first_field = self.fields.first

    def _try_accept(self) -> None:
        problem = self.fields.problem()
        if problem:
            self.fields.first.setFocus()
            self.show_error(problem)
            return
        self.accept()

    def is_dirty(self) -> bool:
        return bool(self.fields.first.text() or self.fields.second.text())

    def value(self) -> str:
        return self.fields.value()
