"""The review of keys and backups as a person walks them: a new key, a backup from elsewhere,
a wrong recovery code, and the printed parents summary."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QCoreApplication, Qt

NOW = datetime(2026, 3, 18, 10, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture
def theirs(tmp_path: Path, vault):
    """A backup made in another profile, and that profile's recovery code."""
    from companion import backup
    from companion.profile import Profile

    other = Profile(tmp_path / "other", vault).create("keyring")
    code = other.recovery_code
    made = backup.make_backup(other, tmp_path / "theirs.companion-backup", NOW)
    other.close()
    return made, code


def _shown_dialog(qtbot, app, path: Path):
    from ui.dialogs.restore import RestoreDialog

    dialog = RestoreDialog(app.session, path, app.window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_enter_after_the_right_code_shows_the_backup_and_keeps_the_dialog_open(
    qtbot, app_with_window, theirs
):
    """Typing the right code and pressing Enter closed the dialog ("Keep my data" had just
    become the default button), with nothing restored and nothing said."""
    path, code = theirs
    dialog = _shown_dialog(qtbot, app_with_window, path)
    dialog.code.setFocus()
    qtbot.keyClicks(dialog.code, code)
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.review is not None)
    assert dialog.isVisible()
    assert dialog.restore_button.isEnabled()
    assert dialog.holds.isVisibleTo(dialog)


def test_this_profiles_own_code_is_named_as_such(qtbot, app_with_window, theirs):
    """The likeliest wrong code is the one of the data here now: say that, not "check each
    group of letters" (which sends the person over a code that is right, only not for this)."""
    path, _their_code = theirs
    ours = app_with_window.session.unlocked.recovery_code
    assert ours
    dialog = _shown_dialog(qtbot, app_with_window, path)
    dialog.code.setText(ours)
    dialog.try_code()
    assert dialog.error.isVisibleTo(dialog)
    assert "recovery code of your data here now" in dialog.error.text()
    assert dialog.code.hasFocus() or dialog.focusWidget() is dialog.code
    assert not dialog.restore_button.isEnabled()


def test_a_mistyped_code_is_chosen_in_its_field_to_type_again(qtbot, app_with_window, theirs):
    path, code = theirs
    dialog = _shown_dialog(qtbot, app_with_window, path)
    wrong = ("B" if code[0] != "B" else "C") + code[1:]
    dialog.code.setText(wrong)
    dialog.try_code()
    assert dialog.error.isVisibleTo(dialog)
    assert "did not open this backup" in dialog.error.text()
    assert dialog.isVisible() and not dialog.restore_button.isEnabled()
    # Back in the field with the code chosen, so the next try is typed over it, not after it.
    assert dialog.focusWidget() is dialog.code and dialog.code.selectedText() == wrong


def test_the_code_asked_for_is_the_one_from_when_the_backup_was_made(
    qtbot, app_with_window, theirs
):
    """It said "you got it when that data was set up": after a new code, that one no longer
    opens a newer backup."""
    path, _code = theirs
    dialog = _shown_dialog(qtbot, app_with_window, path)
    words = dialog.code_text.text()
    assert "set up" not in words
    assert "when the backup was made" in words


def test_a_parent_lock_from_another_profiles_backup_is_explained(
    qtbot, app_with_window, tmp_path, vault, monkeypatch
):
    """Restored from a backup made with another key, the parent view opened with its password
    and with the other data's code, not with the code here: and nothing said so."""
    from companion import backup, parents
    from companion.parents_lock import ParentVault
    from companion.profile import Profile
    from ui import actions_data
    from ui.widgets import common

    other = Profile(tmp_path / "other", vault).create("keyring")
    code = other.recovery_code
    assert code
    vault_there = ParentVault.of(other)
    opened = vault_there.set_up(NOW)
    parents.add_child(opened.store, NOW, "Sam", "12_15")
    vault_there.set_password(opened, "garden shed 42", code)
    made = backup.make_backup(other, tmp_path / "theirs.companion-backup", NOW, parents=opened)
    opened.lock()
    other.close()

    shown: list[str] = []
    monkeypatch.setattr(
        common, "show_error", lambda parent, message, title="": shown.append(message)
    )
    session = app_with_window.session
    done: list[object] = []
    actions_data.restore(session, None, made, code, done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=15000)
    assert done[0] is not None
    assert any("Your recovery code does not open it yet" in words for words in shown)
    # and what it says is so: the code here does not open it, the other data's code does
    here_code = app_with_window.session.unlocked.recovery_code
    fresh = ParentVault.of(app_with_window.session.unlocked)
    with pytest.raises(Exception):  # noqa: B017 - any refusal will do
        fresh.unlock_with_recovery_code(here_code)
    fresh.unlock_with_recovery_code(code).lock()


def test_a_backup_of_this_same_data_says_nothing_of_the_parent_lock(
    qtbot, app_with_window, tmp_path, monkeypatch
):
    from ui import actions_data, actions_parents
    from ui.widgets import common

    session = app_with_window.session
    gate = actions_parents.access(session)
    assert gate.open_if_free()
    results: list[object] = []
    actions_data.back_up_now(session, None, tmp_path / "ours", results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=10000)
    shown: list[str] = []
    monkeypatch.setattr(
        common, "show_error", lambda parent, message, title="": shown.append(message)
    )
    done: list[object] = []
    actions_data.restore(session, None, results[0], None, done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=15000)
    assert done[0] is not None and shown == []


# --- a new key with the parent view locked ----------------------------------------------


@pytest.fixture
def locked_parent_view(request, keyring_profile):
    """The app on a real profile whose parent view has its own password and is locked."""
    from ui import actions_parents

    app = request.getfixturevalue("app_with_window")
    app.context.settings.set("parent_view", True)
    app.window.show_page("settings")
    gate = actions_parents.access(app.session)
    assert gate.open_if_free()
    assert actions_parents.set_password(
        app.session, None, "blue kite", keyring_profile.recovery_code
    )
    gate.lock()
    return app


def test_the_locked_parent_view_is_said_first_and_enter_opens_it_first(qtbot, locked_parent_view):
    """At 200% text the warning sat below the fold under a long explanation, and Enter (on
    "Lock my data with a new key") went on: the old, perhaps known, code kept opening the
    children's notes."""
    from ui.dialogs.rekey import RekeyDialog

    dialog = RekeyDialog(False, locked_parent_view.window, parent_view_locked=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.parents_note is not None and dialog.parents_button is not None
    body = dialog.body
    assert body.indexOf(dialog.parents_note) < body.indexOf(dialog.explanation)
    assert dialog.parents_button.isDefault() and not dialog.go_button.isDefault()
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.parents_button)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.wants_parent_view and dialog.result() != RekeyDialog.DialogCode.Accepted


def test_once_the_parent_view_is_open_the_new_key_is_offered_again(
    qtbot, locked_parent_view, monkeypatch
):
    """Before, "Open the parent view first" left the person on the parent view with nothing
    to say the new key was still to be made, nor where."""
    from ui import actions_parents
    from ui.dialogs import rekey

    app = locked_parent_view
    seen: list[bool] = []

    def answer(dialog: rekey.RekeyDialog) -> int:
        seen.append(dialog.parents_button is not None)
        if dialog.parents_button is not None:
            dialog.parents_button.click()
        return dialog.result()

    monkeypatch.setattr(rekey.RekeyDialog, "exec", answer)
    monkeypatch.setattr(rekey, "choose_new_key", lambda *a, **k: None)
    rekey.ask_and_choose_new_key(app.session, app.window)
    assert seen == [True] and app.window.current_page() == "parents"
    assert actions_parents.access(app.session).unlock(app.window, "blue kite")
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen == [True, False]  # asked again, now with nothing left behind


def test_the_offer_is_dropped_when_the_person_goes_elsewhere(
    qtbot, locked_parent_view, monkeypatch
):
    from ui import actions_parents
    from ui.dialogs import rekey

    app = locked_parent_view
    seen: list[bool] = []

    def answer(dialog: rekey.RekeyDialog) -> int:
        seen.append(True)
        if dialog.parents_button is not None:
            dialog.parents_button.click()
        return dialog.result()

    monkeypatch.setattr(rekey.RekeyDialog, "exec", answer)
    rekey.ask_and_choose_new_key(app.session, app.window)
    app.window.show_page("today")
    assert actions_parents.access(app.session).unlock(app.window, "blue kite")
    for _ in range(3):  # what waits for the next turn of the event loop has had it
        QCoreApplication.processEvents()
    assert seen == [True]


# --- the printed parents summary ------------------------------------------------------------


def _no_checks_summary():
    from datetime import date, timedelta

    from companion.parents import Summary, Trend
    from companion.parents_content import content

    last = date(2026, 11, 30)
    weeks = tuple(last - timedelta(weeks=i) for i in range(7, -1, -1))
    levels: dict[str, tuple[int | None, ...]] = {
        sign: (None,) * len(weeks) for sign in content().sign_ids
    }
    trend = Trend(1, weeks, content().sign_ids, levels, ())
    summary = Summary(
        child_name="Sam",
        age_band="12 to 15",
        first_week=weeks[0],
        last_week=last,
        weeks_with_checks=0,
        observations=(),
        good_moments=(),
        tried=(),
        self_harm_weeks=(),
        psc17=(),
        interpretations=("Nothing has lasted two weeks in a row or grown in these weeks.",),
        questions=("When should we come back?",),
    )
    return summary, trend


def test_a_summary_without_a_weekly_check_does_not_say_all_was_calm(qapp):
    """With no check at all it told the doctor "No warning signs were noted" and "Nothing has
    lasted two weeks in a row": as if someone had looked, week by week, and seen nothing."""
    from ui.reports.parents import section_titles, summary_report

    summary, trend = _no_checks_summary()
    text = summary_report(summary, trend, rtl=False).text()
    assert "No warning signs were noted" not in text
    assert "Nothing has lasted two weeks in a row" not in text
    stands_out = text[text.index(section_titles()["interpretations"]) :]
    assert "No weekly checks in these weeks yet." in stands_out
    noticed = text[: text.index(section_titles()["chart"])]
    assert "No weekly checks in these weeks yet." in noticed


def test_the_summary_names_the_childs_age_as_an_age(qapp):
    from ui.reports.parents import summary_report

    summary, trend = _no_checks_summary()
    text = summary_report(summary, trend, rtl=False).text()
    assert "Age 12 to 15." in text


def test_at_200_percent_the_code_s_button_is_whole_and_the_backup_reads_from_its_top(
    qtbot, app_with_window, theirs, large_text
):
    """In a real window at 200% (the dialog 1046 × 691 on a 1366 × 768 screen): the keys on the
    recovery code showed "Open with this code" cut off below the field; once the code opened
    the backup, the body stayed scrolled and began at "read it.", its first lines out of
    sight."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication

    def seen_top_to_bottom(widget) -> bool:  # type: ignore[no-untyped-def]
        top = widget.mapTo(dialog.scroll.viewport(), QPoint(0, 0)).y()
        return 0 <= top and top + widget.height() <= dialog.scroll.viewport().height()

    path, code = theirs
    dialog = _shown_dialog(qtbot, app_with_window, path)
    dialog.resize(1046, 691)
    for _ in range(4):
        QApplication.processEvents()
    dialog.cancel_button.setFocus()
    qtbot.waitUntil(lambda: dialog.code.isVisible())
    dialog.code.setFocus()  # where the dialog puts the keys once it asks for the code
    for _ in range(4):
        QApplication.processEvents()
    assert seen_top_to_bottom(dialog.code) and seen_top_to_bottom(dialog.code_button)
    qtbot.keyClicks(dialog.code, code)
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.review is not None)
    for _ in range(4):
        QApplication.processEvents()
    assert seen_top_to_bottom(dialog.about)  # the backup's name and date, from the top
