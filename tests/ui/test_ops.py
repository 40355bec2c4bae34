"""Long work's ending: the window runs between the redraw, the status line and what comes next."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from ui.ops import Change, Changes


def test_after_long_work_each_step_has_its_own_turn_and_keeps_its_order(qtbot, app_with_window):
    ops = app_with_window.session.ops
    order: list[str] = []

    def redraw(changes: Changes) -> None:
        order.append("redraw")
        # What the window does next (a layout, a paint, a key) comes before the status line.
        QTimer.singleShot(0, lambda: order.append("the window ran"))

    ops.executed.connect(redraw)
    ops.said.connect(lambda text, _undo: order.append(text))

    def work(store, progress, cancelled):
        progress(1, 1)
        return 3

    ops.run_in_background(
        None,
        work,
        Change.PEOPLE,
        title="Working",
        say=lambda count: f"Added {count} people.",
        done=lambda result: order.append(f"done with {result}"),
    )
    qtbot.waitUntil(lambda: len(order) == 4)
    assert order == ["redraw", "the window ran", "Added 3 people.", "done with 3"]


def test_a_step_that_fails_does_not_keep_the_next_from_running(qtbot, app_with_window):
    ops = app_with_window.session.ops
    finished: list[object] = []

    def broken_redraw(changes: Changes) -> None:
        raise RuntimeError("a bug in one page")

    ops.executed.connect(broken_redraw)
    with qtbot.capture_exceptions() as failures:
        ops.run_in_background(
            None, lambda s, p, c: "saved", Change.PEOPLE, title="Working", done=finished.append
        )
        qtbot.waitUntil(lambda: finished != [])
    assert finished == ["saved"]
    assert [str(failure[1]) for failure in failures] == ["a bug in one page"]
