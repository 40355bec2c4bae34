"""A property-based check of the week: whatever the person adds, moves, declines, removes
or reflects on, in any order, the week's total is the sum of its days, and each day's
load is what its planned commitments cost less what its rest gives back."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    rule,
)

from companion import planner
from companion.keys import new_data_key
from companion.planner import Draft
from companion.store import Store

LONDON = ZoneInfo("Europe/London")
# A Wednesday in the week of the autumn clock change (Sunday 25 October 2026).
NOW = datetime(2026, 10, 21, 12, 0, tzinfo=LONDON)
FIRST_DAY = date(2026, 10, 12)  # two weeks: the one before and the clock-change week
DAYS = 21

days = st.integers(0, DAYS - 1)
hours = st.integers(0, 23)
kinds = st.sampled_from(sorted(planner.KINDS))
costs = st.one_of(st.integers(0, planner.MAX_COST), st.sampled_from(sorted(planner.COSTS)))
week_starts = st.integers(0, 6)


class WeekMachine(RuleBasedStateMachine):
    items = Bundle("items")

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="planner-state-"))
        self.store = Store.open(self.folder / "c.db", new_data_key(), create=True)
        # What the person should see: id -> (day, load it adds)
        self.model: dict[int, tuple[date, int]] = {}
        self.detail: dict[int, tuple[int, bool]] = {}  # id -> (cost, is rest)
        self.declined: set[int] = set()
        self.week_start = 0

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _load(self, item_id: int) -> int:
        cost, rest = self.detail[item_id]
        if item_id in self.declined:
            return 0
        return -cost if rest else cost

    @initialize(first=week_starts)
    def choose_week_start(self, first: int) -> None:
        self.week_start = first

    @rule(target=items, kind=kinds, day=days, hour=hours, cost=costs)
    def add(self, kind: str, day: int, hour: int, cost: int | str) -> int:
        when = FIRST_DAY + timedelta(days=day)
        starts = datetime(when.year, when.month, when.day, hour)
        item = planner.add(self.store, NOW, Draft(kind, "Something", starts, 60, cost))
        self.detail[item.id] = (planner.cost_value(cost), kind == "rest")
        self.model[item.id] = (when, 0)
        return item.id

    @rule(item=items, day=days, hour=hours)
    def move(self, item: int, day: int, hour: int) -> None:
        if item not in self.model:
            return
        when = FIRST_DAY + timedelta(days=day)
        planner.move(self.store, NOW, item, datetime(when.year, when.month, when.day, hour))
        self.model[item] = (when, 0)

    @rule(item=items, kind=kinds, cost=costs)
    def change(self, item: int, kind: str, cost: int | str) -> None:
        if item not in self.model:
            return
        before = planner.get(self.store, item)
        draft = Draft(kind, "Something else", before.starts, 30, cost)
        planner.change(self.store, NOW, item, draft)
        self.detail[item] = (planner.cost_value(cost), kind == "rest")

    @rule(item=items)
    def decline(self, item: int) -> None:
        if item not in self.model:
            return
        planner.decline(self.store, item)
        self.declined.add(item)

    @rule(item=items)
    def undo_decline(self, item: int) -> None:
        if item not in self.model:
            return
        planner.undo_decline(self.store, item)
        self.declined.discard(item)

    @rule(item=consumes(items))
    def delete(self, item: int) -> None:
        if item not in self.model:
            return
        planner.delete(self.store, NOW, item)
        del self.model[item]

    @rule(item=items, feeling=st.sampled_from(sorted(planner.FEELINGS)))
    def reflect(self, item: int, feeling: str) -> None:
        if item not in self.model:
            return
        when = self.model[item][0]
        _cost, rest = self.detail[item]
        if rest or item in self.declined or when >= NOW.date():
            return  # refused plainly, and tested elsewhere
        planner.reflect(self.store, NOW, item, feeling)

    @invariant()
    def every_week_adds_up(self) -> None:
        for offset in (-1, 0, 1):
            week = planner.week_of(self.store, NOW, self.week_start, offset)
            assert len(week.days) == 7
            assert week.total == sum(day.load for day in week.days)
            for day in week.days:
                expected = sum(
                    self._load(i) for i, (when, _) in self.model.items() if when == day.date
                )
                assert day.load == expected, day.date
                assert {i.id for i in day.items} == {
                    i for i, (when, _) in self.model.items() if when == day.date
                }
            summary = planner.summary(self.store, NOW + timedelta(weeks=offset), self.week_start)
            assert summary.used == week.total


WeekMachine.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_the_week_always_adds_up = WeekMachine.TestCase
