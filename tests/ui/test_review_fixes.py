"""Fixes found by a keyboard-only journey in a real window (German and Arabic at 200% text)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

from ui.dialogs.reminder import ReminderDialog
from ui.ops import Change


def _in_sight(dialog, widget: QWidget) -> bool:
    viewport = dialog.scroll.viewport()
    top_left = widget.mapTo(viewport, QPoint(0, 0))
    return viewport.rect().contains(QRect(top_left, widget.size()))


def test_tab_round_from_the_buttons_brings_the_focus_into_sight(qtbot, app_with_window):
    dialog = ReminderDialog(app_with_window.window.session, parent=app_with_window.window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.resize(dialog.width(), 420)  # a small screen: the body scrolls
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    bar = dialog.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())  # read on to the end, as a person does
    dialog.cancel_button.setFocus(Qt.FocusReason.TabFocusReason)
    assert not _in_sight(dialog, dialog.what)

    qtbot.keyClick(dialog.cancel_button, Qt.Key.Key_Tab)  # round to the first field

    assert QApplication.focusWidget() is dialog.what
    assert _in_sight(dialog, dialog.what)
    dialog.done(0)


def test_the_calendar_month_and_weekend_are_readable(qtbot, app_with_window):
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QToolButton

    from ui.theme import contrast_ratio, palette_for
    from ui.widgets.date_field import _CalendarDialog

    p = palette_for(high_contrast=False)
    dialog = _CalendarDialog(QDate(1948, 3, 14), app_with_window.window)
    qtbot.addWidget(dialog)
    dialog.show()
    calendar = dialog.calendar
    month = calendar.findChild(QToolButton, "qt_calendar_monthbutton")
    month.ensurePolished()
    words = month.palette().color(month.foregroundRole()).name().upper()
    bar = calendar.palette().color(calendar.palette().ColorRole.Highlight).name().upper()
    assert contrast_ratio(words, bar) >= 4.5, (words, bar)
    for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
        colour = calendar.weekdayTextFormat(day).foreground().color()
        assert colour == QColor(p.text), colour.name()
    QApplication.processEvents()  # whatever Qt does once it is shown
    for name in ("qt_calendar_prevmonth", "qt_calendar_nextmonth"):
        arrow = calendar.findChild(QToolButton, name).icon().pixmap(48, 48).toImage()
        inside = arrow.pixelColor(arrow.width() // 2, arrow.height() // 2).name().upper()
        assert contrast_ratio(inside, bar) >= 3, (name, inside, bar)  # not black on blue
    dialog.reject()


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: no real pop-up
def test_part_of_one_name_and_tab_chooses_that_person(qtbot, app_with_window):
    from companion import contacts

    session = app_with_window.window.session
    hans = contacts.add_person(session.store, session.now(), contacts.Person(0, "Hans Becker"))
    contacts.add_person(session.store, session.now(), contacts.Person(0, "Jo Bennett"))
    session.ops.announce(Change.PEOPLE)
    dialog = ReminderDialog(app_with_window.window.session, parent=app_with_window.window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.person.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(dialog.person, "h")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)

    assert dialog.person.currentText() == "Hans Becker"  # what was meant, shown
    assert dialog.person.person_id() == hans.id
    dialog.done(0)


def test_an_arrow_to_the_next_choice_in_setup_keeps_it_in_sight(qtbot, new_profile):
    from ui.app import CompanionApp
    from ui.dialogs.setup import SetupDialog

    app = CompanionApp(QApplication.instance(), new_profile)
    dialog = SetupDialog(new_profile, app)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_step(SetupDialog.PROTECTION)
    for _ in range(3):  # the step has grown the window to its words, as far as the screen goes
        QApplication.processEvents()
    dialog.resize(dialog.width(), 360)  # a small screen, or 200% text: the step scrolls
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.use_keyring.setFocus(Qt.FocusReason.TabFocusReason)
    bar = dialog.stack_scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(0)

    qtbot.keyClick(dialog.use_keyring, Qt.Key.Key_Down)  # "with a password I type"

    assert QApplication.focusWidget() is dialog.use_passphrase
    viewport = dialog.stack_scroll.viewport()
    top_left = dialog.use_passphrase.mapTo(viewport, QPoint(0, 0))
    assert viewport.rect().contains(QRect(top_left, dialog.use_passphrase.size()))
    dialog.reject()


def test_a_date_that_cannot_be_read_says_so_in_sight(qtbot, app_with_window):
    dialog = ReminderDialog(app_with_window.window.session, parent=app_with_window.window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.resize(dialog.width(), 420)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.day.edit.setFocus(Qt.FocusReason.TabFocusReason)
    dialog.day.edit.selectAll()
    qtbot.keyClicks(dialog.day.edit, "the fourteenth")
    qtbot.keyClick(dialog.day.edit, Qt.Key.Key_Tab)

    problem = dialog.day.problem
    assert problem.isVisible()
    qtbot.waitUntil(lambda: _in_sight(dialog, problem))  # not below the edge, unseen
    dialog.done(0)


def test_the_last_step_of_setup_grows_to_show_i_have_written_it_down(qtbot, new_profile):
    from ui.app import CompanionApp
    from ui.dialogs.setup import SetupDialog

    app = CompanionApp(QApplication.instance(), new_profile)
    dialog = SetupDialog(new_profile, app)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    first = dialog.height()
    for _ in range(SetupDialog.PROTECTION):
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)  # set up
    qtbot.waitUntil(lambda: dialog.current_step() == SetupDialog.RECOVERY, timeout=10000)

    room = dialog.screen().availableGeometry().height()
    qtbot.waitUntil(lambda: dialog.height() > first or dialog.height() >= room * 0.9 - 1)
    kept = dialog.recovery_panel.kept
    if dialog.height() < room * 0.9 - 1:  # the whole step fits: the box is in sight unscrolled
        viewport = dialog.stack_scroll.viewport()
        top = kept.mapTo(viewport, QPoint(0, 0)).y()
        assert 0 <= top and top + kept.height() <= viewport.height()
    dialog.recovery_panel.kept.setChecked(True)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    dialog.unlocked.close()


def test_every_week_chosen_by_arrow_stays_in_sight_as_the_days_open(qtbot, app_with_window):
    dialog = ReminderDialog(app_with_window.window.session, parent=app_with_window.window)
    qtbot.addWidget(dialog)
    dialog.first_field = None  # the test gives the focus itself
    dialog.show()
    dialog.resize(dialog.width(), 420)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.options["once"].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(dialog.options["once"], Qt.Key.Key_Down)  # every day
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)  # every week: the days open

    weekly = dialog.options["weekly"]
    assert weekly.isChecked() and QApplication.focusWidget() is weekly
    qtbot.waitUntil(lambda: dialog.weekdays_holder.isVisible())
    qtbot.waitUntil(lambda: _in_sight(dialog, weekly))
    QApplication.processEvents()
    assert _in_sight(dialog, weekly)
    dialog.done(0)


@pytest.mark.parametrize(("language", "typed"), [("de", "14.03.1948"), ("ar", "14/3/1948")])
def test_a_language_and_country_babel_has_no_pair_for_still_read_dates(qtbot, language, typed):
    from companion import i18n
    from ui.widgets.date_field import DateField

    before = i18n.current_language()
    i18n.set_language(language)
    try:
        field = DateField()
        field.region = "US"  # a German or Arabic speaker living in the United States
        field.today = date(2026, 12, 4)
        qtbot.addWidget(field)
        field.show()
        field.setDate(QDate(2026, 12, 5))
        field.edit.editingFinished.emit()  # Tab through the field without changing it
        assert field.valid, field.problem.text()  # its own words are a date
        assert field.date() == QDate(2026, 12, 5)
        field.edit.setText(typed)
        field.edit.editingFinished.emit()
        assert field.valid, field.problem.text()
        assert field.date() == QDate(1948, 3, 14)
    finally:
        i18n.set_language(before)


def test_the_chosen_person_stays_in_sight_when_the_status_line_grows(qtbot, app_with_window):
    """Ctrl+L on People at 200%: the sentence below wrapped to two lines and covered the
    chosen row's second line. When the status line grows, the focus is brought into sight."""
    from datetime import timedelta

    from companion import contacts
    from companion.contacts import Person, Schedule

    app = app_with_window
    window = app.window
    store = app.context.unlocked.store
    now = app.context.now()
    for number in range(14):
        contacts.add_person(
            store,
            now - timedelta(days=60),
            Person(0, f"Person {number:02}", "friend", schedule=Schedule(1, "weeks")),
        )
    window.show()
    window.resize(1000, 560)
    window.show_page("people")
    page = window.page("people")
    page.refresh()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page.list.setFocus()
    view = page.list
    viewport = page.scroll.viewport()

    def whole(row: QRect) -> bool:
        top = view.viewport().mapTo(viewport, row.topLeft())
        in_list = view.viewport().rect().contains(row)
        return in_list and viewport.rect().contains(QRect(top, row.size()))

    def row_whole() -> bool:
        return whole(view.visualRect(view.currentIndex()))

    QApplication.processEvents()
    # The lowest row wholly in sight, with the page scrolled so that it is at the bottom.
    list_bottom = view.mapTo(page.scroll.widget(), QPoint(0, view.height())).y()
    page.scroll.verticalScrollBar().setValue(list_bottom - viewport.height())
    QApplication.processEvents()
    rows = [view.model().index(n, 0) for n in range(view.model().rowCount())]
    lowest = [index for index in rows if whole(view.visualRect(index))][-1]
    view.setCurrentIndex(lowest)
    assert row_whole()
    long = "Noted: you were in touch with somebody today. " * 6  # two or three lines
    window.status_line.say(long, undo=True)
    assert view.hasFocus()
    qtbot.waitUntil(lambda: window.status_line.height() > 100 and row_whole(), timeout=1000)
