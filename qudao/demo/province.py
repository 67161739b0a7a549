"""The demo province being generated: its grids with what each got, the people by username, the
outlets, and the counters the log reports; shared by the generator and the lifecycle history."""

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from qudao.accounts.models import User
from qudao.channels.models import Agent, Outlet
from qudao.territory.models import TerritoryNode

from .places import DEMO_COUNTY_CODE, AreaPlace, DistrictPlace, GridPlace

DEMO_CODE_PREFIX = "DM-"


@dataclass
class GridSlot:
    """One grid of the demo province with everything generated for it."""

    district: DistrictPlace
    area: AreaPlace
    place: GridPlace
    number: int  # 1-based within its county
    node: TerritoryNode | None = None
    manager: User | None = None
    agents: list[Agent] = field(default_factory=list)

    @property
    def code(self) -> str:
        return f"{DEMO_CODE_PREFIX}{self.district.code}-G{self.number:02d}"


@dataclass
class Province:
    as_of: dt.date
    nodes: dict[str, TerritoryNode] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    grids: list[GridSlot] = field(default_factory=list)
    agent_since: dict[str, dt.date] = field(default_factory=dict)
    outlets: list[Outlet] = field(default_factory=list)
    changes: Counter = field(default_factory=Counter)
    outlets_per_district: Counter = field(default_factory=Counter)

    def next_outlet_code(self, district: DistrictPlace) -> str:
        self.outlets_per_district[district.code] += 1
        return f"{DEMO_CODE_PREFIX}{district.code}{self.outlets_per_district[district.code]:05d}"

    def grid(self, county: str, number: int) -> GridSlot:
        return next(s for s in self.grids if s.district.code == county and s.number == number)

    def grids_of(self, county: str) -> list[GridSlot]:
        return [s for s in self.grids if s.district.code == county]


def supervisor_username(district: DistrictPlace) -> str:
    if district.code == DEMO_COUNTY_CODE:
        return "demo-supervisor"
    return f"demo-sup-{district.code.lower()}"


def coordinate(rng: random.Random, centre: float, spread: float) -> Decimal:
    offset = max(-2.5 * spread, min(2.5 * spread, rng.gauss(0, spread)))
    return Decimal(f"{centre + offset:.6f}")
