"""Get help: emergency numbers and helplines by country, and the person's own professionals.

The directory is ``assets/data/helplines.json``; ``docs/CONTENT.md`` says how
its entries are checked. Every entry names who runs the line, what a call
costs, the page it was checked against (and what kind of page that is) and
the date; an entry that could not be sourced is not in the file. Helplines
are not personal data, so they can be shown before the profile is unlocked.
The person's own professionals are, so they live in the encrypted store.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from companion.errors import CompanionError
from companion.i18n import N_, _
from companion.resources import asset
from companion.store import Store

SCHEMA = 2
AUDIENCES: dict[str, str] = {
    "everyone": N_("Anyone"),
    "young-people": N_("Young people"),
    "children": N_("Children"),
    "older-people": N_("Older people"),
    "parents": N_("Parents"),
    "bereaved": N_("People who are grieving"),
    "men": N_("Men"),
    "women": N_("Women"),
    "lgbtq": N_("LGBTQ+ people"),
    "veterans": N_("Veterans"),
    "carers": N_("Carers"),
}
ROLES: dict[str, str] = {
    "gp": N_("Family doctor (GP)"),
    "counsellor": N_("Counsellor or therapist"),
    "social_worker": N_("Social worker"),
    "other": N_("Other"),
}
# What a call costs the caller, in the words the Get help page shows.
COSTS: dict[str, str] = {
    "free": N_("Free to call."),
    "local-rate": N_("A call costs the same as a normal call."),
    "charged": N_("Calls cost money: ask your phone company how much."),
    "unknown": N_("We could not confirm what a call costs: ask your phone company."),
}
# What kind of page an entry was checked against: the organisation's own page or a
# government's is the rule; a directory or a news report only where neither exists.
SOURCE_KINDS = ("organisation", "government", "directory", "news")
# Which emergency service a number reaches.
SERVICES: dict[str, str] = {
    "all": N_("All emergency services: {number}"),
    "ambulance": N_("Ambulance and medical emergencies: {number}"),
    "police": N_("Police: {number}"),
    "fire": N_("Fire: {number}"),
}
# ThroughLine's test for listing a line (findahelpline.com): all four should hold.
THROUGHLINE_TEST = ("free_or_low_cost", "on_demand", "confidential", "human")
ALWAYS_OPEN = "24/7"
MAX_AGE = timedelta(days=365)  # an entry not checked for a year must be checked again
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PHONE = re.compile(r"^[0-9+() \-./]+$")
_LINE_PHONE = re.compile(
    r"^\*?[0-9+() \-./]+$"
)  # a helpline may be a star code, like Chile's *4141
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True)
class OtherNumber:
    number: str
    service: str  # a key of SERVICES (emergency numbers) or "" (helplines)
    note: str | None  # English, marked translatable in the file: show with _()


@dataclass(frozen=True)
class Emergency:
    country: str
    number: str
    service: str  # a key of SERVICES
    note: str | None
    also: tuple[OtherNumber, ...]
    source: str
    source_kind: str
    checked: str


@dataclass(frozen=True)
class Helpline:
    country: str
    name: str
    organisation: str
    phone: str | None
    other_phones: tuple[OtherNumber, ...]
    sms_number: str | None
    sms_keyword: str | None
    chat: str | None
    web: str | None
    hours: str | None  # "24/7", English text marked translatable, or None when unconfirmed
    audience: tuple[str, ...]
    languages: tuple[str, ...]
    cost: str  # a key of COSTS
    note: str | None
    throughline: dict[str, bool | None]
    source: str
    source_kind: str
    checked: str
    # Whose page ``source`` is when it is not on the line's own site (a school carrying its
    # message, a press-release service): "own website" would not be true. A name, not translated.
    source_publisher: str | None = None

    @property
    def always_open(self) -> bool:
        return self.hours == ALWAYS_OPEN

    @property
    def meets_throughline(self) -> bool:
        return all(self.throughline.get(test) is True for test in THROUGHLINE_TEST)


@dataclass(frozen=True)
class Directory:
    emergency: dict[str, Emergency]
    helplines: tuple[Helpline, ...]

    def countries(self) -> list[str]:
        return sorted(set(self.emergency) | {h.country for h in self.helplines})

    def for_country(self, country: str) -> tuple[Emergency | None, list[Helpline]]:
        lines = [h for h in self.helplines if h.country == country]
        # Lines for everyone first, then by name, so the first is the broadest.
        lines.sort(key=lambda h: ("everyone" not in h.audience, h.name.casefold()))
        return self.emergency.get(country), lines

    def oldest_check(self) -> str:
        dates = [h.checked for h in self.helplines] + [e.checked for e in self.emergency.values()]
        return min(dates) if dates else ""


def problems(data: Any) -> list[str]:
    """Everything wrong with the shape of a helplines file, in words a maintainer can act on.

    Cheap enough to run whenever the file is loaded. ``review`` adds the content
    rules (real phone numbers, fresh checks) that need a date and phonenumbers.
    """
    found: list[str] = []
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        return [f"the file must be an object with schema {SCHEMA}"]
    emergency = data.get("emergency")
    lines = data.get("helplines")
    if not isinstance(emergency, dict) or not isinstance(lines, list):
        return ["'emergency' must be an object and 'helplines' a list"]
    for country, entry in emergency.items():
        where = f"emergency {country}"
        if not _COUNTRY.match(country):
            found.append(f"{where}: country must be two capital letters")
        if not isinstance(entry, dict):
            found.append(f"{where}: must be an object")
            continue
        found += _check_common(where, entry)
        if not isinstance(entry.get("number"), str) or not _PHONE.match(entry["number"]):
            found.append(f"{where}: 'number' must be digits")
        if entry.get("service") not in SERVICES:
            found.append(f"{where}: 'service' must be one of {sorted(SERVICES)}")
        found += _check_others(where, entry, emergency=True)
    for index, entry in enumerate(lines):
        where = f"helpline {index} ({entry.get('name', '?') if isinstance(entry, dict) else '?'})"
        if not isinstance(entry, dict):
            found.append(f"{where}: must be an object")
            continue
        found += _check_common(where, entry)
        country = entry.get("country")
        if not isinstance(country, str) or not _COUNTRY.match(country):
            found.append(f"{where}: country must be two capital letters")
        elif country not in emergency:
            found.append(f"{where}: {country} has no emergency number")
        for key in ("name", "organisation"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                found.append(f"{where}: '{key}' is missing")
        phone, sms, chat, web = (entry.get(k) for k in ("phone", "sms", "chat", "web"))
        if phone is None and sms is None and chat is None:
            found.append(f"{where}: needs a phone, sms or chat")
        if phone is not None and (not isinstance(phone, str) or not _LINE_PHONE.match(phone)):
            found.append(f"{where}: 'phone' must be digits and spaces")
        found += _check_others(where, entry, emergency=False)
        if sms is not None and (
            not isinstance(sms, dict) or not re.match(r"^[0-9 +]+$", str(sms.get("number", "")))
        ):
            found.append(f"{where}: 'sms' must be {{'number': ..., 'keyword': ...}}")
        for key, value in (("chat", chat), ("web", web)):
            if value is not None and not (isinstance(value, str) and value.startswith("https://")):
                found.append(f"{where}: '{key}' must be an https web address or null")
        audience = entry.get("audience")
        if not isinstance(audience, list) or not audience or not set(audience) <= set(AUDIENCES):
            found.append(f"{where}: 'audience' must list some of {sorted(AUDIENCES)}")
        languages = entry.get("languages")
        if (
            not isinstance(languages, list)
            or not languages
            or not all(isinstance(code, str) and _LANGUAGE.match(code) for code in languages)
        ):
            found.append(f"{where}: 'languages' must be a list of language codes")
        hours = entry.get("hours")
        if hours is not None and (not isinstance(hours, str) or not hours.strip()):
            found.append(f"{where}: 'hours' must be text, '24/7' or null")
        if entry.get("cost") not in COSTS:
            found.append(f"{where}: 'cost' must be one of {sorted(COSTS)}")
        if not isinstance(entry.get("note"), str | None):
            found.append(f"{where}: 'note' must be text or null")
        test = entry.get("throughline")
        if not isinstance(test, dict) or set(test) != set(THROUGHLINE_TEST):
            found.append(f"{where}: 'throughline' must answer {list(THROUGHLINE_TEST)}")
        elif not all(answer in (True, False, None) for answer in test.values()):
            found.append(f"{where}: 'throughline' answers must be true, false or null")
    return found


def _check_common(where: str, entry: dict[str, Any]) -> list[str]:
    found = []
    source = entry.get("source")
    if not isinstance(source, str) or not source.startswith("https://"):
        found.append(f"{where}: 'source' must be the https address it was checked against")
    if entry.get("source_kind") not in SOURCE_KINDS:
        found.append(f"{where}: 'source_kind' must be one of {list(SOURCE_KINDS)}")
    checked = entry.get("checked")
    if not isinstance(checked, str) or not _DATE.match(checked):
        found.append(f"{where}: 'checked' must be a date like 2026-11-21")
    else:
        try:
            date.fromisoformat(checked)
        except ValueError:
            found.append(f"{where}: 'checked' is not a real date")
    if not isinstance(entry.get("note"), str | None):
        found.append(f"{where}: 'note' must be text or null")
    see_also = entry.get("see_also", [])
    if not isinstance(see_also, list) or not all(
        isinstance(url, str) and url.startswith("https://") for url in see_also
    ):
        found.append(f"{where}: 'see_also' must list https addresses of other pages checked")
    publisher = entry.get("source_publisher")
    if publisher is not None and (not isinstance(publisher, str) or not publisher.strip()):
        found.append(
            f"{where}: 'source_publisher' must name whose page the source is, or be left out"
        )
    return found


def _check_others(where: str, entry: dict[str, Any], emergency: bool) -> list[str]:
    key = "also" if emergency else "other_phones"
    others = entry.get(key, [])
    if not isinstance(others, list):
        return [f"{where}: '{key}' must be a list"]
    found = []
    for other in others:
        if not isinstance(other, dict) or not _PHONE.match(str(other.get("number", ""))):
            found.append(f"{where}: each of '{key}' needs a 'number' of digits")
        elif emergency and other.get("service") not in SERVICES:
            found.append(f"{where}: {other['number']} needs a 'service' of {sorted(SERVICES)}")
        elif not isinstance(other.get("note"), str | None):
            found.append(f"{where}: the note for {other['number']} must be text or null")
    return found


def review(data: Any, today: date) -> list[str]:
    """The content rules on top of ``problems``: what a maintainer must fix before a release.

    Every number must be one a phone can dial in its country (checked with
    phonenumbers: a full national number, or a short code the library knows
    for that region), and no entry may have gone unchecked for more than a year
    before ``today``.
    """
    found = problems(data)
    if found:
        return found
    # Short codes checked by hand on the organisation's or government's page, that
    # phonenumbers does not know yet: listed in the file, so each one is a visible decision.
    lacking = data.get("short_codes_phonenumbers_lacks", {})
    if not isinstance(lacking, dict):
        return ["'short_codes_phonenumbers_lacks' must map a country to a list of numbers"]
    known = {
        (country, re.sub(r"[^0-9]", "", number))
        for country, numbers in lacking.items()
        for number in numbers
    }
    for country, number in sorted(known):
        if not 3 <= len(number) <= 6:
            found.append(f"{country} {number}: only short codes (3 to 6 digits) can be listed")
        elif dialable(number, country):
            found.append(f"{country} {number}: phonenumbers knows it now; take it off the list")

    def number_problems(where: str, number: str, country: str, emergency: bool) -> list[str]:
        if (country, re.sub(r"[^0-9]", "", number)) in known:
            return []
        return _number_problems(where, number, country, emergency)

    for country, entry in data["emergency"].items():
        where = f"emergency {country}"
        for number in [entry["number"], *(o["number"] for o in entry.get("also", []))]:
            found += number_problems(where, number, country, emergency=True)
        found += _age_problems(where, entry["checked"], today)
    for entry in data["helplines"]:
        where = f"helpline {entry['country']} {entry['name']}"
        numbers = [o["number"] for o in entry.get("other_phones", [])]
        if entry.get("phone"):
            numbers.insert(0, entry["phone"])
        if entry.get("sms"):
            numbers.append(entry["sms"]["number"])
        for number in numbers:
            found += number_problems(where, number, entry["country"], emergency=False)
        found += _age_problems(where, entry["checked"], today)
    return found


def _age_problems(where: str, checked: str, today: date) -> list[str]:
    when = date.fromisoformat(checked)
    if when > today:
        return [f"{where}: checked on {checked}, after today ({today.isoformat()})"]
    if today - when > MAX_AGE:
        return [f"{where}: last checked on {checked}, more than a year ago: check it again"]
    return []


def dialable(number: str, country: str) -> bool:
    """True when ``number`` can be dialled in ``country``: a full number or a known short code."""
    import phonenumbers
    from phonenumbers import shortnumberinfo

    digits = re.sub(r"[^0-9+]", "", number)
    try:
        parsed = phonenumbers.parse(digits, country)
    except phonenumbers.NumberParseException:
        return False
    if phonenumbers.is_valid_number_for_region(parsed, country):
        return True
    return bool(shortnumberinfo.is_valid_short_number_for_region(parsed, country))


def _number_problems(where: str, number: str, country: str, emergency: bool) -> list[str]:
    import phonenumbers
    from phonenumbers import shortnumberinfo

    if dialable(number, country):
        digits = re.sub(r"[^0-9+]", "", number)
        parsed = phonenumbers.parse(digits, country)
        if emergency:
            if shortnumberinfo.is_valid_short_number_for_region(
                parsed, country
            ) and not shortnumberinfo.is_emergency_number(number, country):
                return [f"{where}: {number} is not an emergency number in {country}"]
        national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
        mobile = phonenumbers.format_number_for_mobile_dialing(parsed, country, False)
        if (
            not digits.startswith("+")
            and phonenumbers.is_valid_number_for_region(parsed, country)
            and digits not in {re.sub(r"[^0-9]", "", form) for form in (national, mobile)}
        ):
            # Written with a prefix the country no longer dials (Lithuania's 8 stopped
            # connecting in 2025): the card would show a number that does not ring.
            return [f"{where}: {number} is not how phones in {country} dial it now: {national}"]
        return []
    return [f"{where}: {number} is not a number phones in {country} can dial"]


def parse(data: Any) -> Directory:
    wrong = problems(data)
    if wrong:
        raise ValueError("; ".join(wrong[:5]))
    emergency = {
        country: Emergency(
            country=country,
            number=e["number"],
            service=e["service"],
            note=e.get("note"),
            also=tuple(
                OtherNumber(o["number"], o["service"], o.get("note")) for o in e.get("also", [])
            ),
            source=e["source"],
            source_kind=e["source_kind"],
            checked=e["checked"],
        )
        for country, e in data["emergency"].items()
    }
    lines = tuple(
        Helpline(
            country=h["country"],
            name=h["name"],
            organisation=h["organisation"],
            phone=h.get("phone"),
            other_phones=tuple(
                OtherNumber(o["number"], "", o.get("note")) for o in h.get("other_phones", [])
            ),
            sms_number=(h.get("sms") or {}).get("number"),
            sms_keyword=(h.get("sms") or {}).get("keyword"),
            chat=h.get("chat"),
            web=h.get("web"),
            hours=h.get("hours"),
            audience=tuple(h["audience"]),
            languages=tuple(h["languages"]),
            cost=h["cost"],
            note=h.get("note"),
            throughline=dict(h["throughline"]),
            source=h["source"],
            source_kind=h["source_kind"],
            checked=h["checked"],
            source_publisher=h.get("source_publisher"),
        )
        for h in data["helplines"]
    )
    return Directory(emergency, lines)


def load(path: Path | None = None) -> Directory:
    return _load(str(path or asset("data", "helplines.json")))


@cache
def _load(path: str) -> Directory:
    with open(path, encoding="utf-8") as handle:
        return parse(json.load(handle))


def tel_uri(number: str) -> str:
    """A tel: address a phone app understands: digits, a leading + or a star code's *."""
    digits = re.sub(r"[^0-9+*]", "", number)
    return "tel:" + digits


def sms_uri(number: str, keyword: str | None = None) -> str:
    digits = re.sub(r"[^0-9+]", "", number)
    return f"sms:{digits}" + (f"?body={keyword}" if keyword else "")


# --- the person's own professionals ------------------------------------------------------


@dataclass(frozen=True)
class Professional:
    id: int
    role: str
    name: str
    phone: str
    notes: str


def _checked(role: str, name: str, phone: str) -> tuple[str, str, str]:
    if role not in ROLES:
        raise CompanionError(
            _("Please choose who this is: doctor, counsellor, social worker or other.")
        )
    name = name.strip()
    if not name:
        raise CompanionError(_("Please write a name, so you know who to call."))
    phone = phone.strip()
    if phone and not _PHONE.match(phone):
        raise CompanionError(
            _("A phone number can only have digits, spaces and + ( ) - characters.")
        )
    return role, name, phone


def add_professional(
    store: Store, now: datetime, role: str, name: str, phone: str = "", notes: str = ""
) -> Professional:
    role, name, phone = _checked(role, name, phone)
    with store.transaction():
        cursor = store.execute(
            "INSERT INTO professionals(role, name, phone, notes, created) VALUES (?, ?, ?, ?, ?)",
            (role, name, phone, notes.strip(), now.isoformat(timespec="seconds")),
        )
    return Professional(int(cursor.lastrowid), role, name, phone, notes.strip())


def update_professional(
    store: Store, professional_id: int, role: str, name: str, phone: str = "", notes: str = ""
) -> Professional:
    role, name, phone = _checked(role, name, phone)
    store.execute(
        "UPDATE professionals SET role = ?, name = ?, phone = ?, notes = ? WHERE id = ?",
        (role, name, phone, notes.strip(), professional_id),
    )
    return Professional(professional_id, role, name, phone, notes.strip())


def delete_professional(store: Store, professional_id: int) -> Professional | None:
    """Remove one; returns what was removed so the page can offer to undo it."""
    row = store.query_one(
        "SELECT id, role, name, phone, notes FROM professionals WHERE id = ?", (professional_id,)
    )
    if row is None:
        return None
    store.execute("DELETE FROM professionals WHERE id = ?", (professional_id,))
    return Professional(int(row[0]), row[1], row[2], row[3], row[4])


def restore_professional(store: Store, now: datetime, removed: Professional) -> Professional:
    return add_professional(store, now, removed.role, removed.name, removed.phone, removed.notes)


def professionals(store: Store) -> list[Professional]:
    rows = store.query(
        "SELECT id, role, name, phone, notes FROM professionals ORDER BY "
        "CASE role WHEN 'gp' THEN 0 WHEN 'counsellor' THEN 1 WHEN 'social_worker' THEN 2 "
        "ELSE 3 END, name COLLATE NOCASE"
    )
    return [Professional(int(r[0]), r[1], r[2], r[3], r[4]) for r in rows]
