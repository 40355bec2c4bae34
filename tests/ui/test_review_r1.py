"""Review r1 (issue #9): Today, People, Reminders, Get help and the strip above the page, as
an 80-year-old meets them at 200% text on a 1366×768 screen."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

from companion import contacts
from companion.contacts import Person, Schedule
from ui.models.people import NAME, PERSON_ID_ROLE


def on_screen(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


# --- People: the person just added is in sight ---------------------------------------------


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_someone_just_added_is_chosen_in_the_list_in_sight_with_the_keyboard(
    qtbot, app_with_window, monkeypatch, size
):
    """At 200% the list is below the fold: after 'Add someone', a name and Enter, the new
    person was nowhere in sight and the keyboard was back on 'Add someone'."""
    from ui.dialogs.person import PersonDialog

    app = app_with_window
    store = app.session.store
    now = app.context.now()
    for name in ("Anne", "Bob", "Carol", "David", "Eileen", "Frank", "Grace", "Harry", "Ivy"):
        contacts.add_person(store, now - timedelta(days=9), Person(0, name, "friend"))
    window = app.window
    app.set_text_scale(200)
    window.resize(*size)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    window.go_to("people")
    page = window.page("people")
    qtbot.waitUntil(lambda: page.list.viewport().width() > 0)
    qtbot.keyClick(page.search, Qt.Key.Key_A)  # a search that would hide the new person

    def typed_and_saved(dialog: PersonDialog) -> int:
        dialog.form.name.setText("Zelda Young")
        dialog.save()
        return 1

    monkeypatch.setattr(PersonDialog, "exec", typed_and_saved)
    page.add_button.setFocus()
    qtbot.keyClick(page.add_button, Qt.Key.Key_Space)
    settle()
    assert [p.name for p in contacts.people(store)][-1] == "Zelda Young"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.list)
    row = page.list.current_row()
    assert row is not None
    chosen = page.proxy.index(row, NAME)
    assert chosen.data() == "Zelda Young"
    assert page.chosen_id() == chosen.data(PERSON_ID_ROLE)

    def in_sight() -> bool:
        rect = page.list.visualRect(chosen)
        seen = QRect(page.list.viewport().mapToGlobal(rect.topLeft()), rect.size())
        return on_screen(page.scroll.viewport()).contains(seen) and on_screen(
            page.list.viewport()
        ).contains(seen)

    qtbot.waitUntil(in_sight)


# --- the strip above the page ----------------------------------------------------------------


def due_now(app, title: str, minutes_ago: int = 1) -> None:
    from companion import reminders

    store = app.session.store
    now = app.context.now()
    moment = (now - timedelta(minutes=minutes_ago)).replace(tzinfo=None, second=0, microsecond=0)
    reminders.add(store, now - timedelta(days=1), title, moment)


NUDGES = {n: name for n, name in enumerate(["Rosa Marín"] + [f"P{n}" for n in range(8)])}


def row_parts(row: QWidget) -> tuple[QWidget, list[QWidget]]:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    words = next(w for w in row.findChildren(QLabel) if w.text() and w.parentWidget() is row)
    return words, [b for b in row.findChildren(QAbstractButton) if b.parentWidget() is row]


def beside(words: QWidget, widget: QWidget) -> bool:
    middle = on_screen(widget).center().y()
    span = on_screen(words)
    return span.top() <= middle <= span.bottom()


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_in_german_at_200_the_keep_in_touch_line_is_one_row_and_the_page_keeps_most(
    qtbot, demo_window, size
):
    """The sample's line and 'Ein guter Tag, sich zu melden: bei Rosa Marín und 8 weiteren.'
    took 40% of the window, 'Ansehen' on a row of its own below the words: the small picture
    before the words took the room that keeps the button beside them. It steps aside now."""
    app = demo_window
    window = app.window
    app.set_language("de")
    app.set_text_scale(200)
    window.resize(*size)
    window.banner.show_state({}, NUDGES)
    window.show_page("people")
    settle()
    settle()
    [line] = window.banner.rows
    words, [see] = row_parts(line)
    assert words.text().startswith("Ein guter Tag")
    assert beside(words, see)  # one row: the words, then the button
    assert words.height() >= words.heightForWidth(words.width())  # every word shows
    assert on_screen(window.top_area.viewport()).contains(on_screen(see))
    assert window.stack.height() >= window.height() * 0.55  # the page keeps most of it
    # With room, the picture is there as before.
    app.set_text_scale(100)
    qtbot.waitUntil(lambda: window.top_area.height() < 100)
    settle()
    [(picture, _name)] = window.banner._pictures
    assert picture.isVisible() and beside(words, picture)


def test_locking_hides_the_samples_line_at_once(qtbot, demo_window):
    """The picture of the locked window still showed 'This is sample data.' and 'About this
    sample' above 'Companion is locked': the line was only deleted later, by the event loop."""
    from ui.tour import SampleDataBar

    app = demo_window
    window = app.window
    assert window.top_bar is not None and window.top_bar.isVisible()
    app.lock()
    assert window.current_page() == "locked"
    shown = [bar for bar in window.findChildren(SampleDataBar) if bar.isVisible()]
    assert not shown
    assert not window.top_area.isVisible()  # nothing of the data above the page either


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_on_today_the_keep_in_touch_line_steps_aside_for_todays_own_list(qtbot, demo_window, size):
    """Today's first card lists who to get in touch with; above it the line said the same
    ('A good day to get in touch with Rosa Marín and 2 others.') and, in German at 200% on a
    1280×720 screen, with the sample's line it left the page half the window."""
    from ui.ops import Change

    app = demo_window
    window = app.window
    app.set_language("de")
    app.set_text_scale(200)
    window.resize(*size)
    now = app.context.now()

    def everyone(store) -> None:
        for name in ("Rosa Marín", "Anne Kowalski", "Jo"):
            weekly = Schedule(1, "weeks")
            contacts.add_person(store, now - timedelta(days=60), Person(0, name, schedule=weekly))

    app.session.ops.run(window, everyone, Change.PEOPLE)
    app.scheduler.check()  # the keep-in-touch line
    window.show_page("people")
    settle()
    [line] = window.banner.rows
    assert line.isVisible() and window.top_area.isVisible()  # on People it is there
    window.go_to("today")
    settle()
    page = window.page("today")
    assert page.people_listed  # Today lists them itself…
    assert window.banner.nudges and not window.banner.rows  # …so the line steps aside
    assert not window.top_area.isVisible()
    assert window.stack.height() >= window.height() * 0.75  # the page keeps the window
    window.show_page("reminders")
    settle()
    [line] = window.banner.rows  # and comes back on any other page
    assert line.isVisible() and window.top_area.isVisible()


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_back_on_today_by_keyboard_the_card_title_above_the_first_button_shows_whole(
    qtbot, demo_window, size
):
    """Ctrl+1 from People: the line above the page went away as Today came, but the page was
    scrolled to its first button while the line still took its room, and 'Bei wem Sie sich
    melden könnten' showed only as 'könnten' at the top edge."""
    from ui.ops import Change

    app = demo_window
    window = app.window
    app.set_language("de")
    app.set_text_scale(200)
    window.resize(*size)
    now = app.context.now()

    def everyone(store) -> None:
        for name in ("Rosa Marín", "Anne Kowalski", "Jo"):
            weekly = Schedule(1, "weeks")
            contacts.add_person(store, now - timedelta(days=60), Person(0, name, schedule=weekly))

    app.session.ops.run(window, everyone, Change.PEOPLE)
    app.scheduler.check()
    window.go_to("people")
    settle()
    assert window.top_area.isVisible()
    window.go_to("today")
    settle()
    page = window.page("today")
    focus = QApplication.focusWidget()
    assert page.people_card.isAncestorOf(focus)  # the first "I was in touch"
    seen = on_screen(page.scroll.viewport())
    assert seen.contains(on_screen(focus))
    assert seen.contains(on_screen(page.people_title))  # the card's title, whole
    # Scrolled no further than it takes to show the button: the most of the page's top.
    bottom = focus.mapTo(page.scroll.viewport(), QPoint(0, focus.height())).y()
    scrolled = page.scroll.verticalScrollBar().value()
    assert scrolled == 0 or bottom + 16 >= page.scroll.viewport().height() - 2


@pytest.mark.parametrize("language", ["en", "de", "ar"])
@pytest.mark.parametrize("size", [(1366, 768), (1280, 720), (1100, 760)])
def test_the_locked_window_shows_its_words_whole(qtbot, app_with_window, language, size):
    """In Arabic at 200% 'تم قفل Companion' wrapped to two lines in the room of one: the top
    of the first line and the bottom of the second were cut off."""
    app = app_with_window
    window = app.window
    app.set_language(language)
    app.set_text_scale(200)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    app.lock()
    settle()
    locked = window.locked_page
    qtbot.waitUntil(locked.isVisible)
    settle()
    for words in (locked.heading, locked.text):
        assert words.height() >= words.heightForWidth(words.width()), words.text()
        assert locked.rect().contains(words.geometry())
    assert locked.rect().contains(locked.button.geometry())


def test_a_long_word_is_never_squeezed_beside_the_buttons(qtbot, app_with_window):
    """Words may wrap beside the buttons when that takes less height, but a word cannot
    wrap: where the longest word does not fit beside them, the buttons go below."""
    from ui.widgets.common import button, label
    from ui.widgets.reminder_banner import OneLine

    row = QWidget()
    qtbot.addWidget(row)
    words = label("Den Donaudampfschifffahrtsgesellschaftskapitän anrufen")
    done = button("Erledigt")
    OneLine(words, [done], parent=row)
    row.show()
    qtbot.waitExposed(row)
    settle()
    longest = words.fontMetrics().horizontalAdvance("Donaudampfschifffahrtsgesellschaftskapitän")
    width = longest + done.sizeHint().width() // 2  # the long word fits alone, not beside
    row.resize(width, row.heightForWidth(width))
    settle()
    assert words.width() >= longest  # the word whole
    assert on_screen(done).top() >= on_screen(words).bottom()  # the button below
    assert QRect(QPoint(0, 0), row.size()).contains(done.geometry())
