import datetime as dt

import pytest
from django.test import override_settings

from qudao.channels.choices import ChannelType, OutletStatus
from qudao.channels.models import Agent, Outlet
from qudao.channels.services import open_assignment
from qudao.sales.models import DailyRollup, Product
from qudao.targets.models import Target
from qudao.testing.cast import OPENED, make_uscc

IMMEDIATE_TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


class Volumes:
    """Writes daily rollup rows and outlet targets for the cast's outlets."""

    def __init__(self, cast):
        self.cast = cast
        self.product = Product.objects.create(code="PT1", name="Plan", category="mobile_plan", active_from=dt.date(2025, 1, 1))

    def outlet(self, code: str) -> Outlet:
        return self.cast.outlets[code]

    def sell(self, code: str, day: dt.date, records: int, *, fee_fen: int = 3000, effective: int | None = None) -> None:
        outlet = self.outlet(code)
        effective = records if effective is None else effective
        DailyRollup.objects.create(
            day=day, outlet_id=outlet.pk, agent_id=outlet.agent_id, grid_id=outlet.grid_id, product=self.product,
            category="mobile_plan", records=records, fee_fen=records * fee_fen, effective=effective,
            effective_fee_fen=effective * fee_fen,
        )

    def target(self, code: str, month: dt.date, value: int, metric: str = "records") -> Target:
        return Target.objects.create(period_kind="month", period_start=month.replace(day=1), metric=metric,
                                     outlet=self.outlet(code), value=value)

    def add_agent(self, key: str, grid: str, outlet_code: str, *, name: str | None = None, manager=None) -> Agent:
        seq = 50 + len(self.cast.agents)
        agent = Agent.objects.create(
            code=f"AG{seq}", name=name or f"Agent {key}", credit_code=make_uscc(seq), channel_type=ChannelType.RETAILER,
            territory=self.cast.nodes[grid], manager=manager,
        )
        outlet = Outlet.objects.create(code=outlet_code, name=f"Outlet {outlet_code}", grid=self.cast.nodes[grid], agent=agent,
                                       outlet_type=ChannelType.RETAILER, opening_date=OPENED, status=OutletStatus.ACTIVE)
        open_assignment(outlet=outlet, agent=agent, grid=outlet.grid, on=OPENED, reason="open")
        self.cast.agents[key], self.cast.outlets[outlet_code] = agent, outlet
        return agent


@pytest.fixture
def volumes(cast):
    return Volumes(cast)


@pytest.fixture
def immediate_tasks():
    with override_settings(TASKS=IMMEDIATE_TASKS):
        yield
