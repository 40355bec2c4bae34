"""What opening the store at start needs: the key check, without loading OpenSSL."""

from __future__ import annotations

import hmac
import os
import subprocess
import sys
from pathlib import Path

import pytest

from companion import keys


@pytest.mark.parametrize("length", [0, 1, 31, 32, 63, 64, 65, 100, 200])
def test_hmac_gives_the_same_bytes_as_pythons_own(length: int) -> None:
    for seed in range(5):
        key = bytes((seed * 31 + i * 7) % 256 for i in range(length))
        message = bytes(range(seed * 11 % 256)) + b"companion key check v1"
        assert keys.hmac_sha256(key, message) == hmac.new(key, message, "sha256").digest()


def test_the_key_check_is_unchanged_so_every_keys_json_still_opens() -> None:
    data_key = bytes(range(32))
    expected = hmac.new(data_key, b"companion key check v1", "sha256").hexdigest()[:32]
    assert keys.key_check(data_key) == expected
    keyfile = keys.KeyFile(mode="keyring", key_check=expected)
    assert keyfile.matches(data_key)
    assert not keyfile.matches(bytes(32))


CHILD = """
import sys
from companion import keys
key = keys.new_data_key()
assert len(key) == 32 and keys.key_check(key) != keys.key_check(bytes(32))
print(" ".join(name for name in ("_hashlib", "hashlib", "hmac", "secrets") if name in sys.modules))
"""


def test_checking_a_key_loads_no_openssl() -> None:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    result = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
