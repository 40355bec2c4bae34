"""Choosing a passphrase: two fields, a "show" box, and plain advice."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout, QWidget

from companion.i18n import _
from ui.dialogs.shell import fit_when_first_shown, scroll_area
from ui.widgets.common import SPACING, CheckBox, FlowLayout, button, label

MIN_LENGTH = 8


class NewPassphraseFields(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        self.advice = label(
            _(
                "Choose a password of at least {count} characters. A few words that mean "
                "something only to you are easy to remember and hard to guess."
            ).format(count=MIN_LENGTH)
        )
        layout.addWidget(self.advice)
        self.first_label = label(_("Password"))
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName(_("Password"))
        self.first_label.setBuddy(self.first)
        self.second_label = label(_("Type it again"))
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setAccessibleName(_("Type the password again"))
        self.second_label.setBuddy(self.second)
        self.show_box = CheckBox(_("Show what I type"))
        self.show_box.setAccessibleName(_("Show what I type"))
        self.show_box.toggled.connect(self._show)
        for widget in (self.first_label, self.first, self.second_label, self.second, self.show_box):
            layout.addWidget(widget)

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


class NewPassphraseDialog(QDialog):
    """Used when moving from the keyring to a passphrase, or choosing a new one."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(3 * SPACING, 3 * SPACING, 3 * SPACING, 3 * SPACING)
        layout.setSpacing(2 * SPACING)
        layout.addWidget(label(title, "heading"))
        inner = QWidget()  # scrolls at large text on a small screen; heading and buttons stay
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2 * SPACING)
        self.fields = NewPassphraseFields()
        column.addWidget(self.fields)
        self.error = label("", "error")
        self.error.hide()
        column.addWidget(self.error)
        column.addStretch(1)
        scroll = scroll_area(inner)
        layout.addWidget(scroll, 1)
        row = FlowLayout()
        self.ok_button = button(_("Use this password"), "primary")
        self.ok_button.clicked.connect(self._try_accept)
        self.cancel_button = button(_("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        row.addWidget(self.ok_button)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        fit_when_first_shown(self, scroll)

    def _try_accept(self) -> None:
        problem = self.fields.problem()
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        self.accept()

    def value(self) -> str:
        return self.fields.value()
