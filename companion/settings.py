"""Every setting, declared once with its type, default, limits and title.

Two scopes: *device* settings (language, text size, contrast, country) are
needed before the data is unlocked, to draw the unlock screen and the
helplines, and hold nothing personal, so they live in ``preferences.json``.
*Profile* settings live in the encrypted database.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from companion import i18n
from companion.errors import CompanionError
from companion.i18n import N_, _
from companion.keys import write_atomically
from companion.store import Store

Scope = Literal["device", "profile"]


@dataclass(frozen=True)
class Option:
    """One setting: its key, kind, default, title and where it is kept."""

    key: str
    kind: type
    default: Any
    title: str
    scope: Scope
    minimum: int | None = None
    maximum: int | None = None
    choices: Callable[[], list[str]] | None = None

    def default_value(self) -> Any:
        return self.default() if callable(self.default) else self.default

    def check(self, value: Any) -> Any:
        """The value in its proper type, or a plain message saying what is wrong."""
        if self.kind is bool:
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.lower() in ("true", "false", "1", "0"):
                return value.lower() in ("true", "1")
            raise CompanionError(_("{title} must be on or off.").format(title=_(self.title)))
        if self.kind is int:
            try:
                number = int(value)
            except (TypeError, ValueError):
                raise CompanionError(
                    _("{title} must be a whole number.").format(title=_(self.title))
                ) from None
            if (self.minimum is not None and number < self.minimum) or (
                self.maximum is not None and number > self.maximum
            ):
                raise CompanionError(
                    _("{title} must be between {low} and {high}.").format(
                        title=_(self.title),
                        low=i18n.format_number(self.minimum or 0),
                        high=i18n.format_number(self.maximum or 0),
                    )
                )
            return number
        text = "" if value is None else str(value)
        if self.choices is not None and text not in self.choices():
            raise CompanionError(
                _("“{value}” is not one of the choices for {title}.").format(
                    value=text, title=_(self.title)
                )
            )
        return text


def _country_codes() -> list[str]:
    return [code for code, _name in i18n.country_names()]


def _default_country() -> str:
    """For a profile that never saved a country: the one setup would offer for the language in
    use (German over an English (US) computer is Germany, not the United States and 911), else
    the computer's own; the United States only when neither says anything."""
    return i18n.country_for_language(i18n.current_language()) or i18n.default_country() or "US"


OPTIONS: dict[str, Option] = {
    option.key: option
    for option in (
        Option(
            "language",
            str,
            i18n.default_language,
            N_("Language"),
            "device",
            choices=lambda: list(i18n.available_languages()),
        ),
        Option("text_scale", int, 100, N_("Text size"), "device", minimum=100, maximum=200),
        Option("high_contrast", bool, False, N_("High contrast"), "device"),
        Option("country", str, _default_country, N_("Country"), "device", choices=_country_codes),
        Option("user_name", str, "", N_("Your name"), "profile"),
        Option(
            "close_to_tray",
            bool,
            False,
            N_("Keep Companion running when I close its window"),
            "profile",
        ),
        # The entry lives in the computer's own settings, outside the data; so does this.
        Option("start_at_login", bool, False, N_("Start Companion when I log in"), "device"),
        # Off: reminders and nudges show only in Companion's own window (its top line).
        Option(
            "desktop_notifications",
            bool,
            True,
            N_("Show reminders on the desktop too"),
            "profile",
        ),
        Option(
            "auto_lock_minutes",
            int,
            0,
            N_("Lock after this many idle minutes (0 is never)"),
            "profile",
            minimum=0,
            maximum=240,
        ),
        Option("recovery_code_kept", bool, False, N_("Recovery code kept safe"), "profile"),
        Option(
            "self_check_every_days",
            int,
            30,
            N_("Ask how I am feeling every this many days (0 is never)"),
            "profile",
            minimum=0,
            maximum=365,
        ),
        # The parent view (issue 12); its data and lock live in parents.db, see parents_lock.py.
        Option("parent_view", bool, False, N_("I'm a parent or carer"), "profile"),
        # The energy planner: the weekly budget (it never rises by itself), the first day
        # from which steady weeks count towards offering a rise, and a pause of all nudges.
        Option(
            "energy_budget",
            int,
            10,
            N_("Social energy for a week"),
            "profile",
            minimum=1,
            maximum=50,
        ),
        Option("energy_budget_since", str, "", N_("Energy budget last changed"), "profile"),
        Option("planner_paused_until", str, "", N_("Planner paused until"), "profile"),
        # When the last backup was made (ISO time), also for backups saved outside the folder.
        Option("last_backup_at", str, "", N_("Last backup"), "profile"),
        # Where that backup was saved (a path), so "Check my newest backup" checks that one.
        Option("last_backup_file", str, "", N_("Last backup's file"), "profile"),
        # Groups near me (issue 11): home, kept only in the encrypted data, and what suits.
        Option("home_name", str, "", N_("Home town"), "profile"),
        Option("home_coordinates", str, "", N_("Home position"), "profile"),
        Option("group_interests", str, "", N_("What I enjoy"), "profile"),
        Option(
            "group_mobility",
            str,
            "short_walks",
            N_("Getting about"),
            "profile",
            choices=lambda: ["home", "short_walks", "gets_about"],
        ),
        Option(
            "group_budget",
            str,
            "small_fee",
            N_("What I'd spend"),
            "profile",
            choices=lambda: ["free", "small_fee", "costs_more"],
        ),
        Option("group_times", str, "", N_("Times that suit me"), "profile"),
        # The counsellor's printed plan (companion/plan.py): review day, copies, parts left out.
        Option("plan_review_on", str, "", N_("Next look at my plan"), "profile"),
        Option("plan_copies", str, "", N_("Who has a copy of my plan"), "profile"),
        Option("plan_not_for_me", str, "", N_("Parts of my plan left out"), "profile"),
        # The demo tour (ui/tour.py): the step to come back to, and whether it was finished.
        Option("tour_step", int, 0, N_("Where the tour stopped"), "profile", minimum=0, maximum=50),
        Option(
            "group_size",
            str,
            "",
            N_("Group size"),
            "profile",
            choices=lambda: ["", "one_to_one", "small", "large"],
        ),
    )
}


class Preferences:
    """Device settings in ``preferences.json``; readable before unlocking."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._values: dict[str, Any] = {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict):
                self._values = data
        except (OSError, ValueError):
            self._values = {}

    def get(self, key: str) -> Any:
        option = OPTIONS[key]
        if key in self._values:
            try:
                return option.check(self._values[key])
            except CompanionError:
                pass  # a hand-edited or older file: fall back to the default
        return option.default_value()

    def set(self, key: str, value: Any) -> Any:
        option = OPTIONS[key]
        checked = option.check(value)
        updated = dict(self._values)
        updated[key] = checked
        if self.path.parent.exists():
            write_atomically(self.path, json.dumps(updated, indent=2, sort_keys=True) + "\n")
        self._values = updated
        return checked


class Settings:
    """The one accessor for every setting, whichever file it lives in."""

    def __init__(self, preferences: Preferences, store: Store | None = None) -> None:
        self.preferences = preferences
        self.store = store
        self._listeners: list[Callable[[str, Any], None]] = []

    def get(self, key: str) -> Any:
        option = OPTIONS[key]
        if option.scope == "device":
            return self.preferences.get(key)
        if self.store is None or self.store.closed:
            return option.default_value()
        raw = self.store.get_setting(key)
        if raw is None:
            return option.default_value()
        try:
            return option.check(json.loads(raw))
        except (ValueError, CompanionError):
            return option.default_value()

    def set(self, key: str, value: Any) -> Any:
        option = OPTIONS[key]
        if option.scope == "device":
            checked = self.preferences.set(key, value)
        else:
            checked = option.check(value)
            if self.store is None:
                raise CompanionError(_("Your data is locked. Unlock it and try again."))
            self.store.set_setting(key, json.dumps(checked))
        for listener in list(self._listeners):
            listener(key, checked)
        return checked

    def on_change(self, listener: Callable[[str, Any], None]) -> None:
        self._listeners.append(listener)
