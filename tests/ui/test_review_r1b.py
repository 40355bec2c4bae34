"""Review r1b (issue #9): small mends on Today, the sample's line and the self-check chart, as
they look at 200% text, in German and in Arabic."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget


def on_screen(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


@pytest.fixture
def demo_window(qtbot, keyring_profile, monkeypatch):
    """The app after start-up, as the demo shows it (with the sample's line)."""
    from ui import actions_data
    from ui.app import CompanionApp

    monkeypatch.setattr(actions_data, "is_demo", lambda _session: True)
    keyring_profile.settings.set("user_name", "Margaret")
    keyring_profile.settings.set("recovery_code_kept", True)
    app = CompanionApp(QApplication.instance(), keyring_profile.profile)
    app.auto_backups = False
    app.open_main_window(keyring_profile)
    qtbot.addWidget(app.window)
    app.window.activateWindow()
    qtbot.waitExposed(app.window)
    yield app
    app.window._allow_close = True
    app.window.close()
    if app._qt_translator is not None:
        QApplication.instance().removeTranslator(app._qt_translator)
    if getattr(app, "notifier", None) is not None:
        app.notifier.close()
    if getattr(app, "scheduler", None) is not None:
        app.scheduler.stop()
    app.gc.stop()
    app.profile.preferences.set("text_scale", 100)
    app.profile.preferences.set("high_contrast", False)
    app.apply_theme()


# --- the sample's line -----------------------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_samples_line_keeps_its_button_beside_the_words_at_200(qtbot, demo_window, language):
    """In German at 200% on a 1280×720 screen 'Über dieses Beispiel' went to a row of its own
    under 'Dies sind Beispieldaten.', and the strip above every page grew by a row. The words
    wrap beside the button now, every word and the whole button in sight."""
    app = demo_window
    window = app.window
    app.set_language(language)
    app.set_text_scale(200)
    window.resize(1280, 720)
    window.show_page("today")
    settle()
    bar = window.top_bar
    assert bar is not None
    words, about = bar.words, bar.about_button
    qtbot.waitUntil(lambda: words.width() > 0 and about.width() > 0)
    settle()
    middle = on_screen(about).center().y()
    assert on_screen(words).top() <= middle <= on_screen(words).bottom()  # one row
    assert words.height() >= words.heightForWidth(words.width())  # every word shows
    assert about.width() >= about.sizeHint().width()  # the button whole
    assert not on_screen(words).intersects(on_screen(about))
    assert on_screen(bar).contains(on_screen(about))
    # No taller than the button or two lines of words, whichever is more, and its margin.
    two_lines = 2 * words.fontMetrics().lineSpacing() + 4
    assert bar.height() <= max(about.height(), two_lines) + 2 * 8 + 4
