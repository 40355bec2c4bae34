"""Export everything: people as vCard, reminders as iCalendar, every table as JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from companion.errors import CompanionError
from companion.interchange.export_all import export_all, not_encrypted_warning
from companion.interchange.vcard import read_vcards
from companion.profile import Unlocked

from .test_backup import CANARY, NOTE_CANARY, NOW, fill


def test_everything_is_in_the_folder_in_open_formats(
    passphrase_profile: Unlocked, tmp_path: Path
) -> None:
    fill(passphrase_profile)
    passphrase_profile.profile.preferences.set("text_scale", 150)
    result = export_all(passphrase_profile, tmp_path / "exports", NOW)

    folder = result.folder
    assert folder.parent == tmp_path / "exports"
    assert folder.name == "Companion export 2026-06-03"
    assert result.people == 2 and result.reminders == 1
    people = read_vcards((folder / "people.vcf").read_bytes())
    assert sorted(p.name for p in people) == ["Ann Lee", CANARY]
    ics = (folder / "reminders.ics").read_text("utf-8")
    assert "BEGIN:VCALENDAR" in ics and f"Call {CANARY}" in ics
    tables = folder / "tables"
    notes = json.loads((tables / "people.json").read_text("utf-8"))
    assert notes["table"] == "people"
    assert any(row["notes"] == NOTE_CANARY for row in notes["rows"])
    contacts = json.loads((tables / "contacts.json").read_text("utf-8"))
    assert contacts["rows"][0]["note"] == "lovely chat"
    professionals = json.loads((tables / "professionals.json").read_text("utf-8"))
    assert professionals["rows"][0]["name"] == "Dr Okafor"
    assert json.loads((folder / "preferences.json").read_text())["text_scale"] == 150
    assert "not encrypted" in (folder / "README.txt").read_text("utf-8")
    assert not (tables / "parent_key.json").exists()  # a key is never written in the clear


def test_a_table_a_new_feature_adds_is_exported_too(
    passphrase_profile: Unlocked, tmp_path: Path
) -> None:
    store = passphrase_profile.store
    store.execute("CREATE TABLE garden_visits(id INTEGER PRIMARY KEY, place TEXT, photo BLOB)")
    store.execute("INSERT INTO garden_visits(place, photo) VALUES ('Allotment', x'00ff')")
    result = export_all(passphrase_profile, tmp_path, NOW)
    data = json.loads((result.folder / "tables" / "garden_visits.json").read_text("utf-8"))
    assert data["columns"] == ["id", "place", "photo"]
    assert data["rows"] == [{"id": 1, "place": "Allotment", "photo": {"base64": "AP8="}}]
    assert result.tables["garden_visits"] == 1


def test_a_second_export_gets_its_own_folder(passphrase_profile: Unlocked, tmp_path: Path) -> None:
    first = export_all(passphrase_profile, tmp_path, NOW).folder
    second = export_all(passphrase_profile, tmp_path, datetime(2026, 6, 3, 11, tzinfo=UTC)).folder
    assert first != second and second.name == "Companion export 2026-06-03 (2)"
    assert (first / "people.vcf").exists()


def test_a_file_instead_of_a_folder_is_refused(
    passphrase_profile: Unlocked, tmp_path: Path
) -> None:
    file = tmp_path / "a-file.txt"
    file.write_text("x")
    with pytest.raises(CompanionError, match="is a file, not a folder"):
        export_all(passphrase_profile, file, NOW)
    assert file.read_text() == "x"


def test_the_warning_says_plainly_that_it_is_not_encrypted() -> None:
    assert "not encrypted" in not_encrypted_warning()
