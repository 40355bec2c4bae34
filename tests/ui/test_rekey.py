""" "Someone may know my code or password": a new key for all the data, from Settings.

Afterwards the old recovery code, the old password and an old copy of keys.json
open nothing, the new code opens the data, and the window shows the same data
on a new session.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from companion import contacts
from companion.contacts import Person
from companion.errors import CompanionError, WrongSecret
from companion.keys import KeyringVault, read_keyfile, unwrap_key
from companion.profile import Profile, ProfileState, Unlocked
from companion.store import Store

OLD_PASSWORD = "correct horse battery"
NEW_PASSWORD = "a fresh password nobody saw"


def _app_on(qtbot, unlocked: Unlocked):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from ui.app import CompanionApp

    unlocked.settings.set("user_name", "Margaret")
    unlocked.settings.set("recovery_code_kept", True)
    app = CompanionApp(QApplication.instance(), unlocked.profile)
    app.auto_backups = False
    app.open_main_window(unlocked)
    qtbot.addWidget(app.window)
    return app


def _close(app) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    app.window._allow_close = True
    app.window.close()
    if app._qt_translator is not None:
        QApplication.instance().removeTranslator(app._qt_translator)
    if getattr(app, "notifier", None) is not None:
        app.notifier.close()
    if getattr(app, "scheduler", None) is not None:
        app.scheduler.stop()
    app.gc.stop()


@pytest.fixture
def password_app(qtbot, tmp_path: Path, vault: KeyringVault) -> Iterator:  # type: ignore[type-arg]
    unlocked = Profile(tmp_path / "locked-profile", vault).create("passphrase", OLD_PASSWORD)
    app = _app_on(qtbot, unlocked)
    yield app
    _close(app)


@pytest.fixture
def shown_codes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The recovery-code dialog, answered as a person would: ticked "written down", Done."""
    from ui.dialogs.recovery import RecoveryCodeDialog

    codes: list[str] = []

    def exec_(dialog: RecoveryCodeDialog) -> int:
        assert not dialog.done_button.isEnabled()  # not before it is written down
        dialog.panel.kept.setChecked(True)
        codes.append(dialog.panel.code)
        dialog.done_button.click()
        return RecoveryCodeDialog.DialogCode.Accepted

    monkeypatch.setattr(RecoveryCodeDialog, "exec", exec_)
    return codes


def _opens_with_code(folder: Path, keys_json: bytes, code: str) -> bool:
    """Does ``keys_json`` with ``code`` open the data file in ``folder`` now?"""
    copy = folder.parent / "copy-of-keys.json"
    copy.write_bytes(keys_json)
    try:
        key = unwrap_key(read_keyfile(copy).recovery, code, "recovery")
    except (WrongSecret, CompanionError):
        return False
    if key is None:
        return False
    try:
        Store.open(folder / "companion.db", key, migrate=False, read_only=True).close()
    except CompanionError:
        return False
    return True


def _rekey_from_settings(qtbot, app) -> None:  # type: ignore[no-untyped-def]
    old = app.session
    app.window.show_page("settings")
    page = app.window.page("settings")
    assert page.rekey_button.isVisibleTo(page)
    assert page.rekey_button.text() == "Someone may know my code or password"
    qtbot.mouseClick(page.rekey_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app.session is not old, timeout=20000)


def test_a_new_key_on_a_keyring_profile_shuts_out_the_old_code_and_keys_file(
    qtbot, app_with_window, keyring_profile: Unlocked, shown_codes, monkeypatch, vault
) -> None:
    from ui.dialogs.rekey import RekeyDialog

    app = app_with_window
    session = app.session
    folder = keyring_profile.profile.folder
    contacts.add_person(session.store, session.now(), Person(0, "Jo Bennett"))
    old_code = keyring_profile.recovery_code or ""
    old_key = session.unlocked.data_key
    old_keys = (folder / "keys.json").read_bytes()  # a copy in someone's backup
    assert _opens_with_code(folder, old_keys, old_code)
    asked: list[RekeyDialog] = []

    def exec_(dialog: RekeyDialog) -> int:
        asked.append(dialog)
        assert dialog.fields is None  # nothing to type for the password store
        assert "brand-new key" in dialog.explanation.text()
        assert dialog.go_button.isDefault()
        return RekeyDialog.DialogCode.Accepted

    monkeypatch.setattr(RekeyDialog, "exec", exec_)
    _rekey_from_settings(qtbot, app)
    assert asked and len(shown_codes) == 1
    new_code = shown_codes[0]
    fresh = app.session
    assert fresh.unlocked.data_key != old_key
    # the window shows today's data, on the new session
    assert [p.name for p in contacts.people(fresh.store)] == ["Jo Bennett"]
    app.window.show_page("people")
    people = app.window.page("people")
    assert people.model.rowCount() == 1
    assert "new key" in app.window.status_line.text.text()
    assert fresh.context.settings.get("recovery_code_kept") is True
    # old secrets open nothing; the new code and the keyring do
    assert not _opens_with_code(folder, old_keys, old_code)
    assert not _opens_with_code(folder, (folder / "keys.json").read_bytes(), old_code)
    assert _opens_with_code(folder, (folder / "keys.json").read_bytes(), new_code)
    with pytest.raises(CompanionError):
        Store.open(folder / "companion.db", old_key, migrate=False, read_only=True).close()
    assert Profile(folder, vault).state() is ProfileState.KEYRING
    assert Profile(folder, vault).keys.open_with_keyring() == fresh.unlocked.data_key
    assert not list(folder.glob(".companion.db.rekey*"))


def test_a_new_key_on_a_password_profile_asks_for_a_new_password(
    qtbot, password_app, shown_codes, monkeypatch, vault
) -> None:
    from ui.dialogs.rekey import RekeyDialog

    app = password_app
    session = app.session
    folder = session.unlocked.profile.folder
    old_code = session.unlocked.recovery_code or ""
    old_keys = (folder / "keys.json").read_bytes()
    contacts.add_person(session.store, session.now(), Person(0, "Anne Kowalski"))

    def exec_(dialog: RekeyDialog) -> int:
        assert dialog.fields is not None and dialog.first_field is dialog.fields.first
        dialog.fields.first.setText(NEW_PASSWORD)
        dialog.fields.second.setText("not the same")
        dialog.go_button.click()  # refused: the two are not the same
        assert dialog.error.isVisibleTo(dialog) and "not the same" in dialog.error.text()
        assert dialog.result() != RekeyDialog.DialogCode.Accepted
        dialog.fields.second.setText(NEW_PASSWORD)
        dialog.go_button.click()
        return dialog.result()

    monkeypatch.setattr(RekeyDialog, "exec", exec_)
    _rekey_from_settings(qtbot, app)
    assert len(shown_codes) == 1
    assert [p.name for p in contacts.people(app.session.store)] == ["Anne Kowalski"]
    again = Profile(folder, vault)
    with pytest.raises(WrongSecret):
        again.keys.open_with_passphrase(OLD_PASSWORD)
    again.keys.open_with_passphrase(NEW_PASSWORD)
    assert not _opens_with_code(folder, old_keys, old_code)
    # an old keys.json put back in place does not open today's data with the old password
    stale = folder.parent / "stale"
    shutil.copytree(folder, stale, ignore=shutil.ignore_patterns(".lock", "*.sock"))
    (stale / "keys.json").write_bytes(old_keys)
    with pytest.raises(CompanionError):
        Profile(stale, vault).unlock_with_passphrase(OLD_PASSWORD).close()


def test_cancel_changes_nothing(qtbot, app_with_window, monkeypatch, shown_codes) -> None:
    from ui.dialogs.rekey import RekeyDialog

    app = app_with_window
    session = app.session
    key = session.unlocked.data_key
    monkeypatch.setattr(RekeyDialog, "exec", lambda dialog: RekeyDialog.DialogCode.Rejected)
    app.window.show_page("settings")
    page = app.window.page("settings")
    qtbot.mouseClick(page.rekey_button, Qt.MouseButton.LeftButton)
    assert app.session is session and session.unlocked.data_key == key
    assert shown_codes == []


def test_a_failure_leaves_the_data_open_as_before(
    qtbot, app_with_window, monkeypatch, shown_codes
) -> None:
    from companion.errors import StorageError
    from ui.dialogs import rekey

    app = app_with_window
    session = app.session
    profile = session.unlocked.profile
    key = session.unlocked.data_key
    contacts.add_person(session.store, session.now(), Person(0, "Jo Bennett"))
    shown: list[str] = []
    monkeypatch.setattr(rekey, "show_error", lambda parent, message: shown.append(message))
    monkeypatch.setattr(session.ops, "show_error", lambda parent, message: shown.append(message))

    def broken_prepare(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise StorageError("The disk is full.")

    monkeypatch.setattr(profile.keys, "prepare_rekey", broken_prepare)
    finished: list[object] = []
    rekey.choose_new_key(session, None, None, finished.append)
    qtbot.waitUntil(lambda: bool(finished), timeout=20000)
    assert finished == [None]
    assert shown == ["The disk is full."]
    assert shown_codes == []
    assert app.session.unlocked.data_key == key
    assert [p.name for p in contacts.people(app.session.store)] == ["Jo Bennett"]
    assert not list(profile.folder.glob(".companion.db.rekey*"))


@pytest.mark.parametrize("open_at_the_time", [True, False])
def test_a_password_locked_parent_view_follows_the_new_code_when_open(
    qtbot, request, keyring_profile: Unlocked, monkeypatch, shown_codes, open_at_the_time
) -> None:
    from datetime import datetime

    from companion import demo
    from ui import actions_parents
    from ui.dialogs import rekey

    demo._parents(keyring_profile, datetime.now().astimezone())
    app = request.getfixturevalue("app_with_window")
    app.context.settings.set("parent_view", True)
    app.window.show_page("parents")  # opens the parent data
    monkeypatch.setattr(app.session.ops, "show_error", lambda parent, message: pytest.fail(message))
    old_code = keyring_profile.recovery_code or ""
    assert actions_parents.set_password(app.session, None, "blue kite", old_code)
    gate = actions_parents.access(app.session)
    if not open_at_the_time:
        gate.lock()
    said: list[str] = []
    monkeypatch.setattr(rekey, "show_error", lambda parent, message: said.append(message))
    finished: list[object] = []
    rekey.choose_new_key(app.session, None, None, finished.append)
    qtbot.waitUntil(lambda: bool(finished), timeout=20000)
    assert finished[0] is not None and len(shown_codes) == 1
    monkeypatch.setattr(app.session.ops, "show_error", lambda parent, message: pytest.fail(message))
    fresh = actions_parents.access(app.session)
    if open_at_the_time:
        assert said == []
        assert fresh.unlock(None, shown_codes[0], recovery=True)
    else:
        assert said and "previous recovery code still opens it" in said[0]
        assert fresh.unlock(None, old_code, recovery=True)  # as the message says


@pytest.mark.parametrize("work", ["a restore", "a new key"])
def test_timers_while_the_data_is_closed_for_a_moment_read_nothing(
    qtbot, app_with_window, tmp_path: Path, monkeypatch, shown_codes, work: str
) -> None:
    """A restore or a new key closes the data while the window still shows it.

    Before that moment the session's own timers (reminders, the idle lock) and
    background work stop, so nothing reads the data on the UI thread while the
    worker closes it; one that fires all the same reads nothing and raises
    nothing; afterwards they run again on the rebuilt session.
    """
    import threading

    from companion import backup
    from ui import actions_data
    from ui.dialogs import rekey

    app = app_with_window
    session = app.session
    contacts.add_person(session.store, session.now(), Person(0, "Jo Bennett"))
    session.context.settings.set("auto_lock_minutes", 30)
    assert app.lock_timer.isActive()
    scheduler = session.reminders.scheduler
    qtbot.waitUntil(scheduler.heartbeat.isActive, timeout=10000)  # started after the first paint
    assert scheduler.timer.isActive()

    closed, go_on = threading.Event(), threading.Event()

    def pause(step: str) -> None:  # on the worker thread, with the data closed
        if step in ("store-closed", "rekey-swapped"):
            closed.set()
            assert go_on.wait(30)

    finished: list[object] = []
    if work == "a restore":
        made = backup.make_backup(session.unlocked, tmp_path / "b.companion-backup", session.now())
        real = backup.restore_backup
        monkeypatch.setattr(
            backup, "restore_backup", lambda *a, **k: real(*a, **k, step_hook=pause)
        )
        actions_data.restore(session, None, made, None, finished.append)
    else:
        monkeypatch.setattr(session.unlocked.profile.keys, "step_hook", pause)
        rekey.choose_new_key(session, None, None, finished.append)
    qtbot.waitUntil(closed.is_set, timeout=30000)
    try:
        assert session.store.closed  # the moment: the data closed, the window still up
        assert not scheduler.timer.isActive() and not scheduler.heartbeat.isActive()
        assert not app.lock_timer.isActive()
        # Fired all the same (a timeout already queued): nothing read, nothing raised.
        scheduler.check()
        scheduler._beat()
        app._check_idle()
        assert app.session is session  # not locked underneath the work
    finally:
        go_on.set()
    qtbot.waitUntil(lambda: bool(finished), timeout=30000)
    assert finished[0] is not None
    fresh = app.session
    assert fresh is not session and not fresh.store.closed
    assert [p.name for p in contacts.people(fresh.store)] == ["Jo Bennett"]
    assert app.lock_timer.isActive()  # the idle lock watches again


def test_a_restore_refused_before_closing_starts_the_timers_again(
    qtbot, app_with_window, tmp_path: Path
) -> None:
    from ui import actions_data

    app = app_with_window
    session = app.session
    scheduler = session.reminders.scheduler
    qtbot.waitUntil(scheduler.heartbeat.isActive, timeout=10000)
    not_a_backup = tmp_path / "not.companion-backup"
    not_a_backup.write_bytes(b"hello")
    said: list[str] = []
    session.ops.show_error = lambda parent, message: said.append(message)  # type: ignore[method-assign]
    finished: list[object] = []
    actions_data.restore(session, None, not_a_backup, None, finished.append)
    qtbot.waitUntil(lambda: bool(finished), timeout=30000)
    assert finished == [None] and said
    assert app.session is session and not session.store.closed
    assert scheduler.timer.isActive() and scheduler.heartbeat.isActive()


# --- the recovery code dialog ------------------------------------------------------------


def test_the_recovery_code_is_never_printed_into_a_file(qtbot, monkeypatch, tmp_path):
    """Issue 9: with no printer, "Print…" wrote print.pdf into the home folder (the code in
    plain text on the disk) and said "Sent to the printer"."""
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog

    from ui.dialogs import recovery

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    dialog = recovery.RecoveryCodeDialog("ABCDE-FGHJK-LMNPQ-RSTVW-XYZ23")
    qtbot.addWidget(dialog)
    panel = dialog.panel
    assert not panel.status.isVisibleTo(dialog)  # no empty gap above the tick box
    monkeypatch.setattr(recovery, "has_printer", lambda: False)
    panel.print_button.click()
    assert panel.status.isVisibleTo(dialog)
    assert "No printer is set up" in panel.status.text() and "by hand" in panel.status.text()
    assert list(tmp_path.iterdir()) == []
    # with a printer: Qt's dialog offers no "print to file", and nothing chosen prints nothing
    offered: list[bool] = []

    def cancel(box: QPrintDialog) -> int:
        offered.append(box.testOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile))
        return 0

    monkeypatch.setattr(recovery, "has_printer", lambda: True)
    monkeypatch.setattr(QPrintDialog, "exec", cancel)
    panel.print_button.click()
    assert offered == [False]
    assert "Sent to the printer" not in panel.status.text()
    assert list(tmp_path.iterdir()) == []


def test_a_locked_parent_view_is_named_before_the_new_key_not_after(
    qtbot, request, keyring_profile: Unlocked, monkeypatch
) -> None:
    from datetime import datetime

    from companion import demo
    from ui import actions_parents
    from ui.dialogs import rekey

    demo._parents(keyring_profile, datetime.now().astimezone())
    app = request.getfixturevalue("app_with_window")
    app.context.settings.set("parent_view", True)
    app.window.show_page("settings")
    assert actions_parents.access(app.session).open_if_free()
    assert actions_parents.set_password(
        app.session, None, "blue kite", keyring_profile.recovery_code
    )
    seen: list[rekey.RekeyDialog] = []

    def answer(dialog: rekey.RekeyDialog) -> int:
        seen.append(dialog)
        if len(seen) == 1:  # open: nothing to warn about; the person cancels
            assert dialog.parents_note is None and dialog.parents_button is None
            return 0
        assert dialog.parents_note is not None and dialog.parents_button is not None
        assert "open the parent view first" in dialog.parents_note.text()
        dialog.parents_button.click()
        return dialog.result()

    monkeypatch.setattr(rekey.RekeyDialog, "exec", answer)
    started: list[object] = []
    monkeypatch.setattr(rekey, "choose_new_key", lambda *a, **k: started.append(a))
    rekey.ask_and_choose_new_key(app.session, app.window)
    actions_parents.access(app.session).lock()
    rekey.ask_and_choose_new_key(app.session, app.window)
    assert len(seen) == 2 and started == []  # no new key yet: the parent view comes first
    assert app.window.current_page() == "parents"


def test_choosing_a_password_works_by_keyboard_and_asks_before_losing_it(qtbot):
    from ui.dialogs.passphrase import NewPassphraseDialog
    from ui.dialogs.shell import DialogShell

    dialog = NewPassphraseDialog("Use a password instead")
    qtbot.addWidget(dialog)
    assert isinstance(dialog, DialogShell) and dialog.ok_button.isDefault()
    dialog.show()
    qtbot.waitExposed(dialog)
    fields = dialog.fields
    assert dialog.focusWidget() is fields.first  # typing goes into the password at once
    qtbot.keyClicks(fields.first, NEW_PASSWORD)
    qtbot.keyClicks(fields.second, NEW_PASSWORD + "x")
    qtbot.keyClick(fields.second, Qt.Key.Key_Return)  # Enter tries it: the error says why
    assert dialog.isVisible() and "not the same" in dialog.error.text()
    assert dialog.is_dirty()  # Escape would ask first (the shell's question)
    fields.second.setText(NEW_PASSWORD)
    qtbot.keyClick(fields.second, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.value() == NEW_PASSWORD


def test_enter_on_the_recovery_codes_tick_box_ticks_it_then_is_done(qtbot):
    from ui.dialogs.recovery import RecoveryCodeDialog

    dialog = RecoveryCodeDialog("ABCDE-FGHJK-LMNPQ-RSTVW-XYZ23")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    kept = dialog.panel.kept
    assert dialog.focusWidget() is kept.box and not dialog.done_button.isEnabled()
    qtbot.keyClick(kept.box, Qt.Key.Key_Return)  # did nothing: Done cannot be pressed yet
    assert kept.isChecked() and dialog.done_button.isEnabled() and dialog.isVisible()
    qtbot.keyClick(kept.box, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
