"""Typed dates that can only mean one thing are read that way, whatever the country's order."""

from __future__ import annotations

from datetime import date

import pytest

from companion.i18n import parse_typed_date

TODAY = date(2026, 12, 4)


def test_a_day_in_the_month_place_with_a_whole_year_is_read_as_the_day():
    # 14 cannot be a month: in the US this is still 14 March 1948, not "not a date".
    assert parse_typed_date("14.03.1948", TODAY, code="en_US") == (1948, 3, 14)
    assert parse_typed_date("25/12/1950", TODAY, code="en_US") == (1950, 12, 25)


def test_a_date_that_could_mean_two_things_keeps_the_countrys_order():
    assert parse_typed_date("03/04/1948", TODAY, code="en_US") == (1948, 3, 4)
    assert parse_typed_date("03/04/1948", TODAY, code="en_GB") == (1948, 4, 3)


def test_the_countrys_own_order_is_unchanged():
    assert parse_typed_date("3/14/1948", TODAY, code="en_US") == (1948, 3, 14)
    assert parse_typed_date("14.3.1948", TODAY, code="de_DE") == (1948, 3, 14)


def test_without_a_whole_year_a_day_in_the_month_place_is_still_refused():
    with pytest.raises(ValueError):
        parse_typed_date("14.03.48", TODAY, code="en_US")
    with pytest.raises(ValueError):
        parse_typed_date("14/13/1948", TODAY, code="en_US")
