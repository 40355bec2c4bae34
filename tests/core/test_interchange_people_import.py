"""Writing an import: Cancel takes all of it back, and progress comes as people are written."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from companion import contacts
from companion.interchange import ParsedPerson, ReadResult
from companion.interchange.people_import import ImportStopped, build_preview, commit
from companion.profile import Unlocked

NOW = datetime(2025, 3, 1, 10, 0, tzinfo=UTC)


def preview_of(store, count: int):  # type: ignore[no-untyped-def]
    read = ReadResult(people=[ParsedPerson(f"Person {i}", line=i + 1) for i in range(count)])
    return build_preview(store, read, "GB")


def test_cancel_partway_writes_no_one_and_says_so(passphrase_profile: Unlocked) -> None:
    store = passphrase_profile.store
    preview = preview_of(store, 40)
    asked = [0]

    def cancelled() -> bool:
        asked[0] += 1
        return asked[0] > 25  # Cancel pressed while the 25th person was being written

    with pytest.raises(ImportStopped) as stopped:
        commit(store, NOW, preview, cancelled=cancelled)
    assert stopped.value.message == "Stopped. Nothing was imported."
    assert contacts.count_people(store) == 0


def test_cancel_after_the_last_person_still_takes_it_all_back(
    passphrase_profile: Unlocked,
) -> None:
    store = passphrase_profile.store
    preview = preview_of(store, 3)
    asked = [0]

    def cancelled() -> bool:
        asked[0] += 1
        return asked[0] > 3  # pressed just as the last one was written, before it was kept

    with pytest.raises(ImportStopped):
        commit(store, NOW, preview, cancelled=cancelled)
    assert contacts.count_people(store) == 0


def test_not_cancelled_writes_everyone_and_reports_the_end(passphrase_profile: Unlocked) -> None:
    store = passphrase_profile.store
    preview = preview_of(store, 5)
    seen: list[tuple[int, int]] = []
    added = commit(
        store, NOW, preview, progress=lambda d, t: seen.append((d, t)), cancelled=lambda: False
    )
    assert added == 5
    assert contacts.count_people(store) == 5
    assert seen[0] == (0, 5) and seen[-1] == (5, 5)
