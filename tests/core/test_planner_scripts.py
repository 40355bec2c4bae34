"""Saying no kindly: the scripts file is whole and consistent, and the person's own
scripts and chosen ones are kept."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import datetime
from string import Formatter
from zoneinfo import ZoneInfo

import pytest

from companion import planner_scripts
from companion.errors import CompanionError
from companion.planner_scripts import AIMS, SITUATIONS
from companion.resources import asset

NOW = datetime(2026, 11, 18, 10, 0, tzinfo=ZoneInfo("Europe/London"))
REASON = re.compile(r", as |\bbecause\b|\bsince\b")


@pytest.fixture
def store(keyring_profile):
    return keyring_profile.store


def raw() -> dict:
    return json.loads(asset("data", "no_scripts.json").read_text("utf-8"))


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


def test_at_least_forty_scripts_cover_every_situation_and_every_aim():
    scripts = planner_scripts.builtin()
    assert len(scripts) >= 40
    assert {s.situation for s in scripts} == set(SITUATIONS)
    assert {s.aim for s in scripts} == set(AIMS)
    pairs = Counter((s.situation, s.aim) for s in scripts)
    # Every situation offers a plain no and a request for time to think.
    for situation in SITUATIONS:
        assert pairs[(situation, "decline")] >= 1 and pairs[(situation, "think")] >= 1
    assert len({s.key for s in scripts}) == len(scripts)


def test_each_has_a_version_without_a_reason_and_one_with_a_single_reason():
    for script in planner_scripts.builtin():
        assert script.text != script.with_reason
        assert not REASON.search(script.text), script.key
        assert len(REASON.findall(script.with_reason)) == 1, script.key


def test_the_words_are_brief_warm_and_do_not_over_apologise():
    for script in planner_scripts.builtin():
        for words in (script.text, script.with_reason):
            assert len(words) <= 200, script.key
            assert words.lower().count("sorry") <= 1, script.key
            assert words[0].isupper() and words[-1] in ".?!", script.key
            assert "  " not in words and words == words.strip()


def test_placeholders_are_known_and_the_same_in_both_versions():
    for script in planner_scripts.builtin():
        found = placeholders(script.text)
        assert found <= {"name"}, script.key
        assert placeholders(script.with_reason) == found, script.key


def test_the_file_marks_its_texts_translatable_and_cites_its_guidance():
    data = raw()
    assert data["translatable"] == ["text", "with_reason", "used_for"]
    assert len(data["guidance"]) >= 3
    for source in data["guidance"]:
        assert source["source"].startswith("https://")
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", source["checked"])
        assert source["used_for"]
    assert planner_scripts.guidance() == data["guidance"]
    for entry in data["scripts"]:
        assert set(entry) == {"id", "situation", "aim", "text", "with_reason"}


def test_scripts_are_listed_by_situation_and_aim(store):
    visits = planner_scripts.scripts(store, situation="visit")
    assert visits and {s.situation for s in visits} == {"visit"}
    think = planner_scripts.scripts(store, situation="family", aim="think")
    assert think and all((s.situation, s.aim) == ("family", "think") for s in think)
    assert len(planner_scripts.scripts(store)) == len(planner_scripts.builtin())
    assert think[0].shown() == think[0].text and think[0].shown(reason=True) == think[0].with_reason


def test_own_scripts_are_added_edited_and_deleted_with_undo(store):
    mine = planner_scripts.add_script(
        store,
        NOW,
        "family",
        "decline",
        "  Not this Christmas, love.  ",
        "Not this Christmas, love, as I need a quiet one.",
    )
    assert mine.own and mine.text == "Not this Christmas, love."
    listed = planner_scripts.scripts(store, "family", "decline")
    assert listed[0].key == mine.key  # the person's own first
    edited = planner_scripts.edit_script(
        store, mine.key, "family", "postpone", "Let's do Easter instead."
    )
    assert edited.aim == "postpone" and edited.with_reason == ""
    assert edited.shown(reason=True) == "Let's do Easter instead."
    planner_scripts.delete_script(store, NOW, mine.key)
    assert all(s.key != mine.key for s in planner_scripts.scripts(store))
    planner_scripts.undo_delete_script(store, mine.key)
    assert any(s.key == mine.key for s in planner_scripts.scripts(store))


def test_bad_scripts_are_refused_and_built_in_ones_cannot_be_changed(store):
    for situation, aim, text, message in [
        ("party", "decline", "No.", "kind of situation"),
        ("visit", "shout", "No.", "what you would like to say"),
        ("visit", "decline", "   ", "the words"),
        ("visit", "decline", "No. " * 200, "short"),
    ]:
        with pytest.raises(CompanionError, match=message):
            planner_scripts.add_script(store, NOW, situation, aim, text)
    builtin = planner_scripts.builtin()[0]
    with pytest.raises(CompanionError, match="Only your own"):
        planner_scripts.edit_script(store, builtin.key, "visit", "decline", "No.")
    with pytest.raises(CompanionError, match="Only your own"):
        planner_scripts.delete_script(store, NOW, builtin.key)
    assert len(planner_scripts.scripts(store)) == len(builtin_list := planner_scripts.builtin())
    assert builtin_list[0].text == builtin.text


def test_chosen_scripts_are_kept_in_order_and_can_be_unchosen(store):
    first, second = planner_scripts.builtin()[3], planner_scripts.builtin()[10]
    mine = planner_scripts.add_script(store, NOW, "long_call", "decline", "I'll let you go now.")
    planner_scripts.choose(store, NOW, second.key)
    planner_scripts.choose(store, NOW, mine.key)
    planner_scripts.choose(store, NOW, first.key)
    planner_scripts.choose(store, NOW, first.key)  # twice is once
    assert [s.key for s in planner_scripts.chosen(store)] == [second.key, mine.key, first.key]
    assert all(s.chosen for s in planner_scripts.chosen(store))
    marked = {s.key for s in planner_scripts.scripts(store) if s.chosen}
    assert marked == {first.key, second.key, mine.key}
    planner_scripts.choose(store, NOW, second.key, chosen=False)
    planner_scripts.delete_script(store, NOW, mine.key)
    assert [s.key for s in planner_scripts.chosen(store)] == [first.key]
    with pytest.raises(CompanionError, match="no longer here"):
        planner_scripts.choose(store, NOW, "builtin:no-such-script")


def test_deleted_own_scripts_are_purged_with_their_chosen_mark(store):
    mine = planner_scripts.add_script(store, NOW, "visit", "decline", "Not today, thank you.")
    kept = planner_scripts.builtin()[0]
    planner_scripts.choose(store, NOW, mine.key)
    planner_scripts.choose(store, NOW, kept.key)
    planner_scripts.delete_script(store, NOW, mine.key)
    planner_scripts.purge_deleted(store)
    planner_scripts.undo_delete_script(store, mine.key)  # too late: nothing comes back
    assert all(s.key != mine.key for s in planner_scripts.scripts(store))
    assert store.query("SELECT script_key FROM planner_chosen_scripts") == [(kept.key,)]
