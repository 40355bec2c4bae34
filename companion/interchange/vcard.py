"""vCard files: reading 2.1, 3.0 and 4.0 as phones and mail programs write them; writing 4.0.

Reading is our own tolerant line reader rather than vobject's: real files mix
the versions' rules (vCard 2.1 quoted-printable with ``=`` soft line breaks,
base64 photos whose lines are not folded, bare ``TYPE`` words, ``CHARSET``),
and every problem must name the line of the original file where it is. The
reader only decodes the properties Companion keeps and skips the rest
(photos, ``X-`` lines) without looking inside them, so 20,000 cards take about
a second.

Writing follows RFC 6350 (vCard 4.0): CRLF line ends, lines folded at 75
octets, text escaped. The tests read the output back with vobject too.
"""

from __future__ import annotations

import binascii
import codecs
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from companion import __version__
from companion.contacts import CIRCLES, Person
from companion.i18n import _, ngettext
from companion.interchange import (
    LINE_BREAKS,
    ImportFileError,
    ImportProblem,
    ParsedPerson,
    ReadResult,
    decode_text,
    guess_circle,
    join_notes,
    parse_date_text,
    phone_label,
    unique_phones,
    write_file_atomically,
)

# Properties whose values are read; everything else is skipped unread.
_WANTED = frozenset(
    {
        "FN",
        "N",
        "TEL",
        "EMAIL",
        "ADR",
        "BDAY",
        "NOTE",
        "CATEGORIES",
        "ORG",
        "NICKNAME",
        "X-ABLABEL",
        "KIND",
        "X-ADDRESSBOOKSERVER-KIND",
    }
)
_UNESCAPE = re.compile(r"\\(.)", re.DOTALL)
_UNESCAPED_SEMICOLON = re.compile(r"(?<!\\);")
_UNESCAPED_COMMA = re.compile(r"(?<!\\),")
_BASE64_LINE = re.compile(r"^[ \t]*[A-Za-z0-9+/=]+[ \t]*$")
_CJK = re.compile(
    r"[\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
)
# Stable identifiers for exported people: the same person keeps the same UID across exports.
_UID_NAMESPACE = uuid.UUID("6f1c3d0e-5b8a-4f7e-9a35-2c0d8b7e4a11")


@dataclass
class _Property:
    line: int
    group: str
    name: str
    params: dict[str, list[str]]
    value: str


@dataclass
class _Card:
    line: int
    props: list[_Property] = field(default_factory=list)


# --- reading ---------------------------------------------------------------------------


def read_vcards(data: bytes) -> list[ParsedPerson]:
    """Everyone in a vCard file, or ``ImportFileError`` listing each line that is wrong."""
    result = parse_vcards(data)
    if result.problems:
        raise ImportFileError(result.problems)
    return result.people


def parse_vcards(data: bytes) -> ReadResult:
    """Read the whole file; people and problems both come back, nothing is ever written."""
    try:
        text, notes = decode_text(data)
    except ImportFileError as error:
        return ReadResult(problems=error.problems)
    result = ReadResult(notes=notes)
    legacy = bool(notes)  # some lines were read as Windows-1252
    cards, problems = _cards(_logical_lines(LINE_BREAKS.split(text)))
    result.problems.extend(problems)
    groups = 0
    for card in cards:
        if _is_group(card):
            groups += 1
            continue
        person = _person(card, legacy)
        if isinstance(person, ImportProblem):
            result.problems.append(person)
        else:
            result.people.append(person)
    result.problems.sort(key=lambda p: p.line)
    if groups:
        result.notes.append(
            ngettext(
                "{count} card was a group list, not a person, so it was left out.",
                "{count} cards were group lists, not people, so they were left out.",
                groups,
            ).format(count=groups)
        )
    return result


def _is_group(card: _Card) -> bool:
    """A contact group (Apple, Thunderbird) is a list of members, not someone to keep in touch with."""
    return any(
        p.name in ("KIND", "X-ADDRESSBOOKSERVER-KIND") and p.value.strip().lower() == "group"
        for p in card.props
    )


def _logical_lines(lines: list[str]) -> list[tuple[int, str]]:
    """Join folded lines, quoted-printable soft breaks and unfolded base64 blocks.

    Each logical line keeps the number of its first physical line.
    """
    logical: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    kind = ""  # "qp" or "b64" when the current line's encoding changes what may follow
    for number, line in enumerate(lines, 1):
        if current:
            if kind == "qp" and current[-1].endswith("="):
                # A quoted-printable soft line break: the value goes on, spaces and all.
                current[-1] = current[-1][:-1]
                if line.strip().upper() != "END:VCARD":  # else a dangling "=" before the end
                    current.append(line)
                    continue
            elif line[:1] in (" ", "\t"):
                current.append(line[1:])
                continue
            elif kind == "b64" and line and ":" not in line and _BASE64_LINE.match(line):
                continue  # a vCard 2.1 photo, its lines not folded; photos are not kept
            logical.append((start, "".join(current)))
            current = []
        if not line.strip():
            continue
        current = [line]
        start = number
        head = line.split(":", 1)[0].upper()
        if "QUOTED-PRINTABLE" in head:
            kind = "qp"
        elif "BASE64" in head or "ENCODING=B" in head:
            kind = "b64"
        else:
            kind = ""
    if current:
        logical.append((start, "".join(current)))
    return logical


def _cards(logical: list[tuple[int, str]]) -> tuple[list[_Card], list[ImportProblem]]:
    cards: list[_Card] = []
    problems: list[ImportProblem] = []
    card: _Card | None = None
    seen_begin = False
    for number, text in logical:
        colon = _value_start(text)
        upper = text.upper()
        if upper.startswith("BEGIN:") and text[6:].strip().upper() == "VCARD":
            seen_begin = True
            if card is not None:
                problems.append(_unfinished(card))
            card = _Card(number)
            continue
        if upper.startswith("END:") and text[4:].strip().upper() == "VCARD":
            if card is None:
                problems.append(ImportProblem(number, _("this line ends a card that never began.")))
            else:
                cards.append(card)
                card = None
            continue
        if card is None:
            if not seen_begin and not cards and not problems:
                problems.append(
                    ImportProblem(
                        number,
                        _("this does not look like a contact card (vCard) file."),
                    )
                )
                return [], problems
            problems.append(ImportProblem(number, _("this line is outside any contact card.")))
            continue
        if colon < 0:
            problems.append(
                ImportProblem(number, _("this line cannot be read as part of a contact card."))
            )
            continue
        head = text[:colon]
        semicolon = head.find(";")
        full_name = head if semicolon < 0 else head[:semicolon]
        group, _dot, name = full_name.rpartition(".")
        name = name.strip().upper()
        if name not in _WANTED:
            continue
        params = _params(head[semicolon + 1 :]) if semicolon >= 0 else {}
        card.props.append(_Property(number, group.upper(), name, params, text[colon + 1 :]))
    if card is not None:
        problems.append(_unfinished(card))
    if not seen_begin and not problems:
        problems.append(ImportProblem(1, _("this file has no contact cards in it.")))
    return cards, problems


def _unfinished(card: _Card) -> ImportProblem:
    return ImportProblem(
        card.line, _("this card is not finished; the file may have been cut short.")
    )


def _value_start(text: str) -> int:
    """Where the value begins: the first colon that is not inside a quoted parameter."""
    colon = text.find(":")
    quote = text.find('"')
    if quote < 0 or colon < quote:
        return colon
    inside = False
    for index, char in enumerate(text):
        if char == '"':
            inside = not inside
        elif char == ":" and not inside:
            return index
    return -1


def _params(text: str) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for part in _split_outside_quotes(text, ";"):
        if not part:
            continue
        if part.upper().startswith("X-CUSTOM("):  # Android 2.1's own label for a number
            params["X-CUSTOM"] = [part[9:].rstrip(")")]
            continue
        key, equals, value = part.partition("=")
        if not equals:  # vCard 2.1's bare words: TEL;CELL;PREF, or QUOTED-PRINTABLE
            word = key.strip().upper()
            if word in ("QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B"):
                params.setdefault("ENCODING", []).append(word)
            else:
                params.setdefault("TYPE", []).append(word)
            continue
        values = [v.strip().strip('"') for v in _split_outside_quotes(value, ",")]
        params.setdefault(key.strip().upper(), []).extend(values)
    return params


def _split_outside_quotes(text: str, separator: str) -> list[str]:
    if '"' not in text:
        return text.split(separator)
    parts, current, inside = [], [], False
    for char in text:
        if char == '"':
            inside = not inside
            current.append(char)
        elif char == separator and not inside:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _decoded(prop: _Property, legacy: bool) -> str:
    """The raw value with quoted-printable and character sets undone (escapes left in)."""
    value = prop.value
    encoding = [e.upper() for e in prop.params.get("ENCODING", [])]
    charset = (prop.params.get("CHARSET") or ["UTF-8"])[0]
    if "QUOTED-PRINTABLE" in encoding:
        raw = binascii.a2b_qp(value.encode("utf-8"))
        return _bytes_to_text(raw, charset)
    if legacy and charset.upper().replace("_", "-") in ("UTF-8", "UTF8"):
        # A file read as Windows-1252 whose card says it is UTF-8: believe the card if it can be.
        try:
            return value.encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return value
    return value


def _bytes_to_text(raw: bytes, charset: str) -> str:
    try:
        codecs.lookup(charset)
    except LookupError:
        charset = "utf-8"
    try:
        return raw.decode(charset)
    except UnicodeDecodeError:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("cp1252", errors="replace")


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _UNESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def _parts(text: str) -> list[str]:
    """The components of a structured value (N, ADR, ORG), unescaped."""
    return [_unescape(p) for p in _UNESCAPED_SEMICOLON.split(text)]


def _types(prop: _Property) -> list[str]:
    return [t.strip().lower() for v in prop.params.get("TYPE", []) for t in v.split(",")]


def _is_preferred(prop: _Property) -> bool:
    return "pref" in _types(prop) or bool(prop.params.get("PREF"))


def _name_from_n(parts: list[str]) -> str:
    parts = [" ".join(p.replace(",", " ").split()) for p in parts] + [""] * 5
    family, given, additional, prefix, suffix = parts[:5]
    if _CJK.search(family + given):
        return family + given  # family name first, no space: 山田太郎
    return " ".join(p for p in (prefix, given, additional, family, suffix) if p)


def _phone_label_from(prop: _Property, labels: dict[str, str]) -> str:
    if prop.group and prop.group in labels:
        return phone_label(labels[prop.group])
    custom = prop.params.get("X-CUSTOM")
    if custom:  # X-CUSTOM(CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,=4D=75=6D)
        pieces = custom[0].split(",")
        label = pieces[-1]
        if any(p.upper() == "ENCODING=QUOTED-PRINTABLE" for p in pieces):
            charset = next(
                (p[8:] for p in pieces if p.upper().startswith("CHARSET=")),
                "UTF-8",
            )
            label = _bytes_to_text(binascii.a2b_qp(label.encode("utf-8")), charset)
        if label.strip():
            return phone_label(label)
    types = set(_types(prop))
    for key, words in (
        ("fax", ("fax",)),
        ("pager", ("pager",)),
        ("mobile", ("cell", "mobile", "iphone")),
        ("home", ("home",)),
        ("work", ("work",)),
        ("main", ("main",)),
        ("other", ("other",)),
    ):
        if types.intersection(words):
            return key
    return ""


def _phone_number(value: str) -> str:
    value = value.strip()
    if value[:4].lower() == "tel:":
        value = value[4:]
        number, _sep, rest = value.partition(";")
        extension = next(
            (p[4:] for p in rest.split(";") if p.lower().startswith("ext=")),
            "",
        )
        value = f"{number} ext. {extension}" if extension else number
    return value.strip()


def _address(parts: list[str]) -> str:
    # post office box; extended; street; locality; region; postal code; country
    pieces = []
    for part in parts[:7]:
        for piece in part.replace("\r", "\n").split("\n"):
            piece = " ".join(piece.split())
            if piece:
                pieces.append(piece)
    return ", ".join(pieces)


def _birthday(prop: _Property, text: str) -> str | None:
    omit = prop.params.get("X-APPLE-OMIT-YEAR")
    if omit and text.strip().startswith(omit[0].strip()):
        text = "--" + text.strip()[len(omit[0].strip()) :].lstrip("-")
    if any(v.lower() == "text" for v in prop.params.get("VALUE", [])):
        return None
    return parse_date_text(text)


def _person(card: _Card, legacy: bool) -> ParsedPerson | ImportProblem:
    labels = {p.group: _unescape(_decoded(p, legacy)) for p in card.props if p.name == "X-ABLABEL"}
    full_name = n_name = nickname = organisation = note = ""
    birthday: str | None = None
    unread_birthday = ""
    phones: list[tuple[str, str]] = []
    emails: list[tuple[bool, str]] = []
    addresses: list[tuple[bool, str]] = []
    categories: list[str] = []
    for prop in card.props:
        name = prop.name
        if name in ("X-ABLABEL", "KIND", "X-ADDRESSBOOKSERVER-KIND"):
            continue
        value = _decoded(prop, legacy)
        if name == "FN":
            full_name = full_name or " ".join(_unescape(value).split())
        elif name == "N":
            n_name = n_name or _name_from_n(_parts(value))
        elif name == "NICKNAME":
            nickname = nickname or " ".join(_unescape(value).split(","))
        elif name == "ORG":
            organisation = organisation or " ".join(_parts(value)[0].split())
        elif name == "TEL":
            number = _phone_number(_unescape(value))
            if number:
                phones.append((number, _phone_label_from(prop, labels)))
        elif name == "EMAIL":
            email = _unescape(value).strip()
            if email.lower().startswith("mailto:"):
                email = email[7:]
            if email:
                emails.append((_is_preferred(prop), email))
        elif name == "ADR":
            address = _address(_parts(value))
            if address:
                addresses.append((_is_preferred(prop), address))
        elif name == "BDAY":
            text = _unescape(value).strip()
            if text and birthday is None:
                birthday = _birthday(prop, text)
                if birthday is None:
                    unread_birthday = text
        elif name == "NOTE":
            note = join_notes(note, _unescape(value))
        elif name == "CATEGORIES":
            categories += [_unescape(c) for c in _UNESCAPED_COMMA.split(value)]
    emails.sort(key=lambda pair: not pair[0])  # the preferred one first; stable otherwise
    addresses.sort(key=lambda pair: not pair[0])
    name = (
        full_name
        or n_name
        or nickname.strip()
        or organisation
        or (emails[0][1] if emails else "")
        or (phones[0][0] if phones else "")
    )
    name = " ".join(name.split())
    if not name:
        return ImportProblem(card.line, _("this card has no name."))
    extras = [_("Other email: {email}").format(email=e) for _p, e in emails[1:]]
    extras += [_("Other address: {address}").format(address=a) for _p, a in addresses[1:]]
    if unread_birthday:
        extras.append(_("Birthday: {date}").format(date=unread_birthday))
    return ParsedPerson(
        name=name,
        phones=unique_phones(phones),
        email=emails[0][1] if emails else "",
        address=addresses[0][1] if addresses else "",
        birthday=birthday,
        notes=join_notes(note, *extras),
        circle=guess_circle(categories),
        line=card.line,
    )


# --- writing -----------------------------------------------------------------------------

_TEL_TYPES = {"mobile": "cell", "home": "home", "work": "work", "fax": "fax", "pager": "pager"}


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line so no physical line is longer than 75 octets (RFC 6350, 3.2)."""
    if len(line) <= 75 and line.isascii():
        return line
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, 74  # continuation lines start with a space
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def _split_name(name: str) -> tuple[str, str]:
    """(family, given) for the N property; FN keeps the name exactly as the person wrote it."""
    words = name.split()
    if len(words) < 2:
        return "", name
    return words[-1], " ".join(words[:-1])


def _uid(person: Person) -> str:
    if person.created is None:
        return f"urn:uuid:{uuid.uuid4()}"
    seed = f"{person.id}|{person.created.isoformat()}"
    return f"urn:uuid:{uuid.uuid5(_UID_NAMESPACE, seed)}"


def _bday(birthday: str) -> str:
    if birthday.startswith("--"):
        return "--" + birthday[2:].replace("-", "")
    return birthday.replace("-", "")


def write_vcards(people: Iterable[Person]) -> str:
    """A vCard 4.0 file of these people, CRLF line ends, ready to encode as UTF-8."""
    out: list[str] = []
    for person in people:
        family, given = _split_name(person.name)
        lines = [
            "BEGIN:VCARD",
            "VERSION:4.0",
            f"PRODID:-//Companion//Companion {__version__}//EN",
            f"UID:{_uid(person)}",
            f"FN:{_escape(person.name)}",
            f"N:{_escape(family)};{_escape(given)};;;",
        ]
        item = 0
        for phone in person.phones:
            if not phone.number.strip():
                continue
            tel_type = _TEL_TYPES.get(phone.label, "voice" if not phone.label else "")
            if tel_type:
                lines.append(f"TEL;TYPE={tel_type}:{_escape(phone.number)}")
            else:  # a label of the person's own: the way Apple and Google keep them
                item += 1
                lines.append(f"item{item}.TEL:{_escape(phone.number)}")
                lines.append(f"item{item}.X-ABLabel:{_escape(phone.label)}")
        if person.email.strip():
            lines.append(f"EMAIL:{_escape(person.email.strip())}")
        if person.address.strip():
            lines.append(f"ADR:;;{_escape(person.address.strip())};;;;")
        if person.birthday:
            lines.append(f"BDAY:{_bday(person.birthday)}")
        if person.notes.strip():
            lines.append(f"NOTE:{_escape(person.notes.strip())}")
        lines.append(f"CATEGORIES:{_escape(CIRCLES.get(person.circle, CIRCLES['other']))}")
        lines.append("END:VCARD")
        out.extend(fold(line) for line in lines)
    return "".join(line + "\r\n" for line in out)


def save_vcards(path: Path, people: Iterable[Person]) -> int:
    """Write the people to ``path`` (replacing it whole, or leaving it as it was); how many."""
    people = list(people)
    write_file_atomically(Path(path), write_vcards(people).encode("utf-8"))
    return len(people)
