"""Warming the reader after a large write: the window's next reads find their pages ready."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from companion import contacts
from companion.contacts import Person
from companion.profile import Unlocked

NOW = datetime(2025, 3, 1, 10, 0, tzinfo=UTC)


def in_another_thread(work):  # type: ignore[no-untyped-def]
    result: list[object] = []
    thread = threading.Thread(target=lambda: result.append(work()))
    thread.start()
    thread.join()
    return result[0]


def test_warming_reads_the_table_and_each_index_and_sees_the_newest_data(
    passphrase_profile: Unlocked,
) -> None:
    store = passphrase_profile.store
    contacts.add_people(store, NOW, (Person(0, f"Person {n}") for n in range(300)))
    indexes = store.query(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'people'"
    )
    scanned = in_another_thread(lambda: store.warm_reader("people"))
    assert 1 <= scanned <= 1 + len(indexes)  # the table, then the indexes that can be named
    assert contacts.count_people(store) == 300  # the reader reads what was just written


def test_inside_a_transaction_it_does_nothing(passphrase_profile: Unlocked) -> None:
    store = passphrase_profile.store
    with store.transaction():
        assert store.warm_reader("people") == 0


def test_only_a_plain_table_name_is_taken(passphrase_profile: Unlocked) -> None:
    with pytest.raises(ValueError):
        passphrase_profile.store.warm_reader('people"; DROP TABLE people; --')
