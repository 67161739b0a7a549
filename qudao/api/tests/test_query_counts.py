"""List endpoints cost a fixed number of queries however many rows they return (no N+1)."""

import datetime as dt

import pytest

from qudao.channels.choices import ChannelType, OutletStatus, RequestKind
from qudao.channels.models import Agent, Outlet, OutletAssignment, OutletRequest
from qudao.territory.choices import NodeKind
from qudao.territory.services import node_create, staff_assign
from qudao.testing.cast import OPENED, Cast, make_uscc, make_user

from .helpers import JsonClient, today, url

EXTRA_ROWS = 6

# basename → queries for one list page by token: token+user, reach paths, count, rows.
LIST_QUERY_BUDGET = {
    "territory-node": 4,
    "staff-assignment": 4,
    "user": 4,
    "agent": 4,
    "outlet": 4,
    "outlet-request": 4,
}


def add_rows(w: Cast, n: int) -> None:
    """n more of everything, every relation the serializers show filled in."""
    for i in range(n):
        grid = node_create(code=f"GX{i}", name=f"Grid X{i}", kind=NodeKind.GRID, parent=w.area1, by=w.head)
        user = make_user(f"extra{i}", "channel_manager", reports_to=w.supervisor)
        staff_assign(user=user, node=grid, by=w.head)
        agent = Agent.objects.create(
            code=f"AX{i}", name=f"Agent X{i}", credit_code=make_uscc(100 + i), channel_type=ChannelType.RETAILER,
            territory=grid, manager=user, bank_account="6222020200112233445",
        )
        outlet = Outlet.objects.create(
            code=f"OX{i}", name=f"Outlet X{i}", grid=grid, agent=agent, outlet_type=ChannelType.RETAILER,
            opening_date=OPENED, status=OutletStatus.MERGED, merged_into=w.outlets["OA1"],
        )
        OutletRequest.objects.create(
            kind=RequestKind.TRANSFER, outlet=outlet, effective_date=today(), target_outlet=w.outlets["OA1"],
            new_agent=agent, new_grid=grid, requested_by=w.manager_a, decided_by=w.head, status="approved",
        )


def list_and_count(client: JsonClient, basename: str, budget: int, assert_max_queries) -> tuple[int, int]:
    with assert_max_queries(budget) as captured:
        response = client.get(url(f"{basename}-list"))
    assert response.status_code == 200
    return response.json()["count"], len(captured)


@pytest.mark.parametrize("basename", LIST_QUERY_BUDGET)
def test_list_query_count_does_not_grow_with_rows(world, basename, django_assert_max_num_queries):
    client = JsonClient(world.head, by_token=True)
    budget = LIST_QUERY_BUDGET[basename]
    rows_before, queries_before = list_and_count(client, basename, budget, django_assert_max_num_queries)

    add_rows(world, EXTRA_ROWS)
    rows_after, queries_after = list_and_count(client, basename, budget, django_assert_max_num_queries)

    assert rows_after >= rows_before + EXTRA_ROWS
    assert queries_after == queries_before


def split_history(outlet: Outlet, months: int) -> None:
    """Re-cuts the outlet's single open assignment into `months` monthly rows plus an open one."""
    outlet.assignments.update(valid_to=dt.date(2025, 2, 1))
    for month in range(2, months + 2):
        OutletAssignment.objects.create(
            outlet=outlet, agent=outlet.agent, grid=outlet.grid, valid_from=dt.date(2025, month, 1),
            valid_to=None if month == months + 1 else dt.date(2025, month + 1, 1), reason="transfer",
        )


def test_outlet_history_query_count_does_not_grow(world, django_assert_max_num_queries):
    client = JsonClient(world.head, by_token=True)
    outlet = world.outlets["OA1"]
    budget = 4  # token+user, reach paths, the outlet, its assignments
    with django_assert_max_num_queries(budget) as before:
        assert len(client.get(url("outlet-history", outlet.pk)).json()) == 1

    split_history(outlet, months=5)
    with django_assert_max_num_queries(budget) as after:
        assert len(client.get(url("outlet-history", outlet.pk)).json()) == 6
    assert len(after) == len(before)
