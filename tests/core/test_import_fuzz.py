"""Property-based fuzzing of the vCard and CSV importers (issue 15).

Generated files (names and numbers in every script, folded lines, quoted-printable,
any line end) must be read whole: every name and every number in them is there after
the import. Mutated real-world files (bytes flipped, cut, repeated, inserted) must
never crash: the reader returns problems in plain words, and an import of a file
with a problem writes nobody.

The default number of examples keeps the suite fast; for a long run:

    COMPANION_FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest tests/core/test_import_fuzz.py
"""

from __future__ import annotations

import binascii
import csv
import io
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion import contacts
from companion.errors import CompanionError
from companion.interchange import ImportFileError, ReadResult
from companion.interchange.contacts_csv import read_contacts_csv
from companion.interchange.people_import import build_preview, commit
from companion.interchange.vcard import fold, parse_vcards
from companion.profile import Unlocked
from companion.store import Store

DATA = Path(__file__).parent / "data" / "vcards"
NOW = datetime(2025, 3, 1, 10, 0, tzinfo=UTC)
EXAMPLES = int(os.environ.get("COMPANION_FUZZ_EXAMPLES", "30"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
VCARDS = sorted(p for p in DATA.iterdir() if p.suffix == ".vcf")
TABLES = sorted(p for p in DATA.iterdir() if p.suffix == ".csv")
REGIONS = st.sampled_from(["", "GB", "US", "DE", "FR", "JP"])

# Letters of any script, punctuation, symbols and spaces: what a person's name may hold.
name_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cs", "Co", "Cn", "Cf", "Zl", "Zp"),
    ),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip() != "")
phone_text = st.builds(
    lambda plus, groups, sep: ("+" if plus else "") + sep.join(groups),
    st.booleans(),
    st.lists(st.from_regex(r"[0-9]{2,4}", fullmatch=True), min_size=2, max_size=4),
    st.sampled_from([" ", "-", "", ".", " / "]),
).filter(lambda t: 6 <= sum(ch.isdigit() for ch in t) <= 15)
note_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cs", "Co", "Cn", "Cf", "Zl", "Zp"),
        whitelist_characters="\n\t",
    ),
    max_size=200,
)
person = st.tuples(name_text, st.lists(phone_text, max_size=4), note_text)


def plain(text: str) -> str:
    return " ".join(text.split())


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )


def assert_plain_problems(result: ReadResult) -> None:
    """Every problem is a sentence a person can read: one line, no code, a line number."""
    for problem in result.problems:
        assert problem.message and problem.line >= 0
        text = problem.for_file("contacts.vcf")
        assert "\n" not in text and "Traceback" not in text and "Error" not in text
        assert text.endswith("Nothing was imported.")
    if result.problems:
        message = ImportFileError(result.problems, "contacts.vcf").message
        assert "\n" not in message


def import_all_or_nothing(store: Store, result: ReadResult, region: str) -> int:
    """Import as the window does; a file with a problem changes nothing. How many were added."""
    before = contacts.count_people(store)
    preview = build_preview(store, result, region)
    if preview.problems:
        with pytest.raises(ImportFileError):
            commit(store, NOW, preview, include_duplicates=True)
        assert contacts.count_people(store) == before
        return 0
    added = commit(store, NOW, preview, include_duplicates=True)
    assert added == len(preview.entries)
    assert contacts.count_people(store) == before + added
    return added


def assert_everyone_is_there(
    store: Store, people: list[tuple[str, list[str], str]], ids_before: set[int]
) -> None:
    stored = [p for p in contacts.people(store) if p.id not in ids_before]
    for name, numbers, _note in people:
        candidates = [p for p in stored if p.name == plain(name)]
        assert candidates, f"{name!r} is missing"
        kept = [digits(ph.number) for p in candidates for ph in p.phones]
        for number in numbers:
            # Stored as written, or with the country code added and a trunk 0 dropped, or
            # with an international call prefix (00, 011, 010…) replaced by the +.
            wanted = digits(number)
            assert any(
                k.endswith(wanted.lstrip("0"))
                or (wanted.endswith(k) and len(wanted) - len(k) <= 4 and len(k) >= 6)
                for k in kept
            ), (number, kept)


# --- generated files: read whole, nothing lost ------------------------------------------------


def vcard_file(
    people: list[tuple[str, list[str], str]], version: str, ending: str, folded: bool
) -> bytes:
    lines: list[str] = []
    for name, numbers, note in people:
        lines += ["BEGIN:VCARD", f"VERSION:{version}"]
        if version == "2.1":
            # Escaped first, as Android's 2.1 writer does (the reader undoes \\ and \; in
            # every version).
            encoded = binascii.b2a_qp(escape(name).encode("utf-8"), istext=False).decode("ascii")
            lines.append(
                "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:" + encoded.replace("\n", ending)
            )
        else:
            lines.append(f"FN:{escape(name)}")
        lines += [f"TEL;TYPE=CELL:{number}" for number in numbers]
        if note.strip():
            lines.append(f"NOTE:{escape(note)}")
        lines.append("END:VCARD")
    if folded and version != "2.1":  # 2.1 breaks quoted-printable lines its own way
        lines = [fold(line) for line in lines]
    return "".join(line.replace("\r\n", ending) + ending for line in lines).encode("utf-8")


@FUZZ
@given(
    people=st.lists(person, min_size=1, max_size=5),
    version=st.sampled_from(["2.1", "3.0", "4.0"]),
    ending=st.sampled_from(["\r\n", "\n", "\r", "\r\r\n"]),
    folded=st.booleans(),
    region=REGIONS,
)
def test_a_generated_vcard_file_is_imported_with_every_name_and_number(
    passphrase_profile: Unlocked,
    people: list[tuple[str, list[str], str]],
    version: str,
    ending: str,
    folded: bool,
    region: str,
) -> None:
    store = passphrase_profile.store
    result = parse_vcards(vcard_file(people, version, ending, folded))
    assert result.problems == []
    ids_before = {p.id for p in contacts.people(store)}
    assert import_all_or_nothing(store, result, region) == len(people)
    assert_everyone_is_there(store, people, ids_before)


@FUZZ
@given(
    people=st.lists(person, min_size=1, max_size=5),
    delimiter=st.sampled_from([",", ";", "\t"]),
    region=REGIONS,
)
def test_a_generated_table_is_imported_with_every_name_and_number(
    passphrase_profile: Unlocked,
    people: list[tuple[str, list[str], str]],
    delimiter: str,
    region: str,
) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, quoting=csv.QUOTE_ALL)
    writer.writerow(["Name", "Phone", "Notes"])
    for name, numbers, note in people:
        writer.writerow([name, " ::: ".join(numbers), note])
    store = passphrase_profile.store
    result = read_contacts_csv(out.getvalue().encode("utf-8"), region or None)
    assert result.problems == []
    ids_before = {p.id for p in contacts.people(store)}
    assert import_all_or_nothing(store, result, region) == len(people)
    assert_everyone_is_there(store, people, ids_before)


# --- mutated files: never a crash, never a partial write ------------------------------------


@st.composite
def mutated(draw: st.DrawFn, files: list[Path]) -> bytes:
    data = bytearray(draw(st.sampled_from(files)).read_bytes())
    for _step in range(draw(st.integers(1, 8))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["flip", "delete", "insert", "cut", "repeat", "zero"]))
        if kind == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif kind == "insert":
            data[at:at] = draw(
                st.sampled_from(
                    [
                        b"\r",
                        b"\r\r\n",
                        b"\x00",
                        b"\xff\xfe",
                        b"=",
                        b";",
                        b":",
                        b'"',
                        b"\\",
                        b"BEGIN:VCARD\r\n",
                        b"END:VCARD\r\n",
                        b"\xe2\x80\xae",  # right-to-left override
                        b";ENCODING=QUOTED-PRINTABLE;CHARSET=zlib",
                        b";CHARSET=rot13",
                        b";ENCODING=b",
                        b"N:;;;;\r\n",
                        b"TEL:+41 44 668 1800\r\n",
                    ]
                )
                | st.binary(max_size=16)
            )
        elif kind == "cut":
            del data[at:]
        elif kind == "repeat":
            end = min(len(data), at + draw(st.integers(1, 200)))
            data[at:at] = data[at:end]
        else:
            data[at] = 0
    return bytes(data)


@FUZZ
@given(data=mutated(VCARDS), region=REGIONS)
def test_a_mutated_vcard_file_never_crashes_and_imports_all_or_nothing(
    passphrase_profile: Unlocked, data: bytes, region: str
) -> None:
    result = parse_vcards(data)
    assert_plain_problems(result)
    try:
        import_all_or_nothing(passphrase_profile.store, result, region)
    except CompanionError as error:  # e.g. a person the store refuses: a plain message
        assert "\n" not in error.message


@FUZZ
@given(data=mutated(TABLES), region=REGIONS)
def test_a_mutated_table_never_crashes_and_imports_all_or_nothing(
    passphrase_profile: Unlocked, data: bytes, region: str
) -> None:
    result = read_contacts_csv(data, region or None)
    assert_plain_problems(result)
    try:
        import_all_or_nothing(passphrase_profile.store, result, region)
    except CompanionError as error:
        assert "\n" not in error.message


@FUZZ
@given(
    text=st.lists(
        st.sampled_from(
            [
                "BEGIN:VCARD",
                "END:VCARD",
                "VERSION:2.1",
                "FN:Jo",
                "N:Smith;Jo",
                "TEL:07700 900123",
                "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=hex:=C3=BC=",
                "ORG:;;;",
                "item1.X-ABLabel:_$!<Mother>!$_",
                "item1.TEL:123456",
                "PHOTO;ENCODING=BASE64:AAAA",
                "X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;;;",
                "BDAY:--0229",
                " folded",
                "=",
                "",
            ]
        )
        | st.text(max_size=30),
        max_size=30,
    ),
    ending=st.sampled_from(["\r\n", "\n", "\r", "\r\r\n"]),
)
def test_vcard_like_text_never_crashes(text: list[str], ending: str) -> None:
    assert_plain_problems(parse_vcards(ending.join(text).encode("utf-8", "surrogatepass")))


@FUZZ
@given(
    rows=st.lists(st.lists(st.text(max_size=20), min_size=1, max_size=6), max_size=8),
    header=st.lists(
        st.sampled_from(
            ["Name", "First Name", "Phone 1 - Value", "Phone 1 - Type", "Business Fax", "Notes"]
        )
        | st.text(max_size=10),
        min_size=1,
        max_size=6,
    ),
)
def test_table_like_text_never_crashes(rows: list[list[str]], header: list[str]) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in [header, *rows]:
        writer.writerow(row)
    data = out.getvalue().encode("utf-8", "surrogatepass")
    assert_plain_problems(read_contacts_csv(data, "GB"))


@FUZZ
@given(people=st.lists(person, min_size=2, max_size=6), stop_at=st.integers(0, 5))
def test_an_import_stopped_part_way_writes_nobody(
    passphrase_profile: Unlocked, people: list[tuple[str, list[str], str]], stop_at: int
) -> None:
    store = passphrase_profile.store
    result = parse_vcards(vcard_file(people, "3.0", "\r\n", False))
    preview = build_preview(store, result, "GB")
    before = contacts.count_people(store)

    class Stop(Exception):
        pass

    def progress(done: int, total: int) -> None:
        if done == min(stop_at, total):
            raise Stop

    with pytest.raises(Stop):
        commit(store, NOW, preview, include_duplicates=True, progress=progress)
    assert contacts.count_people(store) == before
