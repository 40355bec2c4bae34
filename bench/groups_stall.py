"""The window while 20,000 places are added: the longest time its event loop did not run.

    .venv/bin/python bench/groups_stall.py     (offscreen; prints groups_import_max_stall_ms)

A demo profile, the Groups page showing, 20,000 places written by the same operation the
import dialog uses (off the UI thread, with progress), and a 5 ms timer on the UI thread
recording the longest gap between its ticks, the redraw after the import included.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    from PySide6.QtCore import QEventLoop, QTimer

    from companion import demo, groups
    from companion.interchange.places import ParsedPlace, PlacesRead
    from companion.profile import Profile
    from ui import actions_groups
    from ui.app import CompanionApp, create_qapplication

    profile = Profile.create_session()
    unlocked = profile.create("session")
    demo.fill(unlocked, datetime.now().astimezone())
    profile.lock.acquire()
    qapp = create_qapplication(["companion"])
    app = CompanionApp(qapp, profile)
    app.open_main_window(unlocked, start_reminders=False)
    assert app.window is not None and app.session is not None
    app.window.show_page("groups")  # type: ignore[attr-defined]
    for _ in range(5):
        qapp.processEvents()
    read = PlacesRead("osm")
    for i in range(20_000):
        read.places.append(
            ParsedPlace(
                ref=f"osm:node/{i}",
                name=f"Hall {i}",
                category="community_centre",
                lat=52.0 + (i % 200) * 0.001,
                lon=-0.7 + (i // 200) * 0.001,
                tags={"amenity": "community_centre"},
            )
        )
    preview = groups.preview_import(app.session.store, read, "county.osm")
    gaps = [0.0]
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps[0] = max(gaps[0], now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    loop = QEventLoop()
    last[0] = time.perf_counter()
    timer.start()
    actions_groups.import_places(
        app.session, app.window, preview, done=lambda _r: QTimer.singleShot(50, loop.quit)
    )
    loop.exec()
    timer.stop()
    print(f"groups_import_max_stall_ms: {gaps[0] * 1000:.0f}")
    app.quit()
    unlocked.close()
    profile.discard()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
