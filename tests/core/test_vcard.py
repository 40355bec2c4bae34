"""vCard files as phones, Google, Apple, Outlook and Thunderbird write them, and as we write them.

The sample files in ``data/vcards`` imitate each program's output: its version,
its quirks (quoted-printable, item groups, photos) and its line ends. A bad
file must be refused with the line that is wrong in the original file.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
import vobject

from companion import interchange
from companion.contacts import Person, Phone
from companion.errors import CompanionError
from companion.interchange import (
    MAX_IMPORT_BYTES,
    ImportFileError,
    ParsedPerson,
    parse_date_text,
)
from companion.interchange.vcard import fold, parse_vcards, read_vcards, save_vcards, write_vcards

DATA = Path(__file__).parent / "data" / "vcards"


def sample(name: str) -> bytes:
    return (DATA / name).read_bytes()


def by_name(people: list[ParsedPerson]) -> dict[str, ParsedPerson]:
    return {p.name: p for p in people}


# --- each program's style ---------------------------------------------------------------


def test_android_21_with_quoted_printable_photos_and_repeated_numbers() -> None:
    result = parse_vcards(sample("android_21.vcf"))
    assert result.problems == [] and result.notes == []
    people = by_name(result.people)
    assert list(people) == ["Jo Smith", "Jürgen Müller", "Μαρία Παπαδοπούλου", "07700 900999"]
    jo = people["Jo Smith"]
    # The same number twice (as Android lists it) is kept once.
    assert jo.phones == [("+44 7700 900123", "mobile"), ("01632 960001", "home")]
    assert jo.email == "jo.smith@example.org"
    assert jo.birthday == "1950-03-14"
    jurgen = people["Jürgen Müller"]
    assert jurgen.notes == (
        "Kennt mich seit der Schule.\nRuft gern sonntags an; spricht über Fußball.\n"
        "Nickname: Jürgi"  # Android's own line for a nickname
    )
    assert "Related: Sam" in jo.notes
    assert jo.not_kept == []
    assert jurgen.phones == [("+49 1512 3987654", "mobile"), ("+49 30 901820", "work")]
    assert jurgen.line == 12
    maria = people["Μαρία Παπαδοπούλου"]  # no FN: built from N
    assert maria.birthday == "--01-31"
    assert maria.line == 30
    # No name at all, only a number: the number stands in for the name.
    # Android keeps a label of the person's own in X-CUSTOM(…), quoted-printable.
    assert people["07700 900999"].phones == [
        ("07700 900999", "mobile"),
        ("01632 960444", "Oma's Nachbarin"),
    ]


def test_apple_30_with_item_labels_omitted_years_and_non_latin_names() -> None:
    result = parse_vcards(sample("apple_30.vcf"))
    assert result.problems == []
    assert len(result.people) == 4
    people = by_name(result.people)
    amara = people["Dr Amara Okafor"]
    assert amara.phones == [
        ("+44 7700 900321", "mobile"),
        ("0113 496 0999", "Grandma's"),
        ("0113 496 0123", "home"),
        ("0113 496 0456", "other"),
    ]
    assert amara.email == "amara@example.org"  # the preferred one
    assert "Other email (work): amara.okafor@surgery.example.org" in amara.notes
    assert "Email (home): amara@example.org" in amara.notes  # its label is kept
    assert "Organisation: Leeds Surgery" in amara.notes
    assert "Social profile (twitter): x-apple:amara" in amara.notes
    assert amara.not_kept == ["a photo"]
    assert amara.address == "12 High Street, Leeds, LS1 4AP, United Kingdom"
    assert amara.birthday == "--07-09"  # Apple's 1604 means "year not known"
    assert amara.notes.startswith("Met at the choir, Tuesdays.\nLikes tea; no sugar.")
    assert people["فاطمة الزهراء"].phones == [("+971 50 123 4567", "mobile")]
    yamada = people["山田太郎"]  # family name first, as Japanese names are written
    assert yamada.birthday == "1948-12-24"
    assert "First name as it sounds: たろう" in yamada.notes
    assert "St Mary's Walking Group" in people  # empty FN and N: the organisation's name
    assert "Organisation" not in people["St Mary's Walking Group"].notes  # said once
    assert "Choir" not in people  # a group list, not a person
    assert result.notes == ["1 card was a group list, not a person, so it was left out."]


def test_google_30_with_categories_and_folded_notes() -> None:
    result = parse_vcards(sample("google_30.vcf"))
    assert result.problems == []
    people = by_name(result.people)
    sam = people["Sam Lee"]
    assert sam.circle == "family"
    assert sam.address == "1600 Example Ave NW, Washington, DC, 20500, US"
    assert sam.phones == [("+1 202-555-0143", "mobile"), ("(202) 555-0178", "")]
    assert people["李小龙"].phones[1] == ("+86 10 6552 9988", "Office")
    priya = people["Priya Natarajan"]
    assert priya.circle == "neighbour"
    assert priya.birthday == "--07-15"
    assert "waters the plants when I am away." in priya.notes


def test_outlook_21_with_windows_quoted_printable() -> None:
    result = parse_vcards(sample("outlook_21.vcf"))
    assert result.problems == []
    people = by_name(result.people)
    margaret = people["Margaret Brown"]
    assert margaret.address == "Flat 2, 14 Church Lane, York, YO1 7HH, United Kingdom"
    assert margaret.birthday == "1944-08-05"
    assert margaret.email == "margaret@example.co.uk"
    assert "café on Fridays" in margaret.notes
    assert margaret.notes.endswith("crossword.\nDaughter: Anne.\nOrganisation: Parish Council")
    assert "card xmlns" not in margaret.notes  # Outlook's card design is not a detail
    assert [label for _n, label in margaret.phones] == ["work", "home", "mobile"]
    assert people["Hélène Lefèvre"].line == 20


def test_thunderbird_40_with_uri_numbers_and_preferences() -> None:
    result = parse_vcards(sample("thunderbird_40.vcf"))
    assert result.problems == []
    people = by_name(result.people)
    camille = people["Camille Dubois"]
    assert camille.email == "camille@example.fr"
    assert camille.phones == [("+33 6 12 34 56 78", "mobile"), ("+33-1-23-45-67-89", "home")]
    assert camille.birthday == "1980-02-29"
    assert camille.notes.startswith("Amie d'enfance, toujours là.\n")
    assert camille.circle == "friend"
    piotr = people["Piotr Kowalski"]
    assert piotr.phones == [("+48-22-123-45-67 ext. 12", "work")]
    assert piotr.birthday == "1975-06-01"


def test_an_old_windows_file_is_read_as_windows_1252_with_a_note() -> None:
    result = parse_vcards(sample("legacy_cp1252.vcf"))
    assert result.problems == []
    (jose,) = result.people
    assert jose.name == "José Núñez"
    assert jose.notes == "Café con leche – siempre."
    assert len(result.notes) == 1 and "Windows-1252" in result.notes[0]


CARD = "BEGIN:VCARD\nVERSION:3.0\nFN:Zoë Adams\nTEL:01632 960123\nEND:VCARD\n"


@pytest.mark.parametrize(
    "data",
    [
        CARD.encode(),
        CARD.replace("\n", "\r\n").encode(),
        CARD.replace("\n", "\r").encode(),
        b"\xef\xbb\xbf" + CARD.encode(),
        "\ufeff".join(["", CARD]).encode("utf-16"),
        CARD.encode() + b"\x1a",
    ],
    ids=["LF", "CRLF", "CR", "BOM", "UTF-16", "DOS end mark"],
)
def test_any_line_ending_and_byte_order_mark(data: bytes) -> None:
    (person,) = read_vcards(data)
    assert person.name == "Zoë Adams"
    assert person.phones == [("01632 960123", "")]


def test_a_21_quoted_printable_value_whose_continuation_starts_with_a_space() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ann Lee\r\n"
        b"NOTE;ENCODING=QUOTED-PRINTABLE:first part=\r\n and the rest=0D=0Anext line\r\n"
        b"END:VCARD\r\n"
    )
    (person,) = read_vcards(data)
    assert person.notes == "first part and the rest\nnext line"


def test_a_21_photo_whose_lines_are_not_indented() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ann Lee\r\n"
        b"PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD\r\n"
        b"2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8U\r\n"
        b"HRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5==\r\n"
        b"\r\n"
        b"TEL;CELL:07700 900111\r\n"
        b"END:VCARD\r\n"
    )
    (person,) = read_vcards(data)
    assert person.phones == [("07700 900111", "mobile")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1970-01-31", "1970-01-31"),
        ("19700131", "1970-01-31"),
        ("--0131", "--01-31"),
        ("--01-31", "--01-31"),
        ("1970-01-31T00:00:00Z", "1970-01-31"),
        ("19700131T000000", "1970-01-31"),
        ("1604-07-09", "--07-09"),
        ("--0229", "--02-29"),
        ("1970-02-30", None),
        ("circa 1800", None),
        ("31.01.1970", "1970-01-31"),
        ("31.01.", "--01-31"),
    ],
)
def test_birthday_forms(text: str, expected: str | None) -> None:
    assert parse_date_text(text) == expected


def test_slashed_dates_follow_the_country_when_both_readings_could_be_right() -> None:
    assert parse_date_text("8/5/1944", month_first=True) == "1944-08-05"
    assert parse_date_text("8/5/1944", month_first=False) == "1944-05-08"
    assert parse_date_text("8/5/1944") is None
    assert parse_date_text("31/1/1970") == "1970-01-31"


def test_a_birthday_that_is_not_a_date_is_kept_in_the_notes() -> None:
    data = b"BEGIN:VCARD\nVERSION:4.0\nFN:Old Friend\nBDAY;VALUE=text:circa 1950\nEND:VCARD\n"
    (person,) = read_vcards(data)
    assert person.birthday is None
    assert person.notes == "Birthday: circa 1950"


# --- refusing bad files -------------------------------------------------------------------------


def problems_of(data: bytes) -> list[str]:
    return [str(p) for p in parse_vcards(data).problems]


def test_a_card_without_a_name_is_refused_with_its_line() -> None:
    assert problems_of(sample("no_name.vcf")) == ["Line 6: this card has no name."]
    with pytest.raises(ImportFileError) as caught:
        read_vcards(sample("no_name.vcf"))
    assert caught.value.message == "Line 6: this card has no name."


def test_line_numbers_count_the_original_lines_past_folds_and_soft_breaks() -> None:
    # The Android sample has quoted-printable soft breaks and a photo; add a bad card after it.
    data = sample("android_21.vcf") + b"BEGIN:VCARD\r\nVERSION:2.1\r\nNOTE:who?\r\nEND:VCARD\r\n"
    lines = sample("android_21.vcf").count(b"\r\n")
    assert problems_of(data) == [f"Line {lines + 1}: this card has no name."]


def test_a_truncated_file_is_refused_at_the_unfinished_card() -> None:
    assert problems_of(sample("truncated.vcf")) == [
        "Line 5: this card is not finished; the file may have been cut short."
    ]


def test_a_card_that_starts_inside_another_is_the_first_one_unfinished() -> None:
    data = b"BEGIN:VCARD\nFN:A\nBEGIN:VCARD\nFN:B\nEND:VCARD\n"
    assert problems_of(data) == [
        "Line 1: this card is not finished; the file may have been cut short."
    ]


def test_a_text_file_that_is_not_a_vcard() -> None:
    assert problems_of(sample("not_a_vcard.vcf")) == [
        "Line 1: this does not look like a contact card (vCard) file."
    ]
    assert problems_of(b"\n\nName,Phone\nJo,123\n") == [
        "Line 3: this does not look like a contact card (vCard) file."
    ]


def test_binary_junk_is_refused() -> None:
    junk = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    assert problems_of(junk) == ["Line 3: this file is not text, so it cannot be a contact list."]
    no_nul = bytes(b % 31 + 1 for b in range(2000))  # control characters, no NUL
    assert parse_vcards(no_nul).problems[0].message.startswith("this file is not text")


@pytest.mark.parametrize(
    "data", [b"", b"   \r\n\r\n", b"\xef\xbb\xbf"], ids=["empty", "blank", "BOM"]
)
def test_an_empty_file_is_refused(data: bytes) -> None:
    assert problems_of(data) == ["Line 1: this file is empty."]


def test_a_file_over_the_size_limit_is_refused() -> None:
    data = CARD.encode() + b" " * MAX_IMPORT_BYTES
    (problem,) = parse_vcards(data).problems
    assert problem.line == 0 and "larger than 50 MB" in problem.message


def test_lines_outside_cards_and_lines_without_a_value() -> None:
    data = (
        b"BEGIN:VCARD\nFN:A\nEND:VCARD\nstray words\n"
        b"BEGIN:VCARD\nFN:B\nthis has no colon\nEND:VCARD\nEND:VCARD\n"
    )
    assert problems_of(data) == [
        "Line 4: this line is outside any contact card.",
        "Line 7: this line cannot be read as part of a contact card.",
        "Line 9: this line ends a card that never began.",
    ]


def test_every_problem_is_listed_and_the_message_counts_the_rest() -> None:
    data = b"BEGIN:VCARD\nNOTE:x\nEND:VCARD\nBEGIN:VCARD\nNOTE:y\nEND:VCARD\n"
    with pytest.raises(ImportFileError) as caught:
        read_vcards(data)
    assert [p.line for p in caught.value.problems] == [1, 4]
    assert caught.value.message == "Line 1: this card has no name. 1 more line has a problem too."


def test_twenty_thousand_cards_are_all_read() -> None:
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Person;{i};;;\r\nFN:{i} Person\r\n"
        "TEL;TYPE=CELL:+44 7700 9{i:05d}\r\nEMAIL;TYPE=INTERNET:p{i}@example.org\r\n"
        "BDAY:1950-01-01\r\nNOTE:A note about someone\\, and a second clause.\r\nEND:VCARD\r\n"
    )
    data = "".join(card.format(i=i) for i in range(20_000)).encode()
    people = read_vcards(data)  # how fast: bench/ (import_10k_vcard_s)
    assert len(people) == 20_000
    assert people[-1].name == "19999 Person" and people[-1].line == 19_999 * 9 + 1


# --- writing -------------------------------------------------------------------------------------


def sample_people() -> list[Person]:
    created = datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
    return [
        Person(
            id=1,
            name="Jo Smith",
            circle="family",
            phones=(Phone("+447700900123", "mobile"), Phone("01632 960001", "Grandma's")),
            email="jo@example.org",
            address="12 High Street, Leeds\nLS1 4AP",
            birthday="1950-03-14",
            notes="Likes tea; no sugar, thanks.\nBack\\slash and a long line " + "ü" * 80,
            created=created,
        ),
        Person(
            id=2,
            name="山田太郎",
            circle="neighbour",
            phones=(Phone("090-1234-5678", ""),),
            birthday="--02-29",
            created=created,
        ),
        Person(id=3, name="فاطمة الزهراء", circle="professional", created=created),
    ]


def test_the_export_is_vcard_4_with_crlf_and_lines_folded_at_75_octets() -> None:
    text = write_vcards(sample_people())
    assert text.count("BEGIN:VCARD") == 3 and text.count("VERSION:4.0") == 3
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    assert "BDAY:19500314" in text and "BDAY:--0229" in text
    assert "CATEGORIES:Family" in text
    assert "TEL;TYPE=cell:+447700900123" in text
    assert "item1.X-ABLabel:Grandma's" in text


def test_folding_never_splits_a_character() -> None:
    line = "NOTE:" + "语" * 100
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert "".join(p[1:] if i else p for i, p in enumerate(pieces)) == line


def test_the_same_person_keeps_the_same_uid() -> None:
    first = [line for line in write_vcards(sample_people()).split("\r\n") if line.startswith("UID")]
    again = [line for line in write_vcards(sample_people()).split("\r\n") if line.startswith("UID")]
    assert first == again and len(set(first)) == 3


def test_vobject_reads_back_what_we_write() -> None:
    cards = list(vobject.readComponents(write_vcards(sample_people())))
    assert [c.fn.value for c in cards] == ["Jo Smith", "山田太郎", "فاطمة الزهراء"]
    jo = cards[0]
    assert [t.value for t in jo.contents["tel"]] == ["+447700900123", "01632 960001"]
    assert jo.email.value == "jo@example.org"
    assert jo.bday.value == "19500314"
    assert jo.note.value.startswith("Likes tea; no sugar, thanks.\nBack\\slash")
    assert jo.note.value.endswith("ü" * 80)
    assert jo.n.value.family == "Smith" and jo.n.value.given == "Jo"
    assert cards[1].bday.value == "--0229"


def test_our_reader_reads_back_what_we_write() -> None:
    people = read_vcards(write_vcards(sample_people()).encode("utf-8"))
    assert [(p.name, p.circle, p.birthday) for p in people] == [
        ("Jo Smith", "family", "1950-03-14"),
        ("山田太郎", "neighbour", "--02-29"),
        ("فاطمة الزهراء", "professional", None),
    ]
    jo = people[0]
    assert jo.phones == [("+447700900123", "mobile"), ("01632 960001", "Grandma's")]
    assert jo.email == "jo@example.org"
    assert jo.notes == sample_people()[0].notes
    assert jo.address == "12 High Street, Leeds, LS1 4AP"


def test_saving_replaces_the_file_whole_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "contacts.vcf"
    target.write_text("old contents", "utf-8")
    assert save_vcards(target, sample_people()) == 3
    assert target.read_bytes().startswith(b"BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts.vcf"]


def test_a_failed_save_leaves_the_old_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "contacts.vcf"
    target.write_text("old contents", "utf-8")

    def full_disk(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(interchange.os, "replace", full_disk)
    with pytest.raises(CompanionError) as caught:
        save_vcards(target, sample_people())
    assert "disk is full" in caught.value.message
    assert target.read_text("utf-8") == "old contents"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts.vcf"]


# --- nothing silently lost (issue 15) -------------------------------------------------------

REALISTIC = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Brown;Margaret;Ann;Mrs;\r\nFN:Maggie\r\n"
    "NICKNAME:Mags\r\nORG:Parish Council;Flowers\r\nTITLE:Treasurer\r\nROLE:Keeps the keys\r\n"
    "TEL;TYPE=CELL:+41 44 668 1800\r\nTEL;TYPE=HOME:+44 44 668 1800\r\n"
    "EMAIL;TYPE=INTERNET;TYPE=HOME:maggie@example.org\r\n"
    "EMAIL;TYPE=INTERNET;TYPE=WORK:treasurer@example.org\r\n"
    "item1.URL:https\\://example.org/maggie\r\nitem1.X-ABLabel:_$!<HomePage>!$_\r\n"
    "IMPP;X-SERVICE-TYPE=Skype:skype:maggie.b\r\n"
    "X-SOCIALPROFILE;TYPE=twitter:https://twitter.example/maggie\r\n"
    "item2.X-ABRELATEDNAMES:Anne\r\nitem2.X-ABLabel:_$!<Daughter>!$_\r\n"
    "RELATED;TYPE=spouse:urn:uuid:1234\r\n"
    "ANNIVERSARY:19650612\r\nTZ:Europe/London\r\n"
    "CATEGORIES:Family,Choir,Parish\r\n"
    "X-CHILD-NAME:Tom\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD\r\n"
    "SOUND;VALUE=uri:https://example.org/hello.ogg\r\n"
    "UID:abc-123\r\nREV:2024-01-01T00:00:00Z\r\nPRODID:-//Apple Inc.//EN\r\n"
    "END:VCARD\r\n"
)


def test_a_realistic_card_keeps_every_detail_in_a_field_or_the_notes() -> None:
    (person,) = read_vcards(REALISTIC.encode())
    assert person.name == "Maggie"
    # Two numbers that share their last nine digits are two numbers.
    assert person.phones == [("+41 44 668 1800", "mobile"), ("+44 44 668 1800", "home")]
    assert person.email == "maggie@example.org"
    assert person.circle == "family"
    for kept in (
        "Full name: Mrs Margaret Ann Brown",
        "Nickname: Mags",
        "Organisation: Parish Council, Flowers",
        "Job title: Treasurer",
        "Role: Keeps the keys",
        "Website (HomePage): https://example.org/maggie",
        "Instant messaging: skype:maggie.b",
        "Social profile (twitter): https://twitter.example/maggie",
        "Related (Daughter): Anne",
        "Related (spouse): urn:uuid:1234",
        "Anniversary: 1965-06-12",
        "Time zone: Europe/London",
        "Groups: Choir, Parish",
        "Email (home): maggie@example.org",
        "Other email (work): treasurer@example.org",
        "Child name: Tom",
    ):
        assert kept in person.notes.splitlines(), kept
    assert "abc-123" not in person.notes and "Apple" not in person.notes  # bookkeeping
    assert person.not_kept == ["a photo", "a sound recording"]


def test_an_iphone_export_with_cr_cr_lf_line_ends_is_read() -> None:
    data = REALISTIC.replace("\r\n", "\r\r\n").encode()
    (person,) = read_vcards(data)
    assert person.name == "Maggie" and len(person.phones) == 2
    folded = b"BEGIN:VCARD\r\r\nFN:Ann\r\r\nNOTE:one\r\r\n  two\r\r\nEND:VCARD\r\r\n"
    (ann,) = read_vcards(folded)
    assert ann.notes == "one two"
    broken = b"BEGIN:VCARD\r\r\nFN:Ann\r\r\nno colon\r\r\nEND:VCARD\r\r\n"
    assert problems_of(broken) == ["Line 3: this line cannot be read as part of a contact card."]


def test_control_and_direction_changing_characters_are_taken_out() -> None:
    data = (
        "BEGIN:VCARD\r\nFN:Jo\u202e Smith\u0007\r\n"
        "TEL:+44 7700\u202e 900\u200b123\u2066\r\n"
        "NOTE:line one\\nline\u0001 two\u202d\r\nEND:VCARD\r\n"
    ).encode()
    (person,) = read_vcards(data)
    assert person.name == "Jo Smith"
    assert person.phones == [("+44 7700 900123", "")]
    assert person.notes == "line one\nline two"


def test_joiners_that_names_need_are_kept() -> None:
    name = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # a Persian word with a ZWNJ
    (person,) = read_vcards(f"BEGIN:VCARD\r\nFN:{name}\r\nEND:VCARD\r\n".encode())
    assert person.name == name


@pytest.mark.parametrize("charset", ["zlib", "base64", "rot13", "hex", "undefined", "nonsense", ""])
def test_quoted_printable_with_an_odd_charset_is_read_not_crashed(charset: str) -> None:
    data = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        f"N;CHARSET={charset};ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen\r\n"
        f"TEL;X-CUSTOM(CHARSET={charset},ENCODING=QUOTED-PRINTABLE,=4F=6D=61):01632 960444\r\n"
        "END:VCARD\r\n"
    ).encode()
    (person,) = read_vcards(data)
    assert person.name == "Jürgen Müller"
    assert person.phones == [("01632 960444", "Oma")]


def test_a_name_longer_than_the_limit_is_refused_with_its_line() -> None:
    data = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{'A' * 201}\r\nEND:VCARD\r\n".encode()
    (problem,) = parse_vcards(data).problems
    assert problem.line == 3
    assert "201 characters" in problem.message and "200" in problem.message
    fine = f"BEGIN:VCARD\r\nFN:{'A' * 200}\r\nEND:VCARD\r\n".encode()
    assert parse_vcards(fine).problems == []


def test_a_huge_name_or_note_is_refused_quickly() -> None:
    started = time.perf_counter()
    name = b"BEGIN:VCARD\r\nFN:" + b"A" * 1_000_000 + b"\r\nEND:VCARD\r\n"
    note = b"BEGIN:VCARD\r\nFN:Jo\r\nNOTE:" + b"n" * 10_000_001 + b"\r\nEND:VCARD\r\n"
    assert parse_vcards(name).problems[0].line == 2
    (problem,) = parse_vcards(note).problems
    assert problem.line == 3 and "10,000" in problem.message
    assert time.perf_counter() - started < 10  # refused at once; never hangs


def test_a_note_at_the_limit_is_kept_whole() -> None:
    text = "n" * 10_000
    (person,) = read_vcards(f"BEGIN:VCARD\r\nFN:Jo\r\nNOTE:{text}\r\nEND:VCARD\r\n".encode())
    assert person.notes == text


def test_more_cards_than_the_limit_are_refused_quickly_at_the_first_one_too_many() -> None:
    one = b"BEGIN:VCARD\nFN:A\nEND:VCARD\n"
    started = time.perf_counter()
    (problem,) = parse_vcards(one * 500_000).problems
    assert time.perf_counter() - started < 10  # refused at once; never hangs
    assert problem.line == 20_000 * 3 + 1
    assert "20,000" in problem.message and "Split the file" in problem.message
    assert parse_vcards(one * 20_000).problems == []


def test_a_category_that_names_no_circle_is_kept_in_the_notes() -> None:
    (jo,) = read_vcards(b"BEGIN:VCARD\r\nFN:Jo\r\nCATEGORIES:Parish,Friends\r\nEND:VCARD\r\n")
    assert jo.circle == "friend" and jo.notes == "Groups: Parish"
