"""Fixtures for the Qt tests: offscreen, a fast key derivation, and ready-made profiles."""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
from keyring.backend import KeyringBackend  # noqa: E402

from companion import i18n  # noqa: E402
from companion.keys import KeyringVault  # noqa: E402
from companion.profile import Profile, Unlocked  # noqa: E402
from tests.core.helpers import python_prints  # noqa: E402, F401 - shared with the UI tests
from ui.background import wait_for_background  # noqa: E402


class NoKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]
    viable = False

    def get_password(self, service: str, username: str) -> str | None:
        from keyring.errors import KeyringLocked

        raise KeyringLocked("locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        from keyring.errors import KeyringLocked

        raise KeyringLocked("locked")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyError(username)


@pytest.fixture(autouse=True)
def english_first() -> Iterator[None]:
    i18n.set_language("en")
    i18n.set_region(None)
    yield
    i18n.set_language("en")
    i18n.set_region(None)
    wait_for_background()
    # What a test left behind is collected here, between tests, as the app's own gc_guard
    # collects when the window is idle: left to Python's automatic collection, a widget of an
    # earlier test was freed in the middle of a later one's Qt call, and the run crashed
    # (a segmentation fault in QDialog's constructor in test_titles, once in a CI run).
    gc.collect()


@pytest.fixture
def vault(fake_vault: KeyringVault) -> KeyringVault:
    """The in-memory keyring from tests/conftest.py, under the name these tests use."""
    return fake_vault


@pytest.fixture
def new_profile(tmp_path: Path, vault: KeyringVault) -> Profile:
    return Profile(tmp_path / "profile", vault)


@pytest.fixture
def passphrase_profile(tmp_path: Path, vault: KeyringVault) -> Iterator[tuple[Profile, str]]:
    profile = Profile(tmp_path / "locked-profile", vault)
    unlocked = profile.create("passphrase", "correct horse battery")
    assert unlocked.recovery_code
    code = unlocked.recovery_code
    unlocked.close()
    yield profile, code


@pytest.fixture
def keyring_profile(new_profile: Profile) -> Iterator[Unlocked]:
    unlocked = new_profile.create("keyring")
    yield unlocked
    unlocked.close()


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


@pytest.fixture
def app_with_window(qtbot, keyring_profile: Unlocked):
    """The app as a person sees it after start-up, on a keyring profile."""
    from PySide6.QtWidgets import QApplication

    from ui.app import CompanionApp

    keyring_profile.settings.set("user_name", "Margaret")
    keyring_profile.settings.set("recovery_code_kept", True)
    app = CompanionApp(QApplication.instance(), keyring_profile.profile)
    app.auto_backups = False  # the tests of backups start them themselves
    app.open_main_window(keyring_profile)
    qtbot.addWidget(app.window)
    yield app
    close_app(app)


@pytest.fixture
def demo_window(qtbot, keyring_profile: Unlocked, monkeypatch):
    """The app after start-up as the demo shows it (with the sample's line), its window shown."""
    from PySide6.QtWidgets import QApplication

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
    close_app(app)


def close_app(app: Any) -> None:
    """Take an app made by a test apart, leaving the shared QApplication as it found it."""
    from PySide6.QtWidgets import QApplication

    app.window._allow_close = True
    app.window.close()
    if app._qt_translator is not None:  # Qt's own translator lives in the shared QApplication
        QApplication.instance().removeTranslator(app._qt_translator)
    if getattr(app, "notifier", None) is not None:
        app.notifier.close()
    if getattr(app, "scheduler", None) is not None:
        app.scheduler.stop()
    app.gc.stop()  # Python collects as usual between tests
    app.profile.preferences.set("text_scale", 100)
    app.profile.preferences.set("high_contrast", False)
    app.apply_theme()


@pytest.fixture
def large_text():
    """200% text, as an 80-year-old might have it; back to 100% after."""
    from PySide6.QtWidgets import QApplication

    from ui import theme

    app = QApplication.instance()
    theme.apply(app, scale_percent=200, high_contrast=False)
    yield
    theme.apply(app, scale_percent=100, high_contrast=False)


def in_sight(scroll: Any, widget: Any) -> bool:
    """Wholly inside what the scroll area shows now."""
    from PySide6.QtCore import QPoint, QRect

    viewport = scroll.viewport()
    rect = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
    return widget.isVisible() and viewport.rect().contains(rect)


def to_the_recovery_step(qtbot: Any, dialog: Any) -> None:
    """Setup on the password path, from the protection step to the recovery code."""
    from PySide6.QtCore import Qt

    from ui.dialogs.setup import SetupDialog

    dialog.show_step(SetupDialog.PROTECTION)
    dialog.passphrase_fields.first.setText("apple tree river")
    dialog.passphrase_fields.second.setText("apple tree river")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.current_step() == SetupDialog.RECOVERY, timeout=10000)


# --- the layout probes run beside the other tests (tests/ui/test_layout.py) -------------------

LAYOUT_TEST = "test_every_page_and_dialog_fits_the_screen"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The layout test waits for probes that run beside all the others: it comes last."""
    items.sort(key=lambda item: getattr(item, "originalname", "") == LAYOUT_TEST)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the layout probes the session will test, in the background, at once."""
    items = [i for i in session.items if getattr(i, "originalname", "") == LAYOUT_TEST]
    if items and not session.config.option.collectonly:
        module = items[0].module  # type: ignore[attr-defined]
        session.config.stash[layout_module] = module
        module.start_in_background([item.callspec.params["size"] for item in items])


def pytest_sessionfinish(session: pytest.Session) -> None:
    module = session.config.stash.get(layout_module, None)
    if module is not None:
        module.stop_background()


layout_module = pytest.StashKey[object]()
