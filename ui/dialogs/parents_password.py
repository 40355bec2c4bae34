"""Choosing or changing the parent view's own password.

Setting it the first time asks for the recovery code as well, so that the
code can always open the parent view if the password is forgotten.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from companion.errors import BadRecoveryCode
from companion.i18n import _, isolate
from companion.keys import normalize_recovery_code
from ui import actions_parents
from ui.dialogs.shell import DialogShell, bring_into_view
from ui.widgets.common import label

if TYPE_CHECKING:
    from ui.session import UiSession


def secret_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


class ParentPasswordDialog(DialogShell):
    def __init__(self, session: UiSession, *, change: bool, parent: QWidget | None = None) -> None:
        super().__init__(
            _("Change the parent view's password") if change else _("Lock the parent view"),
            parent,
        )
        self.session = session
        self.change = change
        self.body.addWidget(
            label(
                _(
                    "With its own password, the children's notes are locked with a key of their "
                    "own. Someone who can open the rest of Companion on this computer cannot read "
                    "them."
                )
            )
        )
        self.password = secret_field(_("New password for the parent view"))
        self.again = secret_field(_("The same password again"))
        for field in (self.password, self.again):
            self.body.addWidget(label(field.accessibleName(), "subheading"))
            self.body.addWidget(field)
        self.code: QLineEdit | None = None
        self.code_heading: QLabel | None = None
        if not change:
            self.code_heading = label(_("Your recovery code"), "subheading")
            self.body.addWidget(self.code_heading)
            self.body.addWidget(
                label(
                    _(
                        "If you ever forget this password, your recovery code opens the parent "
                        "view. Type it here so Companion can check it."
                    ),
                    "muted",
                )
            )
            self.code = QLineEdit()
            self.code.setAccessibleName(_("Your recovery code"))
            self.body.addWidget(self.code)
            sample_code = _sample_code(session)
            if sample_code:  # the demo: its code is on show, so a counsellor can try this
                self.body.addWidget(
                    label(
                        _(
                            "This is sample data: its recovery code is {code}, and it is "
                            "filled in for you."
                        ).format(code=isolate(sample_code)),  # whole, in Arabic too
                        "muted",
                    )
                )
                self.code.setText(sample_code)
        self._code_at_start = self.code.text() if self.code else ""
        self.add_button(_("Save the password"), self.save, "primary", default=True)
        self.add_button(_("Cancel"), self.reject)
        self.first_field = self.password

    def is_dirty(self) -> bool:
        return bool(
            self.password.text()
            or self.again.text()
            or (self.code and self.code.text() != self._code_at_start)
        )

    def _type_again(self, message: str) -> None:
        """Both fields empty and the keys in the first: "type them again" can be done as said
        (before, the keys stayed at the end of the second field, and typing added to it)."""
        self.password.clear()
        self.again.clear()
        self.show_error(message)
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def _to_the_code(self, message: str) -> None:
        """The code is what is missing: the keys go to its field, brought into sight with its
        heading (at 200% it is below the fold, and the keys stayed on the password above)."""
        assert self.code is not None
        self.code.setFocus(Qt.FocusReason.OtherFocusReason)
        self.code.selectAll()  # typing replaces what is wrong in it
        self.show_error(message)
        bring_into_view(self.scroll, self.code_heading, self.code)

    def save(self) -> None:
        password = self.password.text()
        if not password.strip():
            self._type_again(_("Please choose a password for the parent view."))
            return
        if password != self.again.text():
            self._type_again(_("The two passwords are not the same. Please type them again."))
            return
        if self.code is not None:
            if not self.code.text().strip():
                self._to_the_code(_("Please type your recovery code."))
                return
            try:
                normalize_recovery_code(self.code.text())
            except BadRecoveryCode as error:
                self._to_the_code(error.message)
                return
        if self.change:
            done = actions_parents.change_password(self.session, self, password)
        else:
            assert self.code is not None
            done = actions_parents.set_password(self.session, self, password, self.code.text())
        if done:
            self.accept()


def _sample_code(session: UiSession) -> str | None:
    """The demo's recovery code (it is shown in Settings too); None for a real profile."""
    from companion.demo import demo_recovery_code

    return demo_recovery_code(session.unlocked)
