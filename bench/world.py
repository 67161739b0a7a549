"""The benchmark's master data: a company → … → 40 grids, 400 agents, 2,500 outlets (200 of
them transferred mid-month, so attribution really is a range join) and 40 products."""

import datetime as dt

from bench.generate import AGENTS, GRIDS, OUTLETS, PRODUCTS, TRANSFERRED
from qudao.accounts.choices import Role
from qudao.accounts.models import User
from qudao.channels.choices import ChannelType, OutletStatus
from qudao.channels.models import Agent, Outlet, OutletAssignment
from qudao.core.validators import uscc_check_char
from qudao.sales.choices import ProductCategory
from qudao.sales.models import Product
from qudao.territory.choices import NodeKind
from qudao.territory.services import node_create, staff_assign

OPENED = dt.date(2024, 1, 1)
IMPORTER = "bench-head"


def seed_world(month: dt.date) -> None:
    company = node_create(code="B-CO", name="Bench company", kind=NodeKind.COMPANY, parent=None, by=None)
    branch = node_create(code="B-BR", name="Branch", kind=NodeKind.BRANCH, parent=company, by=None)
    county = node_create(code="B-C1", name="County", kind=NodeKind.COUNTY, parent=branch, by=None)
    area = node_create(code="B-A1", name="Area", kind=NodeKind.AREA, parent=county, by=None)
    grids = [node_create(code=f"B-G{g:02d}", name=f"Grid {g}", kind=NodeKind.GRID, parent=area, by=None)
             for g in range(GRIDS)]
    head = User.objects.create_user(username=IMPORTER, password="bench-password-123", role=Role.HEAD_OF_CHANNELS)
    staff_assign(user=head, node=company, by=None)
    agents = Agent.objects.bulk_create([
        Agent(code=f"BA{a:04d}", name=f"Agent {a}", credit_code=_uscc(a), channel_type=ChannelType.AUTHORISED,
              territory=grids[a % GRIDS])
        for a in range(AGENTS)
    ])
    outlets = Outlet.objects.bulk_create([
        Outlet(code=f"BW{o:06d}", name=f"Outlet {o}", grid=grids[o % GRIDS], agent=agents[o % AGENTS],
               outlet_type=ChannelType.AUTHORISED, opening_date=OPENED, status=OutletStatus.ACTIVE)
        for o in range(OUTLETS)
    ], batch_size=1000)
    transfer_day = month + dt.timedelta(days=14)
    rows = []
    for o, outlet in enumerate(outlets):
        moved = o < TRANSFERRED
        rows.append(OutletAssignment(outlet=outlet, agent=outlet.agent, grid=outlet.grid, valid_from=OPENED,
                                     valid_to=transfer_day if moved else None, reason="open"))
        if moved:
            rows.append(OutletAssignment(outlet=outlet, agent=agents[(o + 1) % AGENTS], grid=grids[(o + 1) % GRIDS],
                                         valid_from=transfer_day, reason="transfer"))
    OutletAssignment.objects.bulk_create(rows, batch_size=2000)
    Product.objects.bulk_create([
        Product(code=f"BP{p:03d}", name=f"Plan {p}", category=ProductCategory.MOBILE_PLAN,
                monthly_fee_fen=1_900 + p * 1_000, active_from=OPENED)
        for p in range(PRODUCTS)
    ])


def _uscc(seq: int) -> str:
    body = f"91440600{seq:09d}"
    return body + uscc_check_char(body)
