"""The short tour: a few steps across the pages, skippable, resumable, replayable.

A counsellor shows a client the app with the demo's sample data; the tour
walks through the pages in the order a person would use them, one sentence
each. It never changes data. Stopping keeps the step (the ``tour_step``
setting), so "Show me around" in Settings goes on from there; finishing starts
it from the beginning next time. The panel is ``ui.dialogs.tour.TourPanel``.

``sample_data_bar(session)`` is the one line "This is sample data." with "About
this sample", for the window to place above the pages in the demo; that button
opens ``about_sample``, with the tour and the way out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from companion.errors import CompanionError
from companion.i18n import N_, _
from ui.widgets.common import SPACING, button, label, set_button_text
from ui.widgets.reminder_banner import OneLine

if TYPE_CHECKING:
    from ui.dialogs.shell import DialogShell
    from ui.dialogs.tour import TourPanel
    from ui.session import UiSession

STEP_SETTING = "tour_step"


@dataclass(frozen=True)
class Step:
    """One step of the first-run tour: the page it shows and what it says."""

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
    """One short line, "This is sample data.", with one button: About this sample.

    Only ever shown in the demo. It sits above the page, so it is as short as it can be
    and the page keeps the window: the words wrap beside the button when the line is short
    (the banner's rows do the same, ``OneLine``); in German at 200% on a 1280×720 screen
    the button went to a row of its own below them. The tour and the way out are in the
    dialog the button opens (``about_sample``).
    """

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.words = label("")
        self.about_button = button("")
        self.about_button.clicked.connect(lambda: about_sample(session, self.window()).open())
        OneLine(self.words, [self.about_button], parent=self)
        self.setContentsMargins(0, 0, 0, SPACING)  # OneLine lays out the whole rect it gets
        session.context.language_changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, _code: str = "") -> None:
        self.setAccessibleName(_("This is sample data"))
        self.words.setText(_("This is sample data."))
        set_button_text(
            self.about_button,
            _("About this sample"),
            _("The tour, and how to close the sample."),
        )


def about_sample(session: UiSession, parent: QWidget | None = None) -> DialogShell:
    """What the sample is, with the tour (Enter) and the way out; Escape goes back."""
    from ui.dialogs.shell import DialogShell

    dialog = DialogShell(_("About this sample"), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.body.addWidget(
        label(_("This is sample data, to show how Companion works. Nothing you do here is kept."))
    )
    dialog.body.addWidget(
        label(
            _(
                "The short tour shows you each page in turn, one sentence each. "
                "You can stop it at any time."
            )
        )
    )

    def take_the_tour() -> None:
        dialog.accept()
        start_tour(session, parent)

    tour_button = dialog.add_button(_("Take the tour"), take_the_tour, "primary", default=True)
    leave_button = dialog.add_button(_("Close the sample"), leave_demo)
    leave_button.setAccessibleDescription(
        _("Closes Companion; the sample data is deleted. Your own data is not touched.")
    )
    dialog.add_button(_("Not now"), dialog.reject)
    dialog.first_field = tour_button
    dialog.setObjectName("about-sample")
    session.closed.connect(dialog.close)
    return dialog


def sample_data_bar(session: UiSession, parent: QWidget | None = None) -> SampleDataBar | None:
    """The bar for the window to place above the pages, or None when this is not the demo."""
    from ui.actions_data import is_demo

    return SampleDataBar(session, parent) if is_demo(session) else None
