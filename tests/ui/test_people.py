"""People: the list, search, quick logging, the person's page, undo, and Today's suggestions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyleOptionViewItem

from companion import challenge, contacts
from companion.contacts import Person, Schedule
from ui.dialogs.challenge import ChallengeDialog
from ui.dialogs.person import PersonDialog
from ui.models.people import (
    ACTION,
    DETAIL_ROLE,
    LAST,
    NAME,
    PERSON_ID_ROLE,
    PeopleFilterProxy,
    PeopleModel,
    detail_text,
    widest_details,
)
from ui.pages.people import NameDelegate
from ui.widgets.common import MIN_TARGET_PX


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
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 11  # Person 1, 10..19


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


def test_one_click_logs_a_contact_from_the_list(qtbot, app_with_window):
    jo = add(app_with_window, "Jo", days_ago=20)
    page = app_with_window.window.page("people")
    app_with_window.window.show_page("people")
    page.refresh()
    index = page.proxy.index(0, ACTION)
    assert index.data(PERSON_ID_ROLE) == jo.id
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    person = contacts.get_person(app_with_window.context.unlocked.store, jo.id)
    assert person.last_contact.date() == app_with_window.context.now().date()
    status = app_with_window.window.status_line
    assert "Noted: you were in touch with Jo" in status.text.text()
    assert not status.undo_button.isHidden()
    qtbot.mouseClick(status.undo_button, Qt.MouseButton.LeftButton)
    assert contacts.get_person(
        app_with_window.context.unlocked.store, jo.id
    ).last_contact.date() < (app_with_window.context.now().date())


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


def names_whole(page) -> list[str]:
    """Every name in the list that is not shown whole (cut, or shortened with '…')."""
    table = page.table
    cut = []
    for row in range(page.proxy.rowCount()):
        index = page.proxy.index(row, NAME)
        name = index.data()
        if page.compact:  # wrapped on top, the second line under it: the row holds both
            room = QRect(0, 0, table.columnWidth(NAME) - 2 * NameDelegate.PAD, 100_000)
            flags = NameDelegate.text_flags(table.layoutDirection())
            needed = (
                QFontMetrics(page.name_font()).boundingRect(room, flags, name).height()
                + table.fontMetrics().boundingRect(room, flags, index.data(DETAIL_ROLE)).height()
            )
            if needed > table.rowHeight(row):
                cut.append(name)
        else:
            option = QStyleOptionViewItem()
            table.initViewItemOption(option)
            needed = table.itemDelegateForIndex(index).sizeHint(option, index).width()
            if needed > table.columnWidth(NAME):
                cut.append(name)
    return cut


@pytest.mark.parametrize(
    ("language", "scale", "compact"),
    [
        ("en", 100, False),
        ("de", 100, None),
        ("en", 200, True),
        ("de", 200, True),
        ("ar", 200, True),
    ],
)
def test_names_are_whole_at_every_size_and_language(
    qtbot, app_with_window, language, scale, compact
):
    """On a 1366×768 screen names are never cut: beside the columns when they fit, else each
    person is two lines (the name on top, 'circle · last in touch · next time' below) with
    the button still in the row. At 200% the review saw 'Ann…', 'Dav…' and three rows."""
    app = app_with_window
    for name in NAMES:
        add(app, name, days_ago=20)
    app.window.resize(1366, 768)
    app.set_language(language)
    app.profile.preferences.set("text_scale", scale)
    app.apply_theme()
    app.window.show_page("people")
    page = app.window.page("people")
    page.refresh()
    qtbot.waitUntil(lambda: page.table.viewport().width() > 0)
    qtbot.waitUntil(lambda: not names_whole(page))
    if compact is not None:
        assert page.compact is compact
    assert not page.table.isColumnHidden(ACTION)  # "I was in touch" stays in every row
    if page.compact:
        assert page.table.isColumnHidden(LAST)
        index = page.proxy.index(0, NAME)
        said = index.data(Qt.ItemDataRole.AccessibleTextRole)
        assert index.data() in said and len(said) > len(index.data()) + 10  # the rest, in words
    # Scroll bars as wide as anything else to click.
    assert page.table.verticalScrollBar().sizeHint().width() >= MIN_TARGET_PX
    assert page.scroll.verticalScrollBar().sizeHint().width() >= MIN_TARGET_PX


def test_narrow_list_keeps_enter_and_the_button(qtbot, app_with_window):
    app = app_with_window
    person = add(app, "Bartholomew Featherstonehaugh", days_ago=20)
    app.window.resize(1366, 768)
    app.profile.preferences.set("text_scale", 200)
    app.apply_theme()
    app.window.show_page("people")
    page = app.window.page("people")
    page.refresh()
    qtbot.waitUntil(lambda: page.compact)
    before = contacts.get_person(app.context.unlocked.store, person.id).last_contact
    page.table.setFocus()
    page.table.setCurrentIndex(page.proxy.index(0, ACTION))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter on "I was in touch" notes it
    after = contacts.get_person(app.context.unlocked.store, person.id).last_contact
    assert after is not None and after != before


def test_rows_are_sized_for_the_longest_second_line_there_is():
    """The narrow layout sizes every row from a few lines (one per kind), not from formatting
    20,000 people's dates; no one's own line is longer than the longest of its kind."""
    today = date(2026, 12, 4)
    people = []
    for number, circle in enumerate(contacts.CIRCLES):
        for last in (None, 0, 1, 5, 20, 90, 400):
            for due in (None, -30, 0, 3, 40):
                people.append(
                    Person(
                        len(people),
                        f"P{number}",
                        circle,
                        last_contact=None
                        if last is None
                        else datetime(2026, 12, 4, tzinfo=UTC) - timedelta(days=last),
                        next_due=None if due is None else today + timedelta(days=due),
                        snoozed_until=today + timedelta(days=9) if due == 3 else None,
                    )
                )
    widest = widest_details(people, today)
    model = PeopleModel(today)
    model.load(people, today)
    for row in model.rows:
        line = detail_text(row, today)
        same_kind = [w for w in widest if w.split(" · ")[0] == line.split(" · ")[0]]
        assert len(line) <= max(len(w) for w in same_kind), line
