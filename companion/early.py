"""Start-up work done while something else starts: in a thread, or in a child process.

``EarlyResult`` is a tiny stand-in for ``concurrent.futures`` (which pulls in ``logging``
and costs start-up time): the launcher opens the database there while Qt is imported.
``KeyFromChild`` reads the key from the keyring in a child process, so that it really runs
beside Qt's start-up on another core: a thread cannot, since PySide keeps Python's lock while
it imports and while Qt works (bench/README.md, "Start-up, seventh round").
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from companion import errors

T = TypeVar("T")


class EarlyResult(Generic[T]):
    def __init__(self, work: Callable[[], T | None]) -> None:
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(work,), name="early", daemon=True)
        self._thread.start()

    def _run(self, work: Callable[[], T | None]) -> None:
        try:
            self._value = work()
        except BaseException as error:  # handed to whoever asks for the result
            self._error = error

    def result(self) -> T | None:
        """The work's result, waiting for it if needed; re-raises its error."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value


class KeyFromChild:
    """The key to the data, read from the keyring by a child process at start.

    The child is forked before Qt is imported and before any thread exists, reads the key
    (``read``: the keyring's answer, checked against keys.json), writes it to a pipe and ends;
    the window's process never loads the D-Bus library. What the person is told does not
    change: a ``CompanionError`` in the child (the keyring locked and the prompt dismissed,
    no entry, the wrong key, keys.json damaged) comes back as the same error with the same
    message, so the keyring is not asked twice. Anything else (no ``fork`` here, a thread or
    Qt already there as in tests, the child killed, a bug) gives None from ``result``, and the
    caller reads the key itself as before.
    """

    def __init__(self, read: Callable[[], bytes]) -> None:
        self._pid = 0
        self._pipe = -1
        if not self.can_fork():
            return
        reading, writing = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(reading)
            os.close(writing)
            return
        if pid == 0:  # the child: never back into the caller's code
            os.close(reading)
            os._exit(_write_all(writing, _answer(read)))
        os.close(writing)
        self._pid, self._pipe = pid, reading

    @staticmethod
    def can_fork() -> bool:
        """Only where a fork is safe and pays: Linux, one thread, Qt not yet loaded, and a
        second core to run on (on one core the child would only add its work to the start)."""
        return (
            sys.platform.startswith("linux")
            and hasattr(os, "fork")
            and threading.active_count() == 1
            and "PySide6" not in sys.modules
            and len(os.sched_getaffinity(0)) > 1
        )

    def result(self) -> bytes | None:
        """The key, waiting for the child; its ``CompanionError`` again; None: read it here."""
        if self._pipe < 0:
            return None
        chunks: list[bytes] = []
        try:
            while chunk := os.read(self._pipe, 65536):
                chunks.append(chunk)
        except OSError:
            chunks = []
        finally:
            os.close(self._pipe)
            self._pipe = -1
            try:
                os.waitpid(self._pid, 0)
            except ChildProcessError:
                pass
        return _understood(b"".join(chunks))


def _answer(read: Callable[[], bytes]) -> bytes:
    """What the child sends: b"K" and the key, b"E" the error's kind and message, or b""."""
    try:
        return b"K" + read()
    except errors.CompanionError as error:
        return b"E" + type(error).__name__.encode() + b"\0" + error.message.encode()
    except BaseException:  # not one a person is meant to read: the parent tries itself
        return b""


def _write_all(pipe: int, data: bytes) -> int:
    """Write everything, then say how it went as the child's exit status."""
    try:
        while data:
            data = data[os.write(pipe, data) :]
        return 0
    except OSError:
        return 1


def _understood(data: bytes) -> bytes | None:
    if data.startswith(b"K") and len(data) > 1:
        return data[1:]
    if data.startswith(b"E"):
        name, _, message = data[1:].partition(b"\0")
        kind = getattr(errors, name.decode(errors="replace"), None)
        if isinstance(kind, type) and issubclass(kind, errors.CompanionError):
            raise kind(message.decode(errors="replace"))
    return None
