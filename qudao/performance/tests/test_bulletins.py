import datetime as dt
from decimal import Decimal

import pytest

from qudao.core.errors import BusinessRuleError
from qudao.performance.bulletins import (
    competition_ranks,
    generate_bulletin,
    previous_week_start,
    week_of,
)
from qudao.performance.models import Bulletin, BulletinLine
from qudao.performance.volumes import week_targets
from qudao.targets.models import CalendarException

pytestmark = pytest.mark.django_db

WEEK = dt.date(2026, 10, 12)  # Monday; October 2026 has 21 working days below
BEFORE = WEEK - dt.timedelta(days=7)


@pytest.fixture
def week(cast, volumes):
    """grid A: agent1 (OA1+OA2) 10 and agent4 (OA3) 10 — a tie; grid B: agent2 12; grid C
    (county 2): agent3 3. The week before: agent1 8, agent2 15, agent4 nothing, agent3 3."""
    volumes.add_agent("agent4", "grid_a", "OA3")
    for code, day, records in [
        ("OA1", WEEK, 6), ("OA2", WEEK + dt.timedelta(days=3), 4), ("OA3", WEEK + dt.timedelta(days=6), 10),
        ("OB1", WEEK + dt.timedelta(days=1), 12), ("OC1", WEEK, 3),
        ("OA1", BEFORE, 8), ("OB1", BEFORE + dt.timedelta(days=2), 15), ("OC1", BEFORE + dt.timedelta(days=6), 3),
        ("OA1", WEEK + dt.timedelta(days=7), 99),  # the week after: not counted
    ]:
        volumes.sell(code, day, records)
    CalendarException.objects.create(date=dt.date(2026, 10, 1), is_workday=False, name="National Day")
    CalendarException.objects.create(date=dt.date(2026, 10, 2), is_workday=False, name="National Day")
    CalendarException.objects.create(date=dt.date(2026, 10, 10), is_workday=True, name="make-up day")
    volumes.target("OA1", WEEK, 42)
    volumes.target("OA2", WEEK, 21)
    return volumes


def _lines(bulletin) -> dict[str, BulletinLine]:
    return {line.agent.code: line for line in bulletin.lines.select_related("agent")}


def test_ranks_and_week_on_week_on_a_hand_made_week(cast, week):
    bulletin, created = generate_bulletin(week_start=WEEK)

    assert created and bulletin.week_end == dt.date(2026, 10, 18)
    lines = _lines(bulletin)
    a1, a2, a3, a4 = (lines[cast.agents[k].code] for k in ("agent1", "agent2", "agent3", "agent4"))
    assert (a1.records, a1.prev_records, a1.records_change, a1.records_change_pct) == (10, 8, 2, Decimal("25.0"))
    assert (a2.records, a2.prev_records, a2.records_change_pct) == (12, 15, Decimal("-20.0"))
    assert (a4.records, a4.prev_records, a4.records_change_pct) == (10, 0, None)
    assert (a1.rank_in_grid, a4.rank_in_grid, a1.grid_agents) == (1, 1, 2)  # a tie shares the rank
    assert (a2.rank_in_grid, a2.grid_agents) == (1, 1)
    assert [(x.rank_in_county, x.county_agents) for x in (a2, a1, a4)] == [(1, 3), (2, 3), (2, 3)]
    assert (a3.rank_in_county, a3.county_agents, a3.county_id) == (1, 1, cast.county2.pk)
    assert a1.grid_id == cast.grid_a.pk and a1.county_id == cast.county1.pk
    assert (a1.fee_fen, a1.effective) == (30000, 10)
    assert (bulletin.agents, bulletin.records) == (4, 35)


def test_attainment_is_the_weeks_share_of_the_month_target_by_working_days(cast, week):
    bulletin, _created = generate_bulletin(week_start=WEEK)

    a1 = _lines(bulletin)[cast.agents["agent1"].code]
    # month target 42 + 21 = 63; 5 of October's 21 working days → 15.00; 10 / 15 = 66.7 %
    assert a1.week_target == Decimal("15.00")
    assert a1.attainment_pct == Decimal("66.7")
    assert _lines(bulletin)[cast.agents["agent2"].code].attainment_pct is None  # no target


def test_a_week_across_two_months_adds_both_months_shares(cast, volumes):
    monday = dt.date(2026, 9, 28)
    volumes.target("OA1", monday, 44)  # September: 22 working days, 3 of them this week → 6
    volumes.target("OA1", dt.date(2026, 10, 1), 66)  # October: 22 working days, 2 this week → 6

    assert week_targets(monday, monday + dt.timedelta(days=6))[cast.agents["agent1"].pk] == Decimal("12.00")


def test_generating_the_same_week_again_replaces_nothing(cast, week):
    first, created = generate_bulletin(week_start=WEEK)
    before = list(first.lines.order_by("pk").values_list("pk", "records", "rank_in_grid"))
    week.sell("OA1", WEEK + dt.timedelta(days=2), 50)  # a late import

    again, created_again = generate_bulletin(week_start=WEEK)

    assert (created, created_again) == (True, False)
    assert again.pk == first.pk and Bulletin.objects.count() == 1
    assert list(again.lines.order_by("pk").values_list("pk", "records", "rank_in_grid")) == before


def test_a_week_starts_on_monday(cast):
    with pytest.raises(BusinessRuleError):
        generate_bulletin(week_start=WEEK + dt.timedelta(days=1))


def test_an_empty_week_still_lists_the_agents_with_outlets(cast):
    bulletin, _created = generate_bulletin(week_start=WEEK)

    assert bulletin.agents == 3 and bulletin.records == 0
    assert set(bulletin.lines.values_list("rank_in_grid", flat=True)) == {1}


def test_week_helpers():
    assert week_of(dt.date(2026, 11, 29)) == (dt.date(2026, 11, 23), dt.date(2026, 11, 29))
    assert previous_week_start(dt.date(2026, 11, 30)) == dt.date(2026, 11, 23)
    assert competition_ranks({"a": 5, "b": 7, "c": 5, "d": 1}) == {"b": 1, "a": 2, "c": 2, "d": 4}
