"""The Qt binding in use keeps Python whole: PySide6 6.12.0 dropped a reference to None on
every void call, so a long session ended with Python aborting ("deallocating None")."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_qt_calls_leave_pythons_none_alone(qtbot):
    widget = QLabel()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(500):
        widget.setText("Hello")
    assert sys.getrefcount(None) >= before - 50  # a few may come and go; 500 lost is the bug
