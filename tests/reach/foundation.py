"""Reach of the foundation: territory, people, agents, outlets and outlet requests."""

import datetime as dt

from qudao.channels.choices import RequestKind
from qudao.channels.models import Outlet, OutletRequest
from qudao.channels.services import outlet_request_create
from qudao.territory.models import StaffAssignment, TerritoryNode

from . import ModelSpec

ALL_NODES = ("company", "branch", "county1", "county2", "area1", "area2", "grid_a", "grid_b", "grid_c")
STAFF = ("head", "supervisor", "manager_a", "manager_b", "analyst")


SPECS = [
    ModelSpec("outlet", ("channels:outlet_",), "api:outlet-", {
        "manager_a": ("OA1", "OA2"), "manager_b": ("OB1",), "supervisor": ("OA1", "OA2", "OB1"),
        "analyst": ("OA1", "OA2", "OB1", "OC1"), "head": ("OA1", "OA2", "OB1", "OC1"),
        "agent_user": ("OA1", "OA2"), "outsider": (),
    }),
    ModelSpec("agent", ("channels:agent_",), "api:agent-", {
        "manager_a": ("agent1",), "manager_b": ("agent2",), "supervisor": ("agent1", "agent2"),
        "analyst": ("agent1", "agent2", "agent3"), "head": ("agent1", "agent2", "agent3"),
        "agent_user": ("agent1",), "outsider": (),
    }),
    ModelSpec("request", ("channels:request_",), "api:outlet-request-", {
        "manager_a": ("OA1",), "manager_b": (), "supervisor": ("OA1",), "analyst": ("OA1", "OC1"),
        "head": ("OA1", "OC1"), "agent_user": ("OA1",), "outsider": (),
    }),
    ModelSpec("node", ("territory:node_",), "api:territory-node-", {
        "manager_a": ("company", "branch", "county1", "area1", "grid_a"),
        "manager_b": ("company", "branch", "county1", "area1", "grid_b"),
        "supervisor": ("company", "branch", "county1", "area1", "grid_a", "grid_b"),
        "analyst": ALL_NODES, "head": ALL_NODES, "agent_user": (), "outsider": (),
    }),
    ModelSpec("user", ("territory:user_",), "api:user-", {
        "manager_a": ("manager_a",), "manager_b": ("manager_b",),
        "supervisor": ("supervisor", "manager_a", "manager_b"),
        "analyst": STAFF, "head": STAFF, "agent_user": ("agent_user",), "outsider": ("outsider",),
    }),
    ModelSpec("assignment", ("territory:assignment_",), "api:staff-assignment-", {
        "manager_a": ("manager_a",), "manager_b": ("manager_b",),
        "supervisor": ("supervisor", "manager_a", "manager_b"),
        "analyst": STAFF, "head": STAFF, "agent_user": (), "outsider": (),
    }),
]

# Named routes that are not about one scoped model, with the reason.
EXEMPT = {
    "ui:home": "dashboard tiles are counts of scoped querysets",
    "accounts:login": "public", "accounts:logout": "session", "accounts:preferences": "the user's own record",
    "api:api-root": "router index", "api:schema": "OpenAPI document", "api:docs": "Swagger UI",
    "api:token": "login",
    "territory:staff_import": "creates people; the importer checks every referenced node against reach",
}
EXTRA_KWARGS = {"kind": RequestKind.SUSPEND.value}


def populate(cast):
    outlet_request_create(outlet=cast.outlets["OA1"], kind=RequestKind.SUSPEND, effective_date=dt.date.today(),
                          by=cast.users["manager_a"])
    outlet_request_create(outlet=cast.outlets["OC1"], kind=RequestKind.SUSPEND, effective_date=dt.date.today(),
                          by=cast.users["head"])
    return {
        "outlet": {o.code: o for o in Outlet.objects.all()},
        "agent": {key: cast.agents[key] for key in cast.agents},
        "request": {r.outlet.code: r for r in OutletRequest.objects.select_related("outlet")},
        "node": {key: TerritoryNode.objects.get(pk=node.pk) for key, node in cast.nodes.items()},
        "user": dict(cast.users),
        "assignment": {a.user.username: a for a in StaffAssignment.objects.select_related("user")},
    }
