"""The top of the window: the sample's one line, the reminder banner, where focus goes.

At 200% text on a small screen the page keeps most of the window; Tab goes from the pages'
buttons into the page before what is above it; a control that gets the focus is scrolled
into sight; Undo gives the focus back to the page; while locked only Today and Get help
show, and unlocking goes back to the page you were on.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget


def on_screen(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def settle(qtbot) -> None:
    for _ in range(4):
        QApplication.processEvents()


def test_the_window_with_its_frame_fits_a_small_screen(demo_window, monkeypatch):
    window = demo_window.window
    room = window.screen().availableGeometry()
    assert room.width() < window.WANTED.width()  # the test screen is smaller than wanted
    assert window.isMaximized()
    assert room.contains(window.frameGeometry())
    monkeypatch.setattr(window, "raise_", lambda: None)  # offscreen Qt cannot raise
    demo_window.bring_forward()  # what a reminder falling due does
    QApplication.processEvents()
    assert window.isMaximized()  # it stays as the person left it
    window.showNormal()  # and restored by hand, it still fits
    QApplication.processEvents()
    assert room.contains(window.frameGeometry())
    assert window.width() >= room.width() * 0.9 and window.height() >= room.height() * 0.9


def test_the_sample_is_one_short_line_and_the_page_keeps_the_window(qtbot, demo_window):
    app = demo_window
    window = app.window
    app.set_text_scale(200)
    window.resize(1366, 768)
    window.banner.show_state({}, {1: "Rosa Marín", 2: "Anne", 3: "Jo"})
    settle(qtbot)
    bar = window.top_bar
    assert bar is not None and bar.isVisible()
    assert bar.words.text() == "This is sample data."
    assert bar.about_button.accessibleName() == "About this sample"
    # One line: the words and the button side by side, no taller than the button.
    assert bar.height() <= bar.about_button.height() + 16
    assert window.top_area.isVisible()  # the banner shown after start shows its area
    assert window.top_area.height() <= window.height() * window.top_area.SHARE + 1
    assert window.stack.height() >= window.height() * 0.45
    # Nothing overlaps: the bar, the banner's area and the page follow one another.
    assert on_screen(bar).bottom() <= on_screen(window.top_area).top()
    assert on_screen(window.top_area).bottom() < on_screen(window.stack).top()


def test_the_banner_is_measured_again_when_the_text_grows(qtbot, demo_window):
    app = demo_window
    window = app.window
    window.resize(1366, 768)
    window.banner.show_state({}, {1: "Rosa Marín"})
    settle(qtbot)
    small = window.top_area.height()
    assert window.top_area.isVisible() and small > 0
    [(picture, _name)] = window.banner._pictures
    small_picture = picture.height()
    app.set_text_scale(200)
    qtbot.waitUntil(lambda: window.top_area.height() > small * 1.2)
    settle(qtbot)
    assert picture.height() > small_picture * 1.5  # the picture grows with the words
    # The whole banner is in sight, its bottom not cut by the area's edge.
    area = window.top_area
    assert area.verticalScrollBar().maximum() == 0
    assert on_screen(window.banner).bottom() <= on_screen(area.viewport()).bottom()
    app.set_text_scale(100)  # and back: the area shrinks again
    qtbot.waitUntil(lambda: window.top_area.height() <= small + 2)


def test_about_this_sample_offers_the_tour_and_the_way_out(qtbot, demo_window):
    from ui import tour

    window = demo_window.window
    qtbot.mouseClick(window.top_bar.about_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(QWidget, "about-sample")
    assert dialog is not None and dialog.isVisible()
    names = [b.accessibleName() for b in dialog.findChildren(type(window.top_bar.about_button))]
    assert "Take the tour" in names and "Close the sample" in names
    qtbot.waitExposed(dialog)
    buttons = dialog.findChildren(type(window.top_bar.about_button))
    assert [b.accessibleName() for b in buttons if b.isDefault()] == ["Take the tour"]
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter: the tour
    panel = tour.current_tour()
    assert panel is not None
    qtbot.addWidget(panel)
    panel.reject()


def test_tab_goes_from_the_pages_buttons_into_the_page_first(qtbot, demo_window):
    window = demo_window.window
    settle(qtbot)
    last_nav = window.nav_buttons["help"]
    last_nav.setFocus()
    qtbot.keyClick(last_nav, Qt.Key.Key_Tab)
    focus = QApplication.focusWidget()
    assert focus is not None and window.stack.currentWidget().isAncestorOf(focus)
    # Shift+Tab goes back to the pages' buttons, not to the sample's bar.
    qtbot.keyClick(focus, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is last_nav
    # After the page's last control: the sample's bar above the page.
    page = window.stack.currentWidget()
    stops = window._tab_stops([page])[0]
    stops[-1].setFocus()
    qtbot.keyClick(stops[-1], Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.top_bar.about_button


def test_a_control_given_the_focus_is_scrolled_into_sight(qtbot, demo_window):
    app = demo_window
    window = app.window
    app.set_text_scale(200)
    window.resize(1366, 768)
    window.show_page("settings")
    settle(qtbot)
    page = window.stack.currentWidget()
    stops = window._tab_stops([page])[0]
    last = stops[-1]
    viewport = page.scroll.viewport()
    assert not on_screen(viewport).contains(on_screen(last))  # below the fold at first
    last.setFocus(Qt.FocusReason.TabFocusReason)
    settle(qtbot)
    assert on_screen(viewport).contains(on_screen(last))


def test_after_undo_the_focus_is_on_the_page_never_on_the_tour(qtbot, demo_window):
    from ui.ops import Change, Undo

    window = demo_window.window
    session = demo_window.session
    settle(qtbot)
    page = window.stack.currentWidget()
    first = window._tab_stops([page])[0][0]
    first.setFocus()
    settle(qtbot)
    session.ops.run(
        window,
        lambda _store: 1,
        Change.CONTACTS,
        say="Noted.",
        undo=lambda _result: Undo(lambda _store: None, Change.CONTACTS, "Taken back."),
    )
    undo_button = window.status_line.undo_button
    assert QApplication.focusWidget() is undo_button  # the status line offers Undo
    qtbot.keyClick(undo_button, Qt.Key.Key_Space)
    settle(qtbot)
    focus = QApplication.focusWidget()
    assert focus is first  # back where the person was
    assert not window.top_bar.isAncestorOf(focus)


def test_while_locked_only_today_and_get_help_and_unlocking_goes_back(qtbot, app_with_window):
    app = app_with_window
    window = app.window
    window.show_page("people")
    app.lock()
    assert window.current_page() == "locked"
    showing = {key for key, b in window.nav_buttons.items() if b.isVisibleTo(window)}
    assert showing == {"today", "help"}
    assert not window.nav_buttons["people"].isChecked()
    assert window.windowTitle() == "Locked – Companion"
    window.show_page("settings")  # Ctrl+7 while locked: still locked, nothing marked
    assert window.current_page() == "locked"
    assert window.windowTitle() == "Locked – Companion"
    qtbot.mouseClick(window.locked_page.button, Qt.MouseButton.LeftButton)  # keyring reopens
    assert window.current_page() == "people"
    assert window.nav_buttons["people"].isVisible() and window.nav_buttons["people"].isChecked()
    assert window.windowTitle() == "People – Companion"
    app.context.unlocked.close()


def test_on_every_page_tab_walks_the_page_in_sight_then_above_it(qtbot, demo_window):
    from ui.pages.registry import PAGES

    app = demo_window
    window = app.window
    app.set_text_scale(200)
    window.resize(1366, 768)
    for entry in PAGES:
        if not window.nav_buttons[entry.key].isVisible():
            continue
        window.show_page(entry.key)
        settle(qtbot)
        page = window.stack.currentWidget()
        window.nav_buttons["help"].setFocus()
        seen_page = seen_above = False
        for _ in range(300):
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            focus = QApplication.focusWidget()
            if window.nav.isAncestorOf(focus):
                break  # round again to the pages' buttons
            if page.isAncestorOf(focus):
                assert not seen_above, f"{entry.key}: the page after what is above it"
                seen_page = True
                visible = on_screen(page.scroll.viewport())
                if page.scroll.widget().isAncestorOf(focus):
                    assert visible.intersects(on_screen(focus)), f"{entry.key}: {focus}"
            else:
                seen_above = True
                assert (
                    window.top_bar.isAncestorOf(focus)
                    or window.top_area.isAncestorOf(focus)
                    or window.status_line.isAncestorOf(focus)
                ), f"{entry.key}: {focus}"
        assert seen_page, entry.key
        assert window.nav.isAncestorOf(QApplication.focusWidget()), entry.key


# --- the banner: one row each, beside its buttons ------------------------------------------


def due_now(app, title: str, minutes_ago: int = 1) -> None:
    """A reminder that fell due a moment ago, shown in the banner."""
    from datetime import timedelta

    from companion import reminders

    store = app.session.store
    now = app.context.now()
    moment = (now - timedelta(minutes=minutes_ago)).replace(tzinfo=None, second=0, microsecond=0)
    reminders.add(store, now - timedelta(days=1), title, moment)
    app.scheduler.check()


def beside(words: QWidget, widget: QWidget) -> bool:
    """On the same line: the button's middle is level with the words, not below them."""
    middle = on_screen(widget).center().y()
    span = on_screen(words)
    return span.top() <= middle <= span.bottom()


def apart(widgets: list[QWidget]) -> bool:
    """No two of them overlap."""
    return not any(
        on_screen(a).intersects(on_screen(b)) for a in widgets for b in widgets if a is not b
    )


def row_parts(row: QWidget) -> tuple[QWidget, list[QWidget]]:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    words = next(w for w in row.findChildren(QLabel) if w.text() and w.parentWidget() is row)
    return words, [b for b in row.findChildren(QAbstractButton) if b.parentWidget() is row]


def test_at_200_percent_one_suggestion_and_the_sample_keep_to_a_third_of_the_window(
    qtbot, demo_window
):
    """A reviewer saw the sample's line and one keep-in-touch line take 300 of 768 px."""
    app = demo_window
    window = app.window
    app.set_text_scale(200)
    window.resize(1366, 768)
    window.banner.show_state({}, {1: "Anne Kowalski", 2: "Jo", 3: "Rosa Marín"})
    settle(qtbot)
    strip = on_screen(window.stack).top() - on_screen(window.top_bar).top()
    assert strip <= window.height() * 0.35
    assert window.stack.height() >= window.height() * 0.6
    [line] = window.banner.rows
    words, [see] = row_parts(line)
    assert words.text() == "A good day to get in touch with Anne Kowalski and 2 others."
    assert beside(words, see)  # one row: the words, then the button
    assert see.text() == "See who" and "Today" in see.accessibleName()
    assert window.top_area.verticalScrollBar().maximum() == 0  # nothing cut or hidden
    assert on_screen(window.top_area.viewport()).contains(on_screen(see))


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_the_first_row_is_whole_even_when_its_button_goes_below_its_words(qtbot, demo_window, size):
    """In German at 200% with the sample's line above, the keep-in-touch line's words took
    the width and "Ansehen" went below them, where the 35% share cut it off."""
    app = demo_window
    window = app.window
    app.set_language("de")
    app.set_text_scale(200)
    window.resize(*size)
    window.banner.show_state({}, {1: "Anne Kowalski", 2: "Jo", 3: "Rosa Marín"})
    settle(qtbot)
    [line] = window.banner.rows
    _words, [see] = row_parts(line)
    assert on_screen(window.top_area.viewport()).contains(on_screen(see))  # whole, in sight
    assert window.stack.height() >= window.height() * 0.45  # the page keeps about half


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_each_due_reminder_is_one_row_with_done_and_later_beside_it(qtbot, demo_window, size):
    app = demo_window
    window = app.window
    app.set_text_scale(200)
    window.resize(*size)
    due_now(app, "Call Mum")
    settle(qtbot)
    [row] = window.banner.rows
    words, buttons = row_parts(row)
    assert words.text().startswith("Call Mum (")
    assert [b.text() for b in buttons] == ["Done", "Later…"]
    assert all(beside(words, b) for b in buttons)
    assert apart([words, *buttons])
    # One row of words and buttons, not a title line and a button line.
    assert row.height() <= max(words.height(), max(b.height() for b in buttons)) + 2
    strip = on_screen(window.stack).top() - on_screen(window.top_bar).top()
    assert strip <= window.height() * 0.35 + 1


def test_several_reminders_one_row_each_and_the_rest_behind_one_button(qtbot, app_with_window):
    app = app_with_window
    window = app.window
    for number, title in enumerate(("Call Mum", "Water the plants", "Ring Jo", "Post the card")):
        due_now(app, title, minutes_ago=number + 1)
    settle(qtbot)
    rows = window.banner.rows
    assert len(rows) == 3
    for row in rows:
        words, buttons = row_parts(row)
        assert [b.text() for b in buttons] == ["Done", "Later…"]
        assert all(beside(words, b) for b in buttons)
    tops = [on_screen(row).top() for row in rows]
    assert tops == sorted(tops) and len(set(tops)) == 3  # one below the other
    more = [b for b in window.banner.findChildren(type(window.nav_buttons["today"]))]
    assert any(b.text() == "1 more reminder: see them all" for b in more)


def test_right_to_left_the_buttons_come_after_the_words_on_the_left(qtbot, app_with_window):
    app = app_with_window
    window = app.window
    app.set_language("ar")
    window.resize(1366, 768)
    due_now(app, "Call Mum")
    settle(qtbot)
    words, buttons = row_parts(window.banner.rows[0])
    assert all(beside(words, b) for b in buttons)
    assert apart([words, *buttons])
    assert all(on_screen(b).right() < on_screen(words).left() for b in buttons)


def test_narrow_the_buttons_go_below_the_words_and_nothing_is_cut(qtbot, app_with_window):
    from ui.widgets.common import button, label
    from ui.widgets.reminder_banner import OneLine

    row = QWidget()
    qtbot.addWidget(row)
    words = label("It's a good day to get in touch with Anne Kowalski and 5 others.")
    see = button("See who")
    OneLine(words, [see], parent=row)
    row.show()
    qtbot.waitExposed(row)
    settle(qtbot)  # the buttons' words get their final size
    narrow = max(see.sizeHint().width() + 20, 200)
    row.resize(narrow, row.heightForWidth(narrow))
    settle(qtbot)
    assert on_screen(see).top() >= on_screen(words).bottom()  # below the words
    assert QRect(QPoint(0, 0), row.size()).contains(see.geometry())  # and whole
    wide = 3000
    row.resize(wide, row.heightForWidth(wide))
    settle(qtbot)
    assert beside(words, see)
    assert row.height() <= see.height() + 2


def test_the_suggestion_names_the_person_today_lists_first(qtbot, app_with_window):
    """The line said 'Rosa Marín and 5 others' while Today listed Anne first: now both
    follow one rule (the longest due first, someone not in touch yet included)."""
    from datetime import timedelta

    from companion import contacts, today
    from companion.contacts import Person, Schedule

    app = app_with_window
    store = app.session.store
    now = app.context.now()
    weekly = Schedule(1, "weeks")
    # Never in touch yet, and due the longest: a week after she was added.
    contacts.add_person(store, now - timedelta(days=60), Person(0, "Rosa Marín", schedule=weekly))
    for name in ("Zoe Young", "Anne Kowalski"):  # due the same day: Today sorts by name
        person = contacts.add_person(
            store, now - timedelta(days=60), Person(0, name, schedule=weekly)
        )
        contacts.log_contact(store, person.id, now - timedelta(days=20), "call", None)
    app.scheduler.check()
    settle(qtbot)
    listed = today.people_to_reach(store, now.date()).people
    assert [p.name for p in listed] == ["Rosa Marín", "Anne Kowalski", "Zoe Young"]
    words, _buttons = row_parts(app.window.banner.rows[-1])
    assert words.text() == "A good day to get in touch with Rosa Marín and 2 others."


def test_tab_reaches_the_banner_and_enter_opens_today(qtbot, app_with_window):
    from datetime import timedelta

    from companion import contacts
    from companion.contacts import Person, Schedule

    app = app_with_window
    window = app.window
    now = app.context.now()
    contacts.add_person(
        app.session.store,
        now - timedelta(days=20),
        Person(0, "Eileen", schedule=Schedule(1, "weeks")),
    )
    app.scheduler.check()
    window.show_page("people")
    window.activateWindow()
    settle(qtbot)
    _words, [see] = row_parts(window.banner.rows[-1])
    window.nav_buttons["help"].setFocus()
    for _ in range(200):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if QApplication.focusWidget() is see:
            break
    assert QApplication.focusWidget() is see
    qtbot.keyClick(see, Qt.Key.Key_Return)
    assert window.current_page() == "today"
    page = window.stack.currentWidget()
    # The keyboard goes with it, onto Today, not left above the page.
    qtbot.waitUntil(lambda: page.isAncestorOf(QApplication.focusWidget()))


# --- the sentence after an action ------------------------------------------------------------


def test_the_sentence_after_an_action_is_one_line_with_undo_beside_it(qtbot, demo_window):
    from ui.ops import Change, Undo

    app = demo_window
    window = app.window
    app.set_text_scale(200)
    window.resize(1366, 768)
    settle(qtbot)
    app.session.ops.run(
        window,
        lambda _store: 1,
        Change.CONTACTS,
        say="Noted: you were in touch with Anne Kowalski.",
        undo=lambda _result: Undo(lambda _store: None, Change.CONTACTS, "Taken back."),
    )
    settle(qtbot)
    line = window.status_line
    undo = line.undo_button
    assert line.isVisible() and undo.isVisible()
    assert beside(line.text, undo)
    margins = line.contentsMargins()
    assert line.height() <= undo.height() + margins.top() + margins.bottom() + 2
    assert line.height() < window.height() * 0.15  # the page keeps the window
    assert on_screen(window.stack).bottom() < on_screen(line).top()


@pytest.mark.parametrize("scale", [100, 200])
@pytest.mark.parametrize("lines", [2, 4])
def test_a_sentence_that_needs_more_lines_shows_whole_and_undo_whole_below_the_page(
    qtbot, demo_window, scale, lines
):
    """Seen in German at 200%: the sentence's second line and Undo's bottom were cut off."""
    from ui.ops import Change, Undo

    app = demo_window
    window = app.window
    app.set_text_scale(scale)
    window.resize(1366, 768)
    settle(qtbot)
    line = window.status_line
    words, undo = line.text, line.undo_button
    room = window.stack.width() - line.contentsMargins().left() - line.contentsMargins().right()
    room -= undo.sizeHint().width()  # what the words have beside Undo, about
    sentence = "Ihre Energie pro Woche beträgt jetzt elf Punkte."
    while words.fontMetrics().horizontalAdvance(sentence) < (lines - 0.6) * room:
        sentence += " Ihre Energie pro Woche beträgt jetzt elf Punkte."
    app.session.ops.run(
        window,
        lambda _store: 1,
        Change.PLANNER,
        say=sentence,
        undo=lambda _result: Undo(lambda _store: None, Change.PLANNER, "Taken back."),
    )
    settle(qtbot)
    assert words.height() > 1.5 * words.fontMetrics().lineSpacing()  # it does need more lines
    assert words.height() >= words.heightForWidth(words.width())  # every line of it shows
    inside = line.rect().marginsRemoved(line.contentsMargins())
    if lines == 2:
        assert beside(words, undo)  # two lines of words beside the button
    else:
        # Longer: beside the button or Undo below them, whichever takes less of the window.
        assert beside(words, undo) or on_screen(undo).top() > on_screen(words).bottom()
        stacked = words.heightForWidth(inside.width()) + undo.height()
        assert line.height() - line.contentsMargins().top() <= stacked + 2 * 8
    for part in (words, undo):
        assert inside.contains(part.geometry()), part  # nothing cut at the line's edge
    assert on_screen(window.centralWidget()).contains(on_screen(line))  # nor at the window's
    assert on_screen(window.stack).bottom() < on_screen(line).top()  # the page keeps its place


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: no real pop-up
def test_later_opens_its_times_by_keyboard_and_enter_snoozes(qtbot, app_with_window):
    from companion import reminders

    app = app_with_window
    window = app.window
    due_now(app, "Call Mum")
    settle(qtbot)
    _words, [done, later] = row_parts(window.banner.rows[0])
    assert later.menu() is None  # no arrow drawn over "Later…"
    window.activateWindow()
    later.setFocus()
    qtbot.keyClick(later, Qt.Key.Key_Return)
    menu = QApplication.activePopupWidget()
    assert menu is not None and menu.isVisible()
    assert [a.text() for a in menu.actions()] == ["In 10 minutes", "In an hour", "Tomorrow"]
    with qtbot.waitSignal(window.banner.snoozed):
        qtbot.keyClick(menu, Qt.Key.Key_Return)  # the first time, already chosen
    assert reminders.due(app.session.store, app.context.now()) == []
