"""Get help, the self-check and Settings, from a review in a real window at 200% text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QScrollArea

from companion import helplines
from ui.dialogs.professional import ProfessionalDialog
from ui.dialogs.self_check import SelfCheckDialog


def shown(qtbot, dialog) -> None:
    """Shown and active, so the keys are where the dialog put them."""
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)


def test_saved_goes_when_the_name_is_edited_again_and_a_name_typed_is_kept(qtbot, app_with_window):
    window = app_with_window.window
    window.show_page("settings")
    page = window.page("settings")
    page.name_edit.setFocus()
    page.name_edit.selectAll()
    qtbot.keyClicks(page.name_edit, "Maggie")
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)
    assert page.name_status.isVisible() and page.name_status.text() == "Saved."
    qtbot.keyClick(page.name_edit, Qt.Key.Key_S)  # editing again: not saved yet
    assert not page.name_status.isVisible()
    # moving on without Save keeps what was typed, like every other setting
    page.language.setFocus()
    assert app_with_window.context.settings.get("user_name") == "Maggies"


def test_get_help_shows_ones_own_emergency_number_after_browsing_another_country(
    qtbot, app_with_window
):
    app_with_window.context.settings.set("country", "US")
    window = app_with_window.window
    window.show_page("help")
    content = window.page("help").public
    content.country_box.setCurrentIndex(content.country_box.findData("DE"))
    assert "112" in content.danger_number.text()
    window.show_page("today")
    qtbot.keyClick(window, Qt.Key.Key_F1)  # later, in an emergency
    assert "911" in content.danger_number.text()
    assert content.country_box.currentData() == "US"


def test_what_was_said_about_one_helper_goes_when_another_is_chosen(
    qtbot, app_with_window, monkeypatch
):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    store = app_with_window.context.unlocked.store
    now = app_with_window.context.now()
    helplines.add_professional(store, now, "gp", "Dr Okafor", "01632 960 123", "")
    helplines.add_professional(store, now, "counsellor", "Ruth", "01632 960 456", "")
    window = app_with_window.window
    window.show_page("help")
    page = window.page("help")
    page.refresh()
    page.own_list.select_row(page.own_model.row_of(page.own_model.people[0].id))
    qtbot.mouseClick(page.own_call, Qt.MouseButton.LeftButton)
    assert page.own_status.isVisible() and "960" in page.own_status.text()
    page.own_list.setFocus()
    qtbot.keyClick(page.own_list, Qt.Key.Key_Down)  # Ruth
    assert "Ruth" in page.own_call.text()
    assert not page.own_status.isVisible()  # no stale "use your phone: Dr Okafor's number"


def test_the_self_check_answers_by_keys_and_enter_never_saves_a_blank(qtbot, app_with_window):
    dialog = SelfCheckDialog(app_with_window.window.session.ops, app_with_window.context.now())
    qtbot.addWidget(dialog)
    shown(qtbot, dialog)
    first = dialog.groups["lack_companionship"].buttons()[0]
    assert first.hasFocus()
    qtbot.keyClick(first, Qt.Key.Key_Return)  # chooses the answer the keys are on
    assert first.isChecked()
    assert dialog.error.isHidden()
    qtbot.keyClick(first, Qt.Key.Key_Return)  # now Save: two still blank
    assert not dialog.error.isHidden()
    assert dialog.groups["left_out"].buttons()[0].hasFocus()  # the keys go to the blank one
    assert dialog.isVisible()


def test_escape_after_answering_the_self_check_asks_first(qtbot, app_with_window):
    dialog = SelfCheckDialog(app_with_window.window.session.ops, app_with_window.context.now())
    qtbot.addWidget(dialog)
    shown(qtbot, dialog)
    dialog.groups["left_out"].buttons()[1].setChecked(True)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    assert any(isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets())
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox):
            widget.close()


def test_a_helper_without_a_name_puts_the_keys_on_the_name(qtbot):
    dialog = ProfessionalDialog(lambda *_values: None)  # refused, as the core refuses it
    qtbot.addWidget(dialog)
    shown(qtbot, dialog)
    assert dialog.role.hasFocus()
    qtbot.keyClick(dialog.role, Qt.Key.Key_Return)
    assert dialog.name.hasFocus()


def tab_into_lines_shows_the_first_from_its_name(qtbot, content, area) -> None:
    """Tab from the country into the helplines, one of which is taller than ``area``'s view:
    the line with the keys is shown from its top, where its name is."""
    view = content.lines_view
    for _ in range(5):  # settled (a redraw for the country just set)
        QApplication.processEvents()
    row = view.visualRect(view.model().index(0, 0))
    assert row.height() > area.viewport().height()  # the case: one line taller than the view
    content.country_box.setFocus()
    qtbot.keyClick(content.country_box, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: view.hasFocus())
    for _ in range(3):
        QApplication.processEvents()
    row = view.visualRect(view.currentIndex())
    top = view.viewport().mapTo(area.viewport(), row.topLeft()).y()
    assert 0 <= top < area.viewport().height() // 3


def test_tab_into_a_helpline_taller_than_the_page_shows_its_name(
    qtbot, app_with_window, large_text
):
    """At 200% on a 768-px screen one helpline is taller than the page's view. Tab into the
    list showed the line from "Run by…" down: its name was scrolled away above the edge (the
    list scrolled for the line's bottom, then Qt centred it). Its top, the name, is in sight."""
    app_with_window.context.settings.set("country", "US")
    window = app_with_window.window
    window.resize(1366, 560)  # 768 less the title bar, the sample's and the keep-in-touch line
    window.show()
    qtbot.waitExposed(window)
    window.show_page("help")
    page = window.page("help")
    qtbot.waitUntil(lambda: page.public.lines_view.model().rowCount() > 0)
    tab_into_lines_shows_the_first_from_its_name(qtbot, page.public, page.scroll)


def test_before_unlocking_too_a_tall_helpline_is_shown_from_its_name(qtbot, large_text):
    """Get help from the unlock screen (F1 before the data is open): the same list, the same
    cut, in its own window."""
    from ui.pages.help import HelpDialog

    dialog = HelpDialog("US")
    qtbot.addWidget(dialog)
    dialog.resize(900, 560)
    dialog.show()
    qtbot.waitExposed(dialog)
    tab_into_lines_shows_the_first_from_its_name(
        qtbot, dialog.content, dialog.findChild(QScrollArea)
    )
