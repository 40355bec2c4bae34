"""The Energy page: warnings before overfilling a day, the week's sum in words, saying no
and taking it back, a reminder in one click, words for saying no, and the keyboard."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from companion import planner, planner_scripts, reminders
from companion.planner import Draft
from ui.dialogs.commitment import CommitmentDialog
from ui.dialogs.energy_boundary import BoundaryDialog
from ui.dialogs.scripts import ScriptsDialog

# A Wednesday morning; with English the week starts on Sunday (the US), so the whole
# week around it is Sunday 29 November to Saturday 5 December.
NOW = datetime(2026, 12, 2, 9, 0).astimezone()
WEDNESDAY = date(2026, 12, 2)


@pytest.fixture
def app(app_with_window):
    app_with_window.context.now = lambda: NOW
    app_with_window.context.settings.set("country", "GB")  # weeks start on Monday
    return app_with_window


def store_of(app):
    return app.context.unlocked.store


def at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0))


def energy_page(app):
    app.window.show_page("energy")
    return app.window.page("energy")


def test_overfull_day_warns_with_a_move_and_saves_nothing_until_chosen(qtbot, app):
    store = store_of(app)
    planner.add(store, NOW, Draft("group", "Choir", at(WEDNESDAY, 14), cost="heavy"))
    dialog = CommitmentDialog(app.session, day=WEDNESDAY)
    qtbot.addWidget(dialog)
    dialog.what.setText("Tea with Jo")
    dialog.at.setTime(dialog.at.time().fromString("16:00", "HH:mm"))
    dialog.cost_radios["medium"].setChecked(True)
    dialog.save()
    assert not dialog.warning_card.isHidden()
    assert "very full day" in dialog.warning_text.text()
    assert len(planner.items_between(store, WEDNESDAY, WEDNESDAY + timedelta(days=7))) == 1
    moves = [b for b in dialog.suggestion_buttons if b.property("suggestion") == "move"]
    assert moves and moves[0].text().startswith("Move it to ")
    kinds = {b.property("suggestion") for b in dialog.suggestion_buttons}
    assert "decline" in kinds
    # pressing Save again without choosing still does nothing until "Save it anyway" is read
    assert dialog.save_button.text() == "Save it anyway"
    assert dialog.result() == 0
    qtbot.mouseClick(moves[0], Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = dialog.saved
    assert saved is not None and saved.starts.date() != WEDNESDAY
    assert saved.starts.time() == time(16, 0)
    assert planner.week_of(store, NOW, 0).day(WEDNESDAY).load == 3  # the choir alone


def test_save_it_anyway_is_the_persons_choice(qtbot, app):
    store = store_of(app)
    planner.add(store, NOW, Draft("group", "Choir", at(WEDNESDAY, 14), cost="heavy"))
    dialog = CommitmentDialog(app.session, day=WEDNESDAY)
    qtbot.addWidget(dialog)
    dialog.what.setText("Tea with Jo")
    dialog.save()
    assert not dialog.warning_card.isHidden()
    dialog.save()  # "Save it anyway"
    assert dialog.result() == dialog.DialogCode.Accepted
    assert planner.week_of(store, NOW, 0).day(WEDNESDAY).over


def test_week_total_equals_the_budget_arithmetic_in_words(qtbot, app):
    store = store_of(app)
    planner.set_budget(store, NOW, 9)
    monday = WEDNESDAY - timedelta(days=2)
    planner.add(store, NOW, Draft("visit", "Jo", at(monday, 10), cost="medium"))
    planner.add(store, NOW, Draft("call", "Sam", at(WEDNESDAY, 18), cost="light"))
    planner.add(store, NOW, Draft("hosting", "Lunch", at(WEDNESDAY, 12), cost=4))
    planner.add(store, NOW, Draft("rest", "Quiet", at(WEDNESDAY, 15), cost=1))
    page = energy_page(app)
    view = page.week_view
    week = view.week
    assert week is not None and week.total == sum(d.load for d in week.days) == 6
    words = view.total.text()
    assert "6 of your 9 energy points planned" in words and "3 points left" in words
    day_numbers = [c.numbers.text() for c in view.columns]
    assert all(text.endswith(" points") for text in day_numbers)  # never a bare "0 of 3"
    assert sum(int(text.split(" of ")[0]) for text in day_numbers) == 6
    wednesday = next(c for c in view.columns if c.day.date == WEDNESDAY)
    assert "(today)" in wednesday.name.text()
    assert wednesday.state.text() in ("Full", "Too full")  # words, not only a colour
    assert "Rest: Quiet" in " ".join(b.text() for b in wednesday.buttons)


def test_decline_and_undo(qtbot, app):
    store = store_of(app)
    item = planner.add(store, NOW, Draft("visit", "Bingo", at(WEDNESDAY, 19), cost="heavy"))
    page = energy_page(app)
    assert page.week_view.week.total == 3
    dialog = CommitmentDialog(app.session, planner.get(store, item.id), parent=page)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.decline_button, Qt.MouseButton.LeftButton)
    assert planner.get(store, item.id).declined
    assert page.week_view.week.total == 0
    [button] = page.week_view.item_buttons()
    assert "You said no" in button.text()
    assert app.session.ops.undo(page)
    assert not planner.get(store, item.id).declined
    assert page.week_view.week.total == 3


def test_delete_and_undo(qtbot, app):
    store = store_of(app)
    item = planner.add(store, NOW, Draft("call", "Pat", at(WEDNESDAY, 11), cost="light"))
    page = energy_page(app)
    dialog = CommitmentDialog(app.session, planner.get(store, item.id), parent=page)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert page.week_view.item_buttons() == []
    app.session.ops.undo(page)
    assert [b.property("item_id") for b in page.week_view.item_buttons()] == [item.id]


def test_reminder_from_the_dialog_shows_on_the_reminders_page(qtbot, app):
    dialog = CommitmentDialog(app.session, day=WEDNESDAY + timedelta(days=1))
    qtbot.addWidget(dialog)
    dialog.what.setText("Lunch with Ann")
    dialog.cost_radios["light"].setChecked(True)
    dialog.remind.setChecked(True)
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.saved is not None and dialog.saved.reminder_id is not None
    [reminder] = reminders.all_reminders(store_of(app))
    assert reminder.title == "Lunch with Ann"
    assert reminder.starts == dialog.saved.starts - timedelta(hours=1)
    app.window.show_page("reminders")
    texts = [w.text() for w in app.window.page("reminders").findChildren(QLabel)]
    assert any("Lunch with Ann" in t for t in texts)


def test_learned_cost_offered_and_how_did_it_feel(qtbot, app):
    store = store_of(app)
    for days in (3, 2, 1):
        item = planner.add(
            store, NOW, Draft("call", "Call", NOW.replace(tzinfo=None) - timedelta(days=days))
        )
        planner.reflect(store, NOW, item.id, "gave_energy")
    page = energy_page(app)
    asked = planner.add(
        store, NOW, Draft("visit", "Coffee", NOW.replace(tzinfo=None) - timedelta(hours=3))
    )
    page.refresh()
    assert not page.questions_card.isHidden()
    answer = next(
        b
        for b in page.questions_card.findChildren(QWidget)
        if getattr(b, "accessibleName", lambda: "")() == "Draining: How did “Coffee” feel?"
    )
    qtbot.mouseClick(answer, Qt.MouseButton.LeftButton)
    assert all(q.item.id != asked.id for q in planner.to_ask(store, NOW))
    dialog = CommitmentDialog(app.session, kind="call")
    qtbot.addWidget(dialog)
    assert not dialog.use_learned.isHidden()
    assert "more energy" in dialog.learned_text.text()


def test_answering_how_it_felt_keeps_the_keyboard_on_the_questions(qtbot, app):
    store = store_of(app)
    for title, hours in (("Coffee", 3), ("Lunch", 5)):
        planner.add(
            store, NOW, Draft("visit", title, NOW.replace(tzinfo=None) - timedelta(hours=hours))
        )
    page = energy_page(app)
    page.refresh()
    app.window.activateWindow()
    rows = page._question_buttons()
    assert len(rows) == 2
    rows[0][0].setFocus()
    rows[0][0].click()  # by keyboard: the buttons she was on are gone now
    rows = page._question_buttons()
    assert len(rows) == 1
    assert app.window.focusWidget() is rows[0][0]  # on to the next question, not nowhere
    rows[0][1].setFocus()
    rows[0][1].click()
    assert page.questions_card.isHidden()
    assert app.window.focusWidget() is page.add_item_button  # still on the page


def test_boundaries_add_change_remove_with_undo(qtbot, app):
    store = store_of(app)
    page = energy_page(app)
    dialog = BoundaryDialog(app.session, parent=page)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("outings_per_day"))
    dialog.number.setValue(1)
    dialog.save()
    [rule] = planner.list_boundaries(store)
    assert "At most 1 outing a day." in page.rules_line.text()
    change = BoundaryDialog(app.session, rule, parent=page)
    qtbot.addWidget(change)
    change.number.setValue(2)
    change.save()
    assert planner.list_boundaries(store)[0].number == 2
    remove = next(
        b
        for b in page.rules_card.findChildren(QWidget)
        if getattr(b, "accessibleName", lambda: "")().startswith("Remove the rule")
    )
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert planner.list_boundaries(store) == []
    app.session.ops.undo(page)
    assert len(planner.list_boundaries(store)) == 1


def test_scripts_dialog_copies_a_script(qtbot, app):
    dialog = ScriptsDialog(app.session, situation="sales_scam")
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() > 0
    assert all(s.situation == "sales_scam" for s in dialog.model.rows)
    dialog.reason.setChecked(True)
    script = dialog.current()
    assert script is not None
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == script.shown(reason=True)
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    assert [s.key for s in planner_scripts.chosen(store_of(app))] == [script.key]
    assert dialog.card_button.isEnabled()


def test_scripts_model_passes_qt_model_tester(qtmodeltester, app):
    dialog = ScriptsDialog(app.session)
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() >= 40


def test_the_card_is_written_only_where_chosen(qtbot, app, tmp_path, monkeypatch):
    from ui.widgets import files

    store = store_of(app)
    first = planner_scripts.builtin()[0]
    planner_scripts.choose(store, NOW, first.key)
    dialog = ScriptsDialog(app.session)
    qtbot.addWidget(dialog)
    folder = tmp_path / "chosen"
    folder.mkdir()
    target = folder / "card.pdf"
    monkeypatch.setattr(files, "ask_save_path", lambda *a, **k: target)
    dialog.save_card()
    assert target.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in folder.iterdir()) == ["card.pdf"]
    monkeypatch.setattr(files, "ask_save_path", lambda *a, **k: None)
    dialog.save_card()  # cancelled: nothing more
    assert sorted(p.name for p in folder.iterdir()) == ["card.pdf"]


def test_pause_hides_nudges_and_questions(qtbot, app):
    from ui import actions_energy

    store = store_of(app)
    planner.add(store, NOW, Draft("visit", "Coffee", NOW.replace(tzinfo=None) - timedelta(hours=3)))
    page = energy_page(app)
    assert not page.questions_card.isHidden()
    actions_energy.pause(app.session, page, WEDNESDAY + timedelta(days=3))
    assert page.questions_card.isHidden() and page.nudges_card.isHidden()
    assert not page.paused_card.isHidden()
    qtbot.mouseClick(page.end_pause_button, Qt.MouseButton.LeftButton)
    assert page.paused_card.isHidden()


def test_today_shows_this_weeks_energy_and_plan_opens_the_page(qtbot, app):
    store = store_of(app)
    planner.add(store, NOW, Draft("visit", "Jo", at(WEDNESDAY, 10), cost="medium"))
    app.window.show_page("today")
    today = app.window.page("today")
    today.refresh()
    assert today.energy_text.text() == "This week: 2 of 10 energy used"
    qtbot.mouseClick(today.energy_button, Qt.MouseButton.LeftButton)
    assert app.window.current_page() == "energy"


def tab_round(start: QWidget, limit: int = 400) -> list[QWidget]:
    """Press Tab from ``start`` until focus comes back round; what got focus, in order."""
    window = start.window()
    start.setFocus(Qt.FocusReason.TabFocusReason)
    seen: list[QWidget] = []
    for _n in range(limit):
        current = window.focusWidget()
        assert current is not None
        if seen and current is seen[-1]:  # Tab moves through a date's day, month and year
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


def test_tab_reaches_every_control_in_the_week_view(qtbot, app):
    store = store_of(app)
    for offset, title in enumerate(("Jo", "Sam", "Choir")):
        planner.add(store, NOW, Draft("visit", title, at(WEDNESDAY + timedelta(days=offset), 10)))
    page = energy_page(app)
    app.window.resize(1366, 768)
    app.window.show()
    qtbot.waitExposed(app.window)
    wanted = set(focusable(page.week_card))
    assert len(page.week_view.item_buttons()) == 3
    reached = set(tab_round(page.previous_button))
    assert wanted <= reached, [w.accessibleName() for w in wanted - reached]


@pytest.mark.parametrize("which", ["commitment", "scripts", "boundary"])
def test_tab_reaches_every_control_in_the_dialogs(qtbot, app, which):
    store = store_of(app)
    if which == "commitment":
        item = planner.add(store, NOW, Draft("visit", "Jo", at(WEDNESDAY, 10)))
        dialog: QWidget = CommitmentDialog(app.session, planner.get(store, item.id))
    elif which == "scripts":
        dialog = ScriptsDialog(app.session)
    else:
        dialog = BoundaryDialog(app.session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    wanted = set(focusable(dialog))
    assert wanted
    reached = set(tab_round(dialog.first_field))
    missing = wanted - reached
    assert not missing, [w.accessibleName() or type(w).__name__ for w in missing]
    for widget in wanted:
        assert widget.accessibleName() or isinstance(widget, QLabel), type(widget).__name__


def test_a_narrow_window_stacks_the_days_instead_of_clipping(qtbot, app):
    page = energy_page(app)
    app.window.show()
    qtbot.waitExposed(app.window)
    view = page.week_view
    view.fit(view.column_width() * 7 + 6 * 8)
    assert view._per_row == 7
    view.fit(view.column_width() * 3)
    assert view._per_row == 2
    view.fit(view.column_width())
    assert view._per_row == 1
    rows = {view.grid.getItemPosition(view.grid.indexOf(c))[0] for c in view.columns}
    assert rows == set(range(7))


def test_enter_on_a_planned_thing_opens_it(qtbot, app):
    store = store_of(app)
    item = planner.add(store, NOW, Draft("visit", "Jo", at(WEDNESDAY, 10)))
    page = energy_page(app)
    app.window.show()
    qtbot.waitExposed(app.window)
    page.week_view.item_activated.disconnect(page.open_item)  # no modal dialog in a test
    [widget] = page.week_view.item_buttons()
    widget.setFocus()
    with qtbot.waitSignal(page.week_view.item_activated) as opened:
        QTest.keyClick(widget, Qt.Key.Key_Return)
    assert opened.args == [item.id]


def test_burnout_note_links_to_get_help(qtbot, app):
    store = store_of(app)
    this_week = planner.week_start_of(WEDNESDAY, 0)
    for weeks_ago in (1, 2, 3):
        monday = this_week - timedelta(weeks=weeks_ago)
        for day in range(4):
            when = at(monday + timedelta(days=day), 10)
            planner.add(store, NOW - timedelta(weeks=5), Draft("hosting", "Lunch", when, cost=3))
    page = energy_page(app)
    assert not page.nudges_card.isHidden()
    texts = [w.text() for w in page.nudges_card.findChildren(QLabel)]
    assert any("fuller than you planned" in t for t in texts)
    help_button = next(
        b for b in page.nudges_card.findChildren(QPushButton) if b.text() == "Get help"
    )
    qtbot.mouseClick(help_button, Qt.MouseButton.LeftButton)
    assert app.window.current_page() == "help"
    today = app.window.page("today")
    today.refresh()
    assert "fuller than you planned" in today.energy_nudges.text()


def test_your_own_words_added_changed_and_removed_with_undo(qtbot, app):
    store = store_of(app)
    dialog = ScriptsDialog(app.session, situation="family")
    qtbot.addWidget(dialog)
    dialog.aim.setCurrentIndex(dialog.aim.findData("postpone"))
    qtbot.mouseClick(dialog.own_button, Qt.MouseButton.LeftButton)
    dialog.own_text.setText("Not this Sunday, love. Let's talk on Monday.")
    qtbot.mouseClick(dialog.own_save, Qt.MouseButton.LeftButton)
    [own] = [s for s in planner_scripts.scripts(store) if s.own]
    assert (own.situation, own.aim) == ("family", "postpone")
    assert dialog.current().key == own.key and not dialog.change_button.isHidden()
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    assert dialog.own_text.text() == own.text
    dialog.own_text.setText("Not this Sunday, love.")
    qtbot.mouseClick(dialog.own_save, Qt.MouseButton.LeftButton)
    [own] = [s for s in planner_scripts.scripts(store) if s.own]
    assert own.text == "Not this Sunday, love."
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert not [s for s in planner_scripts.scripts(store) if s.own]
    app.session.ops.undo(dialog)
    assert [s.text for s in planner_scripts.scripts(store) if s.own] == ["Not this Sunday, love."]
    assert dialog.model.rows[0].own  # the list redrew itself


def test_a_rise_is_offered_and_the_person_decides(qtbot, app):
    store = store_of(app)
    this_week = planner.week_start_of(WEDNESDAY, 0)
    for weeks_ago in (1, 2, 3, 4):
        monday = this_week - timedelta(weeks=weeks_ago)
        for day in range(3):
            when = at(monday + timedelta(days=day), 10)
            planner.add(store, NOW - timedelta(weeks=6), Draft("visit", "Tea", when, cost=2))
    page = energy_page(app)
    assert not page.rise_text.isHidden()
    assert "It is up to you" in page.rise_text.text()
    assert planner.budget(store) == 10  # never by itself
    qtbot.mouseClick(page.rise_yes, Qt.MouseButton.LeftButton)
    assert planner.budget(store) == 11
    assert page.rise_text.isHidden()
    assert "11 points" in page.budget_text.text()


def test_set_the_budget_with_its_meaning_in_one_sentence_and_undo(qtbot, app):
    from ui.dialogs.energy_budget import BudgetDialog

    store = store_of(app)
    page = energy_page(app)
    dialog = BudgetDialog(app.session, page)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.value.width() < dialog.width() // 3  # a small number in a small field
    dialog.value.setValue(7)
    assert dialog.meaning.text().startswith("You plan to spend 7 points of social energy a week")
    dialog.save()
    assert planner.budget(store) == 7
    assert "of your 7 energy points planned" in page.week_view.total.text()
    app.session.ops.undo(page)
    assert planner.budget(store) == 10


def test_saying_no_from_the_warning_saves_nothing_and_opens_the_words(qtbot, app, monkeypatch):
    store = store_of(app)
    planner.add(store, NOW, Draft("group", "Choir", at(WEDNESDAY, 14), cost="heavy"))
    opened: list[str | None] = []

    def fake_exec(dialog):
        opened.append(dialog.situation.currentData())
        return 0

    monkeypatch.setattr(ScriptsDialog, "exec", fake_exec)
    dialog = CommitmentDialog(app.session, day=WEDNESDAY)
    qtbot.addWidget(dialog)
    dialog.what.setText("Lunch at the club")
    dialog.save()
    [no] = [b for b in dialog.suggestion_buttons if b.property("suggestion") == "decline"]
    qtbot.mouseClick(no, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Rejected
    assert opened == ["visit"]
    assert [i.title for i in planner.items_between(store, WEDNESDAY, WEDNESDAY + timedelta(1))] == [
        "Choir"
    ]


def test_no_calls_after_takes_a_typed_time_and_refuses_one_it_cannot_read(qtbot, app):
    store = store_of(app)
    page = energy_page(app)
    dialog = BoundaryDialog(app.session, parent=page)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("no_calls_after"))
    dialog.at.edit.setText("teatime")
    dialog.at.edit.setModified(True)
    dialog.save()
    assert planner.list_boundaries(store) == []
    assert not dialog.error.isHidden() and dialog.error.text()
    dialog.at.edit.setText("21:30")
    dialog.at.edit.setModified(True)
    dialog.save()
    [rule] = planner.list_boundaries(store)
    assert rule.number == 21 * 60 + 30


def test_the_number_of_your_own_is_greyed_out_until_you_choose_it(qtbot, app_with_window):
    dialog = CommitmentDialog(app_with_window.session, kind="call")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.cost_number_radio.isChecked()
    assert not dialog.cost_number.isEnabled()  # no box to type in while it is not chosen
    qtbot.mouseClick(dialog.cost_number_radio, Qt.MouseButton.LeftButton)
    assert dialog.cost_number.isEnabled()
    dialog.cost_number.setValue(4)
    assert dialog.cost() == 4
    next(iter(dialog.cost_radios.values())).setChecked(True)
    assert not dialog.cost_number.isEnabled()


def test_a_free_day_is_not_translated_as_costing_nothing(qtbot, app, monkeypatch):
    """German had "Kostenlos" (free of charge) under an empty day: the word has a context."""
    from companion import i18n

    class German:
        def gettext(self, message: str) -> str:
            return "Kostenlos" if message == "Free" else message

        def ngettext(self, singular: str, plural: str, n: int) -> str:
            return singular if n == 1 else plural

        def pgettext(self, context: str, message: str) -> str:
            return "Frei" if message == "Free" else message

    monkeypatch.setattr(i18n, "_translations", German())
    page = energy_page(app)
    page.refresh()
    states = [c.state.text() for c in page.week_view.columns]
    assert "Frei" in states and "Kostenlos" not in states


def rule_buttons(page) -> list[QPushButton]:
    return [b for b in page.rules_card.findChildren(QPushButton) if not b.isHidden()]


def test_the_keyboard_stays_on_a_rule_after_changing_it(qtbot, app):
    page = energy_page(app)
    app.window.show()
    app.window.activateWindow()
    qtbot.waitActive(app.window)
    for kind in ("heavy_per_week", "outings_per_day"):
        dialog = BoundaryDialog(app.session, parent=page)
        qtbot.addWidget(dialog)
        dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
        dialog.number.setValue(1)
        dialog.save()
    outings = next(b for b in planner.list_boundaries(store_of(app)) if b.kind == "outings_per_day")
    button = next(b for b in rule_buttons(page) if b.accessibleName().endswith("1 outing a day."))
    button.setFocus()
    change = BoundaryDialog(app.session, outings, parent=page)
    qtbot.addWidget(change)
    change.number.setValue(3)
    change.save()  # the rules are drawn again: her button is a new one
    focus = app.window.focusWidget()
    assert focus.accessibleName() == "Change the rule: At most 3 outings a day."


def test_answering_a_rise_leaves_the_keyboard_on_the_weekly_energy(qtbot, app):
    store = store_of(app)
    this_week = planner.week_start_of(WEDNESDAY, 0)
    for weeks_ago in (1, 2, 3, 4):
        monday = this_week - timedelta(weeks=weeks_ago)
        for day in range(3):
            when = at(monday + timedelta(days=day), 10)
            planner.add(store, NOW - timedelta(weeks=6), Draft("visit", "Tea", when, cost=2))
    page = energy_page(app)
    app.window.show()
    app.window.activateWindow()
    qtbot.waitActive(app.window)
    page.rise_no.setFocus()
    QTest.keyClick(page.rise_no, Qt.Key.Key_Space)
    assert page.rise_no.isHidden()
    assert app.window.focusWidget() is page.budget_button


def test_buttons_keep_their_words_on_one_line_where_there_is_room(qtbot, app):
    page = energy_page(app)
    app.set_text_scale(200)
    app.window.resize(1366, 768)
    app.window.show()
    qtbot.waitExposed(app.window)
    qtbot.waitUntil(lambda: page.budget_button.height() > 0)
    one_line = page.add_rule_button.height()
    # "Change my weekly energy" was folded onto two lines at 200% in a card with room for it
    assert page.budget_button.height() == one_line


def test_a_rule_being_changed_says_its_kind_in_words_that_wrap(qtbot, app):
    store = store_of(app)
    page = energy_page(app)
    planner.add_boundary(store, NOW, "outings_per_day", 1, "")
    dialog = BoundaryDialog(app.session, planner.list_boundaries(store)[0], parent=page)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.kind.isHidden()  # no greyed-out drop-down cutting a long name
    assert dialog.kind_name.text() == "At most a number of outings a day"
    assert dialog.kind_name.wordWrap()
    assert dialog.focusWidget() is dialog.number
