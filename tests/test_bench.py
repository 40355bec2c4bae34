"""The benchmark still works: ``python -m bench --quick`` prints every line it promises.

The numbers themselves are not asserted (they depend on the machine and its load);
bench/README.md has them. What is asserted is that each measurement ran and gave a
number, and that start-up is measured from outside each process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.__main__ import MARK, start_once

ROOT = Path(__file__).resolve().parent.parent
PROMISED = (
    "start_ratio",
    "rss_ratio",
    "large_start_ratio",
    "today_ms",
    "search_keystroke_ms",
    "reminders_next_due_ms",
    "import_10k_vcard_s",
    "ui_max_stall_ms",
)


def test_quick_run_prints_every_measurement() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    found = dict(line.split(": ", 1) for line in done.stdout.splitlines() if ": " in line)
    for name in PROMISED:
        assert float(found[name]) > 0, f"{name}: {found.get(name)}"
    plan = found["plan_pdf_s"]
    assert plan == "n/a" or plan.endswith("(stopped)") or float(plan) > 0
    assert "over_budget" in found
    # The people import really wrote people, and each start painted Today with the data.
    assert int(found["import_people_added"]) > 0
    assert float(found["start_s"]) > float(found["empty_start_s"]) * 0.5


def test_a_start_is_timed_until_the_paint_mark_and_its_own_memory_is_read(tmp_path: Path) -> None:
    eat = (
        "import sys, time; block = bytearray(200 * 1024 * 1024); block[::4096] = b'x' * "
        f"len(block[::4096]); print('{MARK}' + str(time.monotonic()), flush=True)"
    )
    big = start_once([sys.executable, "-c", eat], dict(os.environ))
    assert 0 < big.seconds < 60
    assert big.max_rss_kib >= 200 * 1024  # the child's own peak, from wait4 on that child


def test_a_start_that_never_paints_says_so() -> None:
    with pytest.raises(RuntimeError, match="did not paint"):
        start_once([sys.executable, "-c", "print('no paint here')"], dict(os.environ))


def test_memory_is_read_inside_the_process_at_its_paint_mark() -> None:
    from bench.memory import REPORT, report

    eat = (
        "import time; block = bytearray(120 * 1024 * 1024); block[::4096] = b'x' * "
        f"len(block[::4096]); print('{MARK}' + str(time.monotonic()), flush=True)"
    )
    lines = report([sys.executable, "-c", REPORT + eat], dict(os.environ, BENCH_MEMORY_TOP="5"))
    found = dict(line.split(": ", 1) for line in lines if ": " in line)
    assert int(found["VmHWM"].split()[0]) >= 120 * 1024  # the 120 MiB written before the mark
    mappings = [line for line in lines if line.startswith("mapping ")]
    assert 0 < len(mappings) <= 5
    assert int(mappings[0].split()[1]) >= 120 * 1024  # the largest first: the block itself


def test_a_cpu_start_that_waits_for_ever_is_stopped_and_named(monkeypatch, tmp_path: Path) -> None:
    """A start that shows a dialog instead of Today would wait for a click: bench.cpu stops
    it and says so, instead of the whole run hanging."""
    import time

    import bench.cpu

    monkeypatch.setattr(bench.cpu, "STALLED_S", 1.0)
    began = time.monotonic()
    with pytest.raises(RuntimeError, match="did not paint within 1 s"):
        bench.cpu.start(
            [sys.executable, "-c", "import time; time.sleep(60)"], dict(os.environ), tmp_path
        )
    assert time.monotonic() - began < 30
