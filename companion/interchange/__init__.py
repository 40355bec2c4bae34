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
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from companion.errors import CompanionError
from companion.i18n import N_, _, ngettext

MAX_IMPORT_BYTES = 50 * 1024 * 1024

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


@dataclass
class ReadResult:
    """What a reader found: the people, every problem, and notes worth telling the person."""

    people: list[ParsedPerson] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# --- bytes to text ------------------------------------------------------------------------

_BYTE_LINES = re.compile(rb"\r\n|\r|\n")
LINE_BREAKS = re.compile(r"\r\n|\r|\n")
_CONTROL = re.compile(rb"[\x01-\x08\x0b\x0e-\x19\x1b-\x1f\x7f]")


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
    return "\n".join(lines), notes


def _finish(text: str) -> str:
    return text.lstrip("\ufeff").rstrip("\x1a")


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
    """The bytes of a file to import, refused in plain words if missing, unreadable or huge."""
    path = Path(path)
    try:
        if path.is_dir():
            raise CompanionError(
                _("{file} is a folder. Please choose a file.").format(file=path.name)
            )
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise CompanionError(too_big_problem().for_file(path.name))
        with open(path, "rb") as handle:
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
]


def unique_phones(phones: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The same number listed twice (phones often do) is kept once, with its first label."""
    seen: set[str] = set()
    unique = []
    for number, label in phones:
        key = "".join(ch for ch in number if ch.isdigit())[-9:] or number
        if key not in seen:
            seen.add(key)
            unique.append((number, label))
    return unique
