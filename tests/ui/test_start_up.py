"""Start-up work moved after the first paint still happens, and buttons keep their look."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from ui import theme
from ui.widgets.common import button, set_role


def test_auto_lock_set_before_start_watches_once_the_window_has_painted(qtbot, keyring_profile):
    """The idle watcher waits for the first frame, then the auto-lock works as before."""
    from ui.app import CompanionApp
    from ui.widgets import wheel_guard

    keyring_profile.settings.set("auto_lock_minutes", 5)
    app = CompanionApp(QApplication.instance(), keyring_profile.profile)
    app.auto_backups = False
    app.open_main_window(keyring_profile)
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: app.idle is not None and app.lock_timer.isActive())
    assert wheel_guard._guard is not None  # the wheel never turns a choice by accident
    app.idle.last_input -= 6 * 60
    app._check_idle()
    assert app.context.locked
    app.window._allow_close = True
    app.window.close()
    app.gc.stop()  # Python collects as usual between tests


def caption_look(widget) -> tuple[str, int]:
    caption = widget._caption
    return caption.palette().color(caption.foregroundRole()).name().upper(), caption.font().weight()


def test_a_buttons_words_follow_its_role_and_whether_it_can_be_pressed(qtbot):
    """Primary words are light on the accent and bold; words of a button that can't be
    pressed are muted; a button made primary later, or enabled again, changes with it."""
    palette = theme.apply(QApplication.instance(), scale_percent=100, high_contrast=False)
    page = QWidget()
    column = QVBoxLayout(page)
    primary, plain, later = button("Save", "primary"), button("Cancel"), button("Later")
    for widget in (primary, plain, later):
        column.addWidget(widget)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert caption_look(primary) == (palette.on_accent.upper(), 600)
    assert caption_look(plain) == (palette.text.upper(), 400)

    set_role(later, "primary")
    assert caption_look(later) == (palette.on_accent.upper(), 600)
    primary.setEnabled(False)
    assert caption_look(primary)[0] == palette.muted.upper()
    page.setEnabled(False)  # a whole page greyed out greys its buttons' words too
    assert caption_look(plain)[0] == palette.muted.upper()
    page.setEnabled(True)
    primary.setEnabled(True)
    assert caption_look(plain) == (palette.text.upper(), 400)
    assert caption_look(primary) == (palette.on_accent.upper(), 600)
