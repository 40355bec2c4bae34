"""Every page once: its key, title, icon, class, the lock it needs and the routes it offers.

``lock`` says which data the page shows: "none" pages (Get help) exist before
anything is unlocked; "main" pages are built per unlocked session and thrown
away at lock; "parents" pages will need the parent view's own key too.
A route names a particular view of a page ("people", "due"), so other pages,
the banner and notifications can open it without knowing its insides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from companion.i18n import N_

Lock = Literal["none", "main", "parents"]


@dataclass(frozen=True)
class PageSpec:
    """One page: its key, title, icon, where its class is, and what it needs open."""

    key: str
    title: str  # N_()
    icon: str
    where: str | None  # "module:Class", imported when first shown; None: still being built
    lock: Lock = "main"
    routes: tuple[str, ...] = ()
    sentence: str = ""  # N_(): for a page whose feature is still being built


PAGES: tuple[PageSpec, ...] = (
    PageSpec("today", N_("Today"), "today", "ui.pages.today:TodayPage"),
    PageSpec("people", N_("People"), "people", "ui.pages.people:PeoplePage", routes=("due", "add")),
    PageSpec("reminders", N_("Reminders"), "reminders", "ui.pages.reminders:RemindersPage"),
    PageSpec(
        "energy",
        N_("Energy"),
        "energy",
        "ui.pages.energy:EnergyPage",
        routes=("add", "rest", "scripts", "budget"),
    ),
    PageSpec(
        "groups",
        N_("Groups"),
        "groups",
        "ui.pages.groups:GroupsPage",
        routes=("home", "wishes", "import"),
    ),
    PageSpec(
        "parents",
        N_("Parent view"),
        "parents",
        "ui.pages.parents:ParentsPage",
        lock="parents",
        routes=("check",),
    ),
    PageSpec(
        "settings",
        N_("Settings"),
        "settings",
        "ui.pages.settings:SettingsPage",
        routes=("recovery-code", "data"),
    ),
    PageSpec("help", N_("Get help"), "help", "ui.pages.help:HelpPage", lock="none"),
)


def spec(key: str) -> PageSpec:
    for entry in PAGES:
        if entry.key == key:
            return entry
    raise KeyError(key)
