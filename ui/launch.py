"""The ``companion`` command: read the options, then run a subcommand or the window.

Subcommands go to ``companion.cli`` and Qt is never imported for them. For the
window, a keyring profile's key is read by a child process and its data opened by
a thread, both started before Qt is even imported, so they overlap Qt's start.

A window that cannot start says why in a window of its own, not only on
stderr: a person who started Companion from the desktop never sees stderr.
"""

from __future__ import annotations

import gc

# Python's cycle collector walks everything made so far, again and again, while the modules
# below and Qt's are imported and the window is built: ~60 collections and ~6 ms before the
# first paint, finding next to nothing (all of it lives as long as the app). It is off while
# this module's imports run, and off again for a window start until ``ui.gc_guard`` takes
# over (it keeps automatic collection off and collects on the UI thread). A command, a test
# or any other importer gets it back as it was.
_collecting = gc.isenabled()
gc.disable()

import os  # noqa: E402
import signal  # noqa: E402
import sys  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from datetime import datetime  # noqa: E402
from functools import partial  # noqa: E402
from types import SimpleNamespace  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

from companion import cli, i18n  # noqa: E402
from companion.early import EarlyResult, KeyFromChild  # noqa: E402
from companion.errors import CompanionError  # noqa: E402
from companion.i18n import _  # noqa: E402
from companion.profile import Profile, ProfileState, Unlocked, resolve_data_dir  # noqa: E402

if _collecting:
    gc.enable()

if TYPE_CHECKING:
    import argparse


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: every command, and the window's own two options."""
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
    return parser


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace | SimpleNamespace:
    """A plain window start is read without building the parser of every command."""
    return cli.window_options(argv) or build_parser().parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    cli.private_files()
    args = parse_arguments(list(argv) if argv is not None else sys.argv[1:])
    if args.lang:
        i18n.set_language(args.lang)
    if args.command:
        _exit_cleanly_on_sigterm()
        if args.command == "export" and args.what == "plan":  # drawn by Qt, without a window
            from ui.reports.plan import write_plan

            cli.plan_writer = write_plan
        return cli.run(args)  # type: ignore[arg-type] # a command: argparse read it
    try:
        return run_window(args)
    except CompanionError as error:
        start_failed(error.message, args)
        return cli.EXIT_FAILED
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the promise: never a traceback in a person's face
        start_failed(
            _(
                "Something unexpected went wrong ({kind}). Your data has not been deleted. "
                "Please try again."
            ).format(kind=type(error).__name__),
            args,
        )
        return cli.EXIT_BUG


def _exit_cleanly_on_sigterm() -> None:
    """SIGTERM (a logout, a shutdown) unwinds like Ctrl+C: files closed, demo removed."""

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        signal.signal(signal.SIGTERM, stop)
    except (ValueError, OSError):  # not the main thread, or no such signal
        pass


def start_failed(message: str, args: object = None) -> None:
    """Say why the window cannot start: on stderr, and in a window where one can be shown."""
    sys.stderr.write(message + "\n")
    sys.stderr.flush()
    if _no_screen() or getattr(args, "screenshot", None):
        return
    if os.environ.get("QT_QPA_PLATFORM") in ("offscreen", "minimal"):
        return  # nobody would see it, and it would wait for ever for a click
    try:
        show_failure_window(message)
    except Exception:  # no Qt at all: stderr has said it
        pass


def show_failure_window(message: str) -> None:
    """A plain message box: what went wrong and what to do, with one button."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qapp, QApplication)
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Companion could not start"))
    box.setText(_("Companion could not start."))
    box.setInformativeText(message)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    close = box.button(QMessageBox.StandardButton.Close)
    if close is not None:
        close.setText(_("Close"))
        close.setAccessibleName(_("Close"))
    box.setAccessibleName(_("Companion could not start"))
    box.setAccessibleDescription(message)
    box.exec()


def _quit_on_sigterm(quit_app: object) -> None:
    """At logout the session sends SIGTERM: close the data and release the lock as on Quit."""
    from PySide6.QtCore import QTimer

    def stop(signum: int, frame: object) -> None:
        quit_app()  # type: ignore[operator]

    try:
        signal.signal(signal.SIGTERM, stop)
    except (ValueError, OSError):
        return
    # Python runs a signal handler only when it gets control: wake it now and then.
    timer = QTimer()
    timer.setInterval(500)
    timer.timeout.connect(lambda: None)
    timer.start()
    _keep.append(timer)


_keep: list[object] = []


def _prepare_profile(args: object) -> tuple[Profile, Unlocked | None]:
    demo = bool(getattr(args, "demo", False))
    if demo:
        from companion import demo as demo_data

        profile = Profile.create_session()
        unlocked = profile.create("session")
        demo_data.fill(unlocked, datetime.now().astimezone())
        return profile, unlocked
    return Profile(resolve_data_dir(getattr(args, "data_dir", None))), None


def _unlock_beside_qt(profile: Profile) -> EarlyResult[Unlocked]:
    """Reading the keyring and opening the database, while Qt starts.

    A child process reads the key (on another core, for real: see ``KeyFromChild``) and a
    thread opens the database once the key is there; should the child not answer, the
    thread gives nothing and the app reads the key itself on the main thread. Where no
    child can be made, the thread reads the key too, as before."""
    if not KeyFromChild.can_fork():
        return EarlyResult(profile.unlock_with_keyring)
    key = KeyFromChild(profile.keys.open_with_keyring, then=partial(_first_screen, profile))

    def open_data() -> Unlocked | None:
        data_key = key.result()  # waits without holding Python's lock
        return None if data_key is None else profile.open(data_key)

    # None: the app reads the key on the main thread. ``more``: Today's first screen, worked
    # out by the same child once it has sent the key (``companion.today.first_screen``).
    return EarlyResult(open_data, more=key.then_result)


def _first_screen(profile: Profile, data_key: bytes) -> bytes:
    """In the start's child, once the key is sent: Today's first screen, from the data."""
    from companion.today import first_screen_at_start

    return first_screen_at_start(profile, data_key)


def _no_screen() -> bool:
    """On Linux without a display, Qt would stop with a message about plugins; say it plainly."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _mentions_pyside(module: object) -> bool:
    """Whether a module's source file names PySide6: the same answer as PySide's own check.

    PySide asks this once for every module imported after it (for its ``__feature__``
    switches, which Companion never turns on) and reads each source through
    ``inspect.getsource``, which keeps every line of every file in ``linecache`` for good:
    about 4 MiB of Python strings by the first paint, and ~10 ms. This reads the file once
    and keeps nothing. A module without a Python source file (built in, compiled, frozen,
    bundled) says no, as ``inspect.getsource`` failing does.
    """
    spec = getattr(module, "__spec__", None)
    origin = getattr(spec, "origin", None)
    if not isinstance(origin, str) or not origin.endswith(".py"):
        return False
    try:
        with open(origin, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def _pyside_without_source_reading() -> None:
    """Import PySide6 and give its import hook a check that keeps no source in memory.

    PySide's own check has already read two files by then, while PySide imported itself
    (shiboken's ``__init__.py`` and ``enum.py``, 2,000 lines: ~0.2 MiB of strings): they are
    let go of too. ``linecache`` is only a cache (a traceback reads a file again)."""
    import linecache

    kept_before = set(linecache.cache)
    import PySide6  # noqa: F401 - sets up the hook whose check is replaced

    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _mentions_pyside  # type: ignore[attr-defined]
    for name in set(linecache.cache) - kept_before:
        linecache.cache.pop(name, None)


def _bench_mark(app: object) -> None:
    """For bench/: say when Today has first painted (a monotonic time on stdout), then quit."""
    import time

    from PySide6.QtCore import QEvent, QObject, QTimer

    def report() -> None:
        sys.stdout.write(f"COMPANION_PAINTED {time.monotonic()}\n")
        sys.stdout.flush()
        app.quit()  # type: ignore[attr-defined]

    class Painted(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, report)  # once the whole frame is drawn
            return False

    watcher = Painted(app)  # type: ignore[arg-type]
    app.window.pages["today"].heading.installEventFilter(watcher)  # type: ignore[attr-defined]


def run_window(args: object) -> int:
    collecting = gc.isenabled()
    gc.disable()  # until ui.gc_guard takes over: see the top of this module
    try:
        return _run_window(args)
    finally:
        if collecting:
            gc.enable()


def _run_window(args: object) -> int:
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
            problem = profile.start_problem()
            if problem is not None:
                raise problem  # not a passphrase prompt: the disk or folder is what is wrong
            profile.tidy()  # what a killed run left: temporary files, a key in the keyring
            # A damaged profile is said here, in a window of its own, before anything else.
            state = profile.state()
            if state is ProfileState.KEYRING:
                early = _unlock_beside_qt(profile)

        _pyside_without_source_reading()
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
        _quit_on_sigterm(app.quit)
        from ui.app import install_excepthook

        install_excepthook(lambda: app.window)
        shots = getattr(args, "screenshot", None)
        if unlocked is not None:
            app.open_main_window(unlocked, start_reminders=not shots)
        elif not app.start(early):
            return cli.EXIT_OK
        if os.environ.get("COMPANION_BENCH_MARK"):
            _bench_mark(app)

        if shots:
            from ui.app import screenshot_dir
            from ui.screenshot import take_all

            # Today builds its cards below the reminders once it has painted; the pictures
            # are taken without an event loop, so build them now.
            today = app.window.pages.get("today") if app.window is not None else None  # type: ignore[attr-defined]
            if today is not None:
                today.build_the_rest()

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
