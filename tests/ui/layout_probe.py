"""Opens every page and dialog at several text sizes and languages, and reports layout faults.

Run in a real X server (``tests/ui/test_layout.py`` starts Xvfb at each screen size):

    python tests/ui/layout_probe.py OUT.json [--scales 100,150,200] [--languages en,de,ar]

A fault is what a person would see: two visible widgets side by side that overlap, a label or
button whose words need more room than it has, a window larger than the screen, or a control
outside its window and not in a scroll area.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QObject, QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QLabel,
    QRadioButton,
    QScrollBar,
    QWidget,
)

SKIP_CLASSES = ("QFocusFrame", "QRubberBand", "QTipLabel", "QComboBoxPrivateContainer")


def _visible_children(widget: QWidget) -> Iterator[QWidget]:
    for child in QObject.children(widget):
        if (
            isinstance(child, QWidget)
            and not child.isWindow()
            and child.isVisible()
            and child.metaObject().className() not in SKIP_CLASSES
            and QWidget.width(child) > 0
            and QWidget.height(child) > 0
        ):
            yield child


def _in_scroll_area(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _name(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, QLabel | QAbstractButton):
        text = widget.text().replace("\n", " ")[:50]
    return f"{widget.metaObject().className()}({widget.accessibleName() or text!r})"


def faults(top: QWidget, screen: QRect) -> list[str]:
    found: list[str] = []
    frame = top.frameGeometry()
    if frame.width() > screen.width() + 1 or frame.height() > screen.height() + 1:
        found.append(
            f"window {frame.width()}x{frame.height()} is larger than the screen "
            f"{screen.width()}x{screen.height()}"
        )
    stack = [top]
    while stack:
        widget = stack.pop()
        children = list(_visible_children(widget))
        if not isinstance(widget, QAbstractScrollArea):  # its viewport and bars are its own
            boxes = [(c, c.geometry()) for c in children if not isinstance(c, QScrollBar)]
            for i, (a, ra) in enumerate(boxes):
                for b, rb in boxes[i + 1 :]:
                    overlap = ra.intersected(rb)
                    if overlap.width() > 2 and overlap.height() > 2:
                        found.append(f"{_name(a)} overlaps {_name(b)}")
        for child in children:
            stack.append(child)
            found.extend(_cut(child))
            corner = child.mapTo(top, QPoint(0, 0))
            where = QRect(corner, QWidget.size(child))
            if not top.rect().adjusted(-1, -1, 1, 1).contains(where) and not _in_scroll_area(
                child, top
            ):
                found.append(f"{_name(child)} is outside its window and cannot be scrolled to")
    return found


def _cut(widget: QWidget) -> list[str]:
    if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
        if widget.wordWrap():
            needed = widget.heightForWidth(widget.width())
            if needed > widget.height() + 2:
                return [f"{_name(widget)} needs {needed} px of height, has {widget.height()}"]
            return []
        hint = widget.sizeHint()
        if hint.width() > widget.width() + 2 or hint.height() > widget.height() + 2:
            return [f"{_name(widget)} needs {hint.width()}x{hint.height()}, has {widget.size()}"]
        return []
    if isinstance(widget, QCheckBox | QRadioButton) and widget.text():
        hint = widget.sizeHint()
        if hint.width() > widget.width() + 2 or hint.height() > widget.height() + 2:
            return [f"{_name(widget)} needs {hint.width()}x{hint.height()}, has {widget.size()}"]
        return []
    if isinstance(widget, QAbstractButton) and widget.text():
        if widget.hasHeightForWidth():
            needed = widget.heightForWidth(widget.width())
            if needed > widget.height() + 2:
                return [f"{_name(widget)} needs {needed} px of height, has {widget.height()}"]
        hint = widget.minimumSizeHint()
        if hint.width() > widget.width() + 2:
            return [f"{_name(widget)} needs {hint.width()} px of width, has {widget.width()}"]
    return []


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def dialogs(app) -> Iterator[tuple[str, Callable[[], QWidget]]]:  # type: ignore[no-untyped-def]
    from companion import contacts, reminders
    from companion.keys import new_recovery_code
    from companion.profile import Profile
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
    from ui.screenshot import _NoAppearance

    session = app.session
    store, now = session.store, session.now
    region = str(app.context.settings.get("country"))
    everyone = contacts.people(store)
    window = app.window
    yield "person", lambda: PersonDialog(session, region, everyone[0], window)
    yield "add-person", lambda: PersonDialog(session, region, None, window)
    yield "log-contact", lambda: LogContactDialog(session, everyone[0], window)
    yield (
        "reminder",
        lambda: ReminderDialog(session, reminders.all_reminders(store)[0], None, window),
    )
    yield "add-reminder", lambda: ReminderDialog(session, None, None, window)
    yield "self-check", lambda: SelfCheckDialog(session.ops, now(), window)
    yield "import", lambda: ImportDialog(store, now, region, window)
    yield "challenge", lambda: ChallengeDialog(store, now().date(), window)
    yield "recovery-code", lambda: RecoveryCodeDialog(new_recovery_code(), window)
    yield "unlock", lambda: UnlockDialog(app.profile)
    later = now() + timedelta(days=8)
    due = reminders.due(store, later)
    if due:
        yield "while-away", lambda: WhileAwayDialog(due, later, window)
    folder = tempfile.mkdtemp(prefix="companion-layout-")

    def setup_last_step() -> QWidget:
        dialog = SetupDialog(Profile(Path(folder) / "new"), _NoAppearance())
        dialog.show_step(len(SetupDialog.STEP_NAMES) - 2)
        return dialog

    yield "setup-steps", setup_last_step


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    scales = [100, 150, 200]
    languages = ["en", "de", "ar"]
    if "--scales" in argv:
        scales = [int(x) for x in argv[argv.index("--scales") + 1].split(",")]
    if "--languages" in argv:
        languages = argv[argv.index("--languages") + 1].split(",")

    from datetime import datetime

    from companion import demo as demo_data
    from companion.profile import Profile
    from ui.app import CompanionApp, create_qapplication
    from ui.pages.registry import PAGES

    profile = Profile.create_session()
    unlocked = profile.create("session")
    demo_data.fill(unlocked, datetime.now().astimezone())
    profile.lock.acquire()
    qapp = create_qapplication(["companion"])
    app = CompanionApp(qapp, profile)
    app.open_main_window(unlocked, start_reminders=False)
    screen = qapp.primaryScreen().availableGeometry()
    report: dict[str, list[str]] = {}
    try:
        for language in languages:
            app.set_language(language)
            for scale in scales:
                app.set_text_scale(scale)
                window = app.window
                assert window is not None
                window.showMaximized()
                settle()
                for entry in PAGES:
                    window.show_page(entry.key)  # type: ignore[attr-defined]
                    settle()
                    found = faults(window, screen)
                    if found:
                        report[f"{language} {scale}% page {entry.key}"] = sorted(set(found))
                for name, make in dialogs(app):
                    dialog = make()
                    dialog.show()
                    settle()
                    found = faults(dialog, screen)
                    if found:
                        report[f"{language} {scale}% dialog {name}"] = sorted(set(found))
                    dialog.done(0)  # not close(): that may ask "stop setting up?"
                    dialog.deleteLater()
                    settle()
    finally:
        out.write_text(json.dumps(report, indent=1, ensure_ascii=False), "utf-8")
        app.quit()
        unlocked.close()
        profile.discard()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
