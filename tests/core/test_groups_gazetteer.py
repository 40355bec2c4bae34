"""Choosing a home town offline: the index, prefix search in any language, telling two
towns of the same name apart, and the nearest town to typed coordinates."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from companion import groups_gazetteer
from companion.groups_gazetteer import fold, gazetteer

CITIES = {
    "1": {
        "geonameid": 1,
        "name": "Olney",
        "latitude": 52.15345,
        "longitude": -0.70201,
        "countrycode": "GB",
        "population": 6477,
        "admin1code": "ENG",
        "alternatenames": ["Olney i Buckinghamshire"],
    },
    "2": {
        "geonameid": 2,
        "name": "Olney",
        "latitude": 38.73088,
        "longitude": -88.08532,
        "countrycode": "US",
        "population": 9005,
        "admin1code": "IL",
        "alternatenames": [],
    },
    "3": {
        "geonameid": 3,
        "name": "Munich",
        "latitude": 48.13743,
        "longitude": 11.57549,
        "countrycode": "DE",
        "population": 1505005,
        "admin1code": "02",
        "alternatenames": ["München", "Muenchen", "Мюнхен"],
    },
    "4": {
        "geonameid": 4,
        "name": "Newport",
        "latitude": 50.70086,
        "longitude": -1.29242,
        "countrycode": "GB",
        "population": 25496,
        "admin1code": "ENG",
        "alternatenames": [],
    },
    "5": {
        "geonameid": 5,
        "name": "Newport",
        "latitude": 52.76879,
        "longitude": -2.37830,
        "countrycode": "GB",
        "population": 12741,
        "admin1code": "ENG",
        "alternatenames": [],
    },
    "6": {
        "geonameid": 6,
        "name": "Southampton",
        "latitude": 50.90395,
        "longitude": -1.40428,
        "countrycode": "GB",
        "population": 246201,
        "admin1code": "ENG",
        "alternatenames": [],
    },
    "7": {
        "geonameid": 7,
        "name": "Telford",
        "latitude": 52.67659,
        "longitude": -2.44926,
        "countrycode": "GB",
        "population": 155000,
        "admin1code": "ENG",
        "alternatenames": [],
    },
    "8": {
        "geonameid": 8,
        "name": "Saint-Étienne",
        "latitude": 45.43389,
        "longitude": 4.39,
        "countrycode": "FR",
        "population": 176280,
        "admin1code": "84",
        "alternatenames": [],
    },
}


@pytest.fixture
def towns(tmp_path: Path):
    found = gazetteer(tmp_path / "cache", CITIES)
    yield found
    found.close()
    groups_gazetteer._open.clear()


def test_folding_for_search() -> None:
    assert fold("Saint-Étienne") == "saint etienne"
    assert fold("  MÜNCHEN ") == "munchen"
    assert fold("Straße") == "strasse"


def test_a_town_is_found_by_the_start_of_any_of_its_names(towns) -> None:
    assert [t.name for t in towns.search("mün")] == ["Munich"]
    assert [t.name for t in towns.search("Мюн")] == ["Munich"]
    assert [t.name for t in towns.search("saint etienne")] == ["Saint-Étienne"]
    assert towns.search("   ") == []
    assert towns.search("Xanadu") == []


def test_the_persons_own_country_comes_first_and_labels_tell_towns_apart(towns) -> None:
    olneys = towns.search("Olney", country="GB")
    assert [t.country for t in olneys] == ["GB", "US"]
    assert olneys[0].label() == "Olney, England (about 6,500 people)"
    assert olneys[1].label() == "Olney, IL, United States (about 9,000 people)"
    assert [t.country for t in towns.search("Olney", country="US")] == ["US", "GB"]
    newports = towns.search("Newport", country="GB")
    assert [t.label() for t in newports] == [
        "Newport, near Southampton, England (about 25,000 people)",
        "Newport, near Telford, England (about 13,000 people)",
    ]


def town(town_id: int, name: str, country: str, population: int, *other_names: str) -> dict:
    return {
        "geonameid": town_id,
        "name": name,
        "latitude": 10.0 + town_id,
        "longitude": 10.0,
        "countrycode": country,
        "population": population,
        "admin1code": "",
        "alternatenames": list(other_names),
    }


MORE = {
    "20": town(20, "Olne", "BE", 3836, "Oln", "Ol'n"),
    "21": town(21, "Sarmiento", "AR", 8292, "Colonia Sarmiento", "OLN"),
    "22": town(22, "Münchendorf", "AT", 2992),
    "23": town(23, "Ash", "GB", 2767),
    "24": town(24, "Ashford", "GB", 62787),
    "25": town(25, "Ashington", "GB", 27670),
}


@pytest.fixture
def more_towns(tmp_path: Path):
    found = gazetteer(tmp_path / "more", {**CITIES, **MORE})
    yield found
    found.close()
    groups_gazetteer._open.clear()


def test_a_town_whose_name_starts_with_what_was_typed_comes_first(more_towns) -> None:
    """Typing "Oln" listed Olne (Belgium, another name "Oln") and Sarmiento (an airport's
    code "OLN") above Olney."""
    found = [(t.name, t.country) for t in more_towns.search("Oln", country="GB")]
    assert found == [("Olney", "GB"), ("Olney", "US"), ("Olne", "BE"), ("Sarmiento", "AR")]
    found = [(t.name, t.country) for t in more_towns.search("oln", country="BE")]
    assert found == [("Olne", "BE"), ("Olney", "US"), ("Olney", "GB"), ("Sarmiento", "AR")]


def test_the_whole_name_typed_comes_first_in_any_language(more_towns) -> None:
    # A small town is not pushed below bigger ones whose names begin the same.
    assert [t.name for t in more_towns.search("Ash", country="GB")] == [
        "Ash",
        "Ashford",
        "Ashington",
    ]
    # Its name in another language, typed whole, is its name.
    assert [t.name for t in more_towns.search("München")] == ["Munich", "Münchendorf"]
    # Only begun, it finds first the towns whose own name begins so.
    assert [t.name for t in more_towns.search("Münch")] == ["Münchendorf", "Munich"]


def test_the_search_uses_the_index_not_a_scan(towns) -> None:
    connection = sqlite3.connect(towns.path)
    plan = connection.execute(
        "EXPLAIN QUERY PLAN SELECT town FROM names WHERE key >= 'ol' AND key < 'ol\uffff'"
    ).fetchall()
    connection.close()
    assert any(
        "USING INDEX names_by_key" in str(row) or "USING COVERING INDEX" in str(row) for row in plan
    )


def test_nearest_town_to_typed_coordinates(towns) -> None:
    assert towns.nearest(52.1519, -0.7009).name == "Olney"
    assert towns.nearest(0.0, 0.0) is None


def test_the_index_is_built_once_and_reused(tmp_path: Path) -> None:
    first = gazetteer(tmp_path / "cache", CITIES)
    groups_gazetteer._open.clear()
    second = gazetteer(tmp_path / "cache", {})  # an empty source would make an empty index
    assert [t.name for t in second.search("Olney")] == ["Olney", "Olney"]
    first.close()
    second.close()
    groups_gazetteer._open.clear()


@pytest.mark.slow
def test_the_real_gazetteer_has_small_towns(tmp_path: Path) -> None:
    towns = gazetteer(tmp_path / "cache")
    try:
        olney = towns.search("Olney", country="GB")[0]
        assert olney.country == "GB" and 1000 <= olney.population < 20000
        assert towns.search("München")[0].name == "Munich"
    finally:
        towns.close()
        groups_gazetteer._open.clear()
