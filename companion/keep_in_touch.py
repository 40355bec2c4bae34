"""Keeping in touch: who is due, the line above the page, and its notifications.

``DUE_BY`` is the one rule, in SQL over ``people``: Today's people card and its "See N more"
(``companion.contacts``), the keep-in-touch line and its notifications (here) all ask it, so
they always name the same people. It lives here, not with the people or the reminders, so
that the line can be read before the window's first paint without making the people's or
the reminders' records: the window's process makes those when it first needs them
(bench/README.md, "Start-up, eighth round").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from companion.store import Store

# Who is due: by ``:until``, with any "Later" waited out by ``:today`` (the index
# ``people_due_count`` serves it).
DUE_BY = (
    "deleted_at IS NULL AND next_due IS NOT NULL AND next_due <= :until"
    " AND (snoozed_until IS NULL OR snoozed_until <= :today)"
)


# --- keep-in-touch nudges ---------------------------------------------------------------------


# ``DUE_BY`` is Today's people card's rule too (``companion.today.people_to_reach``, which reads
# ``contacts.due_overview(..., never=False)`` and ``contacts.count_due_this_week``): due by
# today (someone not in touch yet comes due one period after they were added), "Later"
# waited out, longest overdue first and then by name; its columns are people p's.
# So the line above the page and a notification never name someone Today does not list.
_NUDGED = "EXISTS (SELECT 1 FROM person_nudges n WHERE n.person_id = p.id AND n.due = p.next_due)"


def people_to_nudge(store: Store, today: date) -> list[tuple[int, str, date]]:
    """Whom to notify: people Today lists as due now, in Today's order, not yet nudged for
    this due date (each due date notifies once; mark it with ``mark_nudged``)."""
    day = today.isoformat()
    rows = store.query(
        f"SELECT p.id, p.name, p.next_due FROM people p WHERE {DUE_BY}"
        f" AND NOT {_NUDGED} ORDER BY p.next_due, p.sort_name LIMIT 20",
        {"until": day, "today": day},
    )
    return [(int(r[0]), r[1], date.fromisoformat(r[2])) for r in rows]


@dataclass(frozen=True)
class KeepInTouch:
    """Whom the line above the page names and counts ("A good day to get in touch with Anne
    and 5 others"): the people Today's card counts, so "See who" opens a Today that agrees."""

    listed: dict[int, str]  # those Today's card lists, in its order: the line names the first
    more: tuple[int, ...] = ()  # those its "See N more" counts (ids, in no particular order)
    others: int = 0  # how many those are, when only counted (``with_ids=False``)

    @property
    def count(self) -> int:
        return len(self.listed) + len(self.more) + self.others


def keep_in_touch_line(store: Store, today: date, *, with_ids: bool = True) -> KeepInTouch:
    """The people for the keep-in-touch line: Today's own list and count.

    No one while Today lists no one due now, or while none of those due now has been
    nudged yet (the line follows the notifications, never comes before them). Only the
    few listed are read whole; the others are counted from an index, so a list of
    thousands due this week costs a millisecond or two. With ``with_ids=False`` they are
    only counted (``others``), not read one by one: the line names the first and says how
    many (6,838 ids of a large profile read before the first paint: ~3 ms; counted: less).
    """
    from companion.today import PEOPLE_SHOWN

    day = today.isoformat()
    due_now = {"until": day, "today": day}
    # Asked at every start, before the window paints. With thousands due and none nudged
    # it looks at each of them: in the index alone (due day, "Later" until), never their
    # rows (6,200 rows of the large profile read and decrypted: 9 ms at start; now ~1 ms).
    nudged = store.query_one(
        f"SELECT 1 FROM people p INDEXED BY people_due_count WHERE {DUE_BY} AND {_NUDGED}",
        due_now,
    )
    if nudged is None:
        return KeepInTouch({})

    from companion import contacts  # only once someone was notified: see above

    overview = contacts.due_overview(store, today, PEOPLE_SHOWN, birthday_limit=0, never=False)
    listed = {item.person.id: item.person.name for item in overview.reach_now(PEOPLE_SHOWN)}
    week = {"until": (today + timedelta(days=7)).isoformat(), "today": day}
    if not with_ids:
        shown = {f"shown{n}": person_id for n, person_id in enumerate(listed)}
        left_out = f" AND p.id NOT IN ({', '.join(':' + k for k in shown)})" if shown else ""
        counted = store.query_one(
            f"SELECT count(*) FROM people p INDEXED BY people_due_count WHERE {DUE_BY}{left_out}",
            {**week, **shown},
        )
        return KeepInTouch(listed, others=int(counted[0]) if counted is not None else 0)
    rows = store.query(
        f"SELECT p.id FROM people p INDEXED BY people_due_count WHERE {DUE_BY}",
        week,
    )
    return KeepInTouch(listed, tuple(int(r[0]) for r in rows if int(r[0]) not in listed))


def mark_nudged(store: Store, person_id: int, due_date: date) -> None:
    store.execute(
        "INSERT OR IGNORE INTO person_nudges(person_id, due) VALUES (?, ?)",
        (person_id, due_date.isoformat()),
    )


def mark_all_nudged(store: Store, nudges: Iterable[tuple[int, date]]) -> None:
    """Mark many people notified for their due dates in one write (one commit, not one each)."""
    with store.transaction():
        for person_id, due_date in nudges:
            mark_nudged(store, person_id, due_date)
