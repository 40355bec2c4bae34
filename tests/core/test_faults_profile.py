"""A damaged profile is said plainly everywhere and never turned into a new, empty one.

Each fault is made by hand in a real profile folder: an empty, missing,
foreign or cut-short data file beside keys.json; a keys.json that is binary,
the wrong shape, from a newer version or asking for absurd work. Every way in
(state, unlock, the commands check, import and export, setup) must say so in
plain words, leave every byte as it was, and point to the backups and the
recovery code.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from companion.cli import main
from companion.errors import CompanionError, ProfileDamaged, StorageError, WrongSecret
from companion.keys import KeyringVault, read_keyfile
from companion.profile import Profile, ProfileState, Unlocked
from companion.store import PAGE_SIZE, Store

from .conftest import PASSPHRASE
from .helpers import PYTHON, child_env, one_line, snapshot

# --- the data file ------------------------------------------------------------------------


def _empty(db: Path) -> None:
    db.write_bytes(b"")


def _plain_sqlite(db: Path) -> None:
    db.unlink()
    with sqlite3.connect(db) as plain:
        plain.execute("CREATE TABLE notes(text)")
        plain.execute("INSERT INTO notes VALUES ('someone else''s file')")
    plain.close()


def _random_pages(db: Path) -> None:
    db.write_bytes(os.urandom(PAGE_SIZE * 4))


def _cut_short(db: Path) -> None:
    data = db.read_bytes()
    db.write_bytes(data[: len(data) - 1000])


def _zeroed(db: Path) -> None:
    data = bytearray(db.read_bytes())
    data[: PAGE_SIZE * 2] = bytes(PAGE_SIZE * 2)
    db.write_bytes(bytes(data))


def _a_folder(db: Path) -> None:
    db.unlink()
    db.mkdir()


def _a_pipe(db: Path) -> None:
    db.unlink()
    os.mkfifo(db)  # reading it would wait for ever


DATA_FAULTS: dict[str, Callable[[Path], None]] = {
    "empty": _empty,
    "plain-sqlite": _plain_sqlite,
    "random-bytes": _random_pages,
    "cut-short": _cut_short,
    "zeroed-start": _zeroed,
    "folder": _a_folder,
    "pipe": _a_pipe,
}


@pytest.fixture
def closed_profile(passphrase_profile: Unlocked) -> Path:
    """A passphrase profile with someone in it, closed and checkpointed."""
    passphrase_profile.store.set_setting("user_name", "Ada")
    folder = passphrase_profile.profile.folder
    passphrase_profile.close()
    return folder


def _says_damaged_and_offers_a_way_back(message: str, folder: Path) -> None:
    assert "will not start a new, empty one" in message
    assert str(folder / "backups") in message
    assert "recovery code" in message
    assert "Traceback" not in message


@pytest.mark.parametrize("fault", list(DATA_FAULTS))
def test_a_damaged_data_file_is_never_opened_or_replaced(
    closed_profile: Path, fake_vault: KeyringVault, fault: str
) -> None:
    folder = closed_profile
    DATA_FAULTS[fault](folder / "companion.db")
    before = snapshot(folder, ignore=(".lock",))
    profile = Profile(folder, fake_vault)
    with pytest.raises(ProfileDamaged) as caught:
        profile.state()
        profile.unlock_with_passphrase(PASSPHRASE)  # random bytes show only with the key
    _says_damaged_and_offers_a_way_back(caught.value.message, folder)
    with pytest.raises(ProfileDamaged):
        profile.create("passphrase", "another passphrase")
    assert snapshot(folder, ignore=(".lock",)) == before


@pytest.mark.parametrize("fault", ["empty", "plain-sqlite", "random-bytes", "cut-short"])
@pytest.mark.parametrize(
    "command",
    [["check"], ["export", "contacts", "out.vcf"], ["import", "contacts", "in.vcf"]],
    ids=["check", "export", "import"],
)
def test_every_command_says_the_data_file_is_damaged_and_touches_nothing(
    closed_profile: Path, fault: str, command: list[str], monkeypatch, capsys, tmp_path: Path
) -> None:
    folder = closed_profile
    DATA_FAULTS[fault](folder / "companion.db")
    (tmp_path / "in.vcf").write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jo Bloggs\r\nN:Bloggs;Jo;;;\r\nEND:VCARD\r\n"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COMPANION_PASSPHRASE", PASSPHRASE)
    before = snapshot(folder, ignore=(".lock",))
    assert main(["--data-dir", str(folder), *command]) == 1
    captured = capsys.readouterr()
    _says_damaged_and_offers_a_way_back(one_line(captured.err), folder)
    assert "good order" not in captured.out
    assert snapshot(folder, ignore=(".lock",)) == before
    assert not (tmp_path / "out.vcf").exists()


def test_a_missing_data_file_offers_the_backups(closed_profile: Path) -> None:
    (closed_profile / "companion.db").unlink()
    with pytest.raises(ProfileDamaged) as caught:
        Profile(closed_profile).state()
    assert str(closed_profile / "backups") in caught.value.message
    assert "recovery code" in caught.value.message
    assert not (closed_profile / "companion.db").exists()


# --- check looks and never writes ---------------------------------------------------------

_KILLED_WRITER = """
import os, sys
from pathlib import Path
from companion.store import Store
store = Store.open(Path(sys.argv[1]), bytes.fromhex(sys.argv[2]))
for n in range(20):
    store.set_setting(f"row-{n}", "x" * 500)
print("written", flush=True)
os.kill(os.getpid(), 9)
"""


def test_check_leaves_a_wal_from_a_killed_run_exactly_as_it_is(
    passphrase_profile: Unlocked, monkeypatch, capsys
) -> None:
    folder = passphrase_profile.profile.folder
    key = passphrase_profile.data_key
    passphrase_profile.close()
    subprocess.run(
        [PYTHON, "-c", _KILLED_WRITER, str(folder / "companion.db"), key.hex()],
        env=child_env(),
        capture_output=True,
        timeout=60,
    )
    wal = folder / "companion.db-wal"
    assert wal.stat().st_size > 0  # the writes are in the WAL, not yet in the file
    before = snapshot(folder, ignore=(".lock", "companion.db-shm"))
    monkeypatch.setenv("COMPANION_PASSPHRASE", PASSPHRASE)
    assert main(["--data-dir", str(folder), "check"]) == 0
    assert "good order" in capsys.readouterr().out
    assert snapshot(folder, ignore=(".lock", "companion.db-shm")) == before
    # and the writes the check saw are still there for the next real open
    store = Store.open(folder / "companion.db", key)
    assert store.get_setting("row-19") == "x" * 500
    store.close()


def test_check_cannot_write_even_if_asked(passphrase_profile: Unlocked) -> None:
    profile = passphrase_profile.profile
    passphrase_profile.close()
    looking = profile.open(passphrase_profile.data_key, migrate=False, read_only=True)
    with pytest.raises((StorageError, Exception)):
        looking.store.set_setting("user_name", "changed")
    looking.close()


# --- keys.json ---------------------------------------------------------------------------


def _keyfile(folder: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((folder / "keys.json").read_text())


KEYFILE_FAULTS: dict[str, Callable[[dict], bytes]] = {  # type: ignore[type-arg]
    "binary": lambda data: b"\x00\x9f\xff\xfe" + os.urandom(200),
    "latin-1": lambda data: json.dumps(data).replace('"', '"\xe9', 1).encode("latin-1"),
    "null": lambda data: b"null",
    "list": lambda data: b"[1, 2, 3]",
    "number": lambda data: b"42",
    "cut-short": lambda data: json.dumps(data).encode()[:60],
    "deep-nesting": lambda data: b"[" * 200_000 + b"]" * 200_000,
    "wrap-not-an-object": lambda data: json.dumps({**data, "passphrase": "x"}).encode(),
    "wrap-bad-base64": lambda data: json.dumps(
        {**data, "passphrase": {**data["passphrase"], "salt": "not base64!"}}
    ).encode(),
    "wrap-cost-is-text": lambda data: json.dumps(
        {**data, "passphrase": {**data["passphrase"], "n": "lots"}}
    ).encode(),
    "no-key-check": lambda data: json.dumps(
        {k: v for k, v in data.items() if k != "key_check"}
    ).encode(),
    "empty": lambda data: b"",
}


@pytest.mark.parametrize("fault", list(KEYFILE_FAULTS))
def test_a_damaged_keys_file_gets_its_own_plain_message(
    closed_profile: Path, fault: str, monkeypatch, capsys
) -> None:
    folder = closed_profile
    (folder / "keys.json").write_bytes(KEYFILE_FAULTS[fault](_keyfile(folder)))
    before = snapshot(folder, ignore=(".lock",))
    with pytest.raises(ProfileDamaged) as caught:
        Profile(folder).unlock_with_passphrase(PASSPHRASE)
    assert "keys.json" in caught.value.message
    assert "Nothing has been changed" in caught.value.message
    monkeypatch.setenv("COMPANION_PASSPHRASE", PASSPHRASE)
    for command in (["check"], ["export", "contacts", str(folder.parent / "x.vcf")]):
        assert main(["--data-dir", str(folder), *command]) == 1  # never 70
        assert "keys.json" in one_line(capsys.readouterr().err)
    assert snapshot(folder, ignore=(".lock",)) == before


def test_the_damaged_keys_file_messages_are_distinct(closed_profile: Path) -> None:
    original = _keyfile(closed_profile)
    messages = {}
    for fault in ("binary", "null", "cut-short", "wrap-bad-base64", "empty"):
        (closed_profile / "keys.json").write_bytes(KEYFILE_FAULTS[fault](original))
        with pytest.raises(ProfileDamaged) as caught:
            Profile(closed_profile).state()
        messages[fault] = caught.value.message
    assert len(set(messages.values())) == len(messages)


def test_a_byte_order_mark_is_accepted(closed_profile: Path) -> None:
    path = closed_profile / "keys.json"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    Profile(closed_profile).unlock_with_passphrase(PASSPHRASE).close()


def test_a_keys_file_from_a_newer_version_says_so(closed_profile: Path, monkeypatch, capsys):
    data = _keyfile(closed_profile)
    data["version"] = 7
    (closed_profile / "keys.json").write_text(json.dumps(data))
    with pytest.raises(ProfileDamaged) as caught:
        Profile(closed_profile).state()
    assert "newer version of Companion" in caught.value.message
    assert "damaged" not in caught.value.message
    monkeypatch.setenv("COMPANION_PASSPHRASE", PASSPHRASE)
    assert main(["--data-dir", str(closed_profile), "check"]) == 1
    assert "newer version" in one_line(capsys.readouterr().err)


@pytest.mark.parametrize(
    ("field", "value"),
    [("n", 2**40), ("n", 2**20 + 1), ("r", 10_000), ("p", 1_000_000)],
)
def test_absurd_scrypt_costs_are_refused_at_once(closed_profile: Path, field: str, value: int):
    data = _keyfile(closed_profile)
    data["passphrase"][field] = value
    (closed_profile / "keys.json").write_text(json.dumps(data))
    started = time.monotonic()
    with pytest.raises(ProfileDamaged) as caught:
        Profile(closed_profile).unlock_with_passphrase(PASSPHRASE)
    assert time.monotonic() - started < 2
    assert "far more work" in caught.value.message


def test_a_damaged_key_check_does_not_make_the_right_code_look_wrong(
    passphrase_profile: Unlocked,
) -> None:
    folder = passphrase_profile.profile.folder
    code = passphrase_profile.recovery_code or ""
    passphrase_profile.store.set_setting("user_name", "Ada")
    passphrase_profile.close()
    data = _keyfile(folder)
    data["key_check"] = "0" * 32
    (folder / "keys.json").write_text(json.dumps(data))
    unlocked = Profile(folder).unlock_with_recovery_code(code)
    assert unlocked.store.get_setting("user_name") == "Ada"
    unlocked.close()
    # Once the data accepted the key, the check is mended and the passphrase works again.
    assert read_keyfile(folder / "keys.json").matches(passphrase_profile.data_key)
    Profile(folder).unlock_with_passphrase(PASSPHRASE).close()
    with pytest.raises(WrongSecret):
        Profile(folder).unlock_with_passphrase("not the passphrase")


def test_keys_file_being_a_folder_is_said_plainly(closed_profile: Path) -> None:
    (closed_profile / "keys.json").unlink()
    (closed_profile / "keys.json").mkdir()
    with pytest.raises(CompanionError) as caught:
        Profile(closed_profile).state()
    assert "is a folder" in caught.value.message


# --- setup that was killed ------------------------------------------------------------------


def test_setup_killed_before_the_data_was_whole_starts_again(
    folder: Path, fake_vault: KeyringVault, memory_keyring
) -> None:
    profile = Profile(folder, fake_vault)
    profile.create("keyring").close()
    # as if killed while the database was being made: keys.json and a half-made file
    (folder / "companion.db").rename(folder / ".companion.db.setup")
    with pytest.raises(ProfileDamaged, match="interrupted"):
        Profile(folder, fake_vault).state()
    again = Profile(folder, fake_vault)
    again.acquire_lock()  # what a start does first
    assert again.state() is ProfileState.NEW
    assert memory_keyring.entries == {}
    again.create("keyring").close()
    again.lock.release()


def test_keys_file_being_a_pipe_never_waits(closed_profile: Path) -> None:
    (closed_profile / "keys.json").unlink()
    os.mkfifo(closed_profile / "keys.json")
    with pytest.raises(ProfileDamaged) as caught:
        Profile(closed_profile).state()
    assert "keys.json" in caught.value.message


# --- keys.json fuzzed: whatever it holds, a plain message and never a crash -------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=20,
)


def _mutations(original: dict) -> st.SearchStrategy:  # type: ignore[type-arg]
    """keys.json with one field, or one field of a wrap, replaced by anything."""
    fields = sorted(original)
    wrap_fields = ["salt", "nonce", "ciphertext", "n", "r", "p", "kdf"]
    top = st.tuples(st.sampled_from(fields + ["extra"]), _json_values).map(
        lambda change: {**original, change[0]: change[1]}
    )
    inner = st.tuples(
        st.sampled_from(["recovery", "passphrase"]), st.sampled_from(wrap_fields), _json_values
    ).map(lambda change: {**original, change[0]: {**original[change[0]], change[1]: change[2]}})
    return top | inner


@settings(
    max_examples=int(os.environ.get("COMPANION_FUZZ_EXAMPLES", 150)),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_any_keys_file_gives_a_plain_message_or_opens(closed_profile: Path, data) -> None:
    path = closed_profile / "keys.json"
    kept = closed_profile.parent / "keys.json.original"  # the fixture runs once for all examples
    if not kept.exists():
        kept.write_bytes(path.read_bytes())
    original = kept.read_bytes()
    content = data.draw(
        st.binary(max_size=300)
        | _mutations(json.loads(original)).map(lambda d: json.dumps(d).encode())
    )
    path.write_bytes(content)
    try:
        Profile(closed_profile).unlock_with_recovery_code("0" * 25).close()
    except CompanionError as error:
        assert error.message and "Traceback" not in error.message
    finally:
        path.write_bytes(original)
