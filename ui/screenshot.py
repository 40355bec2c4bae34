"""``--screenshot DIR``: every page and dialog drawn to DIR/<name>.png, then exit.

Works offscreen (QT_QPA_PLATFORM=offscreen), so the README picture and the
visual checks can be made on a machine with no screen.
"""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from companion import contacts, reminders
from companion.keys import new_recovery_code
from companion.profile import Profile
from ui.app import CompanionApp
from ui.dialogs.challenge import ChallengeDialog
from ui.dialogs.import_people import ImportDialog
from ui.dialogs.log_contact import LogContactDialog
from ui.dialogs.person import PersonDialog
from ui.dialogs.recovery import RecoveryCodeDialog
from ui.dialogs.reminder import ReminderDialog
from ui.dialogs.self_check import SelfCheckDialog
from ui.dialogs.setup import SetupDialog
from ui.dialogs.unlock import UnlockDialog
from ui.dialogs.while_away import WhileAwayDialog
from ui.main_window import PAGES
from ui.pages.help import HelpDialog

WINDOW_SIZE = (1100, 760)
DIALOG_SIZE = (760, 640)


def _grab(widget: QWidget, path: Path, size: tuple[int, int]) -> Path:
    widget.resize(*size)
    widget.show()
    for _ in range(3):
        QApplication.processEvents()
    if isinstance(widget, QMainWindow) and widget.isMaximized():
        # A window maximised on a small screen (offscreen's is 800×800) ignored the size
        # asked for: Today's picture came out 796×796 and narrower than every other page.
        widget.setWindowState(widget.windowState() & ~Qt.WindowState.WindowMaximized)
        widget.resize(*size)
        for _ in range(3):
            QApplication.processEvents()
    widget.grab().save(str(path), "PNG")
    return path


def _grab_whole_page(window: QWidget, key: str, path: Path) -> Path | None:
    """The page's content at its full height, as if the screen were tall enough."""
    page = window.page(key)  # type: ignore[attr-defined]
    scroll = getattr(page, "scroll", None)
    content = scroll.widget() if scroll is not None else None
    if content is None:
        return None
    width = max(content.width(), scroll.viewport().width())
    wanted = content.heightForWidth(width)  # the words at this width: no blank space below
    if wanted <= 0:
        wanted = max(content.sizeHint().height(), content.height())
    height = max(wanted, scroll.viewport().height())
    scroll.setWidgetResizable(False)  # else the scroll area shrinks it back to its window
    content.resize(width, height)
    for _ in range(3):
        QApplication.processEvents()
    content.grab().save(str(path), "PNG")
    scroll.setWidgetResizable(True)  # give it back to the scroll area's own sizing
    return path


def _grab_banner(app: CompanionApp, window: QWidget, path: Path) -> Path | None:
    """The window with the reminder banner showing what is due now (from the demo)."""
    session = app.session
    banner = getattr(window, "banner", None)
    if session is None or banner is None:
        return None
    # Due now; if the demo has nothing due at this hour, the first that comes due this week.
    due_now: list[reminders.Due] = []
    for days in range(8):
        due_now = reminders.due(session.store, session.now() + timedelta(days=days))
        if due_now:
            break
    if not due_now:
        return None
    banner.show_state({f"shot-{n}": item for n, item in enumerate(due_now)}, {})
    window.show_page("today")  # type: ignore[attr-defined]
    _grab(window, path, WINDOW_SIZE)
    banner.show_state({}, {})
    return path


def take_all(app: CompanionApp, folder: Path) -> list[Path]:
    written: list[Path] = []
    window = app.window
    assert window is not None
    for entry in PAGES:
        window.show_page(entry.key)  # type: ignore[attr-defined]
        written.append(_grab(window, folder / f"{entry.key}.png", WINDOW_SIZE))
        whole = _grab_whole_page(window, entry.key, folder / f"{entry.key}-whole.png")
        if whole is not None:
            written.append(whole)
    banner = _grab_banner(app, window, folder / "banner.png")
    if banner is not None:
        written.append(banner)

    with tempfile.TemporaryDirectory(prefix="companion-shot-") as empty:
        setup = SetupDialog(Profile(Path(empty) / "new"), _NoAppearance())
        for step, name in enumerate(SetupDialog.STEP_NAMES[:-1]):
            setup.show_step(step)
            written.append(_grab(setup, folder / f"setup-{name}.png", DIALOG_SIZE))
        setup.done(0)  # not close(): that asks "Stop setting up?"

    unlock = UnlockDialog(app.profile)
    written.append(_grab(unlock, folder / "unlock.png", DIALOG_SIZE))
    unlock.show_step(UnlockDialog.RECOVERY)
    written.append(_grab(unlock, folder / "unlock-recovery-code.png", DIALOG_SIZE))
    unlock.close()

    session = app.session
    if session is not None:
        store = session.store
        now = session.now
        check = SelfCheckDialog(session.ops, now())
        written.append(_grab(check, folder / "self-check.png", DIALOG_SIZE))
        check.close()
        everyone = contacts.people(store)
        region = str(app.context.settings.get("country"))
        if everyone:
            person = PersonDialog(session, region, everyone[0])
            written.append(_grab(person, folder / "person.png", DIALOG_SIZE))
            person.close()
            log = LogContactDialog(session, everyone[0])
            written.append(_grab(log, folder / "log-contact.png", DIALOG_SIZE))
            log.close()
        added = PersonDialog(session, region)
        written.append(_grab(added, folder / "add-person.png", DIALOG_SIZE))
        added.close()
        importer = ImportDialog(session.ops, now, region)
        written.append(_grab(importer, folder / "import.png", DIALOG_SIZE))
        importer.close()
        reminder = ReminderDialog(
            session,
            reminders.all_reminders(store)[0] if reminders.all_reminders(store) else None,
        )
        written.append(_grab(reminder, folder / "reminder.png", DIALOG_SIZE))
        reminder.close()
        upcoming_due = reminders.due(store, now() + timedelta(days=8))
        if upcoming_due:
            away = WhileAwayDialog(upcoming_due, now() + timedelta(days=8))
            written.append(_grab(away, folder / "while-away.png", DIALOG_SIZE))
            away.close()
        chooser = ChallengeDialog(session.ops, now().date())
        written.append(_grab(chooser, folder / "challenge.png", DIALOG_SIZE))
        chooser.close()
    help_dialog = HelpDialog(str(app.profile.preferences.get("country")))
    written.append(_grab(help_dialog, folder / "help-before-unlock.png", DIALOG_SIZE))
    help_dialog.close()

    recovery = RecoveryCodeDialog(new_recovery_code())
    written.append(_grab(recovery, folder / "recovery-code.png", DIALOG_SIZE))
    recovery.close()

    app.lock()
    written.append(_grab(window, folder / "locked.png", WINDOW_SIZE))
    return written


class _NoAppearance:
    """The setup dialog drawn for a picture must not change the running app."""

    def set_language(self, code: str) -> None:
        pass

    def set_text_scale(self, percent: int) -> None:
        pass

    def set_high_contrast(self, on: bool) -> None:
        pass
