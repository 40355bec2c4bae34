"""The parent view's content, the PSC-17 scoring, the weekly check, the trend and the summary."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlparse

import pytest

from companion import parents
from companion.errors import CompanionError
from companion.parents import SignAnswer
from companion.parents_content import content, mentions_self_harm, psc_form, score_psc17
from companion.parents_lock import ParentVault
from companion.profile import Unlocked
from companion.resources import asset
from companion.store import Store

MONDAY = date(2026, 11, 2)
NOW = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)
ISSUE_SIGNS = (
    "Changes in sleep",
    "Changes in energy",
    "Withdrawing from friends and family",
    "Sudden loss of friends or avoiding social situations",
    "Not wanting to go to school, or falling grades",
    "Signs of cyberbullying",
    "Peer pressure",
    "Rejection or not belonging",
    "Changes in eating",
    "Frequent headaches or stomach aches",
    "Sad, hopeless or irritable most days",
    "Losing interest in things they enjoyed",
)
OFFICIAL_HOSTS = ("www.cdc.gov", "www.stopbullying.gov", "www.massgeneral.org")


@pytest.fixture
def store(keyring_profile: Unlocked) -> Iterator[Store]:
    session = ParentVault.of(keyring_profile).set_up(NOW)
    yield session.store
    session.lock()


# --- content -------------------------------------------------------------------


def test_the_checklist_has_the_issues_signs_each_with_sources_and_what_to_do() -> None:
    signs = content()
    assert tuple(s.title for s in signs.signs) == ISSUE_SIGNS
    assert len(set(signs.sign_ids)) == len(signs.signs)
    for sign in signs.signs:
        assert sign.text and sign.starters, sign.id
        assert sign.sources and all(s in signs.sources for s in sign.sources), sign.id
        assert sign.actions and all(a in signs.actions for a in sign.actions), sign.id
    for source in signs.sources.values():
        url = urlparse(source.url)
        assert url.scheme == "https" and url.hostname in OFFICIAL_HOSTS, source.url
    assert set(signs.actions) == {
        "talk_listen",
        "conversation_starters",
        "keep_routines",
        "screen_time",
        "school",
        "health_provider",
    }
    assert len(signs.positive_actions) == 4
    assert "suicide" in signs.when_now and signs.when_now_sources
    assert signs.safety_question and signs.questions


def test_every_word_a_parent_reads_is_marked_for_translation() -> None:
    for name, keys in (
        ("parent_signs.json", {"title", "text", "label", "starters", "when_now", "questions"}),
        (
            "psc17.json",
            {"title", "text", "label", "plain", "recall_period", "meaning", "instructions"},
        ),
    ):
        data = json.loads(asset("data", name).read_text(encoding="utf-8"))
        assert keys <= set(data["translatable"]), name
        assert "url" not in data["translatable"] and "id" not in data["translatable"]


def test_each_psc17_part_has_a_plain_name_and_its_highest_score() -> None:
    form = psc_form()
    plain = {s.id: s.plain_label for s in form.subscales}
    assert plain == {
        "internalizing": "Feelings",
        "attention": "Attention",
        "externalizing": "Behaviour",
    }
    # the doctor's summary keeps the clinical word
    assert [s.label for s in form.subscales][0] == "Feelings (internalizing)"
    assert {s.id: form.most(s.id) for s in form.subscales} == {
        "internalizing": 10,
        "attention": 10,
        "externalizing": 14,
    }


def test_the_psc17_form_matches_the_authors_scoring_instructions() -> None:
    form = psc_form()
    assert len(form.items) == 17
    assert sorted(i.mgh_number for i in form.items) == list(range(1, 18))
    by_scale = {
        s.id: sorted(i.mgh_number for i in form.items if i.subscale == s.id) for s in form.subscales
    }
    assert by_scale == {
        "internalizing": [2, 6, 9, 11, 15],
        "attention": [1, 3, 7, 13, 17],
        "externalizing": [4, 5, 8, 10, 12, 14, 16],
    }
    assert form.total_cutoff == 15
    assert {s.id: s.cutoff for s in form.subscales} == {
        "internalizing": 5,
        "attention": 7,
        "externalizing": 7,
    }
    assert form.invalid_from_blanks == 4
    assert [a for a, _label in form.answers] == [0, 1, 2]
    assert form.source_url.startswith("https://www.massgeneral.org/")
    assert form.recall_period and "not a diagnosis" in form.meaning
    assert form.item_for_mgh_number(1).text == "Fidgety, unable to sit still"


# --- PSC-17 scoring ---------------------------------------------------------------------


def _all(value: int) -> dict[str, int | None]:
    return dict.fromkeys(psc_form().item_ids, value)


def test_all_often_is_over_every_cut_off() -> None:
    score = score_psc17(_all(2))
    assert score.valid and score.total == 34
    assert score.subscales == {"internalizing": 10, "attention": 10, "externalizing": 14}
    assert score.total_over and set(score.subscales_over) == {
        "internalizing",
        "attention",
        "externalizing",
    }
    assert "worth talking to your child's doctor" in score.describe()
    assert "not a diagnosis" in score.describe()


def test_a_subscale_can_be_over_while_the_total_is_low() -> None:
    answers = _all(0) | {"sad": 2, "hopeless": 1, "down_on_self": 1, "less_fun": 1}
    score = score_psc17(answers)
    assert score.total == 5 and score.subscales["internalizing"] == 5
    assert not score.total_over and score.subscales_over == ("internalizing",)
    assert score.worth_talking_to_doctor


def test_fifteen_is_over_the_total_cut_off_and_fourteen_is_not() -> None:
    answers = _all(0) | {
        "sad": 2,
        "hopeless": 2,  # internalizing 4
        "fidgety": 2,
        "daydreams": 2,
        "concentrating": 2,  # attention 6
        "refuses_share": 1,
        "others_feelings": 1,
        "fights": 1,
        "blames_others": 1,
        "rules": 1,  # externalizing 5
    }
    fifteen = score_psc17(answers)
    assert fifteen.total == 15 and fifteen.total_over and fifteen.subscales_over == ()
    fourteen = score_psc17(answers | {"rules": 0})
    assert fourteen.total == 14 and not fourteen.worth_talking_to_doctor


def test_four_blanks_make_the_form_invalid_and_three_do_not() -> None:
    answers = _all(2)
    for item_id in ("sad", "hopeless", "fights"):
        answers[item_id] = None
    three = score_psc17(answers)
    assert three.valid and three.blanks == 3 and three.total == 28 and three.total_over
    del answers["worries"]  # missing counts as blank too
    four = score_psc17(answers)
    assert not four.valid and four.blanks == 4
    assert not four.total_over and four.subscales_over == ()
    assert not four.worth_talking_to_doctor
    assert "cannot be scored" in four.describe()


def test_items_are_scored_by_identity_whatever_order_or_numbering() -> None:
    # A copy that numbers the items by subscale (some online versions do).
    copy_order = (
        "sad hopeless down_on_self worries less_fun fidgety daydreams distracted concentrating "
        "motor fights rules others_feelings teases blames_others refuses_share takes_things"
    ).split()
    marks_on_copy = {1: 2, 2: 2, 3: 1, 6: 2, 7: 1, 11: 2, 17: 1}
    answers = {copy_order[n - 1]: marks_on_copy.get(n, 0) for n in range(1, 18)}
    score = score_psc17(answers)
    assert score.subscales == {"internalizing": 5, "attention": 3, "externalizing": 3}
    assert score_psc17(dict(reversed(list(answers.items())))) == score
    # Read by position on the MGH form instead, the same marks would mean something else.
    by_position = {
        psc_form().item_for_mgh_number(n).id: marks_on_copy.get(n, 0) for n in range(1, 18)
    }
    assert score_psc17(by_position).subscales != score.subscales


def test_unknown_items_and_answers_are_refused() -> None:
    with pytest.raises(CompanionError):
        score_psc17({"sleeps_badly": 1})
    with pytest.raises(CompanionError):
        score_psc17(_all(0) | {"sad": 3})


def test_a_kept_psc17_is_scored_again_when_read(store: Store) -> None:
    child = parents.add_child(store, NOW, "Ana", "under_12")
    assert parents.psc17_due(store, child.id, NOW)
    kept = parents.record_psc17(store, NOW, child.id, _all(1))
    assert kept.score.total == 17
    again = parents.psc17_results(store, child.id)
    assert [r.score.total for r in again] == [17]
    assert not parents.psc17_due(store, child.id, NOW + timedelta(days=5))
    assert parents.psc17_due(store, child.id, NOW + timedelta(days=30))


# --- children and the weekly check --------------------------------------------------------


def test_children_can_be_added_changed_and_removed(store: Store) -> None:
    ana = parents.add_child(store, NOW, "  Ana  ", "under_12")
    parents.add_child(store, NOW, "Ben", "16_18")
    assert [(c.name, c.age_band_label) for c in parents.children(store)] == [
        ("Ana", "Under 12"),
        ("Ben", "16 to 18"),
    ]
    parents.change_child(store, NOW, ana.id, "Annie", "12_15")
    assert parents.get_child(store, ana.id).age_band == "12_15"
    with pytest.raises(CompanionError):
        parents.add_child(store, NOW, "", "under_12")
    with pytest.raises(CompanionError):
        parents.change_child(store, NOW, ana.id, "Annie", "twenty")
    assert parents.get_child(store, ana.id).name == "Annie"
    parents.save_check(store, NOW, ana.id, [SignAnswer("sleep", 1)])
    parents.remove_child(store, ana.id)
    assert [c.name for c in parents.children(store)] == ["Ben"]
    assert store.query("SELECT count(*) FROM weekly_checks")[0][0] == 0


def test_a_weeks_check_is_saved_once_per_week_and_bad_input_changes_nothing(store: Store) -> None:
    child = parents.add_child(store, NOW, "Ana", "12_15")
    first = parents.save_check(
        store,
        NOW,
        child.id,
        [SignAnswer("sleep", 1, "late nights")],
        positive=["trusted_adults"],
        good_moments="Helped her brother",
    )
    assert not first.get_help_now
    parents.save_check(store, NOW + timedelta(hours=2), child.id, [SignAnswer("sleep", 2)])
    kept = parents.checks(store, child.id)
    assert len(kept) == 1 and kept[0].level("sleep") == 2 and kept[0].week == date(2026, 11, 30)
    with pytest.raises(CompanionError):
        parents.save_check(store, NOW, child.id, [SignAnswer("sleep", 3)])
    with pytest.raises(CompanionError):
        parents.save_check(store, NOW, child.id, [SignAnswer("astrology", 1)])
    with pytest.raises(CompanionError):
        parents.save_check(store, NOW, child.id, [], positive=["bought a pony"])
    assert parents.checks(store, child.id)[0].level("sleep") == 2


def test_talk_of_self_harm_goes_to_get_help_and_never_into_the_trend(store: Store) -> None:
    child = parents.add_child(store, NOW, "Ana", "12_15")
    saved = parents.save_check(store, NOW, child.id, [], self_harm_talk=True)
    assert saved.get_help_now and saved.check.self_harm_talk
    by_note = parents.save_check(
        store, NOW, child.id, [SignAnswer("mood", 2, "She said she wants to die")]
    )
    assert by_note.get_help_now
    trend = parents.trend(store, child.id, NOW.date())
    assert set(trend.levels) == set(content().sign_ids)
    assert "self_harm" not in trend.levels


def test_the_self_harm_words_are_matched_as_words() -> None:
    assert mentions_self_harm("He talked about SUICIDE at school")
    assert mentions_self_harm("I think she has been cutting herself")
    assert mentions_self_harm("he said he'd be better off dead")
    assert not mentions_self_harm("We were cutting out paper stars")
    assert not mentions_self_harm("Great week at football")
    assert not mentions_self_harm(None)


# --- trend ----------------------------------------------------------------------------


def _weeks(count: int) -> tuple[date, ...]:
    return tuple(MONDAY + timedelta(weeks=i) for i in range(count))


def test_a_sign_seen_two_weeks_in_a_row_is_highlighted() -> None:
    weeks = _weeks(3)
    levels = {"sleep": (0, 1, 1), "eating": (1, 0, 1), "mood": (None, None, 1)}
    found = parents.trend_rules(weeks, levels)
    assert [(h.sign_id, h.persists_weeks, h.since) for h in found] == [("sleep", 2, weeks[1])]
    assert found[0].sentence.startswith("Changes in sleep: noticed 2 weeks in a row")


def test_a_sign_that_grows_is_highlighted() -> None:
    weeks = _weeks(2)
    found = parents.trend_rules(weeks, {"aches": (0, 2), "eating": (0, 1)})
    assert [(h.sign_id, h.grew) for h in found] == [("aches", True)]
    assert "more than the last time" in found[0].sentence
    both = parents.trend_rules(weeks, {"aches": (1, 2)})
    assert both[0].grew and both[0].persists_weeks == 2 and "more than" in both[0].sentence


def test_a_week_without_a_check_breaks_a_run() -> None:
    weeks = _weeks(3)
    found = parents.trend_rules(weeks, {"sleep": (1, None, 1), "mood": (0, None, 0)})
    assert found == []


def test_a_sign_that_went_away_is_not_highlighted() -> None:
    assert parents.trend_rules(_weeks(3), {"sleep": (2, 2, 0)}) == []


def test_the_trend_is_weeks_by_signs_by_level(store: Store) -> None:
    child = parents.add_child(store, NOW, "Ana", "12_15")
    for i, level in enumerate((0, 1, 2)):
        day = NOW - timedelta(weeks=2 - i)
        parents.save_check(store, day, child.id, [SignAnswer("withdrawing", level)])
    trend = parents.trend(store, child.id, NOW.date(), weeks=4)
    assert len(trend.weeks) == 4 and trend.weeks[-1] == date(2026, 11, 30)
    assert trend.levels["withdrawing"] == (None, 0, 1, 2)
    assert trend.levels["sleep"] == (None, 0, 0, 0)
    assert [h.sign_id for h in trend.highlights] == ["withdrawing"]
    assert "Withdrawing from friends and family" in trend.summary


# --- summary ------------------------------------------------------------------------


def test_the_summary_keeps_observations_apart_from_interpretations(store: Store) -> None:
    child = parents.add_child(store, NOW, "Ana", "12_15")
    for i in range(3):
        day = NOW - timedelta(weeks=2 - i)
        parents.save_check(
            store,
            day,
            child.id,
            [SignAnswer("sleep", 1 + (i > 0), f"week {i + 1}"), SignAnswer("eating", 0)],
            positive=["trusted_adults"] if i else [],
            tried="Earlier bedtime" if i == 2 else "",
            good_moments="Won a chess game" if i == 1 else "",
        )
    parents.record_psc17(store, NOW, child.id, _all(0) | {"sad": 2, "hopeless": 2, "worries": 1})
    first = (NOW - timedelta(weeks=2)).date()
    page = parents.summary(store, child.id, first, NOW.date())
    assert (page.child_name, page.age_band, page.weeks_with_checks) == ("Ana", "12 to 15", 3)
    assert page.first_week == date(2026, 11, 16) and page.last_week == date(2026, 11, 30)
    [sleep] = page.observations
    assert sleep.title == "Changes in sleep" and sleep.first_seen == date(2026, 11, 16)
    assert sleep.weeks_seen == 3 and sleep.latest_level == "A lot"
    assert [note for _week, note in sleep.notes] == ["week 1", "week 2", "week 3"]
    assert any("3 weeks in a row" in line for line in page.interpretations)
    assert any("PSC-17" in line for line in page.interpretations)
    assert not any("PSC-17" in line for o in page.observations for _w, line in o.notes)
    assert page.psc17 and "worth talking" in page.psc17[0][1]
    # the doctor also gets the scores in the checklist's own terms
    assert "Feelings (internalizing) 5 (cut-off 5)" in page.psc17[0][1]
    assert "total 5 (cut-off 15)" in page.psc17[0][1]
    assert page.tried == ("They spent time with a trusted adult (2 weeks)", "Earlier bedtime")
    assert page.good_moments == ((date(2026, 11, 23), "Won a chess game"),)
    assert any("Changes in sleep" in q for q in page.questions)
    assert page.self_harm_weeks == ()


def test_a_summary_needs_the_weeks_in_order(store: Store) -> None:
    child = parents.add_child(store, NOW, "Ana", "12_15")
    with pytest.raises(CompanionError):
        parents.summary(store, child.id, NOW.date(), NOW.date() - timedelta(days=7))


def test_the_demo_has_one_child_with_one_sign_persisting(keyring_profile: Unlocked) -> None:
    from companion import demo

    demo._parents(keyring_profile, NOW)
    assert keyring_profile.settings.get("parent_view") is True
    session = ParentVault.of(keyring_profile).open()
    [child] = parents.children(session.store)
    trend = parents.trend(session.store, child.id, NOW.date())
    assert (
        sum(1 for w in trend.weeks if trend.levels["sleep"][trend.weeks.index(w)] is not None) == 4
    )
    assert [h.sign_id for h in trend.highlights] == ["withdrawing"]
    assert parents.psc17_results(session.store, child.id)
    session.lock()
