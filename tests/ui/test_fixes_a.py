"""Nothing changes silently, and what Companion says is clear (the review of issue 9)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QListView,
    QMessageBox,
    QSplitter,
)

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
    # the question names the dialog by its own words; its title bar reads like the main window's
    assert dialog.windowTitle() == "Add a reminder – Companion"
    assert "“Add a reminder”" in box.text()
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


def add_jo_with_undo(app):
    from ui.ops import Change, Undo

    return app.session.ops.run(
        app.window,
        lambda store: contacts.add_person(
            store, app.context.now(), contacts.Person(id=0, name="Jo")
        ),
        Change.PEOPLE,
        say="Added Jo.",
        undo=lambda person: Undo(
            lambda store: contacts.delete_person(store, app.context.now(), person.id),
            Change.PEOPLE,
            "Taken back: Jo is no longer there.",
        ),
    )


def test_what_was_said_goes_when_you_go_to_another_page_and_ctrl_z_still_undoes(
    qtbot, app_with_window
):
    app = app_with_window
    window = app.window
    qtbot.mouseClick(window.nav_buttons["people"], Qt.MouseButton.LeftButton)
    add_jo_with_undo(app)
    QApplication.processEvents()  # the moment of saying has passed
    line = window.status_line
    assert line.isVisible() and line.text.text() == "Added Jo."

    qtbot.mouseClick(window.nav_buttons["settings"], Qt.MouseButton.LeftButton)
    assert window.current_page() == "settings"
    assert not line.isVisible()  # Settings is not told that Jo was added

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [p.name for p in contacts.people(app.session.store)] == []
    assert line.isVisible() and "Taken back" in line.text.text()  # said where you are now
    QApplication.processEvents()

    qtbot.mouseClick(window.nav_buttons["today"], Qt.MouseButton.LeftButton)
    assert not line.isVisible()


def test_an_action_that_opens_another_page_keeps_its_sentence(qtbot, app_with_window):
    app = app_with_window
    window = app.window
    qtbot.mouseClick(window.nav_buttons["people"], Qt.MouseButton.LeftButton)
    add_jo_with_undo(app)
    app.context.show_page.emit("help", "")  # in the same moment, as a worrying check does
    assert window.current_page() == "help"
    assert window.status_line.isVisible()
    assert window.status_line.text.text() == "Added Jo."


def test_a_rule_you_already_have_is_not_added_twice_and_you_are_told(qtbot, app_with_window):
    from companion import planner
    from ui.dialogs.energy_boundary import BoundaryDialog

    app = app_with_window
    store = app.session.store
    sunday = planner.add_boundary(store, app.context.now(), "rest_day", 6)
    dialog = BoundaryDialog(app.session)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.kind.setCurrentIndex(dialog.kind.findData("rest_day"))
    dialog.weekday.setCurrentIndex(6)
    dialog.save()
    assert planner.list_boundaries(store) == [sunday]
    assert dialog.isVisible() and dialog.saved is None
    assert not dialog.error.isHidden()
    assert "already have this rule" in dialog.error.text()
    assert "Sunday is for rest." in dialog.error.text()


def test_high_contrast_and_text_size_show_at_once_on_settings_itself(qtbot, app_with_window):
    """Ticked on Settings, high contrast is what Settings itself draws next (not only after
    going to another page), the box looks ticked, and a new text size is measured anew."""
    window = app_with_window.window
    qtbot.mouseClick(window.nav_buttons["settings"], Qt.MouseButton.LeftButton)
    page = window.page("settings")
    window.resize(1366, 768)
    qtbot.waitExposed(window)
    page.scroll.ensureWidgetVisible(page.contrast)
    heading_height = page.heading.sizeHint().height()

    qtbot.mouseClick(page.contrast.box, Qt.MouseButton.LeftButton)
    assert page.contrast.box.isChecked()
    drawn = page.grab().toImage()
    corner = drawn.pixelColor(2, drawn.height() - 2)  # the page's own background
    assert corner.name() == "#000000"
    page.name_edit.setFocus()  # no yellow focus ring on the box: only its own look counts
    ticked = page.contrast.box.grab().toImage()
    colours = {
        ticked.pixelColor(x, y).name()
        for x in range(ticked.width())
        for y in range(ticked.height())
    }
    assert "#ffff00" in colours  # the box is drawn filled, in the high-contrast yellow

    page.size.setValue(200)
    assert page.heading.sizeHint().height() > heading_height  # measured again at once


def test_the_question_shows_its_buttons_whole_at_200_percent(qtbot, app_with_window):
    from PySide6.QtWidgets import QDialog

    from ui.dialogs.shell import ask_before_closing, unsaved_question

    app = app_with_window
    app.apply_theme(scale=200)
    dialog = QDialog(app.window)
    dialog.setWindowTitle("Add a reminder")
    qtbot.addWidget(dialog)
    dialog.show()
    box = ask_before_closing(dialog, unsaved_question(dialog), lambda: None)
    qtbot.waitExposed(box)
    for answer in box.buttons():  # "Close without savi" and "Go ba" were cut off
        assert answer.width() >= answer.sizeHint().width(), answer.text()
        assert answer.icon().isNull()  # no green or red dot: the words say what it does
    box.reject()


# --- the file chooser: kinds in words, the places on its left whole ---------------------------


def chooser_of(monkeypatch, ask) -> QFileDialog:
    """The chooser ``ask()`` opens, built as the person would see it, then closed unchosen."""
    from ui.widgets import files

    opened: list[QFileDialog] = []

    def chosen(dialog: QFileDialog) -> None:
        opened.append(dialog)
        return None

    monkeypatch.setattr(files, "_chosen", chosen)
    assert ask() is None
    [dialog] = opened  # its parent, the window or the dialog that asked, keeps it
    return dialog


def kinds_shown(dialog: QFileDialog) -> list[str]:
    combo = dialog.findChild(QComboBox, "fileTypeCombo")
    return [combo.itemText(index) for index in range(combo.count())]


def test_the_file_chooser_names_each_kind_in_words_without_patterns(
    qtbot, app_with_window, monkeypatch
):
    from ui import actions_groups
    from ui.dialogs.import_people import ImportDialog
    from ui.pages.settings_data import DataSection

    app = app_with_window
    window = app.window
    places = chooser_of(monkeypatch, lambda: actions_groups.choose_file(window))
    assert kinds_shown(places) == ["Places from a list or a map", "All files"]
    assert "*.osm" in places.nameFilters()[0]  # the patterns still choose the files shown

    people = ImportDialog(app.session.ops, app.context.now, "GB")
    qtbot.addWidget(people)
    dialog = chooser_of(monkeypatch, lambda: people.choose() or None)
    assert kinds_shown(dialog) == ["Lists of people", "All files"]

    section = DataSection(app.session)
    qtbot.addWidget(section)
    dialog = chooser_of(monkeypatch, lambda: section.restore() or None)
    assert kinds_shown(dialog) == ["Companion backups", "All files"]


def test_the_file_choosers_places_on_the_left_show_whole_at_200_percent(
    qtbot, app_with_window, monkeypatch
):
    from ui import actions_groups

    app = app_with_window
    app.apply_theme(scale=200)
    dialog = chooser_of(monkeypatch, lambda: actions_groups.choose_file(app.window))
    dialog.show()
    qtbot.waitExposed(dialog)
    side = dialog.findChild(QListView, "sidebar")
    splitter = dialog.findChild(QSplitter, "splitter")
    splitter.setSizes([40, sum(splitter.sizes()) - 40])  # as narrow as Qt may remember it
    model = side.model()
    assert model.rowCount() >= 2  # the Documents folder and the home folder
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        words = side.fontMetrics().horizontalAdvance(index.data())
        room = side.visualRect(index).width() - side.iconSize().width()
        assert room > words, index.data()  # "Docu…" was all there was room for
    assert side.width() < dialog.width() // 2  # the files keep most of the chooser


# --- check boxes: still when ticked, level with their first line -----------------------------


@pytest.mark.parametrize("scale", [100, 200])
def test_a_check_box_and_its_words_stay_put_when_ticked(qtbot, app_with_window, scale):
    from PySide6.QtWidgets import QRadioButton, QStyle, QStyleOptionButton

    from ui.widgets.common import CheckBox

    app_with_window.apply_theme(scale=scale)
    box = CheckBox("Music and singing")
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)

    def where() -> tuple[QRect, QRect]:
        option = QStyleOptionButton()
        box.box.initStyleOption(option)
        mark = box.box.style().subElementRect(
            QStyle.SubElement.SE_CheckBoxIndicator, option, box.box
        )
        return mark, box.caption.geometry()

    before = where()
    box.setChecked(True)
    QApplication.processEvents()
    assert where() == before  # the box was 4 px smaller ticked, and its words moved left
    radio = QRadioButton("Short walks")
    qtbot.addWidget(radio)
    unticked = radio.sizeHint()
    radio.setChecked(True)
    assert radio.sizeHint() == unticked


@pytest.mark.parametrize("scale", [100, 200])
def test_a_check_box_is_level_with_the_first_line_of_its_words(qtbot, app_with_window, scale):
    from PySide6.QtWidgets import QGridLayout, QWidget

    from ui.widgets.common import CheckBox

    app_with_window.apply_theme(scale=scale)
    holder = QWidget()
    grid = QGridLayout(holder)
    long = CheckBox("Building, fixing and making things with your hands")
    short = CheckBox("Helping others")
    grid.addWidget(long, 0, 0)
    grid.addWidget(short, 0, 1)
    qtbot.addWidget(holder)
    width = 2 * long.caption.fontMetrics().horizontalAdvance("Building, fixing and")
    holder.resize(width + 4 * long.box.sizeHint().width(), 400)
    holder.show()
    qtbot.waitExposed(holder)
    QApplication.processEvents()
    line = long.caption.fontMetrics().height()
    assert long.caption.height() > 1.5 * line  # its words take two lines

    def first_line_middle(check: CheckBox) -> int:
        caption = check.caption
        top = caption.mapTo(holder, QPoint(0, caption.contentsRect().top())).y()
        return top + line // 2

    for check in (long, short):
        middle = check.box.mapTo(holder, check.box.rect().center()).y()
        assert abs(middle - first_line_middle(check)) <= 2, check.text()  # not halfway down
    # Beside two lines, one line stays at the top of the row, level with the other's first.
    assert first_line_middle(short) == first_line_middle(long)


def test_the_file_chooser_leaves_no_list_of_visited_folders_in_plain_text(
    qtbot, app_with_window, tmp_path
):
    """Qt's chooser wrote the folders a person visited into ~/.config/QtProject.conf."""
    from pathlib import Path

    from PySide6.QtCore import QSettings

    from ui.widgets import files

    visited = tmp_path / "Letters to Mum"
    visited.mkdir()
    dialog = files._dialog(app_with_window.window, "Choose", visited, "")
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.reject()  # closing writes the chooser's history and last folder
    written = QSettings(QSettings.Scope.UserScope, "QtProject")
    written.sync()
    where = Path(written.fileName()).resolve()
    assert not where.is_relative_to(Path.home().resolve())
    assert where.is_relative_to(Path(files._forgotten[0]).resolve())  # this run's, removed
    homes = [Path.home() / ".config" / "QtProject.conf"]
    assert not any("Letters to Mum" in p.read_text("utf-8", "replace") for p in homes if p.exists())
