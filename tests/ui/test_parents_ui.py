"""The parent view as a parent uses it: the week's check, the trend, help now, the lock."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from companion import demo, parents
from companion.parents_content import psc_form
from ui import actions_parents
from ui.dialogs.parents_check import WeeklyCheckDialog
from ui.dialogs.parents_child import ChildDialog
from ui.dialogs.parents_psc import PscDialog


@pytest.fixture
def parent_app(request, keyring_profile):
    """The app on a profile with the demo's child, Sam: four weeks of checks."""
    demo._parents(keyring_profile, datetime.now().astimezone())
    app = request.getfixturevalue("app_with_window")
    app.context.settings.set("parent_view", True)
    app.context.settings.set("country", "GB")
    app.window.show_page("parents")
    return app


def page_of(app):
    return app.window.page("parents")


def visible_words(root: QWidget) -> str:
    return " ".join(
        w.text() for w in root.findChildren(QLabel) if w.isVisibleTo(root) and w.text()
    ) + " ".join(
        root.findChildren(QWidget)[i].accessibleDescription()
        for i in range(len(root.findChildren(QWidget)))
        if root.findChildren(QWidget)[i].isVisibleTo(root)
    )


def store_of(app):
    return actions_parents.access(app.session).store


def test_the_page_shows_the_demo_childs_persisting_sign(parent_app):
    page = page_of(parent_app)
    assert parent_app.window.current_page() == "parents"
    assert page.open_box.isVisible()
    assert page.child().name == "Sam"
    rows = {title: marked for title, _levels, marked in page.chart.data.rows}
    assert rows["Withdrawing from friends and family"] is True
    assert "Withdrawing from friends and family: noticed 4 weeks in a row" in (
        page.trend_words.text()
    )
    # What to do for it, in plain words, and when to get help now.
    todo = " ".join(
        w.text() for w in page.todo_card.findChildren(QLabel) if w.isVisibleTo(page.todo_card)
    )
    assert "Talk and listen" in todo and "Get help now if" in todo
    assert "(highlighted)" in page.chart.accessibleDescription()


def _through_the_page(monkeypatch, page, fill) -> None:
    """Press the page's button; the dialog is filled in and saved as a parent would."""

    def run(dialog: WeeklyCheckDialog) -> int:
        fill(dialog)
        dialog.save()
        return 1

    monkeypatch.setattr(WeeklyCheckDialog, "exec", run)
    page.check_button.click()


def _choose(dialog: WeeklyCheckDialog, sign_id: str, level: int) -> None:
    for radio in dialog.levels[sign_id].buttons():
        if radio.property("level") == level:
            radio.setChecked(True)


def test_a_weekly_check_saved_through_the_page_shows_in_the_trend(parent_app, monkeypatch):
    page = page_of(parent_app)
    assert "Changes in eating" not in {row[0] for row in page.chart.data.rows}
    assert page.check_button.text() == "Change this week's check"  # the demo did this week

    def fill(dialog: WeeklyCheckDialog) -> None:
        _choose(dialog, "eating", 2)
        dialog.notes["eating"].setText("Skipped lunch twice.")

    _through_the_page(monkeypatch, page, fill)
    rows = {title: levels for title, levels, _marked in page.chart.data.rows}
    assert rows["Changes in eating"][-1] == 2
    assert "Changes in eating: more than the last time you looked" in page.trend_words.text()
    check = parents.check_for_week(store_of(parent_app), page.child().id, datetime.now().date())
    assert check.signs["eating"].note == "Skipped lunch twice."
    assert parent_app.window.current_page() == "parents"


def test_a_new_week_can_be_undone(parent_app, monkeypatch):
    page = page_of(parent_app)
    store = store_of(parent_app)
    added = actions_parents.add_child(parent_app.session, page, "Robin", "under_12")
    assert page.child_choice.count() == 2
    page.child_choice.setCurrentIndex(page.child_choice.findData(added.id))
    assert page.check_button.text() == "Do this week's check"
    _through_the_page(monkeypatch, page, lambda d: _choose(d, "sleep", 1))
    assert parents.checks(store, added.id)
    assert parent_app.session.ops.undo(page)
    assert not parents.checks(store, added.id)
    assert page.check_button.text() == "Do this week's check"


def test_talk_of_self_harm_opens_get_help_and_never_enters_the_trend(parent_app, monkeypatch):
    page = page_of(parent_app)
    store = store_of(parent_app)
    child = page.child()
    before = parents.trend(store, child.id, datetime.now().date())

    def fill(dialog: WeeklyCheckDialog) -> None:
        dialog.safety_yes.setChecked(True)
        assert dialog.save_button.text() == "Save and get help now"
        assert dialog.safety_words.isVisibleTo(dialog)

    _through_the_page(monkeypatch, page, fill)
    window = parent_app.window
    assert window.current_page() == "help"
    assert "999" in window.page("help").public.danger_number.text()
    after = parents.trend(store, child.id, datetime.now().date())
    assert after.levels == before.levels and after.highlights == before.highlights
    assert after.summary == before.summary
    assert not any("suicide" in row[0] or "hurting" in row[0] for row in page.chart.data.rows)


def test_a_note_about_self_harm_also_opens_get_help(parent_app, monkeypatch):
    page = page_of(parent_app)

    def fill(dialog: WeeklyCheckDialog) -> None:
        dialog.notes["mood"].setText("She said she wants to die.")

    _through_the_page(monkeypatch, page, fill)
    assert parent_app.window.current_page() == "help"


def test_psc17_is_scored_from_the_form(parent_app, qtbot):
    page = page_of(parent_app)
    child = page.child()
    dialog = PscDialog(parent_app.session, child, page)
    qtbot.addWidget(dialog)
    words = " ".join(w.text() for w in dialog.findChildren(QLabel))
    assert "past month" in words  # the recall period
    assert "add up to 15 or more" in words and "Attention 7 or more" in words
    # plain words for a parent: no clinical terms, no "cut-off"
    for jargon in ("cut-off", "internalizing", "externalizing", "Cut-off"):
        assert jargon not in words
    assert "4 or more are left blank" in words
    for item in psc_form().items:
        dialog.choose(item.id, 2 if item.subscale == "internalizing" else 0)
    dialog.save()
    result = parents.psc17_results(store_of(parent_app), child.id)[-1]
    assert result.score.subscales["internalizing"] == 10 and result.score.total == 10
    assert result.score.worth_talking_to_doctor
    assert "worth talking to your child's doctor" in page.psc_result.text()
    assert "not a diagnosis" in page.psc_result.text()
    shown = page.psc_result.text()
    assert "Feelings: 10 out of 10. Worth talking to a doctor from 5." in shown
    assert "Behaviour: 0 out of 14." in shown
    assert "add up to 10 out of 34" in shown
    for jargon in ("cut-off", "internalizing", "externalizing", "Total"):
        assert jargon not in shown


def test_the_parent_view_names_days_in_the_one_house_style(parent_app, qtbot):
    from companion import i18n

    page = page_of(parent_app)
    week = parents.week_of(parent_app.context.now().date())
    # "The week starting Monday, November 30", like every other day in the app (no year)
    assert page.week_title.text() == f"The week starting {i18n.format_day(week)}"
    assert str(week.year) not in page.week_title.text()
    last = parents.psc17_results(store_of(parent_app), page.child().id)[-1]
    day = i18n.format_day(last.taken_at.date(), weekday=False)
    assert f"Last filled in on {day}." in page.psc_result.text()
    assert str(week.year) not in page.trend_words.text()
    dialog = WeeklyCheckDialog(parent_app.session, page.child(), week, parent=page)
    qtbot.addWidget(dialog)
    words = " ".join(w.text() for w in dialog.findChildren(QLabel))
    assert f"The week starting {i18n.format_day(week)}." in words


def test_a_psc17_with_four_blanks_says_it_cannot_be_scored(parent_app, qtbot):
    page = page_of(parent_app)
    dialog = PscDialog(parent_app.session, page.child(), page)
    qtbot.addWidget(dialog)
    for item in psc_form().items[4:]:
        dialog.choose(item.id, 1)
    dialog.save()  # four blanks: the person is asked first, and chooses to save it anyway
    box = dialog.findChild(QMessageBox, "psc-blanks")
    assert box is not None
    next(b for b in box.buttons() if b.text() == "Save it anyway").click()
    assert "cannot be scored" in page.psc_result.text()
    assert "out of" not in page.psc_result.text()


def test_the_summary_pdf_has_each_section(parent_app, tmp_path, monkeypatch):
    from ui.reports.parents import section_titles
    from ui.widgets import files

    page = page_of(parent_app)
    target = tmp_path / "chosen folder" / "for the doctor"
    target.parent.mkdir()
    offered: list[str] = []

    def ask(_parent, _title, name, _kinds):  # type: ignore[no-untyped-def]
        offered.append(name)
        return target

    monkeypatch.setattr(files, "ask_save_path", ask)
    page.summary_button.click()
    # the name offered carries the day it is made, not the Monday of the week
    assert offered == [f"Summary for Sam, {parent_app.session.now().date().isoformat()}.pdf"]
    written = target.with_suffix(".pdf")
    assert written.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in written.parent.iterdir()) == ["for the doctor.pdf"]
    assert "Saved in" in parent_app.window.status_line.text.text()  # the folder in words, no path
    assert str(tmp_path) not in parent_app.window.status_line.text.text()
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(written), "-"], capture_output=True, text=True
        ).stdout
        info = subprocess.run(["pdfinfo", str(written)], capture_output=True, text=True).stdout
        assert "Pages:           1" in info
        assert "Summary for Sam" in text
        for title in section_titles().values():
            assert title in " ".join(text.split()), title
        assert "Withdrawing from friends and family" in text


def test_the_summary_is_never_left_in_a_temporary_folder(parent_app, tmp_path, monkeypatch):
    import tempfile

    from ui.widgets import files

    before = set(Path(tempfile.gettempdir()).iterdir())
    monkeypatch.setattr(files, "ask_save_path", lambda *a, **k: None)
    page_of(parent_app).summary_button.click()  # cancelled: nothing written anywhere
    target = tmp_path / "summary.pdf"
    monkeypatch.setattr(files, "ask_save_path", lambda *a, **k: target)
    page_of(parent_app).summary_button.click()
    assert target.exists()
    new = {p for p in Path(tempfile.gettempdir()).iterdir() if p not in before}
    assert not [p for p in new if p.suffix in (".pdf", ".part")]


def test_locking_the_parent_data_hides_it_while_the_rest_stays_open(parent_app, qtbot):
    app = parent_app
    page = page_of(app)
    code = app.context.unlocked.recovery_code
    assert not page.lock_button.isVisibleTo(page)  # no password yet: nothing to lock with
    assert actions_parents.set_password(app.session, page, "blue kite", code)
    assert page.lock_button.isVisibleTo(page)
    qtbot.mouseClick(page.lock_button, Qt.MouseButton.LeftButton)
    assert page.locked_card.isVisible() and not page.open_box.isVisible()
    assert "Sam" not in visible_words(page)
    assert page.child_choice.count() == 0 and not page.chart.data.rows
    assert not actions_parents.access(app.session).is_open
    # The rest of Companion is open.
    assert not app.context.locked
    app.window.show_page("today")
    assert app.window.current_page() == "today"
    app.window.show_page("parents")
    # A wrong password is said in place; the right one opens it.
    page.password.setText("red kite")
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    assert page.locked_error.isVisible() and "did not open" in page.locked_error.text()
    page.password.setText("blue kite")
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    assert page.open_box.isVisible() and page.child().name == "Sam"
    # The recovery code opens it too.
    page.lock()
    page.code_button.click()
    assert page.password_label.text() == "Recovery code"
    page.password.setText(code)
    page.unlock_button.click()
    assert page.open_box.isVisible()


def test_locking_companion_closes_the_parent_data(parent_app):
    app = parent_app
    gate = actions_parents.access(app.session)
    opened = gate.opened
    assert opened is not None and not opened.locked
    app.lock()
    assert opened.locked


def test_turned_off_the_page_offers_to_turn_it_on(app_with_window):
    window = app_with_window.window
    window.show_page("parents")
    page = window.page("parents")
    assert page.off_card.isVisible() and not page.open_box.isVisible()
    page.off_button.click()
    assert app_with_window.context.settings.get("parent_view") is True
    assert page.open_box.isVisible()
    assert page.children_empty.isVisible()  # set up, with no child yet


def test_adding_a_child_in_its_dialog(parent_app, qtbot):
    page = page_of(parent_app)
    dialog = ChildDialog(parent_app.session, parent=page)
    qtbot.addWidget(dialog)
    dialog.name.setText("Robin")
    dialog.save()
    assert not dialog.error.isHidden() and "age" in dialog.error.text()
    dialog.ages.buttons()[0].setChecked(True)
    dialog.save()
    assert [c.name for c in parents.children(store_of(parent_app))] == ["Robin", "Sam"]


def test_every_answer_is_on_the_forms_with_a_name(parent_app, qtbot):
    from PySide6.QtWidgets import QRadioButton

    from companion.parents_content import content

    page = page_of(parent_app)
    child = page.child()
    check = WeeklyCheckDialog(parent_app.session, child, parents.week_of(datetime.now().date()))
    psc = PscDialog(parent_app.session, child)
    for dialog, count in ((check, 3 * len(content().signs) + 2), (psc, 3 * len(psc_form().items))):
        qtbot.addWidget(dialog)
        dialog.show()
        radios = [r for r in dialog.findChildren(QRadioButton) if r.isVisibleTo(dialog)]
        assert len(radios) == count
        assert all(r.accessibleName() and r.accessibleDescription() for r in radios)
        assert all(r.width() >= r.sizeHint().width() for r in radios)  # the words fit
        dialog.done(0)


def test_the_navigation_shows_the_page_only_when_turned_on(parent_app, qtbot):
    app = parent_app
    window = app.window
    settings_page = window.page("settings")
    card = settings_page.parent_card
    assert window.nav_buttons["parents"].isVisibleTo(window)
    assert card.turned_on.isChecked() and card.set_button.isVisibleTo(card)
    card.turned_on.setChecked(False)
    assert app.context.settings.get("parent_view") is False
    assert not window.nav_buttons["parents"].isVisibleTo(window)
    assert not card.set_button.isVisibleTo(card)
    window.show_page("parents")
    page = page_of(app)
    assert page.off_card.isVisible() and not page.open_box.isVisible()
    assert page.child_choice.count() == 0  # nothing of the children's data stays shown
    assert not actions_parents.access(app.session).is_open
    card.turned_on.setChecked(True)
    assert window.nav_buttons["parents"].isVisibleTo(window)
    assert page.open_box.isVisible() and page.child().name == "Sam"


def test_a_parent_password_is_chosen_in_settings(parent_app, qtbot, monkeypatch):
    from ui.dialogs.parents_password import ParentPasswordDialog

    app = parent_app
    card = app.window.page("settings").parent_card
    code = app.context.unlocked.recovery_code

    def fill(dialog: ParentPasswordDialog) -> int:
        dialog.password.setText("blue kite")
        dialog.again.setText("blue kyte")
        dialog.save()
        assert "not the same" in dialog.error.text()
        assert dialog.password.text() == dialog.again.text() == ""  # both typed again
        dialog.password.setText("blue kite")
        dialog.again.setText("blue kite")
        dialog.code.setText("not the code")
        dialog.save()
        assert not dialog.error.isHidden()  # the recovery code is checked first
        dialog.code.setText(code)
        dialog.save()
        return 1

    monkeypatch.setattr(ParentPasswordDialog, "exec", fill)
    card.set_button.click()
    assert actions_parents.access(app.session).has_password()
    assert card.change_button.isVisibleTo(card) and card.remove_button.isVisibleTo(card)
    assert "its own password" in card.state.text()
    page = page_of(app)
    assert page.lock_button.isVisibleTo(page)


def test_a_new_recovery_code_opens_a_password_locked_parent_view(parent_app):
    app = parent_app
    code = app.context.unlocked.recovery_code
    assert actions_parents.set_password(app.session, None, "blue kite", code)
    unlocked = app.context.unlocked
    new_code = unlocked.profile.keys.new_recovery_code(unlocked.data_key)
    assert actions_parents.after_new_recovery_code(app.session, new_code)
    gate = actions_parents.access(app.session)
    gate.lock()
    assert gate.unlock(None, new_code, recovery=True)


@pytest.mark.parametrize("language", ["en", "de", "ar"])
def test_the_open_page_reflows_at_200_percent(qtbot, parent_app, language):
    app = parent_app
    window = app.window
    window.resize(1280, 800)
    app.set_language(language)
    app.profile.preferences.set("text_scale", 200)
    app.apply_theme()
    window.show_page("parents")
    page = page_of(app)
    assert page.open_box.isVisible()
    qtbot.waitUntil(lambda: page.scroll.viewport().width() > 0)
    assert page.scroll.widget().minimumSizeHint().width() <= page.scroll.viewport().width()


def test_every_control_on_the_open_page_has_a_name_and_room(parent_app):
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit

    page = page_of(parent_app)
    controls = [
        w
        for w in page.findChildren(QWidget)
        if isinstance(w, (QAbstractButton, QLineEdit, QComboBox))
        and w.isVisibleTo(page)
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]
    assert len(controls) >= 8
    for control in controls:
        assert control.accessibleName().strip(), type(control).__name__
        if isinstance(control, QAbstractButton):
            assert control.sizeHint().height() >= 44, control.accessibleName()


def test_the_trend_charts_week_labels_stay_inside_the_chart():
    from ui.widgets.trend_chart import week_label_places

    # eight weeks of 40 px under a 600 px wide chart; labels 130 px wide (large Arabic text)
    places = week_label_places(8, left=0, grid_left=280, column=40, widest=130)
    assert [i for i, _x in places] == [0, 7]  # this week's and the first week's
    for _i, x in places:
        assert 0 <= x and x + 130 <= 280 + 8 * 40  # nothing cut off at the edge
    assert places[0][1] + 130 <= places[1][1]  # nor on top of each other
    # boxes may share their empty margins: then one more fits between
    assert [i for i, _x in week_label_places(8, 0, 280, 40, 130, room=40)] == [0, 3, 7]
    # room to spare: each label sits centred under its own week
    assert week_label_places(2, left=0, grid_left=100, column=200, widest=100) == [
        (0, 150.0),
        (1, 350.0),
    ]


def test_a_parent_gives_the_parent_view_a_password_from_the_page(parent_app, monkeypatch):
    """No "go to Settings": the button is on the page, and then the keyboard is on Lock."""
    from ui.dialogs.parents_password import ParentPasswordDialog

    app = parent_app
    page = page_of(app)
    code = app.context.unlocked.recovery_code
    assert page.password_button.isVisibleTo(page) and not page.lock_button.isVisibleTo(page)
    assert "Settings" not in page.privacy_text.text()

    def fill(dialog: ParentPasswordDialog) -> int:
        dialog.password.setText("blue kite")
        dialog.again.setText("blue kite")
        dialog.code.setText(code)
        dialog.save()
        return 1

    monkeypatch.setattr(ParentPasswordDialog, "exec", fill)
    app.window.activateWindow()
    page.password_button.setFocus()
    page.password_button.click()
    assert actions_parents.access(app.session).has_password()
    assert page.lock_button.isVisibleTo(page) and not page.password_button.isVisibleTo(page)
    assert page.lock_button.hasFocus() or app.window.focusWidget() is page.lock_button
    assert "its own password" in page.privacy_text.text()


def test_long_german_words_in_the_trend_chart_are_never_cut(qtbot, monkeypatch):
    """At 200% "Veränderungen" and "In dieser Woche kein Rückblick" ran past their room."""
    from PySide6.QtGui import QFont

    from ui.widgets import trend_chart as tc

    font = QFont()
    font.setPixelSize(32)
    unit = tc._unit(font, 1.0)
    bold = QFont(font)
    bold.setBold(True)
    data = tc.ChartData(("1", "2"), (("Veränderungen beim Schlaf", (1, 2), False),), "")
    label_width, _heights = tc._rows(data, 546, font, unit)
    assert label_width - 12 * unit >= tc._metrics(bold).horizontalAdvance("Veränderungen")
    m = tc._metrics(font)
    long = "In dieser Woche kein Rückblick"
    german = [(2, "Viel"), (1, "Ein wenig"), (0, "Nicht beobachtet"), (None, long)]
    monkeypatch.setattr(tc, "legend_items", lambda: german)
    wide = m.horizontalAdvance(long)
    width = wide * 0.8  # narrower than the words
    for _level, _words, place in tc.legend_places(width, m, unit):
        assert place.left() >= 0 and place.right() <= width + 0.5
    assert tc.chart_height(data, width, font) > 0


def test_the_pages_buttons_keep_their_words_on_one_line_at_200_percent(qtbot, parent_app):
    """ "Change this week's check" and "Lock it with a password…" were folded onto two lines in
    a card with room for them on one."""
    app = parent_app
    app.window.resize(1280, 760)
    app.set_text_scale(200)
    app.window.show()
    qtbot.waitExposed(app.window)
    page = page_of(app)
    qtbot.waitUntil(lambda: page.check_button.width() > 0)
    for shown in (page.check_button, page.password_button, page.summary_button):
        assert shown.isVisible()
        assert shown.height() == shown.heightForWidth(10_000), shown.text()
        assert shown.height() >= shown.heightForWidth(shown.width())


def test_the_weekly_check_opens_with_its_first_answer_in_sight(qtbot, parent_app):
    app = parent_app
    app.window.resize(1280, 700)
    app.set_text_scale(200)
    page = page_of(app)
    child = page.child()
    today = app.context.now().date()
    dialog = WeeklyCheckDialog(app.session, child, parents.week_of(today), None, app.window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    first = dialog.first_field
    assert first is not None and dialog.focusWidget() is first
    viewport = dialog.scroll.viewport()

    def in_sight() -> bool:
        top = first.mapTo(viewport, first.rect().topLeft())
        bottom = first.mapTo(viewport, first.rect().bottomRight())
        return viewport.rect().contains(top) and viewport.rect().contains(bottom)

    qtbot.waitUntil(in_sight)
    dialog.done(0)


def test_arrow_keys_choose_a_childs_age_and_an_error_keeps_the_ages_in_sight(qtbot, parent_app):
    from PySide6.QtWidgets import QRadioButton

    app = parent_app
    app.window.resize(1280, 700)
    app.set_text_scale(200)
    dialog = ChildDialog(app.session, parent=app.window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # arrow keys move between ages in an active window
    qtbot.keyClicks(dialog.name, "Lily")
    ages = dialog.findChildren(QRadioButton)
    ages[0].setFocus()
    # saved with no age: the error line says so, and the ages stay in sight above it
    dialog.save()
    assert "choose an age" in dialog.error.text()
    viewport = dialog.scroll.viewport()

    def in_sight() -> bool:
        where = ages[0].mapTo(viewport, ages[0].rect().bottomRight())
        return viewport.rect().contains(where) and ages[0].visibleRegion().boundingRect() == (
            ages[0].rect()
        )

    qtbot.waitUntil(in_sight)
    # an arrow key chooses the next age, as it does once one is chosen
    qtbot.keyClick(ages[0], Qt.Key.Key_Right)
    assert ages[1].isChecked() and dialog.age_band() == ages[1].property("band")
    qtbot.keyClick(ages[1], Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert "Lily" in [c.name for c in parents.children(store_of(app))]


def test_enter_on_an_answer_chooses_it_and_never_saves_half_a_checklist(qtbot, parent_app):
    app = parent_app
    store = store_of(app)
    sam = page_of(app).child()
    before = len(parents.psc17_results(store, sam.id))
    dialog = PscDialog(app.session, sam, app.window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    first = dialog.first_field
    assert first is not None and dialog.focusWidget() is first
    qtbot.keyClick(first, Qt.Key.Key_Return)  # "Never" for the first sentence, not "Save"
    assert first.isChecked() and dialog.isVisible()
    assert len(parents.psc17_results(store, sam.id)) == before
    second = list(dialog.groups.values())[1].buttons()
    second[0].setFocus()
    qtbot.keyClick(second[0], Qt.Key.Key_Right)  # an arrow chooses what it moves to
    assert second[1].isChecked()
    qtbot.keyClick(second[1], Qt.Key.Key_Return)  # on a choice made: the main action...
    # ...which, with fifteen sentences blank, asks first: Enter again goes back, unsaved
    box = dialog.findChild(QMessageBox, "psc-blanks")
    assert box is not None and box.isVisible()
    assert len(parents.psc17_results(store, sam.id)) == before
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert dialog.isVisible() and len(parents.psc17_results(store, sam.id)) == before


def test_a_wrong_parent_password_is_said_in_sight_and_typing_again_replaces_it(parent_app, qtbot):
    app = parent_app
    app.window.resize(1280, 720)
    app.set_text_scale(200)
    app.window.show()
    qtbot.waitExposed(app.window)
    page = page_of(app)
    code = app.context.unlocked.recovery_code
    assert actions_parents.set_password(app.session, page, "blue kite", code)
    page.lock()
    qtbot.keyClicks(page.password, "red kite")
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    assert "did not open" in page.locked_error.text()
    viewport = page.scroll.viewport()

    def error_in_sight() -> bool:
        bottom = page.locked_error.mapTo(viewport, page.locked_error.rect().bottomLeft())
        return viewport.rect().contains(bottom)

    qtbot.waitUntil(error_in_sight)
    qtbot.keyClicks(page.password, "blue kite")  # the wrong words are replaced, not added to
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    assert page.open_box.isVisible()
    # the keys go on with the week's check, not back to the list of pages
    assert app.window.focusWidget() is page.check_button


def test_a_changed_check_and_a_changed_child_can_be_undone(parent_app, monkeypatch):
    page = page_of(parent_app)
    store = store_of(parent_app)
    sam = page.child()
    today = datetime.now().date()
    before = parents.check_for_week(store, sam.id, today)
    assert before is not None and page.check_button.text() == "Change this week's check"

    def fill(dialog: WeeklyCheckDialog) -> None:
        _choose(dialog, "eating", 2)
        dialog.good.setPlainText("A long walk together.")

    _through_the_page(monkeypatch, page, fill)
    changed = parents.check_for_week(store, sam.id, today)
    assert changed.level("eating") == 2
    assert parent_app.session.ops.undo(page)
    again = parents.check_for_week(store, sam.id, today)
    assert again.signs == before.signs and again.good_moments == before.good_moments
    assert again.positive == before.positive and again.saved_at == before.saved_at
    assert "Changes in eating" not in {row[0] for row in page.chart.data.rows}
    # the child's details too
    assert actions_parents.change_child(parent_app.session, page, sam.id, "Sammy", "16_18")
    assert parent_app.session.ops.undo(page)
    back = parents.get_child(store, sam.id)
    assert (back.name, back.age_band) == (sam.name, sam.age_band)
    assert page.child_choice.currentText().startswith("Sam (")


def test_the_guide_is_read_by_keyboard_with_page_down(qtbot, parent_app):
    """Words take no focus: with the keys on Close, the guide could not be scrolled."""
    from ui.dialogs.parents_guide import GuideDialog

    parent_app.set_text_scale(200)
    dialog = GuideDialog(("withdrawal",), parent_app.window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    bar = dialog.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    assert dialog.focusWidget() is dialog.close_button and bar.value() == 0
    qtbot.keyClick(dialog.close_button, Qt.Key.Key_PageDown)
    assert bar.value() > 0
    qtbot.keyClick(dialog.close_button, Qt.Key.Key_PageUp)
    assert bar.value() == 0
    assert dialog.isVisible()  # the keys read; they never close or press anything


# --- the self-check chart (Get help) ------------------------------------------------------


@pytest.mark.parametrize("rtl", [False, True])
def test_the_self_check_chart_runs_the_way_the_words_do(qapp, rtl):
    """Right to left (Arabic), the newest check is on the left, as on the parent chart."""
    from PySide6.QtGui import QColor, QImage

    from companion.wellbeing import Check
    from ui import theme
    from ui.widgets.score_chart import ScoreChart

    chart = ScoreChart()
    chart.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    )
    older = Check(1, datetime(2026, 10, 1, 10, 0), 1, 1, 1, None)  # 3: a circle
    newer = Check(2, datetime(2026, 11, 1, 10, 0), 3, 3, 3, None)  # 9: a square, high
    chart.set_checks([older, newer], high_contrast=False)
    chart.resize(600, chart.sizeHint().height())
    image = QImage(chart.size(), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    chart.render(image)
    square = QColor(theme.palette_for(False).on_gentle).rgb()
    xs = [
        x
        for x in range(image.width())
        for y in range(0, image.height(), 2)
        if image.pixel(x, y) == square
    ]
    assert xs, "the high score's square is drawn"
    middle = sum(xs) / len(xs)
    assert (middle < image.width() / 2) if rtl else (middle > image.width() / 2)


def test_the_self_check_chart_grows_with_the_text(qapp):
    from PySide6.QtGui import QFont

    from ui.widgets.score_chart import ScoreChart

    chart = ScoreChart()
    small = chart.sizeHint().height()
    font = QFont(chart.font())
    font.setPointSizeF(font.pointSizeF() * 3)
    chart.setFont(font)
    assert chart.sizeHint().height() > small
    assert chart.sizeHint().height() >= chart.fontMetrics().height() * 5


def test_removing_the_last_child_leaves_the_keys_on_add_a_child(parent_app, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    app = parent_app
    app.window.show()
    qtbot.waitExposed(app.window)
    page = page_of(app)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    monkeypatch.setattr(
        QMessageBox,
        "clickedButton",
        lambda self: next(b for b in self.buttons() if b.text() == "Remove"),
    )
    page.remove_child_button.setFocus()
    page.remove_child()
    assert not parents.children(store_of(app))
    assert not page.remove_child_button.isVisible()  # what had the keys is gone
    assert app.window.focusWidget() is page.add_child_button
