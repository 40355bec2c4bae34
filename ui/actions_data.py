"""Your data: back up, check, restore, save everything, delete; daily backups; the plan.

One function per action, used from every place that offers it (the Settings
section, the tour, a notification). Long work runs off the UI thread with a
progress bar and Cancel (``session.ops.run_in_background``). Restoring and
deleting everything rebuild the UI session through the app's own
``end_session()`` / ``start_session()`` / ``start()``; nothing here reaches into
a page.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from companion.errors import CompanionError
from companion.i18n import _
from companion.profile import ProfileState
from ui.background import run_in_background
from ui.ops import Change, Changes

# companion.backup (~5 ms) is imported by the actions that use it: the window imports this
# module before its first paint (``is_demo``), and nothing there needs a backup yet.
if TYPE_CHECKING:
    from companion.backup import BackupReview, Restored
    from companion.interchange.export_all import ExportResult
    from companion.parents_lock import ParentSession
    from ui.session import UiSession

REMIND_AFTER_DAYS = 14  # Today mentions the backup, gently, after this many days


def is_demo(session: UiSession) -> bool:
    """The demo's throwaway profile: nothing in it is worth a backup, restore or delete."""
    try:
        return session.unlocked.profile.state() is ProfileState.SESSION
    except CompanionError:
        return False


def open_parents(session: UiSession) -> ParentSession | None:
    """The parent view's data while it is open in this session, for backups and restore.

    With a parent password its key is known only while it is open, so a backup
    made then copies what it has just saved; when locked, its file is copied as it is.
    """
    from ui import actions_parents

    gate = actions_parents.access(session)
    return gate.opened if gate.is_open else None


def _app(session: UiSession) -> Any:
    """The CompanionApp that built the session (its parent)."""
    return session.parent()


# --- words -----------------------------------------------------------------------------


def last_backup_words(session: UiSession) -> str:
    """ "Last backup: 12 days ago." for the Settings section."""
    from companion import backup

    if is_demo(session):
        return _("This is sample data, so no backups are made.")
    try:
        return backup.last_backup(session.unlocked, session.now()).words()
    except CompanionError as error:
        return error.message


def backup_reminder_words(session: UiSession) -> str | None:
    """One gentle line for Today when the last backup is more than two weeks old, else None."""
    from companion import backup

    if is_demo(session) or not session.is_open:
        return None
    try:
        last = backup.last_backup(session.unlocked, session.now())
    except CompanionError:
        return None
    if last.days_ago is None:
        return _(
            "You have no backup of your data yet. You can make one in Settings, under “Your data”."
        )
    if last.days_ago > REMIND_AFTER_DAYS:
        return _(
            "Your last backup was {days} days ago. You can make a new one in Settings, under "
            "“Your data”."
        ).format(days=last.days_ago)
    return None


def default_backup_name(session: UiSession) -> str:
    from companion import backup

    day = session.now().date().isoformat()
    return _("companion-backup-{day}").format(day=day) + backup.SUFFIX


# --- backing up --------------------------------------------------------------------------


def can_write_in(folder: Path) -> bool:
    """True when a file can be made in ``folder`` (made if missing), tried with a test file."""
    try:
        _check_writable(folder / "companion")
    except CompanionError:
        return False
    return True


def _check_writable(target: Path) -> None:
    """Say so in plain words, before starting, when ``target``'s folder takes no new files.

    Without this a read-only folder ended in the database library's own words: "Companion
    could not use /home/…/.companion-backup-….db.partial: unable to open database"."""
    from companion.keys import storage_error

    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".companion-", delete=True):
            pass
    except OSError as error:
        raise storage_error(error, target) from None


def _saved(path: Path) -> str:
    """ "Saved in your Documents folder as “companion-backup-2026-12-04”." (no path)."""
    from ui.widgets.files import saved_words

    return saved_words(path)


def back_up_now(
    session: UiSession,
    parent: QWidget | None,
    target: Path,
    done: Callable[[Path | None], None] | None = None,
) -> None:
    """Write an encrypted backup to ``target`` off the UI thread; say where it went."""
    unlocked, now = session.unlocked, session.now()
    parents = open_parents(session)
    from companion import backup

    if not str(target).endswith(backup.SUFFIX):
        target = Path(str(target) + backup.SUFFIX)

    def work(_store: Any, progress: Callable[[int, int], None], cancelled: Any) -> Path | None:
        progress(0, 0)
        _check_writable(target)
        made = backup.make_backup(unlocked, target, now, parents=parents)
        if cancelled():  # the copy cannot stop half-way; Cancel means no file is left
            made.unlink(missing_ok=True)
            return None
        return made

    session.ops.run_in_background(
        parent,
        work,
        Change.SETTINGS,
        title=_("Making a backup…"),
        say=lambda made: _saved(made),
        done=done,
    )


def check_newest(
    session: UiSession,
    parent: QWidget | None,
    done: Callable[[BackupReview | None], None],
) -> None:
    """Open the newest backup read-only and say whether it is whole (``done(None)``: none)."""
    from companion import backup

    unlocked = session.unlocked

    def work(_store: Any, progress: Callable[[int, int], None], _cancelled: Any) -> Any:
        return backup.check_newest_backup(unlocked) or False

    session.ops.run_in_background(
        parent,
        work,
        Change.NONE,
        title=_("Checking your newest backup…"),
        done=lambda result: done(result or None),
    )


def check_words(review: BackupReview | None, daily_folder: Path | None = None) -> str:
    if review is None:
        return _("There is no backup to check yet. Make one with “Back up now”.")
    if review.ok:
        words = _("Your newest backup, from {when}, is whole and can be restored.").format(
            when=_when(review)
        )
        if review.parents.included:
            # Not "locked with its own key": that read as a password where there is none.
            words += " " + _("The parent view's data is in it too.")
        return words + " " + _which_file(review, daily_folder)
    return review.problem + " " + _which_file(review, daily_folder)


def _which_file(review: BackupReview, daily_folder: Path | None) -> str:
    """Which backup was checked: one of the daily ones in Companion's own folder, or the one
    saved last with "Back up now" (on a USB stick, say), by its name and folder."""
    from companion import i18n
    from ui.widgets.files import plain_name, where_words

    if daily_folder is not None and review.path.parent == daily_folder:
        return _("It is one of the daily backups Companion keeps in its own folder.")
    return _("It is the file “{name}” in {place}.").format(
        name=i18n.isolate(plain_name(review.path)), place=where_words(review.path)
    )


def _when(review: BackupReview) -> str:
    from companion import i18n

    if review.made_at is None:
        return _("an unknown date")
    return i18n.format_datetime(review.made_at)  # the one date-and-time style, no seconds


# --- daily backups ---------------------------------------------------------------------------


class AutoBackups(QObject):
    """Today's rolling backup, off the UI thread: after the first paint and after writes.

    At most once a day (``backup.auto_backup`` itself does nothing on a day that
    has one). A failure is kept in ``problem`` for the Settings section, and not
    tried again until tomorrow: a full disk should not be nagged every minute.
    """

    def __init__(self, session: UiSession) -> None:
        super().__init__(session)
        self.session = session
        self.done_on: date | None = None
        self.running = False
        self.problem = ""
        self.made: Path | None = None
        self.finished: list[Callable[[], None]] = []  # for tests and the Settings section
        session.ops.executed.connect(self._after_write)
        QTimer.singleShot(0, self.run)  # after the window has painted

    def _after_write(self, changes: Changes) -> None:
        if changes.kinds & ~Change.SETTINGS:
            self.run()

    def run(self) -> bool:
        """Start today's backup if it is due; False when nothing was started."""
        session = self.session
        if not session.is_open or self.running or is_demo(session):
            return False
        today = session.now().date()
        if self.done_on == today:
            return False
        from companion import backup

        self.running = True
        unlocked, now = session.unlocked, session.now()
        parents = open_parents(session)
        run_in_background(
            lambda: backup.auto_backup(unlocked, now, parents=parents),
            lambda made: self._end(today, made, ""),
            lambda error: self._end(
                today,
                None,
                error.message
                if isinstance(error, CompanionError)
                else _("Today's automatic backup could not be made."),
            ),
        )
        return True

    def _end(self, today: date, made: Path | None, problem: str) -> None:
        self.running = False
        self.done_on = today
        self.problem = problem
        if made is not None:
            self.made = made
        for listener in list(self.finished):
            listener()


def start_auto_backups(session: UiSession) -> AutoBackups:
    """Call once per session (``CompanionApp.start_session``); lives as long as the session."""
    existing = getattr(session, "auto_backups", None)
    if isinstance(existing, AutoBackups):
        return existing
    made = AutoBackups(session)
    session.auto_backups = made  # type: ignore[attr-defined]
    return made


# --- restoring -----------------------------------------------------------------------------


def hold_session(session: UiSession) -> Callable[[], None]:
    """Before work that closes the data under the window (a restore, a new key).

    For a moment the data is closed while the window still shows it: nothing may
    read it on its own then (a read racing the close on the worker thread could
    fail). So background work (today's backup) is stopped first, then the
    reminder timers and the idle lock's timer. Call what this returns when the
    work has ended: it starts the idle lock's timer again, and the reminder
    timers too when the same session is still showing its open data (the work
    failed before closing it); a rebuilt session has its own.
    """
    from ui.background import stop_background

    app = _app(session)
    session.hold()  # what waits for a first paint reads nothing now (``UiSession.when_readable``)
    stop_background()
    lock_timer = getattr(app, "lock_timer", None)
    locking = lock_timer is not None and lock_timer.isActive()
    if lock_timer is not None:
        lock_timer.stop()
    controller = session.reminders
    if controller is not None:
        controller.scheduler.stop()

    def resume() -> None:
        session.release()
        if locking and lock_timer is not None and getattr(app, "session", None) is not None:
            lock_timer.start()
        still_here = getattr(app, "session", None) is session and session.is_open
        if still_here and controller is not None and session.reminders is controller:
            if not session.store.closed:
                controller.scheduler.check()  # arms its timer for the next reminder
                controller.scheduler.heartbeat.start()

    return resume


def restore(
    session: UiSession,
    parent: QWidget | None,
    path: Path,
    secret: str | None,
    done: Callable[[Restored | None], None] | None = None,
) -> None:
    """Put the backup in place of the data, then rebuild the UI session on the restored data.

    ``backup.restore_backup`` makes a safety copy of what is here first, and
    leaves the data as it was when anything goes wrong.
    """
    from companion import backup

    app = _app(session)
    unlocked, now = session.unlocked, session.now()
    parents = open_parents(session)  # locked by the restore before its file is replaced

    code_left_out: list[bool] = []  # the parent view's lock came from elsewhere (see below)

    def work(_store: Any, progress: Callable[[int, int], None], _cancelled: Any) -> Restored:
        progress(0, 0)
        before = _parent_recovery_wrap(unlocked)
        restored = backup.restore_backup(unlocked, path, now, secret=secret, parents=parents)
        if secret is not None and _parent_password_set(restored.unlocked):
            code_left_out.append(_parent_recovery_wrap(restored.unlocked) != before)
        return restored

    resume = hold_session(session)  # nothing reads the data while the restore closes it

    def finished(restored: Restored | None) -> None:
        try:
            rebuild(restored)
        finally:
            resume()
        if done is not None:
            done(restored)

    def rebuild(restored: Restored | None) -> None:
        if restored is None and unlocked.store is not session.store:
            # It failed after the data was closed: it is open again, so show it again.
            profile, data_key = unlocked.profile, unlocked.data_key
            app.end_session()
            try:
                app.start_session(profile.open(data_key))
            except CompanionError as error:
                from ui.widgets.common import show_error

                show_error(app.window, error.message)
        if restored is not None:
            app.end_session()
            app.start_session(restored.unlocked)
            words = _("Your data is restored from the backup.")
            if restored.safety_backup is not None:
                words += " " + _(
                    "A copy of what was here before is kept with your backups, on this "
                    "computer, in Companion's own folder."
                )
            if app.session is not None:
                app.session.ops.said.emit(words, None)
            if any(code_left_out):
                # A backup made with another key brings that data's parent lock with it: the
                # recovery code here did not open the parent view, and nothing said so.
                from ui.widgets.common import show_error

                show_error(
                    app.window,
                    _(
                        "The parent view came from the backup with its own password. Your "
                        "recovery code does not open it yet: the recovery code of the data the "
                        "backup came from still does. To let your recovery code open it too, "
                        "open the parent view, then make a new recovery code in Settings."
                    ),
                )

    from ui.widgets.progress import cannot_be_cancelled

    with cannot_be_cancelled():  # once the data is being replaced, it finishes by itself
        session.ops.run_in_background(
            parent, work, Change.NONE, title=_("Restoring your data…"), done=finished
        )


def _parent_password_set(unlocked: Any) -> bool:
    from companion.parents_lock import ParentVault

    try:
        return ParentVault.of(unlocked).has_password
    except CompanionError:
        return False


def _parent_recovery_wrap(unlocked: Any) -> object:
    """The recovery code's lock on the parent view's key as it is on disk (None: there is none)."""
    from companion.parents_lock import ParentKeyFile, ParentVault

    try:
        text = ParentVault.of(unlocked).keyfile_path.read_text(encoding="utf-8")
        return ParentKeyFile.parse(text).recovery
    except (OSError, ValueError, KeyError, TypeError, CompanionError):
        return None


# --- saving everything, not encrypted --------------------------------------------------------


def export_everything(
    session: UiSession,
    parent: QWidget | None,
    folder: Path,
    done: Callable[[ExportResult | None], None] | None = None,
) -> None:
    from companion.interchange.export_all import export_all

    unlocked, now = session.unlocked, session.now()

    def work(_store: Any, progress: Callable[[int, int], None], cancelled: Any) -> Any:
        progress(0, 0)
        _check_writable(folder / "companion")
        result = export_all(unlocked, folder, now)
        if cancelled():  # Cancel means nothing unencrypted is left behind
            shutil.rmtree(result.folder, ignore_errors=True)
            return None
        return result

    session.ops.run_in_background(
        parent,
        work,
        Change.NONE,
        title=_("Saving everything…"),
        say=lambda result: _saved(result.folder),
        done=done,
    )


# --- deleting ---------------------------------------------------------------------------


def delete_everything(session: UiSession, parent: QWidget | None) -> bool:
    """Delete every trace of the data, then start again with first-run setup.

    The session ends first (pages, timers and notifications go, the data
    closes); if deleting fails, the data is opened again and the message says
    what to do. True when everything went.
    """
    from companion.backup_delete import delete_all
    from ui.widgets.common import show_error

    if is_demo(session):
        show_error(parent, _("This is sample data. It is deleted by itself when you close it."))
        return False
    app = _app(session)
    profile = session.unlocked.profile
    data_key = session.unlocked.data_key
    app.end_session()
    try:
        delete_all(profile)
    except CompanionError as error:
        show_error(app.window, error.message)
        try:
            app.start_session(profile.open(data_key))
        except CompanionError:
            pass  # what is left cannot be opened; starting Companion again says what to do
        return False
    try:
        profile.lock.acquire()  # deleting let go of the folder; setup makes it anew
    except CompanionError:
        pass
    old = app.window
    if old is not None:
        old.hide()
    if getattr(app, "tray", None) is not None:
        app.tray.hide()  # the new window brings its own
    if app.start():
        if old is not None and old is not app.window:
            old._allow_close = True  # noqa: SLF001 - the window asks before closing otherwise
            old.close()
            old.deleteLater()
    else:
        app.quit()
    return True


def delete_parent_view_data(session: UiSession, parent: QWidget | None) -> Any:
    """Only the parent view's data goes; everything else stays."""
    import companion.parents_lock  # noqa: F401 - registers what is the parent view's
    from companion.backup_delete import delete_parent_data

    unlocked = session.unlocked
    return session.ops.run(
        parent,
        lambda _store: delete_parent_data(unlocked, session.now()),
        Change.PARENTS,
        say=_("The parent view's data is deleted. Everything else is as it was."),
    )


# --- the plan ----------------------------------------------------------------------------------


def save_plan(
    session: UiSession,
    parent: QWidget | None,
    path: Path,
    done: Callable[[int | None], None] | None = None,
) -> None:
    """Draw the counsellor's plan to a PDF off the UI thread, with progress; say where it went.

    ``done(pages)`` afterwards (``None`` when it failed or was cancelled).
    """
    from ui.reports.plan import prepare_fonts, write_plan

    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    unlocked, now = session.unlocked, session.now()
    prepare_fonts()  # on this, the GUI thread

    def work(_store: Any, progress: Callable[[int, int], None], cancelled: Any) -> int | None:
        progress(0, 0)
        _check_writable(path)
        pages = write_plan(unlocked, path, now)
        if cancelled():  # drawing cannot stop half-way; Cancel means no file is left
            path.unlink(missing_ok=True)
            return None
        return pages

    session.ops.run_in_background(
        parent,
        work,
        Change.NONE,
        title=_("Making your plan…"),
        say=lambda _pages: _saved(path),
        done=done,
    )
