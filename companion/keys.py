"""The database key, and the three ways to reach it.

One random 256-bit *data key* encrypts the database. It never changes when
the way of unlocking changes, so switching is cheap and safe:

* **Keyring**: the data key itself sits in the OS keyring under the service
  ``Companion`` and the profile's folder path. Starting needs no key
  derivation: the key goes straight to SQLCipher as a raw key.
* **Passphrase**: where no keyring works, the data key is stored in
  ``keys.json`` wrapped (AES-256-GCM) by a key derived from the passphrase
  with scrypt.
* **Recovery code**: always present, the data key wrapped the same way by a
  key derived from the recovery code. It opens the data when the keyring
  entry is lost or the passphrase forgotten.

``keys.json`` holds only wrapped keys and a key check value, never a key in
the clear, and is replaced atomically so a crash leaves the old or the new
version, never half of one.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from companion.errors import (
    BadRecoveryCode,
    CompanionError,
    KeyNotInKeyring,
    KeyringUnavailable,
    ProfileDamaged,
    StorageError,
    WrongSecret,
)
from companion.i18n import _

KEYRING_SERVICE = "Companion"
KEY_BYTES = 32
KEYFILE_VERSION = 1

# scrypt cost. 2**17 x 8 uses 128 MiB and about half a second: fine once at an
# unlock the person asked for, far too slow on every start (hence the keyring).
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1

# Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand
# has no look-alike letters.
_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CODE_GROUPS = 5
_CODE_GROUP_LEN = 5
_CODE_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})

Mode = Literal["keyring", "passphrase", "session"]


def new_data_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def key_check(data_key: bytes) -> str:
    """A value that tells whether a key is the right one without touching the database."""
    return hmac.new(data_key, b"companion key check v1", hashlib.sha256).hexdigest()[:32]


def sqlcipher_key_pragma(data_key: bytes) -> str:
    """The raw-key form SQLCipher takes without running its own key derivation."""
    return f"PRAGMA key = \"x'{data_key.hex()}'\""


# --- recovery codes -----------------------------------------------------------


def new_recovery_code() -> str:
    chars = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_GROUPS * _CODE_GROUP_LEN))
    return format_recovery_code(chars)


def format_recovery_code(chars: str) -> str:
    groups = [chars[i : i + _CODE_GROUP_LEN] for i in range(0, len(chars), _CODE_GROUP_LEN)]
    return "-".join(groups)


def normalize_recovery_code(text: str) -> str:
    """Accept a code typed with spaces, dashes, small letters or look-alikes."""
    chars = "".join(ch for ch in text.upper() if ch.isalnum()).translate(_CODE_LOOKALIKES)
    expected = _CODE_GROUPS * _CODE_GROUP_LEN
    if len(chars) != expected or any(ch not in _CODE_ALPHABET for ch in chars):
        raise BadRecoveryCode(
            _(
                "A recovery code has 25 letters and numbers in five groups, like "
                "ABCDE-12345-…. Please check what you typed and try again."
            )
        )
    return format_recovery_code(chars)


# --- wrapping -----------------------------------------------------------------


@dataclass(frozen=True)
class Wrap:
    """The data key encrypted with a key derived from a secret the person holds."""

    salt: str
    nonce: str
    ciphertext: str
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P
    kdf: str = "scrypt"

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Wrap:
        return cls(**{k: data[k] for k in ("salt", "nonce", "ciphertext", "n", "r", "p", "kdf")})


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _derive(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        secret.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=32
    )


def wrap_key(data_key: bytes, secret: str, purpose: str) -> Wrap:
    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # only when wrapping

    kek = _derive(secret, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    sealed = AESGCM(kek).encrypt(nonce, data_key, _aad(purpose))
    return Wrap(
        salt=_b64(salt),
        nonce=_b64(nonce),
        ciphertext=_b64(sealed),
        n=SCRYPT_N,
        r=SCRYPT_R,
        p=SCRYPT_P,
    )


def unwrap_key(wrap: Wrap, secret: str, purpose: str) -> bytes | None:
    """The data key, or None when the secret is not the right one."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        salt, nonce, sealed = _unb64(wrap.salt), _unb64(wrap.nonce), _unb64(wrap.ciphertext)
        kek = _derive(secret, salt, int(wrap.n), int(wrap.r), int(wrap.p))
        return AESGCM(kek).decrypt(nonce, sealed, _aad(purpose))
    except InvalidTag:
        return None
    except (ValueError, TypeError, MemoryError):  # damaged base64, impossible scrypt costs
        raise ProfileDamaged(
            _(
                "The file that holds the locks to your data (keys.json) is damaged. Nothing "
                "has been changed. If you have a copy of it, put it back and try again."
            )
        ) from None


def _aad(purpose: str) -> bytes:
    return f"companion keyfile v{KEYFILE_VERSION} {purpose}".encode()


# --- keys.json ----------------------------------------------------------------


@dataclass
class KeyFile:
    mode: Mode
    key_check: str
    recovery: Wrap | None = None
    passphrase: Wrap | None = None
    version: int = KEYFILE_VERSION
    updated: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))

    def to_json(self) -> str:
        data = asdict(self)
        return json.dumps(data, indent=2, sort_keys=True) + "\n"

    @classmethod
    def parse(cls, text: str) -> KeyFile:
        data = json.loads(text)
        if data.get("version") != KEYFILE_VERSION or data.get("mode") not in (
            "keyring",
            "passphrase",
            "session",
        ):
            raise ValueError("unknown key file")
        return cls(
            mode=data["mode"],
            key_check=str(data["key_check"]),
            recovery=Wrap.from_json(data["recovery"]) if data.get("recovery") else None,
            passphrase=Wrap.from_json(data["passphrase"]) if data.get("passphrase") else None,
            version=data["version"],
            updated=str(data.get("updated", "")),
        )

    def matches(self, data_key: bytes) -> bool:
        return hmac.compare_digest(self.key_check, key_check(data_key))


def read_keyfile(path: Path) -> KeyFile:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProfileDamaged(
            _(
                "The file that holds the locks to your data (keys.json) is missing from "
                "{folder}. Nothing has been changed. If you have a copy of it, put it back "
                "in that folder and start Companion again."
            ).format(folder=path.parent)
        ) from None
    except OSError as error:
        raise StorageError(
            _("Companion could not read {file}: {reason}").format(
                file=path, reason=error.strerror or error
            )
        ) from None
    try:
        return KeyFile.parse(text)
    except (ValueError, KeyError, TypeError):
        raise ProfileDamaged(
            _(
                "The file that holds the locks to your data ({file}) is damaged. Nothing has "
                "been changed. If you have a copy of it, put it back and try again."
            ).format(file=path)
        ) from None


def write_atomically(path: Path, text: str) -> None:
    """Replace a file so that a crash at any moment leaves the old or the new one."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise storage_error(error, path) from None


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def storage_error(error: OSError, path: Path) -> StorageError:
    import errno

    if error.errno == errno.ENOSPC:
        return StorageError(
            _("The disk is full, so nothing was saved. Free some space and try again.")
        )
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StorageError(
            _(
                "Companion is not allowed to write in {folder}, so nothing was saved. "
                "Choose a folder you can write to, or ask someone to check its permissions."
            ).format(folder=path.parent)
        )
    return StorageError(
        _("Companion could not save to {file}: {reason}").format(
            file=path, reason=error.strerror or error
        )
    )


# --- the keyring ----------------------------------------------------------------


class KeyringVault:
    """The OS keyring, with every way it can fail turned into a plain message.

    ``backend`` lets tests hand in a specific keyring backend (null, failing,
    a locked Secret Service); by default the one ``keyring`` picks is used.
    """

    def __init__(self, backend: Any = None) -> None:
        self._backend = backend

    def _keyring(self) -> Any:
        if self._backend is not None:
            return self._backend
        import keyring

        return keyring.get_keyring()

    def _check_backend(self) -> Any:
        try:
            backend = self._keyring()
        except Exception as error:  # keyring raises many kinds while probing backends
            raise self._unavailable(error) from None
        priority = getattr(backend, "priority", 1)
        module = type(backend).__module__
        if module.startswith(("keyring.backends.fail", "keyring.backends.null")) or (
            isinstance(priority, int | float) and priority <= 0
        ):
            raise self._unavailable(None)
        return backend

    @staticmethod
    def _unavailable(error: BaseException | None) -> KeyringUnavailable:
        name = type(error).__name__ if error else ""
        if name == "KeyringLocked":
            return KeyringUnavailable(
                _(
                    "Your computer's keyring is locked, so Companion cannot reach the key "
                    "to your data."
                )
            )
        return KeyringUnavailable(
            _("Companion cannot use your computer's keyring (the safe place for passwords).")
        )

    def describe(self) -> str:
        try:
            backend = self._keyring()
        except Exception:
            return "none"
        return f"{type(backend).__module__}.{type(backend).__name__}"

    def available(self) -> bool:
        """Whether the keyring can be used now: a backend exists and answers a read."""
        try:
            backend = self._check_backend()
            backend.get_password(KEYRING_SERVICE, "availability check")
        except Exception:  # unavailable, locked, refused: all mean "use a passphrase"
            return False
        return True

    @staticmethod
    def account(profile_dir: Path) -> str:
        return str(Path(profile_dir).resolve())

    def store(self, profile_dir: Path, data_key: bytes) -> None:
        """Put the key in the keyring and read it back, so a silent failure shows now."""
        backend = self._check_backend()
        account = self.account(profile_dir)
        try:
            backend.set_password(KEYRING_SERVICE, account, data_key.hex())
            stored = backend.get_password(KEYRING_SERVICE, account)
        except Exception as error:
            raise self._unavailable(error) from None
        if stored != data_key.hex():
            raise KeyringUnavailable(
                _("Your computer's keyring did not keep the key safely, so it was not used.")
            )

    def load(self, profile_dir: Path) -> bytes:
        backend = self._check_backend()
        try:
            stored = backend.get_password(KEYRING_SERVICE, self.account(profile_dir))
        except Exception as error:
            raise self._unavailable(error) from None
        if not stored:
            raise KeyNotInKeyring(
                _(
                    "The key to your data is no longer in your computer's keyring. This can "
                    "happen after the keyring was reset, the login password changed, or the "
                    "data was moved to another computer. Your data is safe: open it with your "
                    "recovery code."
                )
            )
        try:
            key = bytes.fromhex(stored)
        except ValueError:
            key = b""
        if len(key) != KEY_BYTES:
            raise KeyNotInKeyring(
                _(
                    "The key in your computer's keyring is not the right one for this data. "
                    "Your data is safe: open it with your recovery code."
                )
            )
        return key

    def delete(self, profile_dir: Path) -> None:
        """Remove the entry; a keyring that cannot be reached has nothing to remove."""
        try:
            backend = self._check_backend()
            backend.delete_password(KEYRING_SERVICE, self.account(profile_dir))
        except (CompanionError, Exception):  # absent entry or unreachable keyring
            return


# Hooks the crash tests use to stop a mode switch between two steps.
StepHook = Callable[[str], None]


def _no_hook(step: str) -> None:
    return None


@dataclass
class KeyManager:
    """Reads and changes how a profile's data key is reached, crash-safely."""

    keyfile_path: Path
    profile_dir: Path
    vault: KeyringVault = field(default_factory=KeyringVault)
    step_hook: StepHook = _no_hook

    def read(self) -> KeyFile:
        return read_keyfile(self.keyfile_path)

    def exists(self) -> bool:
        return self.keyfile_path.exists()

    def _write(self, keyfile: KeyFile) -> None:
        keyfile.updated = datetime.now(UTC).isoformat(timespec="seconds")
        write_atomically(self.keyfile_path, keyfile.to_json())

    # creating

    def create(self, mode: Mode, data_key: bytes, passphrase: str | None = None) -> str:
        """Write keys.json for a new profile and return its recovery code."""
        code = new_recovery_code()
        keyfile = KeyFile(
            mode=mode,
            key_check=key_check(data_key),
            recovery=wrap_key(data_key, code, "recovery") if mode != "session" else None,
        )
        if mode == "passphrase":
            if not passphrase:
                raise WrongSecret(_("Please choose a passphrase."))
            keyfile.passphrase = wrap_key(data_key, passphrase, "passphrase")
        if mode == "keyring":
            self.vault.store(self.profile_dir, data_key)
        self._write(keyfile)
        return code

    # opening

    def open_with_keyring(self) -> bytes:
        keyfile = self.read()
        key = self.vault.load(self.profile_dir)
        if not keyfile.matches(key):
            raise KeyNotInKeyring(
                _(
                    "The key in your computer's keyring is not the right one for this data. "
                    "Your data is safe: open it with your recovery code."
                )
            )
        return key

    def open_with_passphrase(self, passphrase: str) -> bytes:
        keyfile = self.read()
        if keyfile.passphrase is None:
            raise WrongSecret(_("This data is not protected by a passphrase."))
        key = unwrap_key(keyfile.passphrase, passphrase, "passphrase")
        if key is None or not keyfile.matches(key):
            raise WrongSecret(
                _(
                    "That passphrase did not open your data. Check that Caps Lock is off and "
                    "try again, or use your recovery code."
                )
            )
        return key

    def open_with_recovery_code(self, code: str) -> bytes:
        normal = normalize_recovery_code(code)
        keyfile = self.read()
        if keyfile.recovery is None:
            raise WrongSecret(_("This data has no recovery code."))
        key = unwrap_key(keyfile.recovery, normal, "recovery")
        if key is None or not keyfile.matches(key):
            raise WrongSecret(
                _(
                    "That recovery code did not open your data. Check each group of letters "
                    "and numbers and try again."
                )
            )
        return key

    # changing, each in an order where a crash between any two steps leaves
    # a way in that still works.

    def new_recovery_code(self, data_key: bytes) -> str:
        keyfile = self._checked(data_key)
        code = new_recovery_code()
        keyfile.recovery = wrap_key(data_key, code, "recovery")
        self._write(keyfile)
        return code

    def use_keyring(self, data_key: bytes) -> None:
        """Passphrase → keyring: the key goes into the keyring before the file says so."""
        keyfile = self._checked(data_key)
        self.vault.store(self.profile_dir, data_key)
        self.step_hook("stored-in-keyring")
        keyfile.mode = "keyring"
        keyfile.passphrase = None
        self._write(keyfile)
        self.step_hook("keyfile-written")

    def use_passphrase(self, data_key: bytes, passphrase: str) -> None:
        """Keyring → passphrase (or a new passphrase): the file first, the keyring last."""
        if not passphrase:
            raise WrongSecret(_("Please choose a passphrase."))
        keyfile = self._checked(data_key)
        was_keyring = keyfile.mode == "keyring"
        keyfile.mode = "passphrase"
        keyfile.passphrase = wrap_key(data_key, passphrase, "passphrase")
        self._write(keyfile)
        self.step_hook("keyfile-written")
        if was_keyring:
            self.vault.delete(self.profile_dir)
            self.step_hook("removed-from-keyring")

    def _checked(self, data_key: bytes) -> KeyFile:
        keyfile = self.read()
        if not keyfile.matches(data_key):
            raise WrongSecret(_("That key does not belong to this data."))
        return keyfile
