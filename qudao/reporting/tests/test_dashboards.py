import datetime as dt
from decimal import Decimal

import pytest

from qudao.reporting.dashboards import build_dashboard, build_series
from qudao.reporting.periods import Period
from qudao.reporting.subjects import agent_subject, landing_subject, node_subject
from qudao.targets.calendar import prorated

from .conftest import AS_OF

pytestmark = pytest.mark.django_db
MARCH_FIRST, MARCH_LAST = dt.date(2026, 3, 1), dt.date(2026, 3, 31)


def month(as_of=AS_OF):
    return Period.containing("month", as_of)


def test_company_month_equals_the_hand_computed_sums(world):
    board = build_dashboard(node_subject(world.head, world.company.pk), month())
    assert (board.totals.records, board.totals.fee_fen, board.totals.effective) == (45, 420_000, 28)
    assert board.totals.effective_rate == Decimal("62.2")
    assert board.development.target.full == Decimal("100.00")
    assert board.development.target.to_date == prorated(100, MARCH_FIRST, MARCH_LAST, AS_OF) == Decimal("59.09")
    assert board.development.attainment == Decimal("45.0")
    assert board.development.pace == Decimal("76.2")  # 45 / 59.09
    assert board.revenue.attainment == Decimal("42.0")
    assert board.revenue.target.to_date == prorated(1_000_000, MARCH_FIRST, MARCH_LAST, AS_OF)
    assert board.last_month.records == 8


def test_children_are_ranked_by_attainment(world):
    board = build_dashboard(node_subject(world.head, world.area1.pk), month())
    assert [(r.code, r.totals.records, r.development.attainment) for r in board.rows] == [
        ("GA", 19, Decimal("47.5")), ("GB", 6, Decimal("30.0")),
    ]
    assert [r.code for r in board.top] == ["GA", "GB"] and [r.code for r in board.bottom] == ["GB", "GA"]
    assert board.rows[0].totals.effective_rate == Decimal("78.9")  # 15 / 19


def test_a_week_gets_its_working_days_share_of_the_month_target(world):
    board = build_dashboard(node_subject(world.head, world.grid_a.pk), Period.containing("week", AS_OF))
    assert board.totals.records == 5  # 16–22 March up to the 18th
    assert board.development.target.full == Decimal("9.09")  # 40 × 5 / 22
    assert board.development.target.to_date == Decimal("5.45")  # 40 × 3 / 22


def test_category_filter(world):
    board = build_dashboard(node_subject(world.head, world.grid_a.pk), month(), "broadband")
    assert board.totals.records == 4 and board.development.target is None


def test_series_has_every_day_with_last_month_and_last_year(world):
    series = build_series(node_subject(world.head, world.grid_a.pk), month())
    assert len(series["days"]) == 31
    assert series["records"][1] == 10 and series["records"][17] == 5 and series["records"][9] == 4
    assert series["records"][19] is None  # 20 March is after as_of
    assert series["records_last_month"][1] == 8 and sum(series["records_last_year"]) == 0
    assert series["revenue_yuan"][1] == "1000.00"


@pytest.mark.parametrize("persona, lands_on", [
    ("manager_a", "grid_a"), ("manager_b", "grid_b"), ("supervisor", "county1"), ("head", "company"),
    ("analyst", "company"),
])
def test_each_role_lands_on_its_level(world, persona, lands_on):
    subject = landing_subject(world.users[persona])
    assert subject.node == world.nodes[lands_on]


def test_an_agent_user_sees_only_its_own_agents_outlets(world):
    board = build_dashboard(agent_subject(world.agent_user), month())
    assert board.totals.records == 19  # OA1 + OA2, nothing of agent-2 or agent-3
    assert {r.code for r in board.rows} == {"OA1", "OA2"}
    assert board.development.target.full == Decimal("40.00")  # the outlets' targets 25 + 15


def test_outsider_has_no_landing(world):
    assert landing_subject(world.outsider) is None
