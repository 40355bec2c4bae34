"""The ``companion`` command's options and subcommands. No Qt here.

``ui/launch.py`` reads the window's own options with ``window_options()``
(the plain start, without building any parser) and parses everything else with
``build_parser()``; when a subcommand was given it calls ``run()`` and Qt is
never imported. Every failure prints one plain line to stderr and exits non-zero.
argparse and ``backup_cli`` are imported only when a parser is built or a
command runs, so the window's start pays for neither.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, TextIO

from companion import __version__, i18n
from companion.errors import CompanionError, KeyringUnavailable, WrongSecret
from companion.i18n import _
from companion.keys import check_new_passphrase
from companion.profile import ENV_PASSPHRASE, Profile, ProfileState, Unlocked, resolve_data_dir

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_BUG = 70

if TYPE_CHECKING:
    import argparse

# The options of the window itself (``ui/launch.py`` adds the last two to the full parser):
# their destination, and whether a value follows (a converter) or not (a flag, its value).
_WINDOW_VALUES: dict[str, tuple[str, Callable[[str], object]]] = {
    "--data-dir": ("data_dir", str),
    "--lang": ("lang", str),
    "--screenshot": ("screenshot", str),
    "--text-size": ("text_size", int),
}
_WINDOW_FLAGS: dict[str, tuple[str, object]] = {
    "--demo": ("demo", True),
    "--high-contrast": ("high_contrast", True),
}


def window_options(argv: Sequence[str]) -> SimpleNamespace | None:
    """The options of a plain window start, read without building the whole parser.

    Gives what ``build_parser()`` with ``ui/launch.py``'s two options would give for
    ``--demo``, ``--high-contrast``, ``--data-dir DIR``, ``--lang CODE``, ``--screenshot
    DIR`` and ``--text-size PERCENT`` (each also as ``--option=value``), and None for
    anything else (a command, ``--help``, ``--version``, a shortened or unknown option, a
    value argparse might read otherwise or refuse): that goes to the full parser, which
    says what is wrong exactly as before.
    """
    found: dict[str, object] = {
        "data_dir": None,
        "demo": False,
        "lang": None,
        "screenshot": None,
        "command": None,
        "text_size": None,
        "high_contrast": None,
    }
    words = list(argv)
    index = 0
    while index < len(words):
        word = words[index]
        index += 1
        if word in _WINDOW_FLAGS:
            name, value = _WINDOW_FLAGS[word]
            found[name] = value
            continue
        option, equals, text = word.partition("=")
        if option not in _WINDOW_VALUES:
            return None
        if not equals:
            if index == len(words) or words[index].startswith("-"):
                return None  # argparse decides what a value starting with "-" is
            text = words[index]
            index += 1
        name, convert = _WINDOW_VALUES[option]
        try:
            found[name] = convert(text)
        except ValueError:
            return None  # argparse says it plainly
    return SimpleNamespace(**found)


def _parser_class() -> type[argparse.ArgumentParser]:
    import argparse

    class _Parser(argparse.ArgumentParser):
        """argparse, but a usage mistake is one plain line, not a wall of text."""

        def error(self, message: str) -> None:  # type: ignore[override]
            sys.stderr.write(
                _("companion: {problem}. Try “companion --help”.").format(problem=message) + "\n"
            )
            raise SystemExit(EXIT_USAGE)

    return _Parser


def build_parser() -> argparse.ArgumentParser:
    from companion import backup_cli

    _Parser = _parser_class()  # noqa: N806 - a class
    parser = _Parser(
        prog="companion",
        description=_("Companion: keep in touch with the people who matter."),
    )
    parser.add_argument("--version", action="version", version=f"Companion {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=_("use the profile in DIR (also COMPANION_DATA_DIR)"),
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help=_("use a throwaway profile with sample data; your own data is not touched"),
    )
    parser.add_argument("--lang", metavar="CODE", help=_("language of the app, such as en or de"))
    parser.add_argument(
        "--screenshot",
        metavar="DIR",
        help=_("save a picture of every page in DIR, then exit"),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    init = sub.add_parser("init", help=_("set up a profile without opening the window"))
    init.add_argument(
        "--passphrase",
        action="store_true",
        help=_("protect the data with a password instead of your computer's password store"),
    )
    recover = sub.add_parser("recover", help=_("open your data again with the recovery code"))
    how = recover.add_mutually_exclusive_group()
    how.add_argument(
        "--use-keyring",
        action="store_true",
        help=_("keep the key in your computer's password store from now on"),
    )
    how.add_argument(
        "--use-passphrase",
        action="store_true",
        help=_("use a new password from now on (COMPANION_PASSPHRASE or asked)"),
    )
    sub.add_parser("check", help=_("check that your encrypted data is whole and readable"))
    importing = sub.add_parser("import", help=_("bring people in from another program's file"))
    import_what = importing.add_subparsers(dest="what", metavar="WHAT", required=True)
    import_contacts = import_what.add_parser(
        "contacts", help=_("people from a vCard (.vcf) or table (.csv) file")
    )
    import_contacts.add_argument("file", metavar="FILE", help=_("the .vcf or .csv file"))
    import_contacts.add_argument(
        "--add-duplicates",
        action="store_true",
        help=_("also add people who look like someone already here"),
    )
    import_groups = import_what.add_parser(
        "groups",
        help=_("places where groups meet, from a directory or an OpenStreetMap extract"),
    )
    import_groups.add_argument(
        "file", metavar="FILE", help=_("a .csv, .json, .geojson or .osm file (also .gz or .bz2)")
    )
    exporting = sub.add_parser("export", help=_("save your data in a file other programs read"))
    export_what = exporting.add_subparsers(dest="what", metavar="WHAT", required=True)
    export_contacts = export_what.add_parser(
        "contacts", help=_("everyone in your list, as a vCard (.vcf) file")
    )
    export_contacts.add_argument("file", metavar="FILE", help=_("the .vcf file to write"))
    export_calendar = export_what.add_parser(
        "calendar", help=_("your reminders, as a calendar (.ics) file other apps can import")
    )
    export_calendar.add_argument("file", metavar="FILE", help=_("the .ics file to write"))
    export_calendar.add_argument(
        "--birthdays",
        action="store_true",
        help=_("also put the birthdays of the people in your list in the calendar"),
    )
    export_plan = export_what.add_parser(
        "plan", help=_("your connection plan, in large print, as a PDF to print or bring along")
    )
    export_plan.add_argument("file", metavar="FILE", help=_("the .pdf file to write"))
    backup_cli.add_parsers(sub, export_what)  # backup, restore, export all, delete-all
    return parser


@dataclass
class Context:
    """What a command works with: the profile, its streams, and the data once open."""

    profile: Profile
    out: TextIO
    err: TextIO
    stdin: TextIO
    unlocked: Unlocked | None = None  # the demo profile arrives already open

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()


def run(
    args: argparse.Namespace,
    *,
    out: TextIO | None = None,
    err: TextIO | None = None,
    stdin: TextIO | None = None,
) -> int:
    """Run a subcommand; returns the exit status. Never lets a traceback out."""
    out = out or sys.stdout
    err = err or sys.stderr
    stdin = stdin or sys.stdin
    profile: Profile | None = None
    context: Context | None = None
    try:
        if args.demo:
            from companion import demo

            profile = Profile.create_session()
            profile.preferences.set("language", i18n.normalize_language(args.lang))
            unlocked = profile.create("session")
            demo.fill(unlocked, datetime.now().astimezone())
            context = Context(profile, out, err, stdin, unlocked)
        else:
            profile = Profile(resolve_data_dir(args.data_dir))
            if not args.lang and profile.preferences.path.exists():
                i18n.set_language(profile.preferences.get("language"))
            context = Context(profile, out, err, stdin)
        command = COMMANDS[args.command]
        return command(context, args)
    except CompanionError as error:
        err.write(error.message.replace("\n", " ") + "\n")
        return EXIT_FAILED
    except KeyboardInterrupt:
        err.write(_("Stopped. Nothing more was changed.") + "\n")
        return 130
    except Exception as error:  # the promise: never a traceback
        err.write(
            _(
                "Something unexpected went wrong ({kind}). Your data has not been deleted. "
                "Please try again."
            ).format(kind=type(error).__name__)
            + "\n"
        )
        return EXIT_BUG
    finally:
        if context is not None and context.unlocked is not None:
            context.unlocked.close()
        if profile is not None:
            profile.discard()
            profile.lock.release()


# --- helpers -------------------------------------------------------------------


def _ask_new_passphrase(context: Context) -> str | None:
    from_env = os.environ.get(ENV_PASSPHRASE)
    if from_env:
        return from_env  # the core applies the window's rule when it is used
    if not context.stdin.isatty():
        return None
    import getpass  # here: a window's start needs no terminal prompt (it loads termios)

    first = getpass.getpass(_("Choose a password: "))
    second = getpass.getpass(_("Type it again: "))
    if first != second:
        raise WrongSecret(_("The two passwords were not the same. Nothing was changed."))
    return check_new_passphrase(first)


def unlock(context: Context, *, migrate: bool = True, read_only: bool = False) -> Unlocked:
    """Open the profile the way it is protected, for commands that read the data."""
    if context.unlocked is not None:
        return context.unlocked
    profile = context.profile
    state = profile.require_existing()
    if state is ProfileState.KEYRING:
        data_key = profile.keys.open_with_keyring()
    else:
        passphrase = os.environ.get(ENV_PASSPHRASE)
        if not passphrase and context.stdin.isatty():
            import getpass

            passphrase = getpass.getpass(_("Password: "))
        if not passphrase:
            raise WrongSecret(
                _(
                    "This data is protected by a password. Set COMPANION_PASSPHRASE, or run "
                    "the command in a terminal to type it."
                )
            )
        data_key = profile.keys.open_with_passphrase(passphrase)
    unlocked = profile.open(data_key, migrate=migrate, read_only=read_only)
    context.unlocked = unlocked
    return unlocked


def _print_recovery_code(context: Context, code: str) -> None:
    context.say(_("Your recovery code:"))
    context.say()
    context.say("    " + code)
    context.say()
    context.say(
        _(
            "Write it down and keep it somewhere safe, away from this computer. It opens your "
            "data if the usual way in is ever lost. Anyone who has it can open your data."
        )
    )


# --- subcommands -----------------------------------------------------------------


def cmd_init(context: Context, args: argparse.Namespace) -> int:
    if context.unlocked is not None:
        raise CompanionError(_("The demo profile is set up already; there is nothing to do."))
    profile = context.profile
    profile.acquire_lock()
    passphrase = (
        _ask_new_passphrase(context) if args.passphrase or os.environ.get(ENV_PASSPHRASE) else None
    )
    if args.passphrase and not passphrase:
        raise WrongSecret(
            _("Set COMPANION_PASSPHRASE, or run “companion init --passphrase” in a terminal.")
        )
    if passphrase:
        unlocked = profile.create("passphrase", passphrase)
        how = _("Your data is protected by your password.")
    else:
        try:
            unlocked = profile.create("keyring")
        except KeyringUnavailable as error:
            raise KeyringUnavailable(
                error.message
                + " "
                + _(
                    "Set COMPANION_PASSPHRASE, or run “companion init --passphrase”, to use a password instead."
                )
            ) from None
        how = _("The key to your data is kept in your computer's password store.")
    if args.lang:
        profile.preferences.set("language", i18n.current_language())
    unlocked.close()
    context.say(_("Your Companion data is set up in {folder}.").format(folder=profile.folder))
    context.say(how)
    assert unlocked.recovery_code is not None
    _print_recovery_code(context, unlocked.recovery_code)
    return EXIT_OK


def cmd_recover(context: Context, args: argparse.Namespace) -> int:
    if context.unlocked is not None:
        raise CompanionError(_("The demo profile has no recovery code; there is nothing to do."))
    profile = context.profile
    state = profile.require_existing()
    profile.acquire_lock()
    if context.stdin.isatty():
        code = input(_("Type your recovery code: "))
    else:
        code = next((line for line in context.stdin.read().splitlines() if line.strip()), "")
    if not code.strip():
        raise WrongSecret(_("No recovery code was given. Nothing was changed."))
    unlocked = profile.unlock_with_recovery_code(code)
    try:
        want_passphrase = args.use_passphrase or (
            state is ProfileState.PASSPHRASE and not args.use_keyring
        )
        if want_passphrase:
            passphrase = _ask_new_passphrase(context)
            if not passphrase:
                raise WrongSecret(
                    _(
                        "Your recovery code is right. To choose a new password, set "
                        "COMPANION_PASSPHRASE or run “companion recover” in a terminal."
                    )
                )
            profile.restore_access(unlocked, passphrase)
            context.say(_("Your data is open again. From now on, use your new password."))
        else:
            try:
                profile.restore_access(unlocked)
            except KeyringUnavailable as error:
                raise KeyringUnavailable(
                    error.message
                    + " "
                    + _(
                        "Your recovery code is right. Run “companion recover --use-passphrase” to choose a password instead."
                    )
                ) from None
            context.say(
                _("Your data is open again. The key is back in your computer's password store.")
            )
        context.say(_("Your recovery code still works. Keep it safe."))
    finally:
        unlocked.close()
    return EXIT_OK


def cmd_check(context: Context, args: argparse.Namespace) -> int:
    unlocked = unlock(context, migrate=False, read_only=True)  # check never writes
    context.say(_("Checking your data in {folder}…").format(folder=context.profile.folder))
    report = unlocked.store.integrity()
    if report.integrity == ["ok"]:
        context.say(_("The structure of the database: all fine."))
    else:
        context.say(_("The structure of the database has problems:"))
        for line in report.integrity[:10]:
            context.say("  " + line)
    if not report.cipher:
        context.say(_("The encryption: all fine. Every page opened with its key and is unchanged."))
    else:
        context.say(_("The encryption check found pages that were changed or damaged:"))
        for line in report.cipher[:10]:
            context.say("  " + line)
    if report.ok:
        context.say(_("Your data is in good order."))
        return EXIT_OK
    context.err.write(
        _(
            "Your data file has problems. It has been left exactly as it is; restore a backup "
            "or ask for help before changing anything."
        )
        + "\n"
    )
    return EXIT_FAILED


def cmd_import_contacts(context: Context, args: argparse.Namespace) -> int:
    from pathlib import Path

    from companion.interchange import ImportFileError
    from companion.interchange.people_import import (
        build_preview,
        commit,
        not_kept_words,
        read_contacts_file,
    )

    path = Path(args.file)
    region = context.profile.preferences.get("country")
    # The file is read and checked whole before the data is even opened.
    read = read_contacts_file(path, region)
    if read.problems:
        raise ImportFileError(read.problems, path.name)
    if context.unlocked is None:
        context.profile.require_existing()
        context.profile.acquire_lock()  # one writer: not while the window has the data open
    unlocked = unlock(context)
    preview = build_preview(unlocked.store, read, region)
    if preview.problems:
        raise ImportFileError(preview.problems, path.name)
    try:
        added = commit(
            unlocked.store,
            datetime.now().astimezone(),
            preview,
            include_duplicates=args.add_duplicates,
        )
    except ImportFileError as error:
        raise ImportFileError(error.problems, path.name) from None
    for note in preview.notes:
        context.say(note)
    lost = not_kept_words(preview)
    if lost:
        context.say(lost)
    summary = [
        i18n.ngettext("Added {count} person.", "Added {count} people.", added).format(count=added)
    ]
    here = len(preview.already_here)
    repeated = len(preview.repeated_in_file)
    if not args.add_duplicates:
        if here:
            summary.append(
                i18n.ngettext(
                    "Skipped {count} that looks like someone already here.",
                    "Skipped {count} that look like people already here.",
                    here,
                ).format(count=here)
            )
        if repeated:
            summary.append(
                i18n.ngettext(
                    "Skipped {count} that appears twice in the file.",
                    "Skipped {count} that appear twice in the file.",
                    repeated,
                ).format(count=repeated)
            )
    context.say(" ".join(summary))
    if not args.add_duplicates and (here or repeated):
        context.say(_("To add them anyway, run the import again with --add-duplicates."))
    return EXIT_OK


def cmd_export_contacts(context: Context, args: argparse.Namespace) -> int:
    from pathlib import Path

    from companion import contacts
    from companion.interchange.vcard import save_vcards

    path = Path(args.file)
    if path.suffix.lower() not in (".vcf", ".vcard"):
        raise CompanionError(_("Please give a file name ending in .vcf, such as contacts.vcf."))
    if path.is_dir():
        raise CompanionError(
            _("{file} is a folder. Please give a file name, such as contacts.vcf.").format(
                file=path
            )
        )
    unlocked = unlock(context)
    count = save_vcards(path, contacts.people(unlocked.store))
    if count:
        context.say(
            i18n.ngettext(
                "Saved {count} person to {file}.", "Saved {count} people to {file}.", count
            ).format(count=count, file=path)
        )
    else:
        context.say(_("Your list is empty, so {file} has no one in it yet.").format(file=path))
    return EXIT_OK


# Draws the plan's PDF (Qt does the drawing, so the launcher sets it: ui/reports/plan.py).
PlanWriter = Callable[[Unlocked, Path, datetime], int]
plan_writer: PlanWriter | None = None


def cmd_export_plan(context: Context, args: argparse.Namespace) -> int:
    path = Path(args.file)
    if path.suffix.lower() != ".pdf":
        raise CompanionError(_("Please give a file name ending in .pdf, such as my-plan.pdf."))
    if path.is_dir():
        raise CompanionError(
            _("{file} is a folder. Please give a file name, such as my-plan.pdf.").format(file=path)
        )
    if plan_writer is None:
        raise CompanionError(
            _("This copy of Companion cannot draw PDFs. Please run it as “companion export plan”.")
        )
    unlocked = unlock(context, read_only=True)
    pages = plan_writer(unlocked, path, datetime.now().astimezone())
    context.say(
        i18n.ngettext(
            "Saved your plan to {file} ({count} page).",
            "Saved your plan to {file} ({count} pages).",
            pages,
        ).format(file=path, count=i18n.format_number(pages))
    )
    return EXIT_OK


def cmd_export_calendar(context: Context, args: argparse.Namespace) -> int:
    from pathlib import Path

    from companion import contacts, reminders
    from companion.interchange.calendar import (
        calendar_ics,
        check_calendar_path,
        exported_reminders,
        people_with_birthdays,
        save_calendar,
    )

    path = check_calendar_path(Path(args.file))  # before the data is even opened
    unlocked = unlock(context)
    found = exported_reminders(reminders.all_reminders(unlocked.store))
    people = people_with_birthdays(contacts.people(unlocked.store)) if args.birthdays else []
    save_calendar(path, calendar_ics(found, people, now=datetime.now().astimezone()))
    context.say(
        i18n.ngettext(
            "Saved {count} reminder to {file}.", "Saved {count} reminders to {file}.", len(found)
        ).format(count=len(found), file=path)
    )
    if args.birthdays:
        context.say(
            i18n.ngettext(
                "It also has {count} birthday.", "It also has {count} birthdays.", len(people)
            ).format(count=len(people))
        )
    return EXIT_OK


def cmd_import_groups(context: Context, args: argparse.Namespace) -> int:
    from pathlib import Path

    from companion import groups
    from companion.interchange.places import read_places_file

    path = Path(args.file)
    # The whole file is read and checked before the data is even opened.
    read = read_places_file(path, language=i18n.current_language())
    if context.unlocked is None:
        context.profile.require_existing()
        context.profile.acquire_lock()  # one writer: not while the window has the data open
    unlocked = unlock(context)
    preview = groups.preview_import(unlocked.store, read, path.name)
    result = groups.commit_import(unlocked.store, datetime.now().astimezone(), preview)
    for note in read.notes:
        context.say(note)
    for line in result.sentences():
        context.say(line)
    if preview.attribution:
        context.say(_("Map data {attribution}.").format(attribution=preview.attribution))
    return EXIT_OK


def cmd_import(context: Context, args: argparse.Namespace) -> int:
    return {"contacts": cmd_import_contacts, "groups": cmd_import_groups}[args.what](context, args)


def _in_backup_cli(name: str) -> Callable[[Context, argparse.Namespace], int]:
    """A command of ``backup_cli``, imported when it runs (not by the window's start)."""

    def command(context: Context, args: argparse.Namespace) -> int:
        from companion import backup_cli

        function: Callable[[Context, argparse.Namespace], int] = getattr(backup_cli, name)
        return function(context, args)

    command.__name__ = name
    return command


def cmd_export(context: Context, args: argparse.Namespace) -> int:
    return {
        "contacts": cmd_export_contacts,
        "calendar": cmd_export_calendar,
        "all": _in_backup_cli("cmd_export_all"),
        "plan": cmd_export_plan,
    }[args.what](context, args)


COMMANDS: dict[str, Callable[[Context, argparse.Namespace], int]] = {
    "init": cmd_init,
    "recover": cmd_recover,
    "check": cmd_check,
    "import": cmd_import,
    "export": cmd_export,
    "backup": _in_backup_cli("cmd_backup"),
    "restore": _in_backup_cli("cmd_restore"),
    "delete-all": _in_backup_cli("cmd_delete_all"),
}


def private_files() -> None:
    """Files Companion creates (data, backups, exports) are readable by this user only."""
    if os.name == "posix":
        os.umask(0o077)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line without Qt (used by tests and by ``ui.launch``)."""
    private_files()
    args = build_parser().parse_args(argv)
    if args.lang:
        i18n.set_language(args.lang)
    if not args.command:
        build_parser().print_help()
        return EXIT_USAGE
    return run(args)
