"""Nothing readable left behind, nothing sent: a canary in every feature, then a sweep.

Every feature is used with a distinctive made-up word (the canary) in what the
person types: their name, a person's name, notes and a contact note, a
reminder, a planner item and a boundary, a group's notes and a visit, a child's
name and a weekly check in the parent view, a professional, a self-check, the
plan's copies, an import, a backup. Then every file Companion wrote (the
profile, the config, cache, data and runtime folders, the temporary folder) is
read as plain bytes and searched for the canary as UTF-8, UTF-16 (both byte
orders) and inside anything gzip-compressed: it is in none of them, while the
data is open and after it is closed.

Left out on purpose, because the person asks for them to be readable: the
printed plan and summaries (PDF), "save everything" (plain files), the contact
and calendar exports. The keyring is not swept (it holds only the key).

And no socket other than a local (AF_UNIX) one is made while all this runs.
"""

from __future__ import annotations

import gzip
import socket
import sys
import tempfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from companion import backup, contacts, groups, helplines, plan, planner, reminders, wellbeing
from companion.contacts import Person, Phone
from companion.keys import KeyringVault
from companion.planner import Draft
from companion.profile import Profile, Unlocked
from companion.resources import asset

CANARY = "Quillzabeth"  # made up; appears in no dictionary, font or library
NOW = datetime(2026, 12, 4, 10, 0, tzinfo=ZoneInfo("Europe/London"))

_SOCKETS: list[int] = []
_WATCHING = False


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _WATCHING and event == "socket.__new__":
        _SOCKETS.append(int(args[1]))  # type: ignore[call-overload]


sys.addaudithook(_audit)  # hooks cannot be removed; this one only records while watching


@pytest.fixture
def watch_sockets() -> Iterator[list[int]]:
    global _WATCHING
    _SOCKETS.clear()
    _WATCHING = True
    try:
        yield _SOCKETS
    finally:
        _WATCHING = False


@pytest.fixture
def places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The folders an app may write to, each one fresh and inside this test's folder."""
    roots = {}
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        roots[name] = tmp_path / name.lower()
    roots["XDG_RUNTIME_DIR"] = tmp_path / "runtime"
    roots["TMPDIR"] = tmp_path / "tmp"
    roots["HOME"] = tmp_path / "home"
    for name, path in roots.items():
        path.mkdir(mode=0o700)
        monkeypatch.setenv(name, str(path))
    monkeypatch.setattr(tempfile, "tempdir", str(roots["TMPDIR"]))
    return list(roots.values())


def _forms(text: str) -> list[bytes]:
    return [text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-16-be")]


def _found(folders: list[Path], canary: str = CANARY) -> list[str]:
    """Every file (and how) that holds the canary readably."""
    forms = _forms(canary) + _forms(canary.lower()) + _forms(canary.upper())
    hits = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.is_symlink():
                continue
            data = path.read_bytes()
            if any(form in data for form in forms):
                hits.append(str(path))
            elif data[:2] == b"\x1f\x8b":
                try:
                    inner = gzip.decompress(data)
                except (OSError, EOFError):
                    continue
                if any(form in inner for form in forms):
                    hits.append(f"{path} (gzip)")
    return hits


def _use_everything(unlocked: Unlocked, tmp_path: Path) -> None:
    store, settings = unlocked.store, unlocked.settings
    settings.set("user_name", f"Margaret {CANARY}")
    person = contacts.add_person(
        store,
        NOW,
        Person(
            0,
            f"Jo {CANARY}",
            "family",
            phones=(Phone("+441632960001", "mobile"),),
            why=f"My sister, {CANARY} the first.",
        ),
    )
    contacts.log_contact(store, person.id, NOW - timedelta(days=1), "call", 4, f"{CANARY} call")
    contacts.add_note(store, person.id, NOW, "gratitude", f"{CANARY} drove me to the hospital.")
    reminders.add(store, NOW, f"Call {CANARY}", NOW.replace(tzinfo=None) + timedelta(days=1))
    item = planner.add(
        store,
        NOW,
        Draft(
            "visit",
            f"Tea with {CANARY}",
            NOW.replace(tzinfo=None) - timedelta(hours=3),
            note=f"{CANARY} brings cake",
        ),
    )
    planner.reflect(store, NOW, item.id, "gave_energy")
    planner.add_boundary(store, NOW, "free_text", text=f"No calls from {CANARY} after eight.")
    groups.import_places_file(store, NOW, asset("demo", "millbrook-directory.csv"), language="en")
    place = groups.places(store)[0]
    groups.set_notes(store, NOW, place.id, f"{CANARY} goes; ask her to save a seat.")
    visit = groups.try_this(store, NOW - timedelta(days=2), place_id=place.id)
    groups.reflect(store, visit.try_id, went=True, feeling=4, reflection=f"{CANARY} was kind.")
    helplines.add_professional(
        store, NOW, "gp", f"Dr {CANARY}", "01632 960 123", f"Ask {CANARY} about sleep"
    )
    wellbeing.record(store, NOW, 3, 2, 3)
    plan.set_copies(settings, f"Ruth {CANARY}, my counsellor")
    # an import, from a file outside the swept folders
    from companion.interchange.people_import import build_preview, commit, read_contacts_file

    card = tmp_path / "outside" / "card.vcf"
    card.parent.mkdir()
    card.write_text(f"BEGIN:VCARD\r\nFN:Anne {CANARY}\r\nNOTE:{CANARY} choir\r\nEND:VCARD\r\n")
    read = read_contacts_file(card, "GB")
    commit(store, NOW, build_preview(store, read, "GB"))
    # the parent view, with its own data file
    from companion import parents
    from companion.parents_lock import ParentVault

    settings.set("parent_view", True)
    session = ParentVault.of(unlocked).set_up(NOW)
    try:
        child = parents.add_child(session.store, NOW, f"Sam {CANARY}", "12_15")
        parents.save_check(
            session.store,
            NOW,
            child.id,
            [parents.SignAnswer("withdrawing", 2, f"{CANARY} stayed in his room")],
            good_moments=f"{CANARY} made pancakes",
            tried=f"Walks with {CANARY}",
        )
    finally:
        session.lock()
    # a backup, where Companion keeps them
    backup.make_backup(
        unlocked, unlocked.profile.folder / "backups" / "sweep.companion-backup", NOW
    )


def test_the_canary_is_in_no_file_companion_wrote(
    tmp_path: Path, places: list[Path], fake_vault: KeyringVault, watch_sockets: list[int]
) -> None:
    folder = Path(tmp_path / "xdg_data_home" / "Companion")
    unlocked = Profile(folder, fake_vault).create("passphrase", "a sweep password")
    _use_everything(unlocked, tmp_path)
    # the canary really went in: the search below could have found it
    assert contacts.people(unlocked.store, search=CANARY)
    written = sorted(p.name for p in folder.rglob("*") if p.is_file())
    assert "parents.db" in written and "sweep.companion-backup" in written, written
    assert _found(places) == [], "readable while the data is open"
    unlocked.close()
    assert _found(places) == [], "readable after the data is closed"
    local = getattr(socket, "AF_UNIX", -1)
    assert [family for family in watch_sockets if family != local] == []


def test_the_sweep_would_find_a_canary(tmp_path: Path, places: list[Path]) -> None:
    """The search above can fail: plain, UTF-16 and gzip copies of the canary are found."""
    (places[0] / "plain.txt").write_text(f"x {CANARY} y")
    (places[1] / "wide.txt").write_bytes(f"x {CANARY} y".encode("utf-16-le"))
    (places[2] / "packed.gz").write_bytes(gzip.compress(CANARY.upper().encode()))
    (places[3] / "clean.txt").write_text("nothing to see")
    assert [Path(hit.split(" ")[0]).name for hit in _found(places)] == [
        "plain.txt",
        "wide.txt",
        "packed.gz",
    ]


def test_the_socket_watch_would_see_an_internet_socket(watch_sockets: list[int]) -> None:
    socket.socket(socket.AF_INET, socket.SOCK_DGRAM).close()  # made, never connected
    assert socket.AF_INET in watch_sockets
