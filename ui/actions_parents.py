"""The parent view's actions: opening and locking its data, children, checks, the summary.

The parent data is its own encrypted file with its own key
(``companion.parents_lock``). ``access(session)`` is the one place that holds
it open for a UI session; locking closes only it, never the main data, and
it is closed with the session. Every write goes through ``session.ops.run``
(the core call uses the parent store, not the main one) and announces
``Change.PARENTS``, so every view of it redraws.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from companion import i18n, parents
from companion.errors import CompanionError
from companion.i18n import _
from companion.parents import CheckSaved, Child, PscRecord, SignAnswer
from companion.parents_lock import ParentLockState, ParentSession, ParentVault
from companion.store import Store
from ui.ops import Change, Undo

if TYPE_CHECKING:
    from ui.session import UiSession

Parent = QWidget | None


class ParentAccess(QObject):
    """The parent data for one UI session: open, or locked behind its own password."""

    def __init__(self, session: UiSession) -> None:
        super().__init__(session)
        self.session = session
        self.vault = ParentVault.of(session.unlocked)
        self.opened: ParentSession | None = None
        session.closed.connect(self.close)

    @property
    def is_open(self) -> bool:
        return self.opened is not None and not self.opened.locked

    @property
    def store(self) -> Store:
        if not self.is_open:
            raise CompanionError(_("The parent view is locked. Please open it first."))
        assert self.opened is not None
        return self.opened.store

    def state(self) -> ParentLockState:
        return self.vault.state()

    def has_password(self) -> bool:
        try:
            return self.vault.has_password
        except CompanionError:
            return False

    def open_if_free(self) -> bool:
        """Open without asking when no parent password is set (set up on first use)."""
        if self.is_open:
            return True
        state = self.state()
        if state is ParentLockState.NOT_SET_UP:
            self.opened = self.vault.set_up(self.session.now())
        elif state is ParentLockState.OPEN:
            self.opened = self.vault.open()
        return self.is_open

    def unlock(self, parent: Parent, secret: str, *, recovery: bool = False) -> bool:
        """With the parent password, or the recovery code; a wrong one is said in place."""

        def opening(_store: Store) -> ParentSession:
            if recovery:
                return self.vault.unlock_with_recovery_code(secret)
            return self.vault.unlock_with_password(secret)

        opened = self.session.ops.run(parent, opening, Change.NONE, slow=True)
        if opened is None:
            return False
        self.opened = opened
        self.session.ops.announce(Change.PARENTS, self)
        # Said in the line at the bottom, where "The parent view is locked" stayed in sight
        # under the open page.
        self.session.ops.said.emit(_("The parent view is open."), None)
        return True

    def lock(self, *, announce: bool = True) -> None:
        """Close the parent data; the rest of Companion stays open."""
        if self.opened is not None:
            self.opened.lock()
            self.opened = None
        if announce and self.session.is_open:
            self.session.ops.announce(Change.PARENTS, self)

    def close(self) -> None:
        if self.opened is not None:
            self.opened.lock()
            self.opened = None
        _ACCESS.pop(id(self.session), None)


_ACCESS: dict[int, ParentAccess] = {}


def access(session: UiSession) -> ParentAccess:
    """The parent data's access for this session (one per session, gone with it)."""
    found = _ACCESS.get(id(session))
    if found is None or found.session is not session:
        found = ParentAccess(session)
        _ACCESS[id(session)] = found
    return found


def _run(session: UiSession, parent: Parent, work, say=None, undo=None):  # type: ignore[no-untyped-def]
    """Run ``work(parent_store)`` as an operation that changes the parent data."""
    gate = access(session)
    return session.ops.run(
        parent, lambda _main: work(gate.store), Change.PARENTS, say=say, undo=undo
    )


# --- children ----------------------------------------------------------------------


def add_child(session: UiSession, parent: Parent, name: str, age_band: str) -> Child | None:
    gate = access(session)
    return _run(
        session,
        parent,
        lambda store: parents.add_child(store, session.now(), name, age_band),
        say=lambda child: _("{name} was added.").format(name=child.name),
        undo=lambda child: Undo(
            lambda _main: parents.remove_child(gate.store, child.id),
            Change.PARENTS,
            _("Taken back: {name} is no longer in the list.").format(name=child.name),
        ),
    )


def change_child(
    session: UiSession, parent: Parent, child_id: int, name: str, age_band: str
) -> Child | None:
    gate = access(session)
    before = parents.get_child(gate.store, child_id)
    return _run(
        session,
        parent,
        lambda store: parents.change_child(store, session.now(), child_id, name, age_band),
        say=lambda child: _("Saved the changes for {name}.").format(name=child.name),
        undo=lambda child: Undo(
            lambda _main: parents.change_child(
                gate.store, session.now(), child_id, before.name, before.age_band
            ),
            Change.PARENTS,
            _("Taken back: {name}'s details are as they were.").format(name=before.name),
        ),
    )


def remove_child(session: UiSession, parent: Parent, child: Child) -> bool:
    """Removes the child and every check kept for them (the page asks first)."""
    done = _run(
        session,
        parent,
        lambda store: parents.remove_child(store, child.id) or True,
        say=_("{name} and their notes were removed.").format(name=child.name),
    )
    return bool(done)


# --- the weekly check and the PSC-17 ----------------------------------------------------


def save_check(
    session: UiSession,
    parent: Parent,
    child: Child,
    answers: Iterable[SignAnswer],
    *,
    week: date,
    positive: Iterable[str] = (),
    good_moments: str = "",
    strengths: str = "",
    tried: str = "",
    self_harm_talk: bool = False,
) -> CheckSaved | None:
    """Save the week's check. Talk of self-harm or suicide opens Get help at once."""
    gate = access(session)
    before = parents.check_for_week(gate.store, child.id, week)
    answers, positive = list(answers), list(positive)
    saved = _run(
        session,
        parent,
        lambda store: parents.save_check(
            store,
            session.now(),
            child.id,
            answers,
            positive=positive,
            good_moments=good_moments,
            strengths=strengths,
            tried=tried,
            self_harm_talk=self_harm_talk,
            week=week,
        ),
        say=_("Saved this week's check for {name}.").format(name=child.name),
        undo=lambda result: (
            None
            if result.get_help_now
            else Undo(
                lambda _main: parents.delete_check(gate.store, result.check.id),
                Change.PARENTS,
                _("Taken back: the check for {name} is no longer kept.").format(name=child.name),
            )
            if before is None
            else Undo(
                lambda _main: _put_back(gate.store, before),
                Change.PARENTS,
                _("Taken back: the check for {name} is as it was before.").format(name=child.name),
            )
        ),
    )
    if saved is not None and saved.get_help_now:
        session.context.show_page.emit("help", "")
    return saved


def _put_back(store: Store, check: parents.WeeklyCheck) -> None:
    """A week's check as it was before a change (the undo of "Change this week's check")."""
    parents.save_check(
        store,
        check.saved_at,
        check.child_id,
        check.signs.values(),
        positive=check.positive,
        good_moments=check.good_moments,
        strengths=check.strengths,
        tried=check.tried,
        self_harm_talk=check.self_harm_talk,
        week=check.week,
    )


def record_psc17(
    session: UiSession, parent: Parent, child: Child, answers: dict[str, int | None]
) -> PscRecord | None:
    gate = access(session)
    return _run(
        session,
        parent,
        lambda store: parents.record_psc17(store, session.now(), child.id, answers),
        say=_("Saved the checklist for {name}.").format(name=child.name),
        undo=lambda record: Undo(
            lambda _main: parents.delete_psc17(gate.store, record.id),
            Change.PARENTS,
            _("Taken back: the checklist for {name} is no longer kept.").format(name=child.name),
        ),
    )


# --- the parent password ------------------------------------------------------------


def set_password(session: UiSession, parent: Parent, password: str, recovery_code: str) -> bool:
    gate = access(session)

    def work(_main: Store) -> bool:
        if gate.opened is None or not gate.is_open:
            raise CompanionError(_("Please open the parent view first."))
        gate.vault.set_password(gate.opened, password, recovery_code)
        return True

    return bool(
        session.ops.run(
            parent,
            work,
            Change.PARENTS | Change.SETTINGS,
            say=_("The parent view now has its own password."),
            slow=True,  # three keys made from a password and the recovery code: a second or so
        )
    )


def change_password(session: UiSession, parent: Parent, password: str) -> bool:
    gate = access(session)

    def work(_main: Store) -> bool:
        if gate.opened is None or not gate.is_open:
            raise CompanionError(_("Please open the parent view first."))
        gate.vault.change_password(gate.opened, password)
        return True

    return bool(
        session.ops.run(
            parent,
            work,
            Change.PARENTS | Change.SETTINGS,
            say=_("The parent password is changed."),
            slow=True,
        )
    )


def remove_password(session: UiSession, parent: Parent) -> bool:
    gate = access(session)

    def work(_main: Store) -> bool:
        if gate.opened is None or not gate.is_open:
            raise CompanionError(_("Please open the parent view first."))
        gate.vault.remove_password(gate.opened)
        return True

    return bool(
        session.ops.run(
            parent,
            work,
            Change.PARENTS | Change.SETTINGS,
            say=_("The parent view opens with the rest of Companion again."),
        )
    )


def after_new_recovery_code(session: UiSession, code: str) -> bool:
    """Let a new recovery code open a password-locked parent view. False if it is locked."""
    gate = access(session)
    try:
        if not gate.has_password():
            return True
        if gate.opened is None or not gate.is_open:
            return False
        gate.vault.rewrap_recovery(gate.opened, code)
    except CompanionError:
        return False
    return True


# --- the summary for an appointment -------------------------------------------------------


def summary_file_name(child: Child, made: date) -> str:
    """Named with the day it is made (the week's Monday said "Sam, 2026-11-30" on a Friday)."""
    safe = "".join(ch for ch in child.name if ch.isalnum() or ch in " -_").strip() or "child"
    return _("Summary for {name}, {date}.pdf").format(
        name=safe, date=i18n.format_date(made, "yyyy-MM-dd")
    )


def write_summary(session: UiSession, child: Child, first: date, last: date, path: Path) -> int:
    """Write the one-page summary to ``path``; the number of pages."""
    from ui.reports import write_pdf
    from ui.reports.parents import summary_report

    store = access(session).store
    summary = parents.summary(store, child.id, first, last)
    trend = parents.trend(store, child.id, last, since=first)
    return write_pdf(summary_report(summary, trend), path)


def save_summary(
    session: UiSession, parent: QWidget, child: Child, first: date, last: date
) -> Path | None:
    """Ask where to save the summary, then write it there (and only there)."""
    from ui.widgets import files

    chosen = files.ask_save_path(
        parent,
        _("Save the summary as a PDF"),
        summary_file_name(child, session.now().date()),
        _("PDF files (*.pdf)"),
    )
    if chosen is None:
        return None
    path = chosen if chosen.suffix.lower() == ".pdf" else chosen.with_name(chosen.name + ".pdf")
    done = session.ops.run(
        parent,
        lambda _main: write_summary(session, child, first, last, path),
        Change.NONE,
        say=files.saved_words(path),
    )
    return path if done is not None else None
