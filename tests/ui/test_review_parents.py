"""The parent view as a parent meets it by keyboard: the checklist, its password, the lock."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from companion import demo, parents
from ui import actions_parents
from ui.dialogs.parents_password import ParentPasswordDialog
from ui.dialogs.parents_psc import PscDialog


@pytest.fixture
def parent_app(request, keyring_profile):
    """The app on a profile with the demo's child, Sam, and a scored checklist for him."""
    demo._parents(keyring_profile, datetime.now().astimezone())
    app = request.getfixturevalue("app_with_window")
    app.context.settings.set("parent_view", True)
    app.window.show_page("parents")
    return app


def _shown(qtbot, dialog) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def _question(dialog) -> QMessageBox:
    boxes = [box for box in dialog.findChildren(QMessageBox) if box.isVisible()]
    assert len(boxes) == 1
    return boxes[0]


def test_enter_twice_on_the_checklist_asks_before_keeping_one_that_cannot_be_scored(
    qtbot, parent_app
):
    app = parent_app
    page = app.window.page("parents")
    store = actions_parents.access(app.session).store
    sam = page.child()
    before = len(parents.psc17_results(store, sam.id))
    shown_before = page.psc_result.text()
    dialog = PscDialog(app.session, sam, app.window)
    _shown(qtbot, dialog)
    first = dialog.first_field
    qtbot.keyClick(first, Qt.Key.Key_Return)  # "Never" for the first sentence
    qtbot.keyClick(first, Qt.Key.Key_Return)  # Enter again: the main button, "Save"
    # Sixteen blanks: not saved behind the parent's back, but asked, in words.
    assert len(parents.psc17_results(store, sam.id)) == before
    box = _question(dialog)
    assert "16 sentences are still blank" in box.text()
    assert "cannot be scored" in box.text()
    assert box.defaultButton().text() == "Go back and answer"
    qtbot.keyClick(box.defaultButton(), Qt.Key.Key_Return)  # Enter goes back
    qtbot.waitUntil(lambda: not box.isVisible())
    assert dialog.isVisible()
    assert len(parents.psc17_results(store, sam.id)) == before
    assert page.psc_result.text() == shown_before  # the last scored result still shows
    # the keys are on the first sentence still blank (the second)
    second = list(dialog.groups.values())[1].buttons()[0]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is second)
    # "Save it anyway" keeps it, as before, and the page says it cannot be scored
    dialog.save()
    box = _question(dialog)
    anyway = next(b for b in box.buttons() if b.text() == "Save it anyway")
    anyway.click()
    assert len(parents.psc17_results(store, sam.id)) == before + 1
    assert "cannot be scored" in page.psc_result.text()


def test_a_checklist_with_few_blanks_is_saved_without_a_question(qtbot, parent_app):
    app = parent_app
    store = actions_parents.access(app.session).store
    sam = app.window.page("parents").child()
    before = len(parents.psc17_results(store, sam.id))
    dialog = PscDialog(app.session, sam, app.window)
    qtbot.addWidget(dialog)
    for item in dialog.form.items[dialog.form.invalid_from_blanks - 1 :]:
        dialog.choose(item.id, 1)
    dialog.save()
    assert not dialog.findChildren(QMessageBox)
    assert len(parents.psc17_results(store, sam.id)) == before + 1


def test_two_different_passwords_leave_both_fields_empty_to_type_again(qtbot, parent_app):
    app = parent_app
    dialog = ParentPasswordDialog(app.session, change=False, parent=app.window)
    _shown(qtbot, dialog)
    qtbot.keyClicks(dialog.password, "apple")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.again, "appel")
    qtbot.keyClick(dialog.again, Qt.Key.Key_Return)
    assert "not the same" in dialog.error.text()
    # "Please type them again": typing now starts both afresh, from the first field
    assert dialog.password.text() == "" and dialog.again.text() == ""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.password)
    qtbot.keyClicks(dialog.password, "apple")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.again, "apple")
    assert dialog.password.text() == dialog.again.text() == "apple"


def test_opening_the_parent_view_replaces_the_line_that_said_it_was_locked(qtbot, parent_app):
    app = parent_app
    page = app.window.page("parents")
    code = app.context.unlocked.recovery_code
    assert actions_parents.set_password(app.session, page, "blue kite", code)
    page.lock()
    line = app.window.status_line
    assert "locked" in line.text.text()
    qtbot.keyClicks(page.password, "blue kite")
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    assert page.open_box.isVisibleTo(page)
    assert "locked" not in line.text.text()
    assert line.text.text() == "The parent view is open."


def test_a_saved_checklist_can_be_taken_back_and_the_last_result_shows_again(qtbot, parent_app):
    """A checklist saved by mistake took the place of the last result for good: now Ctrl+Z
    (Undo) takes it back, as for the weekly check."""
    app = parent_app
    store = actions_parents.access(app.session).store
    page = app.window.page("parents")
    sam = page.child()
    before = len(parents.psc17_results(store, sam.id))
    shown_before = page.psc_result.text()
    dialog = PscDialog(app.session, sam, app.window)
    qtbot.addWidget(dialog)
    for item in dialog.form.items:
        dialog.choose(item.id, 2)
    dialog.save()
    assert len(parents.psc17_results(store, sam.id)) == before + 1
    assert page.psc_result.text() != shown_before
    assert app.session.ops.undo(page)
    assert len(parents.psc17_results(store, sam.id)) == before
    assert page.psc_result.text() == shown_before
