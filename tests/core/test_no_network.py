"""Nothing sent: the app opens no internet connection, ever.

Two guards. In this process, the autouse ``no_network`` fixture fails any test
that tries. For the real command, a ``sitecustomize`` installs an audit hook in
the child process that records and kills it on any internet socket use; a
control run proves that guard really catches a connection.
"""

from __future__ import annotations

import socket
import subprocess
import textwrap
from pathlib import Path

import pytest

from .helpers import CLI_CODE, PYTHON, RECOVERY_CODE, ROOT, child_env

CAUGHT = 97

SITECUSTOMIZE = textwrap.dedent(
    f"""
    import os
    import socket
    import sys

    _MARKER = os.environ["COMPANION_TEST_NETWORK_MARKER"]
    _INTERNET = (socket.AF_INET, socket.AF_INET6)

    def _caught(what):
        with open(_MARKER, "a", encoding="utf-8") as marker:
            marker.write(what + "\\n")
        os._exit({CAUGHT})

    def _hook(event, args):
        if event in ("socket.connect", "socket.sendto", "socket.sendmsg"):
            if args[0].family in _INTERNET:
                _caught(f"{{event}} {{args[1]!r}}")
        elif event == "socket.getaddrinfo":
            if args[2] != getattr(socket, "AF_UNIX", -1):
                _caught(f"{{event}} {{args[0]!r}}")
        elif event in ("socket.gethostbyname", "socket.gethostbyaddr"):
            _caught(f"{{event}} {{args!r}}")

    sys.addaudithook(_hook)
    with open(os.environ["COMPANION_TEST_NETWORK_ARMED"], "w", encoding="utf-8") as armed:
        armed.write("armed\\n")
    """
)


@pytest.fixture
def guarded(tmp_path: Path):
    """Run Python code in a child process under the audit-hook guard."""
    hook_dir = tmp_path / "hook"
    hook_dir.mkdir()
    (hook_dir / "sitecustomize.py").write_text(SITECUSTOMIZE)
    marker = tmp_path / "network-used"
    armed = tmp_path / "guard-armed"

    def run(code: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
        armed.unlink(missing_ok=True)
        environment = child_env(
            COMPANION_TEST_NETWORK_MARKER=str(marker),
            COMPANION_TEST_NETWORK_ARMED=str(armed),
            **env,
        )
        environment["PYTHONPATH"] = f"{hook_dir}:{ROOT}"
        result = subprocess.run(
            [PYTHON, "-c", code, *args],
            capture_output=True,
            text=True,
            env=environment,
            cwd=ROOT,
            timeout=60,
        )
        assert armed.exists(), "the network guard was not loaded in the child"
        return result

    run.marker = marker  # type: ignore[attr-defined]
    return run


@pytest.mark.parametrize(
    "code",
    [
        "import socket; socket.socket().connect(('127.0.0.1', 9))",
        "import socket\ntry:\n    socket.create_connection(('localhost', 80), timeout=1)\nexcept OSError:\n    pass",
        "import socket; socket.getaddrinfo('example.org', 443)",
        "import socket; socket.socket(socket.AF_INET6, socket.SOCK_DGRAM).sendto(b'x', ('::1', 9))",
    ],
    ids=["connect", "swallowed", "lookup", "udp"],
)
def test_control_the_guard_catches_a_connection(guarded, code: str) -> None:
    result = guarded(code)
    assert result.returncode == CAUGHT, result.stderr
    assert guarded.marker.read_text().strip()


def test_control_local_sockets_are_allowed(guarded, tmp_path: Path) -> None:
    code = textwrap.dedent(
        f"""
        import socket
        server = socket.socket(socket.AF_UNIX)
        server.bind({str(tmp_path / "s")!r})
        server.listen()
        socket.socket(socket.AF_UNIX).connect({str(tmp_path / "s")!r})
        print("local ok")
        """
    )
    result = guarded(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "local ok"
    assert not guarded.marker.exists()


def test_demo_check_opens_no_connection(guarded, tmp_path: Path) -> None:
    result = guarded(CLI_CODE, "--demo", "check", TMPDIR=str(tmp_path))
    assert not guarded.marker.exists(), guarded.marker.read_text()
    assert result.returncode == 0, result.stderr
    assert "good order" in result.stdout


def test_init_and_check_open_no_connection(guarded, tmp_path: Path) -> None:
    folder = tmp_path / "profile"
    init = guarded(CLI_CODE, "--data-dir", str(folder), "init", COMPANION_PASSPHRASE="pw for init")
    assert not guarded.marker.exists(), guarded.marker.read_text()
    assert init.returncode == 0, init.stderr
    assert any(RECOVERY_CODE.match(line.strip()) for line in init.stdout.splitlines())
    check = guarded(
        CLI_CODE, "--data-dir", str(folder), "check", COMPANION_PASSPHRASE="pw for init"
    )
    assert not guarded.marker.exists(), guarded.marker.read_text()
    assert check.returncode == 0, check.stderr


# --- the in-process guard ----------------------------------------------------------------------


def test_in_process_guard_blocks_and_records(no_network) -> None:
    with pytest.raises(OSError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM).connect(("127.0.0.1", 9))
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", 9))
    with pytest.raises(OSError):
        socket.getaddrinfo("example.org", 443)
    assert len(no_network.attempts) == 3
    no_network.attempts.clear()  # this test meant to try; any other test would fail


def test_in_process_guard_lets_local_sockets_through(no_network) -> None:
    left, right = socket.socketpair()
    left.sendall(b"ping")
    assert right.recv(4) == b"ping"
    left.close()
    right.close()
    assert no_network.attempts == []
