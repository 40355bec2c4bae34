"""Groups near me: kinds matched with their reasons, a map file imported through the preview,
places with distances and the map's attribution, "try this one" into the week and the
Reminders page, the reflection and Today, private notes, the printed page, and the keyboard."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QWidget

from companion import groups, planner, reminders
from companion.resources import asset
from ui.dialogs.groups_home import HomeDialog
from ui.dialogs.groups_import import ImportPreviewDialog
from ui.dialogs.groups_place import PlaceDialog
from ui.dialogs.groups_reflect import ReflectDialog
from ui.dialogs.groups_try import TryDialog
from ui.dialogs.groups_wishes import WishesDialog
from ui.models.groups import CARD, KIND_ID_ROLE, REASONS_ROLE, KindsModel, PlacesModel

NOW = datetime(2026, 12, 2, 9, 0).astimezone()  # a Wednesday morning
MILLBROOK = (52.15190, -0.70090)


@pytest.fixture
def app(app_with_window):
    app_with_window.context.now = lambda: NOW
    app_with_window.context.settings.set("country", "GB")
    return app_with_window


def store_of(app):
    return app.context.unlocked.store


def settings_of(app):
    return app.context.settings


def groups_page(app):
    app.window.show_page("groups")
    return app.window.page("groups")


def import_now(app, name: str) -> None:
    groups.import_places_file(store_of(app), NOW, asset("demo", name), language="en")


def at_home(app) -> None:
    groups.set_home(settings_of(app), "Millbrook", *MILLBROOK)


def texts(widget: QWidget) -> list[str]:
    return [w.text() for w in widget.findChildren(QLabel) if w.isVisibleTo(widget.window())]


def test_a_first_visit_is_a_calm_start_with_two_optional_steps(qtbot, app):
    page = groups_page(app)
    assert not page.start_card.isHidden()
    assert page.home_card.isHidden()
    assert "No places here yet" in page.places_empty.text()
    assert page.places_view.isHidden()
    assert page.attribution.isHidden()


def test_kinds_are_matched_to_the_person_with_their_reasons(qtbot, app):
    groups.save_wishes(
        settings_of(app), groups.Wishes(("music",), "short_walks", "free", ("evening",), "")
    )
    page = groups_page(app)
    model = page.kinds_model
    first = model.index(0, 0)
    assert first.data(KIND_ID_ROLE) in {"choir", "singing_for_health"}
    reasons = first.data(REASONS_ROLE)
    assert "You like: music and singing" in reasons
    shown = first.data(Qt.ItemDataRole.DisplayRole)
    assert shown.startswith("Sing") or shown.startswith("Choir")
    assert reasons in shown
    # a kind that costs more than the person wants says so, and ranks below those that fit
    rows = [model.index(i, 0) for i in range(model.rowCount())]
    costly = [i for i in rows if "Costs more than you'd like" in i.data(REASONS_ROLE)]
    assert costly and rows.index(costly[0]) > 0


def test_changing_wishes_in_the_dialog_reorders_the_kinds_in_place(qtbot, app):
    page = groups_page(app)
    dialog = WishesDialog(app.session, page)
    qtbot.addWidget(dialog)
    dialog.interests["gardening"].setChecked(True)
    dialog.save()
    assert dialog.saved
    assert groups.wishes(settings_of(app)).interests == ("gardening",)
    assert "gardening" in page.kinds_model.index(0, 0).data(REASONS_ROLE).lower()
    assert "gardening" in page.wishes_text.text().lower()
    app.session.ops.undo(page)
    assert groups.wishes(settings_of(app)).interests == ()


def test_an_osm_file_imported_through_the_dialog_shows_places_with_distance(
    qtbot, app, tmp_path, monkeypatch
):
    at_home(app)
    page = groups_page(app)
    assert page.attribution.isHidden()
    path = tmp_path / "millbrook.osm"
    shutil.copy(asset("demo", "millbrook.osm"), path)
    shown: list[ImportPreviewDialog] = []

    def exec_preview(dialog: ImportPreviewDialog) -> int:
        shown.append(dialog)
        assert "new places will be added" in dialog.counts.text()
        assert dialog.preview.attribution == "© OpenStreetMap contributors"
        assert groups.place_count(store_of(app)) == 0  # nothing written before the choice
        dialog.add_places()
        return 0

    monkeypatch.setattr(ImportPreviewDialog, "exec", exec_preview)
    page.import_path(path)
    qtbot.waitUntil(lambda: page.places_model.rowCount() > 0, timeout=10000)
    assert shown and shown[0].result_ is not None and shown[0].result_.added > 0
    model = page.places_model
    distances = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert all("walk" in d and "mile" in d for d in distances), distances
    assert not page.places_view.isHidden()
    assert page.attribution.text() == "© OpenStreetMap contributors"
    assert not page.attribution.isHidden()
    assert not page.start_card.isVisible()


def test_wheelchair_and_opening_hours_are_shown(qtbot, app):
    at_home(app)
    import_now(app, "millbrook.osm")
    page = groups_page(app)
    model = page.places_model
    access = {model.index(r, 3).data() for r in range(model.rowCount())}
    hours = [model.index(r, 4).data() for r in range(model.rowCount())]
    assert "Wheelchair accessible" in access
    assert any(h.startswith(("Open now", "Closed now")) for h in hours), hours


def test_attribution_only_with_map_data(qtbot, app):
    at_home(app)
    import_now(app, "millbrook-directory.csv")
    page = groups_page(app)
    assert page.places_model.rowCount() > 0
    assert page.attribution.isHidden()
    import_now(app, "millbrook.osm")
    app.session.ops.announce(groups_changes())
    assert "© OpenStreetMap contributors" in page.attribution.text()
    assert not page.attribution.isHidden()


def groups_changes():
    from ui.ops import Change

    return Change.GROUPS


def test_try_this_one_puts_a_visit_in_the_week_with_a_reminder_on_the_reminders_page(qtbot, app):
    at_home(app)
    import_now(app, "millbrook-directory.csv")
    singers = groups.places(store_of(app), "Wednesday Singers")[0]
    page = groups_page(app)
    dialog = TryDialog(app.session, place_id=singers.id, parent=page)
    qtbot.addWidget(dialog)
    assert "When: Wednesday evenings 19:00" in dialog.facts.text()
    dialog.plan()
    assert dialog.planned is not None
    item = planner.get(store_of(app), dialog.planned.item.id)
    assert item.group_place_id == singers.id
    assert item.kind == "group" and item.title == "First visit: Wednesday Singers"
    assert item.starts == datetime(2026, 12, 9, 19, 0)  # next Wednesday evening, as it meets
    [reminder] = reminders.all_reminders(store_of(app))
    assert reminder.id == item.reminder_id
    assert reminder.starts == item.starts - timedelta(hours=1)
    # the ring-first words, with a button that copies them
    assert not dialog.ring_card.isHidden()
    assert "Wednesday Singers" in dialog.ring_words.text()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == dialog.ring_words.text()
    # the Reminders page shows it
    app.window.show_page("reminders")
    assert any("Wednesday Singers" in t for t in texts(app.window.page("reminders")))
    # the page lists the coming visit; Undo takes back the visit, the reminder and the choice
    app.window.show_page("groups")
    assert any("Your first visit to Wednesday Singers" in t for t in texts(page.visits_card))
    assert app.session.ops.undo(page)
    assert reminders.all_reminders(store_of(app)) == []
    assert groups.tries(store_of(app)) == []
    assert page.visits_card.isHidden()


def test_a_time_already_past_is_refused_and_nothing_is_written(qtbot, app):
    import_now(app, "millbrook-directory.csv")
    singers = groups.places(store_of(app), "Wednesday Singers")[0]
    dialog = TryDialog(app.session, place_id=singers.id)
    qtbot.addWidget(dialog)
    dialog.day.setDate(QDate(2026, 12, 1))
    dialog.plan()
    assert dialog.planned is None
    assert "already passed" in dialog.error.text()
    assert groups.tries(store_of(app)) == []
    assert reminders.all_reminders(store_of(app)) == []


def test_after_the_visit_the_reflection_and_today_shows_the_group(qtbot, app):
    import_now(app, "millbrook-directory.csv")
    singers = groups.places(store_of(app), "Wednesday Singers")[0]
    groups.try_this(
        store_of(app), NOW, place_id=singers.id, planned_for=datetime(2026, 12, 1, 19, 0)
    )
    page = groups_page(app)
    assert any("How did it go at Wednesday Singers?" in t for t in texts(page.visits_card))
    [tried] = groups.tries(store_of(app))
    dialog = ReflectDialog(app.session, tried, page)
    qtbot.addWidget(dialog)
    dialog.feeling_radios[4].setChecked(True)
    dialog.words.setPlainText("Friendly; Anne was there.")
    dialog.keep_going.setChecked(True)
    dialog.save()
    assert dialog.saved is not None and dialog.saved.going and dialog.saved.feeling == 4
    qtbot.waitUntil(
        lambda: any("You go to Wednesday Singers." in t for t in texts(page.visits_card))
    )
    app.window.show_page("today")
    today = app.window.page("today")
    assert not today.groups_card.isHidden()
    assert today.groups_text.text() == "Wednesday Singers"


def test_private_notes_are_saved_and_undone(qtbot, app):
    import_now(app, "millbrook-directory.csv")
    walks = groups.places(store_of(app), "Health Walks")[0]
    dialog = PlaceDialog(app.session, walks.id)
    qtbot.addWidget(dialog)
    # the number whole: isolated, and kept on one line by no-break spaces
    assert "Telephone: \u206601632\xa0960\xa0201\u2069" in dialog.facts.text()
    dialog.notes.setPlainText("Bring a flask.")
    assert dialog.is_dirty()
    dialog.save()
    assert groups.place(store_of(app), walks.id).notes == "Bring a flask."
    app.session.ops.undo(dialog)
    assert groups.place(store_of(app), walks.id).notes == ""


def test_home_is_chosen_from_the_offline_town_list(qtbot, app, tmp_path):
    from companion.groups_gazetteer import gazetteer

    cities = {
        "1": {
            "geonameid": 1,
            "name": "Olney",
            "latitude": 52.15345,
            "longitude": -0.70201,
            "countrycode": "GB",
            "population": 6477,
            "admin1code": "ENG",
            "alternatenames": [],
        }
    }
    dialog = HomeDialog(app.session, loader=lambda: gazetteer(tmp_path / "towns", cities))
    qtbot.addWidget(dialog)
    dialog.search.setText("oln")
    qtbot.waitUntil(lambda: dialog.results.count() == 1, timeout=10000)
    assert dialog.results.item(0).text().startswith("Olney, England")
    dialog.save()
    home = groups.home(settings_of(app))
    assert home is not None and home.name == "Olney"
    assert abs(home.lat - 52.15345) < 1e-4


def test_home_from_typed_coordinates_and_a_plain_error(qtbot, app, tmp_path):
    dialog = HomeDialog(app.session, loader=lambda: (_ for _ in ()).throw(OSError("no")))
    qtbot.addWidget(dialog)
    dialog.coordinates.setText("north of here")
    dialog.save()
    assert "latitude" in dialog.error.text()
    assert groups.home(settings_of(app)) is None
    dialog.coordinates.setText("52.1519, -0.7009")
    dialog.save()
    assert groups.home(settings_of(app)) is not None


def test_the_printed_page_is_written_only_where_chosen(qtbot, app, tmp_path, monkeypatch):
    from ui.widgets import files

    at_home(app)
    import_now(app, "millbrook.osm")
    page = groups_page(app)
    folder = tmp_path / "chosen"
    folder.mkdir()
    target = folder / "near me.pdf"
    monkeypatch.setattr(files, "ask_save_path", lambda *a, **k: target)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in folder.iterdir()) == ["near me.pdf"]


def test_the_report_says_the_places_and_the_attribution(qtbot, app):
    from ui.reports.groups import near_me_report

    at_home(app)
    import_now(app, "millbrook.osm")
    made = groups.near_me_page(store_of(app), settings_of(app), NOW, "GB")
    text = near_me_report(made).text()
    assert made.rows and made.rows[0].name in text
    assert "© OpenStreetMap contributors" in text


def test_models_pass_the_qt_model_tester(qtmodeltester, app):
    at_home(app)
    import_now(app, "millbrook.osm")
    wish = groups.wishes(settings_of(app))
    kinds = KindsModel()
    kinds.load(groups.match_kinds(wish))
    qtmodeltester.check(kinds)
    kinds.load(groups.match_kinds(groups.Wishes(("music",), "home", "free")))
    qtmodeltester.check(kinds)
    places = PlacesModel()
    found = groups.match_places(store_of(app), groups.home(settings_of(app)), wish)
    places.load(found, "GB", NOW)
    qtmodeltester.check(places)
    places.load(list(reversed(found[:5])), "DE", NOW)
    qtmodeltester.check(places)
    assert [places.index(r, 0).data() for r in range(5)] == [m.place.name for m in found[4::-1]]
    assert "km" in places.index(0, 2).data()


def test_rows_stay_selected_when_the_page_redraws(qtbot, app):
    at_home(app)
    import_now(app, "millbrook.osm")
    page = groups_page(app)
    page.places_view.setCurrentIndex(page.places_model.index(2, CARD))
    chosen = page._current_place()
    import_now(app, "millbrook-directory.csv")
    app.session.ops.announce(groups_changes())
    assert page._current_place() == chosen


def tab_round(start: QWidget, limit: int = 400) -> list[QWidget]:
    window = start.window()
    start.setFocus(Qt.FocusReason.TabFocusReason)
    seen: list[QWidget] = []
    for _n in range(limit):
        current = window.focusWidget()
        assert current is not None
        if seen and current is seen[-1]:
            QTest.keyClick(current, Qt.Key.Key_Tab)
            continue
        if current in seen:
            break
        seen.append(current)
        QTest.keyClick(current, Qt.Key.Key_Tab)
    return seen


def focusable(root: QWidget) -> list[QWidget]:
    return [
        w
        for w in root.findChildren(QWidget)
        if w.isVisibleTo(root.window())
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
    ]


def test_keyboard_reaches_every_row_action(qtbot, app, monkeypatch):
    at_home(app)
    import_now(app, "millbrook.osm")
    page = groups_page(app)
    app.window.resize(1366, 768)
    app.window.show()
    qtbot.waitExposed(app.window)
    wanted = set(focusable(page.kinds_card)) | set(focusable(page.places_card))
    assert {page.try_kind_button, page.try_place_button, page.details_button} <= wanted
    reached = set(tab_round(page.home_button))
    assert wanted <= reached, [w.accessibleName() for w in wanted - reached]
    for widget in wanted:
        assert widget.accessibleName(), widget
    # Enter on a place opens its details; Enter on a kind offers to try it
    opened: list[int] = []
    monkeypatch.setattr(PlaceDialog, "exec", lambda d: opened.append(d.place.id) or 0)
    page.places_view.setFocus()
    page.places_view.setCurrentIndex(page.places_model.index(1, CARD))
    QTest.keyClick(page.places_view, Qt.Key.Key_Return)
    assert opened == [page._current_place()]
    tried: list[str] = []
    monkeypatch.setattr(TryDialog, "exec", lambda d: tried.append(d.title_text) or 0)
    page.kinds_view.setFocus()
    QTest.keyClick(page.kinds_view, Qt.Key.Key_Return)
    assert tried


@pytest.mark.parametrize("which", ["wishes", "home", "try", "place", "reflect", "import"])
def test_tab_reaches_every_control_in_the_dialogs(qtbot, app, which, tmp_path):
    at_home(app)
    import_now(app, "millbrook-directory.csv")
    store = store_of(app)
    singers = groups.places(store, "Wednesday Singers")[0]
    if which == "wishes":
        dialog: QWidget = WishesDialog(app.session)
    elif which == "home":
        dialog = HomeDialog(app.session, loader=lambda: (_ for _ in ()).throw(OSError("no")))
    elif which == "try":
        dialog = TryDialog(app.session, place_id=singers.id)
    elif which == "place":
        dialog = PlaceDialog(app.session, singers.id)
    elif which == "reflect":
        groups.try_this(store, NOW, place_id=singers.id)
        dialog = ReflectDialog(app.session, groups.tries(store)[0])
    else:
        from companion.interchange.places import read_places_file

        read = read_places_file(Path(asset("demo", "millbrook.osm")), language="en")
        dialog = ImportPreviewDialog(
            app.session, groups.preview_import(store, read, "millbrook.osm")
        )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    wanted = set(focusable(dialog))
    assert wanted
    reached = set(tab_round(dialog.first_field or dialog.focusWidget()))
    assert wanted <= reached, [w.accessibleName() for w in wanted - reached]
    for widget in wanted:
        assert widget.accessibleName(), (which, widget)


def test_places_from_a_file_can_be_taken_away_once_confirmed(qtbot, app, monkeypatch):
    from PySide6.QtWidgets import QMessageBox, QPushButton

    at_home(app)
    import_now(app, "millbrook.osm")
    import_now(app, "millbrook-directory.csv")
    page = groups_page(app)
    before = groups.place_count(store_of(app))
    buttons = [
        b
        for b in page.places_card.findChildren(QPushButton)
        if b.accessibleName() == "Take away the places from millbrook.osm"
    ]
    assert len(buttons) == 1
    asked: list[list[str]] = []

    def answered(box: QMessageBox) -> int:
        asked.append([b.text() for b in box.buttons()])
        box.show()
        if len(asked) == 1:
            qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter: the default, keep them
        else:
            next(b for b in box.buttons() if b.text() == "Take them away").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answered)
    buttons[0].click()  # "Keep them": nothing changes
    assert sorted(asked[0]) == ["Keep them", "Take them away"]  # words, not Yes and No
    assert groups.place_count(store_of(app)) == before
    buttons[0].click()
    assert 0 < groups.place_count(store_of(app)) < before
    assert page.attribution.isHidden()  # no map data left: no map attribution
    assert [s.file_name for s in groups.sources(store_of(app))] == ["millbrook-directory.csv"]


def test_a_new_country_in_settings_shows_kilometres(qtbot, app):
    at_home(app)
    import_now(app, "millbrook.osm")
    page = groups_page(app)
    assert "mile" in page.places_model.index(0, 2).data()
    settings_of(app).set("country", "DE")
    assert "km" in page.places_model.index(0, 2).data()


def test_what_suits_you_keeps_german_nouns_capitalised(qtbot, app, monkeypatch):
    from companion import i18n

    page = groups_page(app)
    wish = groups.Wishes(interests=("music", "reading"), mobility="short_walks")
    english = page._wishes_words(wish)
    assert "You enjoy: music and singing" in english and "Getting about: short walks" in english
    monkeypatch.setattr(i18n, "current_language", lambda: "de")
    german = page._wishes_words(wish)  # the words are English here; only the case is tested
    assert "Music and singing" in german and "Books and reading" in german
    assert "Short walks" in german


def test_times_of_places_follow_the_persons_clock_and_the_week_is_spelled_out(qtbot, app):
    at_home(app)
    import_now(app, "millbrook-directory.csv")
    import_now(app, "millbrook.osm")
    settings_of(app).set("country", "US")
    page = groups_page(app)
    model = page.places_model
    cards = [model.index(r, CARD).data() for r in range(model.rowCount())]
    singers = next(c for c in cards if c.startswith("Wednesday Singers"))
    assert "Wednesday evenings 7:00\u202fPM" in singers  # the directory wrote 19:00
    library = next(p for p in groups.places(store_of(app)) if p.name == "Millbrook Library")
    dialog = PlaceDialog(app.session, library.id)
    qtbot.addWidget(dialog)
    facts = dialog.facts.text()
    assert (
        "Tuesday, Thursday: 9:30\u202fAM–5:00\u202fPM. Saturday: 9:30\u202fAM–12:30\u202fPM."
        in facts
    )
    assert "09:30-17:00" not in facts  # the map's own shorthand is not shown
    settings_of(app).set("country", "GB")
    assert "Wednesday evenings 19:00" in model.index(model.row_of(singers_id(app)), CARD).data()


def singers_id(app) -> int:
    return groups.places(store_of(app), "Wednesday Singers")[0].id


def test_notes_typed_below_the_facts_come_into_sight(qtbot, app):
    import_now(app, "millbrook-directory.csv")
    walks = groups.places(store_of(app), "Health Walks")[0]
    dialog = PlaceDialog(app.session, walks.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(dialog.width(), 320)  # large text on a small screen: the notes are below
    qtbot.waitUntil(lambda: dialog.scroll.verticalScrollBar().maximum() > 0)
    assert dialog.scroll.verticalScrollBar().value() == 0  # it opens on the facts
    assert dialog.focusWidget() is dialog.notes  # typing goes into the notes
    QTest.keyClicks(dialog.notes, "Bring a flask")
    bar = dialog.scroll.verticalScrollBar()
    viewport = dialog.scroll.viewport()
    line = dialog.notes.cursorRect()
    typed = dialog.notes.viewport().mapTo(viewport, line.bottomLeft()).y()
    assert bar.value() > 0 and 0 <= typed - line.height() and typed <= viewport.height()


def test_ctrl_t_tries_the_chosen_row_of_either_list(qtbot, app, monkeypatch):
    at_home(app)
    import_now(app, "millbrook-directory.csv")
    page = groups_page(app)
    app.window.show()
    app.window.activateWindow()
    qtbot.waitActive(app.window)  # shortcuts work in the active window
    tried: list[tuple[int | None, str]] = []
    monkeypatch.setattr(TryDialog, "exec", lambda d: tried.append((d.place_id, d.kind_id)) or 0)
    page.places_view.setFocus()
    page.places_view.setCurrentIndex(page.places_model.index(1, CARD))
    QTest.keyClick(page.places_view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert tried == [(page._current_place(), "")]
    page.kinds_view.setFocus()
    QTest.keyClick(page.kinds_view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert tried[1] == (None, page._current_kind())


def test_towns_found_come_into_sight_and_the_arrow_keys_choose_one(qtbot, app, tmp_path):
    from companion.groups_gazetteer import gazetteer

    def town(number: int, name: str, lat: float, lon: float) -> dict:
        return {
            "geonameid": number,
            "name": name,
            "latitude": lat,
            "longitude": lon,
            "countrycode": "GB",
            "population": 6000 - number,
            "admin1code": "ENG",
            "alternatenames": [],
        }

    cities = {"1": town(1, "Olney", 52.15345, -0.70201), "2": town(2, "Olton", 52.43, -1.80)}
    dialog = HomeDialog(app.session, loader=lambda: gazetteer(tmp_path / "towns", cities))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(dialog.width(), 380)  # large text on a small screen: the list is below
    qtbot.waitUntil(lambda: dialog.scroll.verticalScrollBar().maximum() > 0)
    dialog.scroll.verticalScrollBar().setValue(0)
    QTest.keyClicks(dialog.search, "ol")
    qtbot.waitUntil(lambda: dialog.results.count() == 2, timeout=10000)
    viewport = dialog.scroll.viewport()
    top = dialog.results.mapTo(viewport, dialog.results.rect().topLeft()).y()
    assert 0 <= top < viewport.height()  # the towns found are in sight
    QTest.keyClick(dialog.search, Qt.Key.Key_Down)
    assert dialog.chosen_town().name == "Olton"
    QTest.keyClick(dialog.search, Qt.Key.Key_Return)  # Enter saves the town chosen
    home = groups.home(settings_of(app))
    assert home is not None and home.name == "Olton"


def test_an_import_that_only_brings_places_up_to_date_says_just_that(qtbot, app):
    from ui.actions_groups import import_words

    import_now(app, "millbrook-directory.csv")
    again = groups.import_places_file(
        store_of(app), NOW, asset("demo", "millbrook-directory.csv"), language="en"
    )
    assert import_words(again) == "Brought 8 places already here up to date."
