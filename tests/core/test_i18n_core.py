"""Languages, right-to-left, and dates in the person's own locale."""

from __future__ import annotations

from datetime import date

import pytest

import companion.i18n as i18n


@pytest.fixture
def shipped(monkeypatch: pytest.MonkeyPatch):
    """Pretend these catalogs are installed, whatever the checkout holds today."""

    def use(*codes: str) -> None:
        monkeypatch.setattr(i18n, "available_languages", lambda: tuple(sorted({"en", *codes})))

    return use


@pytest.mark.parametrize(
    ("system", "language"),
    [
        ("de_DE.UTF-8", "de"),
        ("de-AT", "de"),
        ("de", "de"),
        ("ar_EG.UTF-8@latin", "ar"),
        ("pt-BR", "en"),  # not shipped: English, not an error
        ("C", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_system_locale_names_map_onto_shipped_languages(shipped, system, language) -> None:
    shipped("de", "ar")
    assert i18n.normalize_language(system) == language


def test_every_shipped_language_is_its_own_normal_form() -> None:
    languages = i18n.available_languages()
    assert "en" in languages
    for code in languages:
        assert i18n.normalize_language(code) == code


@pytest.mark.parametrize(
    ("code", "rtl"),
    [("ar", True), ("ar_EG", True), ("he", True), ("fa", True), ("de", False), ("en", False)],
)
def test_right_to_left_languages(code: str, rtl: bool) -> None:
    assert i18n.is_rtl(code) is rtl


def test_english_dates_and_numbers() -> None:
    i18n.set_language("en")
    assert i18n.format_date(date(2024, 3, 5)) == "March 5, 2024"
    assert i18n.format_date(date(2024, 3, 5), "full") == "Tuesday, March 5, 2024"
    assert i18n.format_number(1234567.5) == "1,234,567.5"


def test_dates_follow_the_chosen_language(shipped) -> None:
    shipped("de")
    heard: list[str] = []
    i18n.on_language_changed(heard.append)
    assert i18n.set_language("de_DE.UTF-8") == "de"
    assert heard == ["de"]
    assert i18n.current_language() == "de"
    assert i18n.format_date(date(2024, 3, 5)) == "5. März 2024"
    assert i18n.format_number(1234567.5) == "1.234.567,5"
    i18n.set_language("en")
    assert i18n.format_date(date(2024, 3, 5)) == "March 5, 2024"
    assert i18n.format_date(date(2024, 3, 5), "full") == "Tuesday, March 5, 2024"


def test_an_unshipped_language_falls_back_to_english() -> None:
    assert i18n.set_language("tlh") == "en"
    assert i18n._("Good morning") == "Good morning"


def test_real_other_language_if_shipped() -> None:
    others = [code for code in i18n.available_languages() if code != "en"]
    if not others:
        pytest.skip("no catalog other than English is shipped yet")
    code = others[0]
    assert i18n.set_language(code) == code
    assert i18n.format_date(date(2024, 3, 5)) != "Tuesday, March 5, 2024"


@pytest.mark.parametrize(
    ("lang", "country"),
    [("en_GB.UTF-8", "GB"), ("pt-BR", "BR"), ("de_DE@euro", "DE"), ("en", None)],
)
def test_default_country_comes_from_the_system_locale(
    monkeypatch, lang: str, country: str | None
) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", lang)
    assert i18n.default_country() == country


def test_lc_all_wins_over_lang(monkeypatch) -> None:
    monkeypatch.setenv("LC_ALL", "fr_CA.UTF-8")
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert i18n.default_country() == "CA"


def test_country_names_are_sorted_and_real() -> None:
    i18n.set_language("en")
    names = i18n.country_names()
    codes = [code for code, _name in names]
    assert "GB" in codes and "DE" in codes and "ZZ" not in codes
    assert [name.casefold() for _code, name in names] == sorted(
        name.casefold() for _code, name in names
    )
    assert i18n.country_name("DE") == "Germany"


def test_dates_are_read_as_people_type_them_in_their_own_order():
    from datetime import date

    import pytest

    from companion.i18n import parse_typed_date

    today = date(2026, 12, 4)
    assert parse_typed_date("14 March 1948", today, code="en_GB") == (1948, 3, 14)
    assert parse_typed_date("14/3/1948", today, code="en_GB") == (1948, 3, 14)
    assert parse_typed_date("3/14/1948", today, code="en_US") == (1948, 3, 14)
    assert parse_typed_date("14. März 1948", today, code="de_DE") == (1948, 3, 14)
    assert parse_typed_date("14.03.48", today, code="de_DE") == (1948, 3, 14)
    assert parse_typed_date("١٤ مارس ١٩٤٨", today, code="ar_EG") == (1948, 3, 14)
    assert parse_typed_date("1948-03-14", today, code="en_GB") == (1948, 3, 14)
    assert parse_typed_date("14 Mar", today, year_needed=False, code="en_GB") == (None, 3, 14)
    for unreadable in ("31 February 2020", "next Tuesday", "", "14 March", "1948"):
        with pytest.raises(ValueError):
            parse_typed_date(unreadable, today, code="en_GB")


def test_a_day_typed_without_its_year_is_the_one_meant():
    """ "4 December" in the box for a call made, "yesterday", "morgen": an older adult types a
    day the way they would say it. They were refused for want of a year."""
    from datetime import date

    import pytest

    from companion.i18n import parse_typed_date

    today = date(2026, 12, 5)
    assert parse_typed_date("4 December", today, code="en_GB", without_year="past") == (
        2026,
        12,
        4,
    )
    assert parse_typed_date("6 December", today, code="en_GB", without_year="past")[0] == 2025
    assert parse_typed_date("4 January", today, code="en_GB", without_year="future")[0] == 2027
    assert parse_typed_date("5 Dec", today, code="en_GB", without_year="future")[0] == 2026
    assert parse_typed_date("29 February", today, code="en_GB", without_year="past") == (
        2024,
        2,
        29,
    )
    assert parse_typed_date("4.12.", today, code="de_DE", without_year="past") == (2026, 12, 4)
    assert parse_typed_date("yesterday", today, code="en_GB") == (2026, 12, 4)
    assert parse_typed_date("Tomorrow", today, code="en_US") == (2026, 12, 6)
    assert parse_typed_date("vorgestern", today, code="de_DE") == (2026, 12, 3)
    assert parse_typed_date("أمس", today, code="ar_EG") == (2026, 12, 4)
    with pytest.raises(ValueError):  # where no year is meant either way, one is still asked
        parse_typed_date("4 December", today, code="en_GB")
    with pytest.raises(ValueError):
        parse_typed_date("30 February", today, code="en_GB", without_year="past")


def test_a_day_is_named_in_one_style_per_language_without_the_year():
    from datetime import date

    from companion import i18n

    day = date(2026, 12, 6)
    try:
        expected = {
            "en": ("Sunday, December 6", "December 6"),
            "de": ("Sonntag, 6. Dezember", "6. Dezember"),
            "ar": ("الأحد، 6 ديسمبر", "6 ديسمبر"),
        }
        for code, (with_weekday, without) in expected.items():
            i18n.set_language(code)
            assert i18n.format_day(day) == with_weekday
            assert i18n.format_day(day, weekday=False) == without
    finally:
        i18n.set_language("en")


def test_a_phone_number_is_never_broken_across_two_lines() -> None:
    """At 200% text "0800 111 0 111" broke after "0800 111" on a helpline's card: someone in
    distress could dial half a number. Its groups are joined by no-break spaces; words are not."""
    shown = i18n.isolate("0800 111 0 111")
    assert shown == "\u20660800\u00a0111\u00a00\u00a0111\u2069"
    assert i18n.numbers_unbroken("TelefonSeelsorge 0800 111 0 222") == (
        "TelefonSeelsorge 0800\u00a0111\u00a00\u00a0222"
    )
    assert i18n.numbers_unbroken("Open 24 hours") == "Open 24 hours"


# --- babel's global data, read only when needed --------------------------------------------


def _babel_file_data() -> dict:
    import os
    import pickle

    import babel.core

    with open(os.path.join(os.path.dirname(babel.core.__file__), "global.dat"), "rb") as file:
        return pickle.load(file)


def test_the_parent_locales_table_is_babels_own() -> None:
    import babel

    assert babel.__version__ == i18n._PARENTS_BABEL_VERSION, (
        "babel was upgraded: write i18n._PARENT_EXCEPTIONS_BY_PARENT again from its "
        "get_global('parent_exceptions') and the version beside it"
    )
    written = {
        child: parent
        for parent, children in i18n._PARENT_EXCEPTIONS_BY_PARENT.items()
        for child in children.split()
    }
    assert written == _babel_file_data()["parent_exceptions"]


def test_babels_other_global_data_is_still_read_when_asked() -> None:
    import babel.core

    stand_in = i18n._GlobalDataOnDemand({"en_GB": "en_001"})
    kept = babel.core._global_data
    babel.core._global_data = stand_in
    try:
        assert babel.core.get_global("parent_exceptions") == {"en_GB": "en_001"}
        assert babel.core._global_data is stand_in  # nothing read yet
        likely = babel.core.get_global("likely_subtags")
        assert likely == _babel_file_data()["likely_subtags"]
        assert isinstance(babel.core._global_data, dict)  # babel keeps the whole file now
        assert babel.core.get_global("parent_exceptions")["en_AU"] == "en_001"
    finally:
        babel.core._global_data = kept


def test_writing_dates_and_times_reads_no_global_data() -> None:
    """A start writes today's date (and a British clock's time) from the language's own data:
    babel's global data (2.2 MB, 33,000 objects) is not read, and the words are babel's own."""
    import subprocess
    import sys

    code = (
        "from datetime import date, time\n"
        "import babel.core\n"
        "from companion import i18n\n"
        "i18n.set_region('GB')\n"
        "print(i18n.format_day(date(2024, 3, 5)), '|', i18n.format_date(date(2024, 3, 5), 'full'),"
        " '|', i18n.format_time(time(17, 30)), '|', i18n.format_time(time(17, 30), code='en_AU'))\n"
        "print(type(babel.core._global_data).__name__)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == [
        "Tuesday, March 5 | Tuesday, March 5, 2024 | 17:30 | 5:30\u202fpm",
        "_GlobalDataOnDemand",
    ]
