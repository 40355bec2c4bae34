"""The step between reading a contact file and writing it: the preview, then one commit.

The preview says who will be added and who looks like someone already here
(the same name, or the same phone number) or like someone earlier in the same
file, before anything is written. The person chooses; ``commit`` then writes
everyone chosen in one transaction, or, if the file had any problem, nothing.

The duplicate check reads the people already stored once, into two
dictionaries (names, and the last nine digits of each number), so 5,000
imported against 10,000 stored is a few hundred thousand dictionary look-ups,
not fifty million comparisons.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Generic, TypeVar

from companion import contacts
from companion.contacts import Person, Phone
from companion.errors import CompanionError
from companion.i18n import _, ngettext
from companion.interchange import (
    ImportFileError,
    ImportProblem,
    ParsedPerson,
    ReadResult,
    finished_person,
    imported_phone,
    phone_identity,
    read_import_file,
)
from companion.store import Store

VCARD_SUFFIXES = (".vcf", ".vcard")
CSV_SUFFIXES = (".csv",)

T = TypeVar("T")


def name_key(name: str) -> str:
    """Names compare the way the store sorts them: spaces tidied, case folded."""
    return " ".join(name.split()).casefold()


@dataclass
class PreviewEntry:
    person: ParsedPerson  # phone numbers already in the form they will be stored
    existing: list[Person] = field(default_factory=list)  # stored people it looks like
    earlier: list[ParsedPerson] = field(default_factory=list)  # earlier in the same file

    @property
    def is_duplicate(self) -> bool:
        return bool(self.existing or self.earlier)

    @property
    def matches(self) -> list[str]:
        """The names of everyone this one looks like, stored people first."""
        names = [p.name for p in self.existing] + [p.name for p in self.earlier]
        return list(dict.fromkeys(names))


@dataclass
class ImportPreview:
    entries: list[PreviewEntry] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    region: str = ""

    @property
    def to_add(self) -> list[ParsedPerson]:
        """Everyone new: what is added unless the person asks for duplicates too."""
        return [e.person for e in self.entries if not e.is_duplicate]

    @property
    def duplicates(self) -> list[PreviewEntry]:
        return [e for e in self.entries if e.is_duplicate]

    @property
    def not_kept(self) -> list[tuple[str, list[str]]]:
        """Per person, what the file held that Companion could not keep ("a photo")."""
        return [(e.person.name, e.person.not_kept) for e in self.entries if e.person.not_kept]

    @property
    def already_here(self) -> list[PreviewEntry]:
        return [e for e in self.entries if e.existing]

    @property
    def repeated_in_file(self) -> list[PreviewEntry]:
        return [e for e in self.entries if e.earlier and not e.existing]


NOT_KEPT_SHOWN = 10  # people listed by name in ``not_kept_words``; the rest are counted


def not_kept_words(preview: ImportPreview, shown: int = NOT_KEPT_SHOWN) -> str:
    """What the file held that Companion cannot keep: a short plain list, one person a line.

    The import window and ``companion import contacts`` both say it with these words;
    "" when everything in the file can be kept.
    """
    lost = preview.not_kept
    if not lost:
        return ""
    lines = [_("Some things in the file cannot be kept in Companion:")]
    for name, items in lost[:shown]:
        lines.append(_("{name}: {things}").format(name=name, things=", ".join(items)))
    if len(lost) > shown:
        more = len(lost) - shown
        lines.append(
            ngettext("…and {count} more person.", "…and {count} more people.", more).format(
                count=more
            )
        )
    lines.append(_("Everything else is kept; details with no place of their own go in the notes."))
    return "\n".join(lines)


class _Index(Generic[T]):
    """Names and phone-number tails, each pointing at the people who have them."""

    def __init__(self) -> None:
        self.names: dict[str, list[T]] = {}
        self.phones: dict[str, list[T]] = {}

    def add(self, who: T, name: str, numbers: list[str]) -> None:
        self.names.setdefault(name_key(name), []).append(who)
        for number in numbers:
            for key in contacts.phone_keys(number):
                bucket = self.phones.setdefault(key, [])
                if not bucket or bucket[-1] is not who:
                    bucket.append(who)

    def find(self, name: str, numbers: list[str]) -> list[T]:
        found = {id(w): w for w in self.names.get(name_key(name), [])}
        for number in numbers:
            for key in contacts.phone_lookup_keys(number):
                for who in self.phones.get(key, []):
                    found.setdefault(id(who), who)
        return list(found.values())


def build_preview(store: Store, read: ReadResult, region: str) -> ImportPreview:
    """Who would be added and who looks like a duplicate; nothing is written."""
    stored: _Index[Person] = _Index()
    for existing in contacts.people(store):
        stored.add(existing, existing.name, [p.number for p in existing.phones])
    in_file: _Index[ParsedPerson] = _Index()
    preview = ImportPreview(problems=list(read.problems), notes=list(read.notes), region=region)
    for parsed in read.people:
        checked = finished_person(parsed)  # a reader's people, or a mapping chosen by hand
        if isinstance(checked, ImportProblem):
            preview.problems.append(checked)
            continue
        person = _normalised(checked, region)
        if person.birthday:
            try:
                contacts.parse_birthday(person.birthday)
            except CompanionError as error:
                preview.problems.append(ImportProblem(person.line, error.message))
                continue
        numbers = [number for number, _label in person.phones]
        entry = PreviewEntry(
            person,
            existing=stored.find(person.name, numbers),
            earlier=in_file.find(person.name, numbers),
        )
        preview.entries.append(entry)
        in_file.add(person, person.name, numbers)
    preview.problems.sort(key=lambda p: p.line)
    return preview


def _normalised(parsed: ParsedPerson, region: str) -> ParsedPerson:
    """Phone numbers as they will be stored (+44…, or as written when the country is not sure),
    each number once: only the same digits are the same number."""
    phones: list[tuple[str, str]] = []
    seen: set[str] = set()
    for number, label in parsed.phones:
        stored = imported_phone(number, region)
        key = phone_identity(stored)
        if stored and key not in seen:
            seen.add(key)
            phones.append((stored, label))
    return replace(parsed, phones=phones)


def _as_person(parsed: ParsedPerson) -> Person:
    return Person(
        id=0,
        name=parsed.name,
        circle=parsed.circle if parsed.circle in contacts.CIRCLES else "friend",
        phones=tuple(Phone(number, label) for number, label in parsed.phones),
        email=parsed.email,
        address=parsed.address,
        birthday=parsed.birthday,
        notes=parsed.notes,
    )


class ImportStopped(CompanionError):
    """The person pressed Cancel: the whole import was taken back."""


def commit(
    store: Store,
    now: datetime,
    preview: ImportPreview,
    include_duplicates: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the chosen people in one transaction; how many were added.

    Nothing is written if the file had any problem. ``progress(done, total)`` is
    called as people are written (the window shows only a few of these a second,
    see ``ui.actions.import_people``); when ``cancelled()`` says so, or
    ``progress`` raises, the whole import is taken back (``ImportStopped`` for
    a Cancel).
    """
    if preview.problems:
        raise ImportFileError(preview.problems)
    chosen = [e.person for e in preview.entries if include_duplicates or not e.is_duplicate]
    current: list[ParsedPerson] = []

    def stop_if_asked() -> None:
        if cancelled is not None and cancelled():
            raise ImportStopped(_("Stopped. Nothing was imported."))

    def people() -> Iterator[Person]:
        for done, parsed in enumerate(chosen):
            stop_if_asked()
            if progress is not None:
                progress(done, len(chosen))
            current[:] = [parsed]
            yield _as_person(parsed)
        stop_if_asked()
        if progress is not None:
            progress(len(chosen), len(chosen))

    try:
        return contacts.add_people(store, now, people())
    except CompanionError as error:
        if type(error) is CompanionError and current:  # a person's details, not the disk
            raise ImportFileError([ImportProblem(current[0].line, error.message)]) from None
        raise


# --- the whole thing, for the command line ----------------------------------------------------


def read_contacts_file(path: Path, region: str | None = None) -> ReadResult:
    """Read a .vcf or .csv file (by its name) into people and problems; nothing is written."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in VCARD_SUFFIXES + CSV_SUFFIXES:
        raise CompanionError(
            _(
                "Companion can import contacts from vCard files (.vcf) and tables (.csv). "
                "{file} is neither."
            ).format(file=path.name)
        )
    data = read_import_file(path)
    if suffix in VCARD_SUFFIXES:
        from companion.interchange.vcard import parse_vcards

        return parse_vcards(data)
    from companion.interchange.contacts_csv import read_contacts_csv

    return read_contacts_csv(data, region)
