"""The mouse wheel scrolls the page; it never changes a choice the person isn't working on.

Drop-downs, number fields, date fields and sliders take the wheel only while
they have keyboard focus. Otherwise the wheel goes to the page that holds them,
so scrolling Settings can never change the country (or the emergency number).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

GUARDED = (QComboBox, QAbstractSpinBox, QAbstractSlider)


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            event.type() != QEvent.Type.Wheel
            or not isinstance(watched, GUARDED)
            or isinstance(watched, QScrollBar)  # scroll bars are what the wheel is for
        ):
            return False
        assert isinstance(watched, QWidget)
        if watched.hasFocus() or isinstance(watched.parentWidget(), QAbstractScrollArea):
            return False  # a scroll bar of the page itself, or a field being worked on
        if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
            watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        area = watched.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is not None:
            QApplication.sendEvent(area.viewport(), event.clone())
        return True


_guard: WheelGuard | None = None


def install(app: QApplication) -> WheelGuard:
    """Once per application."""
    global _guard
    if _guard is None:
        _guard = WheelGuard(app)
        app.installEventFilter(_guard)
    return _guard
