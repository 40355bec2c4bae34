"""Importing people: the preview, duplicates, one transaction, and the command line.

A bad file is refused with its line and nothing is written; a good one is
written whole. ``companion import contacts`` and ``companion export contacts``
print one plain line on failure, never a traceback.
"""

from __future__ import annotations

import errno
import os
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from companion import contacts
from companion.cli import main
from companion.contacts import Person, Phone
from companion.errors import CompanionError
from companion.interchange import (
    MAX_IMPORT_BYTES,
    ImportFileError,
    ImportProblem,
    ParsedPerson,
    ReadResult,
)
from companion.interchange.people_import import build_preview, commit
from companion.interchange.vcard import parse_vcards
from companion.profile import Profile, Unlocked
from companion.store import Store

from .conftest import PASSPHRASE
from .helpers import child_env, one_line, run_cli, snapshot

DATA = Path(__file__).parent / "data" / "vcards"
NOW = datetime(2025, 3, 1, 10, 0, tzinfo=UTC)


def add(store: Store, name: str, *numbers: str) -> Person:
    return contacts.add_person(store, NOW, Person(0, name, phones=tuple(Phone(n) for n in numbers)))


def read(*people: ParsedPerson) -> ReadResult:
    return ReadResult(people=list(people))


def names(store: Store) -> list[str]:
    return [p.name for p in contacts.people(store)]


# --- the preview ---------------------------------------------------------------------------


def test_duplicates_by_name_and_by_number_against_people_already_here(
    passphrase_profile: Unlocked,
) -> None:
    store = passphrase_profile.store
    add(store, "Jo Smith", "+447700900123")
    add(store, "Amara Okafor", "+441134960123")
    preview = build_preview(
        store,
        read(
            ParsedPerson("jo  SMITH", line=1),  # same name, other case and spacing
            ParsedPerson("Mum", [("0113 496 0123", "home")], line=6),  # Amara's number
            ParsedPerson("Sam Lee", [("07700 900999", "mobile")], line=11),
        ),
        "GB",
    )
    assert [p.name for p in preview.to_add] == ["Sam Lee"]
    assert [(d.person.name, d.matches) for d in preview.duplicates] == [
        ("jo SMITH", ["Jo Smith"]),
        ("Mum", ["Amara Okafor"]),
    ]
    # Numbers are shown as they will be stored.
    assert preview.to_add[0].phones == [("+447700900999", "mobile")]
    assert names(store) == ["Amara Okafor", "Jo Smith"]  # nothing written


def test_duplicates_inside_the_same_file(passphrase_profile: Unlocked) -> None:
    preview = build_preview(
        passphrase_profile.store,
        read(
            ParsedPerson("Jo Smith", [("07700 900123", "")], line=1),
            ParsedPerson("Joanna Smith", [("+44 7700 900123", "mobile")], line=5),
            ParsedPerson("JO SMITH", line=9),
            ParsedPerson("Al Green", line=12),
        ),
        "GB",
    )
    assert [p.name for p in preview.to_add] == ["Jo Smith", "Al Green"]
    assert [(d.person.line, d.matches) for d in preview.repeated_in_file] == [
        (5, ["Jo Smith"]),
        (9, ["Jo Smith"]),
    ]
    assert preview.already_here == []


def test_short_numbers_are_not_taken_for_the_same_number(passphrase_profile: Unlocked) -> None:
    add(passphrase_profile.store, "Reception", "101")
    preview = build_preview(
        passphrase_profile.store, read(ParsedPerson("Police", [("101", "")])), "GB"
    )
    assert preview.duplicates == []


def test_the_duplicate_check_finds_matches_among_ten_thousand_people_here(
    passphrase_profile: Unlocked,
) -> None:
    store = passphrase_profile.store
    contacts.add_people(
        store,
        NOW,
        (Person(0, f"Person {i}", phones=(Phone(f"+4477009{i:05d}"),)) for i in range(10_000)),
    )
    incoming = [
        ParsedPerson(f"Newcomer {i}", [(f"07800 9{i:05d}", "mobile")], line=i + 2)
        for i in range(5_000)
    ]
    incoming[10] = ParsedPerson("person 42", line=12)  # by name
    incoming[20] = ParsedPerson("Someone", [("07700 900077", "")], line=22)  # by number
    preview = build_preview(store, read(*incoming), "GB")  # its speed: bench/ (import_10k)
    assert [d.matches for d in preview.duplicates] == [["Person 42"], ["Person 77"]]
    assert len(preview.to_add) == 4_998


# --- committing --------------------------------------------------------------------------------


def test_commit_writes_everyone_new_in_one_go(passphrase_profile: Unlocked) -> None:
    store = passphrase_profile.store
    add(store, "Jo Smith")
    result = parse_vcards((DATA / "apple_30.vcf").read_bytes())
    result.people.append(ParsedPerson("Jo Smith", line=99))
    preview = build_preview(store, result, "GB")
    assert commit(store, NOW, preview) == 4
    stored = {p.name: p for p in contacts.people(store)}
    assert sorted(stored) == sorted(
        ["Jo Smith", "Dr Amara Okafor", "فاطمة الزهراء", "山田太郎", "St Mary's Walking Group"]
    )
    amara = stored["Dr Amara Okafor"]
    assert amara.phones[0] == Phone("+447700900321", "mobile")  # E.164 for the country
    assert amara.birthday == "--07-09"
    assert amara.email == "amara@example.org"


def test_commit_with_duplicates_when_asked(passphrase_profile: Unlocked) -> None:
    store = passphrase_profile.store
    add(store, "Jo Smith")
    preview = build_preview(store, read(ParsedPerson("Jo Smith"), ParsedPerson("Al")), "GB")
    assert commit(store, NOW, preview, include_duplicates=True) == 2
    assert names(store) == ["Al", "Jo Smith", "Jo Smith"]


def test_a_file_with_a_problem_writes_nothing(passphrase_profile: Unlocked) -> None:
    store = passphrase_profile.store
    result = parse_vcards((DATA / "no_name.vcf").read_bytes())
    preview = build_preview(store, result, "GB")
    assert [p.name for p in preview.to_add] == ["Good Person"]
    with pytest.raises(ImportFileError) as caught:
        commit(store, NOW, preview)
    assert caught.value.message == "Line 6: this card has no name."
    assert names(store) == []


def test_a_cancelled_import_writes_no_one(passphrase_profile: Unlocked) -> None:
    store = passphrase_profile.store
    preview = build_preview(store, read(*(ParsedPerson(f"P{i}") for i in range(50))), "GB")
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done == 30:
            raise KeyboardInterrupt  # the Cancel button

    with pytest.raises(KeyboardInterrupt):
        commit(store, NOW, preview, progress=progress)
    assert seen[-1] == 30
    assert names(store) == []


def test_a_person_the_store_refuses_names_the_line(passphrase_profile: Unlocked) -> None:
    preview = build_preview(
        passphrase_profile.store,
        read(ParsedPerson("Fine", line=1), ParsedPerson(" ", line=7)),
        "GB",
    )
    with pytest.raises(ImportFileError) as caught:
        commit(passphrase_profile.store, NOW, preview)
    assert caught.value.problems == [ImportProblem(7, "this person has no name.")]
    assert names(passphrase_profile.store) == []


def test_round_trip_export_then_import_into_a_fresh_profile(
    passphrase_profile: Unlocked, tmp_path: Path, fake_vault
) -> None:
    from companion.interchange.vcard import save_vcards

    store = passphrase_profile.store
    originals = build_preview(
        store,
        ReadResult(
            parse_vcards((DATA / "thunderbird_40.vcf").read_bytes()).people
            + parse_vcards((DATA / "android_21.vcf").read_bytes()).people
            + parse_vcards((DATA / "apple_30.vcf").read_bytes()).people
        ),
        "GB",
    )
    commit(store, NOW, originals)
    before = contacts.people(store)
    target = tmp_path / "export.vcf"
    assert save_vcards(target, before) == len(before) == 10

    fresh = Profile(tmp_path / "fresh", fake_vault).create("passphrase", PASSPHRASE)
    try:
        preview = build_preview(fresh.store, parse_vcards(target.read_bytes()), "GB")
        assert preview.problems == [] and preview.duplicates == []
        commit(fresh.store, NOW, preview)
        after = contacts.people(fresh.store)
    finally:
        fresh.close()

    def essentials(person: Person) -> tuple[object, ...]:
        return (
            person.name,
            person.circle,
            person.phones,
            person.email,
            person.birthday,
            person.notes,
            person.address,
        )

    assert [essentials(p) for p in after] == [essentials(p) for p in before]


# --- the command line ------------------------------------------------------------------------------


@pytest.fixture
def profile_folder(passphrase_profile: Unlocked, monkeypatch) -> Path:
    """A passphrase profile in Britain, closed, with COMPANION_PASSPHRASE set."""
    folder = passphrase_profile.profile.folder
    add(passphrase_profile.store, "Jo Smith", "+447700900123")
    passphrase_profile.close()
    Profile(folder).preferences.set("country", "GB")
    monkeypatch.setenv("COMPANION_PASSPHRASE", PASSPHRASE)
    return folder


def stored_names(folder: Path) -> list[str]:
    unlocked = Profile(folder).unlock_with_passphrase(PASSPHRASE)
    try:
        return names(unlocked.store)
    finally:
        unlocked.close()


def test_import_contacts_from_a_vcard(profile_folder: Path, capsys) -> None:
    status = main(
        ["--data-dir", str(profile_folder), "import", "contacts", str(DATA / "android_21.vcf")]
    )
    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert captured.out.splitlines() == [
        "Some things in the file cannot be kept in Companion:",
        "Jürgen Müller: a photo",
        "Everything else is kept; details with no place of their own go in the notes.",
        "Added 3 people. Skipped 1 that looks like someone already here.",
        "To add them anyway, run the import again with --add-duplicates.",
    ]
    assert captured.err == ""
    assert stored_names(profile_folder) == [
        "07700 900999",
        "Jo Smith",
        "Jürgen Müller",
        "Μαρία Παπαδοπούλου",
    ]


def test_importing_the_same_file_twice_adds_no_one_the_second_time(
    profile_folder: Path, capsys
) -> None:
    args = ["--data-dir", str(profile_folder), "import", "contacts", str(DATA / "google.csv")]
    assert main(args) == 0
    assert capsys.readouterr().out.startswith("Added 3 people.\n")
    assert main(args) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "Added 0 people. Skipped 3 that look like people already here."
    )
    assert main([*args, "--add-duplicates"]) == 0
    assert capsys.readouterr().out == "Added 3 people.\n"
    assert len(stored_names(profile_folder)) == 7


def test_a_csv_in_windows_1252_says_how_it_was_read(profile_folder: Path, capsys) -> None:
    path = str(DATA / "outlook.csv")
    assert main(["--data-dir", str(profile_folder), "import", "contacts", path]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "Windows-1252" in out[0] and out[1] == "Added 2 people."
    assert "Hélène Lefèvre" in stored_names(profile_folder)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("no_name.vcf", "no_name.vcf, line 6: this card has no name. Nothing was imported."),
        (
            "truncated.vcf",
            "truncated.vcf, line 5: this card is not finished; the file may have been cut "
            "short. Nothing was imported.",
        ),
        (
            "not_a_vcard.vcf",
            "not_a_vcard.vcf, line 1: this does not look like a contact card (vCard) file. "
            "Nothing was imported.",
        ),
    ],
)
def test_a_bad_file_is_one_line_and_nothing_is_written(
    profile_folder: Path, capsys, name: str, expected: str
) -> None:
    before = snapshot(profile_folder, ignore=(".lock",))
    assert main(["--data-dir", str(profile_folder), "import", "contacts", str(DATA / name)]) == 1
    captured = capsys.readouterr()
    assert one_line(captured.err) == expected
    assert captured.out == ""
    assert snapshot(profile_folder, ignore=(".lock",)) == before


def test_binary_and_empty_files(profile_folder: Path, tmp_path: Path, capsys) -> None:
    binary = tmp_path / "photo.vcf"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)))
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    for path, expected in (
        (binary, "photo.vcf, line 1: this file is not text, so it cannot be a contact list."),
        (empty, "empty.csv, line 1: this file is empty."),
    ):
        assert main(["--data-dir", str(profile_folder), "import", "contacts", str(path)]) == 1
        assert one_line(capsys.readouterr().err) == expected + " Nothing was imported."
    assert stored_names(profile_folder) == ["Jo Smith"]


def test_a_file_too_big_is_refused_before_it_is_read(
    profile_folder: Path, tmp_path: Path, capsys
) -> None:
    huge = tmp_path / "huge.vcf"
    with open(huge, "wb") as handle:
        handle.truncate(MAX_IMPORT_BYTES + 1)  # sparse: no time or disk spent
    assert main(["--data-dir", str(profile_folder), "import", "contacts", str(huge)]) == 1
    assert one_line(capsys.readouterr().err) == (
        "huge.vcf: this file is larger than 50 MB, which is too big for a contact list. "
        "Nothing was imported."
    )


def test_a_csv_without_a_name_column_lists_its_columns(
    profile_folder: Path, tmp_path: Path, capsys
) -> None:
    path = tmp_path / "numbers.csv"
    path.write_text("Telephone,Town\n07700 900123,Leeds\n", "utf-8")
    assert main(["--data-dir", str(profile_folder), "import", "contacts", str(path)]) == 1
    line = one_line(capsys.readouterr().err)
    assert line.startswith("numbers.csv: Companion could not find a column with names.")
    assert "“Telephone”, “Town”" in line and line.endswith("Nothing was imported.")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("missing.vcf", "There is no file called"),
        ("contacts.txt", "from vCard files (.vcf) and tables (.csv)"),
    ],
)
def test_missing_files_and_unknown_kinds(
    profile_folder: Path, tmp_path: Path, capsys, name: str, expected: str
) -> None:
    if name.endswith(".txt"):
        (tmp_path / name).write_text("Jo", "utf-8")
    assert (
        main(["--data-dir", str(profile_folder), "import", "contacts", str(tmp_path / name)]) == 1
    )
    assert expected in one_line(capsys.readouterr().err)


def test_export_contacts_then_import_them_elsewhere(
    profile_folder: Path, tmp_path: Path, fake_vault, capsys
) -> None:
    assert (
        main(["--data-dir", str(profile_folder), "import", "contacts", str(DATA / "apple_30.vcf")])
        == 0
    )
    capsys.readouterr()
    target = tmp_path / "out" / "everyone.vcf"
    target.parent.mkdir()
    target.write_text("an older export", "utf-8")  # saving over a file is fine, as "save as" is
    assert main(["--data-dir", str(profile_folder), "export", "contacts", str(target)]) == 0
    assert capsys.readouterr().out == f"Saved 5 people to {target}.\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["everyone.vcf"]

    other = Profile(tmp_path / "other", fake_vault).create("passphrase", PASSPHRASE)
    other.close()
    assert main(["--data-dir", str(tmp_path / "other"), "import", "contacts", str(target)]) == 0
    assert capsys.readouterr().out == "Added 5 people.\n"
    assert stored_names(tmp_path / "other") == stored_names(profile_folder)


def test_export_into_a_folder_that_cannot_be_written(
    profile_folder: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    real_open = os.open

    def read_only_open(path: Any, *args: Any, **kwargs: Any) -> int:
        # Root may write anywhere; the folder answers as a read-only one would.
        if Path(path).parent == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only_open)
    try:
        target = locked / "contacts.vcf"
        assert main(["--data-dir", str(profile_folder), "export", "contacts", str(target)]) == 1
        assert "not allowed to write" in one_line(capsys.readouterr().err)
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def test_export_where_the_folder_is_a_file(profile_folder: Path, tmp_path: Path, capsys) -> None:
    (tmp_path / "not-a-folder").write_text("x", "utf-8")
    target = tmp_path / "not-a-folder" / "contacts.vcf"
    assert main(["--data-dir", str(profile_folder), "export", "contacts", str(target)]) == 1
    line = one_line(capsys.readouterr().err)
    assert line.startswith("Companion could not save to") and "Not a directory" in line


def test_export_needs_a_vcf_name(profile_folder: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "contacts.pdf"
    assert main(["--data-dir", str(profile_folder), "export", "contacts", str(target)]) == 1
    assert ".vcf" in one_line(capsys.readouterr().err)
    assert not target.exists()


def test_demo_export_and_import(tmp_path: Path, capsys) -> None:
    target = tmp_path / "demo.vcf"
    assert main(["--demo", "export", "contacts", str(target)]) == 0
    out = capsys.readouterr().out
    assert str(target) in out
    cards = target.read_text("utf-8").count("BEGIN:VCARD")
    assert (f"Saved {cards} " in out) if cards else ("no one in it yet" in out)
    assert main(["--demo", "import", "contacts", str(DATA / "thunderbird_40.vcf")]) == 0
    assert "Added 2 people." in capsys.readouterr().out


def test_usage_mistakes_are_one_line(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["import"])
    assert caught.value.code == 2
    assert "companion --help" in one_line(capsys.readouterr().err)


def test_in_a_real_process_a_bad_file_is_one_line_exit_1_and_nothing_changes(
    profile_folder: Path,
) -> None:
    before = snapshot(profile_folder, ignore=(".lock",))
    result = run_cli(
        "--data-dir",
        str(profile_folder),
        "import",
        "contacts",
        str(DATA / "no_name.vcf"),
        env=child_env(COMPANION_PASSPHRASE=PASSPHRASE),
    )
    assert result.returncode == 1
    assert one_line(result.stderr) == (
        "no_name.vcf, line 6: this card has no name. Nothing was imported."
    )
    assert result.stdout == ""
    assert snapshot(profile_folder, ignore=(".lock",)) == before
    assert stored_names(profile_folder) == ["Jo Smith"]


def test_errors_from_the_store_are_not_blamed_on_a_line(passphrase_profile: Unlocked) -> None:
    store = passphrase_profile.store
    preview = build_preview(store, read(ParsedPerson("Jo")), "GB")
    store.close()
    with pytest.raises(CompanionError) as caught:
        commit(store, NOW, preview)
    assert not isinstance(caught.value, ImportFileError)


# --- numbers kept as written, and files that are not files (issue 15) -------------------------


def test_numbers_that_share_their_last_nine_digits_are_both_kept(
    passphrase_profile: Unlocked,
) -> None:
    preview = build_preview(
        passphrase_profile.store,
        read(ParsedPerson("Zurich", [("+41 44 668 1800", ""), ("+44 44 668 1800", "")], line=1)),
        "GB",
    )
    assert preview.to_add[0].phones == [("+41446681800", ""), ("+44446681800", "")]


def test_the_same_number_written_twice_is_kept_once(passphrase_profile: Unlocked) -> None:
    preview = build_preview(
        passphrase_profile.store,
        read(ParsedPerson("Jo", [("+44 7700 900123", "mobile"), ("07700 900123", "")], line=1)),
        "GB",
    )
    assert preview.to_add[0].phones == [("+447700900123", "mobile")]


@pytest.mark.parametrize(
    ("written", "region", "stored"),
    [
        ("030 1234567", "US", "030 1234567"),  # a German number in an American profile
        ("030 1234567", "DE", "+49301234567"),
        ("(202) 555-0178", "US", "+12025550178"),
        ("01632 960001", "GB", "+441632960001"),  # written the British way
        ("0049 30 1234567", "DE", "+49301234567"),
        ("+49 30 1234567", "US", "+49301234567"),
        ("12345", "GB", "12345"),
        ("+1110 0000 0000", "GB", "+1110 0000 0000"),  # phonenumbers would drop a 1
        ("011 49 30 1234567", "US", "+49301234567"),
        ("07700 900123", "", "07700 900123"),
    ],
)
def test_a_number_gets_a_country_only_when_it_is_sure(
    passphrase_profile: Unlocked, written: str, region: str, stored: str
) -> None:
    preview = build_preview(
        passphrase_profile.store, read(ParsedPerson("Jo", [(written, "")], line=1)), region
    )
    assert preview.to_add[0].phones == [(stored, "")]


def test_the_preview_lists_per_person_what_could_not_be_kept(
    passphrase_profile: Unlocked,
) -> None:
    data = (
        b"BEGIN:VCARD\r\nFN:Jo\r\nPHOTO;ENCODING=b:AAAA\r\nKEY;ENCODING=b:AAAA\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nFN:Al\r\nEND:VCARD\r\n"
    )
    preview = build_preview(passphrase_profile.store, parse_vcards(data), "GB")
    assert preview.not_kept == [("Jo", ["a photo", "an encryption key"])]


def test_a_pipe_named_vcf_is_refused_at_once(profile_folder: Path, tmp_path: Path, capsys) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    fifo = tmp_path / "contacts.vcf"
    os.mkfifo(fifo)
    started = time.perf_counter()
    code = main(["--data-dir", str(profile_folder), "import", "contacts", str(fifo)])
    assert time.perf_counter() - started < 5
    assert code != 0
    assert "not an ordinary file" in one_line(capsys.readouterr().err)


def test_a_device_named_vcf_is_refused(profile_folder: Path, capsys) -> None:
    device = Path("/dev/zero")
    if not device.exists():
        pytest.skip("no /dev/zero here")
    from companion.interchange import read_import_file

    with pytest.raises(CompanionError, match="not an ordinary file"):
        read_import_file(device)
