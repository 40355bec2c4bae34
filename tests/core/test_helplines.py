"""The helplines file, the country fallback, and the person's own professionals."""

from __future__ import annotations

import copy
import json
from datetime import date, datetime

import pytest

from companion import helplines
from companion.errors import CompanionError
from companion.resources import asset

NOW = datetime(2026, 11, 21, 10, 0).astimezone()
DATA = json.loads(asset("data", "helplines.json").read_text(encoding="utf-8"))


def test_the_shipped_file_is_well_formed_and_every_entry_sourced_and_dated():
    assert helplines.problems(DATA) == []
    for entry in [*DATA["helplines"], *DATA["emergency"].values()]:
        assert entry["source"].startswith(("https://", "http://"))
        checked = date.fromisoformat(entry["checked"])
        assert date(2026, 1, 1) <= checked <= date.today()


def test_at_least_thirty_countries_have_an_emergency_number():
    assert len(DATA["emergency"]) >= 30


def test_emergency_numbers_are_never_listed_as_helplines():
    for line in DATA["helplines"]:
        emergency = DATA["emergency"][line["country"]]
        numbers = {emergency["number"], *emergency.get("also", [])}
        assert (line.get("phone") or "").replace(" ", "") not in numbers, line["name"]


def test_lines_already_known_are_present():
    """Facts from shared/content-sources.md that the directory must carry."""
    directory = helplines.load()
    phones = {(h.country, (h.phone or "").replace(" ", "")) for h in directory.helplines}
    for country, phone in [("GB", "116123"), ("US", "988"), ("AU", "131114"), ("NZ", "1737")]:
        assert (country, phone) in phones, (country, phone)
    assert directory.emergency["GB"].number == "999"
    assert directory.emergency["AU"].number == "000"


@pytest.mark.parametrize(
    "breakage, words",
    [
        (lambda d: d["helplines"][0].pop("source"), "'source'"),
        (lambda d: d["helplines"][0].update(checked="last week"), "'checked'"),
        (lambda d: d["helplines"][0].update(country="XX"), "no emergency number"),
        (lambda d: d["helplines"][0].update(phone="call us!"), "'phone'"),
        (lambda d: d["helplines"][0].update(audience=["aliens"]), "'audience'"),
        (lambda d: d["emergency"]["GB"].update(checked="2026-02-30"), "not a real date"),
    ],
)
def test_a_broken_entry_is_caught(breakage, words):
    data = copy.deepcopy(DATA)
    breakage(data)
    found = helplines.problems(data)
    assert any(words in problem for problem in found), found
    with pytest.raises(ValueError):
        helplines.parse(data)


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
