"""A backup's name and the day it was made, each on lines of their own.

In Arabic at 200% the backup's file name (Latin letters) was set as close above "Made on:"
as Latin lines are, and the Arabic's marks above touched it: both were one label with a line
break. Each line is now a label of its own (``Lines``), with room between them."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QPoint

from companion import backup
from tests.ui.test_review_frame import settle
from tests.ui.test_review_r3 import qt_arabic  # noqa: F401 - a fixture
from ui.widgets.common import SPACING, Lines


def test_lines_read_and_change_like_a_label(qtbot):
    lines = Lines(["• 12 people", "• 3 reminders"])
    qtbot.addWidget(lines)
    lines.show()
    assert lines.text() == "• 12 people\n• 3 reminders"
    lines.setText("only one")
    assert lines.text() == "only one"
    assert [line.isVisible() for line in lines.lines] == [True, False]
    lines.setText("")
    assert lines.text() == ""


def test_the_day_it_was_made_has_room_under_the_name_in_arabic(
    qtbot,
    app_with_window,
    tmp_path,
    qt_arabic,  # noqa: F811 - the fixture
    large_text,
):
    from ui.dialogs.restore import RestoreDialog

    target = tmp_path / "companion-backup-2026-12-05-my-laptop.companion-backup"
    backup.make_backup(app_with_window.session.unlocked, target, datetime.now().astimezone())
    dialog = RestoreDialog(app_with_window.session, target, app_with_window.window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle()
    name, made = dialog.about.lines[:2]
    assert "my-laptop" in name.text() and made.isVisible() and made.text()
    assert "\n" not in name.text()
    name_bottom = name.mapTo(dialog, QPoint(0, name.height())).y()
    made_top = made.mapTo(dialog, QPoint(0, 0)).y()
    assert made_top - name_bottom >= SPACING // 2
    assert dialog.about.toolTip() == str(target)  # the whole path, on request
