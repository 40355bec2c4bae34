"""Review of Today, People and Reminders in a real window (people round): Enter in the
search, a search that finds no one, an import behind a search, the banner's "Later…" times,
"while you were away" for a one-off reminder, and Escape after a changed time."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from companion import contacts, reminders
from companion.contacts import Person, Schedule
from companion.reminders import Due, Repeat
from tests.ui.conftest import in_sight
from ui.ops import Change


def add(app, name: str):
    store = app.context.unlocked.store
    now = app.context.now()
    return contacts.add_person(
        store, now - timedelta(days=60), Person(0, name, schedule=Schedule(1, "weeks"))
    )


def people_page(app):
    app.window.show_page("people")
    page = app.window.page("people")
    app.window.activateWindow()
    return page


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


# People: the search -------------------------------------------------------------------------


def test_enter_in_the_search_goes_to_the_first_person_found(qtbot, app_with_window, large_text):
    """At 200% text the list is below the screen's edge when typing in the search, and Enter
    did nothing: now it takes the keyboard to the people found, the first one chosen."""
    app = app_with_window
    for name in ("Anne Kowalski", "David Bennett", "Jo Bennett"):
        add(app, name)
    page = people_page(app)
    app.window.resize(1366, 768)
    app.window.show()
    qtbot.waitExposed(app.window)
    page.search.setFocus()
    qtbot.keyClicks(page.search, "ben")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    settle()
    assert page.list.hasFocus()
    chosen = contacts.get_person(app.session.store, page.chosen_id())
    assert chosen.name == "David Bennett"
    assert in_sight(page.scroll, page.list)  # scrolled to, below the search box


def test_a_search_that_finds_no_one_says_so_and_offers_everyone(qtbot, app_with_window):
    """An empty white box, without a word, was all a search for a name not there showed."""
    app = app_with_window
    add(app, "Anne Kowalski")
    add(app, "Jo Bennett")
    page = people_page(app)
    qtbot.keyClicks(page.search, "zz")
    qtbot.keyClicks(page.search, "z")  # a narrower search: no row changes, the words do
    assert not page.no_match_box.isHidden()
    assert "“\u2068zzz\u2069”" in page.no_match.text()  # what was typed, in its own direction
    assert page.list.isHidden()  # no empty box
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.show_everyone.hasFocus()  # Enter brings the words and the button in sight
    qtbot.keyClick(page.show_everyone, Qt.Key.Key_Space)
    assert page.search.text() == ""
    assert page.no_match_box.isHidden()
    assert not page.list.isHidden()
    assert page.proxy.rowCount() == 2
    assert page.list.hasFocus()


def test_only_those_due_with_no_one_due_says_so(qtbot, app_with_window):
    app = app_with_window
    store = app.session.store
    now = app.context.now()
    person = contacts.add_person(
        store, now - timedelta(days=60), Person(0, "Anne", schedule=Schedule(3, "months"))
    )
    contacts.log_contact(store, person.id, now, "call")
    page = people_page(app)
    page.refresh()
    page.overdue.setChecked(True)
    assert page.proxy.rowCount() == 0
    assert not page.no_match_box.isHidden()
    assert page.no_match.text() == "No one on your list matches what you chose."


def test_people_imported_behind_a_search_are_shown(qtbot, app_with_window, monkeypatch):
    """A search left from before hid everyone just imported: "Added 2 people", and none
    of them on the list."""
    from ui.dialogs import import_people

    app = app_with_window
    add(app, "Anne Kowalski")
    page = people_page(app)
    qtbot.keyClicks(page.search, "zzz")

    class Imported:
        added = 2

        def __init__(self, *_args, **_kwargs) -> None:
            pass

        def exec(self) -> int:
            store = app.session.store
            for name in ("Harold Jenkins", "Maria Oliveira"):
                contacts.add_person(store, app.context.now(), Person(0, name))
            app.session.ops.announce(Change.PEOPLE, None)
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(import_people, "ImportDialog", Imported)
    page.import_people()
    assert page.search.text() == ""
    names = [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]
    assert "Harold Jenkins" in names and "Maria Oliveira" in names


# The banner: "Later…" ----------------------------------------------------------------------


def due_now(app, title: str) -> None:
    store = app.session.store
    now = app.context.now()
    moment = (now - timedelta(minutes=1)).replace(tzinfo=None, second=0, microsecond=0)
    reminders.add(store, now - timedelta(days=1), title, moment)
    app.scheduler.check()


def later_button(banner):
    from PySide6.QtWidgets import QAbstractButton

    row = banner.rows[0]
    return next(b for b in row.findChildren(QAbstractButton) if b.text().startswith("Later"))


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: no real pop-up
def test_later_times_are_from_when_later_is_pressed(qtbot, app_with_window):
    """The banner waits for the person, for hours if need be; its times were worked out when
    it was drawn, so "In 10 minutes" pressed three hours later put the reminder back at a
    time already past, and it came straight back."""
    app = app_with_window
    window = app.window
    due_now(app, "Take tablets")
    settle()
    later = later_button(window.banner)
    hours_later = app.context.now() + timedelta(hours=3)
    window.banner.now = lambda: hours_later
    window.activateWindow()
    later.setFocus()
    qtbot.keyClick(later, Qt.Key.Key_Return)
    menu = QApplication.activePopupWidget()
    assert menu is not None
    with qtbot.waitSignal(window.banner.snoozed) as signal:
        menu.actions()[0].trigger()  # "In 10 minutes"
    _item, until = signal.args
    assert until == hours_later + timedelta(minutes=10)
    menu.close()


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_later_times_are_not_cut_at_large_text(qtbot, app_with_window, large_text):
    """At 200% Qt's menu was a little narrower than its words: "In 10…nutes" (the words
    had 52 px of the menu's width beside them, where Qt's own margins take more)."""
    app = app_with_window
    window = app.window
    due_now(app, "Take tablets")
    settle()
    later = later_button(window.banner)
    window.activateWindow()
    later.setFocus()
    qtbot.keyClick(later, Qt.Key.Key_Return)
    menu = QApplication.activePopupWidget()
    assert menu is not None
    metrics = menu.fontMetrics()
    widest = max(metrics.horizontalAdvance(a.text()) for a in menu.actions())
    assert menu.width() - widest >= 1.5 * metrics.height()
    menu.close()


# While you were away ------------------------------------------------------------------------


def missed(app, title: str, repeat: Repeat) -> Due:
    store = app.session.store
    now = app.context.now()
    start = (now - timedelta(days=2)).replace(tzinfo=None, second=0, microsecond=0)
    reminder = reminders.add(store, now - timedelta(days=3), title, start, repeat)
    return Due(reminder, start, now - timedelta(days=2))


def test_while_away_does_not_promise_a_one_off_reminder_again(qtbot, app_with_window):
    """A reminder for just once is settled when seen: "They will come up again at their
    next time" was said of it too."""
    from ui.dialogs.while_away import WhileAwayDialog

    app = app_with_window
    now = app.context.now()
    once = missed(app, "Dentist", Repeat("once"))
    weekly = missed(app, "Call Mum", Repeat("weekly", weekdays=(6,)))

    dialog = WhileAwayDialog([once], now)
    qtbot.addWidget(dialog)
    assert dialog.after.isHidden()
    assert "again" not in " ".join(w.text() for w in dialog.findChildren(type(dialog.after)))

    dialog = WhileAwayDialog([weekly], now)
    qtbot.addWidget(dialog)
    assert dialog.after.text() == "It will come up again at its next time."

    dialog = WhileAwayDialog([once, weekly], now)
    qtbot.addWidget(dialog)
    assert dialog.after.text() == "Those that repeat will come up again at their next time."


# Escape after a change ----------------------------------------------------------------------


def test_a_changed_time_is_not_lost_on_escape_without_a_question(qtbot, app_with_window):
    from ui.dialogs.reminder import ReminderDialog

    app = app_with_window
    dialog = ReminderDialog(app.session)
    qtbot.addWidget(dialog)
    assert not dialog.is_dirty()
    # Another time than the one it opened with (that is the next hour: at 16:35, 17:00 was it)
    dialog.at.setTime(dialog.at.time().addSecs(2 * 3600))
    assert dialog.is_dirty()

    existing = reminders.add(
        app.session.store,
        app.context.now(),
        "Call Mum",
        datetime.combine(app.context.now().date() + timedelta(days=1), datetime.min.time()),
    )
    dialog = ReminderDialog(app.session, existing)
    qtbot.addWidget(dialog)
    assert not dialog.is_dirty()
    dialog.options["daily"].setChecked(True)
    assert dialog.is_dirty()


def test_a_chosen_visit_is_not_lost_on_escape_without_a_question(qtbot, app_with_window):
    from ui.dialogs.log_contact import LogContactDialog

    app = app_with_window
    person = add(app, "Anne Kowalski")
    dialog = LogContactDialog(app.session, person)
    qtbot.addWidget(dialog)
    assert not dialog.is_dirty()
    visit = next(b for b in dialog.kinds.buttons() if b.property("code") == "visit")
    visit.setChecked(True)
    assert dialog.is_dirty()


def test_tab_into_the_list_chooses_the_first_person_and_down_the_next(qtbot, app_with_window):
    """Tab into the list with no one chosen, then Down: the second person was chosen and the
    first skipped (Qt made the first row current without choosing it)."""
    app = app_with_window
    for name in ("Anne Kowalski", "David Bennett", "Jo Bennett"):
        add(app, name)
    page = people_page(app)
    app.window.show()
    qtbot.waitExposed(app.window)
    app.window.activateWindow()
    qtbot.waitUntil(app.window.isActiveWindow)
    # As after the language changed: the keys' row is still the first, but nothing is chosen.
    page.list.select_row(0)
    page.list.clearSelection()
    assert page.list.currentIndex().row() == 0 and page.list.current_row() is None
    first = page.list.model().index(0, 0).data()
    second = page.list.model().index(1, 0).data()
    page.list.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(page.list.hasFocus)
    assert page.list.current_row() == 0  # the first person, chosen as the keys arrive
    assert contacts.get_person(app.session.store, page.chosen_id()).name in str(first)
    qtbot.keyClick(page.list, Qt.Key.Key_Down)
    assert page.list.current_row() == 1
    assert contacts.get_person(app.session.store, page.chosen_id()).name in str(second)
