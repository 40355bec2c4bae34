"""Restore from a backup: what the file is and what it would replace, before anything changes.

The review opens the backup read-only: which file, when it was made, whether it
is whole, how much it holds and what it replaces here. A backup made with
another key asks for the recovery code that belongs to it. Enter and Escape keep
the data as it is ("Keep my data" is the default and has the focus); only a
deliberate press of "Replace my data" goes on. The restore itself is
``ui.actions_data.restore``.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from companion import backup, i18n
from companion.backup import BackupReview, NeedsRecoveryCode
from companion.errors import CompanionError, WrongSecret
from companion.i18n import _
from companion.keys import normalize_recovery_code, unwrap_key
from ui.dialogs.shell import DialogShell, bring_into_view
from ui.ops import Change
from ui.widgets.common import SPACING, FlowLayout, Lines, button, label, set_button_text
from ui.widgets.files import plain_name, where_words

if TYPE_CHECKING:
    from ui.session import UiSession


def _lines(items: list[str]) -> str:
    return "\n".join("• " + item for item in items)


class RestoreDialog(DialogShell):
    def __init__(
        self,
        session: UiSession,
        path: Path,
        parent: QWidget | None = None,
        *,
        review: BackupReview | None = None,
    ) -> None:
        """``review``: one already made off the UI thread (``review_in_background``)."""
        super().__init__(_("Restore from a backup"), parent)
        self.session = session
        self.path = Path(path)
        self.secret: str | None = None
        self.review: BackupReview | None = None
        self._checking = False  # a typed code is being checked (``try_code``)

        self.about = Lines(spacing=SPACING // 2, selectable=True)
        self.body.addWidget(self.about)
        self.verdict = label("")
        self.body.addWidget(self.verdict)
        self.code_text = label(
            _(
                "This backup was made with another key. Type the recovery code that data had "
                "when the backup was made, not the code of the data here now. If that data "
                "had a password, the password works too."
            )
        )
        self.code = QLineEdit()
        self.code.setAccessibleName(_("Recovery code"))
        # Enter in the field presses "Open with this code", the default button while the code
        # is asked for, and only that. Tied to the field too, Enter opened the backup and then
        # went on to the default button the opening had just made "Keep my data": the right
        # code closed the dialog with nothing restored and nothing said.
        self.code_text.setBuddy(self.code)
        self.code_button = button(_("Open with this code"))
        self.code_button.clicked.connect(self.try_code)
        # The button's row in a widget of its own, hidden with it: a row of buttons keeps the
        # height of a hidden button, and a file that was no backup opened with empty room.
        self.code_row = QWidget()
        code_row = FlowLayout(self.code_row)
        code_row.addWidget(self.code_button)
        # The field and its button together, so the keys on the field show the button too: at
        # 200% "Open with this code" was half cut off at the bottom edge.
        self.code_box = QWidget()
        together = QVBoxLayout(self.code_box)
        together.setContentsMargins(0, 0, 0, 0)
        together.setSpacing(SPACING)
        together.addWidget(self.code)
        together.addWidget(self.code_row)
        self.code.setProperty("show_with_parent", True)
        for widget in (self.code_text, self.code_box):
            self.body.addWidget(widget)
        self.holds_title = label(_("The backup holds:"), "subheading")
        self.holds = label("")
        self.replaces_title = label(_("It will replace what is here now:"), "subheading")
        self.replaces = label("")
        self.safety = label(
            _(
                "Before anything changes, Companion saves a copy of what is here now in its "
                "backups folder, so you can go back."
            ),
            "muted",
        )
        for widget in (
            self.holds_title,
            self.holds,
            self.replaces_title,
            self.replaces,
            self.safety,
        ):
            self.body.addWidget(widget)

        # The safe choice is the default and has the focus: Enter or Escape change nothing.
        self.cancel_button = self.add_button(_("Keep my data"), self.reject, default=True)
        self.restore_button = self.add_button(_("Replace my data with this backup"), self.accept)
        self.first_field = self.cancel_button
        self.load(review)

    def _show_code(self, show: bool) -> None:
        for widget in (self.code_text, self.code_box):
            widget.setVisible(show)
        if show:
            self.first_field = self.code
            self.code_button.setDefault(True)
        else:
            self.code_button.setDefault(False)
            self.cancel_button.setDefault(True)
            if self.first_field is self.code:
                self.first_field = self.cancel_button
                self.cancel_button.setFocus()

    def load(self, ready: BackupReview | None = None) -> None:
        """Review the file (with the code, once typed); fill in what it says."""
        if ready is not None:
            self._show(Outcome(review=ready))
        else:
            self._show(look_inside(self.session.unlocked, self.path, self.secret))

    def _show(self, outcome: Outcome) -> None:
        made = ""
        try:
            made_at = backup.read_header(self.path)
            if made_at is not None:
                made = i18n.format_datetime(made_at.made_at)
        except CompanionError:
            pass
        review = outcome.review
        if review is None:
            self._texts(None, made)
            if outcome.needs_code:
                self._show_code(True)
            elif outcome.wrong:
                self._show_code(True)
                self.show_error(outcome.wrong)
                self.code.setFocus()
                self.code.selectAll()  # typed again over it, not after it
            else:
                self._show_code(self.secret is not None)
                self.show_error(outcome.failed)
            return
        self.review = review
        self.clear_error()
        self._show_code(False)
        self._texts(review, made)
        if self.isVisible():
            # What the backup holds, from its first line: the body stayed scrolled where the
            # code was typed, with its top line cut in half.
            bring_into_view(self.scroll)

    def _texts(self, review: BackupReview | None, made: str) -> None:
        # The file in words; its full path only on request (the tooltip).
        if review is not None and review.made_at is not None:
            made = i18n.format_datetime(review.made_at)  # one style, no seconds
        self.about.setText(about_words(self.path, made, is_backup=review is None or review.ok))
        self.about.setToolTip(str(self.path))
        ok = review is not None and review.ok
        self.verdict.setText(verdict_words(review))
        for widget in (self.holds_title, self.holds, self.replaces_title, self.replaces):
            widget.setVisible(ok)
        self.safety.setVisible(ok)
        if review is not None and ok:
            self.holds.setText(holds_words(review))
            change = review.parents_change()
            if review.replaces is not None:
                self.replaces.setText(
                    _lines(review.replaces.lines() + ([change] if change else []))
                )
            else:
                self.replaces.setText(_("Nothing: there is no data here yet."))
        self.restore_button.setEnabled(ok)
        self.restore_button.setVisible(ok or review is None)
        set_button_text(
            self.cancel_button, _("Keep my data") if ok or review is None else _("Close")
        )

    def try_code(self) -> None:
        """The typed code is checked off the UI thread: a key made from it takes half a
        second to a second on an old computer, and the window froze meanwhile. The words and
        what follows are as before, once the check is done; Enter again meanwhile waits."""
        typed = self.code.text().strip()
        if not typed:
            self.show_error(_("Please type the recovery code."))
            return
        if self._checking:
            return
        self.secret = typed
        self._checking = True
        self.code.setReadOnly(True)
        try:
            outcome = self._look_inside_in_background(typed)
        finally:
            if shiboken6.isValid(self):
                self._checking = False
                self.code.setReadOnly(False)
        if outcome is not None and shiboken6.isValid(self):
            self._show(outcome)

    def _look_inside_in_background(self, typed: str) -> Outcome | None:
        """``look_inside`` on a worker thread, the window drawing and hearing keys meanwhile
        (a window-modal "Looking inside the backup…" shows if it takes long); back here when
        it is done, so what calls ``try_code`` finds the answer shown, as before."""
        from ui.ops import unexpected_words
        from ui.widgets.progress import run_with_progress

        unlocked, path = self.session.unlocked, self.path
        answers: list[Outcome] = []
        waiting = QEventLoop()

        def finished(result: Outcome | None, error: BaseException | None) -> None:
            if error is not None:
                traceback.print_exception(error)
                result = Outcome(failed=unexpected_words())  # calm words, never a traceback
            if result is not None:
                answers.append(result)
            waiting.quit()

        run_with_progress(
            self,
            _("Looking inside the backup…"),
            lambda _progress, _cancelled: look_inside(unlocked, path, typed),
            finished,
            can_cancel=False,  # one step: once begun it cannot stop part-way
        )
        if not answers:
            waiting.exec()
        return answers[0] if answers else None

    def is_dirty(self) -> bool:
        return bool(self.code.isVisible() and self.code.text().strip())

    def accept(self) -> None:
        if self.review is None or not self.review.ok:
            return
        super().accept()


def about_words(path: Path, made: str, *, is_backup: bool = True) -> str:
    """Which file, in words (no path), and when it was made (``made``: already in words).
    Also setup's, when it starts from a backup."""
    name, place = i18n.isolate(plain_name(path)), where_words(path)
    if is_backup:
        about = [_("The backup “{name}” in {place}.").format(name=name, place=place)]
    else:  # not called a backup when it is none
        about = [_("The file “{name}” in {place}.").format(name=name, place=place)]
    about.append(
        _("Made on: {when}").format(when=made) if made else _("When it was made is not known.")
    )
    return "\n".join(about)


def verdict_words(review: BackupReview | None) -> str:
    """Whether it can be restored (``None``: the recovery code is needed first)."""
    if review is None:
        return _("Companion needs the recovery code to look inside.")
    if review.ok:
        return _("It is whole, and this version of Companion can read it.")
    return review.problem


def holds_words(review: BackupReview) -> str:
    """What the backup holds, one line each, the parent view's part too."""
    return _lines(review.holds.lines() + review.parents.lines())


@dataclass(frozen=True)
class Outcome:
    """What looking inside the backup found: its review, or why there is none (in words)."""

    review: BackupReview | None = None
    needs_code: bool = False  # made with another key: its recovery code is asked for
    wrong: str = ""  # the code typed did not open it
    failed: str = ""  # any other problem


def look_inside(unlocked: Any, path: Path, secret: str | None) -> Outcome:
    """Open the backup read-only (with the typed code, if any). No Qt: runs on a worker."""
    try:
        return Outcome(
            review=backup.review_backup(
                path, data_key=unlocked.data_key, secret=secret, current=unlocked.store
            )
        )
    except NeedsRecoveryCode:
        return Outcome(needs_code=True)
    except WrongSecret as error:
        return Outcome(wrong=_code_here_words() if opens_here(unlocked, secret) else error.message)
    except CompanionError as error:
        return Outcome(failed=error.message)


def opens_here(unlocked: Any, secret: str | None) -> bool:
    """True when what was typed is the recovery code of the data here now: the likeliest
    mistake, and one that "check each group of letters" does not help with."""
    if not secret:
        return False
    try:
        wrap = unlocked.profile.keys.read().recovery
        code = normalize_recovery_code(secret)
    except (CompanionError, AttributeError):
        return False
    return wrap is not None and unwrap_key(wrap, code, "recovery") is not None


def _code_here_words() -> str:
    return _(
        "That is the recovery code of your data here now. This backup was made with other "
        "data, so it needs that data's recovery code, from the time the backup was made."
    )


def review_in_background(
    session: UiSession,
    parent: QWidget | None,
    path: Path,
    done: Callable[[BackupReview | None], None],
) -> None:
    """Open the backup read-only off the UI thread (a big one takes a while).

    ``done(None)`` when it needs a recovery code (the dialog asks for it); not
    called at all when it failed (the message is shown where the person is).
    """
    unlocked = session.unlocked

    def work(_store: Any, progress: Callable[[int, int], None], _cancelled: Any) -> Any:
        progress(0, 0)
        try:
            return [backup.review_backup(path, data_key=unlocked.data_key, current=unlocked.store)]
        except NeedsRecoveryCode:
            return [None]

    session.ops.run_in_background(
        parent,
        work,
        Change.NONE,
        title=_("Looking inside the backup…"),
        done=lambda result: done(result[0]) if result else None,
    )
