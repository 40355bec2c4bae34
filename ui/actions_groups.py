"""Every write on the Groups page, once: the page, its dialogs and Today call these.

Each runs the core through ``session.ops`` (in the background with progress and
Cancel when it reads or writes a whole file), says what happened in plain words,
offers Undo where something was recorded, and announces ``Change.GROUPS`` (with
``Change.PLANNER | Change.REMINDERS`` when a first visit goes into the week).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from companion import groups, i18n, planner, reminders
from companion.errors import CompanionError
from companion.groups import FirstVisit, Home, Place, PlacesPreview, Tried, Wishes
from companion.i18n import _
from companion.planner import Commitment, Draft
from ui.ops import Change, Undo

if TYPE_CHECKING:
    from ui.session import UiSession

Parent = QWidget | None
VISIT = Change.GROUPS | Change.PLANNER | Change.REMINDERS


def territory(session: UiSession) -> str:
    return str(session.settings.get("country") or "GB")


def energy_left(session: UiSession) -> int | None:
    """Energy left this week in the planner, for matching (None if it cannot be read)."""
    from ui.actions_energy import week_start

    try:
        return int(planner.week_of(session.store, session.now(), week_start(session)).left)
    except CompanionError:
        return None


# --- wishes and home ------------------------------------------------------------------------


def save_wishes(session: UiSession, parent: Parent, chosen: Wishes) -> bool:
    before = groups.wishes(session.settings)

    def save(_store: object) -> bool:
        groups.save_wishes(session.settings, chosen)
        return True

    def put_back(_store: object) -> None:
        groups.save_wishes(session.settings, before)

    return bool(
        session.ops.run(
            parent,
            save,
            Change.GROUPS,
            say=_("Saved what suits you. The groups are matched to it now."),
            undo=lambda _r: Undo(put_back, Change.GROUPS, _("What suits you is back as it was.")),
        )
    )


def set_home(session: UiSession, parent: Parent, name: str, lat: float, lon: float) -> Home | None:
    before = groups.home(session.settings)
    raw_before = (session.settings.get("home_name"), session.settings.get("home_coordinates"))

    def put_back(_store: object) -> None:
        session.settings.set("home_name", raw_before[0])
        session.settings.set("home_coordinates", raw_before[1])

    return session.ops.run(
        parent,
        lambda _store: groups.set_home(session.settings, name, lat, lon),
        Change.GROUPS,
        say=lambda home: _("Your home is now {place}. Places are measured from there.").format(
            place=home.name
        ),
        undo=lambda _home: Undo(
            put_back,
            Change.GROUPS,
            _("Your home is back to {place}.").format(place=before.name)
            if before
            else _("Your home is no longer set."),
        ),
    )


# --- places -----------------------------------------------------------------------------------


def save_notes(session: UiSession, parent: Parent, place_id: int, notes: str) -> Place | None:
    before = groups.place(session.store, place_id).notes
    return session.ops.run(
        parent,
        lambda store: groups.set_notes(store, session.now(), place_id, notes),
        Change.GROUPS,
        say=lambda p: _("Saved your notes on {place}.").format(place=p.name),
        undo=lambda p: Undo(
            lambda store: groups.set_notes(store, session.now(), place_id, before),
            Change.GROUPS,
            _("Your notes on {place} are back as they were.").format(place=p.name),
        ),
    )


def read_file(
    session: UiSession, parent: Parent, path: Path, then: Callable[[PlacesPreview], None]
) -> None:
    """Read and check the whole file off the UI thread; nothing is written yet."""
    from companion.interchange.places import read_places_file

    language = i18n.current_language()

    def work(store, progress, cancelled):  # type: ignore[no-untyped-def]
        read = read_places_file(path, progress=progress, cancelled=cancelled, language=language)
        return groups.preview_import(store, read, path.name)

    def done(preview: PlacesPreview | None) -> None:
        if preview is not None:
            then(preview)

    session.ops.run_in_background(
        parent, work, Change.NONE, title=_("Reading {file}…").format(file=path.name), done=done
    )


def import_places(
    session: UiSession,
    parent: Parent,
    preview: PlacesPreview,
    done: Callable[[groups.ImportResult | None], None] | None = None,
) -> None:
    """Write the previewed places in one transaction, with progress and Cancel."""
    now = session.now()
    session.ops.run_in_background(
        parent,
        lambda store, progress, cancelled: groups.commit_import(
            store, now, preview, progress=progress, cancelled=cancelled
        ),
        Change.GROUPS,
        title=_("Adding the places…"),
        say=import_words,
        done=done,
    )


def import_words(result: groups.ImportResult) -> str:
    """What an import did, without "Added 0 places." when it brought places up to date."""
    sentences = result.sentences()
    if result.added == 0 and result.updated:
        sentences = sentences[1:]
    return " ".join(sentences)


def remove_source(session: UiSession, parent: QWidget, source: groups.PlaceSource) -> int | None:
    """Take away every place one file brought in (your notes on them too), once confirmed."""
    from PySide6.QtWidgets import QMessageBox

    from ui.dialogs.shell import whole_buttons

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Take these places away?"))
    box.setText(
        _(
            "Take away the places that came from {file}? Your notes on them go too. You can add "
            "the file again later."
        ).format(file=source.file_name)
    )
    # Buttons that say what they do, not Qt's bare Yes and No; keeping them is the default.
    take = box.addButton(_("Take them away"), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(_("Keep them"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    whole_buttons(box)
    box.exec()
    if box.clickedButton() is not take:
        return None
    return session.ops.run(
        parent,
        lambda store: groups.remove_source(store, source.id),
        Change.GROUPS,
        say=lambda count: i18n.ngettext(
            "Took away {count} place from {file}.", "Took away {count} places from {file}.", count
        ).format(count=count, file=source.file_name),
    )


def choose_file(parent: QWidget) -> Path | None:
    from ui.widgets import files

    return files.ask_open_path(
        parent,
        _("Choose a file of places"),
        _(
            "Directories and map files (*.csv *.json *.geojson *.geojsonseq *.osm *.osm.bz2 "
            "*.osm.gz *.bz2 *.gz);;All files (*)"
        ),
    )


# --- try this one -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedVisit:
    visit: FirstVisit
    item: Commitment


def plan_first_visit(
    session: UiSession,
    parent: Parent,
    *,
    place_id: int | None = None,
    kind_id: str = "",
    starts: datetime,
    minutes: int = 90,
) -> PlannedVisit | None:
    """Choose to try it, put the first visit in the week and a reminder before it: together."""
    zone = session.zone()

    def work(store):  # type: ignore[no-untyped-def]
        now = session.now()
        wall_now = reminders.wall_clock(now, zone)
        ahead = (starts - wall_now.replace(tzinfo=None)).total_seconds() / 60
        if ahead < 1:
            raise CompanionError(
                _("That time has already passed. Please choose a time from now on.")
            )
        with store.transaction():
            visit = groups.try_this(
                store, now, place_id=place_id, kind_id=kind_id, planned_for=starts
            )
            note = visit.ring_first
            item = planner.add(
                store,
                now,
                Draft(
                    "group",
                    _("First visit: {title}").format(title=visit.title),
                    starts,
                    minutes,
                    visit.energy_cost,
                    group_place_id=place_id,
                    note=note,
                ),
            )
            item = planner.attach_reminder(
                store, now, item.id, before_minutes=int(min(60, ahead - 1)), zone=zone
            )
        return PlannedVisit(visit, item)

    def take_back(store, planned: PlannedVisit) -> None:  # type: ignore[no-untyped-def]
        now = session.now()
        with store.transaction():
            if planned.item.reminder_id is not None:
                reminders.delete(store, planned.item.reminder_id, now)
            planner.delete(store, now, planned.item.id)
            groups.forget_try(store, now, planned.visit.try_id)

    return session.ops.run(
        parent,
        work,
        VISIT,
        say=lambda p: _(
            "Your first visit to {title} is in your week, on {day}, with a reminder."
        ).format(title=p.visit.title, day=i18n.format_day(p.item.starts.date())),
        undo=lambda p: Undo(
            lambda store: take_back(store, p),
            VISIT,
            _("Taken back: the visit to {title} is no longer in your week.").format(
                title=p.visit.title
            ),
        ),
    )


def reflect(
    session: UiSession,
    parent: Parent,
    try_id: int,
    *,
    went: bool,
    feeling: int | None,
    reflection: str,
    keep_going: bool,
) -> Tried | None:
    def say(tried: Tried) -> str:
        if tried.going:
            return _("Thank you. {title} is on your Today page as a group you go to.").format(
                title=tried.title
            )
        return _("Thank you for noting how it went.")

    return session.ops.run(
        parent,
        lambda store: groups.reflect(
            store,
            try_id,
            went=went,
            feeling=feeling,
            reflection=reflection,
            keep_going=keep_going,
        ),
        Change.GROUPS,
        say=say,
    )


def waiting_to_reflect(session: UiSession) -> list[Tried]:
    """Visits whose day has passed and that have not been answered yet."""
    wall = session.now().replace(tzinfo=None)
    return [
        t
        for t in groups.tries(session.store)
        if t.went is None and t.planned_for is not None and t.planned_for <= wall
    ]


def next_meeting(now: datetime) -> datetime:
    """A first guess for the first visit: the next day at ten in the morning (wall clock)."""
    day = now.replace(tzinfo=None) + timedelta(days=1)
    return day.replace(hour=10, minute=0, second=0, microsecond=0)


# --- the printed page -----------------------------------------------------------------------------


def save_near_me(session: UiSession, parent: QWidget) -> Path | None:
    """Ask where to save the one-page "places near me", then write it there (and only there)."""
    from ui.reports.groups import default_file_name, write_near_me
    from ui.widgets import files

    chosen = files.ask_save_path(
        parent, _("Save a page of places near me"), default_file_name(), _("PDF files (*.pdf)")
    )
    if chosen is None:
        return None
    path = chosen if chosen.suffix.lower() == ".pdf" else chosen.with_name(chosen.name + ".pdf")
    left = energy_left(session)
    done = session.ops.run(
        parent,
        lambda store: write_near_me(
            store, session.settings, session.now(), territory(session), path, left
        ),
        Change.NONE,
        say=files.saved_words(path),
    )
    return path if done is not None else None
