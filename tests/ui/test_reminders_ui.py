"""Reminders in the window: adding without rule syntax, the banner, snooze, while-you-were-away."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel

from companion import contacts, reminders
from companion.contacts import Person
from companion.reminders import Repeat
from ui.dialogs.reminder import ReminderDialog
from ui.dialogs.while_away import WhileAwayDialog
from ui.ops import Change


def wall(moment: datetime) -> datetime:
    return moment.replace(tzinfo=None, second=0, microsecond=0)


def test_add_weekly_reminder_in_plain_choices(qtbot, app_with_window):
    store = app_with_window.context.unlocked.store
    dialog = ReminderDialog(app_with_window.session)
    qtbot.addWidget(dialog)
    dialog.save()
    assert "what the reminder is for" in dialog.error.text()
    dialog.what.setText("Call Mum")
    dialog.options["weekly"].setChecked(True)
    for box in dialog.weekday_boxes:
        box.setChecked(False)
    dialog.save()
    assert "at least one day" in dialog.error.text()
    dialog.weekday_boxes[6].setChecked(True)  # Sunday
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    [saved] = reminders.all_reminders(store)
    assert saved.rule == "FREQ=WEEKLY;BYDAY=SU"
    assert saved.starts.weekday() == 6  # moved to the first Sunday
    assert "Sunday" in reminders.describe(saved)
    assert "FREQ" not in dialog.options["weekly"].text()  # no rule syntax shown anywhere


def test_due_reminder_shows_in_the_banner_and_done_logs_the_contact(qtbot, app_with_window):
    app = app_with_window
    store = app.context.unlocked.store
    now = app.context.now()
    jo = contacts.add_person(store, now - timedelta(days=30), Person(0, "Jo"))
    reminders.add(
        store, now - timedelta(days=1), "Call Jo", wall(now - timedelta(minutes=1)), person_id=jo.id
    )
    app.scheduler.check()
    banner = app.window.banner
    assert not banner.isHidden()
    texts = [w.text() for w in banner.findChildren(type(app.window.page("today").heading))]
    assert any("Call Jo" in t for t in texts)
    done = next(
        b for b in banner.findChildren(type(app.window.nav_buttons["today"])) if b.text() == "Done"
    )
    qtbot.mouseClick(done, Qt.MouseButton.LeftButton)
    assert banner.isHidden()
    assert reminders.due(store, app.context.now()) == []
    assert contacts.get_person(store, jo.id).last_contact is not None


def test_snooze_from_the_banner(qtbot, app_with_window):
    app = app_with_window
    store = app.context.unlocked.store
    now = app.context.now()
    reminders.add(store, now - timedelta(days=1), "Take tablets", wall(now - timedelta(minutes=1)))
    app.scheduler.check()
    [item] = list(app.scheduler.showing.values())
    app.window.banner.snoozed.emit(item, now + timedelta(minutes=10))
    assert app.window.banner.isHidden()
    assert reminders.due(store, now + timedelta(minutes=5)) == []
    [again] = reminders.due(store, now + timedelta(minutes=11))
    assert again.snoozed


def test_missed_while_closed_are_listed_once_not_fired(qtbot, app_with_window):
    app = app_with_window
    store = app.context.unlocked.store
    now = app.context.now()
    reminders.add(
        store,
        now - timedelta(days=9),
        "Water the plants",
        wall(now - timedelta(days=8, hours=2)),
        Repeat("daily"),
    )
    app.scheduler.start()
    [dialog] = [d for d in app.window.findChildren(QDialog) if isinstance(d, WhileAwayDialog)]
    assert dialog.isVisible()
    assert len(dialog.items) == 1  # one entry, not eight
    assert app.window.banner.isHidden()  # nothing fired as a burst
    dialog.accept()
    assert reminders.due(store, app.context.now()) == []


def test_one_timer_waits_for_the_earliest(qtbot, app_with_window):
    app = app_with_window
    store = app.context.unlocked.store
    now = app.context.now()
    for minutes in range(60, 10, -1):
        reminders.add(store, now, f"R{minutes}", wall(now + timedelta(minutes=minutes)))
    app.scheduler.arm()
    wait = app.scheduler.next_wait_ms()
    assert 10 * 60_000 <= wait <= 12 * 60_000


def test_page_pause_delete_and_undo(qtbot, app_with_window):
    app = app_with_window
    store = app.context.unlocked.store
    now = app.context.now()
    choir = reminders.add(store, now, "Choir", wall(now + timedelta(days=1)), Repeat("weekly"))
    page = app.window.page("reminders")
    app.window.show_page("reminders")
    page.toggle_pause(choir)
    assert reminders.get(store, choir.id).paused
    page.delete(reminders.get(store, choir.id))
    assert reminders.all_reminders(store) == []
    status = app.window.status_line
    assert not status.undo_button.isHidden()
    qtbot.mouseClick(status.undo_button, Qt.MouseButton.LeftButton)
    assert [r.title for r in reminders.all_reminders(store)] == ["Choir"]


# the list of every reminder: a model, changed in place --------------------------------------


def three_reminders(app) -> dict[str, reminders.Reminder]:
    store = app.context.unlocked.store
    now = app.context.now()
    made = {}
    for title, days in (("Call Ann", 1), ("Choir", 2), ("Water the plants", 3)):
        made[title] = reminders.add(
            store, now, title, wall(now + timedelta(days=days)), Repeat("weekly")
        )
    return made


def reminders_page(app):
    app.window.show_page("reminders")
    return app.window.page("reminders")


def row_titles(page) -> list[str]:
    return [page.model.rows[i].title for i in range(page.model.rowCount())]


def chosen_title(page) -> str | None:
    reminder = page.selected()
    return reminder.title if reminder else None


def test_the_list_is_a_checked_model_with_the_right_rows_in_plain_words(
    qtbot, qtmodeltester, app_with_window
):
    app = app_with_window
    made = three_reminders(app)
    reminders.set_paused(app.session.store, made["Choir"].id, True, app.context.now())
    page = reminders_page(app)
    qtmodeltester.check(page.model)
    assert row_titles(page) == ["Call Ann", "Choir", "Water the plants"]
    words = [page.model.index(i).data(Qt.ItemDataRole.AccessibleTextRole) for i in range(3)]
    assert words[0].startswith("Call Ann. Every ")
    assert "Next: Tomorrow at" in words[0]
    assert "Paused: it won't remind you until you carry on." in words[1]
    assert "FREQ" not in " ".join(words)
    described = page.model.index(0).data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert "Enter" in described and "Delete" in described
    assert page.list.accessibleName() == "All your reminders"
    # the first is chosen, and the buttons below say which one they act on
    assert chosen_title(page) == "Call Ann"
    assert page.change_button.accessibleName() == "Change Call Ann"
    assert page.pause_button.accessibleName() == "Pause Call Ann"
    assert "Call Ann" in page.chosen.text()


def test_pause_keeps_the_chosen_row_and_the_focus(qtbot, qtmodeltester, app_with_window):
    app = app_with_window
    three_reminders(app)
    page = reminders_page(app)
    qtmodeltester.check(page.model)
    app.window.activateWindow()
    page.list.setFocus()
    page.list.select_row(1)
    qtbot.keyClick(page.list, Qt.Key.Key_Down)  # by keys: now "Water the plants"
    assert chosen_title(page) == "Water the plants"
    inserted, removed, resets = [], [], []
    page.model.rowsInserted.connect(lambda *a: inserted.append(a))
    page.model.rowsRemoved.connect(lambda *a: removed.append(a))
    page.model.modelReset.connect(lambda: resets.append(True))
    qtbot.mouseClick(page.pause_button, Qt.MouseButton.LeftButton)
    assert reminders.get(app.session.store, page.selected().id).paused
    assert chosen_title(page) == "Water the plants"  # still chosen
    assert "Paused" in page.chosen.text()
    assert page.pause_button.text() == "Carry on"
    assert (inserted, removed, resets) == ([], [], [])  # changed in place, not redrawn
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_Up)
    assert chosen_title(page) == "Choir"


def test_done_from_the_banner_keeps_the_chosen_row(qtbot, qtmodeltester, app_with_window):
    app = app_with_window
    store = app.context.unlocked.store
    now = app.context.now()
    three_reminders(app)
    jo = contacts.add_person(store, now - timedelta(days=30), Person(0, "Jo"))
    reminders.add(
        store, now - timedelta(days=1), "Ring Jo", wall(now - timedelta(minutes=1)), person_id=jo.id
    )
    page = reminders_page(app)
    qtmodeltester.check(page.model)
    page.list.select_row(page.model.row_of(reminders.all_reminders(store)[2].id))
    before = chosen_title(page)
    app.scheduler.check()
    done = next(
        b
        for b in app.window.banner.findChildren(type(app.window.nav_buttons["today"]))
        if b.text() == "Done"
    )
    qtbot.mouseClick(done, Qt.MouseButton.LeftButton)
    assert chosen_title(page) == before
    ring = page.model.row_of(
        next(r.id for r in reminders.all_reminders(store) if r.title == "Ring Jo")
    )
    text = page.model.index(ring).data(Qt.ItemDataRole.DisplayRole)
    assert "Done: it won't come up again." in text


def test_change_by_enter_keeps_the_renamed_row_chosen_and_the_focus(
    qtbot, qtmodeltester, app_with_window, monkeypatch
):
    app = app_with_window
    three_reminders(app)
    page = reminders_page(app)
    qtmodeltester.check(page.model)
    page.list.select_row(0)
    opened = []

    def rename(dialog: ReminderDialog) -> int:
        opened.append(dialog.existing.title)
        dialog.what.setText("Visit Ann")  # now sorts last: the row moves
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(ReminderDialog, "exec", rename)
    app.window.activateWindow()
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_Return)
    assert opened == ["Call Ann"]
    assert row_titles(page) == ["Choir", "Visit Ann", "Water the plants"]
    assert chosen_title(page) == "Visit Ann"  # the moved row is still the chosen one
    assert page.list.hasFocus()  # the keyboard is back on the list


def test_delete_key_deletes_the_chosen_and_undo_brings_it_back(
    qtbot, qtmodeltester, app_with_window
):
    app = app_with_window
    three_reminders(app)
    page = reminders_page(app)
    qtmodeltester.check(page.model)
    page.list.select_row(1)
    app.window.activateWindow()
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_Delete)
    assert [r.title for r in reminders.all_reminders(app.session.store)] == [
        "Call Ann",
        "Water the plants",
    ]
    assert row_titles(page) == ["Call Ann", "Water the plants"]
    assert page.selected() is not None  # a neighbour is chosen, so the buttons still act
    assert app.session.ops.undo(page)
    assert row_titles(page) == ["Call Ann", "Choir", "Water the plants"]


def test_five_thousand_reminders_show_fast(qtbot, app_with_window):

    app = app_with_window
    store = app.session.store
    now = app.context.now()
    start = wall(now + timedelta(days=30))
    with store.transaction():
        for n in range(5000):
            reminders.add(store, now, f"Reminder {n:04}", start, Repeat("weekly"))
    app.window.resize(1366, 768)
    app.window.show()
    page = reminders_page(app)  # how fast: bench/, never a timed test
    page.refresh()
    page.repaint()
    assert page.model.rowCount() == 5000
    page.list.select_row(4000)
    page.list.repaint()
    assert page.list.current_row() == 4000


def test_keep_in_touch_nudge_without_setting_up_a_reminder(qtbot, app_with_window):
    app = app_with_window
    store = app.context.unlocked.store
    now = app.context.now()
    contacts.add_person(
        store, now - timedelta(days=20), Person(0, "Eileen", schedule=contacts.Schedule(1, "weeks"))
    )
    app.scheduler.check()
    banner = app.window.banner
    assert not banner.isHidden()
    assert "Eileen" in banner.nudges.values()
    app.scheduler.check()
    assert list(banner.nudges.values()).count("Eileen") == 1  # nudged once per due date


def test_waking_from_sleep_lists_what_came_up_once(qtbot, app_with_window):
    app = app_with_window
    store = app.context.unlocked.store
    now = app.context.now()
    reminders.add(store, now - timedelta(days=1), "Ring Jo", wall(now - timedelta(minutes=40)))
    scheduler = app.scheduler
    scheduler._last_wall = now - timedelta(hours=1)  # an hour on the wall clock…
    scheduler._last_mono -= 30  # …but only 30 seconds of running: the computer slept
    with qtbot.waitSignal(scheduler.missed, timeout=2000) as caught:
        scheduler._beat()
    [item] = caught.args[0]
    assert item.reminder.title == "Ring Jo"
    assert app.window.banner.isHidden()  # listed once, not fired


def test_rows_change_in_place_whatever_the_change(qtbot, qtmodeltester):
    """Removals, inserts and moves in any mix leave exactly the fresh rows, a chosen row kept."""
    import random

    from PySide6.QtCore import QAbstractListModel, QItemSelectionModel, QModelIndex

    from ui.models.reminders import sync_rows

    class Plain(QAbstractListModel):
        def __init__(self):
            super().__init__()
            self.rows: list[tuple[int, str]] = []

        def rowCount(self, parent=QModelIndex()):  # noqa: B008, N802
            return 0 if parent.isValid() else len(self.rows)

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole and index.isValid():
                return self.rows[index.row()][1]
            return None

    model = Plain()
    qtmodeltester.check(model)
    chooser = QItemSelectionModel(model)
    chance = random.Random(7)
    current = [(n, f"row {n}") for n in range(30)]
    sync_rows(model, model.rows, current, lambda r: r[0])
    for _round in range(60):
        fresh = [r for r in current if chance.random() > 0.15]
        fresh += [(100 + _round * 10 + n, "new") for n in range(chance.randint(0, 3))]
        if chance.random() < 0.2:
            chance.shuffle(fresh)
        if fresh and chance.random() < 0.5:  # one renamed row moves
            fresh.insert(chance.randrange(len(fresh) + 1), fresh.pop(chance.randrange(len(fresh))))
        chosen = model.rows[chance.randrange(len(model.rows))][0] if model.rows else None
        if chosen is not None:
            at = next(i for i, r in enumerate(model.rows) if r[0] == chosen)
            chooser.setCurrentIndex(
                model.index(at), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        changed = sync_rows(model, model.rows, fresh, lambda r: r[0])
        assert model.rows == fresh and changed == []
        if chosen is not None and any(r[0] == chosen for r in fresh):
            assert model.rows[chooser.currentIndex().row()][0] == chosen
        current = fresh


def test_a_row_whose_words_grow_grows_too(qtbot):
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication

    from ui.widgets.row_delegate import LINES_ROLE, RowList

    model = QStandardItemModel()
    for n in range(3):
        item = QStandardItem()
        item.setData([(f"Row {n}", "title")], LINES_ROLE)
        model.appendRow(item)
    view = RowList()
    view.setModel(model)
    qtbot.addWidget(view)
    view.resize(300, 600)
    view.show()
    qtbot.waitExposed(view)
    before = view.visualRect(model.index(1, 0)).height()
    model.item(1).setData(
        [("Row 1", "title")] + [("A long line that wraps " * 3, "body")] * 3, LINES_ROLE
    )
    qtbot.waitUntil(lambda: view.visualRect(model.index(1, 0)).height() > 2 * before)
    QApplication.processEvents()
    below = view.visualRect(model.index(2, 0))
    assert below.top() >= view.visualRect(model.index(1, 0)).bottom()  # no overlap


def test_the_list_shows_when_the_keyboard_is_in_it(qtbot):
    """A thick ring in the focus colour, apart from the chosen row's outline (WCAG 2.4.7)."""
    from PySide6.QtGui import QPalette, QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

    from ui.widgets.row_delegate import FOCUS_RING, RowList

    holder = QWidget()
    column = QVBoxLayout(holder)
    other = QLineEdit()
    view = RowList()
    model = QStandardItemModel()
    model.appendRow(QStandardItem("Call Ann"))
    view.setModel(model)
    column.addWidget(other)
    column.addWidget(view)
    qtbot.addWidget(holder)
    holder.show()
    holder.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is holder)

    def ring_colour() -> str:
        QApplication.processEvents()
        return view.grab().toImage().pixelColor(FOCUS_RING // 2, view.height() // 2).name()

    highlight = view.palette().color(QPalette.ColorRole.Highlight).name()
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    assert ring_colour() != highlight
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    assert ring_colour() == highlight


def test_the_words_follow_the_day_without_redrawing_every_minute(qtbot, app_with_window):
    from ui.models.reminders import RemindersModel

    app = app_with_window
    store = app.session.store
    now = app.context.now().replace(hour=9, minute=0)
    reminders.add(store, now, "Call Ann", wall(now + timedelta(days=1)).replace(hour=17))
    model = RemindersModel()
    model.load(reminders.all_reminders(store), now)
    assert "Next: Tomorrow at" in model.index(0).data(Qt.ItemDataRole.DisplayRole)
    changed: list[object] = []
    model.dataChanged.connect(lambda *a: changed.append(a))
    model.load(reminders.all_reminders(store), now + timedelta(minutes=1))
    assert changed == []  # nothing a person reads changed
    model.load(reminders.all_reminders(store), now + timedelta(days=1))
    assert changed
    assert "Next: Today at" in model.index(0).data(Qt.ItemDataRole.DisplayRole)


# in a real window, by mouse and by keyboard ------------------------------------------------


def click_row(qtbot, view, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    view.scrollTo(view.model().index(row, 0))
    spot = view.visualRect(view.model().index(row, 0)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, spot)


def test_a_row_chosen_by_mouse_keeps_the_buttons_that_act_on_it(qtbot, app_with_window):
    """Clicking a row used to hide 'Chosen:', Change, Pause and Delete (Qt makes the row
    current before it selects it), so Pause could not be reached at all and Tab from the
    list went on to the banner."""
    app = app_with_window
    three_reminders(app)
    app.window.show()
    page = reminders_page(app)
    qtbot.waitExposed(app.window)
    click_row(qtbot, page.list, 1)
    assert chosen_title(page) == "Choir"
    for widget in (page.chosen, page.change_button, page.pause_button, page.delete_button):
        assert not widget.isHidden()
    assert "Choir" in page.chosen.text()
    assert page.pause_button.accessibleName() == "Pause Choir"
    app.window.activateWindow()
    page.list.setFocus()
    qtbot.waitUntil(page.list.hasFocus)
    qtbot.keyClick(page.list, Qt.Key.Key_Tab)
    assert app.window.focusWidget() is page.change_button
    # Ctrl and a click on the chosen row does not leave nothing chosen
    click_row(qtbot, page.list, 1, Qt.KeyboardModifier.ControlModifier)
    assert chosen_title(page) == "Choir"
    assert not page.pause_button.isHidden()
    qtbot.mouseClick(page.pause_button, Qt.MouseButton.LeftButton)
    assert reminders.get(app.session.store, page.selected().id).paused
    assert chosen_title(page) == "Choir"


def test_the_list_leaves_room_for_its_buttons_at_large_text(qtbot, app_with_window):
    """At 200% text on a 1366×768 screen, five rows made the list taller than the page's
    visible area, with Change, Pause and Delete far below it; now the list, the chosen line
    and the buttons can be in sight together, and the list scrolls inside."""
    from PySide6.QtWidgets import QApplication

    app = app_with_window
    store = app.session.store
    now = app.context.now()
    for n in range(7):
        reminders.add(
            store,
            now,
            f"Call my sister number {n}",
            wall(now + timedelta(days=n + 1)),
            Repeat("weekly"),
        )
    app.set_text_scale(200)
    page = reminders_page(app)
    for width, height in ((1366, 768), (1280, 720)):
        app.window.resize(width, height)
        app.window.show()
        qtbot.waitExposed(app.window)
        qtbot.waitUntil(lambda: page.list.height() == page.list.sizeHint().height())
        QApplication.processEvents()
        visible = page.scroll.viewport().height()
        needs = page.delete_button.geometry().bottom() - page.list.geometry().top()
        assert needs <= visible, (width, needs, visible)
        assert page.list.verticalScrollBar().maximum() > 0  # the rest scroll inside the list
        page.scroll.ensureWidgetVisible(page.delete_button)
        QApplication.processEvents()
        for widget in (page.list, page.chosen, page.pause_button, page.delete_button):
            top = widget.mapTo(page.scroll.viewport(), widget.rect().topLeft()).y()
            assert 0 <= top < visible, (widget, top, visible)


def test_a_list_moved_out_of_a_page_that_is_gone_still_measures_itself(qtbot):
    """The list follows the visible height of the page around it; when that page is taken
    apart first, measuring the list must not fail (it crashed the window in a real run)."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QScrollArea, QWidget
    from shiboken6 import delete

    from ui.widgets.row_delegate import RowList

    model = QStandardItemModel()
    for n in range(8):
        model.appendRow(QStandardItem(f"Reminder {n}"))
    first, second = QScrollArea(), QScrollArea()
    for area in (first, second):
        area.setWidget(QWidget())
        area.setWidgetResizable(True)
        area.resize(400, 300)
    qtbot.addWidget(second)
    view = RowList(share_of_view=0.5, parent=first.widget())
    view.setModel(model)
    first.show()
    qtbot.waitExposed(first)
    assert view.sizeHint().height() <= 150 + 2 * 8  # half of what the page shows
    view.setParent(second.widget())
    delete(first)
    second.show()
    qtbot.waitExposed(second)
    assert view.sizeHint().height() > 0


def test_a_reminder_that_comes_up_leaves_later_today(qtbot, app_with_window):
    """Today listed "10:19 AM · Call Harold" under "Later today" after it had come up in the
    banner: the clock moved, and no page heard of it."""
    app = app_with_window
    store = app.context.unlocked.store
    start = app.context.now()
    # Two minutes on, but never past midnight: "later today" is about today.
    start = min(start, start.replace(hour=23, minute=50))
    app.context.now = lambda: start
    reminders.add(
        store, start - timedelta(days=1), "Call Harold", wall(start + timedelta(minutes=2))
    )
    app.session.ops.announce(Change.REMINDERS)
    today = app.window.page("today")
    today.build_the_rest()

    def later_today() -> str:
        return " ".join(w.text() for w in today.reminders_card.findChildren(QLabel))

    assert "Call Harold" in later_today()
    app.context.now = lambda: start + timedelta(minutes=3)
    app.scheduler.check()
    assert not app.window.banner.isHidden()  # it came up
    assert "Call Harold" not in later_today()


def test_reminders_stay_in_the_window_when_the_desktop_is_turned_off(
    qtbot, app_with_window, monkeypatch
):
    """Settings → "Show reminders on the desktop too": off, a reminder that comes up shows
    in the window's top line only, and nothing is sent to the desktop; on, it is sent."""
    app = app_with_window
    store = app.context.unlocked.store
    now = app.context.now()
    sent: list[str] = []
    withdrawn: list[str] = []
    notifier = app.notifier
    monkeypatch.setattr(notifier, "show", lambda key, title, body: sent.append(body) or "dbus")
    monkeypatch.setattr(notifier, "withdraw", withdrawn.append)
    monkeypatch.setattr(notifier, "showing_keys", lambda: {"earlier@x"})
    settings_page = app.window.page("settings")
    assert settings_page.desktop.isChecked()  # on unless turned off
    settings_page.desktop.setChecked(False)
    assert app.context.settings.get("desktop_notifications") is False
    assert withdrawn == ["earlier@x"]  # what was on the desktop is taken down
    reminders.add(store, now - timedelta(days=1), "Take tablets", wall(now - timedelta(minutes=1)))
    app.scheduler.check()
    assert not app.window.banner.isHidden()
    assert sent == []
    settings_page.desktop.setChecked(True)
    reminders.add(store, now - timedelta(days=1), "Call Jo", wall(now - timedelta(minutes=1)))
    app.scheduler.check()
    assert sent == ["Call Jo"]
