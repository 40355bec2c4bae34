"""What Companion reads from the data before its window first shows, with many people.

A person with thousands of people on their list must see Today as soon as someone
with a handful does. So what runs before the first paint (the keep-in-touch line above
the page, Today's first screen) asks the indexes, never every due person's row: each
row read is a page decrypted. Checked on the query plans SQLite chooses, which do not
depend on how fast this computer is, and on the answers, which must not change.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from companion import contacts, keep_in_touch, today, today_rest
from companion.contacts import Person, Schedule
from companion.store import Store

DAY = date(2026, 3, 10)
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(keyring_profile) -> Store:
    return keyring_profile.store


def many_due(store: Store, count: int = 60) -> list[int]:
    """``count`` people to ring weekly, every one of them overdue today."""
    contacts.add_people(
        store,
        NOW - timedelta(days=90),
        [Person(0, f"Person {n:03d}", schedule=Schedule(1, "weeks")) for n in range(count)],
    )
    ids = [int(row[0]) for row in store.query("SELECT id FROM people ORDER BY id")]
    for n, person_id in enumerate(ids):
        contacts.log_contact(store, person_id, NOW - timedelta(days=20 + n % 7))
    return ids


@pytest.fixture
def asked(store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, object]]]:
    """Every query the code under test sends to the store, with its parameters."""
    found: list[tuple[str, object]] = []
    read = Store._read

    def noting(self: Store, sql: str, params: object, fetch: str, main: object = None) -> object:
        found.append((sql, params))
        return read(self, sql, params, fetch, main)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "_read", noting)
    yield found


def plans(store: Store, queries: list[tuple[str, object]]) -> list[str]:
    lines = []
    for sql, params in list(queries):  # the plans asked for here are noted too
        if sql.lstrip().upper().startswith("SELECT"):
            rows = store.query("EXPLAIN QUERY PLAN " + sql, params)  # type: ignore[arg-type]
            lines += [str(row[-1]) for row in rows]
    return lines


def test_the_line_above_the_page_asks_the_index_when_no_one_was_nudged_yet(store, asked):
    many_due(store)
    asked.clear()
    line = keep_in_touch.keep_in_touch_line(store, DAY)
    assert line.count == 0  # nothing nudged yet: no line, as before
    found = plans(store, asked)
    # The due day and "Later" are both in people_due_count: the check reads no person's row
    # (people_by_due holds only the due day, so it had to read every due person's row).
    assert found and all("people_due_count" in p for p in found if " p " in f" {p} ")
    assert not [p for p in found if "people_by_due " in p or p.startswith("SCAN p")]


def test_the_line_and_today_still_agree_with_many_due(store, asked):
    ids = many_due(store)
    for person_id, _name, due in keep_in_touch.people_to_nudge(store, DAY):
        keep_in_touch.mark_nudged(store, person_id, due)
    asked.clear()
    line = keep_in_touch.keep_in_touch_line(store, DAY)
    card = today.people_to_reach(store, DAY)
    assert list(line.listed) == [p.person_id for p in card.people]
    assert line.count == len(ids)  # everyone is due, and Today counts them all
    assert card.see_all == f"See {len(ids) - today.PEOPLE_SHOWN} more"
    assert not [p for p in plans(store, asked) if p.startswith("SCAN people")]


def test_the_birthdays_card_reads_names_and_days_from_one_index(store, asked):
    """Just after the first paint Today lists the next three birthdays, from the name and
    day of everyone with a birthday in the next two weeks: both are in one index
    (migration 10), so no person's row is read until the three are chosen."""
    names = ["Zoë", "ada", "Émile", "Bea", "Cy"]
    contacts.add_people(
        store,
        NOW - timedelta(days=90),
        [Person(0, name, birthday=f"1950-03-{10 + n % 3}") for n, name in enumerate(names * 20)],
    )
    asked.clear()
    soon = contacts.birthdays_soon(store, DAY, 3)
    # The soonest day first, then by name as a person reads it, then the one added first.
    assert [(p.name, when) for p, when in soon] == [("ada", DAY), ("ada", DAY), ("ada", DAY)]
    assert today_rest.birthday_lines(store, DAY)[0] == "It's ada's birthday today."
    found = plans(store, asked)
    assert any("people_birthdays_soon" in p for p in found)
    assert not [p for p in found if "people_by_birthday" in p or p.startswith("SCAN people")]
