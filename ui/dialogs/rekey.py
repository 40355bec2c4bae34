""" "Someone may know my code or password": lock all the data again with a brand-new key.

The dialog explains what happens (``companion.profile.rekey_explained``) and,
for a password profile, asks for the new password. ``choose_new_key`` then
rewrites the whole database off the UI thread with a progress bar, rebuilds the
UI session on the newly keyed data and shows the new recovery code with the
usual recovery-code dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QWidget

from companion.errors import CompanionError
from companion.i18n import _
from companion.keys import new_recovery_code
from companion.profile import ProfileState, Unlocked, rekey_explained
from ui.dialogs.passphrase import NewPassphraseFields
from ui.dialogs.recovery import RecoveryCodeDialog
from ui.dialogs.shell import DialogShell
from ui.ops import Change
from ui.widgets.common import label, show_error
from ui.widgets.progress import cannot_be_cancelled

if TYPE_CHECKING:
    from ui.session import UiSession


def rekey_title() -> str:
    return _("Someone may know my code or password")


class RekeyDialog(DialogShell):
    """Explains the new key; a password profile also chooses its new password here."""

    def __init__(
        self,
        uses_password: bool,
        parent: QWidget | None = None,
        *,
        parent_view_locked: bool = False,
    ) -> None:
        """``parent_view_locked``: the parent view has its own password and is locked now,
        so the new recovery code could not open it: say so before, not after."""
        super().__init__(rekey_title(), parent)
        self.uses_password = uses_password
        self.wants_parent_view = False  # "Open the parent view first" was chosen
        self.explanation = label(rekey_explained())
        self.parents_note: QLabel | None = None
        if parent_view_locked:
            # First, above the long explanation: at 200% text it was below the fold, and Enter
            # went on with a new key that left the old (perhaps known) code opening the
            # children's notes.
            self.parents_note = label(
                _(
                    "The parent view is locked with its own password. If the new recovery "
                    "code should open it too, open the parent view first. Otherwise your "
                    "previous recovery code still opens the parent view."
                ),
                "error",
            )
            self.body.addWidget(self.parents_note)
        self.body.addWidget(self.explanation)
        self.fields: NewPassphraseFields | None = None
        if uses_password:
            self.password_text = label(
                _("Choose a new password. Your old password will no longer open your data.")
            )
            self.body.addWidget(self.password_text)
            self.fields = NewPassphraseFields()
            self.body.addWidget(self.fields)
            self.first_field = self.fields.first
        self.parents_button: QPushButton | None = None
        # With the parent view locked and nothing to type, the way that leaves no old code
        # behind is the main one, first and the default (Enter); the new key right away stays
        # a deliberate press. With a new password typed, Enter goes on with it.
        parents_first = parent_view_locked and not uses_password
        if parent_view_locked:
            self.parents_button = self.add_button(
                _("Open the parent view first"),
                self._open_parent_view,
                "primary" if parents_first else None,
                default=parents_first,
            )
        self.go_button = self.add_button(
            _("Lock my data with a new key"),
            self._try_accept,
            None if parents_first else "primary",
            default=not parents_first,
        )
        self.cancel_button = self.add_button(_("Cancel"), self.reject)
        if not uses_password:
            self.first_field = self.parents_button or self.go_button

    def _open_parent_view(self) -> None:
        self.wants_parent_view = True
        QDialog.reject(self)  # nothing typed here is needed: the new key waits

    def _try_accept(self) -> None:
        if self.fields is not None:
            problem = self.fields.problem()
            if problem:
                self.show_error(problem)
                self.scroll.ensureWidgetVisible(self.fields.first)
                self.fields.first.setFocus()
                return
        self.accept()

    def passphrase(self) -> str | None:
        return self.fields.value() if self.fields is not None else None

    def is_dirty(self) -> bool:
        return self.fields is not None and bool(
            self.fields.first.text() or self.fields.second.text()
        )


def ask_and_choose_new_key(
    session: UiSession,
    parent: QWidget | None,
    done: Callable[[Unlocked | None], None] | None = None,
) -> None:
    """The Settings button: explain, ask what is needed, then ``choose_new_key``."""
    try:
        state = session.context.profile.state()
    except CompanionError as error:
        show_error(parent, error.message)
        return
    if state not in (ProfileState.KEYRING, ProfileState.PASSPHRASE):
        show_error(parent, _("This is sample data, so it has no key to change."))
        return
    dialog = RekeyDialog(
        state is ProfileState.PASSPHRASE, parent, parent_view_locked=_parent_view_locked(session)
    )
    if dialog.exec() != RekeyDialog.DialogCode.Accepted:
        if dialog.wants_parent_view:
            session.context.show_page.emit("parents", "")
            _ask_again_once_open(session, parent, done)
        return
    choose_new_key(session, parent, dialog.passphrase(), done)


def _ask_again_once_open(
    session: UiSession,
    parent: QWidget | None,
    done: Callable[[Unlocked | None], None] | None,
) -> None:
    """After "Open the parent view first": once it is open, the new key is offered again.

    Before, the person opened the parent view and was left there, with nothing to say that
    the new key had not been made, nor where to find it again. Only the next time the parent
    view opens in this session, and not if the person goes to another page first (then the
    offer would come out of nowhere).
    """
    from ui import actions_parents
    from ui.ops import Change, Changes

    gate = actions_parents.access(session)
    window = getattr(session.parent(), "window", None)
    stack = getattr(window, "stack", None)

    def stop() -> None:
        links = [(session.ops.executed, opened)]
        if stack is not None:
            links.append((stack.currentChanged, moved))
        for signal, slot in links:
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass

    def opened(changes: Changes) -> None:
        if not changes.touches(Change.PARENTS) or not gate.is_open:
            return
        stop()
        # After the page has redrawn on the open parent view, not in the middle of it.
        QTimer.singleShot(0, session, lambda: _again(session, parent, done))

    def moved(_index: int) -> None:
        if window is None or not shiboken6.isValid(window) or window.current_page() != "parents":
            stop()

    session.ops.executed.connect(opened)
    if stack is not None:
        stack.currentChanged.connect(moved)


def _again(
    session: UiSession,
    parent: QWidget | None,
    done: Callable[[Unlocked | None], None] | None,
) -> None:
    if shiboken6.isValid(session) and session.is_open:
        ask_and_choose_new_key(session, parent if _alive(parent) else None, done)


def _alive(widget: QWidget | None) -> bool:
    return widget is not None and shiboken6.isValid(widget)


def choose_new_key(
    session: UiSession,
    parent: QWidget | None,
    passphrase: str | None,
    done: Callable[[Unlocked | None], None] | None = None,
) -> None:
    """Rewrite the whole database under a new key, then rebuild the session on it.

    Off the UI thread with a progress bar (``Profile.rekey``). Afterwards the new
    recovery code is shown, and the parent view's own lock (when it is open)
    learns the new code too. If anything fails, the data opens as before and the
    message says so. ``done`` gets the new ``Unlocked``, or None. Before the work
    starts, the session's timers and background work stop (``hold_session``): the
    data is closed for a moment while the window still shows it.
    """
    app: Any = session.parent()  # the CompanionApp that built the session
    unlocked = session.unlocked
    profile, old_key = unlocked.profile, unlocked.data_key
    code = new_recovery_code()

    def work(_store: Any, progress: Callable[[int, int], None], _cancelled: Any) -> Unlocked:
        progress(0, 0)  # one step that cannot be cut short: the bar just shows it is busy
        try:
            return profile.rekey(unlocked, code, passphrase)
        except CompanionError:
            raise
        except Exception:
            raise CompanionError(
                _(
                    "Something went wrong while locking your data with a new key. Nothing is "
                    "lost. If your data does not open as before, start Companion again: it "
                    "finishes or undoes the change by itself."
                )
            ) from None

    from ui.actions_data import hold_session

    resume = hold_session(session)  # nothing reads the data while the new key closes it

    def finished(rekeyed: Unlocked | None) -> None:
        try:
            rebuild(rekeyed)
        finally:
            resume()
        if done is not None:
            done(rekeyed)

    def rebuild(rekeyed: Unlocked | None) -> None:
        came_from = _page_shown(app)
        if rekeyed is None:
            if unlocked.store.closed:  # it failed after the data was closed: open it again
                app.end_session()
                try:
                    app.start_session(profile.open(old_key))
                except CompanionError as error:
                    show_error(app.window, error.message)
                else:
                    _back_where_it_was(app, came_from)
            return
        parents_follow = _parent_view_follows(session, rekeyed, code)
        app.end_session()
        app.start_session(rekeyed)
        _back_where_it_was(app, came_from)  # before the new code shows: its OK returns there
        fresh = app.session
        window = app.window
        dialog = RecoveryCodeDialog(code, window)
        dialog.exec()
        if fresh is not None:
            try:
                fresh.context.settings.set("recovery_code_kept", dialog.panel.kept.isChecked())
            except CompanionError:
                pass
            fresh.ops.said.emit(
                _(
                    "Your data is locked with a new key. Old recovery codes, passwords and "
                    "copies of the key file no longer open it."
                ),
                None,
            )
        if not parents_follow:
            show_error(
                window,
                _(
                    "The parent view is locked, so your previous recovery code still opens it. "
                    "Open the parent view, then make a new recovery code."
                ),
            )

    with cannot_be_cancelled():  # the new key is one step: once begun, it cannot stop
        session.ops.run_in_background(
            parent,
            work,
            Change.NONE,
            title=_("Locking your data with a new key…"),
            done=finished,
        )


def _page_shown(app: Any) -> str:
    window = getattr(app, "window", None)
    if window is None or not shiboken6.isValid(window):
        return ""
    return str(window.current_page() or "")


def _back_where_it_was(app: Any, page: str) -> None:
    """The window is built again on the new key: from Settings, the keys go back to the
    button that made the new key (it showed Settings from its top, the keys on "Your name",
    and the person had lost their place). From another page, that page, as it was."""
    session = getattr(app, "session", None)
    if session is not None and page == "settings":
        session.context.show_page.emit("settings", "new-key")


def _parent_view_locked(session: UiSession) -> bool:
    """True when the parent view has a password of its own and is locked now."""
    from ui import actions_parents

    if not session.context.settings.get("parent_view"):
        return False
    gate = actions_parents.access(session)
    return gate.has_password() and not gate.is_open


def _parent_view_follows(session: UiSession, rekeyed: Unlocked, code: str) -> bool:
    """Let the new code open a password-locked parent view too; False if it is locked.

    The old session's parent data is still open here, but its main store was
    closed by the re-key, so the parent lock is read through the new one.
    """
    from companion.parents_lock import ParentVault
    from ui import actions_parents

    gate = actions_parents.access(session)
    vault = ParentVault.of(rekeyed)
    try:
        if not vault.has_password:
            return True  # its key is in the main data, which the new code opens
        if gate.opened is None or not gate.is_open:
            return False
        vault.rewrap_recovery(gate.opened, code)
    except CompanionError:
        return False
    return True
