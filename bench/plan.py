"""The printable plan (ui/reports/plan.py) written once from a profile: ``plan_pdf_s``.

    python -m bench.plan PROFILE_DIR

Its own process, so that the benchmark can stop it after a time limit and say so.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    try:
        from ui.reports.plan import ensure_gui, write_plan
    except ImportError:
        print("plan_pdf_s: n/a")
        return 0
    from companion.profile import Profile

    ensure_gui()
    from bench.inside import pyside_drops_references

    pyside_drops_references()  # a long report makes many Qt calls: see bench/inside.py
    unlocked = Profile(Path(args[0])).unlock_with_keyring()
    with tempfile.TemporaryDirectory(prefix="companion-bench-") as scratch:
        started = time.perf_counter()
        pages = write_plan(unlocked, Path(scratch) / "plan.pdf", datetime.now().astimezone())
        seconds = time.perf_counter() - started
    unlocked.close()
    print(f"plan_pdf_s: {seconds:.2f}")
    print(f"plan_pdf_pages: {pages}")
    sys.stdout.flush()
    os._exit(0)  # PySide6 can crash while tearing down at exit; everything is written


if __name__ == "__main__":
    raise SystemExit(main())
