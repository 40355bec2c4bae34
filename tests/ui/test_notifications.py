"""Desktop notifications: over D-Bus when a notification service is there, banner-only otherwise."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.notify import Notifier

HERE = Path(__file__).resolve().parent


def session_bus() -> bool:
    return bool(os.environ.get("DBUS_SESSION_BUS_ADDRESS"))


def test_without_dbus_service_or_tray_it_falls_back_to_the_banner_only(qtbot):
    notifier = Notifier(tray=None)
    if notifier.method == "dbus":
        pytest.skip("this desktop has a real notification service")
    assert notifier.method == "none"
    assert notifier.show("1@x", "Companion", "Call Mum") == "none"


def test_dbus_notification_with_done_button(qtbot, tmp_path):
    if not session_bus():
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run under a D-Bus session (tools/with-test-keyring)")
        pytest.skip("no D-Bus session bus")
    log = tmp_path / "notify.json"
    service = subprocess.Popen(
        [sys.executable, str(HERE / "fake_notifications.py"), str(log)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert service.stdout is not None and service.stdout.readline().strip() == "ready"
        notifier = Notifier(tray=None)
        assert notifier.method == "dbus"
        with qtbot.waitSignal(notifier.action, timeout=10000) as pressed:
            assert notifier.show("3@2026-11-22T17:00", "Companion", "Call Mum") == "dbus"
        assert pressed.args == ["3@2026-11-22T17:00", "done"]
        sent = json.loads(log.read_text(encoding="utf-8"))
        assert sent["body"] == "Call Mum"
        assert sent["actions"][:4] == ["done", "Done", "snooze", "Snooze 10 minutes"]
    finally:
        service.terminate()
        service.wait(timeout=10)
