"""Targets follow outlets: merge moves them to the survivor, transfer keeps parents adding up."""

import datetime as dt

import pytest
from django.utils import timezone

from qudao.accounts.choices import Role
from qudao.channels.choices import RequestKind
from qudao.channels.services import outlet_request_approve, outlet_request_create
from qudao.core.events import events_for
from qudao.targets.choices import TargetChangeKind
from qudao.targets.models import Target
from qudao.targets.periods import period_bounds
from qudao.territory.services import staff_assign
from qudao.testing.cast import make_user

from .helpers import target, value_of


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def this_month(today):
    return period_bounds("month", today)[0]


@pytest.fixture
def last_month(this_month):
    return period_bounds("month", this_month - dt.timedelta(days=1))[0]


@pytest.fixture
def director(cast):
    user = make_user("director", Role.SALES_DIRECTOR)
    staff_assign(user=user, node=cast.company, by=None)
    return user


def _approve(cast, approver, **request):
    submitted = outlet_request_create(effective_date=timezone.localdate(), by=cast.head, **request)
    return outlet_request_approve(request=submitted, by=approver)


def test_merge_moves_current_and_future_targets_to_the_survivor(cast, director, this_month, last_month):
    target(30, outlet=cast.OA1, period_start=this_month)
    target(20, outlet=cast.OA2, period_start=this_month)
    target(15, outlet=cast.OA2, period_start=last_month)  # the past stays
    quarter = period_bounds("quarter", this_month)[0]
    target(90, outlet=cast.OA2, period_start=quarter, period_kind="quarter")
    _approve(cast, director, outlet=cast.OA2, kind=RequestKind.MERGE, target_outlet=cast.OA1)

    assert value_of(outlet=cast.OA1, period_start=this_month) == 50
    assert value_of(outlet=cast.OA2, period_start=this_month) is None
    assert value_of(outlet=cast.OA2, period_start=last_month) == 15
    assert Target.objects.get(outlet=cast.OA1, period_kind="quarter").value == 90  # created on the survivor
    survivor = Target.objects.get(outlet=cast.OA1, period_start=this_month, period_kind="month")
    event = events_for(survivor).get(action=TargetChangeKind.MERGED_IN)
    assert event.data["from_outlet"] == "OA2" and event.data["value"] == 20
    assert events_for(cast.OA2).filter(action=TargetChangeKind.MERGED_OUT).exists()


def test_merge_into_another_grid_moves_the_grid_totals_too(cast, director, this_month):
    target(100, node=cast.area1, period_start=this_month)
    target(60, node=cast.grid_a, period_start=this_month)
    target(40, node=cast.grid_b, period_start=this_month)
    target(35, outlet=cast.OA1, period_start=this_month)
    target(25, outlet=cast.OA2, period_start=this_month)
    target(40, outlet=cast.OB1, period_start=this_month)
    _approve(cast, director, outlet=cast.OA2, kind=RequestKind.MERGE, target_outlet=cast.OB1)
    assert value_of(outlet=cast.OB1, period_start=this_month) == 65
    assert value_of(node=cast.grid_a, period_start=this_month) == 35
    assert value_of(node=cast.grid_b, period_start=this_month) == 65
    assert value_of(node=cast.area1, period_start=this_month) == 100
    assert not Target.objects.filter(needs_rebalancing=True).exists()


def test_transfer_within_an_area_moves_the_amount_between_grids(cast, director, this_month):
    target(100, node=cast.area1, period_start=this_month)
    target(60, node=cast.grid_a, period_start=this_month)
    target(40, node=cast.grid_b, period_start=this_month)
    target(45, outlet=cast.OA1, period_start=this_month)
    target(15, outlet=cast.OA2, period_start=this_month)
    target(40, outlet=cast.OB1, period_start=this_month)
    _approve(cast, director, outlet=cast.OA1, kind=RequestKind.TRANSFER, new_grid=cast.grid_b)

    assert value_of(outlet=cast.OA1, period_start=this_month) == 45  # the outlet keeps its own target
    assert value_of(node=cast.grid_a, period_start=this_month) == 15
    assert value_of(node=cast.grid_b, period_start=this_month) == 85
    assert value_of(node=cast.area1, period_start=this_month) == 100
    assert not Target.objects.filter(needs_rebalancing=True).exists()
    grid_b = Target.objects.get(node=cast.grid_b, period_start=this_month)
    assert events_for(grid_b).get(action=TargetChangeKind.TRANSFERRED).data["delta"] == 45


def test_transfer_across_counties_walks_up_and_flags_what_cannot_move(cast, director, this_month, last_month):
    for key, value in [("branch", 200), ("county1", 100), ("county2", 100), ("area1", 100), ("grid_a", 60),
                       ("grid_b", 40), ("grid_c", 100)]:
        target(value, node=cast.nodes[key], period_start=this_month)
    target(45, outlet=cast.OA1, period_start=this_month)
    target(45, outlet=cast.OA1, period_start=last_month)
    grid_a_last = target(60, node=cast.grid_a, period_start=last_month)
    _approve(cast, director, outlet=cast.OA1, kind=RequestKind.TRANSFER, new_grid=cast.grid_c)

    assert value_of(node=cast.grid_a, period_start=this_month) == 15
    assert value_of(node=cast.area1, period_start=this_month) == 55
    assert value_of(node=cast.county1, period_start=this_month) == 55
    assert value_of(node=cast.grid_c, period_start=this_month) == 145
    # area-2 has no target, so the walk stops there: county-2 keeps 100 and the branch no longer adds up;
    # grid C had not been split over its outlets, and now one of them (OA1) brings 45 of its 145.
    assert value_of(node=cast.county2, period_start=this_month) == 100
    flagged = set(Target.objects.filter(needs_rebalancing=True).values_list("node__code", flat=True))
    assert flagged == {"BR", "GC"}
    grid_a_last.refresh_from_db()
    assert grid_a_last.value == 60  # last month's totals are history


def test_transfer_to_another_agent_only_changes_no_target(cast, director, this_month):
    target(60, node=cast.grid_a, period_start=this_month)
    target(60, outlet=cast.OA1, period_start=this_month)
    _approve(cast, director, outlet=cast.OA1, kind=RequestKind.TRANSFER, new_agent=cast.agent2)
    assert value_of(node=cast.grid_a, period_start=this_month) == 60
