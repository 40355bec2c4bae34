"""One function per thing a person can do that writes, used from every place that offers it.

"I was in touch" behaves the same on Today, in the People list, on a person's
page, in the banner and from a notification: it goes through ``log_contact``
here, which runs the core call as an operation, says what happened, offers
Undo and announces what changed, so every view redraws itself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from companion import challenge, contacts, helplines, i18n, reminders
from companion.contacts import Contact, Person
from companion.i18n import _, ngettext
from companion.interchange import people_import
from companion.reminders import Answer, Due
from companion.store import Store
from ui.ops import Change, Operations, Undo

if TYPE_CHECKING:
    from ui.session import UiSession

Parent = QWidget | None


def _name(session: UiSession, person_id: int) -> str:
    try:
        return contacts.get_person(session.store, person_id).name
    except Exception:  # a removed person: the words still read well
        return _("them")


# --- people ------------------------------------------------------------------------------


def log_contact(
    session: UiSession,
    parent: Parent,
    person_id: int,
    kind: str = "call",
    at: datetime | None = None,
    feeling: int | None = None,
    note: str = "",
    source: object | None = None,
) -> Contact | None:
    """I was in touch: restarts the schedule; Undo takes it back."""
    name = _name(session, person_id)
    moment = at or session.now()
    return session.ops.run(
        parent,
        lambda store: contacts.log_contact(store, person_id, moment, kind, feeling, note),
        Change.CONTACTS | Change.PEOPLE,
        source=source,
        say=_("Noted: you were in touch with {name}.").format(name=name),
        undo=lambda contact: Undo(
            lambda store: contacts.delete_contact(store, contact.id),
            Change.CONTACTS | Change.PEOPLE,
            _("Taken back: the contact with {name} is no longer noted.").format(name=name),
        ),
    )


def later(
    session: UiSession, parent: Parent, person_id: int, source: object | None = None
) -> date | None:
    """Not today: suggest this person again in a few days; Undo puts the suggestion back."""
    person = contacts.get_person(session.store, person_id)
    before = person.snoozed_until
    return session.ops.run(
        parent,
        lambda store: contacts.snooze(store, person_id, session.now().date()),
        Change.PEOPLE,
        source=source,
        say=lambda until: _("All right. Companion will suggest {name} again on {date}.").format(
            name=person.name, date=i18n.format_date(until, "long")
        ),
        undo=lambda _until: Undo(
            lambda store: contacts.set_snooze(store, person_id, before),
            Change.PEOPLE,
            _("{name} is back among today's suggestions.").format(name=person.name),
        ),
    )


def add_person(session: UiSession, parent: Parent, typed: Person) -> Person | None:
    return session.ops.run(
        parent,
        lambda store: contacts.add_person(store, session.now(), typed),
        Change.PEOPLE,
        say=lambda person: _("{name} was added.").format(name=person.name),
    )


def change_person(session: UiSession, parent: Parent, typed: Person) -> Person | None:
    return session.ops.run(
        parent,
        lambda store: contacts.update_person(store, typed),
        Change.PEOPLE,
        say=lambda person: _("Saved the changes for {name}.").format(name=person.name),
    )


def remove_person(session: UiSession, parent: Parent, person_id: int) -> bool:
    name = _name(session, person_id)
    done = session.ops.run(
        parent,
        lambda store: contacts.delete_person(store, session.now(), person_id) or True,
        Change.PEOPLE | Change.CONTACTS | Change.REMINDERS,
        say=_("{name} was removed from your list.").format(name=name),
        undo=lambda _r: Undo(
            lambda store: contacts.undo_delete(store, person_id),
            Change.PEOPLE | Change.CONTACTS | Change.REMINDERS,
            _("{name} is back.").format(name=name),
        ),
    )
    return bool(done)


def add_note(session: UiSession, parent: Parent, person_id: int, kind: str, text: str) -> bool:
    return (
        session.ops.run(
            parent,
            lambda store: contacts.add_note(store, person_id, session.now(), kind, text),
            Change.PEOPLE,
        )
        is not None
    )


# --- reminders ---------------------------------------------------------------------------


def reminder_done(
    session: UiSession, parent: Parent, item: Due, source: object | None = None
) -> Answer | None:
    """Done: settled; for a reminder about a person that counts as being in touch."""
    title = item.reminder.title
    changes = Change.REMINDERS | (
        Change.CONTACTS | Change.PEOPLE if item.reminder.person_id else Change.NONE
    )
    return session.ops.run(
        parent,
        lambda store: reminders.answer_done(store, item, session.now(), session.zone()),
        changes,
        source=source,
        say=_("Done: {title}.").format(title=title),
        undo=lambda answer: Undo(
            lambda store: reminders.undo_answer(store, answer, session.zone()),
            changes,
            _("Taken back: {title} is waiting again.").format(title=title),
        ),
    )


def reminder_snooze(
    session: UiSession, parent: Parent, item: Due, until: datetime, source: object | None = None
) -> Answer | None:
    title = item.reminder.title
    return session.ops.run(
        parent,
        lambda store: reminders.answer_snooze(store, item, until, session.zone()),
        Change.REMINDERS,
        source=source,
        say=_("Companion will remind you again {when}.").format(
            when=reminders.when_words(until, session.now())
        ),
        undo=lambda answer: Undo(
            lambda store: reminders.undo_answer(store, answer, session.zone()),
            Change.REMINDERS,
            _("Taken back: {title} is waiting again.").format(title=title),
        ),
    )


def pause_reminder(session: UiSession, parent: Parent, reminder_id: int, paused: bool) -> bool:
    done = session.ops.run(
        parent,
        lambda store: reminders.set_paused(store, reminder_id, paused, session.now()),
        Change.REMINDERS,
        say=lambda r: (_("{title} is paused.") if paused else _("{title} is on again.")).format(
            title=r.title
        ),
    )
    return done is not None


def remove_reminder(session: UiSession, parent: Parent, reminder_id: int) -> bool:
    title = reminders.get(session.store, reminder_id).title
    done = session.ops.run(
        parent,
        lambda store: reminders.delete(store, reminder_id, session.now()) or True,
        Change.REMINDERS,
        say=_("{title} was deleted.").format(title=title),
        undo=lambda _r: Undo(
            lambda store: reminders.undo_delete(store, reminder_id, session.zone()),
            Change.REMINDERS,
            _("{title} is back.").format(title=title),
        ),
    )
    return bool(done)


def seen_while_away(session: UiSession, items: list[Due]) -> None:
    """The person has read the "while you were away" list: those times are settled."""
    zone = session.zone()

    def settle(store: Store) -> int:
        now_wall = reminders.wall_clock(session.now(), zone)
        for item in items:
            reminders.handled(store, item.reminder.id, max(item.occurrence, now_wall), zone)
        return len(items)

    session.ops.run(None, settle, Change.REMINDERS)


# --- your own professionals ---------------------------------------------------------------


def remove_professional(session: UiSession, parent: Parent, professional_id: int) -> bool:
    removed = session.ops.run(
        parent,
        lambda store: helplines.delete_professional(store, professional_id),
        Change.HELP,
        say=lambda p: _("{name} was removed.").format(name=p.name if p else ""),
        undo=lambda p: (
            Undo(
                lambda store: helplines.restore_professional(store, session.now(), p),
                Change.HELP,
                _("{name} is back.").format(name=p.name),
            )
            if p is not None
            else None
        ),
    )
    return removed is not None


# --- importing people, the 5-for-5 challenge ----------------------------------------------
# These two take the operations hub rather than the session: their dialogs are also drawn
# without a session (screenshots, layout checks) and then run on an Operations of their own.


def import_summary(
    preview: people_import.ImportPreview, include_duplicates: bool, count: int
) -> str:
    """What an import did, in one or two sentences: how many were added, how many skipped."""
    skipped = 0 if include_duplicates else len(preview.entries) - count  # not counted again
    words = ngettext("Added {count} person.", "Added {count} people.", count).format(
        count=i18n.format_number(count)
    )
    if skipped:
        words += " " + ngettext(
            "Skipped {count} that looks like someone already here.",
            "Skipped {count} that look like people already here.",
            skipped,
        ).format(count=i18n.format_number(skipped))
    return words


def import_people(
    ops: Operations,
    parent: Parent,
    now: datetime,
    preview: people_import.ImportPreview,
    include_duplicates: bool = False,
    done: Callable[[int | None], None] | None = None,
) -> None:
    """Add everyone chosen in the preview, in one transaction, off the UI thread.

    A progress bar with Cancel (Cancel takes the whole import back); then the list of
    people and Today redraw, and the status line says how many were added. No Undo:
    taking back thousands of people at a keystroke would be too easy to do by mistake
    (each one can still be removed, and undone, on their own).
    """

    def work(
        store: Store, progress: Callable[[int, int], None], cancelled: Callable[[], bool]
    ) -> int:
        added = people_import.commit(store, now, preview, include_duplicates, progress, cancelled)
        store.warm_reader("people")  # the redraw that follows finds its pages ready
        return added

    ops.run_in_background(
        parent,
        work,
        Change.PEOPLE | Change.CONTACTS,
        title=_("Adding people…"),
        say=lambda count: import_summary(preview, include_duplicates, count),
        done=done,
    )


def start_challenge(
    ops: Operations, parent: Parent, first_day: date, chosen: list[tuple[str, str]]
) -> challenge.Challenge | None:
    """Begin the 5-for-5 challenge with the five (kind, words) chosen; None if refused."""
    return ops.run(
        parent,
        lambda store: challenge.start(store, first_day, chosen),
        Change.WELLBEING,
        say=_("Your challenge has begun. Day 1 is waiting on Today."),
    )
