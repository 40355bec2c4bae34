"""Review of Energy and Groups in a real window: Undo after saying yes to a rise and after
ending a pause; the feelings after a first visit chosen by keyboard; and what the
places list says when none of the places can be shown."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from companion import groups, planner
from companion.planner import Draft
from companion.resources import asset
from ui import actions_energy
from ui.dialogs.groups_reflect import ReflectDialog

NOW = datetime(2026, 12, 2, 9, 0).astimezone()  # a Wednesday morning
WEDNESDAY = date(2026, 12, 2)
EDINBURGH = (55.9533, -3.1883)  # far from every place in the Millbrook files


@pytest.fixture
def app(app_with_window):
    app_with_window.context.now = lambda: NOW
    app_with_window.context.settings.set("country", "GB")
    return app_with_window


def store_of(app):
    return app.context.unlocked.store


def page_of(app, key: str):
    app.window.show_page(key)
    return app.window.page(key)


# --- Energy: Undo wherever something is changed ------------------------------------------------


def test_yes_to_a_rise_can_be_taken_back(qtbot, app):
    store = store_of(app)
    this_week = planner.week_start_of(WEDNESDAY, 0)
    for weeks_ago in (1, 2, 3, 4):
        monday = this_week - timedelta(weeks=weeks_ago)
        for day in range(3):
            when = datetime.combine(monday + timedelta(days=day), time(10, 0))
            planner.add(store, NOW - timedelta(weeks=6), Draft("visit", "Tea", when, cost=2))
    page = page_of(app, "energy")
    assert not page.rise_yes.isHidden()
    qtbot.mouseClick(page.rise_yes, Qt.MouseButton.LeftButton)
    assert planner.budget(store) == 11
    assert app.session.ops.undo(page)
    assert planner.budget(store) == 10
    assert "10 points" in page.budget_text.text()


def test_ending_a_pause_by_mistake_can_be_taken_back(qtbot, app):
    store = store_of(app)
    until = WEDNESDAY + timedelta(days=5)
    page = page_of(app, "energy")
    actions_energy.pause(app.session, page, until)
    qtbot.mouseClick(page.end_pause_button, Qt.MouseButton.LeftButton)
    assert planner.paused_until(store, NOW) is None
    assert app.session.ops.undo(page)
    assert planner.paused_until(store, NOW) == until
    assert not page.paused_card.isHidden()


# --- Groups --------------------------------------------------------------------------------------


def test_enter_on_a_feeling_chooses_it_and_does_not_save_without_one(qtbot, app):
    store = store_of(app)
    groups.import_places_file(store, NOW, asset("demo", "millbrook-directory.csv"), language="en")
    singers = groups.places(store, "Wednesday Singers")[0]
    groups.try_this(store, NOW, place_id=singers.id, planned_for=datetime(2026, 12, 1, 19, 0))
    [tried] = groups.tries(store)
    dialog = ReflectDialog(app.session, tried, page_of(app, "groups"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    hard = dialog.feeling_radios[1]
    hard.setFocus()
    QTest.keyClick(hard, Qt.Key.Key_Return)
    assert hard.isChecked()
    assert dialog.isVisible() and dialog.saved is None  # not saved with no feeling
    QTest.keyClick(hard, Qt.Key.Key_Return)  # chosen: Enter now saves, with the feeling
    assert dialog.saved is not None and dialog.saved.feeling == 1


def test_no_feeling_chosen_yet_an_arrow_chooses(qtbot, app):
    store = store_of(app)
    groups.import_places_file(store, NOW, asset("demo", "millbrook-directory.csv"), language="en")
    singers = groups.places(store, "Wednesday Singers")[0]
    groups.try_this(store, NOW, place_id=singers.id, planned_for=datetime(2026, 12, 1, 19, 0))
    [tried] = groups.tries(store)
    dialog = ReflectDialog(app.session, tried)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    first = dialog.feeling_radios[1]
    first.setFocus()
    QTest.keyClick(first, Qt.Key.Key_Down)
    assert dialog.feeling.checkedId() > 0  # a ring moved and something is chosen with it


def test_places_far_from_a_new_home_say_what_to_do_not_try_all_places(qtbot, app):
    store = store_of(app)
    groups.import_places_file(store, NOW, asset("demo", "millbrook-directory.csv"), language="en")
    groups.set_home(app.context.settings, "Edinburgh", *EDINBURGH)
    page = page_of(app, "groups")
    assert page.places_view.isHidden()
    words = page.places_empty.text()
    assert not page.places_empty.isHidden()
    assert "Try all places" not in words  # there was no such button to press
    assert "Check where you live" in words
    assert page.show_all_button.isHidden()


def test_a_kind_with_no_places_and_no_home_set_does_not_speak_of_home(qtbot, app):
    store = store_of(app)
    groups.import_places_file(store, NOW, asset("demo", "millbrook-directory.csv"), language="en")
    page = page_of(app, "groups")
    have = {k for p in groups.places(store) for k in p.kinds}
    missing = next(k.id for k in groups.catalogue().kinds if k.id not in have)
    page.kind_filter = missing
    page.refresh()
    assert page.places_view.isHidden()
    words = page.places_empty.text()
    assert "home" not in words  # no home is set
    assert "Show all places" in words and not page.show_all_button.isHidden()
