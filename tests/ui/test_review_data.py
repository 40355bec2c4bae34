"""Review of "Your data": backups, restore, saving everything, deleting everything."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget

from companion import backup, demo
from tests.ui.test_opening import opens_readably

NOW = datetime(2026, 3, 18, 10, 0, tzinfo=ZoneInfo("Europe/London"))


def _refuses_files(folder: Path) -> bool:
    try:
        with tempfile.NamedTemporaryFile(dir=folder):
            pass
    except OSError:
        return True
    return False


@pytest.fixture
def unwritable(tmp_path: Path):
    """A folder that takes no new files: read-only for a person; /sys where tests run as root."""
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    if not _refuses_files(folder):
        folder = Path("/sys")
    if not _refuses_files(folder):
        pytest.skip("no folder here refuses new files")
    yield folder
    (tmp_path / "locked").chmod(0o755)


def cut_lines(scroll) -> list[str]:
    """The labels whose line of words the body's top edge cuts through: laid out as the label
    draws them, line breaks and all (``shell.line_tops`` reads a line break as a space)."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QTextLayout, QTextOption
    from PySide6.QtWidgets import QLabel

    inner = scroll.widget()
    edge = scroll.verticalScrollBar().value()
    cut = []
    for words in inner.findChildren(QLabel):
        if not words.isVisible() or not words.text():
            continue
        room = words.contentsRect()
        layout = QTextLayout(words.text().replace("\n", "\u2028"), words.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        layout.setTextOption(option)
        lines, height = [], 0.0
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(room.width())
            line.setPosition(QPointF(0, height))
            lines.append((height, height + line.height()))
            height += line.height()
        layout.endLayout()
        offset = room.top() + (room.height() - height) / 2  # a label centres its words
        top = words.mapTo(inner, QPoint(0, 0)).y()
        for a, b in lines:
            if top + offset + a < edge - 1 and top + offset + b > edge + 1:
                cut.append(words.text())
    return cut


def _errors(monkeypatch, session) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(session.ops, "show_error", lambda _parent, message: shown.append(message))
    return shown


def test_delete_all_opens_from_a_whole_line_with_the_field_in_sight(
    qtbot, app_with_window, large_text
):
    """At 200% text the list of what goes opened scrolled to the field at its end, the top
    edge of the body through the middle of a line of words."""
    from ui.dialogs.delete_all import DeleteAllDialog

    session = app_with_window.session
    demo.fill(session.unlocked, NOW)
    dialog = DeleteAllDialog(session, app_with_window.window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    scroll = dialog.scroll
    bar = scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    assert dialog.focusWidget() is dialog.typed
    qtbot.waitUntil(lambda: opens_readably(scroll, dialog.typed) and not cut_lines(scroll))
    qtbot.keyClicks(dialog.typed, "delete")  # the keys still go where they went
    assert dialog.delete_button.isEnabled() and dialog.delete_button.isDefault()


def test_a_file_that_is_no_backup_is_not_called_one_and_opens_without_empty_room(
    qtbot, app_with_window, tmp_path
):
    """ "The backup “letter”…" for a letter, and below the verdict room for the hidden
    recovery-code button, so the body scrolled into emptiness."""
    from ui.dialogs.restore import RestoreDialog

    letter = tmp_path / "letter.companion-backup"
    letter.write_text("Dear Jo, thank you for the flowers.")
    dialog = RestoreDialog(app_with_window.session, letter, app_with_window.window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.about.text().startswith("The file “")
    assert "not a Companion backup" in dialog.verdict.text()
    assert not dialog.restore_button.isVisible()
    inner = dialog.scroll.holder.content  # the body, without room below it
    shown = [w for w in inner.findChildren(QWidget) if w.isVisible()]
    last = max(w.mapTo(inner, QPoint(0, w.height())).y() for w in shown)
    needed = last + inner.layout().contentsMargins().bottom()
    qtbot.waitUntil(lambda: inner.layout().totalHeightForWidth(inner.width()) <= needed)


def test_a_backup_into_a_folder_that_takes_no_files_says_so_in_plain_words(
    qtbot, app_with_window, monkeypatch, unwritable
):
    """It said "Companion could not use /…/.companion-backup-….db.partial: unable to open
    database", in the database library's English, in a box taller than the screen."""
    from ui import actions_data

    session = app_with_window.session
    shown = _errors(monkeypatch, session)
    results: list[object] = []
    actions_data.back_up_now(
        session, None, unwritable / "my-backup.companion-backup", results.append
    )
    qtbot.waitUntil(lambda: bool(results), timeout=10000)
    assert results == [None]
    [message] = shown
    assert message.startswith("Companion is not allowed to write in")
    assert "unable to open" not in message and ".partial" not in message


def test_back_up_now_asks_where_when_the_documents_folder_takes_no_files(
    qtbot, app_with_window, monkeypatch, unwritable, tmp_path
):
    from ui.widgets import files

    session = app_with_window.session
    shown = _errors(monkeypatch, session)
    monkeypatch.setattr(files, "documents_folder", lambda: unwritable)
    elsewhere = tmp_path / "stick"
    elsewhere.mkdir()
    asked: list[Path] = []

    def ask(_parent, _title, suggested, _kinds):
        asked.append(Path(suggested))
        return elsewhere / Path(suggested).name

    monkeypatch.setattr(files, "ask_save_path", ask)
    qtbot.mouseClick(app_with_window.window.nav_buttons["settings"], Qt.MouseButton.LeftButton)
    section = app_with_window.window.page("settings").data_section
    qtbot.mouseClick(section.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: section.note.isVisible() and not section._busy, timeout=10000)
    assert shown == []
    assert [p.parent for p in asked] == [unwritable]
    [made] = elsewhere.glob("*" + backup.SUFFIX)
    assert section.note.path == made
    assert os.path.getsize(made) > 0
