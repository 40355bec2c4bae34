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


@needs_a_child
def test_after_the_key_the_child_works_out_more_and_it_comes_back_once() -> None:
    """Today's first screen: worked out by the child from the key it read."""
    said = _fresh(
        """
        key = KeyFromChild(lambda: b"k" * 32, then=lambda found: b"%d " % os.getpid() + found)
        assert key.result() == b"k" * 32
        pid, found = key.then_result(wait=30).split(b" ")
        print(int(pid) != os.getpid(), found == b"k" * 32, key.then_result(wait=30))
        """
    )
    assert said == "True True None"


@needs_a_child
def test_more_is_never_waited_for_and_a_failure_there_gives_none() -> None:
    """Not there yet when the window asks: None at once (the window works it out itself);
    the child is waited for all the same, so none is left behind."""
    said = _fresh(
        """
        import time
        go_on = os.pipe()
        def slow(found):
            os.read(go_on[0], 1)  # until the test says so
            return b"too late"
        key = KeyFromChild(lambda: b"k" * 32, then=slow)
        key.result()
        began = time.monotonic()
        print(key.then_result(), time.monotonic() - began < 1)
        os.write(go_on[1], b"x")
        def broken(found):
            raise ValueError("a bug")
        print(KeyFromChild(lambda: b"k" * 32, then=broken).then_result(wait=30) or None)
        def locked():
            raise errors.KeyringUnavailable("locked")
        told = KeyFromChild(locked, then=lambda found: b"never")
        try:
            told.result()
        except errors.KeyringUnavailable:
            pass
        print(told.then_result(wait=30) or None)
        for thread in threading.enumerate():
            if thread.name == "early-child":
                thread.join(30)
        try:
            os.waitpid(-1, os.WNOHANG)
            print("a child left")
        except ChildProcessError:
            print("no child left")
        """
    )
    assert said == "None True\nNone\nNone\nno child left"
