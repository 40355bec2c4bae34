"""SIGKILL at each write system call, not at random moments.

A child does one piece of work under ``strace``; a first run counts its write
system calls (write, pwrite64, fsync, fdatasync, ftruncate, rename, unlink and
their *at forms), then each later run is killed by strace's fault injection
(``-e inject=SYSCALL:signal=KILL:when=N``) on entering the Nth call of one of
them. strace counts per system call and per thread, so "the Nth pwrite64" is
exact. After every kill the next start tidies what was left, and then: both
integrity checks are clean, everything the child acknowledged is there, an
import is all or nothing, a migration is the old version or the new one whole,
the data opens the way keys.json says, a backup that exists is whole.

The suite kills a few sampled points of each kind of work (a few seconds
each); ``COMPANION_SYSCALL_KILLS=all`` kills at every point (the larger run in
docs/RELIABILITY.md), ``=N`` at N sampled points; ``COMPANION_FAULT_SEED=S``
repeats a sample. Skipped where strace is missing or may not trace.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import textwrap
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

import companion.store
from companion import backup, contacts
from companion.errors import WrongSecret
from companion.keys import KeyringVault, new_data_key, new_recovery_code
from companion.profile import Profile, ProfileState
from companion.store import MIGRATIONS_DIR, Store, latest_version

from .helpers import PYTHON, ROOT, child_env
from .test_faults_kill import _FILE_KEYRING

WRITE_CALLS = (
    "write",
    "pwrite64",
    "writev",
    "fsync",
    "fdatasync",
    "ftruncate",
    "rename",
    "renameat",
    "renameat2",
    "unlink",
    "unlinkat",
)
STRACE = shutil.which("strace")
PASSWORD = "the password before"
NEW_PASSWORD = "the password after"
NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


def _strace_works() -> bool:
    if STRACE is None:
        return False
    done = subprocess.run(
        [STRACE, "-f", "-qq", "-o", os.devnull, "-e", "trace=write", "true"],
        capture_output=True,
        timeout=30,
    )
    return done.returncode == 0


pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not _strace_works(), reason="strace is missing or may not trace here"),
]


def budget(default: int) -> int | None:
    """How many kill points to try: None means every one."""
    wanted = os.environ.get("COMPANION_SYSCALL_KILLS", str(default))
    return None if wanted == "all" else int(wanted)


_LINE = re.compile(r"^(\d+)\s+(\w+)\(")


def _count(log: Path) -> Counter[str]:
    """The most calls of each kind that one thread made (strace counts per thread)."""
    per_thread: Counter[tuple[str, str]] = Counter()
    for line in log.read_text(errors="replace").splitlines():
        found = _LINE.match(line)
        if found:
            per_thread[(found.group(1), found.group(2))] += 1
    most: Counter[str] = Counter()
    for (_pid, name), count in per_thread.items():
        most[name] = max(most[name], count)
    return most


def _spread(
    points: list[tuple[str, int]], wanted: int, rng: random.Random
) -> list[tuple[str, int]]:
    """``wanted`` points, taking the kinds of call in turn (a rename is as likely as a write)."""
    kinds: dict[str, list[tuple[str, int]]] = {}
    for point in points:
        kinds.setdefault(point[0], []).append(point)
    for group in kinds.values():
        rng.shuffle(group)
    order = list(kinds)
    rng.shuffle(order)
    chosen: list[tuple[str, int]] = []
    while len(chosen) < wanted:
        for kind in order:
            if kinds[kind] and len(chosen) < wanted:
                chosen.append(kinds[kind].pop())
    return sorted(chosen, key=points.index)


@dataclass
class Run:
    out: str
    err: str
    killed: bool


def _run(args: list[str], strace_args: list[str]) -> Run:
    assert STRACE is not None
    done = subprocess.run(
        [STRACE, "-f", "-qq", *strace_args, PYTHON, "-c", *args],
        capture_output=True,
        text=True,
        env=child_env(),
        cwd=ROOT,
        timeout=120,
    )
    killed = "+++ killed by SIGKILL" in done.stderr or done.returncode in (-9, 137)
    return Run(done.stdout, done.stderr, killed)


@dataclass
class Work:
    """One kind of work: a child script, its arguments, and what must hold after a kill."""

    name: str
    script: str
    args: Callable[[Path], list[str]]  # the work folder -> the child's arguments
    check: Callable[[Path, Run], str]  # the work folder, the run -> an outcome to count


def kill_at_every_write(tmp_path: Path, work_folder: Path, work: Work, default: int) -> str:
    """Count the work's write calls, then kill it at each (or a sample) and check.

    ``work_folder`` holds the state before the work; it is put back before every
    run, at the same path (keyring entries are named by the profile's path).
    """
    pristine = tmp_path / "pristine"
    shutil.copytree(work_folder, pristine)

    def fresh() -> None:
        shutil.rmtree(work_folder)
        shutil.copytree(pristine, work_folder)

    log = tmp_path / "strace.log"
    first = _run(
        [work.script, *work.args(work_folder)],
        ["-o", str(log), "-e", "trace=" + ",".join(WRITE_CALLS)],
    )
    assert not first.killed and "Traceback" not in first.err, first.err
    outcome = work.check(work_folder, first)
    assert outcome == "done", f"{work.name}: the unkilled run ended {outcome!r}: {first.err}"
    counts = _count(log)
    points = [(name, n) for name in WRITE_CALLS for n in range(1, counts[name] + 1)]
    seed = int(os.environ.get("COMPANION_FAULT_SEED", random.randrange(2**32)))
    wanted = budget(default)
    if wanted is not None and wanted < len(points):
        points = _spread(points, wanted, random.Random(seed))
    outcomes: Counter[str] = Counter()
    for name, n in points:
        fresh()
        run = _run(
            [work.script, *work.args(work_folder)],
            ["-o", os.devnull, "-e", f"trace={name}", "-e", f"inject={name}:signal=KILL:when={n}"],
        )
        where = f"{work.name}, killed at {name} #{n} (seed {seed})"
        assert "Traceback" not in run.err, f"{where}: {run.err}"
        try:
            outcome = work.check(work_folder, run)
        except AssertionError as error:
            raise AssertionError(f"{where}: {error}") from error
        outcomes[outcome if run.killed else outcome + " (not killed)"] += 1
    total = sum(counts[name] for name in WRITE_CALLS)
    kinds = ", ".join(f"{counts[name]} {name}" for name in WRITE_CALLS if counts[name])
    summary = (
        f"{work.name}: {total} write calls ({kinds}); killed at {len(points)}: "
        + ", ".join(f"{count} {what}" for what, count in sorted(outcomes.items()))
        + f"; seed {seed}"
    )
    print(summary)
    return summary


def _tidied(folder: Path, vault: KeyringVault | None = None) -> Profile:
    """A start after the kill: it takes the lock, which tidies what the kill left."""
    start = Profile(folder, vault)
    start.acquire_lock()
    start.lock.release()
    return start


# --- an ordinary write ----------------------------------------------------------------------

_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from companion.store import Store
    store = Store.open(Path(sys.argv[1]), bytes.fromhex(sys.argv[2]))
    for n in range(1, 4):
        with store.transaction():
            row = store.execute(
                "INSERT INTO app_events(at, kind, detail) VALUES(?, 'crash', ?)", (str(n), "x" * 300)
            ).lastrowid
            store.execute("INSERT INTO settings(key, value) VALUES(?, ?)", (f"row-{row}", str(row)))
        print(row, flush=True)
    store.close()
    print("closed", flush=True)
    """
)


def test_an_ordinary_write_killed_at_each_write_call(tmp_path: Path) -> None:
    key = new_data_key()
    work = tmp_path / "work"
    work.mkdir()
    Store.open(work / "companion.db", key, create=True).close()

    def check(folder: Path, run: Run) -> str:
        acknowledged = {int(line) for line in run.out.split() if line.isdigit()}
        store = Store.open(folder / "companion.db", key)
        try:
            assert store.integrity().ok
            events = {r[0] for r in store.query("SELECT id FROM app_events WHERE kind = 'crash'")}
            paired = {int(r[0]) for r in store.query("SELECT value FROM settings")}
        finally:
            store.close()
        assert acknowledged <= events, f"acknowledged writes lost: {acknowledged - events}"
        assert events == paired, "a transaction was half applied"
        return "done" if "closed" in run.out else f"{len(events)} of 3 there"

    kill_at_every_write(
        tmp_path,
        work,
        Work("an ordinary write", _WRITER, lambda f: [str(f / "companion.db"), key.hex()], check),
        default=2,
    )


# --- a small import --------------------------------------------------------------------------

_IMPORTER = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime
    from pathlib import Path
    from companion.interchange.people_import import build_preview, commit, read_contacts_file
    from companion.store import Store
    store = Store.open(Path(sys.argv[1]), bytes.fromhex(sys.argv[2]))
    read = read_contacts_file(Path(sys.argv[3]), "GB")
    added = commit(store, datetime(2026, 12, 4, tzinfo=UTC), build_preview(store, read, "GB"))
    print("added", added, flush=True)
    store.close()
    """
)


def test_a_small_import_killed_at_each_write_call_is_all_or_nothing(tmp_path: Path) -> None:
    key = new_data_key()
    work = tmp_path / "work"
    work.mkdir()
    Store.open(work / "companion.db", key, create=True).close()
    cards = tmp_path / "five.vcf"
    cards.write_text(
        "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {n}\r\nTEL:+44 7700 90012{n}\r\n"
            f"NOTE:{'a note ' * 40}\r\nEND:VCARD\r\n"
            for n in range(5)
        )
    )

    def check(folder: Path, run: Run) -> str:
        store = Store.open(folder / "companion.db", key)
        try:
            assert store.integrity().ok
            count = contacts.count_people(store)
        finally:
            store.close()
        assert count in (0, 5), f"an import was half written: {count} people"
        if "added 5" in run.out:
            assert count == 5, "an acknowledged import was lost"
        return "done" if "added 5" in run.out else f"{count} of 5 there"

    kill_at_every_write(
        tmp_path,
        work,
        Work(
            "a small import",
            _IMPORTER,
            lambda f: [str(f / "companion.db"), key.hex(), str(cards)],
            check,
        ),
        default=3,
    )


# --- a migration -------------------------------------------------------------------------------

_MIGRATOR = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import companion.store
    companion.store.MIGRATIONS_DIR = Path(sys.argv[2])
    from companion.store import Store
    Store.open(Path(sys.argv[1]), bytes.fromhex(sys.argv[3])).close()
    print("migrated", flush=True)
    """
)

_SMALL_MIGRATION = """
CREATE TABLE future_rows(id INTEGER PRIMARY KEY, text TEXT NOT NULL) STRICT;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
INSERT INTO future_rows(id, text) SELECT i, printf('%0200d', i) FROM n;
UPDATE settings SET value = value || '' WHERE key = 'user_name';
"""


def test_a_migration_killed_at_each_write_call_is_old_or_new_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    migrations = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, migrations)
    new_version = latest_version() + 1
    (migrations / f"{new_version:04d}_future.sql").write_text(_SMALL_MIGRATION)
    key = new_data_key()
    work = tmp_path / "work"
    work.mkdir()
    store = Store.open(work / "companion.db", key, create=True)
    store.set_setting("user_name", "Ada")
    store.close()
    monkeypatch.setattr(companion.store, "MIGRATIONS_DIR", migrations)

    def check(folder: Path, run: Run) -> str:
        store = Store.open(folder / "companion.db", key, migrate=False)
        try:
            assert store.integrity().ok
            assert store.get_setting("user_name") == "Ada"
            version = store.user_version
            if version == new_version:
                assert store.query_one("SELECT count(*) FROM future_rows")[0] == 2000
            else:
                assert version == new_version - 1, f"version {version}"
                assert not store.query("SELECT name FROM sqlite_master WHERE name='future_rows'")
        finally:
            store.close()
        if "migrated" in run.out:
            assert version == new_version, "an acknowledged migration was lost"
            return "done"
        return "new version whole" if version == new_version else "old version whole"

    kill_at_every_write(
        tmp_path,
        work,
        Work(
            "a migration",
            _MIGRATOR,
            lambda f: [str(f / "companion.db"), str(migrations), key.hex()],
            check,
        ),
        default=3,
    )


# --- a backup ---------------------------------------------------------------------------------

_BACKUP = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime
    from pathlib import Path
    from companion import backup
    from companion.profile import Profile
    unlocked = Profile(Path(sys.argv[1])).unlock_with_passphrase(sys.argv[2])
    backup.make_backup(unlocked, Path(sys.argv[3]), datetime(2026, 12, 4, tzinfo=UTC))
    print("made", flush=True)
    unlocked.close()
    """
)


def _passphrase_profile(folder: Path, rows: int = 40) -> tuple[str, bytes]:
    unlocked = Profile(folder).create("passphrase", PASSWORD)
    with unlocked.store.transaction():
        unlocked.store.set_setting("user_name", "Ada")
        for n in range(rows):
            unlocked.store.set_setting(f"row-{n}", "x" * 300)
    code, key = unlocked.recovery_code or "", unlocked.data_key
    unlocked.close()
    return code, key


def _everything_there(store: Store, rows: int = 40) -> None:
    assert store.integrity().ok
    assert store.get_setting("user_name") == "Ada"
    for n in range(rows):
        assert store.get_setting(f"row-{n}") == "x" * 300


def test_a_backup_killed_at_each_write_call_leaves_the_data_and_no_half_backup(
    tmp_path: Path,
) -> None:
    work = tmp_path / "work"
    _code, key = _passphrase_profile(work)

    def target(folder: Path) -> Path:
        return folder / "backups" / "today.companion-backup"

    def check(folder: Path, run: Run) -> str:
        start = _tidied(folder)
        opened = start.unlock_with_passphrase(PASSWORD)
        try:
            _everything_there(opened.store)
        finally:
            opened.close()
        made = target(folder)
        assert not list(folder.glob("backups/.*.partial")), "a half-made backup was left"
        if made.exists():
            review = backup.review_backup(made, data_key=key)
            assert review.ok, f"a backup under its final name is not whole: {review.problem}"
        if "made" in run.out:
            assert made.exists(), "an acknowledged backup is missing"
            return "done"
        return "backup whole" if made.exists() else "no backup, data whole"

    kill_at_every_write(
        tmp_path,
        work,
        Work("a backup", _BACKUP, lambda f: [str(f), PASSWORD, str(target(f))], check),
        default=3,
    )


# --- a keyring/password switch -------------------------------------------------------------------

_SWITCH = _FILE_KEYRING + textwrap.dedent(
    """
    import sys
    from companion.keys import KeyringVault
    from companion.profile import Profile
    folder, store_file, password, key = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    profile = Profile(folder, KeyringVault(backend=FileKeyring(store_file)))
    profile.keys.use_passphrase(bytes.fromhex(key), password)
    print("passphrase", flush=True)
    profile.keys.use_keyring(bytes.fromhex(key))
    print("keyring", flush=True)
    """
)


def test_a_keyring_and_password_switch_killed_at_each_write_call(tmp_path: Path) -> None:
    namespace: dict[str, object] = {}
    exec(_FILE_KEYRING, namespace)  # the same keyring class as the child's
    work = tmp_path / "work"

    def vault(folder: Path) -> KeyringVault:
        return KeyringVault(backend=namespace["FileKeyring"](folder / "keyring.json"))  # type: ignore[operator]

    unlocked = Profile(work / "profile", vault(work)).create("keyring")
    unlocked.store.set_setting("user_name", "Ada")
    code, key = unlocked.recovery_code or "", unlocked.data_key
    unlocked.close()

    def check(folder: Path, run: Run) -> str:
        start = _tidied(folder / "profile", vault(folder))
        state = start.state()
        if state is ProfileState.KEYRING:
            opened = start.unlock_with_keyring()
        else:
            opened = start.unlock_with_passphrase(PASSWORD)
            ring = folder / "keyring.json"
            left = json.loads(ring.read_text()) if ring.exists() else {}
            assert left == {}, "a key was left in the keyring after a switch to a password"
        try:
            assert opened.store.integrity().ok
            assert opened.store.get_setting("user_name") == "Ada"
        finally:
            opened.close()
        Profile(folder / "profile", vault(folder)).unlock_with_recovery_code(code).close()
        assert not list((folder / "profile").glob(".keys.json.*.tmp"))
        if "keyring" in run.out.split():
            assert state is ProfileState.KEYRING
            return "done"
        if state is ProfileState.PASSPHRASE:
            return "opened with the password"
        return "opened from the keyring"

    kill_at_every_write(
        tmp_path,
        work,
        Work(
            "a keyring/password switch",
            _SWITCH,
            lambda f: [str(f / "profile"), str(f / "keyring.json"), PASSWORD, key.hex()],
            check,
        ),
        default=3,
    )


# --- a re-key ----------------------------------------------------------------------------------

_REKEY = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from companion.profile import Profile
    profile = Profile(Path(sys.argv[1]))
    unlocked = profile.unlock_with_passphrase(sys.argv[2])
    profile.rekey(unlocked, sys.argv[4], sys.argv[3]).close()
    print("rekeyed", flush=True)
    """
)
NEW_CODE = new_recovery_code()


def test_a_rekey_killed_at_each_write_call_opens_the_old_way_or_the_new(tmp_path: Path) -> None:
    work = tmp_path / "work"
    old_code, _key = _passphrase_profile(work)

    def check(folder: Path, run: Run) -> str:
        start = _tidied(folder)
        try:
            opened = start.unlock_with_passphrase(NEW_PASSWORD)
            way, code = "new", NEW_CODE
        except WrongSecret:
            opened = start.unlock_with_passphrase(PASSWORD)
            way, code = "old", old_code
        try:
            _everything_there(opened.store)
        finally:
            opened.close()
        Profile(folder).unlock_with_recovery_code(code).close()
        assert not list(folder.glob(".companion.db.rekey*")) and not list(folder.glob("*.next"))
        if "rekeyed" in run.out:
            assert way == "new", "an acknowledged re-key was undone"
            return "done"
        return f"opened the {way} way"

    kill_at_every_write(
        tmp_path,
        work,
        Work("a re-key", _REKEY, lambda f: [str(f), PASSWORD, NEW_PASSWORD, NEW_CODE], check),
        default=3,
    )


_REKEY_KEYRING = _FILE_KEYRING + textwrap.dedent(
    """
    import sys
    from companion.keys import KeyringVault
    from companion.profile import Profile
    profile = Profile(Path(sys.argv[1]), KeyringVault(backend=FileKeyring(sys.argv[2])))
    unlocked = profile.unlock_with_keyring()
    profile.rekey(unlocked, sys.argv[3]).close()
    print("rekeyed", flush=True)
    """
)


def test_a_rekey_of_a_keyring_profile_killed_at_each_write_call(tmp_path: Path) -> None:
    namespace: dict[str, object] = {}
    exec(_FILE_KEYRING, namespace)
    work = tmp_path / "work"

    def vault(folder: Path) -> KeyringVault:
        return KeyringVault(backend=namespace["FileKeyring"](folder / "keyring.json"))  # type: ignore[operator]

    unlocked = Profile(work / "profile", vault(work)).create("keyring")
    with unlocked.store.transaction():
        unlocked.store.set_setting("user_name", "Ada")
        for n in range(40):
            unlocked.store.set_setting(f"row-{n}", "x" * 300)
    old_code, old_key = unlocked.recovery_code or "", unlocked.data_key
    unlocked.close()

    def check(folder: Path, run: Run) -> str:
        start = _tidied(folder / "profile", vault(folder))
        assert start.state() is ProfileState.KEYRING
        opened = start.unlock_with_keyring()
        try:
            _everything_there(opened.store)
            way = "old" if opened.data_key == old_key else "new"
        finally:
            opened.close()
        code = old_code if way == "old" else NEW_CODE
        Profile(folder / "profile", vault(folder)).unlock_with_recovery_code(code).close()
        ring = json.loads((folder / "keyring.json").read_text())
        assert len(ring) == 1, f"the keyring holds {len(ring)} keys after the next start"
        assert not list((folder / "profile").glob(".companion.db.rekey*"))
        if "rekeyed" in run.out:
            assert way == "new", "an acknowledged re-key was undone"
            return "done"
        return f"opened the {way} way"

    kill_at_every_write(
        tmp_path,
        work,
        Work(
            "a re-key of a keyring profile",
            _REKEY_KEYRING,
            lambda f: [str(f / "profile"), str(f / "keyring.json"), NEW_CODE],
            check,
        ),
        default=2,
    )
