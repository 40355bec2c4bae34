"""Opening protected data: passphrase, recovery code, and a keyring that lost its key."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt

from companion.keys import KEYRING_SERVICE, KeyringVault
from companion.profile import Profile, ProfileState
from tests.ui.conftest import NoKeyring, folder_bytes, in_sight
from ui.dialogs.unlock import UnlockDialog


def make(qtbot, profile: Profile, problem: str | None = None) -> UnlockDialog:
    dialog = UnlockDialog(profile, problem)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_wrong_passphrase_says_so_and_changes_nothing(qtbot, passphrase_profile):
    profile, _code = passphrase_profile
    before = folder_bytes(profile.folder)
    dialog = make(qtbot, profile)
    qtbot.keyClicks(dialog.passphrase, "not it at all")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.error.isVisible, timeout=10000)
    assert "did not open your data" in dialog.error.text()
    assert dialog.unlocked is None
    assert folder_bytes(profile.folder) == before


def test_right_passphrase_opens(qtbot, passphrase_profile):
    profile, _code = passphrase_profile
    dialog = make(qtbot, profile)
    qtbot.keyClicks(dialog.passphrase, "correct horse battery")
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert dialog.unlocked is not None
    dialog.unlocked.close()


def test_forgotten_passphrase_recovery_code_then_new_passphrase(qtbot, passphrase_profile):
    profile, code = passphrase_profile
    dialog = make(qtbot, profile)
    qtbot.mouseClick(dialog.forgot_button, Qt.MouseButton.LeftButton)
    assert dialog.stack.currentIndex() == UnlockDialog.RECOVERY

    qtbot.keyClicks(dialog.code, "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA")
    qtbot.mouseClick(dialog.code_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible, timeout=10000)
    assert "did not open" in dialog.error.text()

    dialog.code.setText(code.lower().replace("-", " "))  # typed loosely still works
    qtbot.mouseClick(dialog.code_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: dialog.stack.currentIndex() == UnlockDialog.NEW_PASSPHRASE, timeout=10000
    )
    dialog.new_fields.first.setText("a brand new phrase")
    dialog.new_fields.second.setText("a brand new phrase")
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    dialog.unlocked.close()
    profile.unlock_with_passphrase("a brand new phrase").close()
    profile.unlock_with_recovery_code(code).close()  # the code still works


def test_keyring_lost_its_key_recovery_puts_it_back(qtbot, keyring_profile, memory_keyring):
    profile = keyring_profile.profile
    code = keyring_profile.recovery_code
    keyring_profile.close()
    memory_keyring.entries.clear()  # the keyring was reset
    before = folder_bytes(profile.folder)
    try:
        profile.unlock_with_keyring()
    except Exception as error:
        problem = error.message
    else:
        raise AssertionError("the keyring should have lost the key")
    assert folder_bytes(profile.folder) == before

    dialog = make(qtbot, profile, problem)
    assert dialog.stack.currentIndex() == UnlockDialog.RECOVERY
    assert "recovery code" in dialog.recovery_intro.text()
    dialog.code.setText(code)
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        qtbot.mouseClick(dialog.code_button, Qt.MouseButton.LeftButton)
    dialog.unlocked.close()
    assert (KEYRING_SERVICE, KeyringVault.account(profile.folder)) in memory_keyring.entries
    profile.unlock_with_keyring().close()


def test_keyring_gone_for_good_moves_to_a_passphrase(qtbot, keyring_profile):
    code = keyring_profile.recovery_code
    keyring_profile.close()
    profile = Profile(keyring_profile.profile.folder, KeyringVault(NoKeyring()))
    dialog = make(qtbot, profile, "The keyring is locked.")
    dialog.code.setText(code)
    qtbot.mouseClick(dialog.code_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: dialog.stack.currentIndex() == UnlockDialog.NEW_PASSPHRASE, timeout=10000
    )
    assert "password store" in dialog.new_intro.text()
    dialog.new_fields.first.setText("another good phrase")
    dialog.new_fields.second.setText("another good phrase")
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    dialog.unlocked.close()
    assert profile.state() is ProfileState.PASSPHRASE


def test_wrong_password_at_large_text_keeps_field_error_and_buttons_reachable(
    qtbot, passphrase_profile, large_text
):
    profile, _code = passphrase_profile
    dialog = make(qtbot, profile)
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.passphrase, "not it at all")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.error.isVisible, timeout=10000)
    scroll = dialog.stack_scroll
    # The error is where the person looks, under the field, and scrolls with the step: it no
    # longer squeezes the step out of sight from below.
    assert scroll.widget().isAncestorOf(dialog.error)
    qtbot.waitUntil(lambda: in_sight(scroll, dialog.passphrase) and in_sight(scroll, dialog.error))
    assert dialog.passphrase.hasFocus()
    assert dialog.passphrase.selectedText() == "not it at all"  # typing again replaces it
    # Open and "I have forgotten it" stay whole in the footer, under the scrolling body:
    # inside it they were cut at its bottom edge. Enter still opens.
    for target in (dialog.open_button, dialog.forgot_button):
        assert not scroll.widget().isAncestorOf(target)
        assert target.isVisible()
        assert dialog.rect().contains(QRect(target.mapTo(dialog, QPoint(0, 0)), target.size()))
        assert target.height() >= target.heightForWidth(target.width()), target.text()
        assert target.geometry().top() >= scroll.geometry().bottom(), target.text()
    assert dialog.open_button.isDefault()
