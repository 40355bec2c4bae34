"""Review r1b (issue #9): small mends on Today, the sample's line and the self-check chart, as
they look at 200% text, in German and in Arabic."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget


def on_screen(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


# --- the sample's line -----------------------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_samples_line_keeps_its_button_beside_the_words_at_200(qtbot, demo_window, language):
    """In German at 200% on a 1280×720 screen 'Über dieses Beispiel' went to a row of its own
    under 'Dies sind Beispieldaten.', and the strip above every page grew by a row. The words
    wrap beside the button now, every word and the whole button in sight."""
    app = demo_window
    window = app.window
    app.set_language(language)
    app.set_text_scale(200)
    window.resize(1280, 720)
    window.show_page("today")
    settle()
    bar = window.top_bar
    assert bar is not None
    words, about = bar.words, bar.about_button
    qtbot.waitUntil(lambda: words.width() > 0 and about.width() > 0)
    settle()
    middle = on_screen(about).center().y()
    assert on_screen(words).top() <= middle <= on_screen(words).bottom()  # one row
    assert words.height() >= words.heightForWidth(words.width())  # every word shows
    assert about.width() >= about.sizeHint().width()  # the button whole
    assert not on_screen(words).intersects(on_screen(about))
    assert on_screen(bar).contains(on_screen(about))
    # No taller than the button or two lines of words, whichever is more, and its margin.
    two_lines = 2 * words.fontMetrics().lineSpacing() + 4
    assert bar.height() <= max(about.height(), two_lines) + 2 * 8 + 4


# --- the self-check chart's dates --------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "de", "ar"])
@pytest.mark.parametrize("width", [260, 420, 560, 800, 1100])
def test_the_charts_two_dates_never_overlap(qapp, monkeypatch, language, width):
    """'7. August 2026' and '5. November 2026' were written over each other under the chart
    in German at 200% (Get help at 1100 px). Narrow, the dates get shorter, then only the
    latest shows; wide, both long dates are there as before."""
    from datetime import datetime

    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    from companion import i18n
    from companion.wellbeing import GENTLE_FROM, HIGHEST, LOWEST, Check
    from ui.widgets import score_chart

    written: list[tuple[str, QRectF]] = []

    class Watching(QPainter):
        def drawText(self, *args):  # noqa: N802 - Qt's name
            if len(args) == 3 and isinstance(args[0], QRectF):
                place, flags, text = args
                written.append((text, self.boundingRect(place, flags, text)))
            return super().drawText(*args)

    monkeypatch.setattr(score_chart, "QPainter", Watching)
    i18n.set_language(language)
    first, last = datetime(2026, 8, 7, 10, 0), datetime(2026, 11, 5, 10, 0)
    chart = score_chart.ScoreChart()
    chart.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if language == "ar" else Qt.LayoutDirection.LeftToRight
    )
    font = QFont(chart.font())
    font.setPointSizeF(font.pointSizeF() * 2)  # 200% text
    chart.setFont(font)
    middle = datetime(2026, 9, 20, 10, 0)
    checks = [Check(n, when, 2, 2, 2, None) for n, when in enumerate((first, middle, last))]
    chart.set_checks(checks, high_contrast=False)
    chart.resize(width, chart.sizeHint().height())
    image = QImage(chart.size(), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    chart.render(image)
    numbers = {i18n.format_number(n) for n in (LOWEST, GENTLE_FROM, HIGHEST)}
    dates = [(text, place) for text, place in written if text not in numbers]
    assert dates, "the latest date at least"
    for text, place in dates:
        assert 0 <= place.left() and place.right() <= width, text  # whole, inside the chart
    if len(dates) == 2:
        (_a, one), (_b, other) = dates
        assert not one.intersects(other), dates
    else:
        assert dates[0][0] in {
            i18n.format_date(last.date(), f) for f in ("long", "medium", "short")
        }
    if width >= 1100:
        assert [text for text, _place in dates] == [
            i18n.format_date(first.date()),
            i18n.format_date(last.date()),
        ]
    if len(dates) == 2 and language == "ar":  # the oldest at the right, as the points are
        assert dates[0][1].left() > dates[1][1].left()


# --- Today's first card --------------------------------------------------------------------------


def test_todays_first_card_has_one_heading_empty_or_filled(qtbot, app_with_window):
    """The card was 'People to keep in touch with' with no one listed and 'Who to get in
    touch with' once someone was: one card, two names. It keeps one now."""
    from datetime import timedelta

    from companion import contacts
    from companion.contacts import Person, Schedule

    app = app_with_window
    window = app.window
    window.show_page("today")
    page = window.page("today")
    page.refresh()
    assert not page.people_listed
    empty = page.people_title.text()
    assert empty == "Who to get in touch with"
    now = app.context.now()
    contacts.add_person(
        app.session.store,
        now - timedelta(days=30),
        Person(0, "Rosa Marín", "friend", schedule=Schedule(1, "weeks")),
    )
    page.refresh()
    assert page.people_listed
    assert page.people_title.text() == empty
    app.set_language("de")
    assert page.people_title.text() == "Bei wem Sie sich melden könnten"


# --- lines start where the page's lines start ------------------------------------------------


def ink_span(widget: QWidget) -> tuple[int, int]:
    """The leftmost and rightmost columns where the widget draws its words."""
    from PySide6.QtGui import QImage

    image = QImage(widget.size(), QImage.Format.Format_RGB32)
    image.fill(0xFFFFFFFF)
    widget.render(image)
    background = image.pixel(0, 0)
    columns = [
        x
        for x in range(image.width())
        if any(image.pixel(x, y) != background for y in range(0, image.height(), 2))
    ]
    assert columns, "the words are drawn"
    return columns[0], columns[-1]


@pytest.mark.parametrize(
    ("language", "note"),
    [("ar", "New friend from the library club."), ("en", "صديقة جديدة من نادي المكتبة.")],
)
def test_a_persons_note_on_today_starts_where_the_pages_lines_do(
    qtbot, app_with_window, language, note
):
    """In Arabic, Rosa's English note ('New friend from the library club.') stood at the left
    of Today while every other line was at the right: Qt aligned it by its own words."""
    from datetime import timedelta

    from companion import contacts
    from companion.contacts import Person, Schedule

    app = app_with_window
    window = app.window
    app.set_language(language)
    contacts.add_person(
        app.session.store,
        app.context.now() - timedelta(days=30),
        Person(0, "Rosa Marín", "friend", why=note, schedule=Schedule(1, "weeks")),
    )
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("today")
    page = window.page("today")
    page.refresh()
    [row] = [r for r in page._person_rows if r.isVisible()]
    details = row.details
    assert details.text() == f"\u2068{note}\u2069"  # the note kept whole in its own direction
    qtbot.waitUntil(lambda: details.width() > 300)
    left, right = ink_span(details)
    before, after = left, details.width() - 1 - right
    rtl = language == "ar"
    assert details.isRightToLeft() == rtl
    if rtl:
        assert after < before  # at the right, as the sentence above it
        assert after < 40
    else:
        assert before < after
        assert before < 40
    assert details.alignment() & Qt.AlignmentFlag.AlignLeft  # as asked: where lines start
