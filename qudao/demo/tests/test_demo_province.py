"""What the seeded demo province looks like. Seeded once per module: the tests only read."""

import datetime as dt

import pytest
from django.db import transaction

from qudao.accounts.choices import Role
from qudao.accounts.models import User
from qudao.channels.choices import OutletStatus, RequestStatus
from qudao.channels.models import Agent, AgentUser, Outlet, OutletAssignment, OutletRequest
from qudao.channels.selectors import outlets_visible_to
from qudao.core.models import Event
from qudao.core.validators import validate_uscc
from qudao.demo.generate import seed_demo
from qudao.territory.choices import NodeKind
from qudao.territory.models import TerritoryNode


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        seed_demo(scale=0.1, as_of=dt.date(2026, 6, 30), log=lambda _line: None, records_per_month=0)  # sales: test_demo_sales
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def demo_db(demo, db):
    """Each test runs in a savepoint inside the module's seeded transaction."""


def test_territory_has_every_level_with_materialised_paths():
    kinds = set(TerritoryNode.objects.values_list("kind", flat=True))
    assert kinds == set(NodeKind.values)
    for node in TerritoryNode.objects.select_related("parent"):
        expected_prefix = node.parent.path + "." if node.parent else ""
        assert node.path.startswith(expected_prefix) and node.path.endswith(f"{node.pk:06d}")
    assert TerritoryNode.history.count() == TerritoryNode.objects.count()


def test_every_role_has_a_login_and_named_people_sit_where_promised():
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)
    node_of = {u: User.objects.get(username=u).assignments.get().node for u in
               ("demo-director", "demo-head", "demo-analyst", "demo-supervisor", "demo-manager-a", "demo-manager-b")}
    assert node_of["demo-director"].kind == node_of["demo-head"].kind == node_of["demo-analyst"].kind == NodeKind.COMPANY
    assert node_of["demo-supervisor"].kind == NodeKind.COUNTY
    grid_a, grid_b = node_of["demo-manager-a"], node_of["demo-manager-b"]
    assert grid_a != grid_b and grid_a.kind == grid_b.kind == NodeKind.GRID
    assert grid_a.path.startswith(node_of["demo-supervisor"].path + ".")
    assert grid_b.path.startswith(node_of["demo-supervisor"].path + ".")


def test_demo_agent_heads_an_agent_of_manager_a_grid():
    link = AgentUser.objects.select_related("agent").get(user__username="demo-agent")
    assert link.is_head
    grid_a = User.objects.get(username="demo-manager-a").assignments.get().node
    agent_user = User.objects.get(username="demo-agent")
    visible = outlets_visible_to(agent_user)
    assert visible.exists()
    assert set(visible.values_list("grid_id", flat=True)) == {grid_a.pk}


def test_agents_and_outlets_are_valid_and_have_history():
    for agent in Agent.objects.all():
        validate_uscc(agent.credit_code)
        agent.full_clean()
        assert agent.deposit_fen % 100 == 0
    for outlet in Outlet.objects.all():
        outlet.full_clean()
    assert Agent.history.count() >= Agent.objects.count()
    assert Outlet.history.count() >= Outlet.objects.count()


def test_live_outlets_have_one_open_assignment_and_closed_ones_none():
    open_rows = set(OutletAssignment.objects.filter(valid_to__isnull=True).values_list("outlet_id", flat=True))
    live = set(Outlet.objects.filter(status__in=[OutletStatus.ACTIVE, OutletStatus.SUSPENDED]).values_list("pk", flat=True))
    assert open_rows == live


def test_history_went_through_the_services():
    approved = OutletRequest.objects.filter(status=RequestStatus.APPROVED)
    assert approved.filter(kind="transfer").exists() and approved.filter(kind="merge").exists()
    assert all(r.requested_by_id != r.decided_by_id for r in approved)
    assert OutletRequest.objects.filter(status=RequestStatus.PENDING).count() >= 2
    assert Event.objects.filter(action="transfer").exists()
    transferred = OutletAssignment.objects.filter(reason="transfer").values_list("outlet_id", flat=True)
    assert OutletAssignment.objects.filter(outlet_id__in=transferred).count() >= 2 * len(transferred)
