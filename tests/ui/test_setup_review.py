"""Setup at large text, as it opens: each step from a sensible place, whatever the timing.

Nothing here waits for a set time: each test waits for what a person would see, and then
stirs the things that used to scroll a step late (the focus arriving, the window changing
size) before it looks again.
"""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from companion.keys import KeyringVault
from companion.profile import Profile
from tests.ui.conftest import NoKeyring, in_sight
from ui.app import CompanionApp
from ui.dialogs.setup import SetupDialog

_made: list[CompanionApp] = []


@pytest.fixture(autouse=True)
def english_qt_after():
    """Choosing German here installs Qt's own German in the shared QApplication: take it out."""
    yield
    while _made:
        _made.pop().set_language("en")


def open_setup(qtbot, profile: Profile, scale: int, language: str = "en") -> SetupDialog:
    app = CompanionApp(QApplication.instance(), profile)
    _made.append(app)
    app.set_language(language)
    app.set_text_scale(scale)
    dialog = SetupDialog(profile, app)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitExposed(dialog)
    return dialog


def in_sight_up_and_down(scroll: QScrollArea, widget: QWidget) -> bool:
    """Wholly inside what the scroll area shows now, from top to bottom (the recovery code on
    the tests' 800 px wide screen at 200% can be wider than the window: see test_setup.py)."""
    viewport = scroll.viewport()
    top = widget.mapTo(viewport, QPoint(0, 0)).y()
    return widget.isVisible() and top >= 0 and top + widget.height() <= viewport.height()


def top_edge_is_clear(scroll: QScrollArea) -> bool:
    """No ink in the top rows of what the step shows: the top edge cuts no line of words (a
    cut line shows as the bottoms of its letters, or in German as a stray ".")."""
    image = scroll.viewport().grab().toImage()
    colours = Counter(image.pixel(x, y) for y in range(3) for x in range(0, image.width(), 2))
    return len(colours) == 1


def stir(qtbot, dialog: SetupDialog) -> None:
    """What used to scroll a step late, done again without the person: the focus arriving as
    the window opens, and the window growing or shrinking to fit."""
    focused = dialog.focusWidget()
    dialog.next_button.setFocus()
    if focused is not None:
        focused.setFocus()
    height = dialog.height()
    dialog.resize(dialog.width(), height - 40)
    QApplication.processEvents()
    dialog.resize(dialog.width(), height)
    QApplication.processEvents()


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_welcome_opens_at_its_top_at_large_text(qtbot, new_profile, language):
    """At 200% the welcome words and the name do not both fit: it opened scrolled to the name,
    the welcome cut mid-sentence. Now it opens at its top, the name keeps the focus, and the
    first letter typed brings the name into sight."""
    dialog = open_setup(qtbot, new_profile, 200, language)
    scroll = dialog.stack_scroll
    bar = scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)  # laid out: the step scrolls at this size
    for _round in range(3):
        stir(qtbot, dialog)
        assert bar.value() == 0
        assert dialog.welcome_text.mapTo(scroll.viewport(), QPoint(0, 0)).y() >= 0
    assert dialog.focusWidget() is dialog.name
    # Scrolling by something else (a program, a screen reader) is left where it was put.
    bar.setValue(bar.maximum())
    QApplication.processEvents()
    assert bar.value() == bar.maximum()
    bar.setValue(0)
    qtbot.keyClicks(dialog.name, "M")
    qtbot.waitUntil(lambda: in_sight(scroll, dialog.name))
    assert dialog.name.text() == "M"
    # Once the person has done something, the step is theirs: their scrolling stays.
    bar.setValue(0)
    stir(qtbot, dialog)
    assert bar.value() == 0 or in_sight(scroll, dialog.name)


def test_the_protection_step_shows_the_chosen_words_whole_in_german(qtbot, tmp_path):
    """In German at 200%, with no password store, the step opened scrolled to the chosen
    button alone: the second line of its words ("eingebe") was cut off at the bottom."""
    profile = Profile(tmp_path / "p", KeyringVault(NoKeyring()))
    dialog = open_setup(qtbot, profile, 200, "de")
    dialog.show_step(SetupDialog.PROTECTION)
    scroll = dialog.stack_scroll
    assert dialog.focusWidget() is dialog.use_passphrase

    def whole() -> bool:
        return (
            in_sight(scroll, dialog.use_passphrase)
            and in_sight(scroll, dialog.passphrase_words)
            and top_edge_is_clear(scroll)
        )

    qtbot.waitUntil(whole)
    stir(qtbot, dialog)
    qtbot.waitUntil(whole)


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_recovery_step_starts_with_a_whole_line(qtbot, new_profile, language):
    """Scrolled to the code at large text, the top edge cut through a line of the words above
    it (in German only its full stop showed: a stray "." over the step). Now it starts at a
    whole line, the code wholly in sight, and stays so as the window settles."""
    dialog = open_setup(qtbot, new_profile, 200, language)
    dialog.show_step(SetupDialog.PROTECTION)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)  # set up
    qtbot.waitUntil(lambda: dialog.current_step() == SetupDialog.RECOVERY, timeout=10000)
    scroll = dialog.stack_scroll
    code = dialog.recovery_panel.code_label
    assert dialog.focusWidget() is code

    def as_it_should_open() -> bool:
        return in_sight_up_and_down(scroll, code) and top_edge_is_clear(scroll)

    qtbot.waitUntil(as_it_should_open)
    stir(qtbot, dialog)
    qtbot.waitUntil(as_it_should_open)
    dialog.unlocked.close()


def test_the_first_step_at_normal_text_has_no_empty_band(qtbot, new_profile):
    """At 100% the first step had about 100 px of empty space under the name: as it opened,
    the scroll bar showed for a moment, the words wrapped onto more lines beside it, and the
    window grew by those lines, which the bar then gave back."""
    dialog = open_setup(qtbot, new_profile, 100)
    scroll = dialog.stack_scroll
    bar = scroll.verticalScrollBar()

    def snug() -> bool:
        below_the_name = (
            scroll.viewport().height()
            - dialog.name.mapTo(scroll.viewport(), QPoint(0, dialog.name.height())).y()
        )
        return bar.maximum() == 0 and in_sight(scroll, dialog.name) and below_the_name <= 24

    qtbot.waitUntil(snug)
    stir(qtbot, dialog)
    qtbot.waitUntil(snug)


def test_choosing_the_password_by_arrow_key_shows_its_words_whole(qtbot, new_profile):
    """In German at 200%, the arrow key from the password store to "a password" brought only
    the round button into sight: the second line of its words could stay cut off below."""
    dialog = open_setup(qtbot, new_profile, 200, "de")
    dialog.show_step(SetupDialog.PROTECTION)
    scroll = dialog.stack_scroll
    assert dialog.focusWidget() is dialog.use_keyring
    qtbot.waitUntil(lambda: in_sight(scroll, dialog.keyring_words))
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.use_keyring)
    qtbot.keyClick(dialog.use_keyring, Qt.Key.Key_Down)
    assert dialog.use_passphrase.isChecked() and dialog.focusWidget() is dialog.use_passphrase
    qtbot.waitUntil(
        lambda: (
            in_sight(scroll, dialog.use_passphrase) and in_sight(scroll, dialog.passphrase_words)
        )
    )


def test_the_help_icon_grows_with_the_text_size_chosen_in_setup(qtbot, new_profile):
    """Choosing 200% on the text size step made the words on "Get help" twice as big while
    its lifebuoy stayed at the size it had at 100%, a small mark beside large words."""
    dialog = open_setup(qtbot, new_profile, 100)
    dialog.show_step(SetupDialog.TEXT_SIZE)
    small = dialog.help_button.iconSize().height()
    dialog.size_slider.setValue(200)
    qtbot.waitUntil(
        lambda: (
            dialog.help_button.iconSize().height()
            >= dialog.help_button.fontMetrics().height()
            > 1.5 * small
        )
    )
    dialog.size_slider.setValue(100)
    qtbot.waitUntil(lambda: dialog.help_button.iconSize().height() == small)


def test_tab_to_i_have_written_it_down_shows_all_of_its_words(qtbot, new_profile):
    """In German at 200% Tab to "Ich habe ihn aufgeschrieben oder gedruckt" brought only the
    box and the first line of its words into sight: the rest stayed cut off below."""
    dialog = open_setup(qtbot, new_profile, 200, "de")
    dialog.show_step(SetupDialog.PROTECTION)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)  # set up
    qtbot.waitUntil(lambda: dialog.current_step() == SetupDialog.RECOVERY, timeout=10000)
    scroll = dialog.stack_scroll
    kept = dialog.recovery_panel.kept
    dialog.activateWindow()
    for _ in range(6):
        if QApplication.focusWidget() is kept.box:
            break
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is kept.box
    # the box with every line of its words, from top to bottom (the step can be wider than
    # the tests' small screen: see in_sight_up_and_down)
    qtbot.waitUntil(lambda: in_sight_up_and_down(scroll, kept))
    dialog.unlocked.close()
