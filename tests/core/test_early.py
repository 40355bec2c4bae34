"""The key read beside Qt's start by a child process (companion.early.KeyFromChild).

The cases that make a child run in a Python process of their own: the test process has
threads (and Qt), where no child is made, on purpose."""

from __future__ import annotations

import os
import sys
import textwrap

import pytest

from companion.early import KeyFromChild
from tests.core.helpers import python_prints

needs_a_child = pytest.mark.skipif(
    not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
    reason="a child is made only on Linux with a second core",
)


def _fresh(body: str) -> str:
    start = "import os, sys, threading\nfrom companion import errors\n"
    start += "from companion.early import KeyFromChild\n"
    return python_prints(start + textwrap.dedent(body)).strip()


@needs_a_child
def test_the_key_is_read_by_another_process_and_comes_back_whole() -> None:
    said = _fresh(
        """
        parent = os.getpid()
        key = KeyFromChild(lambda: os.getpid().to_bytes(8, "big") + bytes(range(24)))
        found = key.result()
        print(int.from_bytes(found[:8], "big") != parent, found[8:] == bytes(range(24)))
        """
    )
    assert said == "True True"


@needs_a_child
def test_what_the_person_would_be_told_comes_back_unchanged() -> None:
    """A locked keyring is said once, from the child's answer: never asked about twice."""
    said = _fresh(
        """
        def locked():
            raise errors.KeyringUnavailable("Your computer's password store is locked, né.")
        try:
            KeyFromChild(locked).result()
        except errors.KeyringUnavailable as error:
            print(type(error).__name__, "|", error.message)
        """
    )
    assert said == "KeyringUnavailable | Your computer's password store is locked, né."


@needs_a_child
def test_anything_else_in_the_child_leaves_the_reading_to_the_window() -> None:
    said = _fresh(
        """
        def broken():
            raise ValueError("a bug")
        def killed():
            os._exit(3)
        print(KeyFromChild(broken).result(), KeyFromChild(killed).result())
        """
    )
    assert said == "None None"


@needs_a_child
def test_a_child_only_before_any_thread_and_before_qt() -> None:
    said = _fresh(
        """
        before = KeyFromChild.can_fork()
        stop = threading.Event()
        beside = threading.Thread(target=stop.wait)
        beside.start()
        with_a_thread = KeyFromChild.can_fork()
        stop.set()
        beside.join()
        import PySide6
        print(before, with_a_thread, KeyFromChild.can_fork())
        """
    )
    assert said == "True False False"


def test_where_no_child_is_made_the_result_is_none_at_once(monkeypatch) -> None:
    """The caller then reads the key itself (here: Qt is loaded, as in any UI test)."""
    monkeypatch.setitem(sys.modules, "PySide6", sys.modules.get("PySide6") or object())
    assert KeyFromChild(lambda: b"never read").result() is None
