"""The ``companion`` command: read the options, then run a subcommand or the window.

Subcommands go to ``companion.cli`` and Qt is never imported for them. For the
window, a keyring profile starts unlocking in a thread before Qt is even
imported, so the two overlap.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import datetime

from companion import cli, i18n
from companion.early import EarlyResult
from companion.errors import CompanionError
from companion.i18n import _
from companion.profile import Profile, ProfileState, Unlocked, resolve_data_dir


def main(argv: Sequence[str] | None = None) -> int:
    cli.private_files()
    parser = cli.build_parser()
    parser.add_argument(
        "--text-size",
        type=int,
        metavar="PERCENT",
        help=_("text size from 100 to 200 (saved, like the setting)"),
    )
    parser.add_argument(
        "--high-contrast",
        action="store_true",
        default=None,
        help=_("use high contrast (saved, like the setting)"),
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.lang:
        i18n.set_language(args.lang)
    if args.command:
        return cli.run(args)
    try:
        return run_window(args)
    except CompanionError as error:
        sys.stderr.write(error.message + "\n")
        return cli.EXIT_FAILED
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the promise: never a traceback in a person's face
        sys.stderr.write(
            _(
                "Something unexpected went wrong ({kind}). Your data has not been deleted. "
                "Please try again."
            ).format(kind=type(error).__name__)
            + "\n"
        )
        return cli.EXIT_BUG


def _prepare_profile(args: object) -> tuple[Profile, Unlocked | None]:
    demo = bool(getattr(args, "demo", False))
    if demo:
        from companion import demo as demo_data

        profile = Profile.create_session()
        unlocked = profile.create("session")
        demo_data.fill(unlocked, datetime.now().astimezone())
        return profile, unlocked
    return Profile(resolve_data_dir(getattr(args, "data_dir", None))), None


def _no_screen() -> bool:
    """On Linux without a display, Qt would stop with a message about plugins; say it plainly."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_window(args: object) -> int:
    if _no_screen():
        raise CompanionError(
            _(
                "Companion needs a screen to show its window, and none was found. Start it "
                "from your desktop, or use a command such as “companion check”."
            )
        )
    profile, unlocked = _prepare_profile(args)
    prefs = profile.preferences
    try:
        lang = getattr(args, "lang", None)
        if lang:
            prefs.set("language", i18n.normalize_language(lang))
        if getattr(args, "text_size", None) is not None:
            prefs.set("text_scale", args.text_size)  # type: ignore[attr-defined]
        if getattr(args, "high_contrast", None):
            prefs.set("high_contrast", True)

        first_copy = profile.lock.acquire()
        early: EarlyResult[Unlocked] | None = None
        if first_copy and unlocked is None:
            try:
                state = profile.state()
            except CompanionError:
                state = None
            if state is ProfileState.KEYRING:
                # Reading the keyring and opening the database overlap Qt's start-up.
                early = EarlyResult(profile.unlock_with_keyring)

        from ui.app import CompanionApp, ask_running_copy_to_show, create_qapplication

        qapp = create_qapplication(sys.argv[:1])
        if not first_copy:
            if ask_running_copy_to_show(profile):
                sys.stdout.write(
                    _("Companion is already open; its window was brought forward.") + "\n"
                )
                return cli.EXIT_OK
            raise CompanionError(
                _(
                    "Companion is already open with this data, but its window did not answer. "
                    "Close the other copy and try again."
                )
            )
        app = CompanionApp(qapp, profile)
        from ui.app import install_excepthook

        install_excepthook(lambda: app.window)
        shots = getattr(args, "screenshot", None)
        if unlocked is not None:
            app.open_main_window(unlocked, start_reminders=not shots)
        elif not app.start(early):
            return cli.EXIT_OK

        if shots:
            from ui.app import screenshot_dir
            from ui.screenshot import take_all

            written = take_all(app, screenshot_dir(shots))
            sys.stdout.write(
                i18n.ngettext(
                    "Saved {count} picture in {folder}.",
                    "Saved {count} pictures in {folder}.",
                    len(written),
                ).format(count=len(written), folder=shots)
                + "\n"
            )
            app.quit()
            return cli.EXIT_OK
        return int(qapp.exec())
    finally:
        if unlocked is not None:
            unlocked.close()
        profile.lock.release()
        profile.discard()


if __name__ == "__main__":
    os.environ.setdefault("QT_ACCESSIBILITY", "1")
    raise SystemExit(main())
