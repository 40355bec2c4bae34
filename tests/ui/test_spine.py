"""One way for every change: an action from any place leaves every view showing the new state."""

from __future__ import annotations

import gc
import weakref
from datetime import timedelta

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QPushButton

from companion import contacts, reminders
from companion.contacts import Person, Schedule
from ui import actions
from ui.ops import Change, Changes


def wall(moment):
    return moment.replace(tzinfo=None, second=0, microsecond=0)


def add(app, name, days_ago=20):
    store = app.session.store
    now = app.context.now()
    person = contacts.add_person(
        store, now - timedelta(days=60), Person(0, name, "family", schedule=Schedule(1, "weeks"))
    )
    contacts.log_contact(store, person.id, now - timedelta(days=days_ago), "call")
    app.session.ops.announce(Change.PEOPLE | Change.CONTACTS)  # as an import would
    return person


def people_row(app, name):
    page = app.window.page("people")
    proxy = page.proxy
    for row in range(proxy.rowCount()):
        if proxy.index(row, 0).data() == name:
            return [proxy.index(row, column).data() for column in range(proxy.columnCount())]
    raise AssertionError(f"{name} is not in the People list")


def buttons(widget, text):
    return [b for b in widget.findChildren(QPushButton) if b.text() == text]


class Withdrawn:
    def __init__(self, app, monkeypatch):
        self.keys: list[str] = []
        monkeypatch.setattr(app.notifier, "withdraw", self.keys.append)


def test_in_touch_on_today_updates_people_banner_and_notification(
    qtbot, app_with_window, monkeypatch
):
    app = app_with_window
    jo = add(app, "Jo")
    app.window.show_page("people")
    assert people_row(app, "Jo")[2].lower() != "today"
    app.scheduler.check()  # the keep-in-touch line and a notification for Jo
    assert "Jo" in app.window.banner.nudges.values()
    withdrawn = Withdrawn(app, monkeypatch)
    app.window.show_page("today")
    today = app.window.page("today")
    [in_touch] = [
        b for b in today.people_card.findChildren(QPushButton) if b.text() == "I was in touch"
    ]
    qtbot.mouseClick(in_touch, Qt.MouseButton.LeftButton)

    assert "Jo" not in app.window.banner.nudges.values()
    assert app.window.banner.isHidden()
    assert f"person-{jo.id}" in withdrawn.keys
    people = app.window.page("people")
    assert people.stale  # not showing: it redraws when shown
    app.window.show_page("people")
    assert people_row(app, "Jo")[2].lower() == "today"
    # …and Undo, from the one status line, puts every view back
    qtbot.mouseClick(app.window.status_line.undo_button, Qt.MouseButton.LeftButton)
    assert people_row(app, "Jo")[2].lower() != "today"
    assert contacts.get_person(app.session.store, jo.id).last_contact.date() < (
        app.context.now().date()
    )
    assert "Jo" in app.window.banner.nudges.values()  # due again, so suggested again


def test_done_in_the_banner_updates_reminders_people_and_withdraws(
    qtbot, app_with_window, monkeypatch
):
    app = app_with_window
    store = app.session.store
    now = app.context.now()
    jo = add(app, "Jo")
    call = reminders.add(
        store, now - timedelta(days=1), "Call Jo", wall(now - timedelta(minutes=1)), person_id=jo.id
    )
    app.window.show_page("reminders")
    app.scheduler.check()
    withdrawn = Withdrawn(app, monkeypatch)
    [done] = buttons(app.window.banner, "Done")
    qtbot.mouseClick(done, Qt.MouseButton.LeftButton)

    assert [k for k in withdrawn.keys if k.startswith(f"{call.id}@")]
    assert not app.scheduler.showing
    texts = " ".join(
        w.text()
        for w in app.window.page("reminders").findChildren(type(app.window.page("today").heading))
    )
    assert "Done: it won't come up again." in texts  # the Reminders page redrew at once
    app.window.show_page("people")
    assert (
        people_row(app, "Jo")[2].lower() == "today"
    )  # Done on a reminder about Jo is being in touch


def test_a_reminder_answered_elsewhere_leaves_the_banner(qtbot, app_with_window, monkeypatch):
    """Done from a desktop notification (another place) clears the banner row too."""
    app = app_with_window
    store = app.session.store
    now = app.context.now()
    reminders.add(
        store, now - timedelta(days=1), "Water the plants", wall(now - timedelta(minutes=2))
    )
    app.scheduler.check()
    [key] = list(app.scheduler.showing)
    assert buttons(app.window.banner, "Done")
    app.notifier.action.emit(key, "done")
    assert not buttons(app.window.banner, "Done")
    assert reminders.due(store, app.context.now()) == []


def test_logging_on_a_persons_page_updates_today_and_the_page_itself(qtbot, app_with_window):
    from ui.dialogs.person import PersonDialog

    app = app_with_window
    jo = add(app, "Jo")
    today = app.window.page("today")
    assert "Jo" in today.people_title.text() or today.people_rows.count() == 1
    dialog = PersonDialog(app.session, "GB", contacts.get_person(app.session.store, jo.id))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.just_now, Qt.MouseButton.LeftButton)
    assert "today" in dialog.status.text()
    assert today.people_rows.count() == 1  # the row now says everyone is in touch
    assert "in touch with everyone" in today.people_rows.itemAt(0).widget().text()


def test_a_reminder_about_the_2001st_person_keeps_its_person_when_changed(qtbot, app_with_window):
    from ui.dialogs.reminder import ReminderDialog

    app = app_with_window
    store = app.session.store
    now = app.context.now()
    contacts.add_people(store, now, [Person(0, f"Neighbour {n:04d}") for n in range(2000)])
    last = contacts.add_person(store, now, Person(0, "Zoe Last"))
    reminder = reminders.add(
        store, now, "Ring Zoe", wall(now + timedelta(days=1)), person_id=last.id
    )
    dialog = ReminderDialog(app.session, reminder)
    qtbot.addWidget(dialog)
    assert dialog.person.person_name() == "Zoe Last"
    dialog.what.setText("Ring Zoe about Sunday")
    dialog.save()
    assert reminders.get(store, reminder.id).person_id == last.id


def test_the_person_picker_finds_anyone_by_part_of_the_name(qtbot, qtmodeltester, app_with_window):
    from ui.widgets.person_picker import PersonPicker

    app = app_with_window
    add(app, "Jo Bennett")
    add(app, "Anne Kowalski")
    picker = PersonPicker(app.session.store)
    qtbot.addWidget(picker)
    qtmodeltester.check(picker.choices)
    assert picker.person_id() is None  # "No one in particular" first
    picker.setEditText("anne kowalski")
    assert picker.person_name() == "Anne Kowalski"
    picker.setEditText("Nobody of that name")
    assert picker.person_id() is None


def test_a_new_reminder_about_no_one_is_not_titled_after_no_one(qtbot, app_with_window):
    from ui.dialogs.reminder import ReminderDialog

    app = app_with_window
    jo = add(app, "Jo")
    dialog = ReminderDialog(app.session)
    qtbot.addWidget(dialog)
    dialog.person.set_person(jo.id)
    assert dialog.what.text() == "Get in touch with Jo"
    dialog.person.set_person(None)
    assert dialog.what.text() == ""  # never "Get in touch with No one in particular"
    dialog.what.setText("Bins out")
    dialog.person.set_person(jo.id)
    assert dialog.what.text() == "Bins out"  # what the person wrote stays


def test_every_week_follows_the_chosen_day_until_days_are_ticked(qtbot, app_with_window):
    from PySide6.QtCore import QDate

    from ui.dialogs.reminder import ReminderDialog

    dialog = ReminderDialog(app_with_window.session)
    qtbot.addWidget(dialog)
    dialog.options["weekly"].setChecked(True)
    dialog.day.setDate(QDate(2027, 1, 7))  # a Thursday
    assert [b.isChecked() for b in dialog.weekday_boxes] == [False] * 3 + [True] + [False] * 3
    dialog.weekday_boxes[0].setChecked(True)  # the person ticks Monday too
    dialog.day.setDate(QDate(2027, 1, 8))
    assert dialog.weekday_boxes[0].isChecked() and dialog.weekday_boxes[3].isChecked()


def test_an_error_is_shown_in_the_dialog_and_nothing_is_announced(qtbot, app_with_window):
    from ui.dialogs.person import PersonDialog

    app = app_with_window
    heard: list[Changes] = []
    app.session.ops.executed.connect(heard.append)
    dialog = PersonDialog(app.session, "GB")
    qtbot.addWidget(dialog)
    dialog.save()  # no name
    assert "name" in dialog.error.text() and not dialog.error.isHidden()
    assert heard == []
    dialog.form.name.setText("Anne")
    dialog.save()
    assert [c.kinds for c in heard] == [Change.PEOPLE]


def test_enter_saves_and_escape_asks_before_losing_typing(qtbot, app_with_window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui.dialogs.person import PersonDialog

    app = app_with_window
    dialog = PersonDialog(app.session, "GB")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.form.name.hasFocus())  # typing goes to the first field
    qtbot.keyClicks(dialog.form.name, "Anne")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    [box] = [b for b in dialog.findChildren(QMessageBox) if b.isVisible()]
    assert "will not be kept" in box.text()
    assert dialog.isVisible()  # asked first, and stayed
    box.button(QMessageBox.StandardButton.No).click()
    assert dialog.isVisible()
    qtbot.keyClick(dialog.form.name, Qt.Key.Key_Return)
    assert [p.name for p in contacts.people(app.session.store)] == ["Anne"]


def test_lock_and_unlock_leave_nothing_of_the_old_session(qtbot, app_with_window):
    app = app_with_window
    app.window.show_page("people")
    old_pages = [weakref.ref(p) for p in app.window.pages.values() if p.key != "help"]
    old_session = app.session
    old_scheduler = app.scheduler
    heard_old: list[Changes] = []
    old_session.ops.executed.connect(heard_old.append)
    app.lock()
    assert app.session is None and app.window.session is None
    assert not old_scheduler.timer.isActive() and not old_scheduler.heartbeat.isActive()
    assert set(app.window.pages) <= {"help"}
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    assert all(ref() is None for ref in old_pages)
    assert app.window.current_page() == "locked"

    app.unlock_again()
    assert app.session is not None and app.session is not old_session
    assert app.window.current_page() == "people"  # back where she was
    actions.log_contact(app.session, None, add(app, "Jo").id)
    assert heard_old == []  # the old session's operations are gone with it


def test_locking_during_long_work_stops_it_first_and_says_nothing_went_wrong(
    qtbot, app_with_window, monkeypatch
):
    """Work in the background is cancelled and finished before the data closes under it."""
    import threading

    from ui.ops import Change

    app = app_with_window
    started, seen_open = threading.Event(), []
    errors: list[str] = []
    monkeypatch.setattr(app.session.ops, "show_error", lambda _p, message: errors.append(message))
    shown_unexpected: list[BaseException] = []
    monkeypatch.setattr("sys.excepthook", lambda _k, error, _t: shown_unexpected.append(error))

    def work(store, progress, cancelled):
        started.set()
        while not cancelled():
            store.query_one("SELECT count(*) FROM people")
        seen_open.append(store.query_one("SELECT 1"))
        return 0

    app.session.ops.run_in_background(None, work, Change.PEOPLE, title="Working")
    assert started.wait(10)
    app.lock()
    assert seen_open == [(1,)]  # the data was still open when the work noticed Cancel
    assert errors == [] and shown_unexpected == []
    assert app.window.current_page() == "locked"


def test_long_work_failing_unexpectedly_says_so_in_place_and_announces_nothing(
    qtbot, app_with_window, monkeypatch
):
    from ui.background import wait_for_background
    from ui.ops import Change, unexpected_words

    app = app_with_window
    errors: list[str] = []
    heard: list[Changes] = []
    monkeypatch.setattr(app.session.ops, "show_error", lambda _p, message: errors.append(message))
    app.session.ops.executed.connect(heard.append)

    def work(store, progress, cancelled):
        raise RuntimeError("a bug")

    app.session.ops.run_in_background(None, work, Change.PEOPLE, title="Working")
    wait_for_background()
    qtbot.waitUntil(lambda: errors != [])
    assert errors == [unexpected_words()] and heard == []
