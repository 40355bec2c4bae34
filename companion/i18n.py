"""Languages: gettext catalogs, and dates, times and numbers through babel.

Strings are looked up at call time through ``_()`` and ``ngettext()``, so a
language change takes effect the next time a screen asks for its text (each
page has a ``retranslate()``). ``N_()`` marks a string for extraction where it
is defined and leaves translation to where it is shown.
"""

from __future__ import annotations

import gettext
import importlib
import locale
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

# babel.dates (which reads the computer's time zone as it is imported) and babel.numbers
# are imported by the functions that write a date or a number, so that commands and
# start-up that write none do not pay for them. ``_find_local_zone_quickly()`` comes first.
from companion.resources import i18n_dir

if TYPE_CHECKING:
    from babel import Locale

# The parent locales that break babel's usual rule (a locale's parent is its name less its
# last part), as babel 2.19.0 ships them (CLDR 49): parent, then its children. Loading a
# language's data asks babel only this, and babel reads it from its global data, one pickle
# of 2.2 MB that becomes 33,000 Python objects (time zones, currencies, every territory's
# languages…) kept for the life of the process. With this table the first date written reads
# only the language's own data; anything else babel asks of its global data reads the whole
# file as before (``_GlobalDataOnDemand``). Another babel version is left to read its own.
# tests/core/test_i18n_core.py checks the table against the installed babel's file.
_PARENTS_BABEL_VERSION = "2.19.0"
_PARENT_EXCEPTIONS_BY_PARENT = {
    "en_001": "en_150 en_AG en_AI en_AU en_BB en_BM en_BS en_BW en_BZ en_CC en_CK en_CM en_CX "
    "en_CY en_DG en_DM en_ER en_FJ en_FK en_FM en_GB en_GD en_GG en_GH en_GI en_GM en_GS en_GY "
    "en_HK en_ID en_IE en_IL en_IM en_IN en_IO en_JE en_JM en_KE en_KI en_KN en_KY en_LC en_LR "
    "en_LS en_MG en_MO en_MS en_MT en_MU en_MV en_MW en_MY en_NA en_NF en_NG en_NR en_NU en_NZ "
    "en_PG en_PK en_PN en_PW en_RW en_SB en_SC en_SD en_SG en_SH en_SL en_SS en_SX en_SZ en_TC "
    "en_TK en_TO en_TT en_TV en_TZ en_UG en_VC en_VG en_VU en_WS en_ZA en_ZM en_ZW",
    "en_150": "en_AT en_BE en_CH en_CZ en_DE en_DK en_EE en_ES en_FI en_FR en_GE en_HU en_IT "
    "en_LT en_LV en_NL en_NO en_PL en_PT en_RO en_SE en_SI en_SK en_UA",
    "en_IN": "hi_Latn",
    "es_419": "es_AR es_BO es_BR es_BZ es_CL es_CO es_CR es_CU es_DO es_EC es_GT es_HN es_JP "
    "es_MX es_NI es_PA es_PE es_PR es_PY es_SV es_US es_UY es_VE",
    "no": "nb nn no_NO",
    "pt_PT": "pt_AO pt_CH pt_CV pt_FR pt_GQ pt_GW pt_LU pt_MO pt_MZ pt_ST pt_TL",
    "zh_Hant_HK": "zh_Hant_MO",
}


class _GlobalDataOnDemand(Mapping[str, Any]):
    """Stands in for babel's global data until something other than the parent locales is
    asked of it; then babel reads its whole file, as it would have, and keeps that instead."""

    def __init__(self, parents: dict[str, str]) -> None:
        self._parents = parents

    def _whole(self) -> Mapping[str, Any]:
        babel_core: Any = importlib.import_module("babel.core")
        if babel_core._global_data is self:
            babel_core._global_data = None
        babel_core.get_global("cldr")  # reads global.dat and keeps it in babel
        whole: Mapping[str, Any] = babel_core._global_data
        return whole

    def __getitem__(self, key: str) -> Any:
        if key == "parent_exceptions":
            return self._parents
        return self._whole()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())


def _spare_babel_global_data() -> None:
    """Let babel load a language without reading its global data (see the table above)."""
    import babel

    babel_core: Any = importlib.import_module("babel.core")
    if babel.__version__ != _PARENTS_BABEL_VERSION or babel_core._global_data is not None:
        return
    parents = {
        child: parent
        for parent, children in _PARENT_EXCEPTIONS_BY_PARENT.items()
        for child in children.split()
    }
    babel_core._global_data = _GlobalDataOnDemand(parents)


@cache
def _babel() -> Any:
    """babel, imported the first time a language's data is needed, with its global data
    spared (above). Not before the window's first frame: that needs no babel in the window's
    process (Today's first screen is worked out beside Qt's start), and babel costs ~4.5 ms."""
    import babel

    _spare_babel_global_data()
    return babel


def _try_locale(code: str) -> Locale | None:
    babel = _babel()
    try:
        return babel.Locale.parse(code)
    except (ValueError, babel.UnknownLocaleError):
        return None


DOMAIN = "messages"
SOURCE_LANGUAGE = "en"
RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur", "ps", "yi"})

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE
_listeners: list[Callable[[str], None]] = []
_region = ""  # the person's country ("GB", "US"…): it decides the clock's style


def N_(message: str) -> str:  # noqa: N802 - the conventional name
    """Mark a string for translation without translating it yet."""
    return message


def _(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _translations.pgettext(context, message)


@cache
def available_languages() -> tuple[str, ...]:
    """The source language plus every language with a compiled catalog."""
    found = {SOURCE_LANGUAGE}
    root = i18n_dir()
    for child in root.iterdir():
        if (child / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file():
            found.add(child.name)
    return tuple(sorted(found))


def language_name(code: str) -> str:
    """The language's name in its own words, so people can find theirs."""
    loc = _try_locale(code)
    if loc is None:
        return code
    name = loc.get_display_name(code) or code
    return name[:1].upper() + name[1:]


def normalize_language(code: str | None) -> str:
    """Map 'de_DE.UTF-8' or 'pt-BR' onto a shipped language, else English."""
    if not code:
        return SOURCE_LANGUAGE
    code = code.split(".")[0].split("@")[0].replace("-", "_")
    languages = available_languages()
    if code in languages:
        return code
    base = code.split("_")[0].lower()
    return base if base in languages else SOURCE_LANGUAGE


def system_locale_name() -> str | None:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable)
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return value.split(":")[0]
    try:
        return locale.getlocale()[0]
    except ValueError:
        return None


def default_language() -> str:
    return normalize_language(system_locale_name())


def default_country() -> str | None:
    """The country part of the system locale ('en_GB' gives 'GB'), if any."""
    name = system_locale_name()
    if not name:
        return None
    name = name.split(".")[0].split("@")[0].replace("-", "_")
    parts = name.split("_")
    if len(parts) >= 2 and len(parts[1]) == 2 and parts[1].isalpha():
        return parts[1].upper()
    return None


# Languages spoken as the main language in many countries, none of them the obvious one:
# setup asks rather than guesses (babel would say Egypt for Arabic).
_NO_ONE_COUNTRY = frozenset({"ar"})


def likely_country(language: str) -> str | None:
    """The country a language most likely means where the computer says none: "de" gives "DE",
    "en" gives "US"; None for a language with no one country (Arabic), so the person is asked."""
    from babel.core import get_global  # imported when first needed

    base = normalize_language(language).split("_")[0]
    if base in _NO_ONE_COUNTRY:
        return None
    likely = get_global("likely_subtags").get(base, "")
    country = likely.split("_")[-1] if likely else ""
    return country if len(country) == 2 and country.isalpha() else None


def country_for_language(language: str) -> str | None:
    """The country to offer first once the person has chosen a language: the computer's own
    (de_AT gives "AT") when its settings are in that language, else the language's most likely
    country; never a country that came with another language (German over "en_US" is "DE")."""
    name = system_locale_name() or ""
    system_language = name.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    country = default_country()
    if country and system_language == normalize_language(language).split("_")[0]:
        return country
    return likely_country(language)


def set_language(code: str) -> str:
    """Switch the whole app's language; returns the language actually used."""
    global _translations, _language
    code = normalize_language(code)
    if code == SOURCE_LANGUAGE:
        _translations = gettext.NullTranslations()
    else:
        _translations = gettext.translation(
            DOMAIN, localedir=str(i18n_dir()), languages=[code], fallback=True
        )
    _language = code
    for listener in list(_listeners):
        listener(code)
    return code


def current_language() -> str:
    return _language


def on_language_changed(listener: Callable[[str], None]) -> None:
    _listeners.append(listener)


def isolate(text: str) -> str:
    """Wrap left-to-right text (a web address, a code, a phone number) so it stays whole in any
    sentence.

    Without this, "hhs.gov" inside an Arabic sentence can come out scrambled;
    the Unicode left-to-right isolate keeps it in one piece. A number's digit groups are kept
    on one line too (see ``numbers_unbroken``).
    """
    return f"\u2066{numbers_unbroken(text)}\u2069"


def in_own_direction(text: str) -> str:
    """Wrap text whose direction is its own (a name, a person's note) so it reads in its own
    script's direction inside a sentence of either direction: a first-strong isolate.

    In Arabic, an English note keeps its full stop at its own end and "988 Suicide & Crisis
    Lifeline" its number first; a German page is not changed by an Arabic name.
    """
    return f"\u2068{text}\u2069"


_DIGIT_GROUPS = re.compile(r"(?<=\d)[ ](?=\d)")


def numbers_unbroken(text: str) -> str:
    """Join the digit groups of a number with no-break spaces, so "0800 111 0 111" is never
    broken across two lines at large text (someone in distress would dial half of it)."""
    return _DIGIT_GROUPS.sub("\u00a0", text)


def is_rtl(code: str | None = None) -> bool:
    return (code or _language).split("_")[0] in RTL_LANGUAGES


def _locale(code: str | None = None) -> Locale:
    return _parsed_locale(code or _language)


@cache
def _parsed_locale(code: str) -> Locale:
    """Parsing a locale costs ~5 µs, and lists of thousands of places ask for it each time."""
    return _try_locale(code) or _babel().Locale.parse(SOURCE_LANGUAGE)


_local_zone_found = False


def _find_local_zone_quickly() -> None:
    """Spare the first date written the ~5 ms babel takes to find the computer's time zone.

    Importing ``babel.dates`` looks the zone up by the name /etc/localtime points to, and
    with pytz installed (vobject needs it) ``pytz.timezone(name)`` first checks that each of
    its ~600 zone files exists. This builds that one zone the way ``pytz.timezone`` builds
    it, from the same file, into pytz's own cache, where the lookup finds it: babel's zone
    is the same object as before, so no date or time shown changes. Anything unusual (a TZ
    variable, no such link, no pytz, a name pytz does not know) is left to babel, as before.
    No date Companion shows uses babel's zone (every time is given in its own zone).
    """
    global _local_zone_found
    if _local_zone_found:
        return
    _local_zone_found = True
    if os.name != "posix" or os.environ.get("TZ"):
        return
    try:
        link = os.readlink("/etc/localtime")
    except OSError:
        return
    at = link.find("/zoneinfo/")
    if at < 0:
        return
    name = link[at + len("/zoneinfo/") :].lstrip("/")
    try:
        pytz: Any = importlib.import_module("pytz")
        if name.upper() == "UTC" or name in pytz._tzinfo_cache:
            return  # pytz answers these at once
        if name not in pytz._all_timezones_unchecked:
            return  # pytz says it is unknown, babel looks further: as before
        with pytz.open_resource(name) as file:
            pytz._tzinfo_cache[name] = pytz.build_tzinfo(name, file)
    except Exception:  # no pytz, another pytz, an unreadable file: babel looks it up itself
        return


def _babel_dates() -> Any:
    """babel's dates module, imported when first needed (after finding the zone quickly)."""
    _find_local_zone_quickly()
    _babel()
    from babel import dates as babel_dates

    return babel_dates


def format_date(value: date, form: str = "long") -> str:
    """A day with its year, in the language's one style: "December 4, 2026",
    "4. Dezember 2026". Without the year, see ``format_day``; a chart's short axis label,
    ``format_short_day``. Other forms are for weekday names ("EEEE") and file names."""
    babel_dates = _babel_dates()

    return babel_dates.format_date(value, format=form, locale=_locale())


def format_short_day(value: date) -> str:
    """A chart's short label, in the language's order: "Oct 12", "12. Okt.", "12 أكتوبر"."""
    babel_dates = _babel_dates()

    return babel_dates.format_skeleton("MMMd", value, locale=_locale())


def format_time(value: time | datetime, form: str = "short", code: str | None = None) -> str:
    """A time in the person's own clock: "7:30 PM" in US English, "19:30" in German and
    British English, "7:30 م" in Arabic. ``code`` defaults to the language and the country
    given to ``set_region``, so every time on every screen has one style."""
    babel_dates = _babel_dates()

    return babel_dates.format_time(value, format=form, locale=_clock_locale(code or time_code()))


def format_datetime(
    value: datetime, form: Literal["full", "long", "medium", "short"] = "long"
) -> str:
    """The day in the language's words and the time in the person's own clock, joined the
    language's way ("Dec 4, 2026, 7:30 PM"; "19:30" for the time in British English)."""
    babel_dates = _babel_dates()

    loc = _locale()
    joined = str(babel_dates.get_datetime_format(form, locale=loc)).replace("'", "")
    day = babel_dates.format_date(value, format=form, locale=loc)
    # The time never has seconds: one time style on every screen, whatever the day's form.
    return joined.replace("{0}", format_time(value, "short")).replace("{1}", day)


def format_list(parts: Sequence[str], style: Literal["standard", "unit"] = "standard") -> str:
    """Items joined the way the language lists things: "Monday and Thursday", "Montag und
    Donnerstag", "الاثنين والخميس" (never a Latin comma in Arabic). ``style`` is babel's: "unit"
    for a description's parts without "and"."""
    _babel()
    from babel.lists import format_list as babel_format_list

    parts = [p for p in parts if p]
    if not parts:
        return ""
    try:
        joined = babel_format_list(parts, style=style, locale=_locale())
        if joined.count(parts[-1]) > parts.count(parts[-1]):
            # Babel 2.19's Arabic "unit" pattern for two items repeats the second
            # ("A، وB، وB"); the standard pattern says it right.
            joined = babel_format_list(parts, style="standard", locale=_locale())
        return joined
    except (ValueError, KeyError):
        return ", ".join(parts)


def in_sentence(title: str) -> str:
    """A title used inside a sentence: "Music and singing" → "music and singing". German nouns
    keep their capital ("Musik und Singen", never "musik und singen")."""
    if current_language().split("_")[0] == "de":
        return title
    return title[:1].lower() + title[1:]


def format_number(value: int | float) -> str:
    from babel import numbers as babel_numbers  # imported when first needed

    return babel_numbers.format_decimal(value, locale=_locale())


def format_percent(value: float) -> str:
    from babel import numbers as babel_numbers  # imported when first needed

    return babel_numbers.format_percent(value, locale=_locale())


def country_names() -> list[tuple[str, str]]:
    """(code, name) for every country, named and sorted in the current language."""
    territories = _locale().territories
    countries = [
        (code, name)
        for code, name in territories.items()
        if len(code) == 2
        and code.isalpha()
        and code not in ("ZZ", "XA", "XB", "EU", "EZ", "UN", "QO")
    ]
    return sorted(countries, key=lambda item: item[1].casefold())


def country_name(code: str) -> str:
    return _locale().territories.get(code, code)


# --- typed dates ----------------------------------------------------------------------------

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def _month_names(code: str | None = None) -> dict[str, int]:
    """Every way the language (and English) names a month, folded, to its number."""
    names: dict[str, int] = {}
    for loc in (_locale(code), _parsed_locale("en")):
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in loc.months[context][width].items():
                    names[name.casefold().rstrip(".")] = number
    return names


def date_order(code: str | None = None) -> str:
    """ "dmy", "mdy" or "ymd": the order the language writes a short date in."""
    pattern = _locale(code).date_formats["short"].pattern.lower()
    positions = sorted((pattern.find(c), c) for c in "dmy" if pattern.find(c) >= 0)
    return "".join(c for _p, c in positions) or "dmy"


def _relative_days(code: str | None = None) -> dict[str, int]:
    """ "today", "yesterday", "tomorrow" (and "vorgestern", "بعد الغد"…) in the language and in
    English, folded, to how many days from today: the language's own words, from CLDR."""
    words: dict[str, int] = {}
    for loc in (_parsed_locale("en"), _locale(code)):
        fields = loc._data["date_fields"]  # babel has no public name for these
        for width in ("day", "day-short"):
            relative = fields.get(width, {}).get("relative", {})
            for offset, word in relative.items():
                words[str(word).casefold()] = int(offset)
    return words


def _year_for(month: int, day: int, today: date, without_year: str) -> int:
    """The year a day typed without one means: the last such day up to today ("past", a call
    made) or the next from today ("future", a reminder). 29 February finds a leap year."""
    step = -1 if without_year == "past" else 1
    year = today.year
    for _tries in range(9):
        try:
            candidate = date(year, month, day)
        except ValueError:
            year += step
            continue
        if (candidate <= today) if step < 0 else (candidate >= today):
            return year
        year += step
    raise ValueError("day")


def parse_typed_date(
    text: str,
    today: date,
    *,
    year_needed: bool = True,
    code: str | None = None,
    without_year: str = "",
) -> tuple[int | None, int, int]:
    """A date as a person types it, in their language's order: (year or None, month, day).

    "14 March 1948", "14.3.1948", "3/14/1948" (in US English), "1948-03-14", "14 Mar",
    "yesterday", "morgen", Arabic-Indic digits. Without a year, ``without_year`` says which
    one is meant: "past" (the last such day up to today: a call made on "4 December") or
    "future" (the next one from today: a reminder for "4 January"); else the year stays
    unknown (a birthday) or, where one is needed, the date is refused. Raises
    ``ValueError`` when it cannot be read for certain; the UI then says so and changes nothing.
    """
    folded = text.translate(_DIGITS).strip().casefold()
    if not folded:
        raise ValueError("empty")
    offset = _relative_days(code).get(folded.rstrip(" .!"))
    if offset is not None:
        meant = today + timedelta(days=offset)
        return meant.year, meant.month, meant.day
    months = _month_names(code)
    words = [w for w in re.split(r"[\s,./\-–]+", folded) if w]
    numbers: list[int] = []
    four_digit_year_last = bool(words) and words[-1].isdigit() and len(words[-1]) == 4
    month: int | None = None
    for word in words:
        if word.isdigit():
            numbers.append(int(word))
            continue
        word = word.rstrip(".")
        if word in months:
            if month is not None:
                raise ValueError("two months")
            month = months[word]
            continue
        if word.endswith(("st", "nd", "rd", "th")) and word[:-2].isdigit():
            numbers.append(int(word[:-2]))
            continue
        raise ValueError(f"not a date word: {word}")
    year: int | None = None
    if month is not None:
        days = [n for n in numbers if n <= 31]
        years = [n for n in numbers if n > 31]
        if len(numbers) == 2 and len(days) == 2:  # "14 March 48": the last is the year
            days, years = [numbers[0]], [numbers[1]]
        if len(days) != 1 or len(years) > 1:
            raise ValueError("day")
        day = days[0]
        year = years[0] if years else None
    else:
        if len(numbers) == 3 and numbers[0] > 31:
            year, month, day = numbers
        elif len(numbers) in (2, 3):
            order = [c for c in date_order(code) if c != "y"]
            first, second = numbers[0], numbers[1]
            day, month = (first, second) if order[0] == "d" else (second, first)
            if len(numbers) == 3 and four_digit_year_last and month > 12 >= day:
                # "14.03.1948" in the US: 14 cannot be a month, so it can only mean one day.
                # A date that could mean two things keeps the country's order.
                day, month = month, day
            year = numbers[2] if len(numbers) == 3 else None
        else:
            raise ValueError("numbers")
    if year is not None and year < 100:
        century = today.year // 100 * 100
        year = year + century if year + century <= today.year + 10 else year + century - 100
    if year is None and without_year in ("past", "future"):
        date(2000, month, day)  # raises ValueError for 31 February and the like
        year = _year_for(month, day, today, without_year)
    if year is None and year_needed:
        raise ValueError("year")
    date(year or 2000, month, day)  # raises ValueError for 31 February and the like
    return year, month, day


def _without_year(pattern: str) -> str:
    stripped = re.sub(r"[\s,،]*\by+\b[\s.年]*", " ", pattern).strip(" ,،")
    return re.sub(r"\s{2,}", " ", stripped)


def format_day(value: date, weekday: bool = True) -> str:
    """A day in the language's own words, without the year: "Sunday, December 6",
    "Sonntag, 6. Dezember", "الأحد، 6 ديسمبر". One style everywhere a day is named."""
    babel_dates = _babel_dates()

    loc = _locale()
    pattern = loc.date_formats["full" if weekday else "long"].pattern
    return babel_dates.format_date(value, format=_without_year(pattern), locale=loc)


# --- typed times ----------------------------------------------------------------------------

# Invisible direction marks and spaces babel and right-to-left typing put around a time.
_TIME_SPACES = str.maketrans(
    {c: " " for c in "\u00a0\u202f\u2009"}
    | {c: None for c in "\u200e\u200f\u061c\u2066\u2067\u2068\u2069\u202a\u202b\u202c"}
)
_TIME_NUMBERS = re.compile(
    r"^(?P<hour>\d+)(?:\s*(?:[:.,٫h]|\s)\s*(?P<minute>\d{2})(?:\s*[:.]\s*\d{2})?)?\s*(?P<rest>.*)$"
)
_NOT_A_PERIOD = frozenset({"", "uhr", "h", "oclock", "o'clock", "o’clock"})


def set_region(country: str | None) -> None:
    """The person's country (a setting), for the clock's style: "GB" gives 24-hour English."""
    global _region
    _region = (country or "").upper()


def current_region() -> str:
    return _region


def time_code(region: str | None = None) -> str:
    """The locale whose clock is used: the language with the country, "en_GB" or "de"."""
    country = _region if region is None else region.upper()
    known = len(country) == 2 and country.isalpha()
    return f"{_language}_{country}" if known else _language


@cache
def _clock_locale(code: str) -> Locale:
    """The locale for a clock: "de_US" is not one babel knows, so German's own clock."""
    return _try_locale(code) or _parsed_locale(code.split("_")[0])


def uses_12_hour_clock(code: str | None = None) -> bool:
    """True where times are written "7:30 PM" rather than "19:30"."""
    pattern = _clock_locale(code or time_code()).time_formats["short"].pattern
    return "h" in pattern or "K" in pattern


def _fold_period(word: str) -> str:
    return word.casefold().replace(".", "").replace(" ", "")


@cache
def _time_words(code: str) -> dict[str, str]:
    """Every way the language (and English) says morning, afternoon, noon or midnight,
    folded, to "am", "pm", "noon" or "midnight"."""
    words = {"noon": "noon", "midday": "noon", "midnight": "midnight"}
    words |= {"صباحا": "am", "صباحاً": "am", "مساء": "pm", "مساءا": "pm", "مساءً": "pm"}
    for loc in (_parsed_locale("en"), _clock_locale(code)):
        for context in ("format", "stand-alone"):
            for width in ("abbreviated", "wide", "narrow"):
                periods = loc.day_periods.get(context, {}).get(width, {})
                for key in ("am", "pm") + (("noon", "midnight") if width != "narrow" else ()):
                    if periods.get(key):
                        words[_fold_period(periods[key])] = key
    return words


def parse_typed_time(text: str, code: str | None = None) -> time | None:
    """A time as a person types it: "7", "7pm", "7:30 pm", "19:30", "1930", "7.30", "noon",
    "19 Uhr", "٧:٣٠ م" (Arabic-Indic digits). ``code`` is the locale ("en_US", "ar"); its own
    words for morning and afternoon are read as well as English ones. A bare "7" is seven in
    the morning, as on a 24-hour clock. None when it can't be read for certain: the UI then
    says so and changes nothing."""
    folded = text.translate(_DIGITS).translate(_TIME_SPACES).strip().casefold()
    words = _time_words(code or time_code())
    alone = words.get(_fold_period(folded))
    if alone in ("noon", "midnight"):
        return time(12, 0) if alone == "noon" else time(0, 0)
    found = _TIME_NUMBERS.match(folded)
    if found is None:
        return None
    digits, minute_digits = found["hour"], found["minute"]
    if minute_digits is None and len(digits) in (3, 4):  # "1930", "730"
        digits, minute_digits = digits[:-2], digits[-2:]
    if len(digits) > 2:
        return None
    hour, minute = int(digits), int(minute_digits or 0)
    rest = _fold_period(found["rest"])
    period = words.get(rest)
    if period is None and rest not in _NOT_A_PERIOD:
        return None
    if period in ("noon", "midnight"):  # "12 noon", "12 midnight"
        if (hour, minute) != (12, 0):
            return None
        return time(12, 0) if period == "noon" else time(0, 0)
    if period in ("am", "pm"):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if period == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)
