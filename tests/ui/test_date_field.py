"""Dates an older adult can manage: typed in their own words, or picked by keyboard."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt

from ui.widgets.date_field import DateField


def make(qtbot, **kwargs):
    field = DateField(**kwargs)
    field.region = "GB"
    field.today = date(2026, 12, 4)
    qtbot.addWidget(field)
    field.show()
    return field


def test_a_whole_date_typed_in_words_is_what_is_kept(qtbot):
    field = make(qtbot)
    field.edit.clear()
    qtbot.keyClicks(field.edit, "14 March 1948")
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert field.date() == QDate(1948, 3, 14)  # not 14 January 1950
    assert field.valid and "1948" in field.edit.text()


def test_a_date_that_cannot_be_read_is_said_and_nothing_changes(qtbot):
    field = make(qtbot)
    field.setDate(QDate(1950, 6, 1))
    field.edit.setText("the thirty-first of Febtember")
    field.edit.editingFinished.emit()
    assert not field.valid
    assert "could not read" in field.problem.text()
    assert field.date() == QDate(1950, 6, 1)  # not silently changed


def test_the_calendar_opens_by_keyboard(qtbot, monkeypatch):
    from ui.widgets import date_field

    opened = []

    def choose(dialog):
        opened.append(True)
        dialog.calendar.setSelectedDate(QDate(2027, 1, 7))
        return date_field.QDialog.DialogCode.Accepted

    monkeypatch.setattr(date_field._CalendarDialog, "exec", choose)
    field = make(qtbot)
    field.edit.setFocus()
    qtbot.keyClick(field.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert opened and field.date() == QDate(2027, 1, 7)


def test_a_birthday_without_a_year(qtbot):
    field = make(qtbot, year_needed=False)
    field.edit.setText("2 December")
    field.edit.editingFinished.emit()
    assert field.valid and not field.year_known
    assert (field.date().month(), field.date().day()) == (12, 2)


def test_a_date_that_can_only_mean_one_thing_is_shown_as_understood(qtbot):
    field = make(qtbot)
    field.region = "US"
    field.edit.setText("14.03.1948")
    field.edit.editingFinished.emit()
    assert field.valid and field.date() == QDate(1948, 3, 14)
    assert "March" in field.edit.text() and "1948" in field.edit.text()  # what was understood


def test_a_day_typed_without_a_year_in_the_box_for_a_call_made(qtbot):
    field = make(qtbot, without_year="past")
    field.edit.setText("1 December")
    field.edit.editingFinished.emit()
    assert field.valid and field.date() == QDate(2026, 12, 1)
    assert "2026" in field.edit.text()  # the year it was taken for, shown
    field.edit.setText("yesterday")
    field.edit.editingFinished.emit()
    assert field.valid and field.date() == QDate(2026, 12, 3)


def test_a_day_typed_without_a_year_for_a_reminder_is_the_next_one(qtbot):
    field = make(qtbot, without_year="future")
    field.edit.setText("2 January")
    field.edit.editingFinished.emit()
    assert field.valid and field.date() == QDate(2027, 1, 2)
