"""A new key for the data: old secrets and old copies of keys.json stop opening it.

And a kill at any step leaves data that opens, either the old way or the new
way, with nothing lost and no half-made file left after the next start.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from companion.errors import ProfileDamaged, StorageError, WrongSecret
from companion.keys import KeyringVault, new_recovery_code, read_keyfile, unwrap_key
from companion.profile import Profile, ProfileState, Unlocked, new_code_explained, rekey_explained
from companion.store import Store

from .conftest import PASSPHRASE
from .helpers import PYTHON, child_env

NEW_PASSPHRASE = "a fresh passphrase nobody saw"


def _fill(unlocked: Unlocked, count: int = 30) -> None:
    with unlocked.store.transaction():
        for n in range(count):
            unlocked.store.set_setting(f"row-{n}", "x" * 300)


def _has_everything(unlocked: Unlocked, count: int = 30) -> None:
    assert unlocked.store.integrity().ok
    for n in range(count):
        assert unlocked.store.get_setting(f"row-{n}") == "x" * 300


def test_rekey_of_a_passphrase_profile_shuts_out_every_old_secret(
    passphrase_profile: Unlocked, fake_vault: KeyringVault
) -> None:
    profile = passphrase_profile.profile
    folder = profile.folder
    old_code = passphrase_profile.recovery_code or ""
    old_keys = (folder / "keys.json").read_text()  # a copy in someone's backup
    _fill(passphrase_profile)
    new_code = new_recovery_code()
    rekeyed = profile.rekey(passphrase_profile, new_code, NEW_PASSPHRASE)
    assert passphrase_profile.store.closed
    assert rekeyed.data_key != passphrase_profile.data_key
    assert rekeyed.recovery_code == new_code
    _has_everything(rekeyed)
    rekeyed.close()

    again = Profile(folder, fake_vault)
    assert again.state() is ProfileState.PASSPHRASE
    _has_everything(again.unlock_with_passphrase(NEW_PASSPHRASE))
    Profile(folder, fake_vault).unlock_with_recovery_code(new_code).close()
    with pytest.raises(WrongSecret):
        Profile(folder, fake_vault).unlock_with_passphrase(PASSPHRASE)
    with pytest.raises(WrongSecret):
        Profile(folder, fake_vault).unlock_with_recovery_code(old_code)
    # The old keys.json still gives the old key to the old code, but that key no longer
    # opens today's data.
    old_wrap = json.loads(old_keys)["recovery"]
    from companion.keys import Wrap

    old_key = unwrap_key(Wrap.from_json(old_wrap), old_code, "recovery")
    assert old_key == passphrase_profile.data_key
    with pytest.raises(StorageError):
        Store.open(folder / "companion.db", old_key)
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith((".c", ".k", "keys"))) == [
        "keys.json"
    ]


def test_rekey_of_a_keyring_profile_puts_the_new_key_in_the_keyring(
    keyring_profile: Unlocked, fake_vault: KeyringVault, memory_keyring
) -> None:
    profile = keyring_profile.profile
    _fill(keyring_profile)
    rekeyed = profile.rekey(keyring_profile, new_recovery_code())
    rekeyed.close()
    assert list(memory_keyring.entries.values()) == [rekeyed.data_key.hex()]
    _has_everything(Profile(profile.folder, fake_vault).unlock_with_keyring())


def test_rekey_needs_a_good_new_passphrase_and_changes_nothing_without_one(
    passphrase_profile: Unlocked,
) -> None:
    folder = passphrase_profile.profile.folder
    keys_before = (folder / "keys.json").read_bytes()
    with pytest.raises(WrongSecret):
        passphrase_profile.profile.rekey(passphrase_profile, new_recovery_code(), "short")
    assert (folder / "keys.json").read_bytes() == keys_before
    assert not passphrase_profile.store.closed
    assert not any(p.name.startswith(".companion.db.rekey") for p in folder.iterdir())
    assert not (folder / "keys.json.next").exists()


def test_the_two_choices_are_explained_in_plain_words() -> None:
    assert "does not change the key" in new_code_explained()
    assert "brand-new key" in rekey_explained()
    assert "write it down" in rekey_explained()


class Killed(BaseException):
    """Stands for the process dying between two steps."""


@pytest.mark.parametrize(
    ("step", "new_way"),
    [
        ("rekey-copied", False),
        ("rekey-keys-prepared", False),
        ("rekey-swapped", True),
        ("rekey-finished", True),
    ],
)
@pytest.mark.parametrize("mode", ["passphrase", "keyring"])
def test_a_kill_at_any_step_of_a_rekey_leaves_data_that_opens(
    folder: Path, fake_vault: KeyringVault, memory_keyring, step: str, new_way: bool, mode: str
) -> None:
    profile = Profile(folder, fake_vault)
    unlocked = profile.create(mode, PASSPHRASE)  # type: ignore[arg-type]
    _fill(unlocked)
    old_code = unlocked.recovery_code or ""
    new_code = new_recovery_code()

    def hook(name: str) -> None:
        if name == step:
            raise Killed(name)

    profile.keys.step_hook = hook
    with pytest.raises(Killed):
        profile.rekey(unlocked, new_code, NEW_PASSPHRASE if mode == "passphrase" else None)
    unlocked.store.close()  # the kernel closes files of a killed process

    start = Profile(folder, fake_vault)
    start.acquire_lock()  # a start tidies first
    start.lock.release()
    code = new_code if new_way else old_code
    _has_everything(start.unlock_with_recovery_code(code))
    if mode == "passphrase":
        _has_everything(start.unlock_with_passphrase(NEW_PASSPHRASE if new_way else PASSPHRASE))
    else:
        _has_everything(start.unlock_with_keyring())
        assert len(memory_keyring.entries) == 1
    leftovers = [p.name for p in folder.iterdir() if ".rekey" in p.name or ".next" in p.name]
    assert leftovers == []


# --- real kills, at random moments ------------------------------------------------------------

_REKEYER = """
import os, sys
from pathlib import Path
from companion.keys import KeyringVault, new_recovery_code
from companion.profile import Profile

folder = Path(sys.argv[1])
passphrase = sys.argv[2]
profile = Profile(folder)
profile.acquire_lock()
unlocked = profile.unlock_with_passphrase(passphrase)
code = new_recovery_code()
new = passphrase[::-1] + "!"
print("code", code, flush=True)
again = profile.rekey(unlocked, code, new)
print("done", flush=True)
again.close()
"""


def _trials(default: int) -> int:
    return int(os.environ.get("COMPANION_FAULT_TRIALS", default))


@pytest.mark.slow
def test_rekey_killed_at_random_moments_always_opens(tmp_path: Path) -> None:
    """SIGKILL a real re-key at random moments; the data always opens, nothing is lost."""
    folder = tmp_path / "profile"
    passphrase = "the first passphrase"
    unlocked = Profile(folder, KeyringVault(backend=None)).create("passphrase", passphrase)
    _fill(unlocked, 200)
    codes = [unlocked.recovery_code]
    unlocked.close()
    rng = random.Random(int(os.environ.get("COMPANION_FAULT_SEED", random.randrange(2**32))))
    trials = _trials(6)
    finished = killed_old_way = killed_new_way = 0
    env = child_env(PYTHONHASHSEED="0")
    window = 0.0  # how long an unkilled re-key takes here, measured by the first run
    for trial in range(trials + 1):
        child = subprocess.Popen(
            [PYTHON, "-c", _REKEYER, str(folder), passphrase],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        first = child.stdout.readline().split()
        code = first[1] if len(first) == 2 else None
        started = time.monotonic()
        try:
            child.wait(timeout=rng.uniform(0.0, window * 1.2) if trial else 120)
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGKILL)
            child.wait()
        if not trial:
            window = time.monotonic() - started
        out, err = child.communicate()
        assert "Traceback" not in err, err
        start = Profile(folder)
        start.acquire_lock()
        start.lock.release()
        new = passphrase[::-1] + "!"
        try:
            opened = start.unlock_with_passphrase(new)
            passphrase = new
            codes.append(code)
            if trial:
                finished += "done" in out
                killed_new_way += "done" not in out
        except WrongSecret:
            opened = start.unlock_with_passphrase(passphrase)
            killed_old_way += 1
        _has_everything(opened, 200)
        opened.close()
        assert Profile(folder).unlock_with_recovery_code(codes[-1] or "") is not None
    print(
        f"re-key: {trials} trials; killed before the swap {killed_old_way}, after it "
        f"{killed_new_way}; finished {finished}; every time the data opened whole"
    )


def test_a_leftover_copy_from_a_killed_rekey_is_never_taken_for_the_data(
    passphrase_profile: Unlocked,
) -> None:
    folder = passphrase_profile.profile.folder
    passphrase_profile.close()
    (folder / ".companion.db.rekey").write_bytes(os.urandom(8192))
    start = Profile(folder)
    start.acquire_lock()
    start.lock.release()
    assert not (folder / ".companion.db.rekey").exists()
    with pytest.raises(ProfileDamaged):
        read_keyfile(folder / "keys.json.next")


def test_a_command_after_a_rekey_killed_past_the_swap_finishes_it(
    passphrase_profile: Unlocked, monkeypatch, capsys
) -> None:
    from companion.cli import main

    profile = passphrase_profile.profile
    _fill(passphrase_profile)

    def hook(name: str) -> None:
        if name == "rekey-swapped":
            raise Killed(name)

    profile.keys.step_hook = hook
    with pytest.raises(Killed):
        profile.rekey(passphrase_profile, new_recovery_code(), NEW_PASSPHRASE)
    monkeypatch.setenv("COMPANION_PASSPHRASE", NEW_PASSPHRASE)
    assert main(["--data-dir", str(profile.folder), "check"]) == 0  # no start in between
    assert "good order" in capsys.readouterr().out
    assert not (profile.folder / "keys.json.next").exists()
