"""The real Secret Service (gnome-keyring on a D-Bus session bus).

Run them with::

    dbus-run-session -- sh -c 'echo -n ci | gnome-keyring-daemon --unlock \\
        --components=secrets >/dev/null; .venv/bin/python -m pytest tests/core -q'

Without a reachable, unlocked Secret Service these tests are skipped, except
under CI=true, where they fail: CI must exercise the real keyring.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.errors
import pytest

from companion.keys import KEYRING_SERVICE, KeyringVault
from companion.profile import Profile, ProfileState

from .helpers import PYTHON, ROOT, child_env, one_line, run_cli, snapshot

pytestmark = pytest.mark.real_keyring

IN_CI = os.environ.get("CI", "").lower() == "true"


def _skip_or_fail(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"CI must exercise the real keyring, but: {reason}")
    pytest.skip(reason)


def _secret_service_problem() -> str | None:
    try:
        import secretstorage

        connection = secretstorage.dbus_init()
        try:
            collection = secretstorage.get_default_collection(connection)
            if collection.is_locked():
                return "the default keyring collection is locked"
        finally:
            connection.close()
    except Exception as error:  # no bus, no service, no collection
        return f"no Secret Service on the session bus ({type(error).__name__}: {error})"
    backend = keyring.get_keyring()
    if "SecretService" not in type(backend).__module__:
        return f"keyring chose {type(backend).__module__}, not the Secret Service"
    return None


@pytest.fixture
def secret_service() -> None:
    problem = _secret_service_problem()
    if problem:
        _skip_or_fail(problem)


@pytest.fixture
def real_folder(tmp_path: Path, secret_service: None) -> Iterator[Path]:
    folder = tmp_path / "real-profile"
    yield folder
    try:
        keyring.delete_password(KEYRING_SERVICE, str(folder.resolve()))
    except keyring.errors.PasswordDeleteError:
        pass


def test_key_stored_by_one_process_opens_in_another(real_folder: Path) -> None:
    unlocked = Profile(real_folder, KeyringVault()).create("keyring")
    unlocked.settings.set("user_name", "Ada")
    unlocked.close()
    assert (
        keyring.get_password(KEYRING_SERVICE, str(real_folder.resolve())) == unlocked.data_key.hex()
    )

    result = run_cli("--data-dir", str(real_folder), "check")
    assert result.returncode == 0, result.stderr
    assert "good order" in result.stdout


def test_key_deleted_from_the_keyring_then_recovered(real_folder: Path) -> None:
    unlocked = Profile(real_folder, KeyringVault()).create("keyring")
    unlocked.close()
    code = unlocked.recovery_code or ""
    keyring.delete_password(KEYRING_SERVICE, str(real_folder.resolve()))
    before = snapshot(real_folder, ignore=(".lock",))

    lost = run_cli("--data-dir", str(real_folder), "check")
    assert lost.returncode == 1
    assert "no longer in your computer's password store" in one_line(lost.stderr)
    assert snapshot(real_folder, ignore=(".lock",)) == before

    recovered = run_cli("--data-dir", str(real_folder), "recover", stdin=code + "\n")
    assert recovered.returncode == 0, recovered.stderr
    assert (
        keyring.get_password(KEYRING_SERVICE, str(real_folder.resolve())) == unlocked.data_key.hex()
    )

    again = run_cli("--data-dir", str(real_folder), "check")
    assert again.returncode == 0, again.stderr
    assert Profile(real_folder, KeyringVault()).state() is ProfileState.KEYRING


def test_an_entry_written_by_keyring_opens_and_keyring_reads_what_companion_writes(
    real_folder: Path,
) -> None:
    import secretstorage

    from companion.keys import SecretService, new_data_key

    account = KeyringVault.account(real_folder)
    theirs = new_data_key()
    keyring.set_password(KEYRING_SERVICE, account, theirs.hex())
    assert KeyringVault().load(real_folder) == theirs  # read as every start reads it
    assert SecretService().get_password(KEYRING_SERVICE, account) == theirs.hex()

    ours = new_data_key()
    KeyringVault().store(real_folder, ours)
    assert keyring.get_password(KEYRING_SERVICE, account) == ours.hex()
    assert KeyringVault().load(real_folder) == ours
    connection = secretstorage.dbus_init()
    try:
        collection = secretstorage.get_default_collection(connection)
        [item] = collection.search_items({"service": KEYRING_SERVICE, "username": account})
        assert item.get_label() == f"Password for '{account}' on '{KEYRING_SERVICE}'"
        assert item.get_attributes()["application"] == "Python keyring library"
    finally:
        connection.close()
    assert SecretService().get_password(KEYRING_SERVICE, account + "-nobody") is None


_START = textwrap.dedent(
    """
    import builtins, os, sys, threading
    real_import = builtins.__import__
    off_main = []
    def watching(name, *args, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            off_main.append(name)
        return real_import(name, *args, **kwargs)
    builtins.__import__ = watching
    sys.argv = ["companion", "--data-dir", sys.argv[1]]
    write = sys.stdout.write
    def painted(text, write=write):  # what the window's own process had loaded by its paint
        if text.startswith("COMPANION_PAINTED"):
            write(f"D_BUS_LIBRARY_IN_THE_WINDOW {'jeepney' in sys.modules}\\n")
            import gc
            [today] = [o for o in gc.get_objects() if type(o).__name__ == "TodayPage"]
            write(f"FIRST_SCREEN_FROM_THE_CHILD {today._top_from_start}\\n")
        return write(text)
    sys.stdout.write = painted
    from ui.launch import main
    code = main()
    print("IMPORTED_OFF_THE_MAIN_THREAD", sorted(set(off_main)), flush=True)
    os._exit(code)
    """
)


def test_a_start_reads_the_key_without_secretstorage_or_cryptography(real_folder: Path) -> None:
    """They cost ~9 MiB of the start's peak memory only to encrypt a local hop (see keys.py)."""
    unlocked = Profile(real_folder, KeyringVault()).create("keyring")
    unlocked.close()
    env = child_env(COMPANION_BENCH_MARK="1", QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [PYTHON, "-X", "importtime", "-c", _START, str(real_folder)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert "COMPANION_PAINTED" in result.stdout, result.stdout + result.stderr[-2000:]
    imported = {
        line.rsplit("|", 1)[-1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "companion.keys" in imported  # the list is the start's own
    assert not {m for m in imported if m.split(".")[0] in ("secretstorage", "cryptography")}
    # The thread that opens the data while Qt is imported imports nothing itself: PySide6
    # swaps Python's import function as it loads, and an import from another thread meanwhile
    # can crash the start (the key comes from the start's child process, which loads the
    # D-Bus library in a process of its own).
    assert "IMPORTED_OFF_THE_MAIN_THREAD []" in result.stdout, result.stdout
    # The key was read by the start's child process (companion.early.KeyFromChild), beside
    # Qt's start: the window's process never loaded the D-Bus library to read it.
    if sys.platform.startswith("linux") and len(os.sched_getaffinity(0)) > 1:
        assert "D_BUS_LIBRARY_IN_THE_WINDOW False" in result.stdout, result.stdout
        # ... and worked out Today's first screen there too, which the first frame showed.
        assert "FIRST_SCREEN_FROM_THE_CHILD True" in result.stdout, result.stdout


_LOCKED = textwrap.dedent(
    """
    import os, sys, tempfile
    from pathlib import Path
    import secretstorage
    from companion.errors import KeyringUnavailable
    from companion.keys import KeyringVault, new_data_key
    from companion.profile import Profile, ProfileState

    # The Secret Service is chosen directly, without keyring's discovery of every backend.
    vault = KeyringVault()
    assert "SecretService" in vault.describe(), vault.describe()
    assert "keyring.backends.macOS" not in sys.modules
    assert "keyring.backends.kwallet" not in sys.modules

    # A keyring profile made while the keyring is open...
    kept = Path(tempfile.mkdtemp()) / "kept"
    made = Profile(kept, KeyringVault()).create("keyring")
    made.close()
    keys_before = (kept / "keys.json").read_bytes()

    connection = secretstorage.dbus_init()
    collection = secretstorage.get_default_collection(connection)
    collection.lock()
    assert collection.is_locked(), "could not lock the collection"

    # A start reads the key (jeepney, not secretstorage): the service is asked to unlock,
    # no one answers its prompt here, and the person is told it is locked.
    try:
        KeyringVault().load(kept)
    except KeyringUnavailable as error:
        assert "password store is locked" in error.message, error.message
    else:
        raise AssertionError("read a key from a locked keyring")

    # ...cannot switch to a passphrase while it is locked: said plainly, nothing changed.
    try:
        Profile(kept, KeyringVault()).keys.use_passphrase(made.data_key, "a long passphrase")
    except KeyringUnavailable as error:
        assert "nothing was changed" in error.message, error.message
    else:
        raise AssertionError("switched to a passphrase with the key stuck in a locked keyring")
    assert (kept / "keys.json").read_bytes() == keys_before

    folder = Path(tempfile.mkdtemp()) / "profile"
    try:
        KeyringVault().store(folder, new_data_key())
    except KeyringUnavailable as error:
        assert "password store is locked" in error.message, error.message
    else:
        raise AssertionError("a locked keyring took the key")

    profile = Profile(folder, KeyringVault())
    try:
        profile.create("keyring")
    except KeyringUnavailable:
        pass
    else:
        raise AssertionError("a keyring profile was made with a locked keyring")
    assert profile.state() is ProfileState.NEW
    unlocked = profile.create("passphrase", "a long passphrase")
    unlocked.close()
    assert Profile(folder).state() is ProfileState.PASSPHRASE
    print("locked keyring: passphrase path taken")
    """
)


def test_locked_collection_leads_to_the_passphrase_path_and_refuses_a_switch(
    tmp_path: Path,
) -> None:
    """In a session bus of its own, so the locked collection spoils no other test."""
    if not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")):
        _skip_or_fail("dbus-run-session and gnome-keyring-daemon are needed")
    script = tmp_path / "locked.py"
    script.write_text(_LOCKED)
    env = child_env()
    for name in ("DBUS_SESSION_BUS_ADDRESS", "GNOME_KEYRING_CONTROL", "XDG_RUNTIME_DIR"):
        env.pop(name, None)
    env["HOME"] = str(tmp_path)  # a keyring of its own, not the person's
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    env["XDG_RUNTIME_DIR"] = str(tmp_path / "run")
    (tmp_path / "run").mkdir(mode=0o700)
    inner = (
        "echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; "
        f'exec "{PYTHON}" "{script}"'
    )
    result = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", inner],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "passphrase path taken" in result.stdout
