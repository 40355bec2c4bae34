"""Where start-up memory goes, at the first paint: ``python -m bench.memory``.

    tools/with-test-keyring .venv/bin/python -m bench.memory [--python-objects] [--top 25]

Starts the empty window and Companion (on an everyday keyring profile made for the run),
each as ``bench.cpu`` starts them, and at each one's paint mark prints, from inside the
process: the peak and current resident memory with its anonymous and file-backed parts
(``/proc/self/status``; the peak is normally the paint itself), resident memory per mapping
(``/proc/self/smaps``: each library, the heap, other anonymous memory), SQLite's own
memory (``sqlite3_memory_used``: every connection's page cache is in it) and how many
connections have the data file open. ``--python-objects`` also traces Python's
allocations (``tracemalloc``, which slows the start) and prints the lines that hold most.
Compare the two columns: the budget is 1.5 times the empty window's peak.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.cpu import MARK, ROOT

# Runs inside each child, before anything else: at the paint mark it writes its report to
# stderr, between two marker lines.
REPORT = r"""
import os, re, sys, collections
if os.environ.get("BENCH_MEMORY_TRACE"):
    import tracemalloc
    tracemalloc.start()
_write = sys.stdout.write
def _report():
    top = int(os.environ.get("BENCH_MEMORY_TOP", "25"))
    out = ["BENCH_MEMORY_BEGIN"]
    status = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
    for key in ("VmHWM", "VmRSS", "RssAnon", "RssFile", "Threads"):
        out.append(f"{key}: {status.get(key, '?').strip()}")
    resident = collections.Counter()
    name = None
    for line in open("/proc/self/smaps"):
        parts = line.split()
        if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
            name = parts[5] if len(parts) > 5 else "[other anonymous]"
        elif parts and parts[0] == "Rss:":
            resident[name] += int(parts[1])
    for mapping, kib in resident.most_common(top):
        out.append(f"mapping {kib:7d} KiB {mapping}")
    sqlcipher = sys.modules.get("sqlcipher3._sqlite3")
    if sqlcipher is not None:
        import ctypes
        library = ctypes.CDLL(sqlcipher.__file__)
        library.sqlite3_memory_used.restype = ctypes.c_int64
        out.append(f"sqlite_memory_kib: {library.sqlite3_memory_used() // 1024}")
        opened = 0
        for fd in os.listdir("/proc/self/fd"):
            try:
                opened += os.readlink(f"/proc/self/fd/{fd}").endswith("companion.db")
            except OSError:
                pass
        out.append(f"sqlite_connections: {opened}")
    out.append(f"modules: {len(sys.modules)}")
    if os.environ.get("BENCH_MEMORY_TRACE"):
        import tracemalloc
        snapshot = tracemalloc.take_snapshot()
        out.append(f"python_objects_kib: {tracemalloc.get_traced_memory()[0] // 1024}")
        for stat in snapshot.statistics("lineno")[:top]:
            out.append(f"python {stat.size // 1024:7d} KiB {stat.count:7d} {stat.traceback[0]}")
    out.append("BENCH_MEMORY_END")
    sys.stderr.write("\n".join(out) + "\n")
    sys.stderr.flush()
def _noted(text, _write=_write):
    if text.startswith(MARK):
        _report()
    return _write(text)
sys.stdout.write = _noted
""".replace("MARK", repr(MARK))

COMPANION = REPORT + "from ui.launch import main; sys.exit(main())"
EMPTY = REPORT + "import runpy; runpy.run_path(sys.argv[1], run_name='__main__')"


def report(command: list[str], env: dict[str, str]) -> list[str]:
    """The lines one start wrote at its paint mark (twice: the first start writes bytecode)."""
    for _ in range(2):
        result = subprocess.run(
            command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=300
        )
    if MARK not in result.stdout:
        raise RuntimeError(f"it did not paint:\n{result.stdout}\n{result.stderr[-2000:]}")
    lines = result.stderr.splitlines()
    return lines[lines.index("BENCH_MEMORY_BEGIN") + 1 : lines.index("BENCH_MEMORY_END")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.memory")
    parser.add_argument("--python-objects", action="store_true", help="trace Python's objects")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="companion-memory-"))
    try:
        env = dict(
            os.environ,
            COMPANION_BENCH_MARK="1",
            QT_QPA_PLATFORM="offscreen",
            PYTHONPATH=str(ROOT),
            PYTHONPYCACHEPREFIX=str(scratch / "pycache"),
            BENCH_MEMORY_TOP=str(args.top),
        )
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.pop("COMPANION_PASSPHRASE", None)
        if args.python_objects:
            env["BENCH_MEMORY_TRACE"] = "1"
        small = scratch / "small"
        subprocess.run(
            [sys.executable, "-m", "bench.profiles", "small", str(small)],
            env=env,
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        empty = [sys.executable, "-c", EMPTY, str(ROOT / "bench" / "empty_window.py")]
        companion = [sys.executable, "-c", COMPANION, "--data-dir", str(small)]
        for name, command in (("empty window", empty), ("companion", companion)):
            print(f"== {name}", flush=True)
            for line in report(command, env):
                print(line, flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
