"""The database key, and the three ways to reach it.

One random 256-bit *data key* encrypts the database. It never changes when
the way of unlocking changes, so switching is cheap and safe:

* **Keyring**: the data key itself sits in the OS keyring under the service
  ``Companion`` and the profile's folder path. Starting needs no key
  derivation: the key goes straight to SQLCipher as a raw key. On Linux a
  start reads it from the Secret Service over D-Bus without encrypting that
  local hop (the ``plain`` algorithm), so it need not load ``cryptography``:
  ``SecretService`` says why that gives nothing away.
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
import importlib
import json
import os
import stat
import sys
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

# The Secret Service reader's D-Bus library (Linux), loaded by the first reader
# (``_load_jeepney``). At start that is the child process that reads the key beside Qt's start
# (``companion.early.KeyFromChild``), so the window's own process never loads it; should the
# child not manage, the window reads the key itself on its main thread. Never from a thread
# while PySide6 is imported: PySide6 swaps Python's import function for its own as it loads,
# and an import made by another thread meanwhile can crash the process (seen once in ~300
# starts when the unlock thread imported jeepney itself).
jeepney: Any = None


def _load_jeepney() -> Any:
    """``jeepney`` with the parts the reader uses; ImportError where it is not installed."""
    global jeepney
    if jeepney is None:
        import jeepney.io.blocking  # binds the global name: the package, these parts loaded
        import jeepney.wrappers
    return jeepney


KEYRING_SERVICE = "Companion"
KEY_BYTES = 32
KEYFILE_VERSION = 1

# scrypt cost. 2**17 x 8 uses 128 MiB and about half a second: fine once at an
# unlock the person asked for, far too slow on every start (hence the keyring).
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1

# What a keys.json may ask for. A file that asks for more is refused rather than
# obeyed: a damaged or planted file must not make an unlock run for hours or
# take all the memory.
SCRYPT_MAX_N = 2**20
SCRYPT_MAX_R = 32
SCRYPT_MAX_P = 16
SCRYPT_MAX_MEMORY = 256 * 1024 * 1024
KEYFILE_MAX_BYTES = 64 * 1024

# The one rule for a new passphrase, for the window and the command alike.
MIN_PASSPHRASE_LENGTH = 8

# Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand
# has no look-alike letters.
_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CODE_GROUPS = 5
_CODE_GROUP_LEN = 5
_CODE_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})

Mode = Literal["keyring", "passphrase", "session"]


def new_data_key() -> bytes:
    return os.urandom(KEY_BYTES)  # what secrets.token_bytes gives


# A start checks the key from the keyring against keys.json with HMAC-SHA-256. Python's
# ``hashlib`` and ``hmac`` load the system OpenSSL as they are imported (~3.5 MiB of memory
# at every start, for one hash of 22 bytes); Python's own SHA-256 needs none of it. The
# HMAC construction (RFC 2104) is a few lines; tests/core/test_store_start_up.py checks it against
# ``hmac`` for keys of every length that matters. ``hashlib`` is still used for scrypt.
_SHA256_BLOCK = 64


def _python_sha256() -> Callable[..., Any]:
    """CPython's built-in SHA-256 (``_sha256``; ``_sha2`` from 3.12), else hashlib's."""
    for name in ("_sha256", "_sha2"):
        try:
            return importlib.import_module(name).sha256
        except (ImportError, AttributeError):
            continue
    import hashlib

    return hashlib.sha256


# Found as this module is imported, on the main thread: the thread that unlocks at start
# must import nothing (see jeepney above).
_SHA256 = _python_sha256()
try:
    from _operator import _compare_digest  # what hmac.compare_digest is without OpenSSL
except ImportError:  # not CPython
    _compare_digest = None  # type: ignore[assignment]


def hmac_sha256(key: bytes, message: bytes) -> bytes:
    """HMAC-SHA-256 (RFC 2104), the same bytes as ``hmac.new(key, message, "sha256")``."""
    sha256 = _SHA256
    if len(key) > _SHA256_BLOCK:
        key = sha256(key).digest()
    key = key.ljust(_SHA256_BLOCK, b"\0")
    inner = sha256(bytes(byte ^ 0x36 for byte in key) + message).digest()
    return sha256(bytes(byte ^ 0x5C for byte in key) + inner).digest()


def _same_text(a: str, b: str) -> bool:
    """Compare without an early exit, as ``hmac.compare_digest`` does (which loads OpenSSL)."""
    if _compare_digest is not None:
        return bool(_compare_digest(a.encode("utf-8"), b.encode("utf-8")))
    import hmac

    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))


def key_check(data_key: bytes) -> str:
    """A value that tells whether a key is the right one without touching the database."""
    return hmac_sha256(data_key, b"companion key check v1").hex()[:32]


def sqlcipher_key_pragma(data_key: bytes) -> str:
    """The raw-key form SQLCipher takes without running its own key derivation."""
    return f"PRAGMA key = \"x'{data_key.hex()}'\""


# --- recovery codes -----------------------------------------------------------


def new_recovery_code() -> str:
    import secrets

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
    def from_json(cls, data: Any) -> Wrap:
        """A wrap read from keys.json, refused (ValueError) unless every field is sound."""
        if not isinstance(data, dict):
            raise ValueError("a wrap is not an object")
        for name in ("salt", "nonce", "ciphertext", "kdf"):
            if not isinstance(data.get(name), str):
                raise ValueError(f"wrap field {name} is not text")
        for name in ("n", "r", "p"):
            value = data.get(name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"wrap field {name} is not a positive whole number")
        if data["kdf"] != "scrypt":
            raise ValueError("unknown key derivation")
        wrap = cls(**{k: data[k] for k in ("salt", "nonce", "ciphertext", "n", "r", "p", "kdf")})
        try:
            salt, nonce, sealed = _unb64(wrap.salt), _unb64(wrap.nonce), _unb64(wrap.ciphertext)
        except (ValueError, UnicodeEncodeError):
            raise ValueError("wrap is not base64") from None
        if len(salt) < 8 or len(nonce) != 12 or len(sealed) != KEY_BYTES + 16:
            raise ValueError("wrap has the wrong sizes")
        return wrap

    def costs_are_sane(self) -> bool:
        """Whether the scrypt costs are within what Companion ever writes, with room to grow."""
        n, r, p = self.n, self.r, self.p
        return (
            n >= 2
            and n & (n - 1) == 0
            and n <= SCRYPT_MAX_N
            and r <= SCRYPT_MAX_R
            and p <= SCRYPT_MAX_P
            and 128 * n * r + 128 * r * p <= SCRYPT_MAX_MEMORY
        )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _derive(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    import hashlib

    return hashlib.scrypt(
        secret.encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        maxmem=SCRYPT_MAX_MEMORY + 1024 * 1024,
        dklen=32,
    )


def passphrase_problem(passphrase: str) -> str | None:
    """What is wrong with a new passphrase, in plain words, or None (one rule for all)."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        return _("The password needs at least {count} characters.").format(
            count=MIN_PASSPHRASE_LENGTH
        )
    return None


def check_new_passphrase(passphrase: str | None) -> str:
    """The passphrase, or WrongSecret with a plain message when it is empty or too short."""
    if not passphrase:
        raise WrongSecret(_("Please choose a password."))
    problem = passphrase_problem(passphrase)
    if problem:
        raise WrongSecret(problem + " " + _("Nothing was changed."))
    return passphrase


def wrap_key(data_key: bytes, secret: str, purpose: str) -> Wrap:
    salt = os.urandom(16)  # what secrets.token_bytes gives
    nonce = os.urandom(12)
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

    if not wrap.costs_are_sane():
        raise ProfileDamaged(
            _(
                "The file that holds the locks to your data (keys.json) asks for far more "
                "work than Companion ever sets, so it was not used: it is damaged or was "
                "changed by someone else. Nothing has been changed. If you have a copy of it, "
                "put it back and try again."
            )
        )
    try:
        salt, nonce, sealed = _unb64(wrap.salt), _unb64(wrap.nonce), _unb64(wrap.ciphertext)
        kek = _derive(secret, salt, int(wrap.n), int(wrap.r), int(wrap.p))
        return AESGCM(kek).decrypt(nonce, sealed, _aad(purpose))
    except InvalidTag:
        return None
    except (ValueError, TypeError, MemoryError):  # damaged base64, impossible scrypt costs
        raise _damaged_keyfile(None) from None


def _aad(purpose: str) -> bytes:
    return f"companion keyfile v{KEYFILE_VERSION} {purpose}".encode()


# --- keys.json ----------------------------------------------------------------


class KeyFileTooNew(ValueError):
    """keys.json says it was written by a newer Companion."""


class KeyFileShape(ValueError):
    """keys.json is JSON, but not the shape Companion writes."""


class WrapDamaged(ValueError):
    """One of the wrapped keys in keys.json is not sound."""


def _wrap_or_none(data: Any) -> Wrap | None:
    if not data:
        return None
    try:
        return Wrap.from_json(data)
    except ValueError as error:
        raise WrapDamaged(str(error)) from None


@dataclass
class KeyFile:
    """What keys.json holds: how the data is opened, its key check, and the wrapped keys."""

    mode: Mode
    key_check: str
    recovery: Wrap | None = None
    passphrase: Wrap | None = None
    version: int = KEYFILE_VERSION
    updated: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    # Set while a key that was moved out of the keyring may still be there: the
    # next start removes it (a kill or a locked keyring can stop the removal).
    keyring_cleanup: bool = False

    def to_json(self) -> str:
        data = asdict(self)
        if not self.keyring_cleanup:
            del data["keyring_cleanup"]
        return json.dumps(data, indent=2, sort_keys=True) + "\n"

    @classmethod
    def parse(cls, text: str) -> KeyFile:
        """Read keys.json; KeyFileTooNew, KeyFileShape or ValueError say what is wrong."""
        data = json.loads(text)
        if not isinstance(data, dict):
            raise KeyFileShape("not an object")
        version = data.get("version")
        if isinstance(version, int) and not isinstance(version, bool) and version > KEYFILE_VERSION:
            raise KeyFileTooNew(str(version))
        if version != KEYFILE_VERSION or data.get("mode") not in (
            "keyring",
            "passphrase",
            "session",
        ):
            raise KeyFileShape("unknown key file")
        check = data.get("key_check")
        if not isinstance(check, str):
            raise KeyFileShape("no key check")
        return cls(
            mode=data["mode"],
            key_check=check,
            recovery=_wrap_or_none(data.get("recovery")),
            passphrase=_wrap_or_none(data.get("passphrase")),
            version=version,
            updated=str(data.get("updated", "")),
            keyring_cleanup=data.get("keyring_cleanup") is True,
        )

    def matches(self, data_key: bytes) -> bool:
        return _same_text(self.key_check, key_check(data_key))


def _damaged_keyfile(path: Path | None) -> ProfileDamaged:
    return ProfileDamaged(
        _(
            "The file that holds the locks to your data ({file}) is damaged. Nothing has "
            "been changed. If you have a copy of it, put it back and try again."
        ).format(file=path if path is not None else KEYFILE_NAME)
    )


KEYFILE_NAME = "keys.json"


def read_keyfile(path: Path) -> KeyFile:
    """keys.json, or a plain message that says what is wrong with it (never a crash)."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device would never end
            raise _damaged_keyfile(path)
        raw = path.read_bytes() if info.st_size <= KEYFILE_MAX_BYTES else None
    except FileNotFoundError:
        raise ProfileDamaged(
            _(
                "The file that holds the locks to your data (keys.json) is missing from "
                "{folder}. Nothing has been changed. If you have a copy of it, put it back "
                "in that folder and start Companion again."
            ).format(folder=path.parent)
        ) from None
    except IsADirectoryError:
        raise ProfileDamaged(
            _(
                "{file} should be a file but is a folder. Nothing has been changed. If you "
                "have a copy of the file keys.json, put it back in its place and try again."
            ).format(file=path)
        ) from None
    except OSError as error:
        raise StorageError(
            _("Companion could not read {file}: {reason}").format(
                file=path, reason=error.strerror or error
            )
        ) from None
    if raw is None:
        raise ProfileDamaged(
            _(
                "The file that holds the locks to your data ({file}) is far too large to be "
                "Companion's, so it was not used. Nothing has been changed. If you have a copy "
                "of it, put it back and try again."
            ).format(file=path)
        )
    if not raw.strip():
        raise ProfileDamaged(
            _(
                "The file that holds the locks to your data ({file}) is empty. Nothing has "
                "been changed. If you have a copy of it, put it back and try again; otherwise "
                "a backup of keys.json is needed, as your recovery code is kept in it too."
            ).format(file=path)
        )
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark added by an editor is harmless
    except UnicodeDecodeError:
        raise ProfileDamaged(
            _(
                "The file that holds the locks to your data ({file}) is not text any more: "
                "it was damaged or overwritten. Nothing has been changed. If you have a copy "
                "of it, put it back and try again."
            ).format(file=path)
        ) from None
    try:
        return KeyFile.parse(text)
    except KeyFileTooNew:
        raise ProfileDamaged(
            _(
                "Your data was set up by a newer version of Companion ({file} says so). "
                "Please install the newer version to open it. Nothing has been changed."
            ).format(file=path)
        ) from None
    except WrapDamaged:
        raise ProfileDamaged(
            _(
                "One of the locks in the file that holds the keys to your data ({file}) is "
                "damaged. Nothing has been changed. If you have a copy of it, put it back and "
                "try again."
            ).format(file=path)
        ) from None
    except (RecursionError, KeyFileShape):
        raise ProfileDamaged(
            _(
                "The file that holds the locks to your data ({file}) is not laid out the way "
                "Companion writes it: it was damaged or replaced. Nothing has been changed. If "
                "you have a copy of it, put it back and try again."
            ).format(file=path)
        ) from None
    except json.JSONDecodeError:
        raise ProfileDamaged(
            _(
                "The file that holds the locks to your data ({file}) is cut short or has "
                "been changed, so it cannot be read. Nothing has been changed. If you have a "
                "copy of it, put it back and try again."
            ).format(file=path)
        ) from None
    except (ValueError, KeyError, TypeError):
        raise _damaged_keyfile(path) from None


def write_atomically(path: Path, text: str) -> None:
    """Replace a file so that a crash at any moment leaves the old or the new one."""
    tmp = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
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
    a locked Secret Service). Otherwise, on Linux the Secret Service is asked
    directly (``keyring``'s own discovery imports and probes every backend,
    macOS's included, on each start); where it does not answer, or the person
    configured ``keyring`` themselves, ``keyring`` picks as usual.
    """

    def __init__(self, backend: Any = None) -> None:
        self._backend = backend

    def _keyring(self) -> Any:
        if self._backend is None:
            self._backend = _direct_backend() or _discovered_backend()
        return self._backend

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
                    "Your computer's password store is locked, so Companion cannot reach the key "
                    "to your data."
                )
            )
        return KeyringUnavailable(
            _("Companion cannot use your computer's password store (the safe place for passwords).")
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
                _("Your computer's password store did not keep the key safely, so it was not used.")
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
                    "The key to your data is no longer in your computer's password store. This can "
                    "happen after your computer's password store was reset, the login password changed, or the "
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
                    "The key in your computer's password store is not the right one for this data. "
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

    def holds(self, profile_dir: Path) -> bool:
        """Whether the keyring holds an entry for this profile (KeyringUnavailable if unsure)."""
        backend = self._check_backend()
        try:
            return bool(backend.get_password(KEYRING_SERVICE, self.account(profile_dir)))
        except Exception as error:
            raise self._unavailable(error) from None

    def remove(self, profile_dir: Path) -> None:
        """Remove the entry for sure, or raise KeyringUnavailable: never a silent failure."""
        if not self.holds(profile_dir):
            return
        backend = self._check_backend()
        try:
            backend.delete_password(KEYRING_SERVICE, self.account(profile_dir))
        except Exception as error:
            if self.holds(profile_dir):
                raise self._unavailable(error) from None
        if self.holds(profile_dir):
            raise KeyringUnavailable(
                _("Your computer's password store did not remove the old key.")
            )


def _keyring_configured() -> bool:
    """Whether the person chose a keyring backend for Python themselves."""
    if os.environ.get("PYTHON_KEYRING_BACKEND"):
        return True
    config_home = os.environ.get("XDG_CONFIG_HOME") or os.path.expanduser("~/.config")
    return os.path.exists(os.path.join(config_home, "python_keyring", "keyringrc.cfg"))


class KeyringLocked(Exception):
    """The Secret Service stayed locked (the name is what ``KeyringVault`` looks for)."""


_SECRETS = "org.freedesktop.secrets"
_SECRETS_PATH = "/org/freedesktop/secrets"
_DEFAULT_COLLECTION = "/org/freedesktop/secrets/aliases/default"
_SECRETS_PREFIX = "org.freedesktop.Secret."


class SecretService:
    """The freedesktop Secret Service, spoken to directly over D-Bus.

    The same entries as ``keyring``'s own SecretService backend (the default collection,
    the attributes ``service`` and ``username``, its item label and ``application``), so
    either reads what the other wrote. Importing ``keyring`` costs start-up time (it pulls in
    importlib_metadata and more), and its backend opens an extra D-Bus connection just to see
    that the service is there; here the connection that checked is the one the first read
    uses.

    **Reading, on every start, goes through ``jeepney`` alone** (the small D-Bus library
    ``secretstorage`` itself is built on) and asks for the secret with the Secret Service's
    ``plain`` algorithm. ``secretstorage`` instead opens an encrypted session (a
    Diffie-Hellman exchange, then AES), and for that imports ``cryptography``: about 9 MiB of
    a start's peak memory and some of its time, on the way to the first paint. Why ``plain``
    gives nothing away:

    - The session bus is a local socket of this user, on this computer (it never leaves it),
      and the bus hands a reply only to the process that asked. Listening in on the bus
      takes a process of the same user (or root).
    - Any process of the same user can simply ask the unlocked collection for the same
      secret, as Companion does: that is the Secret Service's own model of trust (the
      collection is unlocked for the user's session, not for one program). Encrypting the
      way there keeps the secret from no one who could not take it anyway.
    - What the encryption is for, by the specification's own account ("Transfer of Secrets",
      specifications.freedesktop.org/secret-service): not to withstand an active attack, but
      to keep plain text out of memory and swap; and for programs that cannot keep their own
      memory from being paged to disk (it names Python) it calls that of questionable value.
      The key arrives in Companion's memory in the clear either way, to be given to SQLCipher.
    - The specification strongly recommends that every service support ``plain``, and libsecret
      supports it as well.

    What is written (``set_password``, ``delete_password``: setting up, moving to or from
    a passphrase, a new key) is rare and not on the start path: it still goes through
    ``secretstorage``, imported only then.

    Every way a read can fail raises: a D-Bus error, the service gone, or ``KeyringLocked``
    when a locked collection stays locked (the person dismissed the prompt);
    ``KeyringVault`` turns each into a plain message.
    """

    priority = 5
    APPLICATION = "Python keyring library"  # what keyring writes: entries stay shared

    def __init__(self, connection: Any = None) -> None:
        """``connection``: a bus already open (tests hand in a pretend one), else the session bus."""
        _load_jeepney()  # ImportError without it: keyring's own backends (_direct_backend)
        if connection is not None:
            self._first: Any = connection
            return
        connection = jeepney.io.blocking.open_dbus_connection(bus="SESSION")
        try:
            if not _secret_service_on_bus(connection):
                raise RuntimeError("no Secret Service on the session bus")
        except BaseException:
            connection.close()
            raise
        self._first = connection  # used, then closed, by the first call

    def _connection(self) -> Any:
        connection, self._first = self._first, None
        if connection is None:
            connection = jeepney.io.blocking.open_dbus_connection(bus="SESSION")
        return connection

    # reading: jeepney only (the start path) ---------------------------------------------

    def get_password(self, service: str, username: str) -> str | None:
        connection = self._connection()
        try:
            if not _unlocked(connection, _DEFAULT_COLLECTION, "Collection"):
                # No default collection: nothing was ever stored in it.
                return None
            (paths,) = _call(
                connection,
                _DEFAULT_COLLECTION,
                "Collection",
                "SearchItems",
                "a{ss}",
                {"username": username, "service": service},
            )
            for path in paths:
                _unlocked(connection, path, "Item")
                (_algorithm_output, session) = _call(
                    connection, _SECRETS_PATH, "Service", "OpenSession", "sv", "plain", ("s", "")
                )
                (secret,) = _call(connection, path, "Item", "GetSecret", "o", session)
                return bytes(secret[2]).decode("utf-8")  # (session, parameters, value, type)
            return None
        finally:
            connection.close()

    # writing: secretstorage, imported only here (never at start) -------------------------

    def _collection(self) -> Any:
        import secretstorage

        first, self._first = self._first, None
        if first is not None:
            first.close()
        connection = secretstorage.dbus_init()
        try:
            collection = secretstorage.get_default_collection(connection)
            if collection.is_locked():
                collection.unlock()
                if collection.is_locked():  # the person dismissed the prompt
                    raise KeyringLocked("the keyring is locked")
        except BaseException:
            connection.close()
            raise
        return collection

    def set_password(self, service: str, username: str, password: str) -> None:
        collection = self._collection()
        try:
            attributes = {"username": username, "service": service, "application": self.APPLICATION}
            label = f"Password for '{username}' on '{service}'"
            collection.create_item(label, attributes, password, replace=True)
        finally:
            collection.connection.close()

    def delete_password(self, service: str, username: str) -> None:
        collection = self._collection()
        try:
            for item in collection.search_items({"username": username, "service": service}):
                item.delete()
                return
        finally:
            collection.connection.close()
        raise LookupError("no such entry in the keyring")


def _secret_service_on_bus(connection: Any) -> bool:
    """Whether the Secret Service runs, or D-Bus can start it (as secretstorage checks)."""

    def ask(message: Any) -> Any:
        return jeepney.wrappers.unwrap_msg(connection.send_and_get_reply(message))

    (owned,) = ask(jeepney.message_bus.NameHasOwner(_SECRETS))
    if owned:
        return True
    (names,) = ask(jeepney.message_bus.ListActivatableNames())
    return _SECRETS in names


def _call(
    connection: Any, path: str, interface: str, method: str, signature: str, *body: Any
) -> Any:
    """One Secret Service method; a D-Bus error is raised (DBusErrorResponse)."""
    address = jeepney.DBusAddress(path, bus_name=_SECRETS, interface=_SECRETS_PREFIX + interface)
    message = jeepney.new_method_call(address, method, signature, body)
    return jeepney.wrappers.unwrap_msg(connection.send_and_get_reply(message))


def _unlocked(connection: Any, path: str, interface: str) -> bool:
    """Make sure the collection or item at ``path`` is unlocked, asking the person if need be.

    False when there is no such object (no default collection); ``KeyringLocked`` when it
    stays locked (the prompt was dismissed or failed)."""
    address = jeepney.DBusAddress(path, bus_name=_SECRETS, interface=_SECRETS_PREFIX + interface)

    def locked() -> bool:
        reply = connection.send_and_get_reply(jeepney.Properties(address).get("Locked"))
        ((_signature, value),) = jeepney.wrappers.unwrap_msg(reply)
        return bool(value)

    try:
        if not locked():
            return True
    except jeepney.DBusErrorResponse as error:
        if error.name in (
            "org.freedesktop.DBus.Error.UnknownMethod",
            "org.freedesktop.DBus.Error.UnknownObject",
            "org.freedesktop.Secret.Error.NoSuchObject",
        ):
            return False
        raise
    _unlock(connection, path)
    if locked():
        raise KeyringLocked("the keyring is locked")
    return True


def _unlock(connection: Any, path: str) -> None:
    """Ask the Secret Service to unlock ``path``; it may show the person its prompt."""
    unwrap_msg = jeepney.wrappers.unwrap_msg
    (_unlocked_paths, prompt) = _call(connection, _SECRETS_PATH, "Service", "Unlock", "ao", [path])
    if len(prompt) <= 1:  # "/": unlocked without asking
        return
    prompt_iface = _SECRETS_PREFIX + "Prompt"
    # Some services send the prompt's answer to every listener: ask the bus for it too.
    wanted = jeepney.MatchRule(sender=_SECRETS, interface=prompt_iface)
    unwrap_msg(connection.send_and_get_reply(jeepney.message_bus.AddMatch(wanted)))
    completed = jeepney.MatchRule(
        path=prompt, interface=prompt_iface, member="Completed", type=jeepney.MessageType.signal
    )
    with connection.filter(completed) as signals:
        address = jeepney.DBusAddress(prompt, bus_name=_SECRETS, interface=prompt_iface)
        call = jeepney.new_method_call(address, "Prompt", "s", ("",))
        unwrap_msg(connection.send_and_get_reply(call))
        dismissed, _result = connection.recv_until_filtered(signals).body
    if dismissed:
        raise KeyringLocked("the person dismissed the keyring's prompt")


def _direct_backend() -> Any:
    """The Secret Service on Linux, chosen without discovery; None elsewhere or if it fails."""
    if not sys.platform.startswith("linux") or _keyring_configured():
        return None
    try:
        return SecretService()
    except Exception:  # no D-Bus, no service, no secretstorage: ask keyring instead
        return None


def _discovered_backend() -> Any:
    import keyring

    return keyring.get_keyring()


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
        if mode == "passphrase":
            check_new_passphrase(passphrase)
        code = new_recovery_code()
        keyfile = KeyFile(
            mode=mode,
            key_check=key_check(data_key),
            recovery=wrap_key(data_key, code, "recovery") if mode != "session" else None,
        )
        if mode == "passphrase":
            passphrase = check_new_passphrase(passphrase)
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
                    "The key in your computer's password store is not the right one for this data. "
                    "Your data is safe: open it with your recovery code."
                )
            )
        return key

    # A wrap that opens (AES-GCM checked it) gives the key that was wrapped, so a
    # key check that disagrees is itself damaged: the key is returned anyway and
    # opening the database proves it (see Profile.open), rather than calling the
    # right passphrase or recovery code wrong.

    def open_with_passphrase(self, passphrase: str) -> bytes:
        keyfile = self.read()
        if keyfile.passphrase is None:
            raise WrongSecret(_("This data is not protected by a password."))
        key = unwrap_key(keyfile.passphrase, passphrase, "passphrase")
        if key is None:
            raise WrongSecret(
                _(
                    "That password did not open your data. Check that Caps Lock is off and "
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
        if key is None:
            raise WrongSecret(
                _(
                    "That recovery code did not open your data. Check each group of letters "
                    "and numbers and try again."
                )
            )
        return key

    # changing, each in an order where a crash between any two steps leaves
    # a way in that still works.

    def repair_key_check(self, data_key: bytes) -> None:
        """Rewrite a damaged key check, once the database itself has accepted ``data_key``."""
        keyfile = self.read()
        if not keyfile.matches(data_key):
            keyfile.key_check = key_check(data_key)
            self._write(keyfile)

    def new_recovery_code(self, data_key: bytes) -> str:
        keyfile = self._checked(data_key)
        code = new_recovery_code()
        keyfile.recovery = wrap_key(data_key, code, "recovery")
        self._write(keyfile)
        return code

    def use_keyring(self, data_key: bytes) -> None:
        """Passphrase → keyring: the key goes into the keyring before the file says so.

        keys.json first notes that the keyring may hold the key, so a kill after
        the key is stored but before keys.json says "keyring" leaves no key in
        the keyring of a profile that opens with a passphrase: the next start
        removes it (``tidy_keyring``). Found by killing at each write call.
        """
        keyfile = self._checked(data_key)
        noted = keyfile.mode != "keyring" and not keyfile.keyring_cleanup
        if noted:
            keyfile.keyring_cleanup = True
            self._write(keyfile)
        try:
            self.vault.store(self.profile_dir, data_key)
        except BaseException:
            if noted:  # nothing was stored: a later passphrase change must not need the keyring
                keyfile.keyring_cleanup = False
                try:
                    self._write(keyfile)
                except CompanionError:
                    pass  # the next start that reaches the keyring clears the note
            raise
        self.step_hook("stored-in-keyring")
        keyfile.mode = "keyring"
        keyfile.passphrase = None
        keyfile.keyring_cleanup = False
        self._write(keyfile)
        self.step_hook("keyfile-written")

    def use_passphrase(
        self, data_key: bytes, passphrase: str, *, keyring_lost: bool = False
    ) -> None:
        """Keyring → passphrase (or a new passphrase): the file first, the keyring last.

        It finishes or says why not. The keyring must answer before anything
        changes (a locked keyring: nothing changed, say so). keys.json then
        records that the keyring still holds the key, until the key is gone; if
        the removal fails or the app is killed first, the next start removes it
        (``tidy_keyring``), and this call reports the failure plainly.

        ``keyring_lost``: the person came in with the recovery code because the
        keyring does not work; the switch then goes ahead without it, and the
        key is removed from the keyring at a later start, once it answers.
        """
        check_new_passphrase(passphrase)
        keyfile = self._checked(data_key)
        was_keyring = keyfile.mode == "keyring" or keyfile.keyring_cleanup
        reachable = True
        if was_keyring:
            try:
                self.vault.holds(self.profile_dir)
            except KeyringUnavailable as error:
                reachable = False
                if not keyring_lost:
                    raise KeyringUnavailable(
                        error.message
                        + " "
                        + _(
                            "Companion needs it to remove the key it keeps there, so nothing "
                            "was changed. Unlock your password store (logging out and in again often "
                            "does it) and try again."
                        )
                    ) from None
        keyfile.mode = "passphrase"
        keyfile.passphrase = wrap_key(data_key, passphrase, "passphrase")
        keyfile.keyring_cleanup = was_keyring
        self._write(keyfile)
        self.step_hook("keyfile-written")
        if was_keyring and reachable:
            try:
                self.vault.remove(self.profile_dir)
            except KeyringUnavailable:
                raise KeyringUnavailable(
                    _(
                        "Your data now opens with your new password, but Companion could not "
                        "remove the old key from your computer's password store. It will try again "
                        "each time Companion starts, until it is gone."
                    )
                ) from None
            self.step_hook("removed-from-keyring")
            keyfile.keyring_cleanup = False
            self._write(keyfile)
            self.step_hook("cleanup-recorded")

    def tidy_keyring(self) -> bool:
        """At start: remove a key a switch to a passphrase left in the keyring.

        True when there is nothing (more) to do; False when the keyring could
        not be reached, so the next start tries again. Never raises.
        """
        try:
            keyfile = self.read()
        except CompanionError:
            return False
        if not keyfile.keyring_cleanup:
            return True
        if keyfile.mode == "keyring":  # a switch back to the keyring since: the key belongs
            keyfile.keyring_cleanup = False
        else:
            try:
                self.vault.remove(self.profile_dir)
            except CompanionError:
                return False
            keyfile.keyring_cleanup = False
        try:
            self._write(keyfile)
        except CompanionError:
            return False
        return True

    # re-keying: the data gets a new key (see Profile.rekey for the order of steps)

    @property
    def next_path(self) -> Path:
        """keys.json for the new key, written before the data file is swapped."""
        return self.keyfile_path.with_name(self.keyfile_path.name + ".next")

    def next_slot(self) -> Path:
        """Where the keyring keeps the new key until keys.json names it."""
        return Path(str(Path(self.profile_dir).resolve()) + ".next-key")

    def prepare_rekey(
        self, old_key: bytes, new_key: bytes, recovery_code: str, passphrase: str | None
    ) -> KeyFile:
        """Write keys.json.next for ``new_key`` (and the keyring's next slot); nothing in use changes."""
        current = self._checked(old_key)
        code = normalize_recovery_code(recovery_code)
        keyfile = KeyFile(
            mode=current.mode,
            key_check=key_check(new_key),
            recovery=wrap_key(new_key, code, "recovery"),
        )
        if current.mode == "passphrase":
            keyfile.passphrase = wrap_key(new_key, check_new_passphrase(passphrase), "passphrase")
        elif current.mode == "keyring":
            self.vault.store(self.next_slot(), new_key)
        else:
            raise CompanionError(_("A demo profile has no key to change."))
        keyfile.updated = datetime.now(UTC).isoformat(timespec="seconds")
        write_atomically(self.next_path, keyfile.to_json())
        return keyfile

    def finish_rekey(self) -> None:
        """After the data file was swapped: the new key becomes the one in use.

        Run again at the next start if a kill stops it; each step can be repeated.
        """
        keyfile = read_keyfile(self.next_path)
        if keyfile.mode == "keyring":
            try:
                new_key = self.vault.load(self.next_slot())
            except KeyNotInKeyring:
                new_key = b""  # moved already by an earlier try
            if new_key:
                self.vault.store(self.profile_dir, new_key)
            # Removed before keys.json.next goes: once it is gone nothing names the slot, and
            # a kill in between left a copy of the key in the keyring for good (found by
            # killing at each write call). A second try finds the key already moved.
            self.vault.delete(self.next_slot())
        os.replace(self.next_path, self.keyfile_path)
        _fsync_dir(self.keyfile_path.parent)

    def abandon_rekey(self) -> None:
        """Before the data file was swapped: forget the new key, the old one stays in use."""
        self.next_path.unlink(missing_ok=True)
        try:
            in_keyring = self.read().mode == "keyring"
        except CompanionError:
            in_keyring = True
        if in_keyring:
            self.vault.delete(self.next_slot())

    def _checked(self, data_key: bytes) -> KeyFile:
        keyfile = self.read()
        if not keyfile.matches(data_key):
            raise WrongSecret(_("That key does not belong to this data."))
        return keyfile
