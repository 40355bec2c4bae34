"""The short tour: a few steps across the pages, skippable, resumable, replayable.

A counsellor shows a client the app with the demo's sample data; the tour
walks through the pages in the order a person would use them, one sentence
each. It never changes data. Stopping keeps the step (the ``tour_step``
setting), so "Show me around" in Settings goes on from there; finishing starts
it from the beginning next time. The panel is ``ui.dialogs.tour.TourPanel``.

``sample_data_bar(session)`` is the line "This is sample data" with the tour
and the way out, for the window to place above the pages in the demo.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from companion.errors import CompanionError
from companion.i18n import N_, _
from ui.widgets.common import FlowLayout, button, label, set_button_text

if TYPE_CHECKING:
    from ui.dialogs.tour import TourPanel
    from ui.session import UiSession

STEP_SETTING = "tour_step"


@dataclass(frozen=True)
class Step:
    page: str  # a page key from ui/pages/registry.py
    title: str  # N_()
    text: str  # N_()


STEPS: tuple[Step, ...] = (
    Step(
        "today",
        N_("Today"),
        N_(
            "Today is the page you see first: who it has been a while since you spoke with, "
            "reminders for now, and one small idea for the day."
        ),
    ),
    Step(
        "people",
        N_("People"),
        N_(
            "The people you want to keep in touch with, and how often. When you call or visit "
            "someone, note it here and Companion reminds you again later."
        ),
    ),
    Step(
        "reminders",
        N_("Reminders"),
        N_(
            "Reminders for calls, visits and things to do, once or every week, with a gentle nudge."
        ),
    ),
    Step(
        "energy",
        N_("Energy"),
        N_(
            "Plan a week that does not wear you out: how much you take on, time to rest, and "
            "kind words for saying no."
        ),
    ),
    Step(
        "groups",
        N_("Groups"),
        N_("Groups and places near you to meet people, and the ones you have tried."),
    ),
    Step(
        "help",
        N_("Get help"),
        N_(
            "Get help is always one click away: the emergency number, helplines, your own "
            "doctor or counsellor, and a short check on how you feel."
        ),
    ),
    Step(
        "settings",
        N_("Settings"),
        N_(
            "Settings: bigger text, language, backups, and your plan on paper to take to your "
            "counsellor. You can start this tour again here."
        ),
    ),
)


def saved_step(session: UiSession) -> int:
    try:
        step = int(session.settings.get(STEP_SETTING))
    except (CompanionError, TypeError, ValueError):
        return 0
    return step if 0 <= step < len(STEPS) else 0


def save_step(session: UiSession, step: int) -> None:
    try:
        session.settings.set(STEP_SETTING, max(0, min(step, len(STEPS) - 1)))
    except CompanionError:
        pass  # the tour goes on; only where it stopped is not kept


_open: list[TourPanel] = []


def current_tour() -> TourPanel | None:
    return next((panel for panel in _open if panel.isVisible()), None)


def start_tour(
    session: UiSession, window: QWidget | None = None, *, from_start: bool = False
) -> TourPanel:
    """Show the tour panel at the step where it stopped (or at the start); one at a time."""
    from ui.dialogs.tour import TourPanel

    for panel in list(_open):
        panel.close()
    panel = TourPanel(session, 0 if from_start else saved_step(session), window)
    _open.append(panel)
    panel.finished.connect(lambda _result, p=panel: _open.remove(p) if p in _open else None)
    panel.show_step()  # words first, so the panel is sized to them
    panel.show()
    return panel


def leave_demo() -> None:
    """The way out of the demo: close it; the sample data goes with it."""
    app = QApplication.instance()
    if app is not None:
        app.quit()


class SampleDataBar(QWidget):
    """ "This is sample data", with the tour and the way out. Only ever shown in the demo."""

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setAccessibleName(_("This is sample data"))
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.words = label("")
        self.tour_button = button("", "primary")
        self.tour_button.clicked.connect(lambda: start_tour(session, self.window()))
        self.leave_button = button("")
        self.leave_button.clicked.connect(leave_demo)
        column.addWidget(self.words)
        row = FlowLayout()
        row.addWidget(self.tour_button)
        row.addWidget(self.leave_button)
        column.addLayout(row)
        session.context.language_changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, _code: str = "") -> None:
        self.words.setText(
            _("This is sample data, to show how Companion works. Nothing you do here is kept.")
        )
        set_button_text(self.tour_button, _("Take the tour"))
        set_button_text(
            self.leave_button,
            _("Close the sample"),
            _("Closes Companion; the sample data is deleted. Your own data is not touched."),
        )


def sample_data_bar(session: UiSession, parent: QWidget | None = None) -> SampleDataBar | None:
    """The bar for the window to place above the pages, or None when this is not the demo."""
    from ui.actions_data import is_demo

    return SampleDataBar(session, parent) if is_demo(session) else None
