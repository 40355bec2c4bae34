"""Nothing changes silently, and what Companion says is clear (the review of issue 9)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from companion import contacts


def open_question(dialog) -> QMessageBox:
    [box] = [b for b in dialog.findChildren(QMessageBox) if b.isVisible()]
    return box


def test_closing_after_only_choosing_says_what_is_lost_and_buttons_say_what_they_do(
    qtbot, app_with_window
):
    from ui.dialogs.reminder import ReminderDialog

    app = app_with_window
    jo = contacts.add_person(app.session.store, app.context.now(), contacts.Person(id=0, name="Jo"))
    dialog = ReminderDialog(app.session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.person.set_person(jo.id)  # nothing typed: only a drop-down chosen

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    box = open_question(dialog)
    assert dialog.windowTitle() in box.text()
    assert "will not be kept" in box.text()
    assert "typed" not in box.text()  # nothing was typed
    texts = sorted(b.text() for b in box.buttons())
    assert texts == ["Close without saving", "Go back"]
    assert box.defaultButton().text() == "Go back"  # Enter keeps the dialog

    qtbot.keyClick(box, Qt.Key.Key_Escape)  # Escape on the question: back to the dialog
    qtbot.waitUntil(lambda: not box.isVisible())
    assert dialog.isVisible()
    assert dialog.person.person_id() == jo.id

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    box = open_question(dialog)
    [leave] = [b for b in box.buttons() if b.text() == "Close without saving"]
    leave.click()
    assert not dialog.isVisible()
