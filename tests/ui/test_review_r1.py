"""Review r1 (issue #9): Today, People, Reminders, Get help and the strip above the page, as
an 80-year-old meets them at 200% text on a 1366×768 screen."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

from companion import contacts
from companion.contacts import Person
from ui.models.people import NAME, PERSON_ID_ROLE


def on_screen(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


# --- People: the person just added is in sight ---------------------------------------------


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_someone_just_added_is_chosen_in_the_list_in_sight_with_the_keyboard(
    qtbot, app_with_window, monkeypatch, size
):
    """At 200% the list is below the fold: after 'Add someone', a name and Enter, the new
    person was nowhere in sight and the keyboard was back on 'Add someone'."""
    from ui.dialogs.person import PersonDialog

    app = app_with_window
    store = app.session.store
    now = app.context.now()
    for name in ("Anne", "Bob", "Carol", "David", "Eileen", "Frank", "Grace", "Harry", "Ivy"):
        contacts.add_person(store, now - timedelta(days=9), Person(0, name, "friend"))
    window = app.window
    app.set_text_scale(200)
    window.resize(*size)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    window.go_to("people")
    page = window.page("people")
    qtbot.waitUntil(lambda: page.list.viewport().width() > 0)
    qtbot.keyClick(page.search, Qt.Key.Key_A)  # a search that would hide the new person

    def typed_and_saved(dialog: PersonDialog) -> int:
        dialog.form.name.setText("Zelda Young")
        dialog.save()
        return 1

    monkeypatch.setattr(PersonDialog, "exec", typed_and_saved)
    page.add_button.setFocus()
    qtbot.keyClick(page.add_button, Qt.Key.Key_Space)
    settle()
    assert [p.name for p in contacts.people(store)][-1] == "Zelda Young"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.list)
    row = page.list.current_row()
    assert row is not None
    chosen = page.proxy.index(row, NAME)
    assert chosen.data() == "Zelda Young"
    assert page.chosen_id() == chosen.data(PERSON_ID_ROLE)

    def in_sight() -> bool:
        rect = page.list.visualRect(chosen)
        seen = QRect(page.list.viewport().mapToGlobal(rect.topLeft()), rect.size())
        return on_screen(page.scroll.viewport()).contains(seen) and on_screen(
            page.list.viewport()
        ).contains(seen)

    qtbot.waitUntil(in_sight)
