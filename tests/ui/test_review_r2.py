"""What the second review of Energy, Groups, Parent view and Settings found, each put right."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QWidget

from companion import planner
from companion.planner import Draft

NOW = datetime(2026, 12, 2, 9, 0).astimezone()  # a Wednesday
WEDNESDAY = date(2026, 12, 2)


@pytest.fixture
def app(app_with_window):
    app_with_window.context.now = lambda: NOW
    app_with_window.context.settings.set("country", "GB")  # weeks start on Monday
    return app_with_window


def tab_round(start: QWidget, limit: int = 300) -> list[QWidget]:
    """Press Tab from ``start`` until the focus comes back round; what got it, in order."""
    window = start.window()
    start.setFocus(Qt.FocusReason.TabFocusReason)
    seen: list[QWidget] = []
    for _n in range(limit):
        current = window.focusWidget()
        assert current is not None
        if current in seen:
            break
        seen.append(current)
        QTest.keyClick(current, Qt.Key.Key_Tab)
    return seen


def show(qtbot, app, key: str):
    app.window.resize(1366, 768)
    app.window.show()
    qtbot.waitExposed(app.window)
    app.window.show_page(key)
    return app.window.page(key)


def test_tab_meets_the_things_planned_in_the_week_where_they_are(qtbot, app):
    """Tab from "Next week" goes to what is planned that week, then on down the page: the
    planned things and the rules were made after the page, and Tab met them only after
    "I'm unwell or away", at the bottom, jumping back up."""
    store = app.context.unlocked.store
    planner.add(store, NOW, Draft("visit", "Tea with Jo", datetime.combine(WEDNESDAY, time(15))))
    planner.add(
        store, NOW, Draft("visit", "Choir", datetime.combine(WEDNESDAY + timedelta(1), time(15)))
    )
    page = show(qtbot, app, "energy")
    page.refresh()
    items = page.week_view.item_buttons()
    assert len(items) == 2
    qtbot.waitUntil(lambda: all(b.isVisible() for b in items))
    order = tab_round(page.previous_button)
    where = {widget: n for n, widget in enumerate(order)}
    assert all(w in where for w in (*items, page.next_button, page.add_item_button))
    assert where[page.next_button] < where[items[0]] < where[items[1]]
    assert where[items[1]] < where[page.add_item_button] < where[page.pause_button]


def test_tab_meets_the_groups_rows_where_they_are(qtbot, app):
    """ "Tell Companion" (how a visit went) sits near the top of Groups and "Take these places
    away" at the bottom; both were made after the page, so Tab met them last and in the wrong
    order: from "Save a page to print…" up to the visit, then down again."""
    from companion import groups
    from companion.resources import asset

    store = app.context.unlocked.store
    groups.set_home(app.context.settings, "Millbrook", 52.15190, -0.70090)
    groups.import_places_file(store, NOW, asset("demo", "millbrook-directory.csv"), language="en")
    singers = groups.places(store, "Wednesday Singers")[0]
    groups.try_this(store, NOW, place_id=singers.id, planned_for=datetime(2026, 12, 1, 19, 0))
    page = show(qtbot, app, "groups")
    page.refresh()
    tell = [b for b in page.visits_card.findChildren(QPushButton) if b.text() == "Tell Companion"]
    away = [
        b
        for b in page.places_card.findChildren(QPushButton)
        if b.text() == "Take these places away"
    ]
    assert len(tell) == 1 and len(away) == 1
    qtbot.waitUntil(lambda: tell[0].isVisible() and away[0].isVisible())
    order = tab_round(page.home_card.findChildren(QPushButton)[0])
    where = {widget: n for n, widget in enumerate(order)}
    assert where[tell[0]] < where[page.kinds_view] < where[page.print_button] < where[away[0]]


def ink_columns(widget: QWidget, rows: range) -> tuple[int, int]:
    """The leftmost and rightmost dark pixel of ``widget`` within ``rows``."""
    from PySide6.QtGui import QColor, QImage

    image = QImage(widget.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    widget.render(image)
    xs = [
        x for y in rows for x in range(image.width()) if QColor(image.pixel(x, y)).lightness() < 128
    ]
    return min(xs), max(xs)


def test_the_files_places_came_from_read_from_the_right_in_arabic(qtbot, app):
    """ "millbrook-directory.csv، أُضيف في 5 ديسمبر 2026": a line that begins with a file's
    name was laid out left to right, so in Arabic the date came before the words and the
    sentence began at the left edge."""
    from PySide6.QtWidgets import QLabel

    from companion import groups
    from companion.resources import asset

    store = app.context.unlocked.store
    groups.set_home(app.context.settings, "Millbrook", 52.15190, -0.70090)
    groups.import_places_file(store, NOW, asset("demo", "millbrook-directory.csv"), language="en")
    app.set_language("ar")
    try:
        page = show(qtbot, app, "groups")
        page.refresh()
        [line] = [
            w
            for w in page.places_card.findChildren(QLabel)
            if "millbrook-directory.csv" in w.text()
        ]
        qtbot.waitUntil(line.isVisible)
        line.setFixedWidth(line.fontMetrics().horizontalAdvance(line.text()) * 2)  # one line
        left, right = ink_columns(line, range(line.height()))
    finally:
        app.set_language("en")
    assert right >= line.width() - 4  # from the right edge, as Arabic is read
    assert left > line.width() // 3


def test_who_has_a_copy_of_the_plan_shows_its_first_words(qtbot, app):
    """At 200% the field showed "…ni, my counsellor; Jo, my sister": the end of the words, and
    the first name cut in half."""
    from companion import plan

    app.context.settings.set(plan.COPIES_SETTING, "Ruth Adeyemi, my counsellor; Jo, my sister")
    app.set_text_scale(200)
    try:
        page = show(qtbot, app, "settings")
        page.refresh()
        field = page.data_section.copies
        assert field.text().startswith("Ruth")
        assert field.cursorPosition() == 0  # the field shows from its first letter
        field.setFocus()
        field.end(False)
        field.clearFocus()
        field.editingFinished.emit()  # typed, then Tab to go on
        assert field.cursorPosition() == 0
    finally:
        app.set_text_scale(100)


def test_number_fields_write_numbers_as_the_words_around_them_do_in_arabic(qtbot, app):
    """Settings in Arabic said "٣٠ يومًا" in the check-in field and "30" everywhere else (babel
    writes Western digits for Arabic): the same number in two ways on one page."""
    from ui.dialogs.energy_budget import BudgetDialog

    app.set_language("ar")
    try:
        page = show(qtbot, app, "settings")
        page.check_days.setValue(30)
        fields = [page.check_days, page.lock_minutes]
        page.lock_minutes.setValue(15)
        dialog = BudgetDialog(app.session, page)
        qtbot.addWidget(dialog)
        fields.append(dialog.value)
        dialog.value.setValue(12)
        texts = [field.text() for field in fields]
        typed = page.check_days
        typed.selectAll()
        QTest.keyClicks(typed.lineEdit(), "45")
        typed.interpretText()
    finally:
        app.set_language("en")
    assert "30" in texts[0] and "15" in texts[1] and "12" in texts[2], texts
    assert not any(ch in "".join(texts) for ch in "٠١٢٣٤٥٦٧٨٩"), texts
    assert typed.value() == 45  # and the number typed as shown is taken


def edge_colour(widget: QWidget) -> str:
    from PySide6.QtGui import QColor

    image = widget.grab().toImage()
    return QColor(image.pixel(2, image.height() // 2)).name().upper()


@pytest.mark.parametrize("where", ["scripts", "groups"])
def test_a_list_shows_when_the_keyboard_is_in_it(qtbot, app, where):
    """Tab onto the words for saying no (or the kinds of group) changed nothing on screen: the
    chosen row is coloured with or without the focus, so the keyboard seemed lost."""
    from PySide6.QtGui import QPalette

    from ui.dialogs.scripts import ScriptsDialog

    if where == "scripts":
        dialog = ScriptsDialog(app.session, parent=app.window)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        view, other = dialog.list, dialog.reason.box
    else:
        page = show(qtbot, app, "groups")
        view, other = page.kinds_view, page.home_card.findChildren(QPushButton)[0]
    focus = view.palette().color(QPalette.ColorRole.Highlight).name().upper()
    other.setFocus()
    qtbot.waitUntil(lambda: not view.hasFocus())
    assert edge_colour(view) != focus
    view.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(view.hasFocus)
    assert edge_colour(view) == focus


def test_a_places_details_open_on_the_facts_at_large_text(qtbot, app):
    """ "Details and my notes" at 200% opened scrolled down to the empty notes, the place's
    facts (when, where, how far) out of sight above: the window scrolls to whatever gets the
    focus, and the notes got it as the dialog opened."""
    from PySide6.QtWidgets import QApplication

    from companion import groups
    from companion.resources import asset
    from ui.dialogs.groups_place import PlaceDialog

    store = app.context.unlocked.store
    groups.set_home(app.context.settings, "Millbrook", 52.15190, -0.70090)
    groups.import_places_file(store, NOW, asset("demo", "millbrook-directory.csv"), language="en")
    walks = groups.places(store, "Health Walks")[0]
    app.set_text_scale(200)
    try:
        app.window.show()
        qtbot.waitExposed(app.window)
        dialog = PlaceDialog(app.session, walks.id, app.window)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(lambda: dialog.notes.hasFocus())
        bar = dialog.scroll.verticalScrollBar()
        assert bar.maximum() > 0  # the notes are below the facts
        qtbot.waitUntil(lambda: bar.value() == 0)  # it opens on the facts, and stays there
        QApplication.processEvents()
        assert bar.value() == 0
        facts = dialog.facts.mapTo(dialog.scroll.viewport(), dialog.facts.rect().topLeft())
        assert facts.y() >= 0
        QTest.keyClicks(dialog.notes, "Bring a flask")  # typing brings the notes into sight
        assert bar.value() > 0
    finally:
        app.set_text_scale(100)


def test_a_places_telephone_number_stays_whole_in_arabic(qtbot, app):
    """In Arabic the place's number "01632 960 210" read "210 960 01632": its groups of digits
    were set right to left like the words around them."""
    from companion import groups
    from companion.resources import asset
    from ui.dialogs.groups_place import PlaceDialog

    store = app.context.unlocked.store
    groups.import_places_file(store, NOW, asset("demo", "millbrook-directory.csv"), language="en")
    group = groups.places(store, "Library Reading Group")[0]
    app.set_language("ar")
    try:
        dialog = PlaceDialog(app.session, group.id, app.window)
        qtbot.addWidget(dialog)
        shown = dialog.facts.text()
    finally:
        app.set_language("en")
    assert "\u206601632\xa0960\xa0210\u2069" in shown  # kept left to right, in one piece


def test_arabic_words_keep_their_last_letter_at_the_left_edge(qtbot, app):
    """The parent view's "Get help now if your child…" in Arabic at 200% lost the hamza of
    "إيذاء" at the left edge: Qt set the longest lines a space's width too far left."""
    from PySide6.QtGui import QColor, QImage

    from ui.widgets.common import label

    paragraphs = (
        "اطلب المساعدة فورًا إذا تحدّث طفلك عن إيذاء نفسه أو عن الانتحار، أو آذى نفسه، أو هرب "
        "من البيت، أو إذا كنت تخشى على سلامته. اتصل برقم الطوارئ أو بخط الأزمات، وابقَ مع طفلك.",
        "تُحتسب كل إجابة 0 أو 1 أو 2. يقول واضعو الاستبيان إن من المفيد التحدث إلى طبيب طفلك "
        "عندما يبلغ مجموع الإجابات 15 أو أكثر، أو عندما يبلغ أحد الأجزاء حدّه: المشاعر 5 أو "
        "أكثر؛ الانتباه 7 أو أكثر؛ السلوك 7 أو أكثر.",
    )
    app.set_language("ar")
    app.set_text_scale(200)
    try:
        cut = []
        for words, width in [(w, n) for w in paragraphs for n in range(500, 900, 5)]:
            shown = label(words)
            qtbot.addWidget(shown)
            shown.ensurePolished()
            height = shown.heightForWidth(width)
            shown.resize(width, height)
            image = QImage(width, height, QImage.Format.Format_ARGB32)
            image.fill(QColor("white"))
            shown.render(image)
            if any(QColor(image.pixel(0, y)).lightness() < 160 for y in range(height)):
                cut.append(width)  # a letter runs on past the edge: cut off there
    finally:
        app.set_text_scale(100)
        app.set_language("en")
    assert not cut


def test_the_parent_views_words_keep_their_last_letter_in_arabic(qtbot, request, keyring_profile):
    """The same, on the page itself: there the style sheet set the label's margins again as
    it was drawn, and "إيذاء" still lost its hamza."""
    from PySide6.QtGui import QColor, QImage

    from companion import demo

    demo._parents(keyring_profile, datetime.now().astimezone())
    app = request.getfixturevalue("app_with_window")
    app.context.settings.set("parent_view", True)
    app.set_language("ar")
    app.set_text_scale(200)
    try:
        page = show(qtbot, app, "parents")
        shown = page.when_now
        qtbot.waitUntil(shown.isVisible)
        cut = []
        for width in range(500, 900, 5):
            shown.setFixedSize(width, shown.heightForWidth(width))
            image = QImage(shown.size(), QImage.Format.Format_ARGB32)
            image.fill(QColor("white"))
            shown.render(image)
            if any(QColor(image.pixel(0, y)).lightness() < 160 for y in range(image.height())):
                cut.append(width)
    finally:
        app.set_text_scale(100)
        app.set_language("en")
    assert not cut


def test_settings_says_what_closing_the_window_does_without_tray(qtbot, app):
    """ "Keep running in the tray": the issue names "tray" as jargon. The choice now says what
    it does in plain words."""
    from PySide6.QtWidgets import QLabel

    page = show(qtbot, app, "settings")
    words = [w.text() for w in page.findChildren(QLabel) if w.isVisibleTo(page)]
    words += [page.tray.text(), page.tray.accessibleName()]
    assert not [w for w in words if "tray" in w.lower()]
    assert page.tray.text() == "Keep Companion running when I close its window"


def test_settings_number_fields_are_asked_in_plain_words(qtbot, app):
    """ "Ask me every this many days how I have been feeling (0 means never)": a rule for the
    field that the field itself already shows ("Never"), in words hard to read aloud."""
    page = show(qtbot, app, "settings")
    for asked in (page.lock_label, page.check_label):
        assert "0 means" not in asked.text() and "this many" not in asked.text()
    assert page.check_label.text() == "Days between Companion asking how you feel:"
    page.check_days.setValue(0)
    assert page.check_days.text() == "Never"
    page.check_days.setValue(30)
    assert page.check_days.text() == "30 days"


def test_the_guides_sources_are_listed_the_languages_way(qtbot, app):
    """The parent guide's "From:" line joined its sources with a Latin ";" in Arabic too."""
    from companion.parents_content import content
    from ui.dialogs.parents_guide import sources_line

    words = content()
    app.set_language("ar")
    try:
        arabic = sources_line(words, words.when_now_sources)
    finally:
        app.set_language("en")
    english = sources_line(words, words.when_now_sources)
    assert ";" not in arabic, arabic
    assert "،" in arabic or " و" in arabic, arabic
    assert english.startswith("From: ") and ";" not in english
    assert len(words.when_now_sources) < 3 or ", and " in english, english
