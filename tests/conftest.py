"""Fixtures every test gets: no internet, a fast key derivation, an in-memory keyring.

Companion promises never to open a network connection. ``no_network`` makes any
attempt to reach the internet from a test's process fail that test, even when the
code under test swallows the error. Local (AF_UNIX) sockets stay allowed: D-Bus and
the keyring talk over them.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import keyring.backend
import keyring.errors
import pytest

import companion.keys

# Real scrypt (2**17) costs about half a second per wrap; tests wrap keys hundreds
# of times. The cost parameter is stored with each wrap, so a profile made with the
# fast setting still opens in a subprocess that uses the real one.
FAST_SCRYPT_N = 2**10


class NetworkBlocked(OSError):
    """What a blocked connection attempt raises inside a test."""


class NetworkGuard:
    def __init__(self) -> None:
        self.attempts: list[str] = []

    def block(self, what: str) -> None:
        self.attempts.append(what)
        raise NetworkBlocked(f"Companion must not use the network, but tried: {what}")


def _is_local(sock: socket.socket) -> bool:
    return getattr(socket, "AF_UNIX", None) is not None and sock.family == socket.AF_UNIX


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[NetworkGuard]:
    guard = NetworkGuard()
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_sendto = socket.socket.sendto

    def connect(self: socket.socket, address: Any) -> Any:
        if _is_local(self):
            return real_connect(self, address)
        guard.block(f"connect to {address!r}")

    def connect_ex(self: socket.socket, address: Any) -> Any:
        if _is_local(self):
            return real_connect_ex(self, address)
        guard.block(f"connect_ex to {address!r}")

    def sendto(self: socket.socket, *args: Any) -> Any:
        if _is_local(self):
            return real_sendto(self, *args)
        guard.block(f"sendto {args[-1]!r}")

    def create_connection(address: Any, *args: Any, **kwargs: Any) -> Any:
        guard.block(f"create_connection to {address!r}")

    def getaddrinfo(host: Any, port: Any, family: int = 0, *args: Any, **kwargs: Any) -> Any:
        guard.block(f"getaddrinfo for {host!r}")

    def gethostbyname(host: str) -> Any:
        guard.block(f"gethostbyname for {host!r}")

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket.socket, "sendto", sendto)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "gethostbyname", gethostbyname)
    yield guard
    if guard.attempts:
        pytest.fail("The test tried to use the network: " + "; ".join(guard.attempts))


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(companion.keys, "SCRYPT_N", FAST_SCRYPT_N)


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that lives in this process only; tests can look inside and change it."""

    priority = 1  # type: ignore[assignment]
    # Never picked by keyring's own detection: the real default keyring must not
    # become a chain that includes this one.
    viable = False  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.entries[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError("no such password") from None


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def fake_vault(memory_keyring: MemoryKeyring) -> companion.keys.KeyringVault:
    return companion.keys.KeyringVault(backend=memory_keyring)
