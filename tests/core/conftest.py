"""Core tests never touch the person's real profile, keyring or language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import companion.i18n
import companion.profile
from companion.keys import KeyringVault
from companion.profile import Profile, Unlocked

PASSPHRASE = "correct horse battery staple"


@pytest.fixture(autouse=True)
def isolated(
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    fake_vault: KeyringVault,
) -> Iterator[None]:
    for name in ("COMPANION_PASSPHRASE", "COMPANION_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    if request.node.get_closest_marker("real_keyring") is None:
        # A Profile made without a vault (as the command does) uses the in-memory one.
        monkeypatch.setattr(companion.profile, "KeyringVault", lambda: fake_vault)
    # Language is process-wide; whatever a test switches to is put back.
    monkeypatch.setattr(companion.i18n, "_listeners", [])
    monkeypatch.setattr(companion.i18n, "_translations", companion.i18n._translations)
    monkeypatch.setattr(companion.i18n, "_language", companion.i18n._language)
    monkeypatch.setattr(companion.i18n, "_region", companion.i18n._region)
    yield


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Where a test's profile lives (not created yet)."""
    return tmp_path / "profile"


@pytest.fixture
def passphrase_profile(folder: Path, fake_vault: KeyringVault) -> Iterator[Unlocked]:
    unlocked = Profile(folder, fake_vault).create("passphrase", PASSPHRASE)
    yield unlocked
    unlocked.close()


@pytest.fixture
def keyring_profile(folder: Path, fake_vault: KeyringVault) -> Iterator[Unlocked]:
    unlocked = Profile(folder, fake_vault).create("keyring")
    yield unlocked
    unlocked.close()
