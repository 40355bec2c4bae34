"""Long work's ending: the window runs between saying it is done and the pages' redraw."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from ui.ops import Change, Changes


def test_after_long_work_the_window_runs_between_saying_it_and_redrawing(qtbot, app_with_window):
    ops = app_with_window.session.ops
    order: list[str] = []
    ops.executed.connect(lambda changes: order.append("redraw"))
    ops.said.connect(lambda text, _undo: order.append(text))

    def done(result: int) -> None:
        order.append(f"done with {result}")
        # What the window does next (a layout, a paint, a key) comes before the redraw.
        QTimer.singleShot(0, lambda: order.append("the window ran"))

    def work(store, progress, cancelled):
        progress(1, 1)
        return 3

    ops.run_in_background(
        None,
        work,
        Change.PEOPLE,
        title="Working",
        say=lambda count: f"Added {count} people.",
        done=done,
    )
    qtbot.waitUntil(lambda: len(order) == 4)
    assert order == ["Added 3 people.", "done with 3", "the window ran", "redraw"]


def test_a_step_that_fails_does_not_keep_the_next_from_running(qtbot, app_with_window):
    ops = app_with_window.session.ops
    finished: list[object] = []

    redrawn: list[Changes] = []

    def broken_done(result: str) -> None:
        finished.append(result)
        raise RuntimeError("a bug in what came next")

    ops.executed.connect(redrawn.append)
    with qtbot.capture_exceptions() as failures:
        ops.run_in_background(
            None, lambda s, p, c: "saved", Change.PEOPLE, title="Working", done=broken_done
        )
        qtbot.waitUntil(lambda: redrawn != [])
    assert finished == ["saved"]  # the pages were redrawn all the same
    assert [str(failure[1]) for failure in failures] == ["a bug in what came next"]


def test_keys_pressed_while_a_slow_operation_holds_the_window_are_dropped(qtbot, app_with_window):
    """Enter pressed again on a parent password that seemed to do nothing was run afterwards
    on whatever had the keys by then (it locked the parent view at once). A slow operation
    shows the waiting pointer, and what was typed meanwhile is dropped, not run later."""
    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtGui import QGuiApplication, QKeyEvent
    from PySide6.QtWidgets import QPushButton

    ops = app_with_window.session.ops
    pressed: list[str] = []
    button = QPushButton("Lock the parent view")
    qtbot.addWidget(button)
    button.clicked.connect(lambda: pressed.append("lock"))
    cursors: list[object] = []

    def work(store: object) -> str:
        cursor = QGuiApplication.overrideCursor()
        cursors.append(cursor.shape() if cursor is not None else None)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):  # Space, as it arrives
            QCoreApplication.postEvent(
                button, QKeyEvent(kind, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier, " ")
            )
        return "done"

    assert ops.run(None, work, Change.NONE, slow=True) == "done"
    assert cursors == [Qt.CursorShape.WaitCursor]
    assert QGuiApplication.overrideCursor() is None
    QCoreApplication.processEvents()
    assert pressed == []
    # The same key made when nothing is working does press the button (the test can fail).
    ops.run(None, lambda store: "quick", Change.NONE)
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QCoreApplication.postEvent(
            button, QKeyEvent(kind, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier, " ")
        )
    qtbot.waitUntil(lambda: pressed == ["lock"])
