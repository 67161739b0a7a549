"""Who may write: read-only roles get 403, out-of-reach objects 404, out-of-reach references
fail validation exactly like missing ones, and nobody approves their own request."""

import pytest

from qudao.accounts.choices import Role
from qudao.channels.choices import OutletStatus, RequestStatus
from qudao.channels.models import Outlet, OutletRequest
from qudao.territory.models import TerritoryNode
from qudao.territory.services import staff_assign
from qudao.testing.cast import make_user

from .helpers import JsonClient, today, url

# (name, method, url(world), payload(world)) — one row per write the API offers.
WRITES = [
    ("node-create", "post", lambda w: url("territory-node-list"),
     lambda w: {"code": "GN", "name": "Grid N", "kind": "grid", "parent": "A1"}),
    ("node-rename", "patch", lambda w: url("territory-node-detail", w.grid_a.pk), lambda w: {"name": "X"}),
    ("node-move", "post", lambda w: url("territory-node-move", w.grid_e.pk), lambda w: {"parent": "A2"}),
    ("node-retire", "post", lambda w: url("territory-node-retire", w.grid_e.pk), lambda w: {}),
    ("agent-create", "post", lambda w: url("agent-list"),
     lambda w: {"code": "AG9", "name": "Agent 9", "credit_code": "91440300000000009A", "channel_type": "retailer",
                "territory": "GA"}),
    ("agent-patch", "patch", lambda w: url("agent-detail", w.agent1.pk), lambda w: {"name": "X"}),
    ("outlet-patch", "patch", lambda w: url("outlet-detail", w.outlets["OA1"].pk), lambda w: {"name": "X"}),
    ("outlet-put", "put", lambda w: url("outlet-detail", w.outlets["OA1"].pk),
     lambda w: {"name": "X", "outlet_type": "retailer"}),
    ("request-create", "post", lambda w: url("outlet-request-list"),
     lambda w: {"kind": "suspend", "outlet": "OA1", "effective_date": today().isoformat()}),
    ("request-approve", "post", lambda w: url("outlet-request-approve", w.pending.pk), lambda w: {}),
    ("request-reject", "post", lambda w: url("outlet-request-reject", w.pending.pk), lambda w: {"note": "no"}),
    ("request-cancel", "post", lambda w: url("outlet-request-cancel", w.pending.pk), lambda w: {}),
]


def snapshot(w) -> dict:
    return {
        "nodes": list(TerritoryNode.objects.values_list("code", "name", "path", "is_active").order_by("pk")),
        "outlets": list(Outlet.objects.values_list("code", "name", "status", "outlet_type").order_by("pk")),
        "requests": list(OutletRequest.objects.values_list("pk", "status").order_by("pk")),
        "agents": sorted(w.agent1.__class__.objects.values_list("code", "name")),
    }


@pytest.fixture
def market_user(world):
    user = make_user("market", Role.MARKET_DEPARTMENT)
    staff_assign(user=user, node=world.company, by=None)
    return user


# Agent users see no territory nodes, so for them a node answers 404 before any role check.
HIDDEN_FROM_AGENT_USERS = {"node-rename", "node-move", "node-retire"}


@pytest.mark.parametrize("persona", ["analyst", "agent_user", "market"])
@pytest.mark.parametrize(("name", "method", "make_url", "payload"), WRITES, ids=[row[0] for row in WRITES])
def test_read_only_roles_get_403_on_every_write(world, market_user, persona, name, method, make_url, payload):
    user = market_user if persona == "market" else world.users[persona]
    expected = 404 if persona == "agent_user" and name in HIDDEN_FROM_AGENT_USERS else 403
    before = snapshot(world)

    response = getattr(JsonClient(user), method)(make_url(world), payload(world))

    assert response.status_code == expected, response.content
    assert snapshot(world) == before


def test_read_only_role_writing_to_a_missing_object_gets_404(world):
    response = JsonClient(world.analyst).patch(url("outlet-detail", 999999), {"name": "X"})
    assert response.status_code == 404


def test_read_only_roles_still_read(world):
    assert JsonClient(world.analyst).get(url("outlet-list")).json()["count"] == 4


def test_unsupported_methods_are_not_offered(world):
    client = JsonClient(world.head)
    outlet, node = world.outlets["OA1"], world.grid_a
    assert client.post(url("outlet-list"), {"code": "X"}).status_code == 405
    assert client.client.delete(url("outlet-detail", outlet.pk)).status_code == 405
    assert client.client.delete(url("agent-detail", world.agent1.pk)).status_code == 405
    assert client.client.delete(url("territory-node-detail", node.pk)).status_code == 405
    assert client.put(url("territory-node-detail", node.pk), {"name": "X"}).status_code == 405
    assert client.patch(url("outlet-request-detail", world.pending.pk), {"reason": "X"}).status_code == 405
    assert client.post(url("user-list"), {"username": "X"}).status_code == 405


def test_approving_ones_own_request_is_refused(world):
    supervisor = JsonClient(world.supervisor)
    created = supervisor.post(url("outlet-request-list"),
                              {"kind": "suspend", "outlet": "OA1", "effective_date": today().isoformat()})
    assert created.status_code == 201

    response = supervisor.post(url("outlet-request-approve", created.json()["id"]), {"note": "self"})

    assert response.status_code == 403
    assert response.json()["detail"]
    assert OutletRequest.objects.get(pk=created.json()["id"]).status == RequestStatus.PENDING
    assert Outlet.objects.get(code="OA1").status == OutletStatus.ACTIVE


def test_channel_manager_cannot_approve(world):
    response = JsonClient(world.manager_b).post(url("outlet-request-approve", world.pending.pk), {})
    # manager_b does not even see manager_a's outlet OA2
    assert response.status_code == 404
    assert OutletRequest.objects.get(pk=world.pending.pk).status == RequestStatus.PENDING


def test_only_the_requester_can_cancel(world):
    response = JsonClient(world.supervisor).post(url("outlet-request-cancel", world.pending.pk))
    assert response.status_code == 403
    assert OutletRequest.objects.get(pk=world.pending.pk).status == RequestStatus.PENDING


@pytest.mark.parametrize(("method", "make_url", "payload"), [
    ("patch", lambda w: url("outlet-detail", w.outlets["OB1"].pk), {"name": "X"}),
    ("patch", lambda w: url("agent-detail", w.agent2.pk), {"name": "X"}),
    ("get", lambda w: url("outlet-history", w.outlets["OB1"].pk), None),
    ("get", lambda w: url("outlet-owner", w.outlets["OB1"].pk), None),
], ids=["outlet-patch", "agent-patch", "outlet-history", "outlet-owner"])
def test_out_of_reach_objects_answer_404_like_missing_ones(world, method, make_url, payload):
    client = JsonClient(world.manager_a)
    out_of_reach = getattr(client, method)(make_url(world), payload)
    missing_url = make_url(world).replace(f"/{world.outlets['OB1'].pk}/", "/999999/").replace(
        f"/{world.agent2.pk}/", "/999999/")
    missing = getattr(client, method)(missing_url, payload)

    assert out_of_reach.status_code == missing.status_code == 404
    assert out_of_reach.json() == missing.json()
    assert Outlet.objects.get(code="OB1").name == "Outlet OB1"


@pytest.mark.parametrize(("field", "payload"), [
    ("outlet", {"kind": "suspend", "outlet": "{ref}"}),
    ("target_outlet", {"kind": "merge", "outlet": "OA1", "target_outlet": "{ref}"}),
    ("new_agent", {"kind": "transfer", "outlet": "OA1", "new_agent": "{ref}"}),
    ("new_grid", {"kind": "transfer", "outlet": "OA1", "new_grid": "{ref}"}),
])
def test_out_of_reach_references_fail_like_missing_ones(world, field, payload):
    out_of_reach_ref = {"outlet": "OB1", "target_outlet": "OB1", "new_agent": "AG2", "new_grid": "GB"}[field]
    client = JsonClient(world.manager_a)

    def submit(ref):
        body = {key: (ref if value == "{ref}" else value) for key, value in payload.items()}
        return client.post(url("outlet-request-list"), {**body, "effective_date": today().isoformat()})

    out_of_reach, missing = submit(out_of_reach_ref), submit("NOPE")

    assert out_of_reach.status_code == missing.status_code == 400
    assert list(out_of_reach.json()) == list(missing.json()) == [field]
    assert out_of_reach.json()[field][0].replace(out_of_reach_ref, "NOPE") == missing.json()[field][0]
    assert not OutletRequest.objects.exclude(pk=world.pending.pk).exists()


def test_new_outlet_grid_and_agent_must_be_in_reach(world):
    response = JsonClient(world.manager_a).post(url("outlet-request-list"), {
        "kind": "open", "effective_date": today().isoformat(),
        "new_outlet": {"code": "ON1", "name": "New", "grid": "GB", "agent": "AG2", "outlet_type": "retailer"},
    })
    assert response.status_code == 400
    assert set(response.json()["new_outlet"]) == {"grid", "agent"}
    assert not Outlet.objects.filter(code="ON1").exists()


# --- territory: org admins only, and only under their own assignments ---------------------------

@pytest.fixture
def county_head(world):
    """A head of channels whose reach is county 1 only: sees company and branch above, acts below."""
    user = make_user("county_head", Role.HEAD_OF_CHANNELS)
    staff_assign(user=user, node=world.county1, by=None)
    return user


def test_supervisor_cannot_change_the_tree(world):
    response = JsonClient(world.supervisor).patch(url("territory-node-detail", world.grid_a.pk), {"name": "X"})
    assert response.status_code == 403


def test_visible_ancestor_is_not_writable(world, county_head):
    response = JsonClient(county_head).patch(url("territory-node-detail", world.branch.pk), {"name": "X"})
    assert response.status_code == 403
    assert TerritoryNode.objects.get(pk=world.branch.pk).name == "Branch"


def test_node_outside_reach_answers_404(world, county_head):
    response = JsonClient(county_head).patch(url("territory-node-detail", world.grid_c.pk), {"name": "X"})
    assert response.status_code == 404


@pytest.mark.parametrize("parent", ["BR", "A2", "NOPE"])
def test_new_node_parent_must_be_within_reach(world, county_head, parent):
    response = JsonClient(county_head).post(url("territory-node-list"),
                                            {"code": "AN", "name": "Area N", "kind": "area", "parent": parent})
    assert response.status_code == 400
    assert list(response.json()) == ["parent"]
    assert not TerritoryNode.objects.filter(code="AN").exists()


def test_new_root_is_refused_for_non_superusers(world):
    response = JsonClient(world.head).post(url("territory-node-list"),
                                           {"code": "C9", "name": "Company 9", "kind": "company", "parent": None})
    assert response.status_code == 400
    assert list(response.json()) == ["parent"]


def test_move_target_must_be_within_reach(world, county_head):
    response = JsonClient(county_head).post(url("territory-node-move", world.grid_e.pk), {"parent": "A2"})
    assert response.status_code == 400
    assert TerritoryNode.objects.get(pk=world.grid_e.pk).parent_id == world.area1.pk
