"""The helplines file, the country fallback, and the person's own professionals."""

from __future__ import annotations

import copy
import json
from datetime import date, datetime, timedelta

import pytest

from companion import helplines
from companion.errors import CompanionError
from companion.resources import asset

NOW = datetime(2026, 11, 21, 10, 0).astimezone()
TODAY = date(2026, 12, 5)  # the day the file was last reviewed; the rule never reads the clock
DATA = json.loads(asset("data", "helplines.json").read_text(encoding="utf-8"))


def test_the_shipped_file_passes_every_content_rule():
    """Shape, real dialable numbers, https sources of a known kind, none older than a year on
    the day the tests run: an entry left unchecked for a year turns CI red until someone checks
    it again (a computer whose clock is behind the last review counts from that review)."""
    assert helplines.review(DATA, max(date.today(), TODAY)) == []


def test_the_rules_can_fail_a_year_on():
    """The age rule is real: a year and a day after the oldest check, entries are flagged."""
    oldest = date.fromisoformat(helplines.parse(DATA).oldest_check())
    later = helplines.review(DATA, oldest + timedelta(days=366))
    assert later and all("more than a year ago" in problem for problem in later)


def test_at_least_45_countries_have_a_national_line_and_an_emergency_number():
    """Colombia's line is Bogotá's own, so it does not count as national. In some countries the
    national line found on its own page is for children and their parents (docs/CONTENT.md)."""
    directory = helplines.parse(DATA)
    national = {h.country for h in directory.helplines} - {"CO"}
    everyone = {h.country for h in directory.helplines if "everyone" in h.audience}
    assert len(national) >= 45, sorted(national)
    assert len(everyone) >= 35, sorted(everyone)
    assert national <= set(directory.emergency)


def test_every_line_and_emergency_number_rests_on_its_own_or_a_governments_page():
    """The project's rule: a news report or a directory may confirm an entry (in `see_also`),
    never carry it alone; a line without its own page waits outside the file (docs/CONTENT.md)."""
    directory = helplines.parse(DATA)
    weak = [
        h.name for h in directory.helplines if h.source_kind not in ("organisation", "government")
    ]
    weak += [c for c, e in directory.emergency.items() if e.source_kind != "government"]
    assert weak == []


def test_every_line_says_who_runs_it_what_it_costs_and_how_it_meets_throughline():
    for line in helplines.parse(DATA).helplines:
        assert line.organisation.strip(), line.name
        assert line.cost in helplines.COSTS, line.name
        assert set(line.throughline) == set(helplines.THROUGHLINE_TEST), line.name
        if line.cost == "free":
            assert line.throughline["free_or_low_cost"] is True, line.name


def test_emergency_numbers_are_never_listed_as_helplines():
    for line in DATA["helplines"]:
        emergency = DATA["emergency"][line["country"]]
        numbers = {emergency["number"], *(o["number"] for o in emergency["also"])}
        assert (line.get("phone") or "").replace(" ", "") not in numbers, line["name"]


def test_lines_already_known_are_present():
    """Facts from shared/content-sources.md that the directory must carry."""
    directory = helplines.load()
    phones = {(h.country, (h.phone or "").replace(" ", "")) for h in directory.helplines}
    for country, phone in [("GB", "116123"), ("US", "988"), ("AU", "131114"), ("NZ", "1737")]:
        assert (country, phone) in phones, (country, phone)
    assert directory.emergency["GB"].number == "999"
    assert directory.emergency["AU"].number == "000"


def test_emergency_numbers_say_which_service_they_reach():
    """Norway: 113 is medical, 112 police, 110 fire; one number never stands for all three."""
    norway = helplines.load().emergency["NO"]
    services = {norway.number: norway.service} | {o.number: o.service for o in norway.also}
    assert services == {"113": "ambulance", "112": "police", "110": "fire"}


def test_no_emergency_number_rests_on_a_single_news_report():
    """A number taken from the news needs a second, independent report beside it."""
    for country, entry in DATA["emergency"].items():
        if entry["source_kind"] == "news":
            assert entry.get("see_also"), country


def test_every_helpline_resting_on_news_names_a_second_page():
    """A line taken from a news report is never shown on the strength of that report alone."""
    alone = [
        (line["country"], line["name"])
        for line in DATA["helplines"]
        if line["source_kind"] == "news" and not line.get("see_also")
    ]
    assert alone == []


@pytest.mark.parametrize(
    "host",
    ["pronto.es", "sfisd.net", "kotobank.jp", "homolog.", "santarosa.fl.gov", "skowhegan.org"],
)
def test_no_entry_cites_a_page_the_content_review_ruled_out(host):
    """A gossip magazine, a school district, a dictionary, a news site's test server or a
    town's FAQ standing in for a national number is no source."""
    entries = [*DATA["emergency"].values(), *DATA["helplines"]]
    cited = [url for entry in entries for url in [entry["source"], *entry.get("see_also", [])]]
    assert not [url for url in cited if host in url]


def test_every_line_says_its_hours_and_cost_even_when_unknown():
    """Hours are written down or marked null on purpose; a cost is always one of the four."""
    for line in DATA["helplines"]:
        assert "hours" in line and "cost" in line, line["name"]
        assert line["cost"] in helplines.COSTS, line["name"]
        if line["cost"] == "charged":
            assert line["throughline"]["free_or_low_cost"] is False, line["name"]


def test_telefonseelsorge_is_checked_against_a_page_of_those_who_run_it():
    lines = [
        h for h in helplines.load().helplines if h.organisation == "TelefonSeelsorge Deutschland"
    ]
    assert {h.phone for h in lines} == {"0800 111 0 111", "0800 111 0 222"}
    assert all(h.source_kind == "organisation" and h.cost == "free" for h in lines)


def test_two_cards_of_one_line_are_told_apart_by_their_numbers_not_by_english_words():
    """A line's name is never translated: a German reader saw 'TelefonSeelsorge (second number)'."""
    lines = [h for h in helplines.load().for_country("DE")[1] if h.organisation.startswith("Tel")]
    assert sorted(h.name for h in lines) == [
        "TelefonSeelsorge 0800 111 0 111",
        "TelefonSeelsorge 0800 111 0 222",
    ]
    assert all(h.phone and h.phone in h.name for h in lines)
    names = [(h["country"], h["name"]) for h in DATA["helplines"]]
    assert len(names) == len(set(names))
    assert not [name for _, name in names if "second number" in name.casefold()]


def test_sadag_lines_are_checked_against_sadags_own_site():
    """Both South African lines are printed at the head of SADAG's own pages."""
    lines = {h.phone: h for h in helplines.load().for_country("ZA")[1]}
    for phone in ["0800 567 567", "0800 456 789"]:
        assert lines[phone].source_kind == "organisation", phone
        assert lines[phone].source.startswith("https://sadag.org/"), phone


def test_the_us_emergency_number_rests_on_the_national_regulators_page():
    """911 is the universal emergency number by federal law: the FCC says so, not a town's FAQ."""
    us = helplines.load().emergency["US"]
    assert us.number == "911" and us.service == "all"
    assert us.source.startswith("https://fcc.gov/") and us.source_kind == "government"


def test_the_eu_112_numbers_are_checked_against_a_government_page():
    """Someone in these countries is told the number comes from an official page, not the news."""
    for country in ["AT", "BE", "CZ", "DE", "DK", "ES", "GR", "HU", "IT", "NL", "PL", "PT", "SE"]:
        entry = DATA["emergency"][country]
        assert entry["number"] == "112", country
        assert entry["source_kind"] == "government", country


@pytest.mark.parametrize(
    "country, number, service",
    [
        ("AT", "144", "ambulance"),
        ("CZ", "155", "ambulance"),
        ("GR", "166", "ambulance"),
        ("HU", "104", "ambulance"),
        ("IT", "118", "ambulance"),
        ("DE", "110", "police"),
        ("BE", "101", "police"),
    ],
)
def test_the_national_ambulance_and_police_numbers_are_shown_beside_112(country, number, service):
    emergency = helplines.load().emergency[country]
    assert emergency.number == "112"
    assert (number, service) in {(o.number, o.service) for o in emergency.also}


def test_the_philippine_line_can_be_reached_from_a_mobile():
    [line] = helplines.load().for_country("PH")[1]
    numbers = [line.phone, *(o.number for o in line.other_phones)]
    assert any(n and n.replace(" ", "").startswith("09") for n in numbers), numbers


@pytest.mark.parametrize(
    "breakage, words",
    [
        (lambda d: d["helplines"][0].pop("source"), "'source'"),
        (lambda d: d["helplines"][0].update(source="http://example.org"), "https"),
        (lambda d: d["helplines"][0].update(source_kind="blog"), "'source_kind'"),
        (lambda d: d["helplines"][0].update(checked="last week"), "'checked'"),
        (lambda d: d["helplines"][0].update(country="XX"), "no emergency number"),
        (lambda d: d["helplines"][0].update(phone="call us!"), "'phone'"),
        (lambda d: d["helplines"][0].update(audience=["aliens"]), "'audience'"),
        (lambda d: d["helplines"][0].update(cost="cheap"), "'cost'"),
        (lambda d: d["helplines"][0].pop("organisation"), "'organisation'"),
        (lambda d: d["helplines"][0]["throughline"].pop("human"), "'throughline'"),
        (lambda d: d["emergency"]["GB"].update(checked="2026-02-30"), "not a real date"),
        (lambda d: d["emergency"]["NO"]["also"][0].update(service="ghosts"), "'service'"),
        (lambda d: d["helplines"][0].update(source_publisher=" "), "'source_publisher'"),
    ],
)
def test_a_broken_entry_is_caught(breakage, words):
    data = copy.deepcopy(DATA)
    breakage(data)
    found = helplines.problems(data)
    assert any(words in problem for problem in found), found
    with pytest.raises(ValueError):
        helplines.parse(data)


@pytest.mark.parametrize(
    "breakage, words",
    [
        (lambda d: d["helplines"][0].update(phone="0800 1"), "can dial"),
        (lambda d: d["emergency"]["GB"].update(number="116 123"), "not an emergency number"),
        (lambda d: d["helplines"][0].update(checked="2025-11-30"), "more than a year ago"),
        (lambda d: d["helplines"][0].update(checked="2026-12-06"), "after today"),
        (lambda d: d["short_codes_phonenumbers_lacks"].update(GB=["116123"]), "knows it now"),
        # Lithuania's trunk prefix 8 stopped connecting in 2025 (RRT): 0 800 28888 now.
        (lambda d: d["helplines"][0].update(country="LT", phone="8 800 28888"), "dial it now"),
    ],
)
def test_a_wrong_number_or_an_old_check_is_caught_by_the_review(breakage, words):
    data = copy.deepcopy(DATA)
    breakage(data)
    found = helplines.review(data, TODAY)
    assert any(words in problem for problem in found), found


@pytest.mark.parametrize(
    "number, country, dialable",
    [
        ("116 123", "GB", True),  # a short code phonenumbers knows
        ("988", "US", True),
        ("0800 567 567", "ZA", True),  # a full national number
        ("+27 800 567 567", "ZA", True),
        ("988", "GB", False),  # a short code from another country
        ("12", "GB", False),
    ],
)
def test_dialable_knows_short_codes_by_region(number, country, dialable):
    assert helplines.dialable(number, country) is dialable


def test_country_with_lines_lists_broadest_first():
    emergency, lines = helplines.load().for_country("GB")
    assert emergency is not None and lines
    assert "everyone" in lines[0].audience


def test_country_without_data_gives_nothing_rather_than_a_guess():
    emergency, lines = helplines.load().for_country("AQ")  # Antarctica
    assert emergency is None and lines == []


def test_tel_and_sms_addresses():
    assert helplines.tel_uri("116 123") == "tel:116123"
    assert helplines.tel_uri("+61 (0)13 11 14") == "tel:+6101311 14".replace(" ", "")
    assert helplines.sms_uri("741741", "MHA") == "sms:741741?body=MHA"


def test_professionals_add_change_remove_and_undo(keyring_profile):
    store = keyring_profile.store
    gp = helplines.add_professional(store, NOW, "gp", "  Dr Okafor ", "01632 960 123", "Mornings")
    helplines.add_professional(store, NOW, "counsellor", "Sam")
    assert [p.name for p in helplines.professionals(store)] == ["Dr Okafor", "Sam"]
    helplines.update_professional(store, gp.id, "gp", "Dr Ada Okafor", "01632 960 123")
    removed = helplines.delete_professional(store, gp.id)
    assert [p.name for p in helplines.professionals(store)] == ["Sam"]
    helplines.restore_professional(store, NOW, removed)
    assert [p.name for p in helplines.professionals(store)] == ["Dr Ada Okafor", "Sam"]


@pytest.mark.parametrize(
    "role, name, phone, words",
    [
        ("gp", "  ", "", "write a name"),
        ("wizard", "Merlin", "", "Please choose"),
        ("gp", "Dr X", "call me", "only have digits"),
    ],
)
def test_bad_professional_is_refused_plainly_and_nothing_saved(
    keyring_profile, role, name, phone, words
):
    with pytest.raises(CompanionError, match=words):
        helplines.add_professional(keyring_profile.store, NOW, role, name, phone)
    assert helplines.professionals(keyring_profile.store) == []


def test_lithuanias_youth_line_is_written_with_the_prefix_phones_dial_since_2025():
    """From 2025 a Lithuanian number dialled with the old prefix 8 does not connect (the
    regulator RRT; Prienai municipality's notice). Jaunimo linija's card showed 8 800 28888."""
    (line,) = [h for h in helplines.parse(DATA).helplines if h.name == "Jaunimo linija"]
    assert line.phone == "0 800 28888"
    assert helplines.tel_uri(line.phone) == "tel:080028888"


def test_mongolias_child_line_says_it_is_free():
    """108.mn, the line's own page (stored at http only, so named in docs/CONTENT.md), says
    calls are free from any phone, day and night; two reports in `see_also` say the same."""
    (line,) = [h for h in helplines.parse(DATA).helplines if h.country == "MN"]
    assert line.cost == "free" and line.throughline["free_or_low_cost"] is True
    assert line.hours == "24/7"


# Pages on another site of the line's own organisation (a Lifeline centre, the charity that
# runs Kids Helpline, MIELI's English site...): "its own website" is true of these.
OWN_OTHER_SITES = {
    "lifelineh2h.org.au",
    "yourtown.com.au",
    "zelfmoordlijn1813.be",
    "projuventute.ch",
    "zivot90.cz",
    "mentalhealth.fi",
    "chat-accueil.org",
    "learning.nspcc.org.uk",
    "embracelebanon.org",
    "media.fdds.pl",
    "newsroom.notified.com",
    "sematanzania.org",
}


def _host(url: str | None) -> str:
    from urllib.parse import urlparse

    return (urlparse(url or "").hostname or "").removeprefix("www.")


def test_a_line_checked_on_someone_elses_page_names_whose_page_it_is():
    """Get help says "Checked on … on <organisation>'s own website" for an organisation's
    page. Pieta's rested on a school's site and the Silver Line's on a fundraising site:
    such a line names the page's publisher, so the card can say whose page it was."""
    unnamed = []
    for line in helplines.parse(DATA).helplines:
        if line.source_kind != "organisation" or line.source_publisher:
            continue
        source, web = _host(line.source), _host(line.web)
        if source == web or source.endswith("." + web) or source in OWN_OTHER_SITES:
            continue
        unnamed.append((line.name, source))
    assert unnamed == []
    (pieta,) = [h for h in helplines.parse(DATA).helplines if h.name == "Pieta"]
    assert pieta.source_publisher == "St Declan's College"


def test_jordans_line_claims_no_age_limit_its_page_does_not_state():
    """The page the 110 line rests on (NCFA) names it a helpline for families and children,
    run by the Jordan River Foundation; it gives no age limit, so the card states none."""
    (line,) = [h for h in helplines.parse(DATA).helplines if h.country == "JO"]
    assert "18" not in (line.note or "")
    assert line.organisation == "Jordan River Foundation"
