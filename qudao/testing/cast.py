"""The named cast every scope test uses.

Territory:  company ─ branch ─ county-1 ─ area-1 ─ grid-A, grid-B
                             └ county-2 ─ area-2 ─ grid-C
People:     manager_a (grid-A), manager_b (grid-B), supervisor (county-1), analyst (company,
            read-only), head (company, approves), agent_user (head of agent-1), outsider (no reach).
Agents:     agent-1 (outlets in grid-A), agent-2 (grid-B), agent-3 (grid-C).
Outlets:    OA1, OA2 (agent-1, grid-A), OB1 (agent-2, grid-B), OC1 (agent-3, grid-C).
"""

import datetime as dt
from dataclasses import dataclass, field

from qudao.accounts.choices import Role
from qudao.accounts.models import User
from qudao.channels.choices import ChannelType, OutletStatus
from qudao.channels.models import Agent, AgentUser, Outlet
from qudao.channels.services import open_assignment
from qudao.core.validators import uscc_check_char
from qudao.territory.choices import NodeKind
from qudao.territory.services import node_create, staff_assign

PERSONAS = ("manager_a", "manager_b", "supervisor", "analyst", "head", "agent_user", "outsider")
PASSWORD = "cast-password-123"
OPENED = dt.date(2025, 1, 1)


def make_uscc(seq: int) -> str:
    body = f"91440300{seq:09d}"
    return body + uscc_check_char(body)


@dataclass
class Cast:
    users: dict[str, User] = field(default_factory=dict)
    nodes: dict[str, object] = field(default_factory=dict)
    agents: dict[str, Agent] = field(default_factory=dict)
    outlets: dict[str, Outlet] = field(default_factory=dict)

    def __getattr__(self, name):
        for bag in ("users", "nodes", "agents", "outlets"):
            values = self.__dict__.get(bag, {})
            if name in values:
                return values[name]
        raise AttributeError(name)


def make_user(username: str, role: str, **extra) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, role=role, display_name=username, **extra)
    return user


def build_cast() -> Cast:
    cast = Cast()
    n = cast.nodes
    n["company"] = node_create(code="CO", name="Company", kind=NodeKind.COMPANY, parent=None, by=None)
    n["branch"] = node_create(code="BR", name="Branch", kind=NodeKind.BRANCH, parent=n["company"], by=None)
    n["county1"] = node_create(code="C1", name="County 1", kind=NodeKind.COUNTY, parent=n["branch"], by=None)
    n["county2"] = node_create(code="C2", name="County 2", kind=NodeKind.COUNTY, parent=n["branch"], by=None)
    n["area1"] = node_create(code="A1", name="Area 1", kind=NodeKind.AREA, parent=n["county1"], by=None)
    n["area2"] = node_create(code="A2", name="Area 2", kind=NodeKind.AREA, parent=n["county2"], by=None)
    n["grid_a"] = node_create(code="GA", name="Grid A", kind=NodeKind.GRID, parent=n["area1"], by=None)
    n["grid_b"] = node_create(code="GB", name="Grid B", kind=NodeKind.GRID, parent=n["area1"], by=None)
    n["grid_c"] = node_create(code="GC", name="Grid C", kind=NodeKind.GRID, parent=n["area2"], by=None)

    u = cast.users
    u["head"] = make_user("head", Role.HEAD_OF_CHANNELS)
    u["supervisor"] = make_user("supervisor", Role.SUPERVISOR, reports_to=u["head"])
    u["manager_a"] = make_user("manager_a", Role.CHANNEL_MANAGER, reports_to=u["supervisor"])
    u["manager_b"] = make_user("manager_b", Role.CHANNEL_MANAGER, reports_to=u["supervisor"])
    u["analyst"] = make_user("analyst", Role.CENTER_ANALYST)
    u["agent_user"] = make_user("agent_user", Role.AGENT_USER)
    u["outsider"] = make_user("outsider", Role.CHANNEL_MANAGER)
    for persona, node in [("head", "company"), ("supervisor", "county1"), ("manager_a", "grid_a"),
                          ("manager_b", "grid_b"), ("analyst", "company")]:
        staff_assign(user=u[persona], node=n[node], by=None)

    for i, (key, grid, manager) in enumerate(
        [("agent1", "grid_a", "manager_a"), ("agent2", "grid_b", "manager_b"), ("agent3", "grid_c", None)], start=1
    ):
        cast.agents[key] = Agent.objects.create(
            code=f"AG{i}", name=f"Agent {i}", credit_code=make_uscc(i), channel_type=ChannelType.AUTHORISED,
            territory=n[grid], manager=u.get(manager) if manager else None, bank_account=f"62220202001122{i:05d}",
        )
    AgentUser.objects.create(user=u["agent_user"], agent=cast.agents["agent1"], is_head=True)

    for code, agent, grid in [("OA1", "agent1", "grid_a"), ("OA2", "agent1", "grid_a"),
                              ("OB1", "agent2", "grid_b"), ("OC1", "agent3", "grid_c")]:
        outlet = Outlet.objects.create(
            code=code, name=f"Outlet {code}", grid=n[grid], agent=cast.agents[agent],
            outlet_type=ChannelType.AUTHORISED, opening_date=OPENED, status=OutletStatus.ACTIVE,
        )
        open_assignment(outlet=outlet, agent=outlet.agent, grid=outlet.grid, on=OPENED, reason="open")
        cast.outlets[code] = outlet
    return cast


def in_english(user):
    """Pages render in each reader's language (Chinese by default); tests that read a message on
    a page or API answer make the reader English first."""
    user.language = "en"
    user.save(update_fields=["language"])
    return user
