"""Nothing lost: a writer killed with SIGKILL at random moments, again and again.

After every kill both integrity checks are clean and every write the child
acknowledged (printed after its commit returned) is there, whole.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
from pathlib import Path

import pytest

from companion.keys import new_data_key
from companion.store import Store

from .helpers import PYTHON, ROOT, child_env

KILLS = int(os.environ.get("COMPANION_FAULT_TRIALS", 25))  # more: COMPANION_FAULT_TRIALS=N

_WRITER = """
import os, sys
from pathlib import Path
from companion.store import Store

store = Store.open(Path(sys.argv[1]), bytes.fromhex(os.environ["CRASH_TEST_KEY"]))
print("ready", flush=True)
n = 0
while True:
    n += 1
    with store.transaction():
        row = store.execute(
            "INSERT INTO app_events(at, kind, detail) VALUES(?, 'crash', ?)",
            (str(n), "x" * (200 + 37 * (n % 50))),
        ).lastrowid
        # A second write in the same transaction: both are there or neither.
        store.execute("INSERT INTO settings(key, value) VALUES(?, ?)", (f"row-{row}", str(row)))
    print(row, flush=True)
"""


@pytest.mark.slow
def test_killed_writer_never_loses_an_acknowledged_write(tmp_path: Path) -> None:
    path = tmp_path / "companion.db"
    key = new_data_key()
    Store.open(path, key, create=True).close()
    env = child_env(CRASH_TEST_KEY=key.hex())
    seed = int(os.environ.get("COMPANION_FAULT_SEED", random.randrange(2**32)))
    rng = random.Random(seed)
    acknowledged: set[int] = set()

    for kill in range(KILLS):
        child = subprocess.Popen(
            [PYTHON, "-c", _WRITER, str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        assert child.stdout is not None and child.stderr is not None
        try:
            assert child.stdout.readline() == "ready\n", child.stderr.read()
            for _ in range(rng.randint(0, 40)):
                line = child.stdout.readline()
                assert line.endswith("\n"), f"writer died early: {child.stderr.read()}"
                acknowledged.add(int(line))
            os.kill(child.pid, signal.SIGKILL)
            child.wait(timeout=30)
            # Lines printed before the kill landed were acknowledged too.
            for line in child.stdout.read().splitlines(keepends=True):
                if line.endswith("\n"):
                    acknowledged.add(int(line))
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
            child.stdout.close()
            child.stderr.close()

        store = Store.open(path, key)
        try:
            report = store.integrity()
            assert report.ok, f"kill {kill} (seed {seed}): {report}"
            events = {
                row[0] for row in store.query("SELECT id FROM app_events WHERE kind = 'crash'")
            }
            paired = {int(row[0]) for row in store.query("SELECT value FROM settings")}
        finally:
            store.close()
        missing = acknowledged - events
        assert not missing, (
            f"kill {kill} (seed {seed}): acknowledged writes lost: {sorted(missing)}"
        )
        assert events == paired, f"kill {kill} (seed {seed}): a transaction was half applied"

    assert len(acknowledged) > KILLS
    print(f"writes: {KILLS} kills, {len(acknowledged)} acknowledged writes, none lost; seed {seed}")
