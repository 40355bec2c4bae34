"""The main window: a column of large labelled buttons on the left, one page at a time."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion.i18n import N_, _
from ui import theme
from ui.context import AppContext
from ui.pages.base import Page
from ui.pages.not_ready import NotReadyPage
from ui.widgets.common import SPACING, button, icon, label, set_button_text
from ui.widgets.reminder_banner import ReminderBanner


@dataclass(frozen=True)
class PageEntry:
    key: str
    title: str  # N_()
    icon: str
    sentence: str = ""  # N_(): for a page whose feature is still being built


PAGES: tuple[PageEntry, ...] = (
    PageEntry("today", N_("Today"), "today"),
    PageEntry("people", N_("People"), "people"),
    PageEntry("reminders", N_("Reminders"), "reminders"),
    PageEntry(
        "energy",
        N_("Energy"),
        "energy",
        N_("This page is still being built: here you will plan a week that doesn't wear you out."),
    ),
    PageEntry(
        "groups",
        N_("Groups"),
        "groups",
        N_(
            "This page is still being built: here you will find groups and places to meet people near you."
        ),
    ),
    PageEntry("settings", N_("Settings"), "settings"),
    PageEntry(
        "help",
        N_("Get help"),
        "help",
        N_(
            "This page is still being built; if you are in danger now, call your local emergency number."
        ),
    ),
)


PAGE_CLASSES = {
    "today": "ui.pages.today:TodayPage",
    "people": "ui.pages.people:PeoplePage",
    "reminders": "ui.pages.reminders:RemindersPage",
    "settings": "ui.pages.settings:SettingsPage",
    "help": "ui.pages.help:HelpPage",
}


class LockedPage(QWidget):
    """Shown instead of the pages while Companion is locked."""

    unlock_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6 * SPACING, 6 * SPACING, 6 * SPACING, 6 * SPACING)
        layout.setSpacing(3 * SPACING)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading = label("", "heading")
        self.text = label("")
        self.button = button("", "primary")
        self.button.clicked.connect(self.unlock_requested.emit)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addWidget(self.button, alignment=Qt.AlignmentFlag.AlignLeft)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(_("Companion is locked"))
        self.text.setText(_("Your data is hidden while you are away."))
        set_button_text(self.button, _("Open my data"))


class MainWindow(QMainWindow):
    close_requested = Signal()  # the app decides: hide to tray, or quit

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("main-window")
        self.setMinimumSize(640, 480)
        self.resize(1100, 760)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)

        self.nav = QFrame()
        self.nav.setProperty("role", "nav")
        self.nav.setAccessibleName(_("Pages"))
        nav_column = QVBoxLayout(self.nav)
        nav_column.setContentsMargins(2 * SPACING, 3 * SPACING, 2 * SPACING, 3 * SPACING)
        nav_column.setSpacing(SPACING)
        self.nav_group = QButtonGroup(self)
        self.nav_group.setExclusive(True)
        self.nav_buttons: dict[str, QPushButton] = {}

        self.stack = QStackedWidget()
        self.pages: dict[str, Page] = {}  # built the first time they are shown
        for number, entry in enumerate(PAGES, start=1):
            nav_button = button("", "help" if entry.key == "help" else "nav")
            nav_button.setCheckable(True)
            nav_button.setProperty("page", entry.key)
            nav_button.clicked.connect(lambda _checked=False, key=entry.key: self.show_page(key))
            self.nav_group.addButton(nav_button)
            self.nav_buttons[entry.key] = nav_button
            if entry.key == "settings":
                nav_column.addStretch(1)
            if entry.key == "help":
                nav_column.addSpacing(3 * SPACING)
            shortcut = "F1" if entry.key == "help" else f"Ctrl+{number}"
            QShortcut(QKeySequence(shortcut), self, lambda key=entry.key: self.show_page(key))
            nav_column.addWidget(nav_button)

        self.locked_page = LockedPage()
        self.stack.addWidget(self.locked_page)

        row.addWidget(self.nav)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        self.banner = ReminderBanner(context.now)
        banner_holder = QVBoxLayout()
        banner_holder.setContentsMargins(4 * SPACING, 2 * SPACING, 4 * SPACING, 0)
        banner_holder.addWidget(self.banner)
        right.addLayout(banner_holder)
        right.addWidget(self.stack, 1)
        row.addLayout(right, 1)
        self.setCentralWidget(central)
        context.language_changed.connect(self.retranslate)
        context.setting_changed.connect(self._setting_changed)
        context.locked_changed.connect(self._locked_changed)
        context.show_recovery_code.connect(self._make_recovery_code)
        context.show_page.connect(self._show_requested)
        self._translate_navigation()
        self.show_page("today")

    # navigation ---------------------------------------------------------------

    def current_page(self) -> str:
        widget = self.stack.currentWidget()
        return widget.key if isinstance(widget, Page) else "locked"

    def page(self, key: str) -> Page:
        """The page for ``key``, built on first use so start-up only pays for Today."""
        page = self.pages.get(key)
        if page is None:
            entry = next(e for e in PAGES if e.key == key)
            where = PAGE_CLASSES.get(key)
            if where is None:
                page = NotReadyPage(entry.key, entry.title, entry.sentence)
            else:
                # Imported on first use: start-up pays only for Today.
                module, name = where.split(":")
                page = getattr(importlib.import_module(module), name)(self.context)
            self.pages[key] = page
            self.stack.addWidget(page)
        return page

    def show_page(self, key: str) -> None:
        if self.context.locked and key != "help":
            self.stack.setCurrentWidget(self.locked_page)
            return
        fresh = key not in self.pages
        page = self.page(key)
        if not fresh:
            page.refresh()
        self.stack.setCurrentWidget(page)
        self.nav_buttons[key].setChecked(True)
        self.setWindowTitle(_("{page} – Companion").format(page=page.title()))

    def _show_requested(self, key: str, detail: str) -> None:
        self.show_page(key)
        page = self.page(key)
        if key == "people" and detail == "overdue":
            page.show_overdue()  # type: ignore[attr-defined]
        elif key == "people" and detail == "add":
            page.add_person()  # type: ignore[attr-defined]

    def _make_recovery_code(self) -> None:
        self.show_page("settings")
        self.page("settings").new_recovery_code()  # type: ignore[attr-defined]

    def _locked_changed(self, locked: bool) -> None:
        if locked:
            self.stack.setCurrentWidget(self.locked_page)
        else:
            self.show_page("today")

    # look and words -------------------------------------------------------------

    def _setting_changed(self, key: str, _value: object) -> None:
        if key in ("high_contrast", "text_scale"):
            self._paint_icons()

    def _paint_icons(self) -> None:
        p = theme.palette_for(bool(self.context.settings.get("high_contrast")))
        side = int(28 * int(self.context.settings.get("text_scale")) / 100)  # icons grow with text
        for nav_button in self.nav_buttons.values():
            nav_button.setIconSize(QSize(side, side))
        for entry in PAGES:
            if entry.key == "help":
                drawn = icon(entry.icon, p.on_help)
            else:
                drawn = icon(entry.icon, p.text, checked_color=p.nav_checked_text)
            self.nav_buttons[entry.key].setIcon(drawn)

    def _translate_navigation(self) -> None:
        self.nav.setAccessibleName(_("Pages"))
        self._paint_icons()
        for number, entry in enumerate(PAGES, start=1):
            shortcut = "F1" if entry.key == "help" else f"Ctrl+{number}"
            set_button_text(
                self.nav_buttons[entry.key],
                _(entry.title),
                _("Go to {page} ({shortcut})").format(page=_(entry.title), shortcut=shortcut),
            )
            self.nav_buttons[entry.key].setToolTip(shortcut)

    def retranslate(self, _language: str = "") -> None:
        self._translate_navigation()
        for page in self.pages.values():
            page.retranslate()
        self.locked_page.retranslate()
        current = self.stack.currentWidget()
        if isinstance(current, Page):
            self.setWindowTitle(_("{page} – Companion").format(page=current.title()))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.close_requested.emit()
        event.setAccepted(getattr(self, "_allow_close", True))
