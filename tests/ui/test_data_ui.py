"""Your data in the app: backups, restore, export, delete all; and the printed plan."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextBlockFormat

from companion import demo, i18n, plan
from companion.profile import Unlocked

NOW = datetime(2026, 3, 18, 10, 0, tzinfo=ZoneInfo("Europe/London"))


# --- the printed plan ----------------------------------------------------------------------


def _pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_plan_is_large_print_with_room_between_lines(qapp, keyring_profile: Unlocked) -> None:
    from ui.reports.plan import plan_report

    demo.fill(keyring_profile, NOW)
    made = plan.build_plan(keyring_profile.store, keyring_profile.settings, NOW)
    report = plan_report(made)
    document = report.document
    block = document.begin()
    sizes = []
    while block.isValid():
        assert block.blockFormat().lineHeight() == 150  # about 1.5
        assert block.blockFormat().lineHeightType() == (
            QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        )
        assert block.blockFormat().alignment() & Qt.AlignmentFlag.AlignLeft  # never justified
        iterator = block.begin()
        while not iterator.atEnd():
            chars = iterator.fragment().charFormat()
            sizes.append(chars.fontPointSize())
            assert not chars.fontItalic()
            assert chars.fontCapitalization() == chars.font().capitalization().MixedCase
            iterator += 1
        block = block.next()
    assert min(sizes) >= 14
    text = report.text()
    for part in made.sections:
        assert part.title in text
    assert "Jo Bennett (Family): every week" in text


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (poppler-utils)")
def test_export_plan_command_writes_a_pdf_whose_text_can_be_read(tmp_path: Path, qapp) -> None:
    from ui.launch import main

    target = tmp_path / "plan.pdf"
    assert main(["--demo", "export", "plan", str(target)]) == 0
    text = _pdf_text(target)
    assert "Margaret's connection plan" in text
    assert "People to keep in touch with" in text
    assert "Jo Bennett (Family): every week" in text
    assert "Help, any time" in text


def test_export_plan_refuses_a_name_that_is_not_a_pdf(tmp_path: Path, qapp, capsys) -> None:
    from ui.launch import main

    assert main(["--demo", "export", "plan", str(tmp_path / "plan.txt")]) == 1
    assert "ending in .pdf" in capsys.readouterr().err
    assert not (tmp_path / "plan.txt").exists()


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (poppler-utils)")
def test_the_plan_in_arabic_runs_right_to_left(qapp, keyring_profile: Unlocked, tmp_path) -> None:
    from ui.reports.plan import plan_report, write_plan

    demo.fill(keyring_profile, NOW)
    i18n.set_language("ar")
    made = plan.build_plan(keyring_profile.store, keyring_profile.settings, NOW)
    report = plan_report(made)
    assert report.rtl
    assert report.document.defaultTextOption().textDirection() == Qt.LayoutDirection.RightToLeft
    assert report.document.begin().blockFormat().layoutDirection() == (
        Qt.LayoutDirection.RightToLeft
    )
    target = tmp_path / "plan-ar.pdf"
    assert write_plan(keyring_profile, target, NOW) >= 1
    assert "مارس" in unicodedata.normalize("NFKC", _pdf_text(target))  # the date, in Arabic


def _many_people(unlocked: Unlocked, count: int) -> None:
    """``count`` people straight into the table (as an import of thousands leaves them)."""
    units = ("days", "weeks", "months")
    with unlocked.store.transaction():
        for number in range(count):
            every = (None, None) if number % 5 == 0 else (number % 3 + 1, units[number % 3])
            unlocked.store.execute(
                "INSERT INTO people(name, sort_name, circle, every_count, every_unit, created)"
                " VALUES(?, ?, 'friend', ?, ?, ?)",
                (f"Person {number:05d}", f"person {number:05d}", *every, NOW.isoformat()),
            )


def test_a_plan_with_ten_thousand_people_is_written_in_seconds(
    qapp, keyring_profile: Unlocked, tmp_path: Path
) -> None:

    from ui.reports.plan import write_plan

    _many_people(keyring_profile, 10_000)
    pages = write_plan(keyring_profile, tmp_path / "plan.pdf", NOW)  # how fast: bench/ plan_pdf_s
    assert 1 <= pages <= 8
    made = plan.build_plan(keyring_profile.store, keyring_profile.settings, NOW)
    people = made.section("people")
    assert len(people.lines) == plan.PEOPLE_LISTED
    assert "out of 8,000 people" in people.note and "2,000 people" in people.note


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (poppler-utils)")
def test_the_plan_is_drawn_off_the_ui_thread_with_progress(
    qtbot, app_with_window, tmp_path, monkeypatch
) -> None:
    import threading

    from PySide6.QtWidgets import QProgressDialog

    from ui import actions_data
    from ui.reports import plan as plan_pdf

    drawn_on: list[bool] = []
    real = plan_pdf.write_plan

    def watched(unlocked, path, now):
        drawn_on.append(threading.current_thread() is threading.main_thread())
        return real(unlocked, path, now)

    monkeypatch.setattr(plan_pdf, "write_plan", watched)
    demo.fill(app_with_window.session.unlocked, NOW)
    section = data_section(qtbot, app_with_window)
    said: list[str] = []
    app_with_window.session.ops.said.connect(lambda words, _undo: said.append(words))
    results: list[int | None] = []
    actions_data.save_plan(app_with_window.session, section, tmp_path / "plan", results.append)
    progress = section.findChildren(QProgressDialog)
    assert progress and progress[-1].labelText() == "Making your plan…"
    qtbot.waitUntil(lambda: bool(results), timeout=30000)
    assert drawn_on == [False]
    target = tmp_path / "plan.pdf"
    assert results[0] and results[0] >= 1 and target.is_file()
    assert said == [f"Saved in the folder “{tmp_path.name}” as “plan”."]  # words, not a path
    assert "Jo Bennett (Family): every week" in _pdf_text(target)


# --- Settings → Your data ------------------------------------------------------------------


def data_section(qtbot, app):
    qtbot.mouseClick(app.window.nav_buttons["settings"], Qt.MouseButton.LeftButton)
    return app.window.page("settings").data_section


@pytest.fixture
def documents(tmp_path, monkeypatch) -> Path:
    """The person's Documents folder, in the test's own folder."""
    from ui.widgets import files

    folder = tmp_path / "Documents"
    folder.mkdir()
    monkeypatch.setattr(files, "documents_folder", lambda: folder)
    return folder


def in_sight(widget) -> bool:
    """Shown and not scrolled away: some of it is on screen in its window."""
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


def test_back_up_now_saves_in_documents_and_says_so_in_words(
    qtbot, app_with_window, documents, tmp_path, monkeypatch
):
    from ui import actions_data
    from ui.widgets import files

    app_with_window.window.resize(1366, 768)
    section = data_section(qtbot, app_with_window)
    assert section.last_backup.text() == "No backup made yet."
    assert actions_data.backup_reminder_words(app_with_window.session).startswith(
        "You have no backup"
    )
    asked = []
    monkeypatch.setattr(files, "ask_save_path", lambda *a: asked.append(a) or None)
    qtbot.mouseClick(section.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: section.note.isVisible(), timeout=10000)
    assert not asked  # no file chooser before saving: it goes to the Documents folder
    [made] = documents.glob("*.companion-backup")
    assert made.stem.startswith("companion-backup-")
    words = section.status.text()
    assert words.startswith(f"Saved in your Documents folder as “{made.stem}”.")
    assert "/" not in words and "recovery code" in words
    status_line = app_with_window.window.status_line.text.text()
    assert "/" not in status_line and len(status_line) < 90  # short, no path
    assert section.last_backup.text() == "Last backup: today."
    assert actions_data.backup_reminder_words(app_with_window.session) is None
    qtbot.waitUntil(lambda: in_sight(section.status), timeout=3000)
    # A second backup the same day never goes over the first.
    qtbot.mouseClick(section.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(list(documents.glob("*.companion-backup"))) == 2, timeout=10000)
    # "Save it somewhere else…" asks, and moves the newest one there.
    qtbot.waitUntil(lambda: section.note.path is not None and "(2)" in section.note.path.name)
    elsewhere = tmp_path / "usb"
    elsewhere.mkdir()
    monkeypatch.setattr(files, "ask_save_path", lambda *a: elsewhere / "for-ruth")
    assert section.note.elsewhere_button.isVisible()
    qtbot.mouseClick(section.note.elsewhere_button, Qt.MouseButton.LeftButton)
    assert (elsewhere / "for-ruth.companion-backup").is_file()
    assert len(list(documents.glob("*.companion-backup"))) == 1
    assert section.status.text().startswith("Saved in the folder “usb” as “for-ruth”.")


def test_today_is_told_gently_after_two_weeks(app_with_window):
    from datetime import timedelta

    from ui import actions_data

    session = app_with_window.session
    long_ago = (session.now() - timedelta(days=20)).isoformat(timespec="seconds")
    session.store.set_setting("last_backup_at", f'"{long_ago}"')
    words = actions_data.backup_reminder_words(session)
    assert words is not None and "20 days ago" in words
    recent = (session.now() - timedelta(days=14)).isoformat(timespec="seconds")
    session.store.set_setting("last_backup_at", f'"{recent}"')
    assert actions_data.backup_reminder_words(session) is None


def test_daily_backup_runs_once_a_day_after_writes(qtbot, app_with_window):
    from companion import backup, contacts
    from companion.contacts import Person
    from ui import actions_data
    from ui.ops import Change

    session = app_with_window.session
    auto = actions_data.start_auto_backups(session)
    assert actions_data.start_auto_backups(session) is auto  # one per session
    qtbot.waitUntil(lambda: auto.done_on is not None, timeout=10000)
    folder = backup.backups_folder(session.unlocked.profile)
    made = sorted(folder.glob("auto-*"))
    assert len(made) == 1 and auto.problem == ""
    session.ops.run(
        None,
        lambda store: contacts.add_person(store, session.now(), Person(0, "Jo")),
        Change.PEOPLE,
    )
    assert not auto.running  # today has its backup: nothing more
    assert auto.run() is False
    assert sorted(folder.glob("auto-*")) == made


def test_check_newest_backup_says_whether_it_is_whole(qtbot, app_with_window):
    from companion import backup

    app_with_window.window.resize(1366, 768)
    section = data_section(qtbot, app_with_window)
    section.check_button.setFocus()
    qtbot.keyClick(section.check_button, Qt.Key.Key_Return)  # Enter, as by keyboard
    qtbot.waitUntil(lambda: section.status.isVisible(), timeout=10000)
    assert section.status.text().startswith("There is no backup to check yet")
    session = app_with_window.session
    backup.auto_backup(session.unlocked, session.now())
    qtbot.mouseClick(section.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "is whole" in section.status.text(), timeout=10000)
    assert "one of the daily backups Companion keeps in its own folder" in section.status.text()
    # In sight under the buttons, read out, and the focus stays where it was.
    qtbot.waitUntil(lambda: in_sight(section.status), timeout=3000)
    assert section.status.accessibleName() == section.status.text()
    assert section.status.accessibleDescription() == section.status.text()
    assert section.check_button.hasFocus()
    assert not section.note.elsewhere_button.isVisible()  # nothing was saved
    assert not re.search(r"\d:\d\d:\d\d", section.status.text())  # no seconds


def test_check_newest_backup_checks_the_one_saved_elsewhere_and_names_it(
    qtbot, app_with_window, tmp_path
):
    from datetime import timedelta

    from companion import backup

    session = app_with_window.session
    backup.auto_backup(session.unlocked, session.now() - timedelta(days=1))
    stick = tmp_path / "USB stick"
    backup.make_backup(session.unlocked, stick / "companion-backup.companion-backup", session.now())
    section = data_section(qtbot, app_with_window)
    qtbot.mouseClick(section.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "is whole" in section.status.text(), timeout=10000)
    words = section.status.text()
    assert "companion-backup" in words and "USB stick" in words  # which one, where
    assert "daily" not in words


def test_restore_reviews_first_then_rebuilds_the_session(qtbot, app_with_window, tmp_path):
    from companion import backup, contacts
    from companion.contacts import Person
    from ui import actions_data
    from ui.dialogs.restore import RestoreDialog

    session = app_with_window.session
    saved = backup.make_backup(
        session.unlocked, tmp_path / "before.companion-backup", session.now()
    )
    contacts.add_person(session.store, session.now(), Person(0, "Jo"))
    dialog = RestoreDialog(session, saved)
    qtbot.addWidget(dialog)
    shown = dialog.about.text()
    assert "\u2066before\u2069" in shown  # the file's name stays whole in Arabic too
    about = shown.replace("\u2066", "").replace("\u2069", "")
    assert about.startswith(f"The backup “before” in the folder “{tmp_path.name}”.")
    assert "/" not in about and dialog.about.toolTip() == str(saved)  # the path on request
    assert re.search(r"\d:\d\d", about) and not re.search(r"\d:\d\d:\d\d", about)
    assert "It is whole" in dialog.verdict.text()
    assert "0 people" in dialog.holds.text()
    assert "1 person" in dialog.replaces.text()
    # Replacing is never the default: Enter and Escape keep the data.
    assert dialog.restore_button.isEnabled() and not dialog.restore_button.isDefault()
    assert dialog.cancel_button.isDefault() and dialog.cancel_button.text() == "Keep my data"
    assert not dialog.code.isVisibleTo(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.cancel_button
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.result() == RestoreDialog.DialogCode.Rejected and not dialog.isVisible()
    actions_data.restore(session, None, saved, dialog.secret)
    qtbot.waitUntil(lambda: app_with_window.session is not session, timeout=10000)
    fresh = app_with_window.session
    assert contacts.count_people(fresh.store) == 0
    assert app_with_window.window.current_page() == "today"
    assert "restored" in app_with_window.window.status_line.text.text()


def test_backup_and_restore_carry_the_parent_views_data(qtbot, app_with_window, tmp_path):
    from companion import backup, parents
    from ui import actions_data, actions_parents
    from ui.dialogs.restore import RestoreDialog

    session = app_with_window.session
    gate = actions_parents.access(session)
    assert gate.open_if_free()  # the parent view, set up and open
    parents.add_child(gate.store, session.now(), "Sam", "12_15")
    results = []
    actions_data.back_up_now(session, None, tmp_path / "with-parents", results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=10000)
    made = results[0]
    header = backup.read_header(made)
    assert header is not None and header.has_parents
    parents.add_child(gate.store, session.now(), "Added later", "under_12")
    checked = backup.review_backup(made, data_key=session.unlocked.data_key)
    assert "The parent view's data is in it too" in actions_data.check_words(checked)

    dialog = RestoreDialog(session, made)
    qtbot.addWidget(dialog)
    assert "the parent view's data about 1 child" in dialog.holds.text()
    assert "It replaces the parent view's data that is here now." in dialog.replaces.text()
    actions_data.restore(session, None, made, dialog.secret)  # the open parent view is locked first
    qtbot.waitUntil(lambda: app_with_window.session is not session, timeout=10000)
    fresh = actions_parents.access(app_with_window.session)
    assert fresh.open_if_free()
    assert [child.name for child in parents.children(fresh.store)] == ["Sam"]


def test_a_backup_from_elsewhere_asks_for_its_recovery_code(
    qtbot, app_with_window, tmp_path, vault
):
    from companion import backup
    from companion.profile import Profile
    from ui.dialogs.restore import RestoreDialog

    other = Profile(tmp_path / "other", vault).create("keyring")
    code = other.recovery_code
    theirs = backup.make_backup(other, tmp_path / "theirs.companion-backup", NOW)
    other.close()
    dialog = RestoreDialog(app_with_window.session, theirs)
    qtbot.addWidget(dialog)
    assert dialog.code.isVisibleTo(dialog)
    assert not dialog.restore_button.isEnabled()
    dialog.code.setText("AAAA-BBBB-CCCC-DDDD")
    dialog.try_code()
    assert dialog.error.isVisibleTo(dialog) and not dialog.restore_button.isEnabled()
    dialog.code.setText(code)
    dialog.try_code()
    assert dialog.review is not None and dialog.review.ok
    assert dialog.restore_button.isEnabled()
    assert dialog.cancel_button.isDefault() and not dialog.restore_button.isDefault()


def test_a_damaged_file_is_refused_in_plain_words(qtbot, app_with_window, tmp_path):
    from ui.dialogs.restore import RestoreDialog

    junk = tmp_path / "junk.companion-backup"
    junk.write_bytes(b"not a backup at all" * 10)
    dialog = RestoreDialog(app_with_window.session, junk)
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isEnabled()
    assert dialog.verdict.text() and "Traceback" not in dialog.verdict.text()
    assert dialog.cancel_button.text() == "Close"


def test_save_everything_warns_it_is_not_encrypted(qtbot, app_with_window, tmp_path):
    from ui import actions_data
    from ui.dialogs.backup_export import ExportWarningDialog

    dialog = ExportWarningDialog()
    qtbot.addWidget(dialog)
    assert "not encrypted" in dialog.warning.text()
    assert dialog.go_button.isDefault()
    assert not dialog.parents_note.isVisibleTo(dialog)
    with_parents = ExportWarningDialog(has_parent_data=True)
    qtbot.addWidget(with_parents)
    assert with_parents.parents_note.isVisibleTo(with_parents)
    assert "stays encrypted" in with_parents.parents_note.text()
    results = []
    actions_data.export_everything(app_with_window.session, None, tmp_path, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=10000)
    assert (results[0].folder / "people.vcf").is_file()


def test_delete_all_lists_what_goes_and_needs_the_word(qtbot, app_with_window, monkeypatch):
    from companion.profile import ProfileState
    from ui import actions_data
    from ui.dialogs.delete_all import DeleteAllDialog

    session = app_with_window.session
    profile = session.unlocked.profile
    dialog = DeleteAllDialog(session)
    qtbot.addWidget(dialog)
    assert "0 people" in dialog.going.text() and "password store" in dialog.going.text()
    assert not dialog.delete_button.isEnabled() and dialog.cancel_button.isDefault()
    dialog.accept()
    assert dialog.result() == 0 and "Nothing was deleted" in dialog.error.text()
    qtbot.keyClicks(dialog.typed, "delete")
    assert dialog.delete_button.isEnabled() and dialog.delete_button.isDefault()
    started = []
    monkeypatch.setattr(app_with_window, "start", lambda: started.append(True) or True)
    assert actions_data.delete_everything(session, None)
    assert profile.state() is ProfileState.NEW
    assert started == [True]  # back to first-run setup
    assert app_with_window.session is None


def test_the_plan_button_saves_a_pdf(qtbot, app_with_window, documents):
    section = data_section(qtbot, app_with_window)
    section.copies.setText("Sam Lee, my counsellor")
    section.leave_out["groups"].setChecked(True)
    assert plan.not_for_me(app_with_window.session.settings) == {"groups"}
    qtbot.mouseClick(section.plan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: section.plan_status.isVisible(), timeout=30000
    )  # drawn off the UI thread
    [made] = documents.glob("*.pdf")
    assert section.plan_status.text().startswith(
        f"Saved in your Documents folder as “{made.stem}”."
    )
    assert "/" not in section.plan_status.text()
    settings = app_with_window.session.settings
    assert settings.get(plan.COPIES_SETTING) == "Sam Lee, my counsellor"


def test_every_control_in_the_section_has_a_name_and_room(qtbot, app_with_window):
    from PySide6.QtWidgets import QAbstractButton, QLineEdit

    section = data_section(qtbot, app_with_window)
    for widget in section.findChildren(QAbstractButton) + section.findChildren(QLineEdit):
        if widget.isVisibleTo(section) and widget.objectName() != "qt_spinbox_lineedit":
            assert widget.accessibleName(), widget  # the date field's own edit is named above
    assert section.review.accessibleName()
    for widget in (section.backup_button, section.restore_button, section.delete_button):
        assert widget.sizeHint().height() >= 44


def test_delete_only_the_parent_views_data(qtbot, app_with_window, keyring_profile):
    from companion import contacts
    from companion.contacts import Person
    from ui import actions_data
    from ui.dialogs.delete_all import DeleteParentDataDialog

    session = app_with_window.session
    contacts.add_person(session.store, session.now(), Person(0, "Jo"))
    demo._parents(keyring_profile, session.now())
    folder = keyring_profile.profile.folder
    assert (folder / "parents.db").exists()
    section = data_section(qtbot, app_with_window)
    assert section.parents_button.isVisible()  # the parent view is on
    dialog = DeleteParentDataDialog()
    qtbot.addWidget(dialog)
    assert dialog.cancel_button.isDefault()  # Enter keeps it
    actions_data.delete_parent_view_data(session, None)
    assert not (folder / "parents.db").exists()
    assert contacts.count_people(session.store) == 1  # everything else stays
    assert "parent view's data is deleted" in app_with_window.window.status_line.text.text()


def test_cancel_leaves_no_backup_behind(qtbot, app_with_window, tmp_path, monkeypatch):
    import threading

    from PySide6.QtWidgets import QProgressDialog

    from companion import backup
    from ui import actions_data

    gate = threading.Event()
    real = backup.make_backup

    def held(unlocked, target, now, **kwargs):
        made = real(unlocked, target, now)
        gate.wait(10)  # until the test has pressed Cancel
        return made

    monkeypatch.setattr(backup, "make_backup", held)
    section = data_section(qtbot, app_with_window)
    results = []
    actions_data.back_up_now(app_with_window.session, section, tmp_path / "b", results.append)
    progress = section.findChildren(QProgressDialog)
    assert len(progress) == 1 and progress[0].labelText() == "Making a backup…"
    from PySide6.QtWidgets import QPushButton

    cancel = progress[0].findChild(QPushButton)
    assert cancel.text() == "Cancel"
    cancel.click()
    gate.set()
    qtbot.waitUntil(lambda: bool(results), timeout=10000)
    assert results == [None]
    assert not list(tmp_path.glob("b*"))


def test_restore_button_looks_inside_off_the_ui_thread_then_asks(
    qtbot, app_with_window, tmp_path, monkeypatch
):
    from companion import backup
    from ui.dialogs.restore import RestoreDialog
    from ui.widgets import files

    session = app_with_window.session
    saved = backup.make_backup(session.unlocked, tmp_path / "b.companion-backup", session.now())
    monkeypatch.setattr(files, "ask_open_path", lambda *a: saved)
    shown = []

    def exec_(dialog):
        shown.append(dialog)
        return RestoreDialog.DialogCode.Rejected  # the person thinks better of it

    monkeypatch.setattr(RestoreDialog, "exec", exec_)
    section = data_section(qtbot, app_with_window)
    qtbot.mouseClick(section.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert shown[0].review is not None and shown[0].review.ok
    assert app_with_window.session is session  # nothing changed


def test_no_heading_is_left_alone_at_the_foot_of_a_page(qapp, keyring_profile: Unlocked) -> None:
    from ui.reports.plan import plan_report

    demo.fill(keyring_profile, NOW)
    report = plan_report(plan.build_plan(keyring_profile.store, keyring_profile.settings, NOW))
    report.keep_headings_with_text()
    document = report.document
    height = document.pageSize().height()
    assert document.pageCount() > 1
    for number in report.headings:
        block = document.findBlockByNumber(number)
        following = block.next()
        top = block.layout().position().y() + block.layout().lineAt(0).y()
        first = (
            following.layout().position().y()
            + following.layout().lineAt(0).y()
            + following.layout().lineAt(0).height()
        )
        assert int(top // height) == int(first // height), block.text()


# --- the demo's recovery code --------------------------------------------------------------


@pytest.fixture
def demo_profile():
    from companion.profile import Profile

    profile = Profile.create_session()
    unlocked = profile.create("session")
    demo.fill(unlocked, NOW)
    yield unlocked
    unlocked.close()
    profile.discard()


def test_the_demo_has_a_recovery_code_that_sets_the_parent_password(demo_profile) -> None:
    from companion import parents
    from companion.parents_lock import ParentLockState, ParentVault

    code = demo.demo_recovery_code(demo_profile)
    assert code == demo.DEMO_RECOVERY_CODE
    vault = ParentVault.of(demo_profile)
    opened = vault.open()
    vault.set_password(opened, "kite string", code)  # asks for the recovery code, and takes it
    opened.lock()
    assert vault.state() is ParentLockState.PASSWORD
    again = vault.unlock_with_recovery_code(code.lower().replace("-", " "))
    assert [child.name for child in parents.children(again.store)] == ["Sam"]


def test_a_real_profile_filled_with_sample_data_keeps_its_own_code(keyring_profile) -> None:
    own = keyring_profile.recovery_code
    before = keyring_profile.profile.keyfile_path.read_bytes()
    demo.fill(keyring_profile, NOW)
    assert demo.demo_recovery_code(keyring_profile) is None
    assert keyring_profile.profile.keyfile_path.read_bytes() == before
    assert keyring_profile.profile.keys.open_with_recovery_code(own) == keyring_profile.data_key


def test_settings_shows_the_demos_recovery_code(qtbot, demo_profile) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.app import CompanionApp

    app = CompanionApp(QApplication.instance(), demo_profile.profile)
    app.auto_backups = False
    app.open_main_window(demo_profile, start_reminders=False)
    qtbot.addWidget(app.window)
    try:
        section = data_section(qtbot, app)
        assert section.demo_code.isVisibleTo(section)
        assert demo.DEMO_RECOVERY_CODE in section.demo_code.text()
        # kept in one piece and in order in a right-to-left sentence (Arabic showed the
        # letters before the digits: a code copied by hand from it opened nothing)
        assert f"\u2066{demo.DEMO_RECOVERY_CODE}\u2069" in section.demo_code.text()
        assert "parent view" in section.demo_code.text()
    finally:
        app.window._allow_close = True
        app.window.close()
        if app._qt_translator is not None:
            QApplication.instance().removeTranslator(app._qt_translator)
        app.gc.stop()


def test_settings_shows_no_sample_code_for_a_real_profile(qtbot, app_with_window) -> None:
    section = data_section(qtbot, app_with_window)
    assert not section.demo_code.isVisibleTo(section)


def test_the_demos_parent_password_dialog_has_the_code_filled_in_and_saves(
    qtbot, demo_profile
) -> None:
    from PySide6.QtWidgets import QApplication

    from ui import actions_parents
    from ui.app import CompanionApp
    from ui.dialogs.parents_password import ParentPasswordDialog

    app = CompanionApp(QApplication.instance(), demo_profile.profile)
    app.auto_backups = False
    app.open_main_window(demo_profile, start_reminders=False)
    qtbot.addWidget(app.window)
    try:
        assert actions_parents.access(app.session).open_if_free()  # as the settings card does
        dialog = ParentPasswordDialog(app.session, change=False, parent=app.window)
        qtbot.addWidget(dialog)
        assert dialog.code.text() == demo.DEMO_RECOVERY_CODE
        assert not dialog.is_dirty()  # Escape closes it without asking
        dialog.password.setText("kite string")
        dialog.again.setText("kite string")
        dialog.save()
        assert dialog.error.isHidden(), dialog.error.text()
        assert actions_parents.access(app.session).has_password()
    finally:
        app.window._allow_close = True
        app.window.close()
        if app._qt_translator is not None:
            QApplication.instance().removeTranslator(app._qt_translator)
        app.gc.stop()


def test_a_real_profiles_parent_password_dialog_asks_for_the_code(qtbot, app_with_window) -> None:
    from ui.dialogs.parents_password import ParentPasswordDialog

    dialog = ParentPasswordDialog(app_with_window.session, change=False)
    qtbot.addWidget(dialog)
    assert dialog.code.text() == ""


def test_the_plans_review_date_is_typed_in_words(qtbot, app_with_window):
    from datetime import date

    section = data_section(qtbot, app_with_window)
    settings = app_with_window.session.settings
    section.review.edit.setText("14 March 2027")
    section.review.edit.editingFinished.emit()
    assert plan.review_date(settings, date(2026, 12, 4)) == date(2027, 3, 14)
    assert "March" in section.review.edit.text()
    section.review.edit.setText("the thirty-third")
    section.review.edit.editingFinished.emit()
    assert not section.review.valid  # a plain word under the field; nothing changed
    assert plan.review_date(settings, date(2026, 12, 4)) == date(2027, 3, 14)


def test_back_up_now_from_today_shows_the_backups_at_the_top_with_focus(qtbot, app_with_window):
    from PySide6.QtCore import QPoint

    window = app_with_window.window
    window.resize(1366, 768)
    window.page("today")
    app_with_window.session.context.show_page.emit("settings", "data")
    section = window.page("settings").data_section
    qtbot.waitUntil(lambda: section.backup_button.hasFocus(), timeout=3000)
    scroll = window.page("settings").scroll
    top = section.data_card.mapTo(scroll.viewport(), QPoint(0, 0)).y()
    assert 0 <= top <= 40  # the "Your data" card at the top, not the plan below it
    assert in_sight(section.backup_button) and in_sight(section.data_title)


def test_settings_says_where_the_data_is_in_words_with_the_path_on_request(qtbot, app_with_window):
    window = app_with_window.window
    qtbot.mouseClick(window.nav_buttons["settings"], Qt.MouseButton.LeftButton)
    page = window.page("settings")
    section = page.data_section
    folder = str(app_with_window.session.unlocked.profile.folder)
    for words in (page.where.text(), section.auto_note.text()):
        assert "/" not in words and "on this computer" in words
    assert page.where.toolTip() == folder
    assert section.folder_button.isVisible() and section.folder_button.toolTip().startswith(folder)


def test_the_file_chooser_fits_the_screen_and_starts_in_documents(qtbot, qapp, documents):
    from PySide6.QtWidgets import QFileDialog

    from ui.widgets import files

    dialog = files._dialog(None, "Where should the backup go?", documents, "Backups (*.b)")
    qtbot.addWidget(dialog)
    room = dialog.screen().availableGeometry()
    assert dialog.width() <= room.width() and dialog.height() <= room.height()
    assert dialog.width() >= room.width() * 0.8  # room for large text
    assert dialog.viewMode() == QFileDialog.ViewMode.List
    assert dialog.labelText(QFileDialog.DialogLabel.LookIn) == "Folder:"
    assert Path(dialog.directory().absolutePath()) == documents
    assert files.free_path(documents, "a.b") == documents / "a.b"
    (documents / "a.b").write_text("")
    assert files.free_path(documents, "a.b") == documents / "a (2).b"


def test_save_everything_goes_to_documents_and_can_be_moved(
    qtbot, app_with_window, documents, tmp_path, monkeypatch
):
    from ui.dialogs.backup_export import ExportWarningDialog
    from ui.widgets import files

    monkeypatch.setattr(ExportWarningDialog, "exec", lambda self: self.DialogCode.Accepted)
    section = data_section(qtbot, app_with_window)
    qtbot.mouseClick(section.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: section.note.isVisible(), timeout=10000)
    [folder] = [p for p in documents.iterdir() if p.is_dir()]
    assert (folder / "people.vcf").is_file()
    words = section.status.text()
    assert words.startswith(f"Saved in your Documents folder as “{folder.name}”.")
    assert "not encrypted" in words and "/" not in words
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(files, "ask_folder", lambda *a: usb)
    qtbot.mouseClick(section.note.elsewhere_button, Qt.MouseButton.LeftButton)
    assert (usb / folder.name / "people.vcf").is_file() and not folder.exists()
    assert section.status.text().startswith(f"Saved in the folder “usb” as “{folder.name}”.")


# --- the dialog footer (every dialog's buttons) ---------------------------------------------


def test_a_dialogs_main_button_keeps_its_words_on_one_line_when_there_is_room(
    qtbot, app_with_window
):
    from ui.dialogs.backup_export import ExportWarningDialog

    app_with_window.set_text_scale(200)
    dialog = ExportWarningDialog(app_with_window.window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    go = dialog.go_button
    one_line = go.heightForWidth(10_000)
    # "Save in my Documents folder" on one line, not folded in three in a wide dialog
    assert go.height() == one_line < go.heightForWidth(go.sizeHint().width())
    assert not go.geometry().intersects(dialog.cancel_button.geometry())
    assert dialog.rect().contains(go.geometry().translated(go.parentWidget().pos()))


def test_a_dialogs_footer_gives_each_button_the_height_its_words_need(qtbot, app_with_window):
    """Seen in Arabic at 200%: a button's hint said two lines where its words took three, and
    the footer believed the hint, so the last line was cut off."""
    from PySide6.QtCore import QSize

    from ui.dialogs.shell import DialogShell
    from ui.widgets.common import WrapButton

    class ShortHint(WrapButton):
        def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
            return QSize(200, 44)  # one line's height, at a width where the words take three

    app_with_window.set_text_scale(200)
    dialog = DialogShell("Save", app_with_window.window)
    qtbot.addWidget(dialog)
    lying = ShortHint("Save every single thing in my Documents folder now")
    dialog.buttons.addWidget(lying)
    dialog.add_button("Cancel", dialog.reject)
    dialog.show()
    qtbot.waitExposed(dialog)
    for width in (dialog.width(), 420):
        dialog.resize(width, dialog.height())
        qtbot.waitUntil(lambda w=width: dialog.width() == w)
        dialog.layout().activate()
        buttons = [b for b in dialog.findChildren(WrapButton) if b.isVisible()]
        assert len(buttons) == 2
        for shown in buttons:
            assert shown.height() >= shown.heightForWidth(shown.width())
            assert shown.geometry().right() < dialog.width()
        assert not buttons[0].geometry().intersects(buttons[1].geometry())
    assert lying.height() > 44  # narrow: its words wrap and it grows with them


def test_delete_all_names_the_key_where_it_really_is(qtbot, passphrase_profile, keyring_profile):
    """A password profile has no key in the computer's password store: the list said so."""
    from types import SimpleNamespace

    from ui.dialogs.delete_all import what_goes

    profile, _code = passphrase_profile
    unlocked = profile.unlock_with_passphrase("correct horse battery")
    try:
        with_password = what_goes(SimpleNamespace(unlocked=unlocked))
    finally:
        unlocked.close()
    assert "Your settings, and the key that your password opens" in with_password
    assert not any("password store" in line for line in with_password)
    in_the_store = what_goes(SimpleNamespace(unlocked=keyring_profile))
    assert "Your settings, and the key in your computer's password store" in in_the_store


def test_settings_ends_with_its_last_card_not_a_screenful_of_nothing(qtbot, app_with_window):
    """At 200% the page went on ~900 px past "A short tour": the least heights of Your data's
    wrapping words, each measured at its narrowest, made the page that much taller."""
    from PySide6.QtWidgets import QWidget

    from ui.widgets.common import SPACING

    app = app_with_window
    app.window.resize(1280, 720)
    app.set_text_scale(200)
    app.window.show()
    qtbot.waitExposed(app.window)
    section = data_section(qtbot, app)
    page = app.window.page("settings")
    inner = page.scroll.widget()
    qtbot.waitUntil(lambda: section.height() > 0)

    def empty_below() -> int:
        shown = [w for w in inner.findChildren(QWidget) if w.isVisible() and w.height() > 0]
        lowest = max(w.mapTo(inner, w.rect().bottomLeft()).y() for w in shown)
        return inner.height() - lowest

    # what made the page too tall: a least height above the height it needs at its width
    assert section.minimumSizeHint().height() <= section.heightForWidth(section.width())
    qtbot.waitUntil(lambda: empty_below() <= 4 * SPACING + 8)
