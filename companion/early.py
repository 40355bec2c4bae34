"""Run one piece of start-up work in a thread while something else starts.

A tiny stand-in for ``concurrent.futures`` (which pulls in ``logging`` and
costs start-up time): the launcher reads the keyring and opens the database
here while Qt is being imported.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class EarlyResult(Generic[T]):
    def __init__(self, work: Callable[[], T]) -> None:
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(work,), name="early", daemon=True)
        self._thread.start()

    def _run(self, work: Callable[[], T]) -> None:
        try:
            self._value = work()
        except BaseException as error:  # handed to whoever asks for the result
            self._error = error

    def result(self) -> T:
        """The work's result, waiting for it if needed; re-raises its error."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._value is not None
        return self._value
