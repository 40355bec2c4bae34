"""The data key and the three ways in: keyring, passphrase, recovery code.

What a person must be able to count on: a wrong secret or a lost keyring entry
says so plainly and changes no byte of their data; the recovery code always
opens it; switching between keyring and passphrase survives a kill at any step.
"""

from __future__ import annotations

import base64
import json
import stat
from pathlib import Path

import keyring.backend
import keyring.backends.fail
import keyring.backends.null
import keyring.errors
import pytest

import companion.keys
from companion.errors import (
    BadRecoveryCode,
    KeyNotInKeyring,
    KeyringUnavailable,
    ProfileDamaged,
    WrongSecret,
)
from companion.keys import (
    KEYRING_SERVICE,
    KeyManager,
    KeyringVault,
    new_data_key,
    new_recovery_code,
    normalize_recovery_code,
    unwrap_key,
    wrap_key,
)
from companion.profile import Profile, ProfileState, Unlocked

from .conftest import PASSPHRASE
from .helpers import RECOVERY_CODE, snapshot

# --- recovery codes -----------------------------------------------------------


def test_new_recovery_codes_have_the_documented_shape_and_differ() -> None:
    codes = {new_recovery_code() for _ in range(50)}
    assert len(codes) == 50
    for code in codes:
        assert RECOVERY_CODE.match(code), code
        assert not set(code) & set("ILOU")


@pytest.mark.parametrize(
    "typed",
    [
        "abcde-12345-fghjk-mnpqr-stvwx",
        "ABCDE 12345 FGHJK MNPQR STVWX",
        "  abcde12345fghjkmnpqrstvwx \n",
        "ABCDE-12345-FGHJK-MNPQR-STVWX",
    ],
)
def test_recovery_code_typed_loosely_is_accepted(typed: str) -> None:
    assert normalize_recovery_code(typed) == "ABCDE-12345-FGHJK-MNPQR-STVWX"


def test_recovery_code_look_alike_letters_are_read_as_intended() -> None:
    # O is 0, I and L are 1, U is V: the code's alphabet has none of them.
    assert normalize_recovery_code("OOOOO-IIIII-LLLLL-UUUUU-ooiil") == (
        "00000-11111-11111-VVVVV-00111"
    )


@pytest.mark.parametrize(
    "typed",
    [
        "ABCDE-12345-FGHJK-MNPQR",
        "ABCDE-12345-FGHJK-MNPQR-STVWX-Z",
        "",
        "ABCDE-12345-FGHJK-MNPQR-STVW!",
    ],
)
def test_recovery_code_of_the_wrong_length_gets_a_plain_message(typed: str) -> None:
    with pytest.raises(BadRecoveryCode) as caught:
        normalize_recovery_code(typed)
    assert "25 letters and numbers" in caught.value.message
    assert "Traceback" not in caught.value.message


# --- wrapping -----------------------------------------------------------------


def test_wrap_opens_with_its_secret_only() -> None:
    key = new_data_key()
    wrap = wrap_key(key, "secret", "passphrase")
    assert unwrap_key(wrap, "secret", "passphrase") == key
    assert unwrap_key(wrap, "Secret", "passphrase") is None
    # A recovery wrap cannot stand in for a passphrase wrap.
    assert unwrap_key(wrap, "secret", "recovery") is None


def test_wrap_records_the_cost_it_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """A wrap must open with the parameters it stores, whatever SCRYPT_N was."""
    monkeypatch.setattr(companion.keys, "SCRYPT_N", 2**11)
    key = new_data_key()
    wrap = wrap_key(key, "secret", "passphrase")
    assert unwrap_key(wrap, "secret", "passphrase") == key
    assert wrap.n == 2**11


# --- keys.json ------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["keyring", "passphrase", "session"])
def test_keys_file_never_holds_the_data_key(
    folder: Path, fake_vault: KeyringVault, mode: str
) -> None:
    unlocked = Profile(folder, fake_vault).create(
        mode, PASSPHRASE if mode == "passphrase" else None
    )  # type: ignore[arg-type]
    unlocked.close()
    text = (folder / "keys.json").read_text()
    key = unlocked.data_key
    for form in (key.hex(), key.hex().upper(), base64.b64encode(key).decode()):
        assert form not in text
    assert PASSPHRASE not in text
    if unlocked.recovery_code:
        assert unlocked.recovery_code not in text
        assert unlocked.recovery_code.replace("-", "") not in text


def test_keys_file_stays_key_free_across_mode_switches(keyring_profile: Unlocked) -> None:
    profile, key = keyring_profile.profile, keyring_profile.data_key
    profile.keys.use_passphrase(key, PASSPHRASE)
    assert key.hex() not in profile.keyfile_path.read_text()
    profile.keys.use_keyring(key)
    profile.keys.new_recovery_code(key)
    text = profile.keyfile_path.read_text()
    assert key.hex() not in text
    assert base64.b64encode(key).decode() not in text


def test_keys_file_and_folder_are_private_to_the_user(passphrase_profile: Unlocked) -> None:
    folder = passphrase_profile.profile.folder
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "keys.json").stat().st_mode) == 0o600
    # The atomic replace leaves no temporary copies behind.
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_empty_passphrase_is_refused_before_anything_is_written(
    folder: Path, fake_vault: KeyringVault
) -> None:
    folder.mkdir()
    manager = KeyManager(folder / "keys.json", folder, fake_vault)
    with pytest.raises(WrongSecret, match="choose a password"):
        manager.create("passphrase", new_data_key(), "")
    assert list(folder.iterdir()) == []


def test_damaged_keys_file_is_reported_and_left_alone(passphrase_profile: Unlocked) -> None:
    profile = passphrase_profile.profile
    passphrase_profile.close()
    profile.keyfile_path.write_text('{"version": 1, "mode": "passph')
    before = snapshot(profile.folder)
    with pytest.raises(ProfileDamaged, match="damaged"):
        Profile(profile.folder).unlock_with_passphrase(PASSPHRASE)
    assert snapshot(profile.folder) == before


def test_keys_file_with_a_damaged_wrap_gets_a_plain_message(passphrase_profile: Unlocked) -> None:
    profile = passphrase_profile.profile
    passphrase_profile.close()
    data = json.loads(profile.keyfile_path.read_text())
    data["passphrase"]["salt"] = "not base64 at all!"
    profile.keyfile_path.write_text(json.dumps(data))
    before = snapshot(profile.folder)
    with pytest.raises((ProfileDamaged, WrongSecret)):
        Profile(profile.folder).unlock_with_passphrase(PASSPHRASE)
    assert snapshot(profile.folder) == before


# --- wrong secrets change nothing ------------------------------------------------------


def test_wrong_passphrase_says_so_and_changes_no_byte(passphrase_profile: Unlocked) -> None:
    profile = passphrase_profile.profile
    passphrase_profile.close()
    before = snapshot(profile.folder)
    with pytest.raises(WrongSecret) as caught:
        Profile(profile.folder).unlock_with_passphrase(PASSPHRASE + "!")
    assert "password did not open your data" in caught.value.message
    assert snapshot(profile.folder) == before
    Profile(profile.folder).unlock_with_passphrase(PASSPHRASE).close()


def test_wrong_recovery_code_says_so_and_changes_no_byte(passphrase_profile: Unlocked) -> None:
    profile = passphrase_profile.profile
    passphrase_profile.close()
    before = snapshot(profile.folder)
    wrong = new_recovery_code()
    assert wrong != passphrase_profile.recovery_code
    with pytest.raises(WrongSecret) as caught:
        Profile(profile.folder).unlock_with_recovery_code(wrong)
    assert "recovery code did not open your data" in caught.value.message
    with pytest.raises(BadRecoveryCode):
        Profile(profile.folder).unlock_with_recovery_code("12345")
    assert snapshot(profile.folder) == before


def test_recovery_code_opens_a_passphrase_profile_typed_loosely(
    passphrase_profile: Unlocked,
) -> None:
    profile = passphrase_profile.profile
    passphrase_profile.close()
    code = passphrase_profile.recovery_code
    assert code is not None
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    unlocked = Profile(profile.folder).unlock_with_recovery_code(typed)
    assert unlocked.data_key == passphrase_profile.data_key
    unlocked.close()


# --- the keyring entry goes missing or wrong -------------------------------------------------


def test_keyring_entry_lost_then_recovered(
    keyring_profile: Unlocked, memory_keyring, fake_vault
) -> None:
    profile = keyring_profile.profile
    keyring_profile.store.set_setting("user_name", "Ada")
    keyring_profile.close()
    memory_keyring.entries.clear()
    before = snapshot(profile.folder)

    fresh = Profile(profile.folder, fake_vault)
    assert fresh.state() is ProfileState.KEYRING
    with pytest.raises(KeyNotInKeyring) as caught:
        fresh.unlock_with_keyring()
    assert "no longer in your computer's password store" in caught.value.message
    assert "recovery code" in caught.value.message
    assert snapshot(profile.folder) == before

    recovered = fresh.unlock_with_recovery_code(keyring_profile.recovery_code or "")
    assert recovered.store.get_setting("user_name") == "Ada"
    assert fresh.restore_access(recovered) == "keyring"
    recovered.close()

    again = Profile(profile.folder, fake_vault).unlock_with_keyring()
    assert again.store.get_setting("user_name") == "Ada"
    again.close()


@pytest.mark.parametrize("stored", ["other profile's key", "not hex at all", "abcd"])
def test_keyring_holding_the_wrong_key_changes_no_byte(
    keyring_profile: Unlocked, memory_keyring, fake_vault, stored: str
) -> None:
    profile = keyring_profile.profile
    keyring_profile.close()
    account = KeyringVault.account(profile.folder)
    value = new_data_key().hex() if stored == "other profile's key" else stored
    memory_keyring.entries[(KEYRING_SERVICE, account)] = value
    before = snapshot(profile.folder)
    with pytest.raises(KeyNotInKeyring) as caught:
        Profile(profile.folder, fake_vault).unlock_with_keyring()
    assert "not the right one for this data" in caught.value.message
    assert snapshot(profile.folder) == before
    Profile(profile.folder, fake_vault).unlock_with_recovery_code(
        keyring_profile.recovery_code or ""
    ).close()


def test_two_profiles_keep_separate_keyring_entries(
    tmp_path: Path, fake_vault, memory_keyring
) -> None:
    first = Profile(tmp_path / "one", fake_vault).create("keyring")
    second = Profile(tmp_path / "two", fake_vault).create("keyring")
    first.close()
    second.close()
    assert len(memory_keyring.entries) == 2
    assert Profile(tmp_path / "one", fake_vault).unlock_with_keyring().data_key == first.data_key
    Profile(tmp_path / "two", fake_vault).unlock_with_keyring().close()


# --- keyrings that do not work ----------------------------------------------------------------


class LockedKeyring(keyring.backend.KeyringBackend):
    """A Secret Service whose collection is locked and cannot be unlocked."""

    priority = 1  # type: ignore[assignment]
    viable = False  # type: ignore[assignment]  # keyring's own detection must not pick it

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")


@pytest.mark.parametrize("backend", [keyring.backends.null.Keyring, keyring.backends.fail.Keyring])
def test_keyring_that_does_not_exist_is_not_offered(backend: type) -> None:
    vault = KeyringVault(backend=backend())
    assert vault.available() is False
    with pytest.raises(KeyringUnavailable) as caught:
        vault.store(Path("/nowhere"), new_data_key())
    assert "cannot use your computer's password store" in caught.value.message


def test_locked_keyring_says_it_is_locked() -> None:
    vault = KeyringVault(backend=LockedKeyring())
    with pytest.raises(KeyringUnavailable) as caught:
        vault.store(Path("/nowhere"), new_data_key())
    assert "password store is locked" in caught.value.message
    with pytest.raises(KeyringUnavailable, match="password store is locked"):
        vault.load(Path("/nowhere"))


class ForgetfulKeyring(LockedKeyring):
    """Says it stored the key, but has nothing when asked."""

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        return None


def test_keyring_that_forgets_what_it_was_given_is_not_trusted() -> None:
    with pytest.raises(KeyringUnavailable, match="did not keep the key"):
        KeyringVault(backend=ForgetfulKeyring()).store(Path("/nowhere"), new_data_key())


@pytest.mark.parametrize(
    "backend",
    [keyring.backends.null.Keyring, keyring.backends.fail.Keyring, LockedKeyring],
    ids=["null", "fail", "locked"],
)
def test_without_a_working_keyring_the_passphrase_path_works(folder: Path, backend: type) -> None:
    profile = Profile(folder, KeyringVault(backend=backend()))
    with pytest.raises(KeyringUnavailable):
        profile.create("keyring")
    # Nothing half-made is left to confuse the next attempt.
    assert profile.state() is ProfileState.NEW
    assert not (folder / "keys.json").exists()
    assert not (folder / "companion.db").exists()

    unlocked = profile.create("passphrase", PASSPHRASE)
    unlocked.store.set_setting("user_name", "Ada")
    unlocked.close()
    again = Profile(folder, KeyringVault(backend=backend()))
    assert again.state() is ProfileState.PASSPHRASE
    reopened = again.unlock_with_passphrase(PASSPHRASE)
    assert reopened.store.get_setting("user_name") == "Ada"
    reopened.close()


def test_keyring_locked_later_keeps_data_safe_and_recovery_works(keyring_profile: Unlocked) -> None:
    profile = keyring_profile.profile
    keyring_profile.close()
    before = snapshot(profile.folder)
    locked = Profile(profile.folder, KeyringVault(backend=LockedKeyring()))
    with pytest.raises(KeyringUnavailable, match="locked"):
        locked.unlock_with_keyring()
    assert snapshot(profile.folder) == before
    locked.unlock_with_recovery_code(keyring_profile.recovery_code or "").close()


# --- new recovery code ----------------------------------------------------------------------


def test_a_new_recovery_code_replaces_the_old_one(passphrase_profile: Unlocked) -> None:
    profile = passphrase_profile.profile
    old = passphrase_profile.recovery_code or ""
    new = profile.keys.new_recovery_code(passphrase_profile.data_key)
    assert RECOVERY_CODE.match(new) and new != old
    passphrase_profile.close()
    with pytest.raises(WrongSecret):
        Profile(profile.folder).unlock_with_recovery_code(old)
    Profile(profile.folder).unlock_with_recovery_code(new).close()
    Profile(profile.folder).unlock_with_passphrase(PASSPHRASE).close()


def test_changing_keys_with_a_foreign_key_is_refused(passphrase_profile: Unlocked) -> None:
    profile = passphrase_profile.profile
    before = (profile.folder / "keys.json").read_bytes()
    with pytest.raises(WrongSecret):
        profile.keys.use_passphrase(new_data_key(), "another")
    with pytest.raises(WrongSecret):
        profile.keys.new_recovery_code(new_data_key())
    assert (profile.folder / "keys.json").read_bytes() == before


# --- switching survives a kill at every step ----------------------------------------------------


class Killed(BaseException):
    """Stands for the process dying between two steps (nothing after it runs)."""


def _kill_at(step_name: str):
    def hook(step: str) -> None:
        if step == step_name:
            raise Killed(step)

    return hook


def _opens_the_way_it_says(folder: Path, vault: KeyringVault, passphrases: list[str]) -> bytes:
    """Open the profile the way its state tells the app to, as a fresh start would."""
    profile = Profile(folder, vault)
    state = profile.state()
    if state is ProfileState.KEYRING:
        unlocked = profile.unlock_with_keyring()
    else:
        assert state is ProfileState.PASSPHRASE
        for phrase in passphrases:
            try:
                unlocked = profile.unlock_with_passphrase(phrase)
                break
            except WrongSecret:
                continue
        else:
            pytest.fail("no passphrase opens a profile that says it needs one")
    assert unlocked.store.get_setting("user_name") == "Ada"
    unlocked.close()
    return unlocked.data_key


@pytest.mark.parametrize("step", ["stored-in-keyring", "keyfile-written", None])
def test_passphrase_to_keyring_survives_a_kill(
    passphrase_profile: Unlocked, fake_vault, step
) -> None:
    profile = passphrase_profile.profile
    passphrase_profile.store.set_setting("user_name", "Ada")
    steps: list[str] = []
    profile.keys.step_hook = _kill_at(step) if step else steps.append
    try:
        profile.keys.use_keyring(passphrase_profile.data_key)
    except Killed:
        pass
    else:
        assert step is None and steps == ["stored-in-keyring", "keyfile-written"]
    passphrase_profile.close()

    key = _opens_the_way_it_says(profile.folder, fake_vault, [PASSPHRASE])
    assert key == passphrase_profile.data_key
    Profile(profile.folder, fake_vault).unlock_with_recovery_code(
        passphrase_profile.recovery_code or ""
    ).close()
    if step is None:
        assert Profile(profile.folder, fake_vault).state() is ProfileState.KEYRING


@pytest.mark.parametrize(
    "step", ["keyfile-written", "removed-from-keyring", "cleanup-recorded", None]
)
def test_keyring_to_passphrase_survives_a_kill(
    keyring_profile: Unlocked, fake_vault, memory_keyring, step
) -> None:
    profile = keyring_profile.profile
    keyring_profile.store.set_setting("user_name", "Ada")
    steps: list[str] = []
    profile.keys.step_hook = _kill_at(step) if step else steps.append
    try:
        profile.keys.use_passphrase(keyring_profile.data_key, "new passphrase")
    except Killed:
        pass
    else:
        assert step is None and steps == [
            "keyfile-written",
            "removed-from-keyring",
            "cleanup-recorded",
        ]
    keyring_profile.close()

    key = _opens_the_way_it_says(profile.folder, fake_vault, ["new passphrase"])
    assert key == keyring_profile.data_key
    Profile(profile.folder, fake_vault).unlock_with_recovery_code(
        keyring_profile.recovery_code or ""
    ).close()
    if step is None:
        assert Profile(profile.folder, fake_vault).state() is ProfileState.PASSPHRASE
        assert memory_keyring.entries == {}
    # Whatever the moment of the kill, the next start takes the key out of the keyring.
    again = Profile(profile.folder, fake_vault)
    again.acquire_lock()
    again.lock.release()
    assert memory_keyring.entries == {}
    assert "keyring_cleanup" not in (profile.folder / "keys.json").read_text()


@pytest.mark.parametrize("step", ["keyfile-written", None])
def test_changing_the_passphrase_survives_a_kill(
    passphrase_profile: Unlocked, fake_vault, step
) -> None:
    profile = passphrase_profile.profile
    passphrase_profile.store.set_setting("user_name", "Ada")
    profile.keys.step_hook = _kill_at(step) if step else (lambda s: None)
    try:
        profile.keys.use_passphrase(passphrase_profile.data_key, "second passphrase")
    except Killed:
        pass
    passphrase_profile.close()
    _opens_the_way_it_says(profile.folder, fake_vault, [PASSPHRASE, "second passphrase"])
    # Once the new file is written, the new passphrase is the one that works.
    Profile(profile.folder, fake_vault).unlock_with_passphrase("second passphrase").close()
    with pytest.raises(WrongSecret):
        Profile(profile.folder, fake_vault).unlock_with_passphrase(PASSPHRASE)


# --- keyring to passphrase: finish or say why ---------------------------------------------


class StickyKeyring(keyring.backend.KeyringBackend):
    """Answers reads, but refuses to delete (a keyring that locks between two calls)."""

    priority = 1  # type: ignore[assignment]
    viable = False  # type: ignore[assignment]

    def __init__(self, entries: dict[tuple[str, str], str]) -> None:
        super().__init__()
        self.entries = entries

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")


def test_switch_with_a_locked_keyring_changes_nothing_and_says_so(
    keyring_profile: Unlocked, memory_keyring
) -> None:
    folder = keyring_profile.profile.folder
    before = snapshot(folder, ignore=(".lock",))
    keys = KeyManager(folder / "keys.json", folder, KeyringVault(backend=LockedKeyring()))
    with pytest.raises(KeyringUnavailable) as caught:
        keys.use_passphrase(keyring_profile.data_key, "a new passphrase")
    assert "password store is locked" in caught.value.message
    assert "nothing was changed" in caught.value.message
    assert snapshot(folder, ignore=(".lock",)) == before
    assert memory_keyring.entries  # the key is still where keys.json says it is


def test_switch_whose_keyring_delete_fails_reports_it_and_the_next_start_finishes(
    keyring_profile: Unlocked, fake_vault, memory_keyring
) -> None:
    folder = keyring_profile.profile.folder
    keys = KeyManager(
        folder / "keys.json", folder, KeyringVault(backend=StickyKeyring(memory_keyring.entries))
    )
    with pytest.raises(KeyringUnavailable) as caught:
        keys.use_passphrase(keyring_profile.data_key, "a new passphrase")
    assert "now opens with your new password" in caught.value.message
    assert "try again each time Companion starts" in caught.value.message
    keyring_profile.close()
    assert memory_keyring.entries  # still there, and keys.json knows it
    assert json.loads((folder / "keys.json").read_text())["keyring_cleanup"] is True
    profile = Profile(folder, fake_vault)
    assert profile.state() is ProfileState.PASSPHRASE
    profile.unlock_with_passphrase("a new passphrase").close()
    # The next start, with a keyring that works again, removes the key for good.
    profile.acquire_lock()
    profile.lock.release()
    assert memory_keyring.entries == {}
    assert "keyring_cleanup" not in (folder / "keys.json").read_text()
    with pytest.raises(KeyNotInKeyring):
        fake_vault.load(folder)


def test_a_start_with_the_keyring_still_locked_tries_again_later(
    keyring_profile: Unlocked, memory_keyring
) -> None:
    folder = keyring_profile.profile.folder
    sticky = KeyringVault(backend=StickyKeyring(memory_keyring.entries))
    with pytest.raises(KeyringUnavailable):
        KeyManager(folder / "keys.json", folder, sticky).use_passphrase(
            keyring_profile.data_key, "a new passphrase"
        )
    keyring_profile.close()
    locked = Profile(folder, KeyringVault(backend=LockedKeyring()))
    locked.acquire_lock()  # never raises for this
    locked.lock.release()
    assert json.loads((folder / "keys.json").read_text())["keyring_cleanup"] is True


def test_a_one_letter_passphrase_is_refused_everywhere(
    keyring_profile: Unlocked, folder: Path
) -> None:
    before = snapshot(folder, ignore=(".lock",))
    with pytest.raises(WrongSecret, match="at least 8 characters"):
        keyring_profile.profile.keys.use_passphrase(keyring_profile.data_key, "x")
    assert snapshot(folder, ignore=(".lock",)) == before
    with pytest.raises(WrongSecret, match="at least 8 characters"):
        Profile(folder.parent / "other").create("passphrase", "x")
    assert not (folder.parent / "other" / "keys.json").exists()


def test_the_command_refuses_a_one_letter_passphrase(folder: Path, monkeypatch, capsys) -> None:
    from companion.cli import main

    monkeypatch.setenv("COMPANION_PASSPHRASE", "x")
    assert main(["--data-dir", str(folder), "init", "--passphrase"]) == 1
    assert "at least 8 characters" in capsys.readouterr().err
    assert Profile(folder).state() is ProfileState.NEW


def test_the_keyring_is_chosen_directly_unless_the_person_configured_it(monkeypatch) -> None:
    import keyring.core

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    # keyring keeps the backend it chose first in this process: let it choose again
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    assert companion.keys._direct_backend() is None
    assert KeyringVault().available() is False  # keyring's own choice was honoured


def test_recovery_with_a_broken_keyring_moves_to_a_passphrase_and_cleans_up_later(
    keyring_profile: Unlocked, fake_vault, memory_keyring
) -> None:
    folder = keyring_profile.profile.folder
    code = keyring_profile.recovery_code or ""
    keyring_profile.close()
    broken = Profile(folder, KeyringVault(backend=LockedKeyring()))
    unlocked = broken.unlock_with_recovery_code(code)
    assert broken.restore_access(unlocked, "a passphrase for now") == "passphrase"
    unlocked.close()
    assert broken.state() is ProfileState.PASSPHRASE
    assert memory_keyring.entries  # could not be reached: still there, and noted
    # Once the keyring works again, a start removes the key left in it.
    working = Profile(folder, fake_vault)
    working.acquire_lock()
    working.lock.release()
    assert memory_keyring.entries == {}
    working.unlock_with_passphrase("a passphrase for now").close()


# --- the Secret Service as a start reads it (jeepney, the "plain" algorithm) ------------


class PretendSecretService:
    """The Secret Service on a pretend bus: answers the reader's D-Bus calls from memory."""

    def __init__(
        self,
        entries: dict[tuple[str, str], str],
        *,
        locked: bool = False,
        person_unlocks: bool = True,
        has_default: bool = True,
    ) -> None:
        self.entries = entries
        self.locked = locked
        self.person_unlocks = person_unlocks
        self.has_default = has_default
        self.calls: list[str] = []
        self.algorithms: list[str] = []
        self.closed = False

    def send_and_get_reply(self, message, **_ignored):  # type: ignore[no-untyped-def]
        from jeepney import HeaderFields, new_error, new_method_return

        path = message.header.fields[HeaderFields.path]
        member = message.header.fields[HeaderFields.member]
        self.calls.append(member)
        found = list(self.entries)
        if member == "Get":  # the Locked property of the collection or an item
            if path.endswith("/aliases/default") and not self.has_default:
                return new_error(message, "org.freedesktop.Secret.Error.NoSuchObject")
            return new_method_return(message, "v", (("b", self.locked),))
        if member == "SearchItems":
            (wanted,) = message.body
            paths = [
                f"/item/{n}"
                for n, (service, user) in enumerate(found)
                if wanted == {"service": service, "username": user}
            ]
            return new_method_return(message, "ao", (paths,))
        if member == "Unlock":
            return new_method_return(message, "aoo", ([], "/prompt/1"))
        if member == "Prompt":
            if self.person_unlocks:
                self.locked = False
            return new_method_return(message)
        if member == "OpenSession":
            self.algorithms.append(message.body[0])
            return new_method_return(message, "vo", (("s", ""), "/session/1"))
        if member == "GetSecret":
            n = int(path.rsplit("/", 1)[1])
            secret = self.entries[found[n]].encode()
            return new_method_return(message, "(oayays)", ((message.body[0], b"", secret, "t"),))
        return new_method_return(message)  # AddMatch

    def filter(self, rule):  # type: ignore[no-untyped-def]
        import contextlib

        return contextlib.nullcontext([])

    def recv_until_filtered(self, queue, **_ignored):  # type: ignore[no-untyped-def]
        import types

        return types.SimpleNamespace(body=(not self.person_unlocks, ("ao", [])))

    def close(self) -> None:
        self.closed = True


def test_a_start_reads_the_key_in_plain_over_the_local_bus_and_closes_it(folder: Path) -> None:
    key = new_data_key()
    account = KeyringVault.account(folder)
    bus = PretendSecretService({(KEYRING_SERVICE, account): key.hex(), ("Other", account): "x"})
    reader = companion.keys.SecretService(bus)
    assert KeyringVault(backend=reader).load(folder) == key
    assert bus.algorithms == ["plain"]  # no key exchange, so no cryptography to load
    assert "Unlock" not in bus.calls  # an open keyring asks the person nothing
    assert bus.closed


def test_no_default_collection_reads_as_no_key_and_creates_nothing(folder: Path) -> None:
    bus = PretendSecretService({}, has_default=False)
    with pytest.raises(KeyNotInKeyring):
        KeyringVault(backend=companion.keys.SecretService(bus)).load(folder)
    assert bus.calls == ["Get"]


def test_a_locked_keyring_asks_the_person_and_then_opens(folder: Path) -> None:
    key = new_data_key()
    bus = PretendSecretService({(KEYRING_SERVICE, KeyringVault.account(folder)): key.hex()})
    bus.locked = True
    assert KeyringVault(backend=companion.keys.SecretService(bus)).load(folder) == key
    assert "Prompt" in bus.calls


def test_a_locked_keyring_whose_prompt_is_dismissed_says_it_is_locked(folder: Path) -> None:
    key = new_data_key()
    bus = PretendSecretService(
        {(KEYRING_SERVICE, KeyringVault.account(folder)): key.hex()},
        locked=True,
        person_unlocks=False,
    )
    with pytest.raises(KeyringUnavailable, match="password store is locked"):
        KeyringVault(backend=companion.keys.SecretService(bus)).load(folder)
    assert "GetSecret" not in bus.calls
    assert bus.closed
