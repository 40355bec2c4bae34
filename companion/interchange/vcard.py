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
from companion.i18n import N_, _, ngettext
from companion.interchange import (
    MAX_FIELD_CHARS,
    MAX_NOTE_CHARS,
    MAX_PEOPLE,
    ImportFileError,
    ImportProblem,
    ParsedPerson,
    ReadResult,
    decode_text,
    field_too_long_problem,
    finished_person,
    guess_circle,
    join_notes,
    note_too_long_problem,
    other_groups,
    parse_date_text,
    phone_label,
    split_lines,
    too_many_people_problem,
    write_file_atomically,
)

# Properties that say nothing about the person (the file's own bookkeeping): left out unread.
_TECHNICAL = frozenset(
    {
        "VERSION",
        "PRODID",
        "REV",
        "UID",
        "CLIENTPIDMAP",
        "SORT-STRING",
        "NAME",
        "PROFILE",
        "SOURCE",
        "MAILER",
        "MEMBER",
        "X-ABUID",
        "X-ABSHOWAS",
        "X-ABADR",
        "X-ADDRESSBOOKSERVER-MEMBER",
        "X-MS-OL-DESIGN",
        "X-MS-OL-DEFAULT-POSTAL-ADDRESS",
        "X-MS-CARDPICTURE",
        "X-MOZILLA-HTML",
        "X-MOZILLA-PROPERTY",
        "X-EVOLUTION-FILE-AS",
        "X-IMAGETYPE",
        "X-IMAGEHASH",
        "X-SHARED-PHOTO-DISPLAY-PREF",
        "X-ABCROP-RECTANGLE",
        "X-PRODID",
        "X-WAB-GENDER",
    }
)
# Pictures, sounds and keys: data Companion has no place for; the preview says so.
_NOT_KEPT = {
    "PHOTO": N_("a photo"),
    "LOGO": N_("a logo"),
    "SOUND": N_("a sound recording"),
    "KEY": N_("an encryption key"),
}
# Details Companion has no field for, kept in the notes under these words.
_KEPT_IN_NOTES = {
    "NICKNAME": N_("Nickname"),
    "ORG": N_("Organisation"),
    "TITLE": N_("Job title"),
    "ROLE": N_("Role"),
    "URL": N_("Website"),
    "IMPP": N_("Instant messaging"),
    "X-SOCIALPROFILE": N_("Social profile"),
    "RELATED": N_("Related"),
    "X-ABRELATEDNAMES": N_("Related"),
    "ANNIVERSARY": N_("Anniversary"),
    "X-ANNIVERSARY": N_("Anniversary"),
    "X-ABDATE": N_("Date"),
    "TZ": N_("Time zone"),
    "GEO": N_("Location"),
    "GENDER": N_("Gender"),
    "X-GENDER": N_("Gender"),
    "LANG": N_("Language"),
    "X-SPOUSE": N_("Spouse"),
    "X-MANAGER": N_("Manager"),
    "X-ASSISTANT": N_("Assistant"),
    "X-MAIDENNAME": N_("Maiden name"),
    "X-PHONETIC-FIRST-NAME": N_("First name as it sounds"),
    "X-PHONETIC-LAST-NAME": N_("Last name as it sounds"),
    "X-AIM": N_("Instant messaging"),
    "X-JABBER": N_("Instant messaging"),
    "X-SKYPE": N_("Instant messaging"),
    "X-SKYPE-USERNAME": N_("Instant messaging"),
    "X-ICQ": N_("Instant messaging"),
    "X-MSN": N_("Instant messaging"),
    "X-YAHOO": N_("Instant messaging"),
    "X-GOOGLE-TALK": N_("Instant messaging"),
    "X-GTALK": N_("Instant messaging"),
    "X-QQ": N_("Instant messaging"),
    "X-GADUGADU": N_("Instant messaging"),
    "X-TWITTER": N_("Social profile"),
    "X-NICKNAME": N_("Nickname"),
    "X-RELATION": N_("Related"),
    "X-CONTACT_EVENT": N_("Date"),
    "X-WEBSITE": N_("Website"),
    "FBURL": N_("Free or busy calendar"),
    "CALURI": N_("Calendar"),
    "CALADRURI": N_("Calendar invitations"),
}
# The service an X-AIM, X-SKYPE… line names, shown beside the address.
_SERVICES = {
    "X-AIM": "AIM",
    "X-JABBER": "Jabber",
    "X-SKYPE": "Skype",
    "X-SKYPE-USERNAME": "Skype",
    "X-ICQ": "ICQ",
    "X-MSN": "MSN",
    "X-YAHOO": "Yahoo",
    "X-GOOGLE-TALK": "Google Talk",
    "X-GTALK": "Google Talk",
    "X-QQ": "QQ",
    "X-GADUGADU": "Gadu-Gadu",
    "X-TWITTER": "Twitter",
}
# Type words that say nothing worth keeping beside a detail.
_PLAIN_TYPES = frozenset({"internet", "pref", "x400", "voice", "text", "uri", "x-", ""})
_MANY_CARDS = re.compile(rb"(?im)^[ \t]*begin[ \t]*:[ \t]*vcard")
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
    crowded = _too_many_cards(data)
    if crowded is not None:
        return ReadResult(problems=[crowded])
    try:
        text, notes = decode_text(data)
    except ImportFileError as error:
        return ReadResult(problems=error.problems)
    result = ReadResult(notes=notes)
    legacy = bool(notes)  # some lines were read as Windows-1252
    cards, problems = _cards(_logical_lines(split_lines(text)))
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


def _too_many_cards(data: bytes) -> ImportProblem | None:
    """More cards than Companion takes, found by counting before anything is decoded."""
    found = 0
    for match in _MANY_CARDS.finditer(data):
        found += 1
        if found > MAX_PEOPLE:
            line = data.count(b"\n", 0, match.start()) + 1
            if b"\n" not in data[: match.start()]:
                line = data.count(b"\r", 0, match.start()) + 1
            return too_many_people_problem(line)
    return None


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
        if name in _TECHNICAL or name in ("BEGIN", "END"):
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
    """Bytes in the character set a card declares; an odd or unknown one is read as UTF-8.

    Only real text encodings are used: a card declaring "zlib", "base64", "rot13",
    "hex" or "undefined" is read as UTF-8 (or Windows-1252) instead of failing.
    """
    try:
        info = codecs.lookup(charset.strip().strip('"'))
        usable = getattr(info, "_is_text_encoding", True) and info.name != "undefined"
    except (LookupError, ValueError, TypeError):
        usable = False
    if usable:
        try:
            return raw.decode(info.name)
        except (UnicodeError, LookupError, ValueError, TypeError):
            pass
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


def _is_binary(prop: _Property) -> bool:
    encoding = {e.upper() for e in prop.params.get("ENCODING", [])}
    return bool(encoding & {"B", "BASE64"}) or prop.value.lstrip()[:5].lower() == "data:"


def _detail_label(prop: _Property, labels: dict[str, str]) -> str:
    """The words a file gives a detail ("work", "Mother"), or "" when it gives none worth keeping."""
    if prop.group and prop.group in labels:
        return phone_label(labels[prop.group])
    words = [t for t in _types(prop) if t not in _PLAIN_TYPES]
    return ", ".join(dict.fromkeys(words))


def _other_property_label(name: str) -> str:
    """An unknown property's name in words: X-CHILD-NAME is "Child name"."""
    words = name[2:] if name.startswith("X-") else name
    words = " ".join(words.replace("-", " ").replace("_", " ").split()).lower()
    return words[:1].upper() + words[1:]


def _labelled(title: str, label: str, value: str) -> str:
    if label:
        return _("{detail} ({label}): {value}").format(detail=title, label=label, value=value)
    return _("{detail}: {value}").format(detail=title, value=value)


def _person(card: _Card, legacy: bool) -> ParsedPerson | ImportProblem:
    labels = {p.group: _unescape(_decoded(p, legacy)) for p in card.props if p.name == "X-ABLABEL"}
    full_name = n_name = nickname = organisation = note = ""
    lines: dict[str, int] = {}
    birthday: str | None = None
    unread_birthday = ""
    phones: list[tuple[str, str]] = []
    emails: list[tuple[bool, str, str]] = []  # preferred, address, label
    addresses: list[tuple[bool, str, str]] = []
    address_labels: list[str] = []
    categories: list[str] = []
    details: list[str] = []  # kept in the notes, each under its own words
    not_kept: list[str] = []
    for prop in card.props:
        name = prop.name
        if name in ("X-ABLABEL", "KIND", "X-ADDRESSBOOKSERVER-KIND"):
            continue
        if name in _NOT_KEPT or (_is_binary(prop) and name not in ("NOTE",)):
            if prop.value.strip():
                not_kept.append(_(_NOT_KEPT.get(name, N_("some attached data"))))
            continue
        value = _decoded(prop, legacy)
        if name in ("NOTE",):
            if len(value) > MAX_NOTE_CHARS:
                return note_too_long_problem(prop.line, len(value))
        elif len(value) > MAX_FIELD_CHARS and name not in ("FN", "N"):
            return field_too_long_problem(prop.line, len(value))
        if name == "FN":
            text = " ".join(_unescape(value).split())
            if full_name and text and text != full_name:
                details.append(_labelled(_("Also called"), "", text))
            elif text:
                full_name = text
                lines["name"] = prop.line
        elif name == "N":
            if not n_name:
                n_name = _name_from_n(_parts(value))
                lines.setdefault("n", prop.line)
        elif name == "NICKNAME":
            text = ", ".join(
                n
                for n in (" ".join(_unescape(v).split()) for v in _UNESCAPED_COMMA.split(value))
                if n
            )
            if text:
                nickname = nickname or text
                details.append(_labelled(_(_AS_NAME[0]), "", text))
        elif name == "ORG":
            parts = [" ".join(p.split()) for p in _parts(value)]
            text = ", ".join(p for p in parts if p)
            if text:
                organisation = organisation or (parts[0] or text)
                details.append(_labelled(_(_AS_NAME[1]), "", text))
        elif name == "TEL":
            number = _phone_number(_unescape(value))
            if number:
                phones.append((number, _phone_label_from(prop, labels)))
                lines.setdefault("phones", prop.line)
        elif name == "EMAIL":
            email = _unescape(value).strip()
            if email.lower().startswith("mailto:"):
                email = email[7:]
            if email:
                emails.append((_is_preferred(prop), email, _detail_label(prop, labels)))
                lines.setdefault("email", prop.line)
        elif name == "ADR":
            address = _address(_parts(value))
            if address:
                addresses.append((_is_preferred(prop), address, _detail_label(prop, labels)))
                lines.setdefault("address", prop.line)
        elif name == "LABEL":  # an address written out for an envelope, beside its ADR
            text = _address([_unescape(value)])
            if text:
                address_labels.append(text)
        elif name == "BDAY":
            text = _unescape(value).strip()
            if text and birthday is None and not unread_birthday:
                birthday = _birthday(prop, text)
                if birthday is None:
                    unread_birthday = text
            elif text:
                details.append(_labelled(_("Birthday"), "", text))
        elif name == "NOTE":
            note = join_notes(note, _unescape(value))
            lines.setdefault("notes", prop.line)
        elif name == "CATEGORIES":
            categories += [
                " ".join(_unescape(c).split()) for c in _UNESCAPED_COMMA.split(value) if c.strip()
            ]
        else:
            text = _unescape(value).strip()
            if not text:
                continue
            if name in ("ANNIVERSARY", "X-ANNIVERSARY", "X-ABDATE"):
                when = parse_date_text(text)
                if when is not None and not when.startswith("--"):
                    text = when
            label = _detail_label(prop, labels)
            if name == "X-ANDROID-CUSTOM":  # vnd.android.cursor.item/nickname;Jürgi;1;;;
                kind, *values = _parts(value)
                name = "X-" + kind.rpartition("/")[2].upper()
                text = next((v.strip() for v in values if v.strip()), "")
                if not text:
                    continue
            if name in _SERVICES:
                label = ", ".join(x for x in (_SERVICES[name], label) if x)
            if name in _KEPT_IN_NOTES:
                title = _(_KEPT_IN_NOTES[name])
            else:
                title = _other_property_label(name)
            details.append(_labelled(title, label, text))
    emails.sort(key=lambda item: not item[0])  # the preferred one first; stable otherwise
    addresses.sort(key=lambda item: not item[0])
    name = (
        full_name
        or n_name
        or nickname
        or organisation
        or (emails[0][1] if emails else "")
        or (phones[0][0] if phones else "")
    )
    name = " ".join(name.split())
    if not full_name:
        lines["name"] = lines.get("n", card.line)
    if not name:
        return ImportProblem(card.line, _("this card has no name."))
    extras: list[str] = []
    if n_name and full_name and not _said_in(n_name, full_name):
        extras.append(_labelled(_("Full name"), "", n_name))
    extras += [d for d in details if d not in [_labelled(_(t), "", name) for t in _AS_NAME]]
    if emails and emails[0][2]:
        extras.append(_labelled(_("Email"), emails[0][2], emails[0][1]))
    extras += [_labelled(_("Other email"), label, e) for _p, e, label in emails[1:]]
    if addresses and addresses[0][2] and addresses[0][2] not in ("home",):
        extras.append(_labelled(_("Address"), addresses[0][2], addresses[0][1]))
    extras += [_labelled(_("Other address"), label, a) for _p, a, label in addresses[1:]]
    known = " ".join(a for _p, a, _l in addresses)
    for text in address_labels:
        if not _said_in(text, known):
            extras.append(_labelled(_("Other address"), "", text))
    if unread_birthday:
        extras.append(_("Birthday: {date}").format(date=unread_birthday))
    circle = guess_circle(categories)
    groups = other_groups(categories, circle)
    if groups:
        extras.append(_labelled(_("Groups"), "", ", ".join(groups)))
    return finished_person(
        ParsedPerson(
            name=name,
            phones=phones,
            email=emails[0][1] if emails else "",
            address=addresses[0][1] if addresses else "",
            birthday=birthday,
            notes=join_notes(note, *extras),
            circle=circle,
            line=card.line,
            not_kept=list(dict.fromkeys(not_kept)),
        ),
        lines,
    )


_AS_NAME = (N_("Nickname"), N_("Organisation"))


def _said_in(words: str, text: str) -> bool:
    """Every word of ``words`` is already in ``text`` (so keeping it again adds nothing)."""
    have = set(text.casefold().replace(",", " ").split())
    return all(w in have for w in words.casefold().replace(",", " ").split())


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
