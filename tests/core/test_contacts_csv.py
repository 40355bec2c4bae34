"""Contact tables: Google Contacts, Outlook, a German list from Excel, and a simple list.

Line numbers are the file's own lines (the column names are line 1), even when
a quoted note runs over several lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.interchange import ParsedPerson
from companion.interchange.contacts_csv import (
    ColumnMapping,
    PhoneColumn,
    apply_mapping,
    guess_mapping,
    read_contacts_csv,
    read_csv,
)

DATA = Path(__file__).parent / "data" / "vcards"


def sample(name: str) -> bytes:
    return (DATA / name).read_bytes()


def people_in(data: bytes, region: str | None = "GB") -> dict[str, ParsedPerson]:
    result = read_contacts_csv(data, region)
    assert result.problems == []
    return {p.name: p for p in result.people}


def test_google_contacts_csv() -> None:
    table = read_csv(sample("google.csv"))
    assert table.headers[0] == "First Name"  # the byte-order mark is gone
    mapping = guess_mapping(table.headers)
    assert mapping.has_name
    assert [table.headers[c.index] for c in mapping.phones] == [
        "Phone 1 - Value",
        "Phone 2 - Value",
    ]
    assert [table.headers[i] for i in mapping.address] == ["Address 1 - Formatted"]
    people = people_in(sample("google.csv"))
    assert list(people) == ["Sam Lee", "Priya Natarajan", "St Mary's Walking Group"]
    sam = people["Sam Lee"]
    # Two numbers in one cell, Google's " ::: " way.
    assert sam.phones == [
        ("+1 202-555-0143", "mobile"),
        ("+1 202-555-0199", "mobile"),
        ("(202) 555-0178", "home"),
    ]
    assert sam.email == "sam@example.com"
    assert sam.address == "1600 Example Ave NW, Washington, DC 20500, US"
    assert sam.birthday == "1962-11-05"
    assert sam.circle == "family"
    assert sam.notes.startswith("Brother-in-law.\nCalls on Saturdays.")
    # Sam's row runs over four lines of the file.
    assert [p.line for p in people.values()] == [2, 6, 7]
    assert people["Priya Natarajan"].birthday == "--07-15"


def test_outlook_csv_in_windows_1252() -> None:
    result = read_contacts_csv(sample("outlook.csv"), "GB")
    assert result.problems == [] and "Windows-1252" in result.notes[0]
    people = {p.name: p for p in result.people}
    margaret = people["Margaret Brown"]
    # Outlook's columns give the labels; the fax number is kept too.
    assert margaret.phones == [
        ("01632 960777", "home"),
        ("01632 960555", "work"),
        ("07700 900456", "mobile"),
        ("01632 960556", "fax"),
    ]
    # Columns Companion has no field for are kept in the notes under their names.
    assert "Company: Parish Council" in margaret.notes
    assert "Priority" not in margaret.notes and "Sensitivity" not in margaret.notes
    assert margaret.address == "14 Church Lane, York, YO1 7HH, United Kingdom"
    assert margaret.birthday == "1944-05-08"  # 8/5/1944 in Britain
    assert margaret.circle == "neighbour"
    helene = people["Hélène Lefèvre"]
    assert helene.birthday is None
    # Her category names no circle, so it is kept in the notes.
    assert helene.notes == "Amie de Margaret.\nParle français.\nGroups: Book club"
    assert helene.circle == "friend"
    assert helene.line == 3


def test_an_american_reads_outlook_dates_month_first() -> None:
    assert people_in(sample("outlook.csv"), "US")["Margaret Brown"].birthday == "1944-08-05"


def test_a_simple_name_phone_email_list() -> None:
    people = people_in(sample("simple.csv"))
    assert list(people) == ["Jo Smith", "Alex Green", "Okafor, Amara"]
    assert people["Jo Smith"].phones == [("07700 900123", "")]
    assert people["Jo Smith"].email == "jo.smith@example.org"
    assert people["Alex Green"].email == ""


def test_a_german_list_with_semicolons() -> None:
    table = read_csv(sample("german_semicolon.csv"))
    assert table.delimiter == ";"
    mapping = guess_mapping(table.headers)
    assert mapping.first_name == 0 and mapping.last_name == 1 and mapping.name is None
    people = people_in(sample("german_semicolon.csv"))
    juergen = people["Jürgen Müller"]
    assert juergen.phones == [("+49 30 901820", ""), ("+49 1512 3987654", "mobile")]
    assert juergen.email == "juergen@example.de"
    assert juergen.birthday == "1950-03-14"
    assert people["Anna Schmidt"].birthday == "--12-24"


def test_french_headers_tabs_and_excel_sep_line() -> None:
    data = (
        "sep=\t\nPrénom\tNom\tTéléphone\tCourriel\nCamille\tDubois\t06 12 34 56 78\tc@example.fr\n"
    )
    table = read_csv(data.encode("utf-8"))
    assert table.delimiter == "\t"
    (camille,) = people_in(data.encode("utf-8")).values()
    assert camille.name == "Camille Dubois"
    assert camille.phones == [("06 12 34 56 78", "")]
    assert camille.email == "c@example.fr"
    assert camille.line == 3


def test_a_french_nom_column_alone_is_the_whole_name() -> None:
    mapping = guess_mapping(["Nom", "Téléphone"])
    assert mapping.name == 0 and mapping.last_name is None


def test_a_mapping_chosen_by_hand() -> None:
    table = read_csv(b"who,number,kind\nJo Smith,07700 900123,Mobile\n")
    assert not guess_mapping(table.headers).has_name
    mapping = ColumnMapping(name=0, phones=[PhoneColumn(1, label_index=2)])
    people, problems = apply_mapping(table.rows, mapping)
    assert problems == []
    assert people[0].phones == [("07700 900123", "mobile")]


# --- refusing bad tables -------------------------------------------------------------------------


def problems_of(data: bytes) -> list[str]:
    return [str(p) for p in read_contacts_csv(data, "GB").problems]


def test_a_row_without_a_name_is_refused_with_its_line() -> None:
    data = b'Name,Phone,Notes\nJo,123456,"two\nlines"\n,,only a note\n'
    assert problems_of(data) == ["Line 4: this row has no name."]


def test_blank_rows_are_skipped_not_refused() -> None:
    data = b"Name,Phone\nJo,123456\n,\n\nAl,654321\n"
    assert [p.line for p in read_contacts_csv(data).people] == [2, 5]


def test_no_name_column_says_which_columns_it_saw() -> None:
    (problem,) = problems_of(b"Telephone,Colour\n123,blue\n")
    assert "could not find a column with names" in problem
    assert "“Telephone”, “Colour”" in problem


def test_an_unclosed_quotation_mark() -> None:
    data = b'Name,Notes\nJo,"fine"\nAl,"this never\nends\n'
    assert problems_of(data) == [
        "Line 3: the quotation marks on this line do not pair up; the file may be damaged "
        "or cut short."
    ]


def test_a_row_with_more_values_than_column_names() -> None:
    data = b"Name,Phone\nJo Smith,123456\nOkafor, Amara,654321\n"
    (problem,) = problems_of(data)
    assert problem.startswith("Line 3: this row has more values than there are column names")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "Line 1: this file is empty."),
        (b"Name,Phone\n", "Line 1: there is no one listed under the column names."),
        (b"\x00\x01\x02binary", "Line 1: this file is not text, so it cannot be a contact list."),
    ],
    ids=["empty", "only column names", "binary"],
)
def test_empty_and_binary_tables(data: bytes, expected: str) -> None:
    assert problems_of(data) == [expected]


def test_a_vcard_named_csv_says_what_to_do() -> None:
    (problem,) = problems_of(sample("google_30.vcf"))
    assert "this is a vCard file" in problem and ".vcf" in problem


# --- nothing silently lost, nothing that hangs (issue 15) --------------------------------------

OUTLOOK_EXTRA = (
    b"First Name,Last Name,Mobile Phone,Business Fax,Pager,Home Street,Home City,"
    b"Business Street,Business City,Job Title,Priority,Sensitivity,Anniversary\r\n"
    b"Margaret,Brown,07700 900456,01632 960556,01632 960999,14 Church Lane,York,"
    b"1 Market Square,Leeds,Treasurer,Normal,Normal,0/0/00\r\n"
)


def test_fax_pager_and_a_second_address_are_kept() -> None:
    (margaret,) = people_in(OUTLOOK_EXTRA).values()
    assert margaret.phones == [
        ("07700 900456", "mobile"),
        ("01632 960556", "fax"),
        ("01632 960999", "pager"),
    ]
    assert margaret.address == "14 Church Lane, York"
    notes = margaret.notes.splitlines()
    assert "Business Street: 1 Market Square" in notes
    assert "Business City: Leeds" in notes
    assert "Job Title: Treasurer" in notes
    # Outlook's empty defaults are not details.
    assert not any(n.startswith(("Priority", "Sensitivity", "Anniversary")) for n in notes)


def test_google_labels_second_addresses_and_group_names_are_kept() -> None:
    data = (
        b"Name,E-mail 1 - Type,E-mail 1 - Value,Address 1 - Type,Address 1 - Formatted,"
        b"Address 1 - City,Address 2 - Type,Address 2 - Formatted,Address 2 - City,"
        b"Website 1 - Type,Website 1 - Value,Group Membership\n"
        b"Sam Lee,* Work,sam@work.example,Home,1 High St Leeds,Leeds,Work,2 Mill Rd York,York,"
        b"Blog,https://sam.example,* myContacts ::: Family ::: Choir\n"
    )
    (sam,) = people_in(data).values()
    assert sam.address == "1 High St Leeds"
    assert sam.circle == "family"
    notes = sam.notes.splitlines()
    assert "Email (work): sam@work.example" in notes
    assert "Address (work): 2 Mill Rd York" in notes
    assert "Website (Blog): https://sam.example" in notes
    assert "Groups: Choir" in notes
    assert not any("City" in n for n in notes)  # already in the addresses kept


def test_control_characters_are_taken_out_of_names_and_numbers() -> None:
    data = "Name,Phone\nJo\u202e Smith,+44 7700\u2066 900123\u0007\n".encode()
    (jo,) = people_in(data).values()
    assert jo.name == "Jo Smith" and jo.phones == [("+44 7700 900123", "")]


def test_long_values_are_refused_with_their_line() -> None:
    data = ("Name,Notes,Email\nJo,ok,jo@example.org\n" + "Al,ok," + "a" * 1001 + "\n").encode()
    result = read_contacts_csv(data, "GB")
    (problem,) = result.problems
    assert problem.line == 3 and "1,001 characters" in problem.message
    name = ("Name\n" + "B" * 201 + "\n").encode()
    (problem,) = read_contacts_csv(name, "GB").problems
    assert problem.line == 2 and "200" in problem.message
    note = ("Name,Notes\nJo," + "n" * 10_001 + "\n").encode()
    (problem,) = read_contacts_csv(note, "GB").problems
    assert problem.line == 2 and "10,000" in problem.message


def test_a_value_longer_than_the_table_reader_takes_is_a_plain_message() -> None:
    data = ('Name,Notes\nJo,"' + "n" * 200_000 + '"\n').encode()
    (problem,) = read_contacts_csv(data, "GB").problems
    assert problem.line == 2 and "characters" in problem.message


def test_more_rows_than_the_limit_are_refused_at_the_first_one_too_many() -> None:
    data = ("Name\n" + "Jo\n" * 500_000).encode()
    (problem,) = read_contacts_csv(data, "GB").problems
    assert problem.line == 20_002 and "20,000" in problem.message


def test_a_group_that_names_no_circle_is_kept_in_the_notes() -> None:
    (jo,) = people_in(b"Name,Labels\nJo,Parish ::: Friends\n").values()
    assert jo.circle == "friend"
    assert jo.notes == "Groups: Parish"


def test_a_column_name_with_a_line_break_still_gives_a_one_line_message() -> None:
    (problem,) = read_contacts_csv(b'"Nick\nname",Phone\nJo,123456\n', "GB").problems
    assert "\n" not in problem.for_file("a\nb.csv")
    assert "“Nick name”" in problem.message
