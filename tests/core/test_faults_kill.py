"""SIGKILL at random moments: during a migration and while switching keyring and passphrase.

Ordinary writes are in test_crash.py and a re-key in test_faults_rekey.py. The
budgets here are small so the suite stays quick; COMPANION_FAULT_TRIALS=N runs
N trials of each (and COMPANION_FAULT_SEED=S repeats a run). Each test prints
its counts, which docs/RELIABILITY.md quotes.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import textwrap
import time
from pathlib import Path

import pytest

import companion.store
from companion.keys import KeyringVault, new_data_key
from companion.profile import Profile, ProfileState
from companion.store import MIGRATIONS_DIR, Store, latest_version

from .helpers import PYTHON, ROOT, child_env


def trials(default: int) -> int:
    return int(os.environ.get("COMPANION_FAULT_TRIALS", default))


def seeded() -> tuple[int, random.Random]:
    seed = int(os.environ.get("COMPANION_FAULT_SEED", random.randrange(2**32)))
    return seed, random.Random(seed)


# --- a migration --------------------------------------------------------------------------

_HEAVY_MIGRATION = """
CREATE TABLE future_rows(id INTEGER PRIMARY KEY, text TEXT NOT NULL) STRICT;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000)
INSERT INTO future_rows(id, text) SELECT i, printf('%0400d', i) FROM n;
UPDATE settings SET value = value || '' WHERE key = 'user_name';
"""

_MIGRATOR = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import companion.store
    companion.store.MIGRATIONS_DIR = Path(sys.argv[2])
    from companion.store import Store
    print("ready", flush=True)
    Store.open(Path(sys.argv[1]), bytes.fromhex(sys.argv[3])).close()
    print("migrated", flush=True)
    """
)


@pytest.mark.slow
def test_a_migration_killed_at_random_moments_is_all_or_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    migrations = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, migrations)
    new_version = latest_version() + 1
    (migrations / f"{new_version:04d}_heavy.sql").write_text(_HEAVY_MIGRATION)
    monkeypatch.setattr(companion.store, "MIGRATIONS_DIR", migrations)
    key = new_data_key()
    path = tmp_path / "data" / "companion.db"
    path.parent.mkdir()
    seed, rng = seeded()
    runs = trials(5)
    outcomes = {"before": 0, "after": 0}
    window = 0.0  # how long an unkilled migration takes here, measured by the first run
    for trial in range(runs + 1):
        if path.exists():
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            shutil.rmtree(path.parent / "backups", ignore_errors=True)
        monkeypatch.setattr(companion.store, "MIGRATIONS_DIR", MIGRATIONS_DIR)
        store = Store.open(path, key, create=True)
        store.set_setting("user_name", "Ada")
        store.close()
        monkeypatch.setattr(companion.store, "MIGRATIONS_DIR", migrations)
        child = subprocess.Popen(
            [PYTHON, "-c", _MIGRATOR, str(path), str(migrations), key.hex()],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=child_env(),
            cwd=ROOT,
        )
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n"
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
        store = Store.open(path, key, migrate=False)
        try:
            assert store.integrity().ok, f"trial {trial} (seed {seed})"
            assert store.get_setting("user_name") == "Ada"
            version = store.user_version
            tables = store.query("SELECT name FROM sqlite_master WHERE name = 'future_rows'")
            if not trial:
                assert version == new_version  # the measuring run, not killed
            elif version == new_version:
                outcomes["after"] += 1
                assert store.query_one("SELECT count(*) FROM future_rows")[0] == 40000
            else:
                outcomes["before"] += 1
                assert version == new_version - 1 and tables == [], f"seed {seed}: half applied"
        finally:
            store.close()
    print(
        f"migration: {runs} runs killed at random within {window:.2f} s x 1.2; "
        f"{outcomes['before']} left the old version whole, {outcomes['after']} the new one "
        f"whole; never half; seed {seed}"
    )


# --- keyring and passphrase switches --------------------------------------------------------

_FILE_KEYRING = textwrap.dedent(
    """
    import json, os
    from pathlib import Path
    import keyring.backend, keyring.errors

    class FileKeyring(keyring.backend.KeyringBackend):
        '''A keyring kept in one file, written atomically, that a killed process shares.'''
        priority = 1
        viable = False

        def __init__(self, path):
            super().__init__()
            self.path = Path(path)

        def _all(self):
            try:
                return json.loads(self.path.read_text())
            except FileNotFoundError:
                return {}

        def _save(self, entries):
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(entries))
            fd = os.open(tmp, os.O_RDONLY); os.fsync(fd); os.close(fd)
            os.replace(tmp, self.path)

        def get_password(self, service, username):
            return self._all().get(service + "|" + username)

        def set_password(self, service, username, password):
            entries = self._all(); entries[service + "|" + username] = password
            self._save(entries)

        def delete_password(self, service, username):
            entries = self._all()
            if entries.pop(service + "|" + username, None) is None:
                raise keyring.errors.PasswordDeleteError("none")
            self._save(entries)
    """
)

_SWITCHER = _FILE_KEYRING + textwrap.dedent(
    """
    import sys
    from companion.keys import KeyringVault
    from companion.profile import Profile, ProfileState
    folder, store_file, passphrase, key = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    profile = Profile(folder, KeyringVault(backend=FileKeyring(store_file)))
    data_key = bytes.fromhex(key)
    print("ready", flush=True)
    while True:
        if profile.state() is ProfileState.KEYRING:
            profile.keys.use_passphrase(data_key, passphrase)
        else:
            profile.keys.use_keyring(data_key)
        print(profile.state().value, flush=True)
    """
)


@pytest.mark.slow
def test_keyring_and_passphrase_switches_killed_at_random_moments(tmp_path: Path) -> None:
    namespace: dict[str, object] = {}
    exec(_FILE_KEYRING, namespace)  # the same keyring class as the child's
    store_file = tmp_path / "keyring.json"
    vault = KeyringVault(backend=namespace["FileKeyring"](store_file))  # type: ignore[operator]
    folder = tmp_path / "profile"
    passphrase = "the switching passphrase"
    unlocked = Profile(folder, vault).create("keyring")
    unlocked.store.set_setting("user_name", "Ada")
    code, data_key = unlocked.recovery_code or "", unlocked.data_key
    unlocked.close()
    seed, rng = seeded()
    runs = trials(8)
    switches = 0
    for trial in range(runs):
        child = subprocess.Popen(
            [PYTHON, "-c", _SWITCHER, str(folder), str(store_file), passphrase, data_key.hex()],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=child_env(),
            cwd=ROOT,
        )
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n"
        try:
            child.wait(timeout=rng.uniform(0.0, 3.0))
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGKILL)
            child.wait()
        out, err = child.communicate()
        assert "Traceback" not in err, f"trial {trial} (seed {seed}): {err}"
        switches += len(out.split()) - 1
        start = Profile(folder, vault)
        start.acquire_lock()  # the next start tidies
        start.lock.release()
        state = start.state()
        if state is ProfileState.KEYRING:
            opened = start.unlock_with_keyring()
        else:
            opened = start.unlock_with_passphrase(passphrase)
            assert json.loads(store_file.read_text() if store_file.exists() else "{}") == {}, (
                f"trial {trial} (seed {seed}): a key was left in the keyring"
            )
        assert opened.store.get_setting("user_name") == "Ada"
        opened.close()
        Profile(folder, vault).unlock_with_recovery_code(code).close()
        assert not list(folder.glob(".keys.json.*.tmp"))
    print(
        f"keyring/passphrase: {runs} kills during {switches} acknowledged switches; the data "
        f"opened the way keys.json said every time, no key left behind; seed {seed}"
    )


# --- setting up ------------------------------------------------------------------------------

_SETUP = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from companion.profile import Profile
    profile = Profile(Path(sys.argv[1]))
    profile.acquire_lock()
    print("ready", flush=True)
    unlocked = profile.create("passphrase", sys.argv[2])
    print("code", unlocked.recovery_code, flush=True)
    unlocked.close()
    """
)


@pytest.mark.slow
def test_setup_killed_at_random_moments_never_leaves_half_a_profile(tmp_path: Path) -> None:
    """Killed setup: the next start offers setup again, or the profile opens whole."""
    seed, rng = seeded()
    runs = trials(6)
    outcomes = {"set up again": 0, "whole": 0}
    window = 0.0
    for trial in range(runs + 1):
        folder = tmp_path / f"profile-{trial}"
        child = subprocess.Popen(
            [PYTHON, "-c", _SETUP, str(folder), "a setup passphrase"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=child_env(),
            cwd=ROOT,
        )
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n"
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
        start.acquire_lock()  # a start tidies what the kill left
        try:
            state = start.state()
            if state is ProfileState.NEW:
                outcomes["set up again"] += bool(trial)
                start.create("passphrase", "a setup passphrase").close()
            else:
                outcomes["whole"] += bool(trial)  # the first run, not killed, is not counted
                opened = start.unlock_with_passphrase("a setup passphrase")
                assert opened.store.integrity().ok, f"trial {trial} (seed {seed})"
                opened.close()
                if "code" in out:
                    code = out.split("code")[1].split()[0]
                    start.unlock_with_recovery_code(code).close()
        finally:
            start.lock.release()
    print(
        f"setup: {runs} kills; {outcomes['set up again']} offered setup again, "
        f"{outcomes['whole']} left a whole profile; never half; seed {seed}"
    )


_KILLED_BETWEEN_KEYS_AND_DATA = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    import companion.profile
    from companion.profile import Profile

    class Dies:
        @staticmethod
        def open(*args, **kwargs):
            os.kill(os.getpid(), signal.SIGKILL)

    companion.profile.Store = Dies  # killed after keys.json, before the database exists
    Profile(Path(sys.argv[1])).create("passphrase", "a setup passphrase")
    """
)


def test_setup_killed_between_the_keys_file_and_the_data_file_is_redone(tmp_path: Path) -> None:
    folder = tmp_path / "profile"
    result = subprocess.run(
        [PYTHON, "-c", _KILLED_BETWEEN_KEYS_AND_DATA, str(folder)],
        capture_output=True,
        text=True,
        env=child_env(),
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == -signal.SIGKILL
    assert (folder / "keys.json").exists() and not (folder / "companion.db").exists()
    start = Profile(folder)
    start.acquire_lock()
    try:
        assert start.state() is ProfileState.NEW  # not "your data file is missing"
        start.create("passphrase", "a setup passphrase").close()
    finally:
        start.lock.release()
    assert sorted(p.name for p in folder.iterdir()) == [".lock", "companion.db", "keys.json"]
