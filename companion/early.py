"""Start-up work done while something else starts: in a thread, or in a child process.

``EarlyResult`` is a tiny stand-in for ``concurrent.futures`` (which pulls in ``logging``
and costs start-up time): the launcher opens the database there while Qt is imported.
``KeyFromChild`` reads the key from the keyring in a child process, so that it really runs
beside Qt's start-up on another core: a thread cannot, since PySide keeps Python's lock while
it imports and while Qt works (bench/README.md, "Start-up, seventh round"). The same child
then works out Today's first screen from the data, for the window to show as it first paints
(bench/README.md, "Start-up, eighth round").
"""

from __future__ import annotations

import os
import select
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from companion import errors

T = TypeVar("T")


class EarlyResult(Generic[T]):
    def __init__(
        self, work: Callable[[], T | None], more: Callable[[], bytes | None] | None = None
    ) -> None:
        self.more = more  # what else was worked out beside it, if anything (never waits)
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

    With ``then``, the child goes on once the key is sent: ``then(key)`` works out something
    the window will show (Today's first screen) and writes it as bytes, which come back
    through a second pipe; ``then_result`` takes them if they are there by then, and never
    waits for them. Anything that goes wrong there gives None (or b""), and the window works
    it out itself.
    """

    def __init__(self, read: Callable[[], bytes], then: Callable[[bytes], bytes] | None = None):
        self._pid = 0
        self._pipe = -1
        self._then_pipe = -1
        if not self.can_fork():
            return
        reading, writing = os.pipe()
        then_reading, then_writing = os.pipe() if then is not None else (-1, -1)
        try:
            pid = os.fork()
        except OSError:
            for end in (reading, writing, then_reading, then_writing):
                if end >= 0:
                    os.close(end)
            return
        if pid == 0:  # the child: never back into the caller's code
            os._exit(_child(read, then, (reading, writing), (then_reading, then_writing)))
        os.close(writing)
        if then_writing >= 0:
            os.close(then_writing)
        self._pid, self._pipe, self._then_pipe = pid, reading, then_reading
        # The child is waited for by a thread of its own (blocked in waitpid, without Python's
        # lock), whoever takes its answers and whenever: no child is ever left behind.
        threading.Thread(target=_wait_for, args=(pid,), name="early-child", daemon=True).start()

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
        pipe, self._pipe = self._pipe, -1
        return _understood(_read_all(pipe))

    def then_result(self, wait: float = 0) -> bytes | None:
        """What ``then`` wrote, if the child has sent it by now (once). The window never waits
        for it (``wait`` is for tests: seconds to give the child)."""
        pipe, self._then_pipe = self._then_pipe, -1
        if pipe < 0:
            return None
        try:
            ready, _, _ = select.select([pipe], [], [], wait)
        except (OSError, ValueError):
            ready = []
        if not ready:  # still working: the child's write then fails, and it ends
            os.close(pipe)
            return None
        return _read_all(pipe)  # the child writes it all at once, then ends


def _child(
    read: Callable[[], bytes],
    then: Callable[[bytes], bytes] | None,
    key_pipe: tuple[int, int],
    then_pipe: tuple[int, int],
) -> int:
    """The child's whole life: the key to one pipe, then ``then``'s answer to the other."""
    os.close(key_pipe[0])
    if then_pipe[0] >= 0:
        os.close(then_pipe[0])
    answer = _answer(read)
    status = _write_all(key_pipe[1], answer)
    os.close(key_pipe[1])  # the key is in the window's hands now: it need not wait for more
    if then is None:
        return status
    if answer.startswith(b"K") and len(answer) > 1:
        try:
            worked_out = then(answer[1:])
        except BaseException:  # the window works it out itself
            worked_out = b""
        status |= _write_all(then_pipe[1], worked_out)
    os.close(then_pipe[1])
    return status


def _read_all(pipe: int) -> bytes:
    chunks: list[bytes] = []
    try:
        while chunk := os.read(pipe, 65536):
            chunks.append(chunk)
    except OSError:
        chunks = []
    finally:
        os.close(pipe)
    return b"".join(chunks)


def _wait_for(pid: int) -> None:
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


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
