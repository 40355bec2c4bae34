"""Start-up in processor time, old tree against new, alternating: ``python -m bench.cpu``.

    tools/with-test-keyring .venv/bin/python -m bench.cpu OLD_TREE [--runs 7]

OLD_TREE is a copy of the code to compare with (``git archive HEAD | tar -x -C DIR``).
Each start opens the same keyring profile (made once, with the new tree's code: the
everyday one, or ``--profile large``; ``--data-dir`` starts one made before, in the same
keyring) and quits at its first paint; the figures are the child's own processor time
to its first paint (user + system, all threads: ``time.process_time()`` noted as it prints
the paint mark), its processor time for the whole run (to the paint, then quitting: from
``wait4``), its wall time to the paint mark and its
peak memory, for the empty window, the old tree and the new one, started in turn so a
slow moment of a loaded machine hits all three. Medians, and each tree's ratio to the
empty window. Processor time is what the steps cost: on a loaded machine wall time is
mostly waiting for a core.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARK = "COMPANION_PAINTED "
CPU_MARK = "COMPANION_CPU "
STALLED_S = 60.0  # a start slower than this is not a start: stopped and reported
# Each child notes its own processor time (all threads) as it prints the paint mark, the same
# way for the empty window and for any tree, old or new: the time to the first paint, without
# what quitting costs afterwards (``wait4`` counts that too; printed as "whole run").
NOTE_CPU = (
    "import sys, time\n"
    "_write = sys.stdout.write\n"
    "def _noted(text, _write=_write):\n"
    f"    if text.startswith({MARK!r}):\n"
    f"        _write(f'{CPU_MARK}{{time.process_time()}}\\n')\n"
    "    return _write(text)\n"
    "sys.stdout.write = _noted\n"
)
COMPANION = NOTE_CPU + "from ui.launch import main; sys.exit(main())"
EMPTY = NOTE_CPU + "import runpy; runpy.run_path(sys.argv[1], run_name='__main__')"


def start(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, int, float]:
    """Processor seconds to the paint, wall seconds to the paint, peak KiB, and processor
    seconds of the whole run (to the paint, then quitting) of one start."""
    began = time.monotonic()
    child = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=cwd, text=True
    )
    assert child.stdout is not None
    # A start that shows a dialog instead of Today (the keyring not answering, say) would wait
    # for a click for ever: it is stopped and named instead of the whole run hanging.
    stopper = threading.Timer(STALLED_S, child.kill)
    stopper.start()
    output = child.stdout.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    stopper.cancel()
    if time.monotonic() - began >= STALLED_S:
        raise RuntimeError(f"{cwd} did not paint within {STALLED_S:.0f} s (a dialog?):\n{output}")
    painted = [line for line in output.splitlines() if line.startswith(MARK)]
    if not painted or os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{cwd} did not paint:\n{output}")
    wall = float(painted[0][len(MARK) :]) - began
    noted = [line for line in output.splitlines() if line.startswith(CPU_MARK)]
    whole = usage.ru_utime + usage.ru_stime
    cpu = float(noted[0][len(CPU_MARK) :]) if noted else whole
    return cpu, wall, usage.ru_maxrss, whole


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cpu")
    parser.add_argument("old", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--profile", choices=("small", "large"), default="small")
    parser.add_argument(
        "--data-dir", type=Path, help="start this profile instead of making one (same keyring)"
    )
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="companion-cpu-"))
    try:
        env = dict(os.environ, COMPANION_BENCH_MARK="1", QT_QPA_PLATFORM="offscreen")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.pop("COMPANION_PASSPHRASE", None)
        small = args.data_dir.resolve() if args.data_dir else scratch / args.profile
        if args.data_dir is None:
            subprocess.run(
                [sys.executable, "-m", "bench.profiles", args.profile, str(small)],
                env=dict(env, PYTHONPATH=str(ROOT)),
                cwd=ROOT,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        trees = {"old": args.old.resolve(), "new": ROOT}
        commands: dict[str, tuple[list[str], dict[str, str], Path]] = {
            "empty": (
                [sys.executable, "-c", EMPTY, str(ROOT / "bench" / "empty_window.py")],
                dict(env, PYTHONPATH=str(ROOT), PYTHONPYCACHEPREFIX=str(scratch / "pc-new")),
                ROOT,
            )
        }
        for name, tree in trees.items():
            commands[name] = (
                [sys.executable, "-c", COMPANION, "--data-dir", str(small)],
                dict(env, PYTHONPATH=str(tree), PYTHONPYCACHEPREFIX=str(scratch / f"pc-{name}")),
                tree,
            )
        for command, cenv, cwd in commands.values():  # bytecode written, disk cache warm
            start(command, cenv, cwd)
        found: dict[str, list[tuple[float, float, int, float]]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, (command, cenv, cwd) in commands.items():
                found[name].append(start(command, cenv, cwd))
        med = {
            name: [statistics.median(run[i] for run in runs) for i in range(4)]
            for name, runs in found.items()
        }
        for name, (cpu, wall, rss, whole) in med.items():
            line = (
                f"{name}: cpu {cpu * 1000:.0f} ms, wall {wall * 1000:.0f} ms, "
                f"rss {rss / 1024:.0f} MiB, whole run cpu {whole * 1000:.0f} ms"
            )
            if name != "empty":
                e = med["empty"]
                line += (
                    f" | ratios cpu {cpu / e[0]:.2f}, wall {wall / e[1]:.2f}, "
                    f"rss {rss / e[2]:.2f}, whole run cpu {whole / e[3]:.2f}"
                )
            print(line, flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
