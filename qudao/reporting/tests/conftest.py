"""A small, hand-countable month of figures on the cast (see qudao/testing/cast.py).

As of Wednesday 18 March 2026 (22 working days in March, 13 of them elapsed):
  grid A: OA1 10 (8 eff.) on 2 Mar + 5 (3 eff.) on 18 Mar, OA2 4 broadband (4 eff.) on 10 Mar
  grid B: OB1 6 (3 eff.) on 5 Mar      grid C: OC1 20 (10 eff.) on 9 Mar
  after as_of: OA1 7 on 20 Mar (not counted yet)    last month: OA1 8 (6 eff.) on 2 Feb
Targets for March (development count): company 100, county 1 60, county 2 40, area 1 60,
grid A 40, grid B 20, grid C 40; outlets OA1 25, OA2 15; company revenue 10,000 yuan.
"""

import datetime as dt

import pytest

from qudao.reporting.aggregates import refresh_reporting_aggregates
from qudao.sales.choices import ProductCategory
from qudao.sales.models import DailyRollup, Product
from qudao.targets.models import Target

AS_OF = dt.date(2026, 3, 18)
MARCH = dt.date(2026, 3, 1)

ROLLUPS = [
    # day, outlet, category, records, fee_fen, effective, effective_fee_fen
    (dt.date(2026, 3, 2), "OA1", "plan", 10, 100_000, 8, 80_000),
    (dt.date(2026, 3, 18), "OA1", "plan", 5, 50_000, 3, 30_000),
    (dt.date(2026, 3, 10), "OA2", "broadband", 4, 40_000, 4, 40_000),
    (dt.date(2026, 3, 5), "OB1", "plan", 6, 30_000, 3, 15_000),
    (dt.date(2026, 3, 9), "OC1", "plan", 20, 200_000, 10, 100_000),
    (dt.date(2026, 3, 20), "OA1", "plan", 7, 70_000, 7, 70_000),
    (dt.date(2026, 2, 2), "OA1", "plan", 8, 80_000, 6, 60_000),
]
NODE_TARGETS = {"company": 100, "county1": 60, "county2": 40, "area1": 60, "grid_a": 40, "grid_b": 20, "grid_c": 40}
OUTLET_TARGETS = {"OA1": 25, "OA2": 15}


def add_rollups(cast, rows=ROLLUPS):
    products = {
        "plan": Product.objects.get_or_create(code="T-PLAN", defaults=dict(
            name="Plan", category=ProductCategory.MOBILE_PLAN, active_from=dt.date(2025, 1, 1)))[0],
        "broadband": Product.objects.get_or_create(code="T-BB", defaults=dict(
            name="Broadband", category=ProductCategory.BROADBAND, active_from=dt.date(2025, 1, 1)))[0],
    }
    DailyRollup.objects.bulk_create([
        DailyRollup(day=day, outlet_id=cast.outlets[code].pk, agent_id=cast.outlets[code].agent_id,
                    grid_id=cast.outlets[code].grid_id, product=products[kind], category=products[kind].category,
                    records=n, fee_fen=fee, effective=eff, effective_fee_fen=eff_fee)
        for day, code, kind, n, fee, eff, eff_fee in rows
    ])
    refresh_reporting_aggregates({row[0] for row in rows})


def add_targets(cast):
    for key, value in NODE_TARGETS.items():
        Target.objects.create(period_kind="month", period_start=MARCH, metric="records", node=cast.nodes[key], value=value)
    for code, value in OUTLET_TARGETS.items():
        Target.objects.create(period_kind="month", period_start=MARCH, metric="records", outlet=cast.outlets[code], value=value)
    Target.objects.create(period_kind="month", period_start=MARCH, metric="revenue_fen", node=cast.nodes["company"],
                          value=1_000_000)


@pytest.fixture
def world(cast):
    add_rollups(cast)
    add_targets(cast)
    return cast


def query(period="month", as_of=AS_OF, **extra):
    return {"period": period, "as_of": as_of.isoformat(), **extra}
