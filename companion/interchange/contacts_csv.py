"""Contact lists as CSV tables: Google Contacts, Outlook, Thunderbird, or a simple list.

Reading happens in three steps so a person can check the middle one: the
table (``read_csv``), which column holds what (``guess_mapping``, which the
import window lets the person change), and the people (``apply_mapping``).
Line numbers are those of the file, the column names being line 1, even when
a quoted note runs over several lines.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from companion.i18n import _
from companion.interchange import (
    MONTH_FIRST_REGIONS,
    ImportFileError,
    ImportProblem,
    ParsedPerson,
    ReadResult,
    decode_text,
    guess_circle,
    is_empty_date,
    join_notes,
    parse_date_text,
    phone_label,
    unique_phones,
)

_DELIMITERS = (",", ";", "\t")
_MULTI = re.compile(r"\s*:::\s*")  # Google puts several values in one cell this way


@dataclass(frozen=True)
class CsvRow:
    line: int  # where the row starts in the file
    values: list[str]


@dataclass
class CsvTable:
    headers: list[str] = field(default_factory=list)
    rows: list[CsvRow] = field(default_factory=list)
    delimiter: str = ","
    problems: list[ImportProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PhoneColumn:
    index: int
    label: str = ""  # the label every number in this column gets ("mobile")
    label_index: int | None = None  # or a column holding each number's label (Google)


@dataclass
class ColumnMapping:
    """Which column holds what; ``None`` or empty lists for what the file does not have."""

    name: int | None = None
    first_name: int | None = None
    middle_name: int | None = None
    last_name: int | None = None
    organization: int | None = None
    phones: list[PhoneColumn] = field(default_factory=list)
    emails: list[int] = field(default_factory=list)
    address: list[int] = field(default_factory=list)  # parts, joined in this order
    birthday: int | None = None
    notes: int | None = None
    circle: int | None = None

    @property
    def has_name(self) -> bool:
        return any(i is not None for i in (self.name, self.first_name, self.last_name))


# --- the table ------------------------------------------------------------------------------


def read_csv(data: bytes) -> CsvTable:
    """The column names and the rows, or a table whose ``problems`` say why not."""
    try:
        text, notes = decode_text(data)
    except ImportFileError as error:
        return CsvTable(problems=error.problems)
    table = CsvTable(notes=notes)
    first_line = 1
    head, _newline, rest = text.partition("\n")
    head = head.rstrip("\r")
    if sep := re.fullmatch(r"\s*sep=(.)\s*", head.strip(" "), re.IGNORECASE):
        table.delimiter = sep[1]  # Excel's "sep=;" first line
        text, first_line = rest, 2
    else:
        table.delimiter = _sniff(head)
    if head.strip().upper() == "BEGIN:VCARD":
        table.problems.append(
            ImportProblem(
                1,
                _(
                    "this is a vCard file, not a table. Give it a name ending in .vcf and "
                    "import it again."
                ),
            )
        )
        return table
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=table.delimiter, strict=True)
    line = first_line
    try:
        for values in reader:
            start = line
            line = first_line + reader.line_num
            if not table.headers and not any(v.strip() for v in values):
                continue
            if not table.headers:
                table.headers = [v.strip().lstrip("\ufeff") for v in values]
                continue
            if not any(v.strip() for v in values):
                continue
            if any(v.strip() for v in values[len(table.headers) :]):
                table.problems.append(
                    ImportProblem(
                        start,
                        _(
                            "this row has more values than there are column names; a value "
                            "with a comma in it may need quotation marks around it."
                        ),
                    )
                )
            table.rows.append(CsvRow(start, values))
    except csv.Error:
        table.problems.append(
            ImportProblem(
                line,
                _(
                    "the quotation marks on this line do not pair up; the file may be damaged "
                    "or cut short."
                ),
            )
        )
        return table
    if not table.headers:
        table.problems.append(ImportProblem(1, _("this file is empty.")))
    elif not table.rows:
        table.problems.append(
            ImportProblem(first_line, _("there is no one listed under the column names."))
        )
    return table


def _sniff(line: str) -> str:
    """The delimiter the column names are separated by: the most used one outside quotes."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    inside = False
    for char in line:
        if char == '"':
            inside = not inside
        elif not inside and char in counts:
            counts[char] += 1
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


# --- which column is which ------------------------------------------------------------------------


def _norm(header: str) -> str:
    text = header.replace("\ufeff", "").casefold().replace("e-mail", "email").replace("_", " ")
    return " ".join(text.split())


_NAME = {
    "name",
    "full name",
    "display name",
    "contact name",
    "contact",
    "fn",
    "formatted name",
    "nom complet",
    "nom et prénom",
    "vollständiger name",
    "anzeigename",
}
_FIRST = {"first name", "given name", "firstname", "first", "forename", "vorname", "prénom"}
_FIRST |= {"prenom"}
_MIDDLE = {"middle name", "additional name", "weitere vornamen", "deuxième prénom"}
_LAST = {
    "last name",
    "family name",
    "surname",
    "lastname",
    "last",
    "nachname",
    "familienname",
    "nom de famille",
}
_ORG = {
    "organization name",
    "organization 1 - name",
    "organization",
    "organisation",
    "company",
    "firma",
    "société",
    "societe",
    "entreprise",
}
_BIRTHDAY = {
    "birthday",
    "birth date",
    "birthdate",
    "date of birth",
    "dob",
    "geburtstag",
    "geburtsdatum",
    "anniversaire",
    "date de naissance",
}
_NOTES = {
    "notes",
    "note",
    "notizen",
    "notiz",
    "bemerkungen",
    "anmerkungen",
    "remarques",
    "commentaires",
    "comments",
}
_CIRCLE = {
    "group membership",
    "labels",
    "categories",
    "category",
    "group",
    "groups",
    "circle",
    "kategorien",
    "kategorie",
    "catégories",
    "catégorie",
    "gruppe",
    "groupe",
}
_EMAIL = {
    "email",
    "email address",
    "primary email",
    "secondary email",
    "email 2 address",
    "email 3 address",
    "email-adresse",
    "email-adresse 2",
    "email-adresse 3",
    "adresse de messagerie",
    "adresse email",
    "courriel",
    "mail",
}
_GOOGLE_EMAIL = re.compile(r"^email \d+ - value$")
_GOOGLE_PHONE = re.compile(r"^phone \d+ - value$")
_GOOGLE_ADDRESS = re.compile(r"^address (\d+) - formatted$")
_GOOGLE_ADDRESS_PART = re.compile(
    r"^address 1 - (street|extended address|po box|city|region|postal code|country)$"
)
_PHONE_WORDS = frozenset(
    {"phone", "telephone", "tel", "téléphone", "tél", "mobile", "mobil", "handy", "cell"}
)
_PHONE_PREFIXES = ("telefon", "mobiltel")
_WORD = re.compile(r"[^\W\d_]+")
_NOT_PHONE = (
    "fax",
    "pager",
    "telex",
    "isdn",
    "tty",
    "radio",
    "callback",
    "assistant",
    " - type",
    " - label",
    "yomi",
)
# Home addresses, in the order they are written, as Outlook (English, German, French)
# and Thunderbird name the columns; or a simple list's own words.
_ADDRESS_PARTS = [
    "home street",
    "home street 2",
    "home street 3",
    "home address",
    "home address 2",
    "home city",
    "home state",
    "home postal code",
    "home zipcode",
    "home country/region",
    "home country",
    "straße privat",
    "straße privat 2",
    "straße privat 3",
    "postleitzahl privat",
    "ort privat",
    "bundesland/kanton privat",
    "region privat",
    "land/region privat",
    "rue (domicile)",
    "rue (domicile) 2",
    "rue (domicile) 3",
    "code postal (domicile)",
    "ville (domicile)",
    "dép/région (domicile)",
    "pays/région (domicile)",
]
_SIMPLE_ADDRESS = [
    "address",
    "postal address",
    "adresse",
    "anschrift",
    "street",
    "straße",
    "strasse",
    "rue",
    "postcode",
    "postal code",
    "zip",
    "zip code",
    "plz",
    "code postal",
    "city",
    "town",
    "ort",
    "stadt",
    "ville",
    "country",
    "land",
    "pays",
]


def _is_phone_header(norm: str) -> bool:
    if "email" in norm or any(w in norm for w in _NOT_PHONE):
        return False
    return any(w in _PHONE_WORDS or w.startswith(_PHONE_PREFIXES) for w in _WORD.findall(norm))


def _phone_label_from_header(norm: str) -> str:
    for words, label in (
        (("mobile", "mobil", "handy", "cell", "portable", "car phone"), "mobile"),
        (("home", "privat", "domicile"), "home"),
        (("business", "work", "geschäftlich", "bureau", "company"), "work"),
        (("other", "weitere", "autre"), "other"),
    ):
        if any(word in norm for word in words):
            return label
    return ""


def _first(headers: list[str], names: set[str]) -> int | None:
    return next((i for i, h in enumerate(headers) if h in names), None)


def guess_mapping(headers: list[str]) -> ColumnMapping:
    """Which column is which, from the column names other programs write."""
    norms = [_norm(h) for h in headers]
    mapping = ColumnMapping(
        first_name=_first(norms, _FIRST),
        middle_name=_first(norms, _MIDDLE),
        last_name=_first(norms, _LAST),
        organization=_first(norms, _ORG),
        birthday=_first(norms, _BIRTHDAY),
        notes=_first(norms, _NOTES),
        circle=_first(norms, _CIRCLE),
    )
    # "Name" beside "Vorname" (and "Nom" beside "Prénom") is the family name.
    for index, norm in enumerate(norms):
        if norm in ("name", "nom") and mapping.first_name is not None:
            if norms[mapping.first_name] in ("vorname", "prénom", "prenom"):
                if mapping.last_name is None:
                    mapping.last_name = index
                continue
        if norm in _NAME or norm == "nom":
            mapping.name = index
            break
    for index, norm in enumerate(norms):
        if norm in _EMAIL or _GOOGLE_EMAIL.match(norm):
            mapping.emails.append(index)
        elif _GOOGLE_PHONE.match(norm):
            label_at = next(
                (
                    j
                    for j, other in enumerate(norms)
                    if other in (norm.replace("value", "label"), norm.replace("value", "type"))
                ),
                None,
            )
            mapping.phones.append(PhoneColumn(index, "", label_at))
        elif _is_phone_header(norm):
            mapping.phones.append(PhoneColumn(index, _phone_label_from_header(norm)))
    formatted = [i for i, n in enumerate(norms) if _GOOGLE_ADDRESS.match(n)]
    if formatted:
        mapping.address = formatted[:1]
    else:
        google_parts = [i for i, n in enumerate(norms) if _GOOGLE_ADDRESS_PART.match(n)]
        home = [norms.index(part) for part in _ADDRESS_PARTS if part in norms]
        simple = [i for i, n in enumerate(norms) if n in _SIMPLE_ADDRESS]
        mapping.address = google_parts or home or simple
    return mapping


# --- the people ----------------------------------------------------------------------------------


def apply_mapping(
    rows: list[CsvRow], mapping: ColumnMapping, region: str | None = None
) -> tuple[list[ParsedPerson], list[ImportProblem]]:
    """Everyone in the rows, and every row that is wrong. ``region`` decides 3/4/1970."""
    month_first = None if region is None else region.upper() in MONTH_FIRST_REGIONS
    people: list[ParsedPerson] = []
    problems: list[ImportProblem] = []

    for row in rows:
        values = row.values

        def cell(index: int | None, values: list[str] = values) -> str:
            if index is None or index >= len(values):
                return ""
            return values[index].strip()

        phones: list[tuple[str, str]] = []
        for column in mapping.phones:
            label = phone_label(cell(column.label_index)) if column.label_index else column.label
            for number in _MULTI.split(cell(column.index)):
                if number.strip():
                    phones.append((number.strip(), label))
        emails = [e for i in mapping.emails for e in _MULTI.split(cell(i)) if e.strip()]
        address = ", ".join(
            piece
            for i in mapping.address
            for piece in (" ".join(p.split()) for p in cell(i).splitlines())
            if piece
        )
        parts = (cell(mapping.first_name), cell(mapping.middle_name), cell(mapping.last_name))
        name = (
            cell(mapping.name)
            or " ".join(p for p in parts if p)
            or cell(mapping.organization)
            or (emails[0] if emails else "")
            or (phones[0][0] if phones else "")
        )
        name = " ".join(name.split())
        if not name:
            problems.append(ImportProblem(row.line, _("this row has no name.")))
            continue
        birthday_text = cell(mapping.birthday)
        birthday = None
        extras: list[str] = []
        if birthday_text and not is_empty_date(birthday_text):
            birthday = parse_date_text(birthday_text, month_first)
            if birthday is None:
                extras.append(_("Birthday: {date}").format(date=birthday_text))
        extras += [_("Other email: {email}").format(email=e.strip()) for e in emails[1:]]
        categories = [c for c in re.split(r":::|;|,", cell(mapping.circle)) if c.strip()]
        people.append(
            ParsedPerson(
                name=name,
                phones=unique_phones(phones),
                email=emails[0].strip() if emails else "",
                address=address,
                birthday=birthday,
                notes=join_notes(cell(mapping.notes), *extras),
                circle=guess_circle(categories),
                line=row.line,
            )
        )
    return people, problems


def no_name_column_problem(headers: list[str]) -> ImportProblem:
    shown = ", ".join(f"“{h}”" for h in headers[:12] if h.strip())
    if len(headers) > 12:
        shown += ", …"
    return ImportProblem(
        0,
        _(
            "Companion could not find a column with names. The columns are: {columns}. "
            "Name one of them “Name”, or “First Name” and “Last Name”, and try again."
        ).format(columns=shown or _("(none)")),
    )


def read_contacts_csv(data: bytes, region: str | None = None) -> ReadResult:
    """The whole file read with the guessed columns, for the command line."""
    table = read_csv(data)
    if table.problems:
        return ReadResult(problems=table.problems, notes=table.notes)
    mapping = guess_mapping(table.headers)
    if not mapping.has_name:
        return ReadResult(problems=[no_name_column_problem(table.headers)], notes=table.notes)
    people, problems = apply_mapping(table.rows, mapping, region)
    return ReadResult(people=people, problems=problems, notes=table.notes)
