"""Every window's title bar reads "{what} – Companion", like the main window's, in every
language: Qt added " — Companion" with a longer dash to dialogs, and in Arabic put Companion
first; the locked window read "Companion is locked — Companion"."""

from __future__ import annotations

from companion import i18n
from ui.dialogs.shell import DialogShell, unsaved_question
from ui.pages.help import HelpDialog


def test_a_dialog_title_reads_like_the_main_windows(qtbot):
    dialog = DialogShell("Add someone")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Add someone – Companion"  # ends with the name: Qt adds nothing
    assert "“Add someone”" in unsaved_question(dialog)  # named by its own words
    help_dialog = HelpDialog("GB")
    qtbot.addWidget(help_dialog)
    assert help_dialog.windowTitle() == "Get help – Companion"


def test_in_arabic_the_title_reads_from_the_right(qtbot):
    i18n.set_language("ar")
    try:
        dialog = DialogShell("إضافة شخص")
        qtbot.addWidget(dialog)
        title = dialog.windowTitle()
        assert title.startswith("\u200f")  # a right-to-left title: the dialog's words first
        assert "\u2068إضافة شخص\u2069" in title
        assert title.endswith("Companion")
    finally:
        i18n.set_language("en")
