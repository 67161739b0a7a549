"""List pages cost a fixed number of queries, however many rows they show (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qudao.channels.choices import ChannelType, OutletStatus
from qudao.channels.models import Agent, Outlet
from qudao.channels.services import open_assignment
from qudao.testing.cast import OPENED, make_uscc

from .test_reach import LIST_ROUTES

UI_LIST_ROUTES = [r for r in LIST_ROUTES if not r.startswith("api:")]
MAX_QUERIES = 14


def _grow(cast, n: int = 15) -> None:
    for i in range(n):
        agent = Agent.objects.create(code=f"XG{i}", name=f"Extra {i}", credit_code=make_uscc(100 + i),
                                     channel_type=ChannelType.RETAILER, territory=cast.grid_a, manager=cast.manager_a)
        outlet = Outlet.objects.create(code=f"XO{i}", name=f"Extra outlet {i}", grid=cast.grid_a, agent=agent,
                                       outlet_type=ChannelType.RETAILER, opening_date=OPENED, status=OutletStatus.ACTIVE)
        open_assignment(outlet=outlet, agent=agent, grid=cast.grid_a, on=OPENED, reason="open")


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("route", UI_LIST_ROUTES)
def test_list_page_query_count_is_pinned(route, cast, client_for):
    client = client_for(cast.head)
    url = reverse(route)
    small = _count(client, url)
    _grow(cast)
    large = _count(client, url)
    assert small == large, f"{route}: {small} queries with few rows, {large} with more"
    assert large <= MAX_QUERIES, f"{route}: {large} queries"
