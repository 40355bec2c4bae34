"""Times as people type them, and one clock style per language and country."""

from __future__ import annotations

from datetime import time

import pytest

import companion.i18n as i18n


@pytest.fixture
def region():
    """Whatever a test sets, the next test starts in English with no country."""
    yield i18n.set_region
    i18n.set_region(None)
    i18n.set_language("en")


@pytest.mark.parametrize(
    ("typed", "code", "meant"),
    [
        ("7", "en_US", time(7, 0)),
        ("7pm", "en_US", time(19, 0)),
        ("7:30 pm", "en_US", time(19, 30)),
        ("7:30 P.M.", "en_US", time(19, 30)),
        ("12 am", "en_US", time(0, 0)),
        ("12:15 pm", "en_US", time(12, 15)),
        ("19:30", "en_US", time(19, 30)),
        ("1930", "en_GB", time(19, 30)),
        ("730", "en_GB", time(7, 30)),
        ("0730", "en_GB", time(7, 30)),
        ("7.30", "en_GB", time(7, 30)),
        ("noon", "en_US", time(12, 0)),
        ("Midday", "en_GB", time(12, 0)),
        ("12 noon", "en_US", time(12, 0)),
        ("midnight", "en_US", time(0, 0)),
        ("19 Uhr", "de", time(19, 0)),
        ("19.30 Uhr", "de", time(19, 30)),
        ("Mitternacht", "de", time(0, 0)),
        ("٧:٣٠ م", "ar", time(19, 30)),  # Arabic-Indic digits, "م" for the evening
        ("٧:٣٠ ص", "ar", time(7, 30)),
        ("7:30 مساءً", "ar", time(19, 30)),
        ("١٩٣٠", "ar", time(19, 30)),
        ("\u200f7:30 م", "ar", time(19, 30)),  # a right-to-left mark typed before it
    ],
)
def test_times_are_read_as_people_type_them(typed, code, meant) -> None:
    assert i18n.parse_typed_time(typed, code) == meant


@pytest.mark.parametrize(
    "typed", ["", "   ", "soon", "25:00", "7:61", "13 pm", "0 am", "7:3", "12345", "7 o'clock-ish"]
)
def test_what_is_not_a_time_is_not_guessed(typed) -> None:
    assert i18n.parse_typed_time(typed, "en_US") is None


@pytest.mark.parametrize(
    ("code", "shown"),
    [("en_US", "7:30\u202fPM"), ("en_GB", "19:30"), ("de", "19:30"), ("ar", "7:30 م")],
)
def test_each_language_shows_its_own_clock(code, shown) -> None:
    assert i18n.format_time(time(19, 30), code=code) == shown


@pytest.mark.parametrize("code", ["en_US", "en_GB", "en_CA", "en_AU", "de", "de_AT", "ar", "ar_EG"])
def test_every_time_shown_is_read_back_as_the_same_time(code) -> None:
    for minutes in range(0, 24 * 60, 15):
        value = time(minutes // 60, minutes % 60)
        assert i18n.parse_typed_time(i18n.format_time(value, code=code), code) == value


def test_the_country_decides_between_12_and_24_hours(region) -> None:
    i18n.set_language("en")
    assert i18n.uses_12_hour_clock()
    assert i18n.format_time(time(19, 30)) == "7:30\u202fPM"
    region("GB")
    assert i18n.time_code() == "en_GB"
    assert not i18n.uses_12_hour_clock()
    assert i18n.format_time(time(19, 30)) == "19:30"  # every screen, not only the time field
    assert i18n.time_code("us") == "en_US"  # a field can be told its own country


def test_a_language_spoken_in_another_country_keeps_its_own_clock(region) -> None:
    i18n.set_language("de")
    region("US")  # babel knows no "de_US": German's clock, not English's
    assert i18n.format_time(time(19, 30)) == "19:30"
    region("None")  # a country setting never chosen
    assert i18n.time_code() == "de"


@pytest.mark.parametrize("language", ["en", "de", "ar"])
def test_a_moment_is_the_days_one_style_and_a_time_without_seconds(language) -> None:
    from datetime import UTC, datetime

    from babel import dates

    moment = datetime(2026, 12, 4, 19, 30, 59, tzinfo=UTC)
    i18n.set_language(language)
    try:
        written = i18n.format_datetime(moment)
        assert dates.format_date(moment, format="long", locale=language) in written
        assert dates.format_time(moment, format="short", locale=language) in written
        assert "59" not in written  # no seconds, ever
    finally:
        i18n.set_language("en")


def test_a_day_with_its_year_has_one_style_and_a_chart_label_the_languages_order() -> None:
    from datetime import date

    assert i18n.format_date(date(2026, 12, 4)) == "December 4, 2026"
    assert i18n.format_short_day(date(2026, 10, 12)) == "Oct 12"
    i18n.set_language("de")
    try:
        assert i18n.format_date(date(2026, 12, 4)) == "4. Dezember 2026"
        assert i18n.format_short_day(date(2026, 10, 12)) == "12. Okt."
    finally:
        i18n.set_language("en")


def test_a_moment_has_the_same_clock_as_every_time(region) -> None:
    from datetime import UTC, datetime

    region("GB")
    moment = datetime(2026, 12, 4, 19, 30, tzinfo=UTC)
    assert i18n.format_datetime(moment) == "December 4, 2026, 19:30"
