"""Review of the first start and its frame: setup, unlocking, the recovery code."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QScreen

from companion import i18n
from companion.profile import Profile
from tests.ui.conftest import in_sight, to_the_recovery_step
from tests.ui.test_setup import english_qt_after  # noqa: F401 - Qt's own German taken out after
from tests.ui.test_setup import make_setup as setup_and_app
from ui.dialogs.recovery import RecoveryCodeDialog
from ui.dialogs.setup import SetupDialog
from ui.dialogs.unlock import UnlockDialog


def make_setup(qtbot, profile: Profile) -> SetupDialog:
    return setup_and_app(qtbot, profile)[0]


def test_enter_on_i_have_written_it_down_ticks_it_in_setup(qtbot, new_profile):
    """The last step of setup, keyboard only: Tab to the tick box, Enter. Finish was greyed out
    and Enter did nothing at all (the dialog from Settings already ticked it)."""
    dialog = make_setup(qtbot, new_profile)
    to_the_recovery_step(qtbot, dialog)
    panel = dialog.recovery_panel
    panel.kept.box.setFocus()
    assert not dialog.next_button.isEnabled()
    qtbot.keyClick(panel.kept.box, Qt.Key.Key_Return)
    assert panel.kept.isChecked()
    assert dialog.next_button.isEnabled()  # Finish, and Enter again finishes
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(panel.kept.box, Qt.Key.Key_Return)
    dialog.unlocked.close()


def test_enter_on_the_tick_box_still_ticks_it_in_the_dialog_from_settings(qtbot):
    dialog = RecoveryCodeDialog("ABCDE-12345-FGHJK-67890-MNPQR")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.panel.kept.box.setFocus()
    qtbot.keyClick(dialog.panel.kept.box, Qt.Key.Key_Return)
    assert dialog.panel.kept.isChecked()
    assert dialog.done_button.isEnabled()
    assert dialog.isVisible()  # ticked, not closed: Enter again is Done
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.panel.kept.box, Qt.Key.Key_Return)


def test_the_password_step_speaks_the_language_chosen_in_setup(qtbot, new_profile):
    """German chosen at step 2: the password step (step 5) was still in English, its advice,
    its labels and "Show what I type", the only English left in the window."""
    dialog = make_setup(qtbot, new_profile)
    dialog.show_step(SetupDialog.LANGUAGE)
    german = next(b for b in dialog.language_group.buttons() if b.property("code") == "de")
    german.setChecked(True)
    dialog.show_step(SetupDialog.PROTECTION)
    dialog.use_passphrase.setChecked(True)
    fields = dialog.passphrase_fields
    english = {
        "Password",
        "Type it again",
        "Show what I type",
        "Type the password again",
    }
    shown = {
        fields.first_label.text(),
        fields.second_label.text(),
        fields.show_box.text(),
        fields.first.accessibleName(),
        fields.second.accessibleName(),
        fields.show_box.accessibleName(),
    }
    assert not shown & english, shown
    assert "Choose a password" not in fields.advice.text()
    assert fields.first_label.text() == i18n._("Password")  # the German catalogue's word
    # and back to English, in the same window
    dialog.show_step(SetupDialog.LANGUAGE)
    back = next(b for b in dialog.language_group.buttons() if b.property("code") == "en")
    back.setChecked(True)
    assert fields.first_label.text() == "Password"
    assert fields.advice.text().startswith("Choose a password of at least 8 characters.")


@pytest.fixture
def small_laptop_screen(monkeypatch):
    """The screen the app is made for, 1366x768, as the dialogs measure it (offscreen has
    800x600)."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 1366, 768))


def test_a_wrong_password_in_german_at_large_text_is_read_whole(
    qtbot, passphrase_profile, large_text, small_laptop_screen
):
    """200% text, German, a wrong password: the message was cut off before its end ("…oder
    verwenden Sie Ihren Wiederherstellungscode"), the footer taking three rows."""
    profile, _code = passphrase_profile
    i18n.set_language("de")
    dialog = UnlockDialog(profile)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.passphrase, "nicht das richtige")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.error.isVisible, timeout=10000)
    assert "Wiederherstellungscode" in dialog.error.text()
    scroll = dialog.stack_scroll
    qtbot.waitUntil(lambda: in_sight(scroll, dialog.error), timeout=3000)
    assert dialog.passphrase.hasFocus()
    assert dialog.passphrase.selectedText() == "nicht das richtige"  # typing replaces it
    # "I have forgotten it" on one line, not two, where the screen gives the room
    forgot = dialog.forgot_button
    assert forgot.height() <= forgot.heightForWidth(10_000) + 2


def test_a_password_s_error_goes_as_the_person_types_again(qtbot, new_profile):
    """ "The password needs at least 8 characters" stayed under a password long enough by
    then, until the next press of Next."""
    dialog = make_setup(qtbot, new_profile)
    dialog.show_step(SetupDialog.PROTECTION)
    dialog.use_passphrase.setChecked(True)
    fields = dialog.passphrase_fields
    qtbot.keyClicks(fields.first, "short")
    qtbot.keyClicks(fields.second, "short")
    dialog._create_profile()
    assert dialog.error.isVisibleTo(dialog) and "8" in dialog.error.text()
    qtbot.keyClicks(fields.first, " and longer")
    assert not dialog.error.isVisibleTo(dialog)
