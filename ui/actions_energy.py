"""Every write on the Energy page, once: the page, its dialogs and Today all call these.

Each runs one planner call through ``session.ops.run``, says what happened in
plain words, offers Undo where something was recorded, and announces
``Change.PLANNER`` so every view that shows the plan redraws itself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from companion import i18n, planner, planner_scripts
from companion.i18n import _
from companion.planner import Commitment, Draft
from ui.ops import Change, Undo

if TYPE_CHECKING:
    from ui.session import UiSession

Parent = QWidget | None


def _done(call: Callable[[], object]) -> bool:
    """For a core call that returns nothing: True once it ran (ops.run gives None on failure)."""
    call()
    return True


def week_start(session: UiSession) -> int:
    """The locale's first day of the week (0 is Monday)."""
    return planner.first_week_day(i18n.current_language(), session.settings.get("country"))


# --- the budget ------------------------------------------------------------------------------


def set_budget(session: UiSession, parent: Parent, value: int) -> int | None:
    before = planner.budget(session.store)
    return session.ops.run(
        parent,
        lambda store: planner.set_budget(store, session.now(), value, week_start(session)),
        Change.PLANNER,
        say=lambda n: i18n.ngettext(
            "Your weekly energy is now {count} point.",
            "Your weekly energy is now {count} points.",
            n,
        ).format(count=i18n.format_number(n)),
        undo=lambda _n: Undo(
            lambda store: planner.set_budget(store, session.now(), before, week_start(session)),
            Change.PLANNER,
            _("Your weekly energy is back as it was."),
        ),
    )


def accept_rise(session: UiSession, parent: Parent) -> int | None:
    """Yes to a rise: Undo puts the weekly energy back, as it does after "Change my weekly
    energy" (the offer then waits for another few steady weeks, as after "No")."""
    before = planner.budget(session.store)
    return session.ops.run(
        parent,
        lambda store: planner.accept_rise(store, session.now(), week_start(session)),
        Change.PLANNER,
        say=lambda n: _("You now plan with {count} a week.").format(count=i18n.format_number(n)),
        undo=lambda _n: Undo(
            lambda store: planner.set_budget(store, session.now(), before, week_start(session)),
            Change.PLANNER,
            _("Your weekly energy is back as it was."),
        ),
    )


def dismiss_rise(session: UiSession, parent: Parent) -> bool:
    done = session.ops.run(
        parent,
        lambda store: _done(
            lambda: planner.dismiss_rise(store, session.now(), week_start(session))
        ),
        Change.PLANNER,
        say=_("All right. Your weekly energy stays as it is."),
    )
    return bool(done)


# --- commitments -----------------------------------------------------------------------------


def add_item(session: UiSession, parent: Parent, draft: Draft) -> Commitment | None:
    return session.ops.run(
        parent,
        lambda store: planner.add(store, session.now(), draft),
        Change.PLANNER,
        say=lambda item: _("Added to your week: {title}.").format(title=item.title),
        undo=lambda item: Undo(
            lambda store: planner.delete(store, session.now(), item.id),
            Change.PLANNER,
            _("Taken back: {title} is no longer in your week.").format(title=item.title),
        ),
    )


def change_item(
    session: UiSession, parent: Parent, item_id: int, draft: Draft
) -> Commitment | None:
    before = planner.get(session.store, item_id)
    changes = Change.PLANNER | (Change.REMINDERS if before.reminder_id else Change.NONE)
    return session.ops.run(
        parent,
        lambda store: planner.change(store, session.now(), item_id, draft),
        changes,
        say=lambda item: _("Saved the changes to {title}.").format(title=item.title),
        undo=lambda _item: Undo(
            lambda store: planner.change(store, session.now(), item_id, before.as_draft()),
            changes,
            _("{title} is back as it was.").format(title=before.title),
        ),
    )


def move_item(
    session: UiSession, parent: Parent, item_id: int, starts: datetime
) -> Commitment | None:
    before = planner.get(session.store, item_id)
    changes = Change.PLANNER | (Change.REMINDERS if before.reminder_id else Change.NONE)
    return session.ops.run(
        parent,
        lambda store: planner.move(store, session.now(), item_id, starts),
        changes,
        say=lambda item: _("Moved {title} to {day}.").format(
            title=item.title, day=i18n.format_day(item.starts.date())
        ),
        undo=lambda _item: Undo(
            lambda store: planner.move(store, session.now(), item_id, before.starts),
            changes,
            _("{title} is back on {day}.").format(
                title=before.title, day=i18n.format_day(before.starts.date())
            ),
        ),
    )


def decline(session: UiSession, parent: Parent, item_id: int) -> Commitment | None:
    """Said no: it stays in the week, no longer counted; Undo plans it again."""
    return session.ops.run(
        parent,
        lambda store: planner.decline(store, item_id),
        Change.PLANNER,
        say=lambda item: _("You said no to {title}. It no longer counts in your week.").format(
            title=item.title
        ),
        undo=lambda item: Undo(
            lambda store: planner.undo_decline(store, item_id),
            Change.PLANNER,
            _("{title} is planned again.").format(title=item.title),
        ),
    )


def plan_again(session: UiSession, parent: Parent, item_id: int) -> Commitment | None:
    return session.ops.run(
        parent,
        lambda store: planner.undo_decline(store, item_id),
        Change.PLANNER,
        say=lambda item: _("{title} is planned again.").format(title=item.title),
        undo=lambda item: Undo(
            lambda store: planner.decline(store, item_id),
            Change.PLANNER,
            _("You said no to {title} again.").format(title=item.title),
        ),
    )


def delete_item(session: UiSession, parent: Parent, item_id: int) -> bool:
    title = planner.get(session.store, item_id).title
    done = session.ops.run(
        parent,
        lambda store: _done(lambda: planner.delete(store, session.now(), item_id)),
        Change.PLANNER,
        say=_("{title} was removed from your week.").format(title=title),
        undo=lambda _r: Undo(
            lambda store: planner.undo_delete(store, item_id),
            Change.PLANNER,
            _("{title} is back in your week.").format(title=title),
        ),
    )
    return bool(done)


def attach_reminder(
    session: UiSession, parent: Parent, item_id: int, before_minutes: int = 60
) -> Commitment | None:
    """Remind me: one click, a reminder an hour before; it shows on the Reminders page."""
    return session.ops.run(
        parent,
        lambda store: planner.attach_reminder(
            store, session.now(), item_id, before_minutes, session.zone()
        ),
        Change.PLANNER | Change.REMINDERS,
        say=lambda item: _("Companion will remind you of {title} an hour before.").format(
            title=item.title
        ),
    )


def reflect(
    session: UiSession, parent: Parent, item_id: int, feeling: str, asked: str = "then"
) -> bool:
    done = session.ops.run(
        parent,
        lambda store: _done(lambda: planner.reflect(store, session.now(), item_id, feeling, asked)),
        Change.PLANNER,
        say=_("Thank you. Companion will remember how it felt."),
    )
    return bool(done)


# --- boundaries ------------------------------------------------------------------------------


def add_boundary(
    session: UiSession, parent: Parent, kind: str, number: int | None, text: str
) -> planner.Boundary | None:
    return session.ops.run(
        parent,
        lambda store: planner.add_boundary(store, session.now(), kind, number, text),
        Change.PLANNER,
        say=lambda b: _("Your rule was added: {rule}").format(rule=planner.describe_boundary(b)),
        undo=lambda b: Undo(
            lambda store: planner.delete_boundary(store, session.now(), b.id),
            Change.PLANNER,
            _("Taken back: the rule is no longer there."),
        ),
    )


def change_boundary(
    session: UiSession, parent: Parent, boundary_id: int, number: int | None, text: str
) -> planner.Boundary | None:
    return session.ops.run(
        parent,
        lambda store: planner.change_boundary(store, boundary_id, number, text),
        Change.PLANNER,
        say=lambda b: _("Your rule was changed: {rule}").format(rule=planner.describe_boundary(b)),
    )


def delete_boundary(session: UiSession, parent: Parent, boundary: planner.Boundary) -> bool:
    rule = planner.describe_boundary(boundary)
    done = session.ops.run(
        parent,
        lambda store: _done(lambda: planner.delete_boundary(store, session.now(), boundary.id)),
        Change.PLANNER,
        say=_("The rule was removed: {rule}").format(rule=rule),
        undo=lambda _r: Undo(
            lambda store: planner.undo_delete_boundary(store, boundary.id),
            Change.PLANNER,
            _("The rule is back: {rule}").format(rule=rule),
        ),
    )
    return bool(done)


# --- a pause ---------------------------------------------------------------------------------


def pause(session: UiSession, parent: Parent, until: date) -> date | None:
    return session.ops.run(
        parent,
        lambda store: planner.pause(store, session.now(), until),
        Change.PLANNER,
        say=lambda day: _(
            "Paused until {date}. Companion won't suggest anything here until then. Take care."
        ).format(date=i18n.format_day(day)),
        undo=lambda _d: Undo(planner.end_pause, Change.PLANNER, _("The pause is off again.")),
    )


def end_pause(session: UiSession, parent: Parent) -> bool:
    """Undo pauses again until the same day: "End the pause now" is one click away."""
    until = planner.paused_until(session.store, session.now())
    done = session.ops.run(
        parent,
        lambda store: _done(lambda: planner.end_pause(store)),
        Change.PLANNER,
        say=_("Welcome back. The pause is over."),
        undo=lambda _r: (
            Undo(
                lambda store: planner.pause(store, session.now(), until),
                Change.PLANNER,
                _("The planner is paused again until the end of {date}.").format(
                    date=i18n.format_day(until)
                ),
            )
            if until is not None
            else None
        ),
    )
    return bool(done)


# --- words for saying no --------------------------------------------------------------------


def choose_script(session: UiSession, parent: Parent, key: str, chosen: bool) -> bool:
    done = session.ops.run(
        parent,
        lambda store: _done(lambda: planner_scripts.choose(store, session.now(), key, chosen)),
        Change.PLANNER,
        say=_("These words are kept by the phone.") if chosen else _("These words are put away."),
    )
    return bool(done)


def add_script(
    session: UiSession, parent: Parent, situation: str, aim: str, text: str, with_reason: str
) -> planner_scripts.Script | None:
    return session.ops.run(
        parent,
        lambda store: planner_scripts.add_script(
            store, session.now(), situation, aim, text, with_reason
        ),
        Change.PLANNER,
        say=_("Your own words were added."),
        undo=lambda s: Undo(
            lambda store: planner_scripts.delete_script(store, session.now(), s.key),
            Change.PLANNER,
            _("Taken back: your words were removed."),
        ),
    )


def edit_script(
    session: UiSession,
    parent: Parent,
    key: str,
    situation: str,
    aim: str,
    text: str,
    with_reason: str,
) -> planner_scripts.Script | None:
    before = next((s for s in planner_scripts.scripts(session.store) if s.key == key), None)
    return session.ops.run(
        parent,
        lambda store: planner_scripts.edit_script(store, key, situation, aim, text, with_reason),
        Change.PLANNER,
        say=_("Your words were changed."),
        undo=lambda _s: (
            Undo(
                lambda store: planner_scripts.edit_script(
                    store, key, before.situation, before.aim, before.text, before.with_reason
                ),
                Change.PLANNER,
                _("Your words are back as they were."),
            )
            if before is not None
            else None
        ),
    )


def delete_script(session: UiSession, parent: Parent, key: str) -> bool:
    done = session.ops.run(
        parent,
        lambda store: _done(lambda: planner_scripts.delete_script(store, session.now(), key)),
        Change.PLANNER,
        say=_("Your words were removed."),
        undo=lambda _r: Undo(
            lambda store: planner_scripts.undo_delete_script(store, key),
            Change.PLANNER,
            _("Your words are back."),
        ),
    )
    return bool(done)
