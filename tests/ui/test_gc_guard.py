"""The cycle collector: on the UI thread, cheap once things have settled, never while typing."""

from __future__ import annotations

import gc
import time
import weakref
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from ui import gc_guard
from ui.gc_guard import CollectOnUiThread


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cycle collector frees it


@pytest.fixture
def guard(qapp: QApplication) -> Iterator[CollectOnUiThread]:
    made = CollectOnUiThread()
    try:
        yield made
    finally:
        made.stop()
        made.deleteLater()


def test_automatic_collection_is_off_and_comes_back(guard: CollectOnUiThread) -> None:
    assert not gc.isenabled()
    guard.stop()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_what_is_new_is_freed_but_settled_things_are_not_walked(guard: CollectOnUiThread) -> None:
    old = Node()
    guard.settle()
    assert gc.get_freeze_count() > 0  # the session's objects are out of the walk
    settled = weakref.ref(old)
    del old
    new = Node()
    fresh = weakref.ref(new)
    del new
    guard.collect_new()
    assert fresh() is None  # garbage made since is freed as before
    assert settled() is not None  # a frozen cycle waits (the trade-off)...
    guard.collect()  # ...until the session ends or locks
    assert settled() is None


def test_the_full_collection_waits_while_the_person_is_typing(
    guard: CollectOnUiThread, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(guard, "collect_new", lambda: calls.append("new"))
    monkeypatch.setattr(guard, "collect", lambda: calls.append("deep"))
    guard._when_idle()  # due: the input watcher starts, nothing is known yet
    assert guard.watcher is not None
    assert calls == []
    assert guard.full.isActive()
    assert guard.full.remainingTime() <= gc_guard.IDLE_SECONDS * 1000 * 1.1

    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()  # a window shown after the watcher started (a dialog, say) counts too
    qtbot.waitExposed(field)
    field.activateWindow()
    field.setFocus()
    guard.watcher.last_input = time.monotonic() - 60
    window = field.windowHandle()
    assert window is not None
    guard.watcher.watch(window)  # as when it gets the keyboard (focusWindowChanged)
    QTest.keyClick(window, Qt.Key.Key_A)
    assert field.text() == "a"  # the key went on to the field
    assert guard.idle_seconds() < 1  # and was noticed
    guard._when_idle()
    assert calls == []  # still typing: it waits

    guard.watcher.last_input = time.monotonic() - gc_guard.IDLE_SECONDS - 1
    guard._when_idle()
    assert calls == ["new"]
    assert guard.full.remainingTime() > gc_guard.IDLE_SECONDS * 1000  # next one in 2 minutes

    guard.watcher.last_input = time.monotonic() - gc_guard.IDLE_SECONDS - 1
    guard.last_deep = time.monotonic() - gc_guard.DEEP_EVERY_MS / 1000 - 1
    guard._when_idle()
    assert calls == ["new", "deep"]  # now and then the frozen ones are walked too


def test_long_work_ending_leaves_what_is_frozen_frozen(guard: CollectOnUiThread) -> None:
    guard.settle()
    settled = gc.get_freeze_count()
    made = [[n] for n in range(3000)]  # what long work made, frozen by ui.ops as it ran
    gc.freeze()
    gc_guard.after_long_work()
    assert gc.get_freeze_count() >= settled + len(made)  # nothing let go...
    assert len(gc.get_objects()) < len(made)  # ...so the next idle walk is short


def test_without_the_guard_long_work_leaves_nothing_frozen(guard: CollectOnUiThread) -> None:
    guard.stop()  # automatic collection on: no one would ever walk what stays frozen
    gc.freeze()
    assert gc.get_freeze_count() > 0
    gc_guard.after_long_work()
    assert gc.get_freeze_count() == 0
