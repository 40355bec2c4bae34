"""Times an older adult can manage: one field, typed in their own words and clock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QTime
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from companion import i18n
from companion.errors import CompanionError
from ui.widgets.time_field import TimeField


def make(qtbot, region="US", value=None):
    field = TimeField(value or QTime(17, 0))
    field.region = region
    qtbot.addWidget(field)
    field.show()
    return field


def type_in(qtbot, field, text):
    field.edit.setFocus()
    field.edit.selectAll()
    if text.isascii():
        qtbot.keyClicks(field.edit, text)
    else:  # QTest types ASCII only; an input method puts Arabic in as a whole
        field.edit.insert(text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)


@pytest.mark.parametrize(
    ("language", "region", "typed", "meant", "shown"),
    [
        ("en", "US", "7:30 pm", QTime(19, 30), "7:30\u202fPM"),
        ("en", "US", "noon", QTime(12, 0), "12:00\u202fPM"),
        ("en", "GB", "1930", QTime(19, 30), "19:30"),
        ("en", "GB", "7.30pm", QTime(19, 30), "19:30"),
        ("de", "DE", "19 Uhr", QTime(19, 0), "19:00"),
        ("ar", "EG", "٧:٣٠ م", QTime(19, 30), "7:30 م"),
    ],
)
def test_a_time_typed_in_each_language_is_kept_and_shown_in_its_clock(
    qtbot, language, region, typed, meant, shown
):
    i18n.set_language(language)
    field = make(qtbot, region)
    type_in(qtbot, field, typed)
    assert field.valid
    assert field.time() == meant
    assert field.edit.text() == shown


def test_a_time_that_cannot_be_read_is_said_and_nothing_changes(qtbot):
    field = make(qtbot, value=QTime(17, 0))
    changes = []
    field.timeChanged.connect(changes.append)
    type_in(qtbot, field, "teatime")
    assert not field.valid
    assert "could not read “teatime”" in field.problem.text()
    assert field.time() == QTime(17, 0)  # not silently changed
    assert field.edit.text() == "teatime"  # what was typed stays, to be put right
    assert not changes
    with pytest.raises(CompanionError, match="could not read"):
        field.checked_time()
    type_in(qtbot, field, "6pm")
    assert field.valid and field.checked_time() == QTime(18, 0)
    assert changes == [QTime(18, 0)]


def test_a_bare_hour_on_a_12_hour_clock_says_which_one_it_is(qtbot):
    field = make(qtbot, "US")
    type_in(qtbot, field, "7")
    assert field.time() == QTime(7, 0)
    assert not field.note.isHidden()
    assert "7:00\u202fPM" in field.note.text()  # how to say the evening instead
    type_in(qtbot, field, "7 pm")
    assert field.note.isHidden() and field.time() == QTime(19, 0)


def test_a_bare_hour_on_a_24_hour_clock_needs_no_note(qtbot):
    field = make(qtbot, "GB")
    type_in(qtbot, field, "7")
    assert field.time() == QTime(7, 0) and field.note.isHidden()


def test_checked_time_reads_what_was_typed_even_if_the_field_was_not_left(qtbot):
    field = make(qtbot, "GB")
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "08:45")
    assert field.checked_time() == QTime(8, 45)


def test_tab_passes_through_the_field_as_one_stop(qtbot):
    holder = QWidget()
    column = QVBoxLayout(holder)
    before, after = QLineEdit(), QLineEdit()
    field = TimeField(QTime(9, 0))
    field.setAccessibleName("Time")
    for widget in (before, field, after):
        column.addWidget(widget)
    qtbot.addWidget(holder)
    holder.show()
    before.setFocus()
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    assert holder.focusWidget() is field.edit
    assert field.edit.accessibleName() == "Time"
    assert "Alt and the down arrow" in field.edit.accessibleDescription()
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    assert holder.focusWidget() is field.pick  # "Times…", as "Calendar…" after a day
    qtbot.keyClick(field.pick, Qt.Key.Key_Tab)
    assert holder.focusWidget() is after  # not an hour part, then a minute part
    assert field.edit.height() >= 44


def test_the_list_of_times_opens_by_keyboard(qtbot, monkeypatch):
    from ui.widgets import time_field

    offered = []

    def choose(dialog):
        offered.append(dialog.times.currentItem().text())
        dialog.times.setCurrentRow(dialog.times.currentRow() + 2)  # two steps on
        return time_field.QDialog.DialogCode.Accepted

    monkeypatch.setattr(time_field._TimesDialog, "exec", choose)
    field = make(qtbot, "GB", QTime(17, 5))
    field.edit.setFocus()
    qtbot.keyClick(field.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert offered == ["17:00"]  # the nearest quarter hour is where the list starts
    assert field.time() == QTime(17, 30)
    qtbot.keyClick(field.edit, Qt.Key.Key_F4)
    assert offered[-1] == "17:30"


def test_the_wheel_scrolls_the_page_and_never_changes_the_time(qtbot):
    area = QScrollArea()
    inner = QWidget()
    column = QVBoxLayout(inner)
    field = TimeField(QTime(9, 0))
    column.addWidget(field)
    inner.setMinimumHeight(2000)
    area.setWidget(inner)
    area.resize(300, 200)
    qtbot.addWidget(area)
    area.show()
    assert area.verticalScrollBar().maximum() > 0, inner.size()
    centre = QPointF(field.edit.rect().center())
    wheel = QWheelEvent(
        centre,
        QPointF(field.edit.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(field.edit, wheel)
    assert field.time() == QTime(9, 0)
    # Ignored by the field, so a real wheel turn goes on to the page around it (Qt passes
    # only spontaneous wheel events up, so the page itself is not asked here).
    assert not wheel.isAccepted()


# the dialogs with a time save what was typed ------------------------------------------------


@pytest.fixture
def british():
    """The country as the app gives it to ``i18n.set_region``: every time in one clock."""
    i18n.set_region("GB")
    yield
    i18n.set_region(None)


def test_a_reminder_is_saved_at_the_time_typed(qtbot, app_with_window):
    from companion import reminders
    from ui.dialogs.reminder import ReminderDialog

    app = app_with_window
    dialog = ReminderDialog(app.session)
    qtbot.addWidget(dialog)
    dialog.what.setText("Ring the surgery")
    dialog.day.setDate(dialog.day.date().addDays(1))  # tomorrow: the time is still to come
    type_in(qtbot, dialog.at, "9.45 am")
    assert dialog.at.edit.text() == "9:45\u202fAM"
    dialog.save()
    assert dialog.error.isHidden(), dialog.error.text()
    (saved,) = reminders.all_reminders(app.session.store)
    assert (saved.starts.hour, saved.starts.minute) == (9, 45)


def test_a_reminder_with_a_time_that_cannot_be_read_is_not_saved(qtbot, app_with_window):
    from companion import reminders
    from ui.dialogs.reminder import ReminderDialog

    app = app_with_window
    dialog = ReminderDialog(app.session)
    qtbot.addWidget(dialog)
    dialog.what.setText("Ring the surgery")
    dialog.at.edit.setText("after lunch")  # typed, and Save pressed without leaving the field
    dialog.at.edit.setModified(True)
    dialog.save()
    assert not dialog.error.isHidden()
    assert "could not read “after lunch”" in dialog.error.text()
    assert reminders.all_reminders(app.session.store) == []


def test_a_contact_is_logged_at_the_time_typed(qtbot, app_with_window, british):
    from companion import contacts
    from companion.contacts import Person
    from ui.dialogs.log_contact import LogContactDialog

    app = app_with_window
    store = app.session.store
    jo = contacts.add_person(store, app.context.now(), Person(0, "Jo"))
    dialog = LogContactDialog(app.session, jo)
    qtbot.addWidget(dialog)
    dialog.day.setDate(dialog.day.date().addDays(-1))  # yesterday: the time has passed
    type_in(qtbot, dialog.at, "0815")
    assert dialog.at.edit.text() == "08:15"  # 24-hour in British English
    dialog.save()
    (logged,) = contacts.contacts_for(store, jo.id)
    assert (logged.at.hour, logged.at.minute) == (8, 15)


def test_the_list_starts_at_what_was_just_typed(qtbot, monkeypatch):
    from ui.widgets import time_field

    offered = []

    def look(dialog):
        offered.append(dialog.times.currentItem().text())
        return time_field.QDialog.DialogCode.Rejected

    monkeypatch.setattr(time_field._TimesDialog, "exec", look)
    field = make(qtbot, "US", QTime(7, 0))
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "5:15 pm")
    qtbot.keyClick(field.edit, Qt.Key.Key_F4)
    assert offered == ["5:15\u202fPM"]
    assert field.time() == QTime(17, 15)  # closing the list keeps what was typed


def test_the_field_shows_times_in_the_same_clock_as_every_other_screen(qtbot, british):
    from datetime import time

    field = TimeField(QTime(19, 30))
    qtbot.addWidget(field)
    assert field.edit.text() == "19:30" == i18n.format_time(time(19, 30))
    i18n.set_region("US")
    field.retranslate()
    assert field.edit.text() == "7:30\u202fPM" == i18n.format_time(time(19, 30))
