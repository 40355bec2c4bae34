"""Today's ideas: each is credited to the page it is on, or plainly to Companion itself."""

from __future__ import annotations

from datetime import date

from companion import today


def test_every_idea_names_a_checked_public_page_or_says_it_is_our_own():
    for idea in today.SUGGESTIONS:
        if idea.source_url:
            assert idea.source_url.startswith("https://"), idea
            assert idea.source_name != today.OWN_IDEA
        else:
            assert idea.source_name == today.OWN_IDEA, idea


def test_the_idea_changes_each_day_and_on_request():
    first = today.suggestion_for(date(2026, 12, 4))
    assert today.suggestion_for(date(2026, 12, 4)) == first  # the same all day
    assert today.suggestion_for(date(2026, 12, 4), 1) != first  # "Another idea"
