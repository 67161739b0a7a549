import pytest

from qudao.channels.services import outlet_request_create
from qudao.territory.choices import NodeKind
from qudao.territory.services import node_create

from .helpers import JsonClient, today


@pytest.fixture
def api_as():
    """`api_as(user)` → a JSON API client logged in as that user."""
    return JsonClient


@pytest.fixture
def world(cast):
    """The cast plus what write tests act on: an empty grid GE (retirable) and a pending
    suspend request by manager_a on OA2 (to approve, reject or cancel)."""
    cast.nodes["grid_e"] = node_create(code="GE", name="Grid E", kind=NodeKind.GRID, parent=cast.area1, by=None)
    cast.pending = outlet_request_create(
        outlet=cast.outlets["OA2"], kind="suspend", effective_date=today(), reason="renovation", by=cast.manager_a,
    )
    return cast
