"""Only the stalls, old code against new, alternating: ``python -m bench.stalls``.

    .venv/bin/python -m bench.stalls [OLD_TREE ...] [--runs 5] [--scale 1.0]

Makes the large profile and the 10,000-person vCard file once (as ``python -m bench``
does, with this tree's code), then runs ``bench.inside`` from each tree in turn (each
OLD_TREE, e.g. ``git archive HEAD | tar -x -C DIR``, then this tree), every time on a
fresh copy of the profile, so a slow moment of the machine hits both. Prints one line
per run (with the load average then) and the medians per tree: ``ui_stall_import_ms``,
``ui_stall_backup_ms``, ``import_redraw_ms``, the UI thread's own processor time in each
longest stall, and how long the import and the backup took. A few minutes a run less than
``python -m bench``: no start-ups, no plan PDF.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from bench.__main__ import KEYRING_TOOL, ROOT, run_module

FIGURES = (
    "ui_stall_import_ms",
    "ui_stall_backup_ms",
    "import_redraw_ms",
    "ui_stall_import_ui_cpu_ms",
    "ui_stall_backup_ui_cpu_ms",
    "import_10k_vcard_s",
    "backup_s",
)


def load_average() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="python -m bench.stalls", description=__doc__)
    parser.add_argument("old", nargs="*", type=Path, help="copies of older code to compare")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args(argv)
    if os.environ.get("COMPANION_TEST_KEYRING") != "1" and KEYRING_TOOL.exists():
        os.execv(
            str(KEYRING_TOOL),
            [str(KEYRING_TOOL), sys.executable, "-m", "bench.stalls", *argv],
        )
    trees = [tree.resolve() for tree in args.old] + [ROOT]
    scratch = Path(tempfile.mkdtemp(prefix="companion-stalls-"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: compiled once, then from .pyc
    try:
        large, kept, vcard = scratch / "large", scratch / "kept", scratch / "people.vcf"
        # Made by the oldest tree: newer code opens an older profile (it migrates its copy
        # first, before anything is measured), never the other way round.
        made = dict(env, PYTHONPATH=str(trees[0]), PYTHONPYCACHEPREFIX=str(scratch / "pyc-0"))
        for kind, path in (("large", large), ("vcard", vcard)):
            run_in(trees[0], ["bench.profiles", kind, str(path), "--scale", str(args.scale)], made)
        shutil.copytree(large, kept)
        found: dict[Path, list[dict[str, str]]] = {tree: [] for tree in trees}
        for run in range(1, args.runs + 1):
            for number, tree in enumerate(trees):
                shutil.rmtree(large)
                shutil.copytree(kept, large)  # the import changes it: each run from the same
                own = dict(
                    env, PYTHONPATH=str(tree), PYTHONPYCACHEPREFIX=str(scratch / f"pyc-{number}")
                )
                load = load_average()
                lines = run_in(tree, ["bench.inside", str(large), str(vcard), "--runs", "3"], own)
                found[tree].append(lines)
                shown = " ".join(f"{name}={lines.get(name, '-')}" for name in FIGURES)
                print(f"run {run} load {load} {tree}: {shown}", flush=True)
        for tree in trees:
            print(f"medians of {args.runs} for {tree}:")
            for name in FIGURES:
                values = [float(lines[name]) for lines in found[tree] if name in lines]
                if values:
                    print(f"  {name}: {statistics.median(values):g}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


def run_in(tree: Path, args: list[str], env: dict[str, str]) -> dict[str, str]:
    """``python -m ARGS`` run from ``tree``, with its own code and its own copy of the benchmark."""
    return run_module(args, env, timeout=900, cwd=tree)


if __name__ == "__main__":
    raise SystemExit(main())
