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


def test_the_main_thread_never_waits_for_another_threads_long_read(
    passphrase_profile: Unlocked,
) -> None:

    store = passphrase_profile.store
    contacts.add_people(store, NOW, (Person(0, f"Person {n}") for n in range(5)))
    holding, done = threading.Event(), threading.Event()

    def long_read() -> None:  # a background job in the middle of reading everyone
        with store._reader_locks[False]:
            holding.set()
            done.wait(5)

    thread = threading.Thread(target=long_read)
    thread.start()
    try:
        assert holding.wait(5)
        assert contacts.count_people(store) == 5  # the window's read, on its own reader
        assert thread.is_alive()  # answered while the other reader still held its own
    finally:
        done.set()
        thread.join()
    assert in_another_thread(lambda: contacts.count_people(store)) == 5


def test_warming_from_a_worker_warms_the_reader_the_window_uses(
    passphrase_profile: Unlocked,
) -> None:
    store = passphrase_profile.store
    contacts.add_people(store, NOW, (Person(0, f"Person {n}") for n in range(5)))
    assert in_another_thread(lambda: store.warm_reader("people")) >= 1
    assert store._readers[True] is not None  # opened (and filled) for the main thread
