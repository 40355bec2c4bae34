"""First-run setup, as a person goes through it."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

from companion import i18n
from companion.keys import KeyringVault
from companion.profile import Profile, ProfileState
from tests.ui.conftest import NoKeyring, in_sight, to_the_recovery_step
from ui.app import CompanionApp
from ui.dialogs.setup import SetupDialog
from ui.widgets.common import SPACING

CODE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){4}$")


_made: list[CompanionApp] = []


@pytest.fixture(autouse=True)
def english_qt_after():
    """Choosing German here installs Qt's own German in the shared QApplication: take it out."""
    yield
    while _made:
        _made.pop().set_language("en")


def make_setup(qtbot, profile: Profile) -> tuple[SetupDialog, CompanionApp]:
    app = CompanionApp(QApplication.instance(), profile)
    _made.append(app)
    dialog = SetupDialog(profile, app)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, app


def test_setup_with_keyring_creates_profile_and_shows_code(qtbot, new_profile):
    dialog, _app = make_setup(qtbot, new_profile)
    assert dialog.current_step() == SetupDialog.WELCOME
    qtbot.keyClicks(dialog.name, "Margaret")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)  # -> language
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)  # -> text size
    dialog.size_slider.setValue(150)
    assert QApplication.instance().font().pointSizeF() == 22.5  # the whole app grew, live
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)  # -> country
    dialog.country.setCurrentIndex(dialog.country.findData("IE"))
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)  # -> protection
    assert dialog.use_keyring.isChecked() and dialog.use_keyring.isEnabled()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)  # set up
    qtbot.waitUntil(lambda: dialog.current_step() == SetupDialog.RECOVERY, timeout=10000)

    code = dialog.recovery_panel.code
    assert CODE.match(code)
    # shown with a place to break after each "-", nothing else changed
    assert dialog.recovery_panel.code_label.text().replace("\u200b", "") == code
    assert not dialog.next_button.isEnabled()  # finish only once the code is kept
    dialog.recovery_panel.kept.setChecked(True)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == SetupDialog.DialogCode.Accepted

    assert new_profile.state() is ProfileState.KEYRING
    assert new_profile.preferences.get("country") == "IE"
    assert new_profile.preferences.get("text_scale") == 150
    unlocked = dialog.unlocked
    assert unlocked.settings.get("user_name") == "Margaret"
    assert unlocked.settings.get("recovery_code_kept") is True
    unlocked.close()
    # The code shown is the one that opens the data.
    again = new_profile.unlock_with_recovery_code(code)
    again.close()


def test_setup_without_keyring_asks_for_a_passphrase(qtbot, tmp_path):
    profile = Profile(tmp_path / "p", KeyringVault(NoKeyring()))
    dialog, _app = make_setup(qtbot, profile)
    dialog.show_step(SetupDialog.PROTECTION)
    assert not dialog.use_keyring.isEnabled()
    assert dialog.use_passphrase.isChecked()
    assert "cannot be used" in dialog.keyring_note.text()

    qtbot.keyClicks(dialog.passphrase_fields.first, "short")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible()
    assert "at least 8" in dialog.error.text()
    assert profile.state() is ProfileState.NEW  # nothing was written

    dialog.passphrase_fields.first.setText("a long passphrase")
    dialog.passphrase_fields.second.setText("a different one!")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert "not the same" in dialog.error.text()
    assert profile.state() is ProfileState.NEW

    dialog.passphrase_fields.second.setText("a long passphrase")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.current_step() == SetupDialog.RECOVERY, timeout=10000)
    assert profile.state() is ProfileState.PASSPHRASE
    dialog.unlocked.close()
    profile.unlock_with_passphrase("a long passphrase").close()


def test_language_applies_at_once(qtbot, new_profile):
    if "de" not in i18n.available_languages():
        raise AssertionError("German should ship with the app")
    dialog, _app = make_setup(qtbot, new_profile)
    dialog.show_step(SetupDialog.LANGUAGE)
    german = next(b for b in dialog.language_group.buttons() if b.property("code") == "de")
    german.setChecked(True)
    assert dialog.next_button.text() == "Weiter"
    assert i18n.current_language() == "de"
    assert new_profile.preferences.get("language") == "de"


def test_arabic_mirrors_the_layout(qtbot, new_profile):
    dialog, _app = make_setup(qtbot, new_profile)
    dialog.show_step(SetupDialog.LANGUAGE)
    arabic = next(b for b in dialog.language_group.buttons() if b.property("code") == "ar")
    arabic.setChecked(True)
    assert QApplication.instance().layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert dialog.isRightToLeft()
    english = next(b for b in dialog.language_group.buttons() if b.property("code") == "en")
    english.setChecked(True)
    assert QApplication.instance().layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_setup_refuses_to_overwrite_existing_data(qtbot, keyring_profile):
    profile = keyring_profile.profile
    before = profile.db_path.read_bytes()
    dialog, _app = make_setup(qtbot, Profile(profile.folder, profile.vault))
    dialog.show_step(SetupDialog.PROTECTION)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible, timeout=10000)
    assert "already" in dialog.error.text()
    assert profile.db_path.read_bytes() == before


def test_every_step_at_large_text_opens_at_its_top_with_its_field_in_sight(qtbot, new_profile):
    """At 200% text each step starts with its first words in sight (the steps used to share
    one scroll position and the tallest step's height), and what has focus can be seen: the
    name while you type it, and on the last step the recovery code itself."""
    dialog, app = make_setup(qtbot, new_profile)
    app.set_text_scale(200)
    dialog.refit()
    qtbot.waitExposed(dialog)
    scroll = dialog.stack_scroll
    firsts = {
        SetupDialog.WELCOME: dialog.welcome_text,
        SetupDialog.LANGUAGE: dialog.language_text,
        SetupDialog.TEXT_SIZE: dialog.size_text,
        SetupDialog.COUNTRY: dialog.country_text,
    }
    for step, first in firsts.items():
        if step != SetupDialog.WELCOME:
            scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
            qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        assert dialog.current_step() == step
        if step == SetupDialog.WELCOME:  # at its top, the welcome from its first line (the
            # name, focused, comes into sight as it is typed: see test_setup_review.py)
            assert scroll.verticalScrollBar().value() == 0
            assert dialog.focusWidget() is dialog.name
            continue
        focused = {
            SetupDialog.WELCOME: dialog.name,
            SetupDialog.LANGUAGE: dialog.language_group.checkedButton(),
            SetupDialog.TEXT_SIZE: dialog.size_slider,
            SetupDialog.COUNTRY: dialog.country,
        }[step]
        qtbot.waitUntil(lambda focused=focused: in_sight(scroll, focused))
        # From the top, scrolled no further than what has focus needs, and on to the next
        # whole line of words (before, a step opened where the last one was left, here at its
        # end, and as tall as the tallest step).
        bottom = focused.mapTo(scroll.widget(), QPoint(0, focused.height())).y()
        needed = max(0, bottom + SPACING - scroll.viewport().height())
        line = dialog.fontMetrics().lineSpacing()
        assert scroll.verticalScrollBar().value() <= needed + 2 * line, step
        if needed == 0:
            assert in_sight(scroll, first), step
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)  # -> protection
    # The two choices' words wrap: nothing is cut at the side (Qt's radio buttons keep their
    # words on one line, and "(recommended)" went past the edge).
    qtbot.waitUntil(lambda: scroll.widget().minimumSizeHint().width() <= scroll.viewport().width())
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)  # set up
    qtbot.waitUntil(lambda: dialog.current_step() == SetupDialog.RECOVERY, timeout=10000)
    code = dialog.recovery_panel.code_label
    assert dialog.focusWidget() is code  # not the tick box below it
    qtbot.waitUntil(lambda: in_sight(scroll, code))  # wholly, at the sides too: it wraps
    dialog.unlocked.close()


def test_the_first_step_opens_at_its_top_with_the_welcome_words_whole(qtbot, new_profile):
    """The welcome words began mid-sentence, their first line cut: setup was sized for the
    dialog shell's narrower margins, so the words wrapped onto more lines than it allowed for,
    the step scrolled (a scroll bar at 100% with room to spare) and it opened at the name."""
    app = CompanionApp(QApplication.instance(), new_profile)
    _made.append(app)
    app.set_text_scale(100)
    dialog = SetupDialog(new_profile, app)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    scroll = dialog.stack_scroll
    bar = scroll.verticalScrollBar()
    # Room enough: no scroll bar, the welcome words and the name both in sight (once the
    # layout has settled: a busy machine lays it out a few events later).
    qtbot.waitUntil(
        lambda: (
            bar.maximum() == 0
            and bar.value() == 0
            and in_sight(scroll, dialog.name)
            and in_sight(scroll, dialog.welcome_text)
        )
    )
    assert dialog.focusWidget() is dialog.name


@pytest.mark.parametrize(
    ("system", "language", "expected"),
    [
        ("en_US.UTF-8", "de", "DE"),  # not the United States' 911 for a German speaker
        ("de_AT.UTF-8", "de", "AT"),  # the computer says Austria: kept
        ("en_GB.UTF-8", "en", "GB"),
        ("C", "de", "DE"),
        ("en_US.UTF-8", "ar", None),  # no one country for Arabic: asked, not guessed
    ],
)
def test_the_country_offered_follows_the_language_chosen(
    qtbot, new_profile, monkeypatch, system, language, expected
):
    for variable in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", system)
    dialog, _app = make_setup(qtbot, new_profile)
    dialog.show_step(SetupDialog.LANGUAGE)
    chosen = next(b for b in dialog.language_group.buttons() if b.property("code") == language)
    chosen.setChecked(True)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)  # -> text size
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)  # -> country
    assert dialog.current_step() == SetupDialog.COUNTRY
    assert dialog.country.currentData() == expected
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    if expected is None:
        assert dialog.current_step() == SetupDialog.COUNTRY  # asked, in plain words
        assert dialog.error.isVisible() and dialog.error.text()
        dialog.country.setCurrentIndex(dialog.country.findData("JO"))
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        expected = "JO"
    assert dialog.current_step() == SetupDialog.PROTECTION
    assert new_profile.preferences.get("country") == expected


def whole_inside(dialog: QWidget, *widgets: QWidget) -> bool:
    return all(
        widget.isVisible()
        and dialog.rect().contains(QRect(widget.mapTo(dialog, QPoint(0, 0)), widget.size()))
        for widget in widgets
    )


def on_the_screen(dialog: QWidget) -> bool:
    """The whole window, its frame too (a desktop's title bar), inside the screen's room."""
    return dialog.screen().availableGeometry().contains(dialog.frameGeometry())


def test_the_last_step_at_large_text_fits_the_screen_with_its_frame(qtbot, tmp_path):
    """Step 6 at 200% was taller than the screen once the title bar counted: Qt grew the window
    to its words' height at their narrowest, and Finish ran off the bottom."""
    profile = Profile(tmp_path / "p", KeyringVault(NoKeyring()))
    dialog, app = make_setup(qtbot, profile)
    app.set_text_scale(200)
    try:
        to_the_recovery_step(qtbot, dialog)
        panel = dialog.recovery_panel
        qtbot.waitUntil(lambda: on_the_screen(dialog), timeout=3000)
        qtbot.waitUntil(
            lambda: whole_inside(dialog, dialog.next_button, dialog.help_button), timeout=3000
        )
        qtbot.waitUntil(lambda: in_sight(dialog.stack_scroll, panel.code_label), timeout=3000)
        dialog.unlocked.close()
    finally:
        app.set_text_scale(100)


DIGITS_FIRST = "23456-78901-2345A-6789B-0123C"  # every group starts with a digit


def test_a_recovery_code_of_digits_wraps_and_is_copied_exactly(qtbot, new_profile):
    """A line may not break at "-" before a digit: such a code was one word, wider than the
    window at 200% on a small screen. Shown, it breaks after a "-"; copied, it is exact."""
    from companion.keys import normalize_recovery_code
    from ui.dialogs.recovery import RecoveryCodeDialog, shown_code

    assert shown_code(DIGITS_FIRST).replace("\u200b", "") == DIGITS_FIRST
    assert normalize_recovery_code(shown_code(DIGITS_FIRST)) == DIGITS_FIRST  # pasted back
    app = CompanionApp(QApplication.instance(), new_profile)
    app.set_text_scale(200)
    try:
        dialog = RecoveryCodeDialog(DIGITS_FIRST)
        qtbot.addWidget(dialog)
        dialog.show()
        code = dialog.panel.code_label
        one_line = code.fontMetrics().horizontalAdvance(DIGITS_FIRST)
        assert one_line > dialog.screen().availableGeometry().width()  # it must wrap to fit
        viewport = dialog.scroll.viewport()
        qtbot.waitUntil(
            lambda: (
                code.mapTo(viewport, QPoint(0, 0)).x() >= 0
                and code.mapTo(viewport, QPoint(code.width(), 0)).x() <= viewport.width()
            ),
            timeout=3000,
        )  # not cut at either side
        assert code.height() >= 2 * code.fontMetrics().lineSpacing()  # on more than one line
        assert on_the_screen(dialog)
        qtbot.mouseClick(dialog.panel.copy_button, Qt.MouseButton.LeftButton)
        assert QApplication.clipboard().text() == DIGITS_FIRST
        assert DIGITS_FIRST in dialog.panel.document().toPlainText()  # printed exactly
    finally:
        app.set_text_scale(100)


def test_an_error_at_large_text_keeps_a_dialog_and_its_buttons_on_the_screen(qtbot, new_profile):
    """The dialog shell makes room for an error line (setup uses the same): never past the
    screen's bottom, its frame counted, and the buttons whole."""
    from ui.dialogs.recovery import RecoveryCodeDialog

    app = CompanionApp(QApplication.instance(), new_profile)
    app.set_text_scale(200)
    try:
        dialog = RecoveryCodeDialog(DIGITS_FIRST)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.panel.kept.setFocus()
        dialog.show_error(
            "Something went wrong while keeping your new code. Your old code still works, "
            "and nothing has changed. Please try again in a moment. If it happens again, "
            "please restart the computer and open Companion once more."
        )
        qtbot.waitUntil(lambda: on_the_screen(dialog), timeout=3000)
        qtbot.waitUntil(lambda: whole_inside(dialog, dialog.error, dialog.done_button))
        field = dialog.focusWidget()
        assert field is not None and dialog.panel.kept.isAncestorOf(field)
        qtbot.waitUntil(lambda: in_sight(dialog.scroll, field), timeout=3000)
    finally:
        app.set_text_scale(100)
