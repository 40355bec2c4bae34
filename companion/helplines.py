"""Get help: emergency numbers and helplines by country, and the person's own professionals.

The directory is ``assets/data/helplines.json``. Every entry names the page it
was checked against and the date; an entry that could not be sourced is not
in the file. Helplines are not personal data, so they can be shown before the
profile is unlocked. The person's own professionals are, so they live in the
encrypted store.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from companion.errors import CompanionError
from companion.i18n import N_, _
from companion.resources import asset
from companion.store import Store

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
ALWAYS_OPEN = "24/7"
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PHONE = re.compile(r"^[0-9+() \-./]+$")


@dataclass(frozen=True)
class Emergency:
    country: str
    number: str
    also: tuple[str, ...]
    source: str
    checked: str


@dataclass(frozen=True)
class Helpline:
    country: str
    name: str
    phone: str | None
    sms_number: str | None
    sms_keyword: str | None
    web: str | None
    hours: str | None
    audience: tuple[str, ...]
    languages: tuple[str, ...]
    source: str
    checked: str

    @property
    def always_open(self) -> bool:
        return self.hours == ALWAYS_OPEN


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
    """Everything wrong with a helplines file, in words a maintainer can act on."""
    found: list[str] = []
    if not isinstance(data, dict) or data.get("schema") != 1:
        return ["the file must be an object with schema 1"]
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
        if not isinstance(entry.get("also", []), list):
            found.append(f"{where}: 'also' must be a list")
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
        if not isinstance(entry.get("name"), str) or not entry["name"].strip():
            found.append(f"{where}: 'name' is missing")
        phone, sms, web = entry.get("phone"), entry.get("sms"), entry.get("web")
        if phone is None and sms is None and web is None:
            found.append(f"{where}: needs a phone, sms or web")
        if phone is not None and (not isinstance(phone, str) or not _PHONE.match(phone)):
            found.append(f"{where}: 'phone' must be digits and spaces")
        if sms is not None and (
            not isinstance(sms, dict) or not re.match(r"^[0-9 +]+$", str(sms.get("number", "")))
        ):
            found.append(f"{where}: 'sms' must be {{'number': ..., 'keyword': ...}}")
        if web is not None and not str(web).startswith(("https://", "http://")):
            found.append(f"{where}: 'web' must be a web address")
        audience = entry.get("audience")
        if not isinstance(audience, list) or not audience or not set(audience) <= set(AUDIENCES):
            found.append(f"{where}: 'audience' must list some of {sorted(AUDIENCES)}")
        languages = entry.get("languages")
        if not isinstance(languages, list) or not languages:
            found.append(f"{where}: 'languages' must be a list of language codes")
        hours = entry.get("hours")
        if hours is not None and not isinstance(hours, str):
            found.append(f"{where}: 'hours' must be text or null")
    return found


def _check_common(where: str, entry: dict[str, Any]) -> list[str]:
    found = []
    source = entry.get("source")
    if not isinstance(source, str) or not source.startswith(("https://", "http://")):
        found.append(f"{where}: 'source' must be the web address it was checked against")
    checked = entry.get("checked")
    if not isinstance(checked, str) or not _DATE.match(checked):
        found.append(f"{where}: 'checked' must be a date like 2026-11-21")
    else:
        try:
            date.fromisoformat(checked)
        except ValueError:
            found.append(f"{where}: 'checked' is not a real date")
    return found


def parse(data: Any) -> Directory:
    wrong = problems(data)
    if wrong:
        raise ValueError("; ".join(wrong[:5]))
    emergency = {
        country: Emergency(
            country, e["number"], tuple(e.get("also", [])), e["source"], e["checked"]
        )
        for country, e in data["emergency"].items()
    }
    lines = tuple(
        Helpline(
            country=h["country"],
            name=h["name"],
            phone=h.get("phone"),
            sms_number=(h.get("sms") or {}).get("number"),
            sms_keyword=(h.get("sms") or {}).get("keyword"),
            web=h.get("web"),
            hours=h.get("hours"),
            audience=tuple(h["audience"]),
            languages=tuple(h["languages"]),
            source=h["source"],
            checked=h["checked"],
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
    """A tel: address a phone app understands: digits, and a leading + if there is one."""
    digits = re.sub(r"[^0-9+]", "", number)
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
