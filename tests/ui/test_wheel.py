"""The mouse wheel scrolls the page: it never changes a choice, and never moves the focus.

QTest has no wheel, and a wheel event sent by hand is not spontaneous, so Qt skips the two
things it does with a real turn of the wheel. ``turn_wheel`` does them the way
QApplication::notify does: first the keyboard focus goes to the nearest widget under the
pointer whose focus policy includes the wheel (Qt.WheelFocus, the default of drop-downs and
spin boxes), then the event goes to the widget under the pointer and on up to its parents
until one takes it. The guard used to pass the wheel to a field that had focus, and Qt had
just given it focus: in a real window every turn changed the choice.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QScrollArea,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.widgets import wheel_guard
from ui.widgets.date_field import DateField

WHEEL_FOCUS = Qt.FocusPolicy.WheelFocus.value


def turn_wheel(widget: QWidget, notches: int = -1) -> None:
    """One turn of the mouse wheel over the middle of ``widget`` (down for a negative turn)."""
    centre = widget.rect().center()
    under = widget
    while under is not None:  # QApplicationPrivate::giveFocusAccordingToFocusPolicy
        if under.isEnabled() and (under.focusPolicy().value & WHEEL_FOCUS) == WHEEL_FOCUS:
            under.setFocus(Qt.FocusReason.MouseFocusReason)
            break
        if under.isWindow():
            break
        under = under.parentWidget()
    where = widget.mapToGlobal(centre)
    receiver: QWidget | None = widget
    while receiver is not None:  # then to the widget and on up, until one takes it
        event = QWheelEvent(
            QPointF(receiver.mapFromGlobal(where)),
            QPointF(where),
            QPoint(0, 0),
            QPoint(0, 120 * notches),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        if QApplication.sendEvent(receiver, event) and event.isAccepted():
            return
        if receiver.isWindow():
            return
        receiver = receiver.parentWidget()


@pytest.fixture
def guard() -> None:
    wheel_guard.install(QApplication.instance())


def tall_page(qtbot, *fields: QWidget) -> QScrollArea:
    """A page taller than its window, the fields near its top, shown and active.

    The keyboard is in a text box above them (where the person was typing).
    """
    inner = QWidget()
    column = QVBoxLayout(inner)
    typing = QLineEdit()
    column.addWidget(typing)
    for field in fields:
        column.addWidget(field)
    column.addSpacing(3000)
    page = QScrollArea()
    page.setWidgetResizable(True)
    page.setWidget(inner)
    page.resize(400, 300)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)  # so that focus can go anywhere in it
    typing.setFocus()
    qtbot.waitUntil(typing.hasFocus)
    return page


def test_the_wheel_over_any_choice_scrolls_the_page_and_changes_nothing(qtbot, guard):
    combo = QComboBox()
    combo.addItems(["United States", "United Kingdom", "Uzbekistan"])
    spin = QSpinBox()
    spin.setValue(5)
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(100, 200)
    slider.setValue(150)
    qt_date = QDateEdit(QDate(2026, 12, 4))
    house_date = DateField()
    house_date.setDate(QDate(2026, 12, 4))
    page = tall_page(qtbot, combo, spin, slider, qt_date, house_date)
    bar = page.verticalScrollBar()
    typing = QApplication.focusWidget()
    for field in (combo, spin, slider, qt_date, house_date):
        page.widget().layout().activate()
        bar.setValue(0)
        turn_wheel(field)
        assert bar.value() > 0, f"the page did not scroll under {type(field).__name__}"
        assert QApplication.focusWidget() is typing, f"the wheel moved the focus: {field}"
    assert combo.currentText() == "United States"
    assert spin.value() == 5
    assert slider.value() == 150
    assert qt_date.date() == QDate(2026, 12, 4)
    assert house_date.date() == QDate(2026, 12, 4)


def test_a_choice_worked_on_by_keyboard_still_ignores_the_wheel(qtbot, guard):
    """Chosen with a click or Tab, then the page scrolled with the pointer still over it."""
    combo = QComboBox()
    combo.addItems(["United States", "Uzbekistan"])
    page = tall_page(qtbot, combo)
    combo.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(combo.hasFocus)
    turn_wheel(combo)
    assert combo.currentText() == "United States"
    assert page.verticalScrollBar().value() > 0


def test_fields_made_before_and_after_the_guard_give_no_focus_to_the_wheel(qtbot):
    qapp = QApplication.instance()
    if wheel_guard._guard is not None:  # as at start-up: the guard comes after the first paint
        qapp.removeEventFilter(wheel_guard._guard)
        wheel_guard._guard = None
    before = QSpinBox()
    qtbot.addWidget(before)
    assert before.focusPolicy() == Qt.FocusPolicy.WheelFocus  # Qt's own default
    wheel_guard.install(qapp)
    after = QComboBox()
    qtbot.addWidget(after)
    after.show()
    qtbot.waitExposed(after)
    assert before.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert after.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_settings_country_and_text_size_stay_put(qtbot, app_with_window, guard):
    app = app_with_window
    window = app.window
    qtbot.mouseClick(window.nav_buttons["settings"], Qt.MouseButton.LeftButton)
    page = window.page("settings")
    window.activateWindow()
    qtbot.waitExposed(window)
    country = page.country.currentText()
    size = page.size.value()
    page.scroll.ensureWidgetVisible(page.country)
    before = page.scroll.verticalScrollBar().value()
    turn_wheel(page.country)
    turn_wheel(page.size)
    assert page.country.currentText() == country
    assert page.size.value() == size
    assert app.profile.preferences.get("text_scale") == size
    assert not page.country.hasFocus()
    assert page.scroll.verticalScrollBar().value() > before


def test_people_filter_stays_put(qtbot, app_with_window, guard):
    from companion import contacts

    app = app_with_window
    store = app.context.unlocked.store
    contacts.add_person(store, app.context.now(), contacts.Person(id=0, name="Jo"))
    window = app.window
    qtbot.mouseClick(window.nav_buttons["people"], Qt.MouseButton.LeftButton)
    page = window.page("people")
    page.refresh()
    window.activateWindow()
    qtbot.waitExposed(window)
    chosen = page.circle.currentIndex()
    turn_wheel(page.circle)
    turn_wheel(page.circle)
    assert page.circle.currentIndex() == chosen
    assert not page.circle.hasFocus()


def test_reminder_about_someone_stays_empty(qtbot, app_with_window, guard):
    from companion import contacts
    from ui.dialogs.reminder import ReminderDialog

    app = app_with_window
    store = app.context.unlocked.store
    contacts.add_person(store, app.context.now(), contacts.Person(id=0, name="Jo"))
    dialog = ReminderDialog(app.session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    editor = dialog.person.lineEdit()  # what is under the pointer of a drop-down you can type in
    shown = editor.text()
    turn_wheel(editor)
    turn_wheel(editor)
    assert dialog.person.person_id() is None
    assert editor.text() == shown
    assert not dialog.is_dirty()
