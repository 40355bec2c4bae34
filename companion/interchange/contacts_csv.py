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

from companion.i18n import _, format_number
from companion.interchange import (
    MAX_FIELD_CHARS,
    MAX_NOTE_CHARS,
    MAX_PEOPLE,
    MONTH_FIRST_REGIONS,
    ImportFileError,
    ImportProblem,
    ParsedPerson,
    ReadResult,
    clean_line,
    decode_text,
    field_too_long_problem,
    finished_person,
    guess_circle,
    is_empty_date,
    join_notes,
    note_too_long_problem,
    other_groups,
    parse_date_text,
    phone_label,
    too_many_people_problem,
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
            if len(table.rows) >= MAX_PEOPLE:
                table.problems.append(too_many_people_problem(start))
                return table
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
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            table.problems.append(
                ImportProblem(
                    line,
                    _(
                        "a value on this line is over {size} characters long, far more than "
                        "Companion takes. Shorten it in the file and try again."
                    ).format(size=format_number(csv.field_size_limit())),
                )
            )
            return table
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
    words = _WORD.findall(norm)
    if any(w in ("fax", "pager", "telefax") for w in words):  # Outlook's fax and pager columns
        return True
    return any(w in _PHONE_WORDS or w.startswith(_PHONE_PREFIXES) for w in words)


def _phone_label_from_header(norm: str) -> str:
    for words, label in (
        (("fax",), "fax"),
        (("pager",), "pager"),
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


_NUMBERED = re.compile(r"^(.*?)\s*(\d+)\s*-\s*(.+)$")  # Google's "Phone 2 - Label"
_LABEL_PARTS = ("label", "type")
_DEFAULT_VALUES = frozenset({"normal", "false", "unspecified"})  # Outlook's empty fields
_NO_GROUP = frozenset({"mycontacts", "* mycontacts"})  # Google's "all my contacts"


@dataclass(frozen=True)
class _Unmapped:
    """A column the mapping does not use, kept in the notes under its own name."""

    index: int
    title: str
    label_index: int | None = None


def _unmapped_columns(headers: list[str], mapping: ColumnMapping) -> list[_Unmapped]:
    """Every column nothing else reads, paired with its label column (Google's "- Label")."""
    used = {
        i
        for i in (
            mapping.name,
            mapping.first_name,
            mapping.middle_name,
            mapping.last_name,
            mapping.birthday,
            mapping.notes,
            mapping.circle,
        )
        if i is not None
    }
    used |= set(mapping.emails) | set(mapping.address)
    used |= {c.index for c in mapping.phones}
    used |= {c.label_index for c in mapping.phones if c.label_index is not None}
    groups: dict[tuple[str, str], dict[str, int]] = {}
    for index, header in enumerate(headers):
        if match := _NUMBERED.match(_norm(header)):
            groups.setdefault((match[1], match[2]), {})[match[3]] = index
    label_of: dict[int, int] = {}
    for parts in groups.values():
        label_at = next((parts[p] for p in _LABEL_PARTS if p in parts), None)
        if label_at is None:
            continue
        for part, index in parts.items():
            if part not in _LABEL_PARTS:
                label_of[index] = label_at
        if any(i in used for p, i in parts.items() if p not in _LABEL_PARTS):
            used.add(label_at)  # the label of a number or address already read
    columns = []
    labels = set(label_of.values())
    for index, header in enumerate(headers):
        if index in used or index in labels:
            continue
        title = header.strip() or _("Column {number}").format(number=index + 1)
        if match := _NUMBERED.match(title):
            base, part = match[1].strip(), match[3].strip().casefold()
            title = base if part in ("value", "formatted") else f"{base} {match[3].strip()}"
        columns.append(_Unmapped(index, title, label_of.get(index)))
    return columns


def _label_word(text: str) -> str:
    return phone_label(text.replace(":::", ",").strip())


def apply_mapping(
    rows: list[CsvRow],
    mapping: ColumnMapping,
    region: str | None = None,
    headers: list[str] | None = None,
) -> tuple[list[ParsedPerson], list[ImportProblem]]:
    """Everyone in the rows, and every row that is wrong. ``region`` decides 3/4/1970.

    With the column names (``headers``), every column the mapping does not read
    is kept in the notes under its name ("Job Title: Vicar"), so nothing in the
    file is lost; values already kept elsewhere are not repeated.
    """
    month_first = None if region is None else region.upper() in MONTH_FIRST_REGIONS
    people: list[ParsedPerson] = []
    problems: list[ImportProblem] = []
    unmapped = _unmapped_columns(headers, mapping) if headers is not None else []
    email_labels = (
        {
            c.index: c.label_index
            for c in _unmapped_columns(headers, ColumnMapping())
            if c.label_index
        }
        if headers is not None
        else {}
    )

    for row in rows:
        values = row.values

        def cell(index: int | None, values: list[str] = values) -> str:
            if index is None or index >= len(values):
                return ""
            return values[index].strip()

        long_cell = next(
            (
                (i, len(v))
                for i, v in enumerate(values)
                if len(v) > (MAX_NOTE_CHARS if i == mapping.notes else MAX_FIELD_CHARS)
                and i not in (mapping.name, mapping.first_name, mapping.last_name)
            ),
            None,
        )
        if long_cell is not None:
            index, length = long_cell
            problems.append(
                note_too_long_problem(row.line, length)
                if index == mapping.notes
                else field_too_long_problem(row.line, length)
            )
            continue
        phones: list[tuple[str, str]] = []
        for column in mapping.phones:
            label = phone_label(cell(column.label_index)) if column.label_index else column.label
            for number in _MULTI.split(cell(column.index)):
                if number.strip():
                    phones.append((number.strip(), label))
        emails = [
            (e.strip(), _label_word(cell(email_labels.get(i))))
            for i in mapping.emails
            for e in _MULTI.split(cell(i))
            if e.strip()
        ]
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
            or (emails[0][0] if emails else "")
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
        if emails and emails[0][1]:
            extras.append(_labelled(_("Email"), emails[0][1], emails[0][0]))
        extras += [_labelled(_("Other email"), label, e) for e, label in emails[1:]]
        categories = [
            " ".join(c.strip().lstrip("*").split())
            for c in re.split(r":::|;|,", cell(mapping.circle))
            if c.strip() and c.strip().casefold() not in _NO_GROUP
        ]
        circle = guess_circle(categories)
        groups = other_groups(categories, circle)
        if groups:
            extras.append(_labelled(_("Groups"), "", ", ".join(groups)))
        kept = " ".join(
            [name, address, cell(mapping.notes), birthday_text, *extras]
            + [e for e, _l in emails]
            + [n for n, _l in phones]
        )
        for other in unmapped:
            value = cell(other.index)
            if not value or value.casefold() in _DEFAULT_VALUES or is_empty_date(value):
                continue
            value = "; ".join(v for v in _MULTI.split(value) if v)
            if _said_in(value, kept):
                continue
            extras.append(_labelled(other.title, _label_word(cell(other.label_index)), value))
            kept += " " + value
        person = finished_person(
            ParsedPerson(
                name=name,
                phones=phones,
                email=emails[0][0] if emails else "",
                address=address,
                birthday=birthday,
                notes=join_notes(cell(mapping.notes), *extras),
                circle=circle,
                line=row.line,
            )
        )
        if isinstance(person, ImportProblem):
            problems.append(person)
        else:
            people.append(person)
    return people, problems


def _labelled(title: str, label: str, value: str) -> str:
    if label:
        return _("{detail} ({label}): {value}").format(detail=title, label=label, value=value)
    return _("{detail}: {value}").format(detail=title, value=value)


def _said_in(words: str, text: str) -> bool:
    """Every word of ``words`` is already in ``text`` (so keeping it again adds nothing)."""
    have = set(text.casefold().replace(",", " ").split())
    return all(w in have for w in words.casefold().replace(",", " ").split())


def no_name_column_problem(headers: list[str]) -> ImportProblem:
    shown = ", ".join(f"“{clean_line(h)[:60]}”" for h in headers[:12] if h.strip())
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
    people, problems = apply_mapping(table.rows, mapping, region, table.headers)
    return ReadResult(people=people, problems=problems, notes=table.notes)
