"""Export everything, in open formats other programs read.

Into a new folder inside the one the person chose:

* ``people.vcf``: everyone in the list, as vCards;
* ``reminders.ics``: the reminders, as an iCalendar file;
* ``tables/<table>.json``: every table of the database, one file each, so a
  table a new feature adds is in the export without anyone touching this
  file (JSON: ``{"table", "columns", "rows": [{column: value}]}``, binary
  values as base64 under ``{"base64": ...}``);
* ``preferences.json``: the device settings (language, text size…);
* ``README.txt``: what each file is, in the person's language.

The export is NOT encrypted: the command and the page say so first and ask.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from companion import __version__
from companion.errors import CompanionError
from companion.i18n import _
from companion.interchange import write_file_atomically
from companion.keys import storage_error
from companion.profile import Unlocked


def not_encrypted_warning() -> str:
    """The plain warning shown before an export; the person says yes to it."""
    return _(
        "The exported files are not encrypted. Anyone who can open that folder can read "
        "everything in them: the people in your list, your notes and how you have been "
        "feeling. Keep them somewhere private, and delete them when you no longer need them."
    )


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    files: list[Path] = field(default_factory=list)
    people: int = 0
    reminders: int = 0
    tables: dict[str, int] = field(default_factory=dict)


def _json_value(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return {"base64": base64.b64encode(bytes(value)).decode("ascii")}
    return value


def _new_folder(parent: Path, now: datetime) -> Path:
    if parent.exists() and not parent.is_dir():
        raise CompanionError(
            _("{folder} is a file, not a folder. Please choose a folder.").format(folder=parent)
        )
    base = _("Companion export {date}").format(date=now.date().isoformat())
    try:
        parent.mkdir(parents=True, exist_ok=True)
        for n in range(1, 1000):
            candidate = parent / (base if n == 1 else f"{base} ({n})")
            try:
                candidate.mkdir()
            except FileExistsError:
                continue
            return candidate
    except OSError as error:
        raise storage_error(error, parent / base) from None
    raise CompanionError(_("There are too many exports in {folder} already.").format(folder=parent))


def table_rows(unlocked: Unlocked, table: str) -> tuple[list[str], list[dict[str, Any]]]:
    store = unlocked.store
    columns = [str(row[1]) for row in store.query(f'PRAGMA table_info("{table}")')]
    rows = [
        {column: _json_value(value) for column, value in zip(columns, row, strict=True)}
        for row in store.query(f'SELECT * FROM "{table}" ORDER BY rowid')
    ]
    return columns, rows


# Tables that hold keys, not the person's data: never written out in the clear.
SECRET_TABLES = frozenset({"parent_key"})


def export_all(unlocked: Unlocked, parent: Path, now: datetime) -> ExportResult:
    """Write everything into a new folder inside ``parent``; returns what was written."""
    from companion import contacts, reminders
    from companion.backup import user_tables
    from companion.interchange.calendar import calendar_ics, exported_reminders
    from companion.interchange.vcard import write_vcards

    store = unlocked.store
    people = contacts.people(store)
    found = exported_reminders(reminders.all_reminders(store))
    tables = [name for name in user_tables(store.query) if name not in SECRET_TABLES]
    dumped = {name: table_rows(unlocked, name) for name in tables}  # read all before writing
    vcards = write_vcards(people).encode("utf-8")
    ics = calendar_ics(found, None, now=now)

    folder = _new_folder(Path(parent), now)
    written: list[Path] = []

    def save(name: str, data: bytes) -> None:
        path = folder / name
        write_file_atomically(path, data)
        written.append(path)

    save("people.vcf", vcards)
    save("reminders.ics", ics)
    try:
        (folder / "tables").mkdir()
    except OSError as error:
        raise storage_error(error, folder / "tables") from None
    counts = {}
    for name, (columns, rows) in dumped.items():
        document = {"table": name, "columns": columns, "rows": rows}
        text = json.dumps(document, ensure_ascii=False, indent=1, default=str) + "\n"
        save(os.path.join("tables", f"{name}.json"), text.encode("utf-8"))
        counts[name] = len(rows)
    prefs = unlocked.profile.preferences.path
    if prefs.exists():
        save("preferences.json", prefs.read_bytes())
    readme = "\n\n".join(
        [
            _("Everything from Companion, exported on {date} (version {version}).").format(
                date=now.date().isoformat(), version=__version__
            ),
            not_encrypted_warning(),
            _("people.vcf: the people in your list, for address books."),
            _("reminders.ics: your reminders, for calendar programs."),
            _(
                "tables: everything else (times you were in touch, notes, self-checks, "
                "professionals, settings and more), one JSON file for each kind of thing."
            ),
            _("preferences.json: the settings of this computer, such as language and text size."),
        ]
    )
    save("README.txt", (readme + "\n").encode("utf-8"))
    return ExportResult(folder, written, len(people), len(found), counts)


__all__ = ["SECRET_TABLES", "ExportResult", "export_all", "not_encrypted_warning", "table_rows"]
