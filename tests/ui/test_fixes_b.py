"""Rows of buttons, pages' ends and long work that cannot stop (issue 9, second review)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from companion import i18n
from ui.widgets.common import FlowLayout, WrapButton, label


def shown_page(qtbot, app, key: str, scale: int, size=(1366, 768)):
    app.window.resize(*size)
    app.set_text_scale(scale)
    app.window.show()
    qtbot.waitExposed(app.window)
    app.window.show_page(key)
    page = app.window.page(key)
    qtbot.waitUntil(page.isVisible)
    page.scroll.widget().layout().activate()
    return page


def rows_of_buttons(root: QWidget) -> list[tuple[FlowLayout, WrapButton]]:
    found = []
    for row in root.findChildren(FlowLayout):
        for index in range(row.count()):
            shown = row.itemAt(index).widget()
            if isinstance(shown, WrapButton) and shown.isVisibleTo(root):
                found.append((row, shown))
    return found


def assert_whole_and_unfolded(root: QWidget) -> None:
    """Every button in a row: tall enough for its words, on the fewest lines the row allows."""
    rows = rows_of_buttons(root)
    assert rows
    for row, shown in rows:
        assert shown.height() >= shown.heightForWidth(shown.width()), shown.text()
        assert shown.height() == shown.heightForWidth(row.geometry().width()), shown.text()


# --- one rule for every row of buttons --------------------------------------------------------


def test_settings_buttons_stay_on_one_line_where_the_card_has_room(qtbot, app_with_window):
    """ "Make a new recovery / code" was folded in two in a card with room for one line."""
    page = shown_page(qtbot, app_with_window, "settings", 200)
    for shown in (page.recovery_button, page.rekey_button):
        assert shown.height() == shown.heightForWidth(10_000), shown.text()
    assert_whole_and_unfolded(page)


def test_every_row_on_settings_keeps_its_buttons_whole_in_arabic(qtbot, app_with_window):
    app_with_window.set_language("ar")
    page = shown_page(qtbot, app_with_window, "settings", 200)
    assert page.isRightToLeft()
    assert_whole_and_unfolded(page)


def test_the_unlock_windows_buttons_are_whole_and_unfolded(
    qtbot, app_with_window, passphrase_profile
):
    from ui.dialogs.unlock import UnlockDialog

    app_with_window.set_text_scale(200)
    dialog = UnlockDialog(passphrase_profile[0])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.layout().activate()
    assert dialog.forgot_button.isVisible()
    assert_whole_and_unfolded(dialog)
    dialog.reject()


def test_a_buttons_size_hint_is_as_tall_as_its_words_at_that_width(qtbot, app_with_window):
    """A layout that believes the hint (a box, a grid) must not cut the last line off."""
    app_with_window.set_text_scale(200)
    shown = WrapButton("Someone may know my code or password")
    qtbot.addWidget(shown)
    for text in (
        "Someone may know my code or password",
        "Make a new recovery code",
        "I have forgotten it: use my recovery code",
        "حفظ في مجلد المستندات الخاص بي",
    ):
        shown.setText(text)
        hint = shown.sizeHint()
        assert hint.height() >= shown.heightForWidth(hint.width()), text


# --- pages end where their content ends ---------------------------------------------------------


def blank_tail(page) -> int:
    """Pixels of nothing below the page's last visible thing, past its own bottom margin."""
    inner: QWidget = page.scroll.widget()
    lowest = max(
        child.geometry().bottom()
        for child in inner.findChildren(QWidget)
        if child.parentWidget() is inner and child.isVisibleTo(inner)
    )
    return inner.height() - 1 - lowest - inner.layout().contentsMargins().bottom()


@pytest.mark.parametrize(("language", "scale"), [("en", 100), ("en", 200), ("ar", 200)])
def test_a_long_page_ends_where_its_words_end(qtbot, app_with_window, language, scale):
    """Pages scrolled on into blank space: the scroll area made them as tall as every
    wrapping label's and button's height at its narrowest, added up."""
    from ui.pages.base import Page

    class Words(Page):
        key = "words"

        def title(self) -> str:
            return "Words"

    i18n.set_language(language)
    app_with_window.set_text_scale(scale)
    page = Words()
    qtbot.addWidget(page)
    for n in range(12):
        page.content.addWidget(label("Words that wrap onto more lines, then a button. " * n))
        row = FlowLayout()
        row.addWidget(WrapButton("Someone may know my code or password"))
        page.content.addLayout(row)
    page.retranslate()
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    inner = page.scroll.widget()
    qtbot.waitUntil(lambda: inner.height() > page.scroll.viewport().height())
    qtbot.waitUntil(lambda: abs(blank_tail(page)) <= 1, timeout=2000)  # once laid out


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_parent_view_ends_with_its_last_card(qtbot, request, keyring_profile, language):
    from datetime import datetime

    from companion import demo

    demo._parents(keyring_profile, datetime.now().astimezone())
    app = request.getfixturevalue("app_with_window")
    app.context.settings.set("parent_view", True)
    app.set_language(language)
    page = shown_page(qtbot, app, "parents", 100)
    qtbot.waitUntil(lambda: page.scroll.widget().height() > page.scroll.viewport().height())
    qtbot.waitUntil(lambda: abs(blank_tail(page)) <= 1, timeout=2000)


# --- long work that cannot stop offers no Cancel -------------------------------------------------


def test_work_that_cannot_stop_has_no_cancel_and_stays_until_done(qtbot):
    from ui.background import stop_background
    from ui.widgets.progress import cannot_be_cancelled, run_with_progress

    release, ended = threading.Event(), []
    asked: list[bool] = []

    def work(progress, cancelled):  # type: ignore[no-untyped-def]
        release.wait(10)
        asked.append(cancelled())
        return "done"

    with cannot_be_cancelled():
        window = run_with_progress(None, "Busy", work, lambda r, e: ended.append(r))
    window.show()
    qtbot.waitExposed(window)
    assert [b for b in window.findChildren(QPushButton) if b.isVisible()] == []
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    window.close()
    assert window.isVisible() and not window.wasCanceled()
    release.set()
    assert stop_background()  # waits for it; presses no Cancel
    qtbot.waitUntil(lambda: ended == ["done"])
    assert asked == [False]

    ordinary = run_with_progress(None, "Busy", lambda p, c: 1, lambda r, e: ended.append(r))
    assert [b.text() for b in ordinary.findChildren(QPushButton)] == ["Cancel"]
    qtbot.waitUntil(lambda: ended[-1] == 1)


def progress_windows(monkeypatch) -> list[QWidget]:  # type: ignore[no-untyped-def]
    """The progress windows long work opens from now on, in order."""
    from ui.widgets import progress

    made: list[QWidget] = []
    original = progress.run_with_progress

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        made.append(original(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(progress, "run_with_progress", spy)
    return made


def test_a_new_key_shows_no_cancel(qtbot, app_with_window, monkeypatch):
    from companion.errors import StorageError
    from ui.dialogs import rekey

    session = app_with_window.session

    def broken_prepare(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise StorageError("The disk is full.")

    made = progress_windows(monkeypatch)
    monkeypatch.setattr(session.unlocked.profile.keys, "prepare_rekey", broken_prepare)
    monkeypatch.setattr(session.ops, "show_error", lambda parent, message: None)
    finished: list[object] = []
    rekey.choose_new_key(session, None, None, finished.append)
    assert len(made) == 1 and made[0].findChildren(QPushButton) == []
    qtbot.waitUntil(lambda: bool(finished), timeout=20000)
    assert finished == [None]


def test_a_restore_shows_no_cancel(qtbot, app_with_window, monkeypatch, tmp_path):
    """Its Cancel did nothing: once the data is being replaced the restore finishes."""
    from companion import backup
    from companion.errors import StorageError
    from ui import actions_data

    session = app_with_window.session

    def broken_restore(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise StorageError("The disk is full.")

    made = progress_windows(monkeypatch)
    monkeypatch.setattr(backup, "restore_backup", broken_restore)
    monkeypatch.setattr(session.ops, "show_error", lambda parent, message: None)
    finished: list[object] = []
    actions_data.restore(session, None, tmp_path / "backup.companion", None, finished.append)
    assert len(made) == 1 and made[0].findChildren(QPushButton) == []
    qtbot.waitUntil(lambda: bool(finished), timeout=20000)
    assert finished == [None]
