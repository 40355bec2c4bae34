"""The Energy page and its dialogs fit, in a real X window, at 100% and 200%, in English,
German and Arabic: no overlap, no cut words, nothing off screen (tests/ui/layout_probe.py's
checks), with the demo's weeks and a kind warning showing.

Run as a script it is the probe itself; the test starts it under its own Xvfb.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

HERE = Path(__file__).resolve()
ROOT = HERE.parents[2]


@pytest.mark.real_window
@pytest.mark.slow
def test_energy_page_and_dialogs_fit_the_screen(tmp_path):
    from test_layout import run_probe

    assert run_probe(HERE, "1366x768", tmp_path) == {}


def probe(out: Path) -> None:  # pragma: no cover - runs in the child process
    sys.path.insert(0, str(HERE.parent))
    sys.path.insert(0, str(ROOT))
    from layout_probe import faults, settle

    from companion import demo as demo_data
    from companion import planner
    from companion.profile import Profile
    from ui.app import CompanionApp, create_qapplication
    from ui.dialogs.commitment import CommitmentDialog
    from ui.dialogs.energy_boundary import BoundaryDialog
    from ui.dialogs.energy_budget import BudgetDialog
    from ui.dialogs.energy_pause import PauseDialog
    from ui.dialogs.scripts import ScriptsDialog

    profile = Profile.create_session()
    unlocked = profile.create("session")
    now = datetime.now().astimezone()
    demo_data.fill(unlocked, now)
    profile.lock.acquire()
    qapp = create_qapplication(["companion"])
    app = CompanionApp(qapp, profile)
    app.open_main_window(unlocked, start_reminders=False)
    screen = qapp.primaryScreen().availableGeometry()
    session, store = app.session, unlocked.store
    wall = now.replace(tzinfo=None, hour=12, minute=0, second=0, microsecond=0)
    heavy = planner.add(
        store,
        now,
        planner.Draft("group", "Big family lunch", wall + timedelta(days=2), cost=4),
    )

    def warned() -> CommitmentDialog:
        dialog = CommitmentDialog(session, day=heavy.starts.date())
        dialog.what.setText("Tea with Jo")
        dialog.save()
        return dialog

    makers = {
        "new": lambda: CommitmentDialog(session),
        "warned": warned,
        "existing": lambda: CommitmentDialog(session, planner.get(store, heavy.id)),
        "scripts": lambda: ScriptsDialog(session),
        "budget": lambda: BudgetDialog(session),
        "boundary": lambda: BoundaryDialog(session),
        "pause": lambda: PauseDialog(session),
    }
    report: dict[str, list[str]] = {}
    try:
        for language in ("en", "de", "ar"):
            app.set_language(language)
            for scale in (100, 200):
                app.set_text_scale(scale)
                app.window.showMaximized()
                settle()
                app.window.show_page("energy")
                settle()
                found = faults(app.window, screen)
                if found:
                    report[f"{language} {scale}% page"] = sorted(set(found))
                for name, make in makers.items():
                    dialog = make()
                    dialog.show()
                    settle()
                    found = faults(dialog, screen)
                    if found:
                        report[f"{language} {scale}% {name}"] = sorted(set(found))
                    dialog.done(0)
                    dialog.deleteLater()
                    settle()
    finally:
        out.write_text(json.dumps(report, indent=1, ensure_ascii=False), "utf-8")
        app.quit()
        unlocked.close()
        profile.discard()


if __name__ == "__main__":
    probe(Path(sys.argv[1]))
