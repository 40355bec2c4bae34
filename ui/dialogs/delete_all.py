"""Delete all my data (or only the parent view's), confirmed in plain words that list what goes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLineEdit, QWidget

from companion import backup
from companion.backup_cli import DELETE_WORD
from companion.errors import CompanionError
from companion.i18n import _, isolate
from ui.dialogs.shell import DialogShell
from ui.widgets.common import Lines, label

if TYPE_CHECKING:
    from ui.session import UiSession


def what_goes(session: UiSession) -> list[str]:
    """Everything that goes, in words a person uses, with the counts of what is here now."""
    unlocked = session.unlocked
    try:
        held = backup.store_holdings(unlocked.store).lines()
    except CompanionError:
        held = []
    return [
        *held,
        _("Your notes, plans, groups you chose, self-checks and the parent view"),
        _("The backups in Companion's own folder, {folder}").format(
            folder=isolate(str(backup.backups_folder(unlocked.profile)))  # whole in Arabic
        ),
        _("Your settings, and the key that your password opens")
        if _uses_password(session)
        else _("Your settings, and the key in your computer's password store"),
    ]


def _uses_password(session: UiSession) -> bool:
    """A password profile keeps no key in the password store: the list says what is there."""
    from companion.profile import ProfileState

    try:
        return session.unlocked.profile.state() is ProfileState.PASSPHRASE
    except CompanionError:
        return False


class DeleteAllDialog(DialogShell):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(_("Delete all my data"), parent)
        self.session = session
        self.body.addWidget(
            label(_("This deletes everything Companion keeps on this computer, for good:"))
        )
        self.going = Lines(["• " + line for line in what_goes(session)])
        self.body.addWidget(self.going)
        self.body.addWidget(
            label(
                _(
                    "It cannot be undone. Backups you saved somewhere else stay where they are. "
                    "Afterwards Companion starts again as if new."
                )
            )
        )
        self.word = _(DELETE_WORD)
        self.ask = label(_("To go on, type the word {word} here:").format(word=self.word))
        self.typed = QLineEdit()
        self.typed.setAccessibleName(_("Type the word {word}").format(word=self.word))
        self.ask.setBuddy(self.typed)
        self.body.addWidget(self.ask)
        self.body.addWidget(self.typed)
        self.first_field = self.typed
        # What goes is read from the top; where the field is not in sight there, the body opens
        # scrolled only as far as the field needs, from a whole line (never a line cut in half).
        self.open_at_the_start()
        self.cancel_button = self.add_button(_("Keep my data"), self.reject, default=True)
        self.delete_button = self.add_button(_("Delete everything"), self.accept, "primary")
        self.delete_button.setEnabled(False)
        self.typed.textChanged.connect(self._typed)
        self.typed.returnPressed.connect(self.accept)

    def confirmed(self) -> bool:
        text = self.typed.text().strip().lower()
        return text in (self.word.lower(), DELETE_WORD)

    def _typed(self) -> None:
        ok = self.confirmed()
        self.delete_button.setEnabled(ok)
        self.delete_button.setDefault(ok)
        self.cancel_button.setDefault(not ok)
        self.clear_error()

    def accept(self) -> None:
        if not self.confirmed():
            self.show_error(
                _("Nothing was deleted. To delete everything, type the word {word}.").format(
                    word=self.word
                )
            )
            return
        super().accept()


class DeleteParentDataDialog(DialogShell):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Delete the parent view's data"), parent)
        self.body.addWidget(
            label(
                _(
                    "This deletes only what the parent view keeps: each child's profile, the "
                    "weekly checks and notes, and the parent view's own lock. Everything else "
                    "stays as it is. It cannot be undone."
                )
            )
        )
        self.cancel_button = self.add_button(_("Keep it"), self.reject, default=True)
        self.delete_button = self.add_button(
            _("Delete the parent view's data"), self.accept, "primary"
        )
        self.first_field = self.cancel_button
