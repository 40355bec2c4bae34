"""Start-up work moved after the first paint still happens, and buttons keep their look."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from tests.ui.conftest import close_app, python_prints
from ui import theme
from ui.widgets.common import button, set_role


def test_auto_lock_set_before_start_watches_once_the_window_has_painted(qtbot, keyring_profile):
    """The idle watcher waits for the first frame, then the auto-lock works as before."""
    from ui.app import CompanionApp
    from ui.widgets import wheel_guard

    keyring_profile.settings.set("auto_lock_minutes", 5)
    app = CompanionApp(QApplication.instance(), keyring_profile.profile)
    app.auto_backups = False
    app.open_main_window(keyring_profile)
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: app.idle is not None and app.lock_timer.isActive())
    assert wheel_guard._guard is not None  # the wheel never turns a choice by accident
    app.idle.last_input -= 6 * 60
    app._check_idle()
    assert app.context.locked
    app.window._allow_close = True
    app.window.close()
    app.gc.stop()  # Python collects as usual between tests


def caption_look(widget) -> tuple[str, int]:
    caption = widget._caption
    return caption.palette().color(caption.foregroundRole()).name().upper(), caption.font().weight()


def test_a_buttons_words_follow_its_role_and_whether_it_can_be_pressed(qtbot):
    """Primary words are light on the accent and bold; words of a button that can't be
    pressed are muted; a button made primary later, or enabled again, changes with it."""
    palette = theme.apply(QApplication.instance(), scale_percent=100, high_contrast=False)
    page = QWidget()
    column = QVBoxLayout(page)
    primary, plain, later = button("Save", "primary"), button("Cancel"), button("Later")
    for widget in (primary, plain, later):
        column.addWidget(widget)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert caption_look(primary) == (palette.on_accent.upper(), 600)
    assert caption_look(plain) == (palette.text.upper(), 400)

    set_role(later, "primary")
    assert caption_look(later) == (palette.on_accent.upper(), 600)
    primary.setEnabled(False)
    assert caption_look(primary)[0] == palette.muted.upper()
    page.setEnabled(False)  # a whole page greyed out greys its buttons' words too
    assert caption_look(plain)[0] == palette.muted.upper()
    page.setEnabled(True)
    primary.setEnabled(True)
    assert caption_look(plain) == (palette.text.upper(), 400)
    assert caption_look(primary) == (palette.on_accent.upper(), 600)


# --- Today in two steps: the first screen, then the cards below just after it has painted ---


def open_app(qtbot, keyring_profile):
    from ui.app import CompanionApp

    keyring_profile.settings.set("user_name", "Margaret")
    keyring_profile.settings.set("recovery_code_kept", True)
    app = CompanionApp(QApplication.instance(), keyring_profile.profile)
    app.auto_backups = False
    app.open_main_window(keyring_profile)
    qtbot.addWidget(app.window)
    return app


def test_today_shows_people_and_reminders_first_and_the_rest_once_it_has_painted(
    qtbot, keyring_profile
):
    from companion import contacts
    from companion.contacts import Person, Schedule

    store = keyring_profile.store
    long_ago = datetime.now().astimezone() - timedelta(days=60)
    jo = contacts.add_person(store, long_ago, Person(0, "Jo", schedule=Schedule(1, "weeks")))
    contacts.log_contact(store, jo.id, long_ago, "call")
    app = open_app(qtbot, keyring_profile)
    today = app.window.page("today")
    assert not today.rest_built  # nothing below the reminders before the first frame
    assert "Margaret" in today.heading.text()
    assert today.date_label.text()
    assert "Jo" in today._person_rows[0].text.text()
    assert today.reminders_title.text() == "Later today"
    qtbot.waitUntil(lambda: today.rest_built)  # just after that frame, on its own
    assert today.idea_text.text()
    assert today.energy_text.text().startswith("This week")
    assert today.check_card.isVisibleTo(today)  # never taken: due
    # The cards below in the page's order, and Tab goes down the page from top to bottom:
    # the people's buttons first (they went after the idea at the very end before).
    column = [today.content.itemAt(i).widget() for i in range(today.content.count())]
    assert column.index(today.people_card) < column.index(today.reminders_card)
    assert column.index(today.reminders_card) < column.index(today.energy_card)
    assert column.index(today.energy_card) < column.index(today.idea_card)
    today.content.activate()
    inner = today.scroll.widget()
    stops = app.window._tab_stops([app.window.stack])[0]
    assert stops[:2] == [today._person_rows[0].done, today._person_rows[0].later]
    assert today.energy_button in stops and today.another_button in stops
    heights = [stop.mapTo(inner, QPoint(0, 0)).y() for stop in stops]
    assert heights == sorted(heights)
    close_app(app)


def test_a_change_before_the_rest_is_built_redraws_the_first_screen(qtbot, keyring_profile):
    from companion import contacts
    from companion.contacts import Person

    app = open_app(qtbot, keyring_profile)
    today = app.window.page("today")
    assert today.add_first.isVisibleTo(today)  # no one yet
    contacts.add_person(keyring_profile.store, app.context.now(), Person(0, "Sam"))
    today.refresh()
    assert not today.rest_built
    assert not today.add_first.isVisibleTo(today)  # someone is on the list now
    assert today.energy_text.text().startswith("This week")  # reaching for it builds it
    assert today.rest_built
    close_app(app)


def test_the_first_screen_worked_out_at_start_is_shown_then_worked_out_again(
    qtbot, keyring_profile
):
    """The start's child works Today's first screen out beside Qt's start; the first frame
    shows it, and once that frame is drawn the page works it out itself (the same words: here
    the child's greeting is marked, to see which is which). One worded for another language
    is never shown."""
    import json

    from companion import today
    from ui.app import CompanionApp

    keyring_profile.settings.set("user_name", "Margaret")
    keyring_profile.settings.set("recovery_code_kept", True)
    made = today.first_screen_at_start(keyring_profile.profile, keyring_profile.data_key)
    language, country, day, screen = json.loads(made)
    screen["greeting"] = "From the start, Margaret"
    marked = json.dumps([language, country, day, screen]).encode()
    app = CompanionApp(QApplication.instance(), keyring_profile.profile)
    app.auto_backups = False
    app.open_main_window(keyring_profile, made_at_start=lambda: marked)
    qtbot.addWidget(app.window)
    page = app.window.page("today")
    assert page.heading.text() == "From the start, Margaret"
    assert app.context.made_at_start is None  # taken once
    qtbot.waitUntil(lambda: page.rest_built)
    # worked out here, just after the frame
    assert page.heading.text() == today.greeting(app.context.now(), "Margaret")
    close_app(app)

    other = json.dumps(["ar" if language != "ar" else "de", country, day, screen]).encode()
    app = CompanionApp(QApplication.instance(), keyring_profile.profile)
    app.auto_backups = False
    app.open_main_window(keyring_profile, made_at_start=lambda: other)
    qtbot.addWidget(app.window)
    assert app.window.page("today").heading.text() == today.greeting(app.context.now(), "Margaret")
    close_app(app)


def test_the_rest_waits_while_a_new_key_or_a_restore_may_close_the_data(qtbot, keyring_profile):
    """CI once caught Today's cards below being built while a new key was being made: the
    data closed under the read on the other thread and a traceback came out. While the
    session is held nothing is read; the cards come once the hold ends, on the same data."""
    from ui.actions_data import hold_session

    app = open_app(qtbot, keyring_profile)
    today = app.window.page("today")
    assert not today.rest_built
    resume = hold_session(app.session)  # from here the other thread may close the data
    today._painted._run()  # the first frame is drawn (or the 2 s are up) during the work
    assert not today.rest_built  # nothing reads the data, even before it is closed
    resume()  # the work failed before closing it: the data is as it was
    assert today.rest_built  # on its own, once the hold is over
    assert today.energy_text.text().startswith("This week")
    close_app(app)


def test_a_session_closed_during_the_hold_never_builds_the_rest(qtbot, keyring_profile):
    from ui.actions_data import hold_session

    app = open_app(qtbot, keyring_profile)
    session, today = app.session, app.window.page("today")
    resume = hold_session(session)
    today._painted._run()
    session.close()  # the new key worked: this session gives way to one on the new key
    resume()
    assert not today.rest_built
    close_app(app)


def test_removals_from_last_time_go_for_good_once_the_window_has_painted(qtbot, keyring_profile):
    from companion import contacts
    from companion.contacts import Person

    store = keyring_profile.store
    now = datetime.now().astimezone()
    gone = contacts.add_person(store, now - timedelta(days=9), Person(0, "Gone"))
    contacts.delete_person(store, now - timedelta(days=8), gone.id)
    app = open_app(qtbot, keyring_profile)
    count = "SELECT count(*) FROM people"
    qtbot.waitUntil(lambda: store.query_one(count)[0] == 0)
    close_app(app)


def test_the_window_path_imports_no_planner_backup_or_challenge_before_the_paint():
    """Today's first screen needs none of them (each ~2–15 ms to import)."""
    probe = (
        "import sys, ui.app, ui.main_window, ui.pages.today, ui.reminder_controller, ui.tour,"
        " ui.actions_data;"  # the sample's bar asks ui.actions_data whether this is the demo
        "print(sorted(m for m in ('companion.planner', 'companion.backup', "
        "'companion.challenge', 'companion.wellbeing', 'ui.actions') if m in sys.modules))"
    )
    assert python_prints(probe).strip() == "[]"


def test_a_buttons_height_is_worked_out_once_and_again_when_its_words_or_font_change(qtbot):
    """Layouts ask thousands of times before the first frame; the words are laid out once
    per width, and a new text or a larger font is measured afresh, never an old answer."""
    page = QWidget()
    qtbot.addWidget(page)
    widget = button("Call Mum and ask how the garden is doing this week", "primary")
    QVBoxLayout(page).addWidget(widget)
    caption = widget._caption
    laid_out = []
    measure = caption._height_for_width
    caption._height_for_width = lambda width: laid_out.append(width) or measure(width)
    first = [widget.heightForWidth(160) for _ in range(50)]
    assert laid_out == [160 - 36] and len(set(first)) == 1
    widget.setText(widget.text() + " and whether the roses came up again after the frost")
    assert widget.heightForWidth(160) > first[0]  # more words: more lines, measured again
    assert len(laid_out) == 2
    before = widget.heightForWidth(160)
    font = caption.font()
    font.setPointSize(font.pointSize() * 2)
    caption.setFont(font)  # the text size grew: the old height would cut the words off
    assert widget.heightForWidth(160) > before
    assert len(laid_out) == 3


def test_a_button_is_never_narrower_than_its_widest_word_after_its_words_change(qtbot):
    widget = button("Call Mum")
    qtbot.addWidget(widget)
    narrow = widget.minimumSizeHint().width()
    assert widget.minimumSizeHint().width() == narrow  # asked again: the same answer
    widget.setText("Call Mum about the Gartenzwergausstellung")
    assert widget.minimumSizeHint().width() > narrow + 40  # the long word, measured afresh
    wide = widget.minimumSizeHint().width()
    font = widget._caption.font()
    font.setPointSize(font.pointSize() * 2)
    widget._caption.setFont(font)
    assert widget.minimumSizeHint().width() > wide


def test_labels_keep_their_events_in_qt_and_their_room_after_the_style_sheet(qtbot) -> None:
    """Every label's events once went through Python (150 labels: 48 against 29 ms for a
    plain QLabel); only the changes that matter do now, and the room at the left in a
    right-to-left page is still put back after the style sheet's polish sets the margins."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    from ui.widgets.common import label

    words = label("كلمات", "error")
    assert "event" not in type(words).__dict__
    assert type(words).event is QLabel.event
    holder = QWidget()
    holder.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    QVBoxLayout(holder).addWidget(words)
    holder.setStyleSheet("QLabel { padding: 3px; }")
    qtbot.addWidget(holder)
    holder.show()
    room = 2 * words.fontMetrics().horizontalAdvance(" ")
    margins = words.contentsMargins()
    assert margins.right() >= 3  # the style sheet's padding (and a border, if it sets one)
    assert margins.left() == room > margins.right()


def test_labels_line_up_as_qts_own_visual_alignment_says() -> None:
    """Labels swap left and right in Arabic with Companion's own ``visual_alignment``, which
    spares loading QStyle at start: every alignment gives QStyle's answer in both directions."""
    from itertools import product

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QStyle

    from ui.widgets.common import visual_alignment

    a = Qt.AlignmentFlag
    horizontal = [a(0), a.AlignLeft, a.AlignRight, a.AlignHCenter, a.AlignJustify, a.AlignLeading]
    horizontal += [a.AlignLeft | a.AlignAbsolute, a.AlignRight | a.AlignAbsolute, a.AlignAbsolute]
    vertical = [a(0), a.AlignTop, a.AlignVCenter, a.AlignBottom]
    for direction in (Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft):
        for h, v in product(horizontal, vertical):
            asked = h | v
            assert visual_alignment(direction, asked) == QStyle.visualAlignment(direction, asked)


def test_when_the_starts_child_brings_no_key_the_window_reads_it_and_opens(
    qtbot, keyring_profile
) -> None:
    """The key read beside Qt's start (companion.early) may come back with nothing (no child
    could be made, it was killed): the app then reads the keyring itself and opens Today."""
    from PySide6.QtWidgets import QApplication

    from companion.early import EarlyResult
    from ui.app import CompanionApp

    keyring_profile.settings.set("user_name", "Margaret")
    keyring_profile.settings.set("recovery_code_kept", True)
    profile = keyring_profile.profile
    keyring_profile.close()
    app = CompanionApp(QApplication.instance(), profile)
    app.auto_backups = False
    nothing = EarlyResult(lambda: None)
    assert app.start(nothing)
    qtbot.addWidget(app.window)
    try:
        assert app.window.current_page() == "today"
        assert "Margaret" in app.window.pages["today"].heading.text()
    finally:
        close_app(app)
