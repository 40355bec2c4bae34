"""The mouse wheel scrolls the page; it never changes a choice and never moves the focus.

Drop-downs, number fields, date fields and sliders never take the wheel: it goes on to
the page that holds them, so scrolling Settings can never change the country (or the
emergency number). An open drop-down's list still scrolls with the wheel, as it should.

Why a filter alone was not enough: Qt gives a real (spontaneous) wheel turn's keyboard
focus to the widget under the pointer *before* any event filter sees the event, when that
widget's focus policy is ``Qt.WheelFocus`` (the default of QComboBox and every spin box).
A guard that let focused fields take the wheel therefore let every field take it. So the
guard also turns every ``WheelFocus`` policy into ``StrongFocus`` (click or Tab still give
focus; the wheel does not), for widgets that exist when it is installed and for each new
one as Qt first polishes it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
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


def calm_focus_policy(widget: QWidget) -> None:
    """Click and Tab still give focus; a turn of the wheel does not."""
    if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def scroll_page_under(widget: QWidget, event: QWheelEvent) -> None:
    """Give the wheel turn to the scrolling page around ``widget`` (the nearest that can move)."""
    area = widget.parentWidget()
    while area is not None:
        if isinstance(area, QAbstractScrollArea):
            turn = event.clone()
            turn.ignore()
            QApplication.sendEvent(area.viewport(), turn)
            if turn.isAccepted():  # it scrolled; at its end, the page around it may move
                return
        area = area.parentWidget()


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.Polish:
            if isinstance(watched, QWidget):
                calm_focus_policy(watched)
            return False
        if (
            kind != QEvent.Type.Wheel
            or not isinstance(watched, GUARDED)
            or isinstance(watched, QScrollBar)  # scroll bars are what the wheel is for
        ):
            return False
        assert isinstance(watched, QWidget) and isinstance(event, QWheelEvent)
        calm_focus_policy(watched)
        scroll_page_under(watched, event)
        return True  # the choice itself never turns


_guard: WheelGuard | None = None


def install(app: QApplication) -> WheelGuard:
    """Once per application; calms the widgets that already exist too."""
    global _guard
    if _guard is None:
        _guard = WheelGuard(app)
        app.installEventFilter(_guard)
        for widget in app.allWidgets():
            calm_focus_policy(widget)
    return _guard
