"""Errors a user can meet, each carrying a message in plain words.

Every failure that can reach a person is a ``CompanionError``: the UI shows its
``message`` in a dialog and the command line prints it on one line. Anything
else is a bug, and the launchers turn it into a calm generic message.
"""

from __future__ import annotations


class CompanionError(Exception):
    """A failure with a message meant for the person using the app."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ProfileBusy(CompanionError):
    """Another copy of Companion has this profile open."""


class ProfileMissing(CompanionError):
    """No profile has been set up in this folder yet."""


class ProfileDamaged(CompanionError):
    """Part of the profile is missing or cannot be read; nothing was changed."""


class WrongSecret(CompanionError):
    """A passphrase or recovery code did not open the data."""


class BadRecoveryCode(CompanionError):
    """What was typed cannot be a recovery code (wrong length or letters)."""


class KeyringUnavailable(CompanionError):
    """The system keyring cannot be used right now."""


class KeyNotInKeyring(CompanionError):
    """The keyring works but holds no key for this profile."""


class DatabaseTooNew(CompanionError):
    """The data was saved by a newer version of Companion."""


class StorageError(CompanionError):
    """The disk refused a write or read (full, read-only, damaged)."""
