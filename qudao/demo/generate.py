"""The demo province: Foshan's real districts, ~500 agents, ~2,500 outlets and the people who run them.

Set-based: every table is filled with a handful of bulk inserts (with their simple-history rows);
only a few dozen lifecycle changes go through the real services, so their requests and events
look exactly like the product's own. Everything is drawn from one seeded `random.Random`, so a
seed always yields the same codes and names.

Demo rows are recognisable: usernames start with `demo-`, every code starts with `DM-`.
"""

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from qudao.accounts.choices import Role
from qudao.accounts.models import User
from qudao.channels.choices import AgentGrade, AgentStatus, ChannelType, OutletStatus
from qudao.channels.models import Agent, AgentUser, Outlet, OutletAssignment
from qudao.core.models import Event
from qudao.territory.choices import NodeKind
from qudao.territory.models import StaffAssignment, TerritoryNode, child_path

from . import names
from .fieldwork import seed_field_work
from .history import make_history
from .incentives import seed_incentives
from .places import CITY, DEMO_COUNTY_CODE, DISTRICTS
from .province import DEMO_CODE_PREFIX, GridSlot, Province, coordinate, supervisor_username
from .routine import seed_routine
from .sales import records_per_month_for, seed_sales

DEMO_USER_PREFIX = "demo-"
DEFAULT_PASSWORD = "qudao-demo-2026"
DEFAULT_SEED = 2026
BASE_AGENTS = 500
BASE_OUTLETS = 2500
BATCH = 500
CHANGE_REASON = "demo seed"

COMPANY_CODE = "DM-GD"
BRANCH_CODE = "DM-FS"

CHANNEL_TYPE_WEIGHTS = {
    ChannelType.AUTHORISED: 25, ChannelType.SIGNED_SOCIAL: 20, ChannelType.RETAILER: 25,
    ChannelType.DISTRIBUTOR: 8, ChannelType.BRAND_STORE: 12, ChannelType.NON_AUTHORISED: 10,
}
GRADE_WEIGHTS = {AgentGrade.A: 10, AgentGrade.B: 30, AgentGrade.C: 45, AgentGrade.D: 15}
DEPOSITS_YUAN = (5_000, 10_000, 20_000, 30_000, 50_000)
CONTRACT_YEARS = 3
# Share of outlets run by an agent from a neighbouring grid of the same area.
CROSS_GRID_SHARE = 0.08
SUSPENDED_AGENT_SHARE = 0.03


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    reach: str


# --- what is in the database ------------------------------------------------------------------

def foreign_data() -> list[str]:
    """Descriptions of rows the demo did not create; seeding must not touch such a database."""
    checks = [
        (User.objects.exclude(username__startswith=DEMO_USER_PREFIX), "users"),
        (TerritoryNode.objects.exclude(code__startswith=DEMO_CODE_PREFIX), "territory nodes"),
        (Agent.objects.exclude(code__startswith=DEMO_CODE_PREFIX), "agents"),
        (Outlet.objects.exclude(code__startswith=DEMO_CODE_PREFIX), "outlets"),
    ]
    found = []
    for queryset, label in checks:
        count = queryset.count()
        if count:
            example = queryset.values_list("username" if label == "users" else "code", flat=True).first()
            found.append(f"{count} {label} (e.g. {example!r})")
    return found


def demo_present() -> bool:
    return TerritoryNode.objects.filter(code=COMPANY_CODE).exists()


def wipe_demo_database() -> None:
    """Empties every table; only ever called once `foreign_data()` found nothing.

    `foreign_data()` must learn about every new kind of master data, or this would wipe it."""
    call_command("flush", interactive=False, verbosity=0)


# --- the whole province -----------------------------------------------------------------------

def seed_demo(
    *, seed: int = DEFAULT_SEED, password: str = DEFAULT_PASSWORD, scale: float = 1.0,
    as_of: dt.date | None = None, log: Callable[[str], None] = print, records_per_month: int | None = None,
) -> Province:
    """`records_per_month` (default: 150,000 × scale) sizes the six months of sales; 0 makes none."""
    rng = random.Random(seed)
    province = Province(as_of=as_of or timezone.localdate())
    password_hash = make_password(password)  # hashed once: hashing per user would take minutes
    with transaction.atomic():
        create_leaders(province, rng, password_hash)
        create_territory(province)
        log(f"territory: {len(province.nodes)} nodes, {len(province.grids)} grids in {len(DISTRICTS)} districts")
        create_field_staff(province, rng, password_hash)
        assign_staff(province)
        log(f"staff: {len(province.users)} people, every role")
        create_agents(province, rng, scale)
        create_agent_login(province, password_hash)
        log(f"agents: {sum(len(s.agents) for s in province.grids)}")
        create_outlets(province, rng, scale)
        log(f"outlets: {len(province.outlets)} with their assignments and opening events")
        make_history(province, rng)
        log("lifecycle: " + ", ".join(f"{count} {kind}" for kind, count in sorted(province.changes.items())))
        if records_per_month is None:
            records_per_month = records_per_month_for(scale)
        if records_per_month:
            seed_sales(seed=seed, as_of=province.as_of, records_per_month=records_per_month,
                       by=province.users["demo-head"], log=log)
        seed_field_work(as_of=province.as_of, log=log)
        if records_per_month:
            seed_incentives(as_of=province.as_of, users=province.users, log=log)
            seed_routine(as_of=province.as_of, users=province.users, log=log)
    return province


# --- people -----------------------------------------------------------------------------------

def _bulk_users(province: Province, password_hash: str, specs: list[dict]) -> list[User]:
    users = [User(password=password_hash, **spec) for spec in specs]
    created = bulk_create_with_history(users, User, batch_size=BATCH, default_change_reason=CHANGE_REASON)
    for user in created:
        province.users[user.username] = user
    return created


def create_leaders(province: Province, rng: random.Random, password_hash: str) -> None:
    (director,) = _bulk_users(province, password_hash, [
        {"username": "demo-director", "role": Role.SALES_DIRECTOR, "display_name": "梁志明", "phone": names.mobile(rng)},
    ])
    _bulk_users(province, password_hash, [
        {"username": username, "role": role, "display_name": display, "phone": names.mobile(rng), "reports_to": director}
        for username, role, display in [
            ("demo-head", Role.HEAD_OF_CHANNELS, "陈嘉欣"),
            ("demo-analyst", Role.CENTER_ANALYST, "黄晓慧"),
            ("demo-market", Role.MARKET_DEPARTMENT, "何俊杰"),
        ]
    ])


def manager_username(slot: GridSlot) -> str:
    if _is_demo_grid(slot):
        return "demo-manager-a" if slot.number == 1 else "demo-manager-b"
    return f"demo-cm-{slot.district.code.lower()}{slot.number:02d}"


def create_field_staff(province: Province, rng: random.Random, password_hash: str) -> None:
    head = province.users["demo-head"]
    supervisors = _bulk_users(province, password_hash, [
        {"username": supervisor_username(d), "role": Role.SUPERVISOR, "display_name": names.person_name(rng),
         "phone": names.mobile(rng), "reports_to": head}
        for d in DISTRICTS
    ] + [
        {"username": "demo-specialist", "role": Role.SALES_SPECIALIST, "display_name": names.person_name(rng),
         "phone": names.mobile(rng), "reports_to": head},
    ])
    supervisor_of = {u.username: u for u in supervisors}
    managers = _bulk_users(province, password_hash, [
        {"username": manager_username(slot), "role": Role.CHANNEL_MANAGER, "display_name": names.person_name(rng),
         "phone": names.mobile(rng), "reports_to": supervisor_of[supervisor_username(slot.district)]}
        for slot in province.grids
    ])
    for slot, manager in zip(province.grids, managers, strict=True):
        slot.manager = manager


def assign_staff(province: Province) -> None:
    company, demo_county = province.nodes[COMPANY_CODE], province.nodes[DEMO_CODE_PREFIX + DEMO_COUNTY_CODE]
    users = province.users
    pairs = [(users[name], company) for name in ("demo-director", "demo-head", "demo-analyst", "demo-market")]
    pairs.append((users["demo-specialist"], demo_county))
    pairs += [(users[supervisor_username(d)], province.nodes[DEMO_CODE_PREFIX + d.code]) for d in DISTRICTS]
    pairs += [(slot.manager, slot.node) for slot in province.grids]
    assignments = [StaffAssignment(user=user, node=node, created_by=users["demo-head"]) for user, node in pairs]
    bulk_create_with_history(assignments, StaffAssignment, batch_size=BATCH, default_change_reason=CHANGE_REASON)


def demo_logins() -> list[DemoLogin]:
    """The named logins of the demo, for the README and the end of `seed_demo`."""
    county = next(d for d in DISTRICTS if d.code == DEMO_COUNTY_CODE)
    grid_a, grid_b = county.areas[0].grids[:2]
    in_county = f"{CITY}{county.name}"
    return [
        DemoLogin("demo-director", str(Role.SALES_DIRECTOR.label), "whole company (all of Foshan)"),
        DemoLogin("demo-head", str(Role.HEAD_OF_CHANNELS.label), "whole company; approves requests"),
        DemoLogin("demo-analyst", str(Role.CENTER_ANALYST.label), "whole company, read-only"),
        DemoLogin("demo-market", str(Role.MARKET_DEPARTMENT.label), "whole company, read-only"),
        DemoLogin("demo-specialist", str(Role.SALES_SPECIALIST.label), f"county {in_county}"),
        DemoLogin("demo-supervisor", str(Role.SUPERVISOR.label), f"county {in_county}; approves requests"),
        DemoLogin("demo-manager-a", str(Role.CHANNEL_MANAGER.label), f"grid {grid_a.name} ({DEMO_CODE_PREFIX}{county.code}-G01)"),
        DemoLogin("demo-manager-b", str(Role.CHANNEL_MANAGER.label), f"grid {grid_b.name} ({DEMO_CODE_PREFIX}{county.code}-G02)"),
        DemoLogin("demo-agent", str(Role.AGENT_USER.label), f"its own agent's outlets (in grid {grid_a.name})"),
    ]


# --- territory --------------------------------------------------------------------------------

def _create_level(nodes: list[TerritoryNode]) -> list[TerritoryNode]:
    """Inserts one level of the tree, then gives each node its materialised path (which needs its pk)."""
    created = TerritoryNode.objects.bulk_create(nodes, batch_size=BATCH)
    for node in created:
        node.path = child_path(node.parent.path if node.parent else None, node.pk)
    TerritoryNode.objects.bulk_update(created, ["path"], batch_size=BATCH)
    return created


def create_territory(province: Province) -> None:
    by = province.users["demo-head"]

    def node(code: str, name: str, kind: str, parent: TerritoryNode | None) -> TerritoryNode:
        return TerritoryNode(code=code, name=name, kind=kind, parent=parent, created_by=by)

    (company,) = _create_level([node(COMPANY_CODE, "演示通信广东省公司", NodeKind.COMPANY, None)])
    (branch,) = _create_level([node(BRANCH_CODE, f"{CITY}分公司", NodeKind.BRANCH, company)])
    counties = _create_level([
        node(DEMO_CODE_PREFIX + d.code, f"{d.name}分公司", NodeKind.COUNTY, branch) for d in DISTRICTS
    ])
    areas_spec = [
        (d, a, county, i) for d, county in zip(DISTRICTS, counties, strict=True) for i, a in enumerate(d.areas, 1)
    ]
    areas = _create_level([
        node(f"{DEMO_CODE_PREFIX}{d.code}-A{i}", f"{d.short}{a.name}", NodeKind.AREA, county)
        for d, a, county, i in areas_spec
    ])
    province.grids = [
        GridSlot(district=d, area=a, place=g, number=0)
        for d, a, _county, _i in areas_spec for g in a.grids
    ]
    _number_grids(province.grids)
    area_node = {(d.code, a.name): area for (d, a, _c, _i), area in zip(areas_spec, areas, strict=True)}
    grids = _create_level([
        node(slot.code, f"{slot.place.name}网格", NodeKind.GRID, area_node[(slot.district.code, slot.area.name)])
        for slot in province.grids
    ])
    for slot, grid in zip(province.grids, grids, strict=True):
        slot.node = grid
    every_node = [company, branch, *counties, *areas, *grids]
    TerritoryNode.history.bulk_history_create(every_node, batch_size=BATCH, default_change_reason=CHANGE_REASON)
    province.nodes = {n.code: n for n in every_node}


def _number_grids(slots: list[GridSlot]) -> None:
    per_county: Counter = Counter()
    for slot in slots:
        per_county[slot.district.code] += 1
        slot.number = per_county[slot.district.code]


# --- agents -----------------------------------------------------------------------------------

def _is_demo_grid(slot: GridSlot) -> bool:
    return slot.district.code == DEMO_COUNTY_CODE and slot.number <= 2


def _spread(total: int, slots: list[GridSlot], rng: random.Random, *, minimum: int, demo_minimum: int) -> list[int]:
    """Splits `total` over the grids by their weight (jittered); demo grids get enough to show."""
    weights = [s.place.weight * rng.uniform(0.85, 1.15) for s in slots]
    per_weight = total / sum(weights)
    return [
        max(demo_minimum if _is_demo_grid(slot) else minimum, round(weight * per_weight))
        for slot, weight in zip(slots, weights, strict=True)
    ]


def create_agents(province: Province, rng: random.Random, scale: float) -> None:
    counts = _spread(round(BASE_AGENTS * scale), province.grids, rng, minimum=1, demo_minimum=4)
    used_names: set[str] = set()
    used_codes: set[str] = set()
    agents: list[Agent] = []
    owner: list[GridSlot] = []
    for slot, count in zip(province.grids, counts, strict=True):
        for _ in range(count):
            agents.append(_new_agent(province, rng, slot, len(agents) + 1, used_names, used_codes))
            owner.append(slot)
    agents = bulk_create_with_history(agents, Agent, batch_size=BATCH, default_change_reason=CHANGE_REASON)
    for agent, slot in zip(agents, owner, strict=True):
        slot.agents.append(agent)


def _new_agent(
    province: Province, rng: random.Random, slot: GridSlot, seq: int, used_names: set[str], used_codes: set[str],
) -> Agent:
    name, is_company = _unique(lambda: names.agent_name(rng, slot.district, slot.place), used_names)
    credit_code = _unique(lambda: names.credit_code(rng, slot.district.division, is_company), used_codes)
    since = province.as_of - dt.timedelta(days=rng.randint(200, 3650))
    contract_start = _current_contract_start(since, province.as_of)
    bank, account = names.bank_account(rng)
    code = f"{DEMO_CODE_PREFIX}AG{seq:04d}"
    province.agent_since[code] = since
    representative = names.person_name(rng)
    suspended = rng.random() < SUSPENDED_AGENT_SHARE and not _is_demo_grid(slot)
    return Agent(
        code=code, name=name, credit_code=credit_code,
        channel_type=_weighted(rng, CHANNEL_TYPE_WEIGHTS), territory=slot.node,
        legal_representative=representative, legal_rep_id_number=names.resident_id(rng, slot.district.division),
        contact_name=representative if rng.random() < 0.4 else names.person_name(rng),
        contact_phone=names.mobile(rng), address=names.street_address(rng, slot.district, slot.place),
        contract_no=f"FSQD-{contract_start.year}-{seq:04d}", contract_start=contract_start,
        contract_end=_add_years(contract_start, CONTRACT_YEARS) - dt.timedelta(days=1),
        deposit_fen=rng.choice(DEPOSITS_YUAN) * 100, bank_name=bank, bank_account=account,
        grade=_weighted(rng, GRADE_WEIGHTS), manager=slot.manager, created_by=slot.manager,
        status=AgentStatus.SUSPENDED if suspended else AgentStatus.ACTIVE,
    )


def _unique(draw: Callable, used: set):
    """Draws until the value (or its first element) is one not used yet."""
    for _ in range(20):
        value = draw()
        key = value[0] if isinstance(value, tuple) else value
        if key not in used:
            used.add(key)
            return value
    raise RuntimeError("ran out of distinct demo values")  # pragma: no cover - word lists are ample


def _current_contract_start(since: dt.date, as_of: dt.date) -> dt.date:
    """Contracts renew every three years from the agent's first day; returns the running one's start."""
    start = since
    while _add_years(start, CONTRACT_YEARS) <= as_of:
        start = _add_years(start, CONTRACT_YEARS)
    return start


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def create_agent_login(province: Province, password_hash: str) -> None:
    grid_a = province.grid(DEMO_COUNTY_CODE, 1)
    agent = grid_a.agents[0]
    (user,) = _bulk_users(province, password_hash, [
        {"username": "demo-agent", "role": Role.AGENT_USER, "display_name": agent.legal_representative,
         "phone": agent.contact_phone},
    ])
    AgentUser.objects.create(user=user, agent=agent, is_head=True)


# --- outlets ----------------------------------------------------------------------------------

def create_outlets(province: Province, rng: random.Random, scale: float) -> None:
    counts = _spread(round(BASE_OUTLETS * scale), province.grids, rng, minimum=2, demo_minimum=12)
    used_names: Counter = Counter()
    outlets: list[Outlet] = []
    for slot, count in zip(province.grids, counts, strict=True):
        for agent in _agents_for_outlets(province, rng, slot, count):
            code = province.next_outlet_code(slot.district)
            outlets.append(_new_outlet(province, rng, slot, agent, code, used_names))
    province.outlets = bulk_create_with_history(
        outlets, Outlet, batch_size=BATCH, default_change_reason=CHANGE_REASON
    )
    OutletAssignment.objects.bulk_create(
        [OutletAssignment(outlet=o, agent=o.agent, grid=o.grid, valid_from=o.opening_date, reason="open")
         for o in province.outlets],
        batch_size=BATCH,
    )
    Event.objects.bulk_create([_opening_event(o) for o in province.outlets], batch_size=BATCH)


def _agents_for_outlets(province: Province, rng: random.Random, slot: GridSlot, count: int) -> list[Agent]:
    """Every agent of the grid runs at least one outlet; the rest go to the big ones, and a few to
    agents of neighbouring grids (so some agents span grids). The demo agent stays in its grid."""
    sizes = [min(rng.paretovariate(1.3), 12.0) for _ in slot.agents]
    demo_agent = province.grid(DEMO_COUNTY_CODE, 1).agents[0]
    neighbours = [
        agent for other in province.grids if other.area is slot.area and other is not slot
        for agent in other.agents if agent is not demo_agent
    ]
    chosen = list(slot.agents)
    for _ in range(count - len(chosen)):
        if neighbours and rng.random() < CROSS_GRID_SHARE:
            chosen.append(rng.choice(neighbours))
        else:
            chosen.append(rng.choices(slot.agents, weights=sizes)[0])
    return chosen


def _new_outlet(
    province: Province, rng: random.Random, slot: GridSlot, agent: Agent, code: str, used_names: Counter,
) -> Outlet:
    outlet_type = agent.channel_type if rng.random() < 0.85 else _weighted(rng, CHANNEL_TYPE_WEIGHTS)
    since = province.agent_since[agent.code]
    latest = province.as_of - dt.timedelta(days=30)
    opened = since + dt.timedelta(days=rng.randint(0, max(0, (latest - since).days)))
    return Outlet(
        code=code, name=_numbered(names.outlet_name(rng, slot.district, slot.place, outlet_type), used_names),
        address=names.street_address(rng, slot.district, slot.place),
        latitude=coordinate(rng, slot.place.lat, 0.008), longitude=coordinate(rng, slot.place.lng, 0.009),
        grid=slot.node, agent=agent, outlet_type=outlet_type, opening_date=opened,
        status=OutletStatus.ACTIVE, created_by=slot.manager,
    )


_CHINESE_ORDINALS = "一二三四五六七八九十"


def _numbered(name: str, used: Counter) -> str:
    """Second and later outlets of the same name become 二店, 三店… as shops do."""
    used[name] += 1
    n = used[name]
    if n == 1:
        return name
    return f"{name}{_CHINESE_ORDINALS[n - 1] if n <= 10 else n}店"


def _opening_event(outlet: Outlet) -> Event:
    return Event(
        content_type=ContentType.objects.get_for_model(Outlet), object_id=outlet.pk, action="open",
        from_status=OutletStatus.PLANNED, to_status=OutletStatus.ACTIVE, by=outlet.created_by,
        data={"effective_date": outlet.opening_date.isoformat(), "source": CHANGE_REASON},
    )
