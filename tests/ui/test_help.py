"""Get help: reachable from everywhere, accurate, and gentle."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog

from companion import helplines, wellbeing
from ui.dialogs.professional import ProfessionalDialog
from ui.dialogs.self_check import SelfCheckDialog
from ui.dialogs.setup import SetupDialog
from ui.dialogs.unlock import UnlockDialog
from ui.main_window import PAGES
from ui.pages.help import HelpContent, HelpDialog
from ui.widgets.row_delegate import LINES_ROLE


def test_f1_opens_get_help_from_every_page(qtbot, app_with_window):
    window = app_with_window.window
    for entry in PAGES:
        window.show_page(entry.key)
        qtbot.keyClick(window, Qt.Key.Key_F1)
        assert window.current_page() == "help", entry.key


ISOLATES = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"))


def row_lines(content: HelpContent, row: int) -> list[str]:
    """What the row reads, without the invisible marks that keep each name in its direction."""
    rows = content.lines_model.index(row).data(LINES_ROLE)
    return [text.translate(ISOLATES) for text, _kind in rows]


def line_row(content: HelpContent, starts: str) -> int:
    return next(
        i for i, line in enumerate(content.lines_model.lines) if line.name.startswith(starts)
    )


def test_help_page_shows_the_emergency_number_first_then_lines(qtbot, app_with_window):
    app_with_window.context.settings.set("country", "GB")
    window = app_with_window.window
    qtbot.mouseClick(window.nav_buttons["help"], Qt.MouseButton.LeftButton)
    content = window.page("help").public
    assert "999" in content.danger_number.text()
    assert content.call_emergency.text().startswith("Call")
    lines = content.lines_model.lines
    assert lines and any(line.name.startswith("Samaritans") for line in lines)
    for row in range(len(lines)):
        words = row_lines(content, row)
        assert words[-1].startswith("Checked on")
        assert words[1].startswith("Run by")
        assert words[4]  # what it costs


def test_other_countries_can_be_browsed(qtbot, app_with_window):
    app_with_window.context.settings.set("country", "GB")
    content = app_with_window.window.page("help").public
    content.country_box.setCurrentIndex(content.country_box.findData("AU"))
    assert "000" in content.danger_number.text()
    shown = {line.country for line in content.lines_model.lines}
    assert shown == {"AU"}  # Australia's lines, and none of Britain's left behind
    assert app_with_window.context.settings.get("country") == "GB"  # browsing changes nothing


def test_a_country_without_checked_data_says_so_and_invents_nothing(qtbot):
    content = HelpContent("AQ")
    qtbot.addWidget(content)
    content.show()
    assert content.none_here.isVisible()
    assert "don't have checked helplines" in content.none_here.text()
    assert content.danger_number.isHidden()
    assert "emergency number" in content.danger_text.text()


def test_a_computer_without_a_phone_app_gets_an_explanation(qtbot, monkeypatch):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    content = HelpContent("GB")
    qtbot.addWidget(content)
    content.show()
    qtbot.mouseClick(content.call_emergency, Qt.MouseButton.LeftButton)
    assert "from your phone" in content.danger_status.text()
    assert "999" in content.danger_status.text()


def test_unlock_and_setup_screens_have_get_help(
    qtbot, passphrase_profile, new_profile, monkeypatch
):
    opened = []
    monkeypatch.setattr(HelpDialog, "exec", lambda self: opened.append(self.content.country) or 1)
    profile, _code = passphrase_profile
    unlock = UnlockDialog(profile)
    qtbot.addWidget(unlock)
    qtbot.mouseClick(unlock.help_button, Qt.MouseButton.LeftButton)
    setup = SetupDialog(new_profile, _NoAppearance())
    qtbot.addWidget(setup)
    setup.show()
    qtbot.mouseClick(setup.help_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 2
    assert unlock.help_button.accessibleName() == "Get help"
    setup.done(0)  # closing setup by hand would ask "Stop setting up?" first


class _NoAppearance:
    def set_language(self, code):
        pass

    def set_text_scale(self, percent):
        pass

    def set_high_contrast(self, on):
        pass


def test_add_change_and_remove_own_professional_with_undo(qtbot, app_with_window, monkeypatch):
    app_with_window.window.show_page("help")
    page = app_with_window.window.page("help")
    store = app_with_window.context.unlocked.store

    def fill_and_save(dialog: ProfessionalDialog) -> int:
        dialog.name.setText("")
        dialog.save()  # refused: no name
        assert not dialog.error.isHidden() and "write a name" in dialog.error.text()
        dialog.name.setText("Dr Okafor")
        dialog.phone.setText("01632 960 123")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(ProfessionalDialog, "exec", fill_and_save)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    [person] = helplines.professionals(store)
    assert person.name == "Dr Okafor"
    # the page redrew from the announcement
    assert page.own_model.rowCount() == 1
    assert "Dr Okafor" in page.own_model.index(0).data(Qt.ItemDataRole.DisplayRole)
    page.delete_professional(person)
    assert helplines.professionals(store) == []
    status = app_with_window.window.status_line
    assert "Dr Okafor was removed" in status.text.text()
    qtbot.mouseClick(status.undo_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in helplines.professionals(store)] == ["Dr Okafor"]
    assert [p.name for p in page.own_model.people] == ["Dr Okafor"]


def test_self_check_scores_and_a_high_score_is_met_gently(qtbot, app_with_window, monkeypatch):
    app_with_window.window.show_page("help")
    page = app_with_window.window.page("help")
    store = app_with_window.context.unlocked.store

    def answer(dialog: SelfCheckDialog) -> int:
        dialog.save()
        assert "each of the three" in dialog.error.text()  # nothing chosen yet
        for group in dialog.groups.values():
            group.buttons()[2].setChecked(True)  # "Often"
        dialog.save()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SelfCheckDialog, "exec", answer)
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    assert [c.total for c in wellbeing.history(store)] == [9]
    assert "9 out of 9" in page.check_summary.text()
    assert page.check_gentle.isVisibleTo(page)
    assert "helplines" in page.check_gentle.text()
    assert page.chart.accessibleDescription() == page.check_summary.text()


def test_today_offers_the_check_when_it_is_due(qtbot, app_with_window):
    today = app_with_window.window.page("today")
    assert today.check_card.isVisibleTo(today)  # never taken: due
    wellbeing.record(app_with_window.context.unlocked.store, app_with_window.context.now(), 1, 1, 1)
    today.refresh()
    assert not today.check_card.isVisibleTo(today)


def test_each_line_says_who_runs_it_what_it_costs_and_where_it_was_checked(qtbot):
    content = HelpContent("FR")
    qtbot.addWidget(content)
    sos = row_lines(content, line_row(content, "SOS Amitié"))
    assert sos[1] == "Run by SOS Amitié"
    assert any("cost money" in text for text in sos)
    assert "SOS Amitié's own website" in sos[-1]
    older = row_lines(content, line_row(content, "Solitud'écoute"))
    assert any("Daily 15:00–20:00" in text for text in older)
    assert any("Free to call" in text for text in older)


def test_a_lines_name_keeps_its_own_direction_so_arabic_shows_it_as_written(qtbot):
    content = HelpContent("US")
    qtbot.addWidget(content)
    rows = content.lines_model.index(line_row(content, "988"), 0).data(LINES_ROLE)
    name, run_by = rows[0][0], rows[1][0]
    assert name.startswith("\u2068988") and name.endswith("\u2069")
    assert "\u2068988 Suicide & Crisis Lifeline (SAMHSA)\u2069" in run_by


def test_a_line_checked_on_another_sites_page_says_whose_page_it_was(qtbot):
    """Pieta's own message, posted by a school: the card must not say 'Pieta's own website'."""
    content = HelpContent("IE")
    qtbot.addWidget(content)
    pieta = row_lines(content, line_row(content, "Pieta"))
    assert "in Pieta's own words, on a page of St Declan's College" in pieta[-1]
    assert "own website" not in pieta[-1]


def test_an_emergency_number_says_which_service_it_reaches(qtbot):
    """Norway: 113 medical, 112 police, 110 fire; never 'this number works too'."""
    content = HelpContent("NO")
    qtbot.addWidget(content)
    assert "113" in content.danger_number.text()
    shown = content.danger_also.text().replace("\u2066", "").replace("\u2069", "")
    assert "Ambulance and medical emergencies: 113" in shown
    assert "Police: 112" in shown and "Fire: 110" in shown


def test_where_no_line_is_listed_thoughts_of_harm_never_point_to_a_line_above(qtbot):
    """Italy has an emergency number but no line checked on its own page (docs/CONTENT.md)."""
    content = HelpContent("IT")
    qtbot.addWidget(content)
    assert content.none_here.isVisibleTo(content)
    text = content.doctor_text.text()
    assert "a line above" not in text
    assert "the directory above" in text and "call the emergency number" in text
    content.country_box.setCurrentIndex(content.country_box.findData("GB"))
    assert "using a line above" in content.doctor_text.text()


def test_thoughts_of_harm_point_to_a_line_now_and_the_emergency_number(qtbot):
    content = HelpContent("GB")
    qtbot.addWidget(content)
    text = content.doctor_text.text()
    assert "talk to someone now" in text
    assert "call the emergency number" in text
    assert "GP" not in text


def test_help_opens_at_the_emergency_number_and_says_to_use_a_phone(
    qtbot, app_with_window, monkeypatch
):
    from PySide6.QtGui import QDesktopServices

    app_with_window.context.settings.set("country", "GB")
    window = app_with_window.window
    window.show_page("help")
    page = window.page("help")
    page.scroll.verticalScrollBar().setValue(page.scroll.verticalScrollBar().maximum())
    window.show_page("today")
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert window.current_page() == "help"
    assert page.scroll.verticalScrollBar().value() == 0  # at "If you are in danger now"
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)  # a desktop can't call
    qtbot.mouseClick(page.public.call_emergency, Qt.MouseButton.LeftButton)
    shown = page.public.danger_status.text().replace("\u2066", "").replace("\u2069", "")
    assert shown == "Please call 999 from your phone."
    assert page.public.danger_status.property("role") == "heading"  # large, not small grey
    app_with_window.context.settings.set("country", "AU")
    assert "000" in page.public.danger_number.text()  # follows the country at once


# the lists are models, and every row's actions work by keyboard ------------------------------


def test_the_lines_are_a_checked_model_and_the_buttons_act_on_the_chosen_line(
    qtbot, qtmodeltester, monkeypatch
):
    from PySide6.QtGui import QGuiApplication

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    content = HelpContent("GB")
    qtbot.addWidget(content)
    content.show()
    qtmodeltester.check(content.lines_model)
    assert content.lines_view.accessibleName() == "Someone to talk to"
    assert "Enter calls" in content.lines_view.accessibleDescription()
    samaritans = line_row(content, "Samaritans")
    content.lines_view.setFocus()
    content.lines_view.select_row(samaritans)
    line = content.lines_model.lines[samaritans]
    assert content.call_button.accessibleName() == f"Call {line.name}"
    spoken = content.lines_model.index(samaritans).data(Qt.ItemDataRole.AccessibleTextRole)
    assert line.name in spoken and "Run by" in spoken and "Checked on" in spoken
    said = content.lines_model.index(samaritans).data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert "Enter" in said
    qtbot.keyClick(content.lines_view, Qt.Key.Key_Return)  # Enter calls the chosen line
    assert opened == [helplines.tel_uri(line.phone)]
    qtbot.mouseClick(content.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == line.phone
    assert content.line_status.text() == "Copied."
    # another line by the arrow keys: the buttons follow it
    content.lines_view.setFocus()
    qtbot.keyClick(content.lines_view, Qt.Key.Key_Down if samaritans == 0 else Qt.Key.Key_Up)
    other = content.chosen_line()
    assert other is not None and other != line
    assert content.call_button.isHidden() or content.call_button.text() == f"Call {other.name}"
    assert content.line_status.isHidden()  # "Copied." was about the other line


def test_browsing_countries_changes_the_list_in_place(qtbot, qtmodeltester):
    content = HelpContent("GB")
    qtbot.addWidget(content)
    resets: list[bool] = []
    content.lines_model.modelReset.connect(lambda: resets.append(True))
    content.country_box.setCurrentIndex(content.country_box.findData("IE"))
    assert {line.country for line in content.lines_model.lines} == {"IE"}
    assert content.chosen_line() is not None and content.chosen_line().country == "IE"
    qtmodeltester.check(content.lines_model)
    assert resets == []


def test_own_professionals_by_keyboard_keep_the_chosen_row(
    qtbot, qtmodeltester, app_with_window, monkeypatch
):
    app = app_with_window
    store = app.context.unlocked.store
    now = app.context.now()
    for name in ("Dr Adams", "Dr Brown", "Dr Clarke"):
        helplines.add_professional(store, now, "gp", name, "01632 960 000")
    app.window.show_page("help")
    page = app.window.page("help")
    page.refresh()
    qtmodeltester.check(page.own_model)
    assert [p.name for p in page.own_model.people] == ["Dr Adams", "Dr Brown", "Dr Clarke"]
    app.window.activateWindow()
    page.own_list.setFocus()
    page.own_list.select_row(0)
    qtbot.keyClick(page.own_list, Qt.Key.Key_Down)
    assert page.selected_professional().name == "Dr Brown"
    assert page.own_change.accessibleName() == "Change Dr Brown"
    assert page.own_remove.accessibleName() == "Remove Dr Brown"

    def rename(dialog: ProfessionalDialog) -> int:
        dialog.notes.setPlainText("Tuesdays only")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(ProfessionalDialog, "exec", rename)
    qtbot.keyClick(page.own_list, Qt.Key.Key_Return)  # Enter changes the chosen one
    assert helplines.professionals(store)[1].notes == "Tuesdays only"
    assert page.selected_professional().name == "Dr Brown"  # still chosen after the change
    row = page.own_model.index(1).data(Qt.ItemDataRole.DisplayRole)
    assert "Tuesdays only" in row
    page.own_list.setFocus()
    qtbot.keyClick(page.own_list, Qt.Key.Key_Delete)  # Delete removes, with Undo
    assert [p.name for p in helplines.professionals(store)] == ["Dr Adams", "Dr Clarke"]
    assert [p.name for p in page.own_model.people] == ["Dr Adams", "Dr Clarke"]
    assert page.selected_professional() is not None


def test_get_help_and_the_emergency_part_are_marked_by_a_frame_and_an_icon(qtbot, app_with_window):
    window = app_with_window.window
    nav = window.nav_buttons["help"]
    assert nav.property("role") == "help" and not nav.icon().isNull()
    window.show_page("help")
    content = window.page("help").public
    assert content.danger.property("role") == "danger"
    assert content.danger_icon.pixmap() is not None and not content.danger_icon.pixmap().isNull()
    assert content.call_emergency.property("role") == "help"
    assert "#7a3e00" in colours(content.danger_icon.pixmap())  # the frame's brown
    app_with_window.apply_theme(high_contrast=True)
    assert "#ffff00" in colours(content.danger_icon.pixmap())  # yellow, like its frame
    assert not nav.icon().isNull()


def colours(pixmap) -> set[str]:
    image = pixmap.toImage()
    return {
        image.pixelColor(x, y).name()
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() == 255
    }


# in sight at 200% text on a small screen, the keyboard on Call ----------------------------------


def in_sight(widget, area) -> bool:
    """The whole of ``widget`` shows inside the scroll area's visible part."""
    from PySide6.QtCore import QPoint

    viewport = area.viewport()
    top = widget.mapTo(viewport, QPoint(0, 0)).y()
    return widget.isVisible() and top >= 0 and top + widget.height() <= viewport.height()


def squeeze_at_200(app, qtbot, size=(1366, 768)) -> None:
    """The review's window: 200% text, a small screen, a reminder banner above the page."""
    from datetime import timedelta

    from companion import contacts
    from companion.contacts import Person

    store = app.session.store
    now = app.context.now()
    eileen = contacts.add_person(
        store, now - timedelta(days=20), Person(0, "Eileen", schedule=contacts.Schedule(1, "weeks"))
    )
    contacts.log_contact(store, eileen.id, now - timedelta(days=20))  # due again for a week
    app.scheduler.check()  # "It's a good day to get in touch with Eileen" above the page
    app.set_text_scale(200)
    app.window.resize(*size)
    app.window.show()
    qtbot.waitExposed(app.window)


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_f1_opens_at_the_number_and_call_with_the_keyboard_on_call(
    qtbot, app_with_window, monkeypatch, size
):
    """At 200% text F1 showed only 'If you are in danger now': the number needed scrolling,
    the keyboard stayed on the page's button, and 'Please call 911 from your phone' came
    below the visible part."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QApplication

    app = app_with_window
    app.context.settings.set("country", "US")
    window = app.window
    squeeze_at_200(app, qtbot, size)
    assert not window.banner.isHidden()
    page = window.page("help")
    content = page.public
    page.scroll.verticalScrollBar().setValue(page.scroll.verticalScrollBar().maximum())
    window.show_page("today")
    window.activateWindow()
    window.nav_buttons["people"].setFocus()
    qtbot.waitUntil(window.nav_buttons["people"].hasFocus)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert window.current_page() == "help"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is content.call_emergency)
    QApplication.processEvents()
    assert in_sight(content.danger_title, page.scroll)
    assert in_sight(content.danger_number, page.scroll)
    assert in_sight(content.call_emergency, page.scroll)
    said: list[object] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    monkeypatch.setattr(QAccessible, "updateAccessibility", said.append)
    qtbot.keyClick(content.call_emergency, Qt.Key.Key_Space)
    QApplication.processEvents()
    words = "Please call \u2066911\u2069 from your phone."
    assert content.danger_status.text() == words
    assert content.danger_status.property("role") == "heading"  # large, not small grey
    assert in_sight(content.danger_status, page.scroll)
    assert in_sight(content.call_emergency, page.scroll)
    assert [event.message() for event in said if hasattr(event, "message")] == [words]


def test_help_before_unlock_opens_at_the_number_with_the_keyboard_on_call(qtbot, app_with_window):
    from PySide6.QtWidgets import QApplication, QScrollArea

    app_with_window.set_text_scale(200)
    dialog = HelpDialog("GB")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    content = dialog.content
    qtbot.waitUntil(lambda: QApplication.focusWidget() is content.call_emergency)
    QApplication.processEvents()
    area = dialog.findChild(QScrollArea)
    assert in_sight(content.danger_number, area)
    assert in_sight(content.call_emergency, area)
    screen = dialog.screen().availableGeometry()
    assert dialog.frameGeometry().height() <= screen.height()


def test_checked_on_is_the_entry_s_own_date_not_today(qtbot):
    """'Checked on December 4, 2026' comes from each entry's ``checked`` field: an entry
    checked long ago says so, whatever today is."""
    from dataclasses import replace

    content = HelpContent("GB")
    qtbot.addWidget(content)
    emergency, lines = content.directory.for_country("GB")
    assert emergency is not None and lines
    content._show_emergency(replace(emergency, checked="2020-01-02"))
    assert "January 2, 2020" in content.danger_source.text()
    content.lines_model.load([replace(line, checked="2019-03-04") for line in lines])
    for row in range(content.lines_model.rowCount()):
        assert "March 4, 2019" in row_lines(content, row)[-1]


def test_a_line_chosen_by_mouse_gets_its_own_buttons(qtbot):
    """A click makes a row current before Qt selects it: the buttons used to vanish."""
    content = HelpContent("GB")
    qtbot.addWidget(content)
    content.resize(700, 2400)
    content.show()
    qtbot.waitExposed(content)
    view = content.lines_view
    row = line_row(content, "Samaritans")
    other = 0 if row else 1
    view.select_row(other)
    spot = view.visualRect(content.lines_model.index(row)).center()
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, spot
    )
    line = content.lines_model.lines[row]
    assert content.chosen_line() == line
    assert not content.call_button.isHidden()
    assert content.call_button.accessibleName() == f"Call {line.name}"
