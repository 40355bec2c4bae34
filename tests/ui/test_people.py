"""People: the list, search, quick logging, the person's page, undo, and Today's suggestions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent, QPointF, QRect, Qt
from PySide6.QtGui import QFontMetrics, QMouseEvent
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from companion import challenge, contacts
from companion.contacts import Person, Schedule
from ui.dialogs.challenge import ChallengeDialog
from ui.dialogs.person import PersonDialog
from ui.models.people import (
    NAME,
    PERSON_ID_ROLE,
    SORT_ROLE,
    PeopleFilterProxy,
    PeopleModel,
    detail_text,
)
from ui.widgets.common import MIN_TARGET_PX
from ui.widgets.row_delegate import LINES_ROLE


def add(app, name, circle="friend", days_ago=None, every=(1, "weeks")):
    store = app.context.unlocked.store
    now = app.context.now()
    person = contacts.add_person(
        store, now - timedelta(days=60), Person(0, name, circle, schedule=Schedule(*every))
    )
    if days_ago is not None:
        contacts.log_contact(store, person.id, now - timedelta(days=days_ago), "call")
    return person


def test_model_passes_qt_model_tester(qtmodeltester, app_with_window):
    for number in range(30):
        add(app_with_window, f"Person {number}", days_ago=number)
    model = PeopleModel(app_with_window.context.now().date())
    model.load(contacts.people(app_with_window.context.unlocked.store), model.today)
    qtmodeltester.check(model)
    proxy = PeopleFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filter("person 1")
    qtmodeltester.check(proxy)  # and it keeps watching every change below
    assert proxy.rowCount() == 11  # Person 1, 10..19


def shown(proxy):
    return [proxy.index(r, NAME).data() for r in range(proxy.rowCount())]


def test_the_filter_follows_every_change_of_the_list(qtmodeltester):
    """People come and go, change and are sorted while a search is on: the rows shown are
    always those that match, in the list's order, and Qt's model tester finds no fault."""
    from datetime import date

    from PySide6.QtCore import QPersistentModelIndex, Qt

    today = date(2026, 12, 4)

    def person(i, name=None, circle="friend"):
        return Person(i, name or f"Person {i:02d}", circle, next_due=date(2026, 12, 1 + i % 20))

    model = PeopleModel(today)
    model.load([person(i, circle="family" if i % 3 else "friend") for i in range(1, 31)], today)
    proxy = PeopleFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_filter("person 1")
    assert shown(proxy) == [f"Person {i}" for i in range(10, 20)]
    chosen = QPersistentModelIndex(proxy.index(2, NAME))  # Person 12, as the list keeps it
    proxy.set_filter("person 12")  # a key typed on
    assert shown(proxy) == ["Person 12"] and chosen.data() == "Person 12"
    proxy.set_filter("person 1")  # and rubbed out
    assert len(shown(proxy)) == 10 and chosen.data() == "Person 12"
    everyone = [person(i, circle="family" if i % 3 else "friend") for i in range(1, 31)]
    everyone = [p for p in everyone if p.id not in (11, 14, 25)]  # taken off on another page
    everyone += [person(41, "Person 1x"), person(42, "Zoe")]  # added there
    everyone[9] = person(10, "Ann")  # renamed: Person 10 no longer matches
    model.load(everyone, today)
    assert model.index(0, NAME).data() == "Ann"  # moved to her place in the order
    assert shown(proxy) == ["Person 12", "Person 13"] + [
        f"Person {i}" for i in (15, 16, 17, 18, 19)
    ] + ["Person 1x"]
    assert chosen.data() == "Person 12"
    proxy.sort(3, Qt.SortOrder.DescendingOrder)  # "Next time", latest first
    dues = [proxy.index(r, 3).data(SORT_ROLE) for r in range(proxy.rowCount())]
    assert dues == sorted(dues, reverse=True) and len(dues) == 8
    assert chosen.data() == "Person 12"
    proxy.set_filter("person", circle="friend")
    friends = {f"Person {i:02d}" for i in (3, 6, 9, 12, 15, 18, 21, 24, 27, 30)}
    assert set(shown(proxy)) == friends | {"Person 1x"}
    proxy.set_filter("nobody")
    assert shown(proxy) == [] and not chosen.isValid()  # let go: no one to act on
    proxy.set_filter("")
    assert proxy.rowCount() == model.rowCount() == 29
    model.load([person(i) for i in range(1, 500)], today)  # many at once: laid out anew
    assert proxy.rowCount() == 499


def test_a_key_in_the_search_redraws_the_list_in_one_step(qtbot, app_with_window):
    """With thousands of people each key is one change of the list (not a signal for each
    run of rows that comes or goes), and the person chosen stays chosen while they show."""
    store = app_with_window.context.unlocked.store
    contacts.add_people(
        store,
        app_with_window.context.now(),
        (Person(0, f"{first} {n:04d}") for n in range(600) for first in ("Jo", "Ann")),
    )
    page = app_with_window.window.page("people")
    app_with_window.window.show_page("people")
    page.refresh()
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1200, timeout=10000)
    page.list.select_row(page.proxy.rowCount() - 3)  # Jo 0597
    chosen = page.chosen_id()
    steps = []
    for signal in ("layoutChanged", "rowsRemoved", "rowsInserted", "modelReset"):
        getattr(page.proxy, signal).connect(lambda *_a, s=signal: steps.append(s))
    qtbot.keyClicks(page.search, "jo 05")
    assert steps == ["layoutChanged"] * 2  # "j" and "jo 05": "jo", "jo " and "jo 0" show the same
    assert page.proxy.rowCount() == 100 and page.chosen_id() == chosen
    qtbot.keyClick(page.search, Qt.Key.Key_Backspace)
    assert page.proxy.rowCount() == 600 and page.chosen_id() == chosen
    # The list lays out long lists in batches, between events, as a person's typing gives it.
    current = page.list.currentIndex()
    qtbot.waitUntil(lambda: page.list.indexAt(page.list.visualRect(current).center()) == current)
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_Down)  # the arrows go on from the chosen person
    assert page.proxy.index(page.list.current_row(), NAME).data() == "Jo 0598"
    chosen = page.chosen_id()
    page.search.setText("ann 01")  # Jo 0598 hidden: no one is chosen, Enter opens no one
    assert page.proxy.rowCount() == 100 and page.chosen_id() is None
    page.search.clear()  # back in sight: chosen again, as before the search
    assert page.chosen_id() == chosen


def test_empty_state_then_people_listed(qtbot, app_with_window):
    window = app_with_window.window
    window.show_page("people")
    page = window.page("people")
    assert page.empty.isVisibleTo(page)
    assert "No one here yet" in page.empty.text()
    add(app_with_window, "Jo Bennett", "family", days_ago=20)
    add(app_with_window, "Tom Okoro", days_ago=1)
    page.refresh()
    assert not page.empty.isVisibleTo(page)
    names = [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]
    assert names == ["Jo Bennett", "Tom Okoro"]
    assert page.proxy.index(0, 3).data() == "It's been a while"


def test_search_and_filters_are_instant_and_combine(qtbot, app_with_window):
    for name, circle, ago in [("Jo", "family", 20), ("Joan", "friend", 1), ("Bob", "family", 1)]:
        add(app_with_window, name, circle, days_ago=ago)
    page = app_with_window.window.page("people")
    page.refresh()
    qtbot.keyClicks(page.search, "jo")
    assert page.proxy.rowCount() == 2
    page.circle.setCurrentIndex(page.circle.findData("family"))
    assert page.proxy.rowCount() == 1
    page.search.clear()
    page.circle.setCurrentIndex(0)
    add(app_with_window, "Ann", "friend", days_ago=2, every=(1, "months"))  # not for weeks
    page.refresh()
    page.overdue.setChecked(True)
    names = [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]
    assert names == ["Bob", "Jo", "Joan"]  # this week or overdue, as Today counts them


def option_for(view, index):
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = view.visualRect(index)
    option.direction = view.layoutDirection()
    return option


def click_in_touch(qtbot, page, row):
    """Click the "I was in touch" button drawn in a row of the list."""
    index = page.proxy.index(row, NAME)
    page.list.scrollTo(index)
    rect = page.list.itemDelegate().button_rect(option_for(page.list, index), index)
    qtbot.mouseClick(page.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_one_click_logs_a_contact_from_the_list(qtbot, app_with_window):
    jo = add(app_with_window, "Jo", days_ago=20)
    page = app_with_window.window.page("people")
    app_with_window.window.show_page("people")
    page.refresh()
    index = page.proxy.index(0, NAME)
    assert index.data(PERSON_ID_ROLE) == jo.id
    click_in_touch(qtbot, page, 0)
    person = contacts.get_person(app_with_window.context.unlocked.store, jo.id)
    assert person.last_contact.date() == app_with_window.context.now().date()
    assert "Last in touch: today" in index.data(LINES_ROLE)[1][0]  # the row says so at once
    status = app_with_window.window.status_line
    assert "Noted: you were in touch with Jo" in status.text.text()
    assert not status.undo_button.isHidden()
    qtbot.mouseClick(status.undo_button, Qt.MouseButton.LeftButton)
    assert contacts.get_person(
        app_with_window.context.unlocked.store, jo.id
    ).last_contact.date() < (app_with_window.context.now().date())


def test_a_double_click_on_the_button_notes_it_once(qtbot, app_with_window):
    jo = add(app_with_window, "Jo", days_ago=20)
    page = app_with_window.window.page("people")
    app_with_window.window.show_page("people")
    page.refresh()
    index = page.proxy.index(0, NAME)
    rect = page.list.itemDelegate().button_rect(option_for(page.list, index), index)
    opened = []
    page.open_person = opened.append
    viewport = page.list.viewport()
    # As a mouse sends a double click: press, release, a double-click press, release.
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    where = QPointF(rect.center())
    double = QMouseEvent(
        QEvent.Type.MouseButtonDblClick,
        where,
        viewport.mapToGlobal(where),
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, double)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    store = app_with_window.context.unlocked.store
    assert len(contacts.contacts_for(store, jo.id)) == 2  # the one 20 days ago, and one now
    assert opened == []  # and the person's page did not open as well


def test_add_someone_with_a_bad_birthday_is_refused_then_added(qtbot, app_with_window):
    store = app_with_window.context.unlocked.store
    dialog = PersonDialog(app_with_window.session, "GB")
    qtbot.addWidget(dialog)
    dialog.save()  # no name
    assert not dialog.error.isHidden() and "name" in dialog.error.text()
    assert contacts.count_people(store) == 0
    dialog.form.name.setText("Anne")
    dialog.form.phone.setText("01632 960123")
    dialog.save()
    [anne] = contacts.people(store)
    assert anne.phones[0].number == "+441632960123"


def test_ticking_i_know_their_birthday_never_saves_a_made_up_day(qtbot, app_with_window):
    """The birthday field opened as "1 January 1950" once ticked: Enter saved that day for
    someone whose birthday nobody typed. It is empty now, and saving asks for the day."""
    store = app_with_window.context.unlocked.store
    dialog = PersonDialog(app_with_window.session, "GB")
    qtbot.addWidget(dialog)
    dialog.form.name.setText("Hilde")
    dialog.form.has_birthday.setChecked(True)
    assert dialog.form.birthday.edit.text() == ""  # only the example shows
    dialog.save()
    assert "Please type the birthday" in dialog.error.text()
    assert contacts.count_people(store) == 0
    dialog.form.birthday.edit.setText("14.03.1948")
    dialog.form.birthday.edit.editingFinished.emit()
    dialog.save()
    [hilde] = contacts.people(store)
    assert hilde.birthday == "1948-03-14"


def test_person_page_logs_and_notes_and_delete_can_be_undone(qtbot, app_with_window, monkeypatch):
    jo = add(app_with_window, "Jo", "family", days_ago=20)
    store = app_with_window.context.unlocked.store
    page = app_with_window.window.page("people")
    app_with_window.window.show_page("people")

    def use_page(dialog: PersonDialog) -> int:
        assert "Last in touch" in dialog.status.text()
        qtbot.mouseClick(dialog.just_now, Qt.MouseButton.LeftButton)
        assert "today" in dialog.status.text()
        dialog.note_text.setText("She drove me to the hospital")
        qtbot.mouseClick(dialog.note_add, Qt.MouseButton.LeftButton)
        assert [n.text for n in contacts.notes_for(store, jo.id)] == [
            "She drove me to the hospital"
        ]
        dialog.remove()
        return dialog.result()

    monkeypatch.setattr(PersonDialog, "exec", use_page)
    page.open_person(jo.id)
    assert contacts.people(store) == []
    status = app_with_window.window.status_line
    assert "Jo was removed" in status.text.text()
    qtbot.mouseClick(status.undo_button, Qt.MouseButton.LeftButton)
    [back] = contacts.people(store)
    assert back.name == "Jo" and len(contacts.contacts_for(store, jo.id)) == 2


def test_today_suggests_a_few_and_logs_or_snoozes(qtbot, app_with_window):
    for number in range(5):
        add(app_with_window, f"Friend {number}", days_ago=30 + number)
    today = app_with_window.window.page("today")
    today.refresh()
    rows = today.people_rows.count()
    assert rows == 3  # a few, not a wall
    assert "See 2 more" in today.see_all.text()
    store = app_with_window.context.unlocked.store
    first_button = today.people_rows.itemAt(0).widget().findChildren(type(today.see_all))[0]
    qtbot.mouseClick(first_button, Qt.MouseButton.LeftButton)  # I was in touch
    status = app_with_window.window.status_line
    assert "Noted: you were in touch with Friend 4" in status.text.text()
    in_touch = [
        p
        for p in contacts.people(store)
        if p.last_contact.date() == app_with_window.context.now().date()
    ]
    assert len(in_touch) == 1
    later = today.people_rows.itemAt(0).widget().findChildren(type(today.see_all))[1]
    qtbot.mouseClick(later, Qt.MouseButton.LeftButton)
    assert "again on" in status.text.text()
    more = int(today.see_all.text().split()[1])
    shown = today.people_rows.count()
    qtbot.mouseClick(today.see_all, Qt.MouseButton.LeftButton)
    assert app_with_window.window.current_page() == "people"
    people_page = app_with_window.window.page("people")
    assert people_page.overdue.isChecked()
    assert people_page.proxy.rowCount() == shown + more  # "See 2 more" shows those two too


def test_challenge_from_today(qtbot, app_with_window, monkeypatch):
    card = app_with_window.window.page("today").challenge_card
    assert card.main_button.text() == "Choose my five actions"

    def choose(dialog: ChallengeDialog) -> int:
        dialog.texts[2].setText("")
        dialog.start()
        assert "each of the five days" in dialog.error.text()
        dialog.texts[2].setText("Ask Jo to come for tea")
        dialog.start()
        return dialog.result()

    monkeypatch.setattr(ChallengeDialog, "exec", choose)
    qtbot.mouseClick(card.main_button, Qt.MouseButton.LeftButton)
    assert card.text.text().startswith("Day 1 of 5")
    qtbot.mouseClick(card.main_button, Qt.MouseButton.LeftButton)  # I did it today
    running = challenge.current(app_with_window.context.unlocked.store)
    assert running.days[0].done
    assert "1 day in a row" in card.progress.text()
    assert running.days[2].action == "Ask Jo to come for tea"


def test_people_picture_is_described_in_words(qtbot, app_with_window):
    add(app_with_window, "Jo", "family", days_ago=3)
    add(app_with_window, "Walking group", "group", days_ago=60)
    page = app_with_window.window.page("people")
    page.refresh()
    words = page.picture_words.text()
    assert "2 people" in words and "2 kinds" in words
    assert page.picture.accessibleDescription() == words


NAMES = ("Anne Kowalski", "Dorothy Hill-Montgomery", "Bartholomew Featherstonehaugh", "Jo Bennett")


def cut_names(page) -> list[str]:
    """Every name in the list not shown whole: wrapped past its row, or a word too wide."""
    view = page.list
    cut = []
    for row in range(page.proxy.rowCount()):
        index = page.proxy.index(row, NAME)
        option = option_for(view, index)
        placed, _button = view.itemDelegate()._parts(option, index)
        (where, name, font), (under, _details, _small) = placed
        assert name == index.data()
        flags = int(Qt.TextFlag.TextWordWrap)
        needed = QFontMetrics(font).boundingRect(QRect(0, 0, where.width(), 100_000), flags, name)
        if needed.width() > where.width() or needed.height() > where.height():
            cut.append(name)
        if not option.rect.contains(where) or not option.rect.contains(under):
            cut.append(name)
    return cut


def rows_in_sight(page) -> int:
    """How many whole rows show in the list once the keyboard goes into it from the top of
    the page (the window scrolls whatever gets the focus into sight: ``keep_in_view``)."""
    from ui.pages.base import keep_in_view

    view = page.list
    page.scroll.verticalScrollBar().setValue(0)
    view.window().activateWindow()
    view.setFocus(Qt.FocusReason.TabFocusReason)
    keep_in_view(view)
    seen = view.viewport().rect()
    top = view.viewport().mapTo(page.scroll.viewport(), seen.topLeft()).y()
    bottom = min(seen.height(), page.scroll.viewport().height() - top)
    return sum(
        1
        for row in range(page.proxy.rowCount())
        if (rect := view.visualRect(page.proxy.index(row, NAME))).top() >= 0
        and rect.bottom() <= bottom
    )


@pytest.mark.parametrize(
    ("language", "scale"),
    [("en", 100), ("de", 100), ("en", 200), ("de", 200), ("ar", 200)],
)
def test_names_and_when_are_whole_at_every_size_and_language(
    qtbot, app_with_window, language, scale
):
    """On a 1366×768 screen names are never cut and each row says when you were last in
    touch and the next time; several people are in sight at once, four in English at 200%.
    (The table this list replaced showed "Anne Kow…" and one and a half rows at 200%.)"""
    app = app_with_window
    for name in NAMES + ("Margaret Ellis", "Tom Okoro"):
        add(app, name, days_ago=20)
    app.window.resize(1366, 768)
    app.set_language(language)
    app.profile.preferences.set("text_scale", scale)
    app.apply_theme()
    app.window.show_page("people")
    page = app.window.page("people")
    page.refresh()
    qtbot.waitUntil(lambda: page.list.viewport().width() > 0)
    qtbot.waitUntil(lambda: not cut_names(page))
    index = page.proxy.index(0, NAME)
    (_name, _k), (details, _kind) = index.data(LINES_ROLE)
    assert details == detail_text(page.model.rows[0], page.model.today)
    said = index.data(Qt.ItemDataRole.AccessibleTextRole)
    assert index.data() in said and len(said) > len(index.data()) + 10  # the rest, in words
    # Several people in sight; four in English (longer words take more lines).
    qtbot.waitUntil(lambda: rows_in_sight(page) >= (4 if language == "en" else 3))
    # Scroll bars as wide as anything else to click.
    assert page.list.verticalScrollBar().sizeHint().width() >= MIN_TARGET_PX
    assert page.scroll.verticalScrollBar().sizeHint().width() >= MIN_TARGET_PX


def test_the_list_by_keyboard_alone(qtbot, app_with_window):
    """Tab reaches the list and leaves it; arrows choose; Ctrl+L notes a contact, Enter
    opens the person, Delete takes them off the list, and Undo brings them back."""
    app = app_with_window
    store = app.context.unlocked.store
    anne = add(app, "Anne Kowalski", days_ago=20)
    bart = add(app, "Bartholomew Featherstonehaugh", days_ago=20)
    app.window.show_page("people")
    page = app.window.page("people")
    page.refresh()
    assert "Ctrl+L" in page.how.text() and "Ctrl+Z" in page.how.text()  # it says how
    assert not page.how.isHidden()
    app.window.activateWindow()
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_Down)
    qtbot.keyClick(page.list, Qt.Key.Key_Down)
    assert page.chosen_id() == bart.id
    qtbot.keyClick(page.list, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert len(contacts.contacts_for(store, bart.id)) == 2
    assert page.chosen_id() == bart.id  # the chosen row stays chosen after the change
    assert "Noted: you were in touch with Bartholomew" in app.window.status_line.text.text()
    opened = []
    page.open_person = opened.append
    assert page.list.hasFocus()  # the list keeps the keyboard: the arrows go on choosing
    qtbot.keyClick(page.list, Qt.Key.Key_Return)
    assert opened == [bart.id]
    qtbot.keyClick(page.list, Qt.Key.Key_Delete)
    assert [p.name for p in contacts.people(store)] == ["Anne Kowalski"]
    assert page.chosen_id() == anne.id  # the next one is chosen
    assert "was removed" in app.window.status_line.text.text()
    assert page.list.hasFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(contacts.people(store)) == 2
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_Tab)
    assert not page.list.hasFocus()  # Tab leaves the list


def test_the_order_can_be_chosen_and_the_chosen_person_follows(qtbot, app_with_window):
    app = app_with_window
    add(app, "Anne", days_ago=3)
    jo = add(app, "Jo", days_ago=40)
    add(app, "Bob", days_ago=10)
    page = app.window.page("people")
    app.window.show_page("people")
    page.refresh()
    names = lambda: [page.proxy.index(r, NAME).data() for r in range(page.proxy.rowCount())]  # noqa: E731
    assert names() == ["Anne", "Bob", "Jo"]
    page.list.select_row(2)
    assert page.order_title.buddy() is page.order and page.order_title.text() == "Order"
    page.order.setCurrentIndex(1)  # longest since you were in touch
    assert names() == ["Jo", "Bob", "Anne"]
    assert page.chosen_id() == jo.id
    page.search.setText("o")
    assert names() == ["Jo", "Bob"] and page.chosen_id() == jo.id


def test_the_search_box_has_its_words_above_it(qtbot, app_with_window):
    add(app_with_window, "Jo")
    page = app_with_window.window.page("people")
    page.refresh()
    assert page.search.placeholderText() == ""
    assert page.search_title.text() == "Search by name"
    assert page.search_title.buddy() is page.search
    assert not page.search_title.isHidden()


def test_a_long_list_has_rows_of_one_height_and_names_still_whole(
    qtbot, app_with_window, monkeypatch
):
    """From hundreds of people every row is as tall as the roomiest (Qt then measures one
    row, not thousands, after each key typed in the search box); no name is cut."""
    from ui.pages import people as people_page

    monkeypatch.setattr(people_page, "SAME_HEIGHT_FROM", 3)
    app = app_with_window
    for name in NAMES:
        add(app, name, days_ago=20)
    app.window.resize(1366, 768)
    app.profile.preferences.set("text_scale", 200)
    app.apply_theme()
    app.window.show_page("people")
    page = app.window.page("people")
    page.refresh()
    assert page.list.uniformItemSizes()
    qtbot.waitUntil(lambda: not cut_names(page))
    heights = {page.list.visualRect(page.proxy.index(r, NAME)).height() for r in range(4)}
    assert len(heights) == 1
    qtbot.keyClicks(page.search, "bart")
    assert page.proxy.rowCount() == 1
    assert not cut_names(page)
    page.search.clear()
    tall = page.list.visualRect(page.proxy.index(0, NAME)).height()
    add(app, "Maximiliane Wilhelmina Hohenzollern-Sigmaringen von Featherstonehaugh")
    page.refresh()  # a longer name than any before: every row grows to hold it
    qtbot.waitUntil(lambda: page.list.visualRect(page.proxy.index(0, NAME)).height() > tall)
    assert not cut_names(page)


def test_each_row_says_when_in_plain_words():
    from datetime import UTC, date, datetime

    from ui.models.people import Row

    today = date(2026, 12, 4)

    def words(last_days=None, due_days=None, snoozed_days=None):
        person = Person(
            1,
            "Jo",
            last_contact=None
            if last_days is None
            else datetime(2026, 12, 4, 12, tzinfo=UTC) - timedelta(days=last_days),
            next_due=None if due_days is None else today + timedelta(days=due_days),
            snoozed_until=None if snoozed_days is None else today + timedelta(days=snoozed_days),
        )
        return detail_text(Row(person, "jo", None), today)

    assert words(35, -5) == "Last in touch: 5 weeks ago · It's been a while"
    assert words(None, 0) == "Not in touch yet · When you're ready"
    assert words(1, 0) == "Last in touch: yesterday · Next time: today"
    assert words(4, 10) == "Last in touch: 4 days ago · Next time: in 10 days"
    assert words(4, 21) == "Last in touch: 4 days ago · Next time: in 3 weeks"
    assert words(0, None) == "Last in touch: today · No schedule"
    assert words(30, -3, snoozed_days=4).endswith("Later: from December 8, 2026")
