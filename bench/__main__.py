"""Companion's benchmark: ``python -m bench`` prints ``name: value`` lines.

    .venv/bin/python -m bench            # the full run (5 alternating runs; a few minutes)
    .venv/bin/python -m bench --quick    # shows it still works (CI): 1 run, a small "large" profile
    .venv/bin/python -m bench --xvfb 25  # paint on a real X server (Xvfb :25) instead of offscreen

See bench/README.md for what each line means and how it is measured. This
process imports only the standard library and does all heavy work in child
processes, so that the peak memory the OS reports for each child is the
child's own (a child's ``ru_maxrss`` starts from its parent's peak: it
survives ``fork`` and ``exec``).
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
KEYRING_TOOL = ROOT / "tools" / "with-test-keyring"
MARK = "COMPANION_PAINTED "
# The `companion` command is `ui.launch:main` (pyproject's gui-scripts): start it that way.
COMPANION = "import sys; from ui.launch import main; sys.exit(main())"
BUDGET = {
    "start_ratio": 1.5,
    "rss_ratio": 1.5,
    "large_start_ratio": 2.0,
    "today_ms": 16,
    "search_keystroke_ms": 16,
    "ui_max_stall_ms": 100,
}


class Started:
    """One process started until it painted: seconds from the spawn, and its peak memory."""

    def __init__(self, seconds: float, max_rss_kib: int) -> None:
        self.seconds = seconds
        self.max_rss_kib = max_rss_kib


def start_once(command: list[str], env: dict[str, str], timeout: float = 120.0) -> Started:
    """Start ``command``, wait for its paint mark and its exit; the OS's figures for it.

    The peak memory comes from ``os.wait4`` on this very child (not RUSAGE_CHILDREN,
    which is the largest of all children so far).
    """
    with tempfile.TemporaryFile() as errors:
        started = time.monotonic()
        child = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=errors, env=env, cwd=ROOT, text=True
        )
        killer = threading.Timer(timeout, child.kill)
        killer.start()
        try:
            assert child.stdout is not None
            output = child.stdout.read()
            _pid, status, usage = os.wait4(child.pid, 0)
        finally:
            killer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        said = errors.read().decode(errors="replace")
    painted = [line for line in output.splitlines() if line.startswith(MARK)]
    if not painted or child.returncode != 0:
        raise RuntimeError(
            f"{command[-1]} did not paint (exit {child.returncode}):\n{output}\n{said}"
        )
    return Started(float(painted[0][len(MARK) :]) - started, usage.ru_maxrss)


def run_module(
    args: list[str], env: dict[str, str], timeout: float | None = None, cwd: Path = ROOT
) -> dict[str, str]:
    """Run ``python -m bench.X`` in ``cwd`` (its code and its copy of the benchmark: ``-m``
    puts the working folder first on the path); its ``name: value`` lines."""
    done = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-m", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{cwd}: {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    found = {}
    for line in done.stdout.splitlines():
        name, _sep, value = line.partition(": ")
        if _sep:
            found[name] = value
    return found


def own_peak_kib() -> int:
    """This process's peak resident memory: the floor every child's figure starts from."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def under_keyring(argv: list[str]) -> None:
    """Re-run inside a private D-Bus session with gnome-keyring, unless already there."""
    if os.environ.get("COMPANION_TEST_KEYRING") == "1" or os.environ.get("COMPANION_BENCH_INNER"):
        return
    if not KEYRING_TOOL.exists():
        return
    os.environ["COMPANION_BENCH_INNER"] = "1"
    os.execv(str(KEYRING_TOOL), [str(KEYRING_TOOL), sys.executable, "-m", "bench", *argv])


def start_xvfb(display: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        ["Xvfb", f":{display}", "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    socket = Path(f"/tmp/.X11-unix/X{display}")
    for _ in range(100):
        if socket.exists():
            return server
        time.sleep(0.05)
    server.kill()
    raise RuntimeError(f"Xvfb :{display} did not start")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one run, a small large profile")
    parser.add_argument("--runs", type=int, help="alternating start-up runs (default 5)")
    parser.add_argument("--scale", type=float, help="size of the large profile (default 1.0)")
    parser.add_argument("--xvfb", type=int, metavar="N", help="paint on Xvfb :N, not offscreen")
    args = parser.parse_args(argv)
    under_keyring(argv)
    runs = args.runs or (1 if args.quick else 5)
    scale = args.scale or (0.02 if args.quick else 1.0)

    env = dict(os.environ, PYTHONPATH=str(ROOT), COMPANION_BENCH_MARK="1")
    env.pop("COMPANION_PASSPHRASE", None)
    scratch = Path(tempfile.mkdtemp(prefix="companion-bench-"))
    # An installed Companion runs from compiled bytecode (pip compiles it); so do the children,
    # cached in the scratch folder (the first, warming, start writes it), never in the tree.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    server = None
    if args.xvfb is not None:
        server = start_xvfb(args.xvfb)
        env.update(DISPLAY=f":{args.xvfb}", QT_QPA_PLATFORM="xcb")
    else:
        env["QT_QPA_PLATFORM"] = "offscreen"
    lines: dict[str, str] = {}
    try:
        small, large, vcard = scratch / "small", scratch / "large", scratch / "people.vcf"
        made = time.monotonic()
        run_module(["bench.profiles", "small", str(small)], env)
        sizes = run_module(["bench.profiles", "large", str(large), "--scale", str(scale)], env)
        run_module(["bench.profiles", "vcard", str(vcard), "--scale", str(scale)], env)
        profile_seconds = time.monotonic() - made

        empty_cmd = [sys.executable, str(ROOT / "bench" / "empty_window.py")]
        small_cmd = [sys.executable, "-c", COMPANION, "--data-dir", str(small)]
        large_cmd = [sys.executable, "-c", COMPANION, "--data-dir", str(large)]
        for command in (empty_cmd, small_cmd, large_cmd):  # warm the disk cache for each
            start_once(command, env)
        empty: list[Started] = []
        app: list[Started] = []
        big: list[Started] = []
        for _ in range(runs):  # alternating, so a slow moment of the machine hits all three
            empty.append(start_once(empty_cmd, env))
            app.append(start_once(small_cmd, env))
            big.append(start_once(large_cmd, env))

        def seconds(found: list[Started]) -> float:
            return statistics.median(s.seconds for s in found)

        def rss(found: list[Started]) -> float:
            return statistics.median(s.max_rss_kib for s in found)

        lines["start_ratio"] = f"{seconds(app) / seconds(empty):.2f}"
        lines["rss_ratio"] = f"{rss(app) / rss(empty):.2f}"
        lines["large_start_ratio"] = f"{seconds(big) / seconds(empty):.2f}"
        lines["large_rss_ratio"] = f"{rss(big) / rss(empty):.2f}"
        lines["empty_start_s"] = f"{seconds(empty):.3f}"
        lines["start_s"] = f"{seconds(app):.3f}"
        lines["large_start_s"] = f"{seconds(big):.3f}"
        lines["empty_rss_mib"] = f"{rss(empty) / 1024:.0f}"
        lines["rss_mib"] = f"{rss(app) / 1024:.0f}"
        lines["large_rss_mib"] = f"{rss(big) / 1024:.0f}"
        for name in ("start_ratio", "rss_ratio", "large_start_ratio"):  # said as soon as known
            print(f"{name}: {lines[name]}", flush=True)

        plan_limit = 60 if args.quick else 300
        try:
            lines.update(run_module(["bench.plan", str(large)], env, timeout=plan_limit))
        except subprocess.TimeoutExpired:
            lines["plan_pdf_s"] = f">{plan_limit} (stopped)"

        inside_args = ["bench.inside", str(large), str(vcard), "--runs", str(max(3, 3 * runs))]
        kept = scratch / "large-before-inside"
        shutil.copytree(large, kept)  # the import changes it; a retry starts from this copy
        crashes = 0
        while True:  # PySide6 crashes now and then in cross-thread signals: said, not hidden
            try:
                inside = run_module(inside_args, env)
                break
            except RuntimeError as error:
                crashes += 1
                print(f"bench.inside crashed ({crashes}):\n{error}", file=sys.stderr)
                if crashes >= 3:
                    raise
                shutil.rmtree(large)
                shutil.copytree(kept, large)
        lines["inside_crashes"] = str(crashes)
        lines.update(inside)
        lines["runs"] = str(runs)
        lines["large_people"] = sizes.get("people", "?")
        lines["large_contacts"] = sizes.get("contacts", "?")
        lines["profiles_made_s"] = f"{profile_seconds:.1f}"
        lines["bench_process_peak_mib"] = f"{own_peak_kib() / 1024:.0f}"
        lines["paint"] = f"xvfb :{args.xvfb}" if args.xvfb is not None else "offscreen"
    finally:
        if server is not None:
            server.terminate()
            server.wait()
        shutil.rmtree(scratch, ignore_errors=True)

    order = [
        "start_ratio",
        "rss_ratio",
        "large_start_ratio",
        "today_ms",
        "search_keystroke_ms",
        "reminders_next_due_ms",
        "import_10k_vcard_s",
        "ui_max_stall_ms",
        "plan_pdf_s",
    ]
    over = []
    for name in order + [n for n in lines if n not in order]:
        value = lines.get(name, "n/a")
        if name not in ("start_ratio", "rss_ratio", "large_start_ratio"):
            print(f"{name}: {value}")
        budget = BUDGET.get(name)
        if budget is not None and value != "n/a" and float(value) > budget:
            over.append(f"{name} > {budget:g}")
    print(f"over_budget: {', '.join(over) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
