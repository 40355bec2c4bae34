"""The demo tells one story, the same every time; the tour walks through it by keyboard."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from companion import demo
from companion.backup import user_tables
from companion.profile import Profile

NOW = datetime(2026, 3, 18, 10, 0, tzinfo=ZoneInfo("Europe/London"))


def _story(folder: Path, vault) -> dict[str, list[tuple]]:
    unlocked = Profile(folder, vault).create("keyring")
    try:
        demo.fill(unlocked, NOW)
        store = unlocked.store
        return {
            table: sorted(map(tuple, store.query(f'SELECT * FROM "{table}"')), key=repr)
            for table in user_tables(store.query)
            if table != "parent_key"  # the parent view's own key: random, as a key must be
        }
    finally:
        unlocked.close()


def test_the_demo_is_identical_on_two_runs(tmp_path, vault) -> None:
    first = _story(tmp_path / "one", vault)
    second = _story(tmp_path / "two", vault)
    assert first.keys() == second.keys()
    for table in first:
        assert first[table] == second[table], table
    # One story across every page: people, contacts, reminders, planner, groups, self-checks.
    for table in ("people", "contacts", "reminders", "wellbeing_checks", "group_tries"):
        assert first[table], table
    assert any("planner" in table and first[table] for table in first)


def test_the_demo_plan_has_its_review_and_who_has_a_copy(keyring_profile) -> None:
    from companion import plan

    demo.fill(keyring_profile, NOW)
    made = plan.build_plan(keyring_profile.store, keyring_profile.settings, NOW)
    assert made.section("review").lines == [
        "Next review: Wednesday, April 8, 2026",
        "Who has a copy: Ruth Adeyemi, my counsellor; Jo, my sister",
    ]
    # As read: without the invisible marks that keep a name and a number in their direction.
    seen = made.text().translate(dict.fromkeys(map(ord, "\u2066\u2068\u2069")) | {0xA0: " "})
    assert "Counsellor or therapist: Ruth Adeyemi, 01632 960 456" in seen


def test_the_demo_never_touches_a_real_profile(qapp, tmp_path, monkeypatch) -> None:
    from ui.launch import main

    real = tmp_path / "real"
    monkeypatch.setenv("COMPANION_DATA_DIR", str(real))
    assert main(["--demo", "export", "plan", str(tmp_path / "plan.pdf")]) == 0
    assert not real.exists()


# --- the tour ---------------------------------------------------------------------------------


def test_the_tour_goes_page_by_page_by_keyboard_and_resumes(qtbot, app_with_window) -> None:
    from ui import tour

    session = app_with_window.session
    window = app_with_window.window
    panel = tour.start_tour(session, window)
    qtbot.addWidget(panel)
    qtbot.waitExposed(panel)
    assert window.current_page() == "today"
    assert panel.where.text() == f"Step 1 of {len(tour.STEPS)}"
    assert panel.next_button.isDefault() and not panel.back_button.isEnabled()
    for widget in (panel.next_button, panel.back_button, panel.stop_button):
        assert widget.accessibleName()
    qtbot.keyClick(panel, Qt.Key.Key_Return)  # Enter: next
    assert window.current_page() == "people"
    assert panel.where.text().startswith("Step 2 of")
    qtbot.keyClick(panel, Qt.Key.Key_Return)
    assert window.current_page() == "reminders"
    panel.back_button.setFocus()
    qtbot.keyClick(panel.back_button, Qt.Key.Key_Space)  # back, by keyboard
    assert window.current_page() == "people"
    qtbot.keyClick(panel, Qt.Key.Key_Escape)  # stop: the place is kept
    assert not panel.isVisible()
    assert tour.saved_step(session) == 1
    again = tour.start_tour(session, window)
    qtbot.addWidget(again)
    assert again.step == 1 and window.current_page() == "people"
    while not again.last:
        again.next()
    assert window.current_page() == "settings"
    assert again.next_button.text() == "Finish"
    again.next()
    assert not again.isVisible()
    assert tour.saved_step(session) == 0  # next time from the start
    assert window.current_page() == "today"  # Finish goes back where one starts


def test_the_tour_fits_the_screen_and_leaves_the_page_in_sight(qtbot, app_with_window) -> None:
    from PySide6.QtCore import QPoint, QRect

    from ui import tour

    app_with_window.set_text_scale(200)
    window = app_with_window.window
    window.banner.show_state({}, {1: "Rosa Marín"})
    assert window.top_area.isVisible()
    panel = tour.start_tour(app_with_window.session, window)
    qtbot.addWidget(panel)
    qtbot.waitExposed(panel)
    assert not window.top_area.isVisible()  # the banner steps aside for the page
    room = window.screen().availableGeometry()
    for _step in tour.STEPS:
        QApplication.processEvents()  # the page is laid out again without the banner above it
        QApplication.processEvents()
        assert room.contains(panel.frameGeometry()), panel.where.text()
        page = window.stack.currentWidget()
        heading = QRect(page.heading.mapToGlobal(QPoint(0, 0)), page.heading.size())
        assert panel.frameGeometry().top() > heading.bottom(), panel.where.text()
        assert panel.height() <= room.height() * panel.MAX_SHARE + 1
        if not panel.last:
            panel.next()
    panel.next()  # Finish
    assert window.current_page() == "today"
    assert not window.top_area.folded  # and comes back
    window.banner.show_state({}, {1: "Rosa Marín"})
    qtbot.waitUntil(window.top_area.isVisible)


def test_settings_replays_the_tour(qtbot, app_with_window) -> None:
    from ui import tour

    qtbot.mouseClick(app_with_window.window.nav_buttons["settings"], Qt.MouseButton.LeftButton)
    section = app_with_window.window.page("settings").data_section
    tour.save_step(app_with_window.session, 3)
    qtbot.mouseClick(section.tour_button, Qt.MouseButton.LeftButton)
    panel = tour.current_tour()
    assert panel is not None and panel.step == 0  # "Show me around" starts from the start
    qtbot.addWidget(panel)
    panel.reject()


def test_the_sample_data_bar_only_in_the_demo(qtbot, app_with_window, monkeypatch) -> None:
    from ui import actions_data, tour

    session = app_with_window.session
    assert tour.sample_data_bar(session) is None  # a real profile: no bar
    monkeypatch.setattr(actions_data, "is_demo", lambda s: True)
    bar = tour.sample_data_bar(session)
    assert bar is not None
    qtbot.addWidget(bar)
    assert bar.words.text() == "This is sample data."
    assert bar.about_button.accessibleName() == "About this sample"
    dialog = tour.about_sample(session, app_with_window.window)
    qtbot.addWidget(dialog)
    buttons = {b.accessibleName(): b for b in dialog.findChildren(type(bar.about_button))}
    assert buttons["Take the tour"].isDefault()
    assert "not touched" in buttons["Close the sample"].accessibleDescription()
    assert "Not now" in buttons


def test_the_demos_notes_are_in_the_demos_language(keyring_profile, monkeypatch) -> None:
    """In the German and Arabic demo, every person's 'why' and note stayed English ('New friend
    from the library club.' on an Arabic Today). The sample is made in the language it is
    shown in, so its notes go through the translator, as its reminders' titles do."""
    monkeypatch.setattr(demo, "_", lambda text: f"«{text}»")
    demo.fill(keyring_profile, NOW)
    store = keyring_profile.store
    written = [
        *(row[0] for row in store.query("SELECT why FROM people WHERE why != ''")),
        *(row[0] for row in store.query("SELECT text FROM person_notes")),
        *(row[0] for row in store.query("SELECT notes FROM places WHERE notes != ''")),
        *(row[0] for row in store.query("SELECT reflection FROM group_tries")),
        *(row[0] for row in store.query("SELECT notes FROM professionals WHERE notes != ''")),
    ]
    assert "«New friend from the library club.»" in written
    assert len(written) >= 12 + 2 + 1 + 1 + 1
    assert all(text.startswith("«") and text.endswith("»") for text in written), written
    # The names stay as they are: people's and places' names are not translated.
    names = [row[0] for row in store.query("SELECT name FROM people")]
    assert "Rosa Marín" in names and not any("«" in name for name in names)
