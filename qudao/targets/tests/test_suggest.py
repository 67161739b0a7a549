"""Suggest a split: proportional to the last 3 months, integers that add up exactly."""

import datetime as dt
from fractions import Fraction

import pytest

from qudao.channels.choices import ChannelType, OutletStatus
from qudao.channels.models import Outlet
from qudao.targets.choices import Metric
from qudao.targets.suggest import largest_remainder, split, suggest_split

from .helpers import rollup, target

D = dt.date


def test_largest_remainder_adds_up_exactly():
    assert largest_remainder(10, [Fraction(10, 3)] * 3) == [4, 3, 3]
    assert sum(largest_remainder(1001, [Fraction(1001 * h, 7) for h in (1, 2, 4)])) == 1001


def test_split_follows_history_proportions():
    assert split(1000, [300, 100, 100], 500) == [600, 200, 200]
    assert split(100, [1, 1, 1], 3) == [34, 33, 33]
    assert split(7, [0, 0], 0) == [4, 3]  # no history at all: even


def test_children_without_history_share_what_is_left():
    # The parent sold 1000; the two children with history account for 800 of it (the rest came from an
    # outlet that closed). The newcomers share the remaining fifth evenly.
    assert split(1000, [600, 200, 0, 0], 1000) == [600, 200, 100, 100]
    # When the children explain all of the parent's volume, nothing is left for newcomers.
    assert split(1000, [600, 400, 0], 1000) == [600, 400, 0]


@pytest.fixture
def history(cast):
    """Grid A sold 300 (OA1) and 100 (OA2) in Aug–Oct 2026, grid B 200; all before the Nov target."""
    rollup(cast.OA1, D(2026, 8, 3), records=100, fee_fen=10_000)
    rollup(cast.OA1, D(2026, 10, 30), records=200, fee_fen=30_000, category="broadband")
    rollup(cast.OA2, D(2026, 9, 15), records=100, fee_fen=10_000)
    rollup(cast.OB1, D(2026, 9, 1), records=200, fee_fen=50_000)
    rollup(cast.OB1, D(2026, 7, 31), records=999)  # outside the window
    rollup(cast.OB1, D(2026, 11, 1), records=999)  # the target month itself
    return cast


def test_suggest_for_a_grid_splits_over_its_outlets(history):
    grid = target(1000, node=history.grid_a)
    suggestions = {s.slot.holder.code: s for s in suggest_split(grid)}
    assert {code: s.suggested for code, s in suggestions.items()} == {"OA1": 750, "OA2": 250}
    assert suggestions["OA1"].history == 300


def test_suggest_for_an_area_splits_over_grids_by_subtree(history):
    area = target(999, node=history.area1)
    result = {s.slot.holder.code: s.suggested for s in suggest_split(area)}
    assert result == {"GA": 666, "GB": 333} and sum(result.values()) == 999


def test_suggest_uses_the_metric_and_category(history):
    revenue = target(90_000, node=history.grid_a, metric=Metric.REVENUE_FEN)
    assert [s.suggested for s in suggest_split(revenue)] == [72_000, 18_000]  # fees 40 000 : 10 000 fen
    broadband = target(10, node=history.grid_a, category="broadband")
    assert [s.suggested for s in suggest_split(broadband)] == [10, 0]


def test_new_outlet_shares_what_closed_outlets_left(history):
    closed = Outlet.objects.create(code="OA9", name="Closed", grid=history.grid_a, agent=history.agent1,
                                   outlet_type=ChannelType.AUTHORISED, status=OutletStatus.CLOSED)
    rollup(closed, D(2026, 9, 2), records=100)
    new = Outlet.objects.create(code="OA3", name="New", grid=history.grid_a, agent=history.agent1,
                                outlet_type=ChannelType.AUTHORISED, status=OutletStatus.PLANNED)
    grid = target(1000, node=history.grid_a)
    result = {s.slot.holder.code: s.suggested for s in suggest_split(grid)}
    assert "OA9" not in result and result == {"OA1": 600, "OA2": 200, new.code: 200}
