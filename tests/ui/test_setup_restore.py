"""First-run setup from a backup: a new computer, the backup file and its recovery code."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from companion import backup, contacts, reminders
from companion.contacts import Person
from companion.errors import WrongSecret
from companion.keys import KeyringVault
from companion.profile import Profile, ProfileState
from tests.ui.conftest import in_sight
from tests.ui.test_keyboard_journey import focused, make_active, press, tab_to, type_text
from tests.ui.test_setup import CODE, english_qt_after, make_setup  # noqa: F401 - fixture
from ui.dialogs.setup import SetupDialog
from ui.widgets import files

# The "Stop setting up?" question is a window of its own: offscreen Qt says it cannot size it.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

Key = Qt.Key
MADE = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)


@pytest.fixture
def old_computer(tmp_path: Path, vault: KeyringVault) -> tuple[Path, str]:
    """A backup made on the old computer with "Back up now", and that data's recovery code."""
    profile = Profile(tmp_path / "old-computer", vault)
    unlocked = profile.create("passphrase", "the old password")
    store = unlocked.store
    jo = contacts.add_person(store, MADE, Person(0, "Jo Brennan"))
    contacts.add_person(store, MADE, Person(0, "Ann Lee"))
    reminders.add(store, MADE, "Call Jo", datetime(2026, 3, 16, 17, 0), person_id=jo.id, zone=UTC)
    unlocked.settings.set("user_name", "Margaret")
    unlocked.settings.set("recovery_code_kept", True)
    code = unlocked.recovery_code
    assert code
    made = backup.make_backup(
        unlocked, tmp_path / "usb" / "companion-backup.companion-backup", MADE
    )
    unlocked.close()
    return made, code


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """The app's file chooser answers with ``path``; its titles are kept to look at."""
    asked: list[str] = []

    def ask(_parent, title, kinds, start=None):
        asked.append(title)
        assert "*.companion-backup" in kinds
        return path

    monkeypatch.setattr(files, "ask_open_path", ask)
    return asked


def to_the_backup_step(qtbot, dialog: SetupDialog) -> None:
    """From the start by keys: name, language, text size, country, then "from my backup"."""
    make_active(qtbot, dialog)
    assert focused() is dialog.name
    type_text(qtbot, "Maggie")
    for _step in ("language", "text size", "country", "protection"):
        press(qtbot, Key.Key_Return)
    assert dialog.current_step() == SetupDialog.PROTECTION
    assert dialog.use_keyring.isChecked()
    tab_to(qtbot, lambda w: w is dialog.from_backup_button)
    qtbot.waitUntil(lambda: in_sight(dialog.stack_scroll, dialog.from_backup_button))
    press(qtbot, Key.Key_Return)  # the chooser (answered by the test), then the backup's step
    assert dialog.current_step() == SetupDialog.RESTORE
    qtbot.waitUntil(lambda: focused() is dialog.backup_code, timeout=10000)


def nothing_made(profile: Profile) -> bool:
    return profile.state() is ProfileState.NEW and not profile.db_path.exists()


def test_a_new_computer_is_set_up_from_a_backup_by_keys_alone(
    qtbot, new_profile, monkeypatch, old_computer
):
    path, old_code = old_computer
    asked = choose_file(monkeypatch, path)
    dialog, app = make_setup(qtbot, new_profile)
    to_the_backup_step(qtbot, dialog)
    assert asked == ["Choose the backup to restore"]
    # Which file and when it was made, before anything is made; its code is asked for.
    about = dialog.backup_about.text()
    assert "companion-backup" in about and "Made on:" in about and "2026" in about
    assert "needs the recovery code" in dialog.backup_verdict.text()
    assert dialog.next_button.text() == "Open with this code"
    assert nothing_made(new_profile)

    type_text(qtbot, old_code.lower().replace("-", " "))  # as it was written down
    press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.backup_holds.isVisible(), timeout=10000)
    assert "2 people" in dialog.backup_holds.text()
    assert "1 reminder" in dialog.backup_holds.text()
    assert "whole" in dialog.backup_verdict.text()
    assert not dialog.backup_code.isVisible()
    assert dialog.next_button.text() == "Restore my data"
    assert nothing_made(new_profile)  # still nothing until the person says so

    press(qtbot, Key.Key_Return)  # restore my data
    qtbot.waitUntil(lambda: dialog.current_step() == SetupDialog.RECOVERY, timeout=20000)
    assert dialog.heading.text() == "Your new recovery code"
    words = dialog.recovery_panel.explanation.text()
    assert "new recovery code" in words and "does not open your data on this computer" in words
    new_code = dialog.recovery_panel.code
    assert CODE.match(new_code) and new_code != old_code
    assert focused() is dialog.recovery_panel.code_label
    assert not dialog.next_button.isEnabled()  # finish only once the new code is kept
    tab_to(qtbot, lambda w: w is dialog.recovery_panel.kept.box)
    press(qtbot, Key.Key_Space)
    press(qtbot, Key.Key_Return)
    assert dialog.result() == SetupDialog.DialogCode.Accepted

    # The app opens the main window on what setup hands it: the backup's data.
    unlocked = dialog.unlocked
    assert unlocked is not None
    assert new_profile.state() is ProfileState.KEYRING  # the protection chosen here
    assert sorted(p.name for p in contacts.people(unlocked.store)) == ["Ann Lee", "Jo Brennan"]
    assert unlocked.settings.get("user_name") == "Maggie"  # the name typed here
    assert unlocked.settings.get("recovery_code_kept") is True
    unlocked.close()
    # The new code opens the data here; the old one does not.
    with pytest.raises(WrongSecret):
        new_profile.unlock_with_recovery_code(old_code)
    again = new_profile.unlock_with_recovery_code(new_code)
    assert len(contacts.people(again.store)) == 2
    again.close()


def test_a_wrong_code_is_refused_in_plain_words_and_nothing_is_made(
    qtbot, new_profile, monkeypatch, old_computer
):
    path, _old_code = old_computer
    choose_file(monkeypatch, path)
    dialog, _app = make_setup(qtbot, new_profile)
    to_the_backup_step(qtbot, dialog)

    press(qtbot, Key.Key_Return)  # nothing typed
    assert dialog.error.isVisible() and "type the recovery code" in dialog.error.text()
    type_text(qtbot, "ABCDE-12345-ABCDE-12345-ABCDE")
    press(qtbot, Key.Key_Return)
    qtbot.waitUntil(dialog.error.isVisible, timeout=10000)
    assert "did not open this backup" in dialog.error.text()
    assert dialog.current_step() == SetupDialog.RESTORE
    assert focused() is dialog.backup_code
    assert dialog.backup_code.selectedText() == "ABCDE-12345-ABCDE-12345-ABCDE"  # typed over
    assert not dialog.backup_holds.isVisible()
    assert nothing_made(new_profile)

    press(qtbot, Key.Key_Escape)  # asks before closing, as everywhere in setup
    box = QApplication.activeModalWidget()
    assert box is not None and "Nothing has been saved yet" in box.text()
    box.reject()  # "Go back"
    qtbot.waitUntil(lambda: not box.isVisible())
    assert dialog.isVisible() and dialog.current_step() == SetupDialog.RESTORE
    make_active(qtbot, dialog)
    dialog.backup_code.setFocus()
    tab_to(qtbot, lambda w: w is dialog.back_button)
    press(qtbot, Key.Key_Return)  # back: to the protection step, still nothing made
    assert dialog.current_step() == SetupDialog.PROTECTION
    assert focused() is dialog.from_backup_button
    assert nothing_made(new_profile)


def _not_a_backup(tmp_path: Path, _made: Path) -> Path:
    notes = tmp_path / "shopping-list.txt"
    notes.write_text("milk, bread, stamps\n")
    return notes


def _cut_short(_tmp_path: Path, made: Path) -> Path:
    made.write_bytes(made.read_bytes()[:-5000])
    return made


def _from_a_newer_version(_tmp_path: Path, made: Path) -> Path:
    header = backup.read_header(made)
    assert header is not None
    raw = made.read_bytes()
    newer = backup.BackupHeader(**{**header.__dict__, "format": backup.FORMAT_VERSION + 1})
    made.write_bytes(newer.to_bytes() + raw[len(header.to_bytes()) :])
    return made


@pytest.mark.parametrize(
    ("spoil", "words"),
    [
        (_not_a_backup, "is not a Companion backup"),
        (_cut_short, "cut short"),
        (_from_a_newer_version, "newer version of Companion"),
    ],
)
def test_a_file_that_cannot_be_restored_says_so_and_nothing_is_made(
    qtbot, new_profile, monkeypatch, old_computer, tmp_path, spoil, words
):
    made, _old_code = old_computer
    path = spoil(tmp_path, made)
    choose_file(monkeypatch, path)
    dialog, _app = make_setup(qtbot, new_profile)
    make_active(qtbot, dialog)
    for _step in ("language", "text size", "country", "protection"):
        press(qtbot, Key.Key_Return)
    tab_to(qtbot, lambda w: w is dialog.from_backup_button)
    press(qtbot, Key.Key_Return)
    assert dialog.current_step() == SetupDialog.RESTORE
    qtbot.waitUntil(lambda: not dialog.wait.isVisible(), timeout=10000)
    assert words in dialog.backup_verdict.text()
    assert "Nothing has been changed" in dialog.backup_verdict.text()
    assert not dialog.backup_code.isVisible() and not dialog.backup_holds.isVisible()
    # The way on is another file (or Back); nothing here offers to restore this one.
    assert dialog.next_button.text() == "Choose another file…"
    assert dialog.next_button.isEnabled()
    assert nothing_made(new_profile)
