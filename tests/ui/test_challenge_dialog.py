"""Starting the 5-for-5 challenge goes through the operations: announced, refused in place."""

from __future__ import annotations

from companion import challenge
from ui.dialogs.challenge import ChallengeDialog
from ui.ops import Change


def test_starting_is_announced_and_today_shows_day_one(qtbot, app_with_window):
    session = app_with_window.session
    heard = []
    session.ops.executed.connect(heard.append)
    dialog = ChallengeDialog(session.ops, session.now().date(), app_with_window.window)
    qtbot.addWidget(dialog)
    dialog.start()
    assert dialog.started is not None
    assert challenge.current(session.store) is not None
    assert [c.kinds for c in heard] == [Change.WELLBEING]
    card = app_with_window.window.page("today").challenge_card
    assert card.text.text().startswith("Day 1 of 5")  # Today redrew from the announcement
    assert "challenge has begun" in app_with_window.window.status_line.text.text()


def test_a_refused_start_says_why_in_the_dialog_and_changes_nothing(qtbot, app_with_window):
    session = app_with_window.session
    heard = []
    session.ops.executed.connect(heard.append)
    dialog = ChallengeDialog(session.ops, session.now().date(), app_with_window.window)
    qtbot.addWidget(dialog)
    dialog.texts[4].setText("   ")
    dialog.start()
    assert "each of the five days" in dialog.error.text()
    assert dialog.started is None and challenge.current(session.store) is None
    assert heard == []


def test_given_only_the_store_it_still_writes_through_an_operation(qtbot, app_with_window):
    store = app_with_window.session.store
    dialog = ChallengeDialog(store, app_with_window.session.now().date())
    qtbot.addWidget(dialog)
    dialog.start()
    assert dialog.started is not None and challenge.current(store) is not None
