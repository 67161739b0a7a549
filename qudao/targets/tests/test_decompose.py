"""Children must add up to their parent; who may set and decompose targets."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qudao.targets.choices import Metric
from qudao.targets.models import Target
from qudao.targets.services import target_create, target_decompose, target_update

from .helpers import NOV, target, value_of


@pytest.fixture
def county_target(cast):
    return target(1000, node=cast.county1)


def test_decomposition_that_adds_up_is_saved(cast, county_target):
    target_decompose(target=county_target, values={("node", cast.area1.pk): 1000}, by=cast.head)
    area = Target.objects.get(node=cast.area1)
    target_decompose(target=area, values={("node", cast.grid_a.pk): 600, ("node", cast.grid_b.pk): 400}, by=cast.supervisor)
    assert value_of(node=cast.grid_a) == 600 and value_of(node=cast.grid_b) == 400
    assert area.history.count() == 1


def test_inconsistent_decomposition_is_refused_naming_the_difference(cast):
    area = target(1000, node=cast.area1)
    with pytest.raises(ValidationError) as refused:
        target_decompose(target=area, values={("node", cast.grid_a.pk): 600, ("node", cast.grid_b.pk): 350},
                         by=cast.supervisor)
    message = refused.value.messages[0]
    assert "950" in message and "50" in message and "less" in message
    assert not Target.objects.filter(node__in=[cast.grid_a, cast.grid_b]).exists()  # all or nothing
    with pytest.raises(ValidationError, match="more"):
        target_decompose(target=area, values={("node", cast.grid_a.pk): 700, ("node", cast.grid_b.pk): 400},
                         by=cast.supervisor)


def test_revenue_difference_is_shown_in_yuan(cast):
    grid = target(100_000, node=cast.grid_a, metric=Metric.REVENUE_FEN)
    with pytest.raises(ValidationError) as refused:
        target_decompose(target=grid, values={("outlet", cast.OA1.pk): 60_000, ("outlet", cast.OA2.pk): 39_950},
                         by=cast.manager_a)
    assert "0.50" in refused.value.messages[0]


def test_children_left_out_keep_their_value(cast):
    grid = target(100, node=cast.grid_a)
    target(30, outlet=cast.OA2)
    target_decompose(target=grid, values={("outlet", cast.OA1.pk): 70}, by=cast.manager_a)
    assert value_of(outlet=cast.OA1) == 70 and value_of(outlet=cast.OA2) == 30


def test_not_a_child_is_refused(cast):
    grid = target(100, node=cast.grid_a)
    with pytest.raises(ValidationError, match="not children"):
        target_decompose(target=grid, values={("outlet", cast.OB1.pk): 100}, by=cast.head)


def test_single_change_must_keep_a_decomposed_parent_adding_up(cast):
    grid = target(100, node=cast.grid_a)
    target_decompose(target=grid, values={("outlet", cast.OA1.pk): 60, ("outlet", cast.OA2.pk): 40}, by=cast.manager_a)
    oa1 = Target.objects.get(outlet=cast.OA1)
    with pytest.raises(ValidationError, match="decomposition page"):
        target_update(target=oa1, value=70, by=cast.manager_a)
    assert value_of(outlet=cast.OA1) == 60


def test_changing_a_parent_flags_it_for_rebalancing(cast):
    grid = target(100, node=cast.grid_a)
    target_decompose(target=grid, values={("outlet", cast.OA1.pk): 60, ("outlet", cast.OA2.pk): 40}, by=cast.manager_a)
    grid = target_update(target=grid, value=120, by=cast.supervisor)
    grid.refresh_from_db()
    assert grid.needs_rebalancing
    target_decompose(target=grid, values={("outlet", cast.OA1.pk): 80}, by=cast.manager_a)
    grid.refresh_from_db()
    assert not grid.needs_rebalancing


def test_create_stores_the_first_day_of_the_period(cast):
    created = target_create(period_kind="quarter", period_start=NOV.replace(day=20), metric=Metric.EFFECTIVE,
                            value=5, node=cast.company, by=cast.head)
    assert created.period_start.isoformat() == "2026-10-01"
    with pytest.raises(ValidationError):  # one target per holder, period, metric and category
        target_create(period_kind="quarter", period_start=NOV, metric=Metric.EFFECTIVE, value=6,
                      node=cast.company, by=cast.head)


# --- permissions ---------------------------------------------------------------------------

def test_analyst_cannot_set_targets(cast):
    with pytest.raises(PermissionDenied):
        target_create(period_kind="month", period_start=NOV, metric="records", value=5, node=cast.company,
                      by=cast.analyst)
    company = target(100, node=cast.company)
    with pytest.raises(PermissionDenied):
        target_decompose(target=company, values={("node", cast.branch.pk): 100}, by=cast.analyst)


def test_manager_sets_only_their_grids_outlets(cast):
    target_create(period_kind="month", period_start=NOV, metric="records", value=5, outlet=cast.OA1, by=cast.manager_a)
    with pytest.raises(PermissionDenied):
        target_create(period_kind="month", period_start=NOV, metric="records", value=5, outlet=cast.OB1,
                      by=cast.manager_a)
    with pytest.raises(PermissionDenied):  # not even their own grid's total: that comes from above
        target_create(period_kind="month", period_start=NOV, metric="records", value=5, node=cast.grid_a,
                      by=cast.manager_a)
    grid_b = target(10, node=cast.grid_b)
    with pytest.raises(PermissionDenied):
        target_decompose(target=grid_b, values={("outlet", cast.OB1.pk): 10}, by=cast.manager_a)


def test_supervisor_sets_nodes_under_their_county_only(cast):
    target_create(period_kind="month", period_start=NOV, metric="records", value=5, node=cast.area1, by=cast.supervisor)
    with pytest.raises(PermissionDenied):
        target_create(period_kind="month", period_start=NOV, metric="records", value=5, node=cast.county1,
                      by=cast.supervisor)
    with pytest.raises(PermissionDenied):
        target_create(period_kind="month", period_start=NOV, metric="records", value=5, node=cast.area2,
                      by=cast.supervisor)


def test_agent_user_cannot_set_targets(cast):
    with pytest.raises(PermissionDenied):
        target_create(period_kind="month", period_start=NOV, metric="records", value=5, outlet=cast.OA1,
                      by=cast.agent_user)
