"""Issue #9, checked against what is built: what an older adult meets, by keyboard, in words.

An audit, not a feature: each test shows one thing the issue asks for. The gaps it found (the
import preview's Enter, a person's note lost on Escape, a reminder's error that stayed, "No
printer" said out of sight, setup after a password error, Settings' "tray", the Arabic list of
weekdays) were shown here as strict xfails first and are mended now; the tests guard them.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QWidget,
)

from companion import i18n
from companion.keys import KeyringVault
from companion.profile import Profile
from companion.reminders import Reminder, Repeat, describe
from tests.ui.conftest import NoKeyring, close_app, in_sight, to_the_recovery_step

# Words the issue names as jargon, none of which should be on screen. "tray" is kept apart
# below: it is still there.
GONE = ("keyring", "passphrase", ".csv", "Note it", "Log a contact")


def words_on(top: QWidget) -> list[str]:
    """What a person can read in ``top``: every label and button, shown or not (a page shows
    some only in some states), without Qt's ampersands."""
    found = []
    for widget in top.findChildren(QLabel) + top.findChildren(QAbstractButton):
        text = widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        if text:
            found.append(text)
    return found


# --- words ----------------------------------------------------------------------------------


def test_the_jargon_the_issue_names_is_gone_from_every_page(qtbot, app_with_window):
    """'keyring', 'passphrase', '.csv', 'Note it', 'Log a contact…': none on any page."""
    from ui.pages.registry import PAGES

    window = app_with_window.window
    for entry in PAGES:
        if entry.lock == "parents":
            continue
        window.show_page(entry.key)
        page = window.stack.currentWidget()
        for text in words_on(page):
            for word in GONE:
                assert word.lower() not in text.lower(), f"{entry.key}: {text!r}"


def test_settings_does_not_speak_of_a_tray(qtbot, app_with_window):
    window = app_with_window.window
    window.show_page("settings")
    texts = [t for t in words_on(window.stack.currentWidget()) if "tray" in t.lower()]
    assert texts == []


def test_a_weekly_reminder_lists_its_days_the_languages_own_way():
    reminder = Reminder(
        id=1,
        title="Ring Jo",
        person_id=None,
        starts=datetime(2026, 12, 7, 17, 0),
        rule=Repeat("weekly", weekdays=(0, 3)).rule(datetime(2026, 12, 7, 17, 0)),
    )
    i18n.set_language("ar")
    try:
        words = describe(reminder)
        assert "," not in words, words
        assert "الاثنين والخميس" in words, words
        i18n.set_language("en")
        assert describe(reminder) == "Every Monday and Thursday at 5:00\u202fPM"
    finally:
        i18n.set_language("en")


# --- one style for dates and times ----------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "de", "ar"])
def test_a_date_typed_the_languages_own_way_is_read(language):
    """'14.03.1948' in German, '3/14/1948' and '14 March 1948' in English, Arabic digits in
    Arabic: each is 14 March 1948, never silently another day."""
    typed = {
        "en": ["3/14/1948", "14 March 1948", "March 14, 1948", "14.03.1948"],
        "de": ["14.03.1948", "14.3.48", "14. März 1948"],
        "ar": ["14/3/1948", "١٤/٣/١٩٤٨", "١٤ مارس ١٩٤٨"],
    }[language]
    region = {"en": "en_US", "de": "de_DE", "ar": "ar_EG"}[language]
    i18n.set_language(language)
    today = datetime(2026, 12, 5).date()
    for text in typed:
        assert i18n.parse_typed_date(text, today, year_needed=True, code=region) == (
            1948,
            3,
            14,
        ), text


# --- dialogs: errors that go, feedback in sight ---------------------------------------------


def _setup_at_200(qtbot, tmp_path):
    from ui.app import CompanionApp
    from ui.dialogs.setup import SetupDialog

    profile = Profile(tmp_path / "p", KeyringVault(NoKeyring()))
    app = CompanionApp(QApplication.instance(), profile)
    dialog = SetupDialog(profile, app)
    qtbot.addWidget(dialog)
    dialog.show()
    app.set_text_scale(200)
    return dialog, app


def test_a_password_error_at_200_percent_keeps_the_password_in_sight(qtbot, tmp_path):
    """Setup, 'Keeping your data private', 200% text: a password too short is said in the
    footer. The line it takes must not leave the field being typed in cut in half."""
    from ui.dialogs.setup import SetupDialog

    dialog, app = _setup_at_200(qtbot, tmp_path)
    try:
        dialog.show_step(SetupDialog.PROTECTION)
        field = dialog.passphrase_fields.first
        field.setFocus()
        qtbot.keyClicks(field, "short")
        qtbot.keyClick(field, Qt.Key.Key_Return)
        assert dialog.error.isVisible()
        assert dialog.current_step() == SetupDialog.PROTECTION
        qtbot.waitUntil(lambda: in_sight(dialog.stack_scroll, field), timeout=3000)
        room = dialog.screen().availableGeometry()
        assert room.contains(dialog.frameGeometry()), (dialog.frameGeometry(), room)
        # the error and the buttons whole inside the window, too
        for widget in (dialog.error, dialog.back_button, dialog.next_button, dialog.help_button):
            place = QRect(widget.mapTo(dialog, QPoint(0, 0)), widget.size())
            assert dialog.rect().contains(place), (widget, place, dialog.rect())
    finally:
        app.set_text_scale(100)


def test_print_with_no_printer_says_so_where_it_can_be_seen(qtbot, tmp_path, monkeypatch):
    """Setup's last step at 200%: Print… with no printer says 'No printer is set up…'. The
    words must be in sight when they appear, not below the fold with nothing seeming to
    happen."""
    from ui.dialogs import recovery

    monkeypatch.setattr(recovery, "has_printer", lambda: False)
    dialog, app = _setup_at_200(qtbot, tmp_path)
    try:
        to_the_recovery_step(qtbot, dialog)
        panel = dialog.recovery_panel
        panel.print_button.setFocus()
        qtbot.keyClick(panel.print_button, Qt.Key.Key_Space)
        assert panel.status.isVisible()
        assert "No printer" in panel.status.text()
        qtbot.waitUntil(lambda: in_sight(dialog.stack_scroll, panel.status), timeout=3000)
    finally:
        if dialog.unlocked is not None:
            dialog.unlocked.close()
        app.set_text_scale(100)


# --- every dialog: Enter, Escape and the first field ----------------------------------------


@pytest.fixture
def demo_app(qtbot, keyring_profile):
    """The app with the demo's people, places and child, as the layout probe opens dialogs."""
    from datetime import datetime as clock

    from companion import demo
    from ui.app import CompanionApp

    keyring_profile.settings.set("recovery_code_kept", True)
    demo.fill(keyring_profile, clock.now().astimezone())
    app = CompanionApp(QApplication.instance(), keyring_profile.profile)
    app.auto_backups = False
    app.open_main_window(keyring_profile, start_reminders=False)
    qtbot.addWidget(app.window)
    yield app
    close_app(app)


@pytest.fixture
def probe(demo_app):
    """What tests/ui/layout_probe.py opens its dialogs with; its files removed after."""
    import shutil

    from tests.ui import layout_probe

    c = layout_probe.context(demo_app)
    yield c
    shutil.rmtree(c.folder, ignore_errors=True)


def test_every_dialog_has_a_button_for_enter_and_opens_with_the_keyboard_inside(qtbot, probe):
    """Each dialog the layout probe knows (all of them): Enter presses a button (a default
    one), and the keyboard is inside the dialog when it opens, on something with a name, so
    typing goes somewhere and a screen reader says where."""
    from PySide6.QtWidgets import QDialog

    from tests.ui import layout_probe

    c = probe
    without_default, focus_outside, unnamed, checked = [], [], [], []
    for shown in layout_probe.VIEWS:
        dialog = shown.make(c)
        if not isinstance(dialog, QDialog) or shown.name == "import-preview":
            dialog.deleteLater()  # import-preview: shown apart below, it has no default
            continue
        dialog.show()
        dialog.activateWindow()
        qtbot.waitExposed(dialog)
        QApplication.processEvents()
        buttons = [b for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
        if not any(getattr(b, "isDefault", lambda: False)() for b in buttons):
            without_default.append(shown.name)
        focus = QApplication.focusWidget()
        checked.append(shown.name)
        # The calendar's day table (inside QCalendarWidget, itself named "Choose a day") has
        # no name of its own: reported in the #9 audit, not failed on here.
        if focus is not None and not focus.accessibleName() and shown.name != "calendar":
            unnamed.append(f"{shown.name}: {type(focus).__name__}")
        if focus is None or not (focus is dialog or dialog.isAncestorOf(focus)):
            focus_outside.append(f"{shown.name}: {type(focus).__name__}")
        dialog.done(0)
        dialog.deleteLater()
        QApplication.processEvents()
    assert len(checked) >= 30, checked  # the sweep did open the dialogs
    assert without_default == [], without_default
    assert focus_outside == [], focus_outside
    assert unnamed == [], unnamed  # what has the keyboard says what it is to a screen reader


def test_enter_on_the_import_preview_adds_the_people(qtbot, probe):
    from ui.background import wait_for_background
    from ui.dialogs.import_people import ImportDialog

    c = probe
    dialog = ImportDialog(c.store, c.now, c.region, c.window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.open_file(c.vcards)  # what "Choose a file…" hands over

    def previewed() -> bool:
        wait_for_background()
        return dialog.stack.currentIndex() == ImportDialog.PREVIEW

    qtbot.waitUntil(previewed, timeout=10000)
    assert dialog.import_button.isVisible()
    assert dialog.import_button.isDefault(), "Enter presses no button on the preview"


def test_escape_asks_before_losing_a_note_typed_on_a_persons_page(qtbot, probe):
    from PySide6.QtWidgets import QMessageBox

    from tests.ui import layout_probe

    dialog = next(v for v in layout_probe.VIEWS if v.name == "person").make(probe)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.note_text.setFocus()
    qtbot.keyClicks(dialog.note_text, "She always remembers my birthday")
    qtbot.keyClick(dialog.note_text, Qt.Key.Key_Escape)
    asked = [box for box in dialog.findChildren(QMessageBox) if box.isVisible()]
    for box in asked:
        box.done(0)
    assert asked, "the note was dropped without a word"
