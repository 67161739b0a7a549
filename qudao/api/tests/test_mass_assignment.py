"""Every writable endpoint ignores fields outside its allow-list, whatever the payload says.

Each case sends the fields the endpoint does take plus forbidden ones (ids, status, owner,
tree position, audit columns...) and reads the row back from the database.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from qudao.channels.choices import AgentStatus, OutletStatus, RequestStatus
from qudao.channels.models import Agent, Outlet, OutletRequest
from qudao.territory.models import TerritoryNode, path_segment
from qudao.testing.cast import Cast, make_uscc

from .helpers import JsonClient, today, url

FOREIGN_ID = 987654
LONG_AGO = "2001-01-01"


@dataclass(frozen=True)
class Case:
    id: str
    persona: str
    method: str
    url: Callable[[Cast], str]
    payload: Callable[[Cast], dict[str, Any]]
    row: Callable[[Cast], Any]  # the database row the write landed on
    expected: Callable[[Cast, Any], dict[str, Any]]  # field → value it must have afterwards
    status: int = 200


def audit_noise(w: Cast) -> dict[str, Any]:
    return {"id": FOREIGN_ID, "created_by": w.analyst.pk, "created_at": "2001-01-01T00:00:00Z",
            "updated_at": "2001-01-01T00:00:00Z"}


def node_noise(w: Cast) -> dict[str, Any]:
    return {**audit_noise(w), "path": "000999", "is_active": False, "retired_on": LONG_AGO}


def outlet_noise(w: Cast) -> dict[str, Any]:
    return {**audit_noise(w), "code": "HIJACK", "status": OutletStatus.CLOSED, "grid": "GB", "agent": "AG2",
            "merged_into": "OB1", "opening_date": LONG_AGO, "closed_on": LONG_AGO}


def request_noise(w: Cast) -> dict[str, Any]:
    return {**audit_noise(w), "status": RequestStatus.APPROVED, "requested_by": w.head.pk,
            "decided_by": w.analyst.pk, "decided_at": "2001-01-01T00:00:00Z", "decision_note": "forged"}


def agent_body(w: Cast) -> dict[str, Any]:
    return {"name": "Renamed agent", "credit_code": w.agent1.credit_code, "channel_type": "retailer"}


def unchanged_outlet(w: Cast, outlet: Outlet, **changed) -> dict[str, Any]:
    return {"code": "OA1", "status": OutletStatus.ACTIVE, "grid_id": w.grid_a.pk, "agent_id": w.agent1.pk,
            "merged_into_id": None, "closed_on": None, "created_by_id": None, **changed}


CASES = [
    Case(
        "node-create", "head", "post", lambda w: url("territory-node-list"),
        lambda w: {"code": "GN", "name": "Grid N", "kind": "grid", "parent": "A1", **node_noise(w)},
        lambda w: TerritoryNode.objects.get(code="GN"),
        lambda w, node: {"parent_id": w.area1.pk, "path": f"{w.area1.path}.{path_segment(node.pk)}",
                         "is_active": True, "retired_on": None, "created_by_id": w.head.pk},
        status=201,
    ),
    Case(
        "node-rename", "head", "patch", lambda w: url("territory-node-detail", w.grid_a.pk),
        lambda w: {"name": "Grid A renamed", "code": "HIJACK", "kind": "area", "parent": "A2", **node_noise(w)},
        lambda w: TerritoryNode.objects.get(pk=w.grid_a.pk),
        lambda w, node: {"name": "Grid A renamed", "code": "GA", "kind": "grid", "parent_id": w.area1.pk,
                         "path": w.grid_a.path, "is_active": True, "retired_on": None, "created_by_id": None},
    ),
    Case(
        "node-move", "head", "post", lambda w: url("territory-node-move", w.grid_e.pk),
        lambda w: {"parent": "A2", "name": "Hijacked", "code": "HIJACK", "kind": "area", **node_noise(w)},
        lambda w: TerritoryNode.objects.get(pk=w.grid_e.pk),
        lambda w, node: {"parent_id": w.area2.pk, "path": f"{w.area2.path}.{path_segment(node.pk)}",
                         "name": "Grid E", "code": "GE", "kind": "grid", "is_active": True, "created_by_id": None},
    ),
    Case(
        "node-retire", "head", "post", lambda w: url("territory-node-retire", w.grid_e.pk),
        lambda w: {"name": "Hijacked", "parent": "A2", **node_noise(w)},
        lambda w: TerritoryNode.objects.get(pk=w.grid_e.pk),
        lambda w, node: {"is_active": False, "retired_on": today(), "name": "Grid E", "parent_id": w.area1.pk,
                         "path": w.grid_e.path},
    ),
    Case(
        "agent-create", "manager_a", "post", lambda w: url("agent-list"),
        lambda w: {"code": "AG9", "name": "Agent 9", "credit_code": make_uscc(9), "channel_type": "retailer",
                   "territory": "GA", "deposit": "10.00", "status": AgentStatus.TERMINATED,
                   "deposit_fen": 999999, "bank_account_masked": "****9999", **audit_noise(w)},
        lambda w: Agent.objects.get(code="AG9"),
        lambda w, agent: {"status": AgentStatus.ACTIVE, "territory_id": w.grid_a.pk, "deposit_fen": 1000,
                          "created_by_id": w.manager_a.pk},
        status=201,
    ),
    Case(
        "agent-patch", "manager_a", "patch", lambda w: url("agent-detail", w.agent1.pk),
        lambda w: {"name": "Renamed agent", "code": "HIJACK", "territory": "GB", "status": AgentStatus.TERMINATED,
                   "deposit_fen": 999999, **audit_noise(w)},
        lambda w: Agent.objects.get(pk=w.agent1.pk),
        lambda w, agent: {"name": "Renamed agent", "code": "AG1", "territory_id": w.grid_a.pk,
                          "status": AgentStatus.ACTIVE, "deposit_fen": 0, "created_by_id": None},
    ),
    Case(
        "agent-put", "manager_a", "put", lambda w: url("agent-detail", w.agent1.pk),
        lambda w: {**agent_body(w), "code": "HIJACK", "territory": "GB", "status": AgentStatus.TERMINATED,
                   **audit_noise(w)},
        lambda w: Agent.objects.get(pk=w.agent1.pk),
        lambda w, agent: {"name": "Renamed agent", "channel_type": "retailer", "code": "AG1",
                          "territory_id": w.grid_a.pk, "status": AgentStatus.ACTIVE, "created_by_id": None},
    ),
    Case(
        "outlet-patch", "manager_a", "patch", lambda w: url("outlet-detail", w.outlets["OA1"].pk),
        lambda w: {"name": "Renamed outlet", **outlet_noise(w)},
        lambda w: Outlet.objects.get(pk=w.outlets["OA1"].pk),
        lambda w, outlet: unchanged_outlet(w, outlet, name="Renamed outlet", opening_date=w.outlets["OA1"].opening_date),
    ),
    Case(
        "outlet-put", "manager_a", "put", lambda w: url("outlet-detail", w.outlets["OA1"].pk),
        lambda w: {"name": "Renamed outlet", "outlet_type": "retailer", "address": "1 Road", **outlet_noise(w)},
        lambda w: Outlet.objects.get(pk=w.outlets["OA1"].pk),
        lambda w, outlet: unchanged_outlet(w, outlet, name="Renamed outlet", outlet_type="retailer", address="1 Road"),
    ),
    Case(
        "request-create", "manager_a", "post", lambda w: url("outlet-request-list"),
        lambda w: {"kind": "suspend", "outlet": "OA1", "effective_date": today().isoformat(), **request_noise(w)},
        lambda w: OutletRequest.objects.get(outlet__code="OA1"),
        lambda w, request: {"status": RequestStatus.PENDING, "requested_by_id": w.manager_a.pk,
                            "decided_by_id": None, "decided_at": None, "decision_note": "",
                            "created_by_id": w.manager_a.pk},
        status=201,
    ),
    Case(
        "request-open", "manager_a", "post", lambda w: url("outlet-request-list"),
        lambda w: {"kind": "open", "effective_date": today().isoformat(), **request_noise(w),
                   "new_outlet": {**outlet_noise(w), "code": "ON1", "name": "New outlet", "grid": "GA",
                                  "agent": "AG1", "outlet_type": "retailer"}},
        lambda w: Outlet.objects.get(code="ON1"),
        lambda w, outlet: {"status": OutletStatus.PLANNED, "grid_id": w.grid_a.pk, "agent_id": w.agent1.pk,
                           "merged_into_id": None, "closed_on": None, "opening_date": today(),
                           "created_by_id": w.manager_a.pk},
        status=201,
    ),
    Case(
        "request-approve", "supervisor", "post", lambda w: url("outlet-request-approve", w.pending.pk),
        lambda w: {"note": "fine", **request_noise(w), "status": RequestStatus.REJECTED},
        lambda w: OutletRequest.objects.get(pk=w.pending.pk),
        lambda w, request: {"status": RequestStatus.APPROVED, "requested_by_id": w.manager_a.pk,
                            "decided_by_id": w.supervisor.pk, "decision_note": "fine", "outlet_id": w.outlets["OA2"].pk},
    ),
    Case(
        "request-reject", "supervisor", "post", lambda w: url("outlet-request-reject", w.pending.pk),
        lambda w: {"note": "not now", **request_noise(w)},
        lambda w: OutletRequest.objects.get(pk=w.pending.pk),
        lambda w, request: {"status": RequestStatus.REJECTED, "requested_by_id": w.manager_a.pk,
                            "decided_by_id": w.supervisor.pk, "decision_note": "not now"},
    ),
    Case(
        "request-cancel", "manager_a", "post", lambda w: url("outlet-request-cancel", w.pending.pk),
        lambda w: request_noise(w),
        lambda w: OutletRequest.objects.get(pk=w.pending.pk),
        lambda w, request: {"status": RequestStatus.CANCELLED, "requested_by_id": w.manager_a.pk,
                            "decided_by_id": None, "decision_note": ""},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_forbidden_fields_are_never_applied(world, case: Case):
    client = JsonClient(world.users[case.persona])

    response = getattr(client, case.method)(case.url(world), case.payload(world))

    assert response.status_code == case.status, response.content
    row = case.row(world)
    actual = {field: getattr(row, field) for field in case.expected(world, row)}
    assert actual == case.expected(world, row)
    assert not type(row).objects.filter(pk=FOREIGN_ID).exists()
