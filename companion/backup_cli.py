"""The command's ``backup``, ``restore``, ``export all`` and ``delete-all``.

Kept apart from ``cli.py`` so that file stays small; ``cli.build_parser``
calls ``add_parsers`` and ``cli.COMMANDS`` lists the commands. Only argparse
and the translations are imported at start; the rest when a command runs.
"""

from __future__ import annotations

import argparse
import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from companion import i18n
from companion.errors import CompanionError, WrongSecret
from companion.i18n import N_, _

if TYPE_CHECKING:
    from companion.backup import BackupReview
    from companion.cli import Context

EXIT_OK = 0
EXIT_FAILED = 1
DELETE_WORD = N_("delete")  # what a person types to confirm, in their language


def add_parsers(sub: Any, export_what: Any) -> None:
    backup = sub.add_parser("backup", help=_("save an encrypted backup of all your data"))
    backup.add_argument("file", metavar="FILE", help=_("the backup file to write"))
    restore = sub.add_parser("restore", help=_("put your data back from a backup"))
    restore.add_argument("file", metavar="FILE", help=_("the backup file to restore"))
    restore.add_argument(
        "--yes",
        action="store_true",
        help=_("replace the data here without asking (a copy of it is saved first)"),
    )
    export_all = export_what.add_parser(
        "all", help=_("everything, in open formats, into a folder (not encrypted)")
    )
    export_all.add_argument("folder", metavar="FOLDER", help=_("the folder to export into"))
    export_all.add_argument(
        "--yes", action="store_true", help=_("I understand the files are not encrypted")
    )
    delete = sub.add_parser(
        "delete-all", help=_("delete all your data, backups and settings from this computer")
    )
    delete.add_argument(
        "--yes", action="store_true", help=_("delete without asking; this cannot be undone")
    )


def _now() -> datetime:
    return datetime.now().astimezone()


def _writer(context: Context) -> Any:
    """The profile open for writing: one writer, so not while the window has it open."""
    from companion.cli import unlock

    if context.unlocked is None:
        context.profile.require_existing()
        context.profile.acquire_lock()
    return unlock(context)


def _ask(context: Context, question: str) -> str:
    context.out.write(question)
    context.out.flush()
    return context.stdin.readline().strip()


def _read_code(context: Context) -> str:
    if context.stdin.isatty():
        code = input(_("Type the recovery code that belonged to this backup: "))
    else:
        code = next((line for line in context.stdin.read().splitlines() if line.strip()), "")
    if not code.strip():
        raise WrongSecret(
            _(
                "This backup was made with another key. Give its recovery code (type it, or "
                "send it on standard input). Nothing was changed."
            )
        )
    return code


def cmd_backup(context: Context, args: argparse.Namespace) -> int:
    from companion.backup import make_backup

    path = Path(args.file)
    unlocked = _writer(context)
    made = make_backup(unlocked, path, _now())
    context.say(_("Saved an encrypted backup of all your data to {file}.").format(file=made))
    context.say(
        _("It opens with your recovery code, on this computer or another. Keep the code safe.")
    )
    return EXIT_OK


def _say_review(context: Context, review: BackupReview) -> None:
    context.say(_("Backup: {file}").format(file=review.path))
    if review.made_at is not None:
        context.say(_("Made on: {when}").format(when=i18n.format_datetime(review.made_at)))
    if not review.ok:
        return
    context.say(_("It is whole, and this version of Companion can read it."))
    context.say(_("It holds:"))
    for line in review.holds.lines():
        context.say("  " + line)
    for line in review.parents.lines():
        context.say("  " + line)
    if review.replaces is not None:
        context.say(_("It will replace what is here now:"))
        for line in review.replaces.lines():
            context.say("  " + line)
        change = review.parents_change()
        if change:
            context.say("  " + change)


def cmd_restore(context: Context, args: argparse.Namespace) -> int:
    from companion.backup import (
        BackupRefused,
        NeedsRecoveryCode,
        read_header,
        restore_backup,
        restore_into_new,
        review_backup,
    )
    from companion.cli import _print_recovery_code
    from companion.profile import ENV_PASSPHRASE, ProfileState

    if context.unlocked is not None:
        raise CompanionError(_("The demo profile cannot be restored from a backup."))
    path = Path(args.file)
    profile = context.profile
    if profile.state() is ProfileState.NEW:
        profile.acquire_lock()
        read_header(path)  # a foreign, cut-short or newer file is refused before any question
        code = _read_code(context)
        review = review_backup(path, secret=code)
        _say_review(context, review)
        if not review.ok:
            raise BackupRefused(review.problem)
        passphrase = os.environ.get(ENV_PASSPHRASE)
        mode = "keyring" if not passphrase and profile.vault.available() else "passphrase"
        if mode == "passphrase" and not passphrase:
            raise WrongSecret(
                _(
                    "Your computer's password store cannot be used, so your data needs a password. "
                    "Set COMPANION_PASSPHRASE and run the command again. Nothing was changed."
                )
            )
        restored, new_code = restore_into_new(
            profile, path, _now(), secret=code, mode=mode, passphrase=passphrase
        )
        restored.unlocked.close()
        context.say(_("Your data is restored from the backup."))
        _print_recovery_code(context, new_code)
        return EXIT_OK

    unlocked = _writer(context)
    secret = None
    try:
        review = review_backup(path, data_key=unlocked.data_key, current=unlocked.store)
    except NeedsRecoveryCode:
        secret = _read_code(context)
        review = review_backup(
            path, data_key=unlocked.data_key, secret=secret, current=unlocked.store
        )
    _say_review(context, review)
    if not review.ok:
        raise BackupRefused(review.problem)
    if not args.yes:
        if not context.stdin.isatty():
            raise CompanionError(
                _(
                    "To replace your data with this backup, run the command again with --yes. "
                    "Nothing was changed."
                )
            )
        answer = _ask(context, _("Replace your data with this backup? Type yes to go on: "))
        if answer.lower() not in ("yes", _("yes").lower()):
            context.say(_("Nothing was changed."))
            return EXIT_FAILED
    restored = restore_backup(unlocked, path, _now(), secret=secret)
    context.unlocked = restored.unlocked
    context.say(_("Your data is restored from the backup."))
    if restored.safety_backup is not None:
        context.say(
            _("A copy of the data that was here before is saved in {file}.").format(
                file=restored.safety_backup
            )
        )
    return EXIT_OK


def cmd_export_all(context: Context, args: argparse.Namespace) -> int:
    from companion.cli import unlock
    from companion.interchange.export_all import export_all, not_encrypted_warning

    folder = Path(args.folder)
    context.say(not_encrypted_warning())
    if not args.yes:
        if not context.stdin.isatty():
            raise CompanionError(
                _("To export anyway, run the command again with --yes. Nothing was exported.")
            )
        answer = _ask(context, _("Export everything, not encrypted? Type yes to go on: "))
        if answer.lower() not in ("yes", _("yes").lower()):
            context.say(_("Nothing was exported."))
            return EXIT_FAILED
    unlocked = unlock(context)
    result = export_all(unlocked, folder, _now())
    context.say(_("Exported everything to {folder}.").format(folder=result.folder))
    context.say(
        _("People: {people}. Reminders: {reminders}.").format(
            people=i18n.format_number(result.people),
            reminders=i18n.format_number(result.reminders),
        )
    )
    return EXIT_OK


def cmd_delete_all(context: Context, args: argparse.Namespace) -> int:
    from companion.backup_delete import delete_all, what_delete_all_removes

    if context.unlocked is not None:
        raise CompanionError(_("The demo profile is deleted by itself when it closes."))
    profile = context.profile
    going = what_delete_all_removes(profile)
    if not going:
        context.say(
            _("There is no Companion data in {folder}; there is nothing to delete.").format(
                folder=profile.folder
            )
        )
        return EXIT_OK
    profile.acquire_lock()
    context.say(
        _(
            "This deletes all your Companion data in {folder}: the people in your list, "
            "reminders, notes, backups and settings, and the key in your computer's password store. "
            "It cannot be undone."
        ).format(folder=profile.folder)
    )
    if not args.yes:
        if not context.stdin.isatty():
            raise CompanionError(
                _("To delete everything, run the command again with --yes. Nothing was deleted.")
            )
        answer = _ask(
            context,
            _("To delete everything, type the word {word}: ").format(word=_(DELETE_WORD)),
        )
        if answer.lower() not in (DELETE_WORD, _(DELETE_WORD).lower()):
            context.say(_("Nothing was deleted."))
            return EXIT_FAILED
    delete_all(profile)
    context.say(_("All your Companion data is deleted. Starting Companion again sets it up anew."))
    return EXIT_OK
