"""Reading and writing other programs' files: what every importer and exporter shares.

An importer never writes while it reads. It turns a file into plain records
(``ParsedPerson``) and a list of ``ImportProblem`` s, each naming the line in
the original file that is wrong; only a file without problems may be written
to the store, and then in one transaction (see ``people_import``).
"""

from __future__ import annotations

import os
import re
import secrets
import stat
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from companion.errors import CompanionError
from companion.i18n import N_, _, format_number, ngettext

MAX_IMPORT_BYTES = 50 * 1024 * 1024
# Limits that keep a damaged or hostile file from filling memory or freezing the window.
MAX_PEOPLE = 20_000
MAX_NAME_CHARS = 200
MAX_NOTE_CHARS = 10_000  # one note as written in the file
MAX_NOTES_CHARS = 20_000  # a person's notes with everything else kept in them
MAX_FIELD_CHARS = 1_000  # an email, an address, a kept detail
MAX_PHONE_CHARS = 100
MAX_PHONES = 50

# Phone labels Companion knows; anything else is kept as the other program wrote it.
PHONE_LABELS: dict[str, str] = {
    "mobile": N_("Mobile"),
    "home": N_("Home"),
    "work": N_("Work"),
    "main": N_("Main"),
    "fax": N_("Fax"),
    "pager": N_("Pager"),
    "other": N_("Other"),
}


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong with a file: its line (1-based, in the original file; 0 = the whole file)."""

    line: int
    message: str  # a sentence that starts in lower case: "this card has no name."

    def sentence(self) -> str:
        return self.message[:1].upper() + self.message[1:]

    def __str__(self) -> str:
        if self.line <= 0:
            return self.sentence()
        return _("Line {line}: {problem}").format(line=self.line, problem=self.message)

    def for_file(self, file_name: str) -> str:
        """The one line a person reads: which file, which line, and that nothing changed."""
        file_name = clean_line(file_name)
        if self.line <= 0:
            return _("{file}: {problem} Nothing was imported.").format(
                file=file_name, problem=self.message
            )
        return _("{file}, line {line}: {problem} Nothing was imported.").format(
            file=file_name, line=self.line, problem=self.message
        )


class ImportFileError(CompanionError):
    """A file that cannot be imported; ``problems`` lists every line that is wrong."""

    def __init__(self, problems: list[ImportProblem], file_name: str | None = None) -> None:
        self.problems = problems
        first = problems[0]
        message = first.for_file(file_name) if file_name else str(first)
        more = len(problems) - 1
        if more:
            message += " " + ngettext(
                "{count} more line has a problem too.",
                "{count} more lines have problems too.",
                more,
            ).format(count=more)
        super().__init__(message)


@dataclass
class ParsedPerson:
    """One person as read from a file, before anything is written."""

    name: str
    phones: list[tuple[str, str]] = field(default_factory=list)  # (number, label)
    email: str = ""
    address: str = ""
    birthday: str | None = None  # YYYY-MM-DD or --MM-DD
    notes: str = ""
    circle: str = "friend"
    line: int = 0  # where this person starts in the file
    # What the file held for this person that Companion could not keep, in plain words
    # ("a photo"), for the preview to say.
    not_kept: list[str] = field(default_factory=list)


@dataclass
class ReadResult:
    """What a reader found: the people, every problem, and notes worth telling the person."""

    people: list[ParsedPerson] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# --- bytes to text ------------------------------------------------------------------------

# An iPhone's export can end its lines with CR CR LF: that is one line end, not two.
_BYTE_LINES = re.compile(rb"\r\r\n|\r\n|\r|\n")
LINE_BREAKS = re.compile(r"\r\r\n|\r\n|\r|\n")
_CONTROL = re.compile(rb"[\x01-\x08\x0b\x0e-\x19\x1b-\x1f\x7f]")
_PIECE = 64 * 1024  # characters split at once by ``split_lines``


def split_lines(text: str, piece: int = _PIECE) -> list[str]:
    """``LINE_BREAKS.split(text)``, done a piece of the text at a time.

    One split of a 10,000-person file is one call into the regular-expression engine
    that holds Python's lock for 13 ms (three times that on a busy computer), and the
    window cannot draw meanwhile. Each piece here ends just after a line feed, which
    ends every kind of line break (CR LF, CR CR LF) and begins none, so no break is cut
    in two and the lines are exactly those of one split.
    """
    lines: list[str] = []
    start = 0
    while True:
        cut = text.find("\n", start + piece) + 1 if start + piece < len(text) else 0
        if cut <= 0:
            lines += LINE_BREAKS.split(text[start:] if start else text)
            return lines
        lines += LINE_BREAKS.split(text[start:cut])
        lines.pop()  # the empty line after the piece's last line feed: the next piece goes on
        start = cut


def too_big_problem() -> ImportProblem:
    return ImportProblem(
        0,
        _("this file is larger than {size} MB, which is too big for a contact list.").format(
            size=MAX_IMPORT_BYTES // (1024 * 1024)
        ),
    )


def decode_text(data: bytes) -> tuple[str, list[str]]:
    """The file as text, and any note about how it was read; ``ImportFileError`` if it is not text.

    UTF-8 (with or without a byte-order mark) first; lines that are not UTF-8
    are read as Windows-1252, as old Windows and phone exports are. Line
    numbers stay those of the original file.
    """
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError([too_big_problem()])
    notes: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFileError([_not_text(data, data.find(b"\x00"))]) from None
        return _finish(text), notes
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    data = data.rstrip(b"\x1a")  # an old DOS end-of-file mark
    if not data.strip():
        raise ImportFileError([ImportProblem(1, _("this file is empty."))])
    nul = data.find(b"\x00")
    if nul >= 0 or len(_CONTROL.findall(data[:65536])) > max(8, min(len(data), 65536) // 100):
        raise ImportFileError([_not_text(data, nul)])
    try:
        return _finish(data.decode("utf-8")), notes
    except UnicodeDecodeError:
        pass
    lines = []
    for raw in _BYTE_LINES.split(data):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(_cp1252(raw))
    notes.append(
        _(
            "Some of this file was not in the usual UTF-8 text encoding, so it was read as "
            "Western European (Windows-1252) text. Check that letters with accents look right."
        )
    )
    return _finish("\n".join(lines)), notes


def _finish(text: str) -> str:
    text = text.lstrip("\ufeff").rstrip("\x1a")
    return text.replace("\r\r\n", "\r\n") if "\r\r\n" in text else text


def _cp1252(raw: bytes) -> str:
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:  # five bytes cp1252 leaves undefined
        return raw.decode("latin-1")


def _not_text(data: bytes, at: int) -> ImportProblem:
    line = 1
    if at > 0:
        line = len(_BYTE_LINES.findall(data, 0, at)) + 1
    return ImportProblem(line, _("this file is not text, so it cannot be a contact list."))


# --- files --------------------------------------------------------------------------------


def read_import_file(path: Path) -> bytes:
    """The bytes of a file to import, refused in plain words if missing, unreadable or huge.

    The kind of file is checked before it is opened, and opened without waiting: a
    pipe or a device given a .vcf name is refused at once instead of blocking.
    """
    path = Path(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise CompanionError(
                _("{file} is a folder. Please choose a file.").format(file=path.name)
            )
        if not stat.S_ISREG(info.st_mode):
            raise CompanionError(_not_a_file(path))
        if info.st_size > MAX_IMPORT_BYTES:
            raise CompanionError(too_big_problem().for_file(path.name))
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # swapped since the check
                raise CompanionError(_not_a_file(path))
            data = handle.read(MAX_IMPORT_BYTES + 1)
    except FileNotFoundError:
        raise CompanionError(
            _("There is no file called {file}. Check the name and the folder.").format(file=path)
        ) from None
    except PermissionError:
        raise CompanionError(
            _("Companion is not allowed to read {file}. Check its permissions.").format(file=path)
        ) from None
    except OSError as error:
        raise CompanionError(
            _("Companion could not read {file}: {reason}").format(
                file=path, reason=error.strerror or error
            )
        ) from None
    if len(data) > MAX_IMPORT_BYTES:
        raise CompanionError(too_big_problem().for_file(path.name))
    return data


def _not_a_file(path: Path) -> str:
    return _(
        "{file} is not an ordinary file (it may be a device or a pipe), so it cannot be "
        "imported. Please choose a contacts file saved on your computer."
    ).format(file=path.name)


def write_file_atomically(path: Path, data: bytes) -> None:
    """Write beside the target, then swap it in: a failure leaves the old file (or none)."""
    from companion.keys import storage_error

    path = Path(path)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as error:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise storage_error(error, path) from None


# --- small shared rules ---------------------------------------------------------------------

_CIRCLE_WORDS: dict[str, str] = {}
for _circle, _words in {
    "family": "family familie famille familia famiglia relatives relations kin",
    "friend": "friend friends freund freunde freundin ami amis amie amies amigos amici",
    "neighbour": "neighbour neighbours neighbor neighbors nachbar nachbarn voisin voisins",
    "group": "group groups club clubs community church choir gruppe verein groupe association",
    "professional": (
        "professional work coworkers co-workers colleagues colleague business doctor doctors"
        " health care arbeit kollegen beruf travail collègues collegues"
    ),
    "other": "other",
}.items():
    for _word in _words.split():
        _CIRCLE_WORDS[_word] = _circle
del _circle, _words, _word


def guess_circle(categories: Iterable[str]) -> str:
    """The circle named by another program's groups or labels ("Family"), else friend."""
    for category in categories:
        word = category.strip().lstrip("*").strip().casefold()
        if word in _CIRCLE_WORDS:
            return _CIRCLE_WORDS[word]
    return "friend"


def other_groups(categories: Iterable[str], circle: str) -> list[str]:
    """Group names worth keeping beside the circle: all but the one that named the circle."""
    kept = []
    for category in dict.fromkeys(c.strip() for c in categories if c.strip()):
        word = category.lstrip("*").strip().casefold()
        if _CIRCLE_WORDS.get(word) != circle:
            kept.append(category)
    return kept


_PHONE_WORDS = {
    "cell": "mobile",
    "mobile": "mobile",
    "iphone": "mobile",
    "handy": "mobile",
    "mobil": "mobile",
    "portable": "mobile",
    "home": "home",
    "privat": "home",
    "domicile": "home",
    "work": "work",
    "business": "work",
    "geschäftlich": "work",
    "bureau": "work",
    "main": "main",
    "fax": "fax",
    "homefax": "fax",
    "workfax": "fax",
    "otherfax": "fax",
    "pager": "pager",
    "other": "other",
}


def phone_label(text: str) -> str:
    """A known label's key ("mobile") for words other programs use, else the words as written."""
    word = text.strip().lstrip("*").strip()
    if word.startswith("_$!<") and word.endswith(">!$_"):  # Apple's built-in labels
        word = word[4:-4]
    return _PHONE_WORDS.get(word.casefold(), word)


_ISO = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})$")
_NO_YEAR = re.compile(r"^--(\d{2})-?(\d{2})$")
_DOTTED = re.compile(r"^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{2}|\d{4})?$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
_YEAR_FIRST_SLASHED = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
MONTH_FIRST_REGIONS = frozenset({"US", "PH", "FM", "MH", "PW", "BZ", "GU", "AS", "PR", "VI", "MP"})
# Years programs write when they do not know the year (Apple writes 1604).
_UNKNOWN_YEARS = frozenset({0, 1, 1604, 1900})


def parse_date_text(text: str, month_first: bool | None = None) -> str | None:
    """A birthday in Companion's form (YYYY-MM-DD or --MM-DD), or None if not understood.

    Understands 1970-01-31, 19700131, --0131, --01-31, 1970-01-31T00:00:00Z,
    31.01.1970 and 31.01., and 1/31/1970 or 31/1/1970 (``month_first`` says
    which when both could be right; unsure dates are None).
    """
    text = text.strip()
    if "T" in text and not text.startswith("T"):
        text = text.split("T", 1)[0]
    year: int | None
    if match := _ISO.match(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif match := _NO_YEAR.match(text):
        year, month, day = None, int(match[1]), int(match[2])
    elif match := _YEAR_FIRST_SLASHED.match(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif match := _DOTTED.match(text):
        day, month = int(match[1]), int(match[2])
        year = _full_year(match[3]) if match[3] else None
    elif match := _SLASHED.match(text):
        first, second, year = int(match[1]), int(match[2]), _full_year(match[3])
        if first > 12 and second <= 12:
            day, month = first, second
        elif second > 12 and first <= 12:
            month, day = first, second
        elif first == second or month_first is not None:
            month, day = (first, second) if month_first or first == second else (second, first)
        else:
            return None
    else:
        return None
    if year in _UNKNOWN_YEARS:
        year = None
    try:
        if year is None:
            date(2000, month, day)  # a leap year: 29 February is a real birthday
            return f"--{month:02d}-{day:02d}"
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        pivot = date.today().year % 100
        year += 2000 if year <= pivot else 1900
    return year


def is_empty_date(text: str) -> bool:
    """Outlook writes 0/0/00 for "no birthday"."""
    return not text.strip() or set(text.strip()) <= set("0/.-")


def join_notes(*parts: str) -> str:
    """Notes put together, one part a line, with Windows and old Mac line ends made plain."""
    text = "\n".join(p.strip() for p in parts if p and p.strip())
    return text.replace("\r\n", "\n").replace("\r", "\n")


__all__ = [
    "MAX_IMPORT_BYTES",
    "PHONE_LABELS",
    "ImportFileError",
    "ImportProblem",
    "ParsedPerson",
    "ReadResult",
    "decode_text",
    "guess_circle",
    "parse_date_text",
    "phone_label",
    "read_import_file",
    "write_file_atomically",
    "unique_phones",
    "imported_phone",
    "clean_line",
    "clean_text",
    "finished_person",
]


def unique_phones(phones: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The same number listed twice (phones often do) is kept once, with its first label.

    Only the very same digits are the same number: +41 44 668 1800 and
    +44 44 668 1800 share their last nine digits and are two numbers.
    """
    seen: set[str] = set()
    unique = []
    for number, label in phones:
        key = phone_identity(number)
        if key not in seen:
            seen.add(key)
            unique.append((number, label))
    return unique


def phone_identity(number: str) -> str:
    """What makes two numbers in one card the same: every digit, and whether it starts with +."""
    digits = "".join(ch for ch in number if ch.isdigit())
    if not digits:
        return number.strip()
    return ("+" if number.strip().startswith("+") else "") + digits


def imported_phone(text: str, region: str) -> str:
    """A number from a file as it will be stored: E.164 when its country is sure, else as written.

    A number written with its country (+49…, or 0049… from Germany) is sure. A
    number written nationally ("030 1234567") is given the profile's country only
    when it is a real number there; otherwise it is kept exactly as written, so a
    German number in a US profile never becomes "+10301234567".
    """
    import phonenumbers

    text = clean_line(text, number=True)
    if not text or not region:
        return text
    try:
        number = phonenumbers.parse(text, region, keep_raw_input=True)
    except phonenumbers.NumberParseException:
        return text
    source = number.country_code_source
    from_default = source == phonenumbers.CountryCodeSource.FROM_DEFAULT_COUNTRY
    if not phonenumbers.is_possible_number(number):
        return text
    if source == phonenumbers.CountryCodeSource.FROM_NUMBER_WITH_IDD:
        if not phonenumbers.is_valid_number(number):  # 0104 901 in Japan: not surely abroad
            return text
    elif from_default and not phonenumbers.is_valid_number(number):
        # Not a number known there: still the profile's country if it is written the way
        # numbers are written there (01632 960001 in Britain), else kept as it is.
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(region.upper())
        prefix = metadata.national_prefix if metadata is not None else None
        digits = "".join(ch for ch in text if ch.isdigit())
        if not prefix or not digits.startswith(prefix):
            return text
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if not _same_digits(text, e164, number, region):
        return text
    if number.extension:
        e164 += f" ext. {number.extension}"
    return e164


def _same_digits(text: str, e164: str, number: object, region: str) -> bool:
    """The E.164 form holds every digit that was written (bar a trunk prefix or an 00)."""
    import phonenumbers

    assert isinstance(number, phonenumbers.PhoneNumber)
    written = "".join(ch for ch in text if ch.isdigit())
    extension = number.extension or ""
    if extension and written.endswith(extension):
        written = written[: -len(extension)]
    full = e164.lstrip("+")
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region.upper())
    source = number.country_code_source
    if source == phonenumbers.CountryCodeSource.FROM_NUMBER_WITH_IDD:
        international = (metadata.international_prefix if metadata is not None else None) or ""
        idd = written[: len(written) - len(full)]
        return written.endswith(full) and bool(re.fullmatch(international, idd))
    if source != phonenumbers.CountryCodeSource.FROM_DEFAULT_COUNTRY:
        return written == full
    national = full[len(str(number.country_code)) :]
    prefix = (metadata.national_prefix if metadata is not None else None) or ""
    return written in (national, prefix + national)


# --- text that is safe to show ----------------------------------------------------------------

# Characters that reorder text on screen: a shown name or number could look like another.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_BIDI_MARKS = frozenset("\u200e\u200f\u061c")
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_line(text: str, number: bool = False) -> str:
    """One line of text with control and direction-changing characters taken out.

    Names keep joiners (needed in Persian and in emoji); numbers keep no invisible
    character at all.
    """
    if text.isascii() and text.isprintable():
        return " ".join(text.split())
    kept = []
    for char in text:
        if char in "\t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029":
            kept.append(" ")
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Cs", "Co", "Cn") and char not in "\u00a0":
            continue
        if char in _BIDI_CONTROLS or char in _BIDI_MARKS:
            continue
        if number and category == "Cf":
            continue
        kept.append(char)
    return " ".join("".join(kept).split())


def clean_text(text: str) -> str:
    """Notes: line breaks and tabs kept, other control and direction-changing characters out."""
    if text.isascii() and not _ASCII_CONTROL.search(text):
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept = []
    for char in text:
        if char in "\n\t":
            kept.append(char)
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Cs", "Co", "Cn") or char in _BIDI_CONTROLS or char in _BIDI_MARKS:
            continue
        kept.append(char)
    return "".join(kept)


def finished_person(
    person: ParsedPerson, lines: dict[str, int] | None = None
) -> ParsedPerson | ImportProblem:
    """The person with unsafe characters taken out and every field checked against the limits.

    ``lines`` names the line each field came from (``name``, ``notes``…), so a
    problem points at it; otherwise the person's first line.
    """
    lines = lines or {}

    def where(key: str) -> int:
        return lines.get(key, person.line)

    name = clean_line(person.name)
    if not name:
        return ImportProblem(person.line, _("this person has no name."))
    if len(name) > MAX_NAME_CHARS:
        return ImportProblem(
            where("name"),
            _(
                "the name here is {count} characters long; Companion takes names of up to "
                "{limit} characters. Shorten it in the file and try again."
            ).format(count=format_number(len(name)), limit=format_number(MAX_NAME_CHARS)),
        )
    phones = []
    for number, label in person.phones:
        number = clean_line(number, number=True)
        if not number:
            continue
        if len(number) > MAX_PHONE_CHARS:
            return ImportProblem(
                where("phones"),
                _(
                    "a phone number here is {count} characters long, which cannot be a phone "
                    "number. Correct it in the file and try again."
                ).format(count=format_number(len(number))),
            )
        phones.append((number, clean_line(label)[:MAX_NAME_CHARS]))
    phones = unique_phones(phones)
    if len(phones) > MAX_PHONES:
        return ImportProblem(
            where("phones"),
            _(
                "this person has {count} phone numbers; Companion takes up to {limit} for one "
                "person. Remove some in the file and try again."
            ).format(count=format_number(len(phones)), limit=format_number(MAX_PHONES)),
        )
    email = clean_line(person.email)
    address = clean_line(person.address)
    for key, value in (("email", email), ("address", address)):
        if len(value) > MAX_FIELD_CHARS:
            return ImportProblem(
                where(key),
                _(
                    "a detail here is {count} characters long; Companion takes up to {limit} "
                    "characters for an address or an email. Shorten it in the file and try "
                    "again."
                ).format(count=format_number(len(value)), limit=format_number(MAX_FIELD_CHARS)),
            )
    notes = clean_text(person.notes).strip()
    if len(notes) > MAX_NOTES_CHARS:
        return ImportProblem(
            where("notes"),
            _(
                "the notes here come to {count} characters; Companion takes up to {limit} "
                "characters of notes for one person. Shorten them in the file and try again."
            ).format(count=format_number(len(notes)), limit=format_number(MAX_NOTES_CHARS)),
        )
    return ParsedPerson(
        name=name,
        phones=phones,
        email=email,
        address=address,
        birthday=person.birthday,
        notes=notes,
        circle=person.circle,
        line=person.line,
        not_kept=list(person.not_kept),
    )


def note_too_long_problem(line: int, length: int) -> ImportProblem:
    return ImportProblem(
        line,
        _(
            "the note here is {count} characters long; Companion takes notes of up to {limit} "
            "characters. Shorten it in the file and try again."
        ).format(count=format_number(length), limit=format_number(MAX_NOTE_CHARS)),
    )


def field_too_long_problem(line: int, length: int) -> ImportProblem:
    return ImportProblem(
        line,
        _(
            "the detail on this line is {count} characters long; Companion takes up to {limit} "
            "characters for one detail. Shorten it in the file and try again."
        ).format(count=format_number(length), limit=format_number(MAX_FIELD_CHARS)),
    )


def too_many_people_problem(line: int) -> ImportProblem:
    return ImportProblem(
        line,
        _(
            "this file lists more than {limit} people, more than Companion takes from one "
            "file. The person here is number {next}. Split the file into smaller ones and "
            "import them one by one."
        ).format(limit=format_number(MAX_PEOPLE), next=format_number(MAX_PEOPLE + 1)),
    )
