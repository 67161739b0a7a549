"""Hand-computed scenarios for every rule kind, to the fen."""

import datetime as dt

import pytest

from qudao.incentives.models import Statement
from qudao.targets.models import Target

from .helpers import DEC, NOV, OCT, amounts

UNIT = {"key": "unit", "kind": "per_unit", "amount": "20.00"}
pytestmark = pytest.mark.django_db


def test_per_unit_by_product_and_category_and_percent_of_fee(world):
    world.record(ext="A1", fee=3900)
    world.record(ext="A2", product="P2", fee=10005)
    world.parquet()
    world.approve([{"key": "unit", "kind": "per_unit", "amounts": {"P1": "20.00", "broadband": "50.00"}},
                   {"key": "pct", "kind": "percent_of_fee", "percent": "10"}])
    run = world.run()
    assert run.status == "done", run.message
    # 10% of 100.05 = 10.005 → 10.01 (half up, per line)
    assert amounts(run) == {("A1", "unit"): 2000, ("A2", "unit"): 5000, ("A1", "pct"): 390, ("A2", "pct"): 1001}
    statement = Statement.objects.get(run=run)
    assert (statement.total_fen, statement.payable_fen, statement.line_count) == (8391, 8391, 4)


def _tier_world(world):
    for i in range(4):
        world.record(ext=f"T{i + 1}", outlet="OA1", day=dt.date(2026, 10, 1 + i))
    world.record(ext="T5", outlet="OA2", day=dt.date(2026, 10, 2))
    world.parquet()


BANDS = [{"from": 1, "amount": "10.00"}, {"from": 3, "amount": "15.00"}]


def test_tier_marginal_by_outlet(world):
    _tier_world(world)
    world.approve([{"key": "tier", "kind": "tier", "by": "outlet", "mode": "marginal", "bands": BANDS}])
    got = amounts(world.run())
    assert got == {("T1", "tier"): 1000, ("T2", "tier"): 1000, ("T3", "tier"): 1500, ("T4", "tier"): 1500,
                   ("T5", "tier"): 1000}


def test_tier_retroactive_by_outlet_and_by_agent(world):
    _tier_world(world)
    world.approve([{"key": "out", "kind": "tier", "by": "outlet", "mode": "retroactive", "bands": BANDS},
                   {"key": "ag", "kind": "tier", "by": "agent", "mode": "retroactive", "bands": BANDS}])
    got = amounts(world.run())
    assert {k: v for k, v in got.items() if k[1] == "out"} == {
        ("T1", "out"): 1500, ("T2", "out"): 1500, ("T3", "out"): 1500, ("T4", "out"): 1500, ("T5", "out"): 1000}
    assert {k: v for k, v in got.items() if k[1] == "ag"} == {(f"T{i}", "ag"): 1500 for i in range(1, 6)}


def test_target_bonus_by_agent_and_outlet(world):
    _tier_world(world)
    for code, value in (("OA1", 4), ("OA2", 2)):
        Target.objects.create(period_kind="month", period_start=OCT, metric="records", outlet=world.cast.outlets[code],
                              value=value)
    world.approve([{"key": "ag", "kind": "target_bonus", "by": "agent", "attainment_percent": "80", "amount": "500.00"},
                   {"key": "out", "kind": "target_bonus", "by": "outlet", "attainment_percent": "100",
                    "amount": "100.00"}])
    agent, oa1 = world.cast.agents["agent1"].pk, world.cast.outlets["OA1"].pk
    # agent 1: 5 of 6 (83.3%) ≥ 80%; OA1: 4 of 4 ≥ 100%; OA2: 1 of 2 is not.
    assert amounts(world.run()) == {(f"agent{agent}/outletNone", "ag"): 50000, (f"agent{agent}/outlet{oa1}", "out"): 10000}


STAGED = {"key": "stg", "kind": "staged", "amount": "100.00", "stages": [
    {"percent": "40"}, {"percent": "30", "after_days": 30}, {"percent": "30", "after_days": 90, "needs_payment": True}]}


def test_staged_release_over_periods(world):
    world.record(ext="S1", activated_on=dt.date(2026, 10, 6), paid_on=dt.date(2026, 10, 20), status="paid")
    world.record(ext="S2", activated_on=dt.date(2026, 10, 7), ended_on=dt.date(2026, 10, 30), status="churned")
    world.parquet()
    world.approve([STAGED])
    assert amounts(world.run(OCT)) == {("S1", "stg#1"): 4000, ("S2", "stg#1"): 4000}
    assert amounts(world.run(NOV)) == {("S1", "stg#2"): 3000}  # alive 30 days on Nov 5; S2 ended
    assert amounts(world.run(DEC)) == {}
    assert amounts(world.run(dt.date(2027, 1, 1))) == {("S1", "stg#3"): 3000}  # Jan 4: 90 days, paid


CLAW = {"key": "claw", "kind": "clawback", "rules": ["unit"], "within_days": 60, "no_payment_days": 30}


def test_clawback_across_periods_never_more_than_paid(world):
    world.record(ext="C1", day=dt.date(2026, 10, 5), paid_on=dt.date(2026, 10, 6))
    world.record(ext="C2", day=dt.date(2026, 10, 6), status="cancelled", ended_on=dt.date(2026, 10, 20),
                 paid_on=dt.date(2026, 10, 7))
    world.record(ext="C3", day=dt.date(2026, 10, 10))  # never pays: 30 days run out on Nov 9
    world.parquet()
    world.approve([UNIT, CLAW])
    oct_run = world.run(OCT)
    assert amounts(oct_run) == {("C1", "unit"): 2000, ("C2", "unit"): 2000, ("C2", "claw"): -2000,
                                ("C3", "unit"): 2000}
    world.update("C1", status="cancelled", ended_on=dt.date(2026, 11, 10))
    world.parquet(OCT)
    assert amounts(world.run(NOV)) == {("C1", "claw"): -2000, ("C3", "claw"): -2000}
    assert amounts(world.run(DEC)) == {}  # already clawed back: nothing more


def test_a_short_window_clawback_catches_a_sale_of_last_month_ended_this_month(world):
    # Sold on Oct 20, cancelled on Nov 10: 21 days later, within 30 — clawed back in November's run.
    world.record(ext="W1", day=dt.date(2026, 10, 20), paid_on=dt.date(2026, 10, 21))
    world.record(ext="W2", day=dt.date(2026, 10, 2), paid_on=dt.date(2026, 10, 3))  # ends 39 days after: kept
    world.parquet()
    world.approve([UNIT, {"key": "claw", "kind": "clawback", "rules": ["unit"], "within_days": 30}])
    assert amounts(world.run(OCT)) == {("W1", "unit"): 2000, ("W2", "unit"): 2000}
    world.update("W1", status="cancelled", ended_on=dt.date(2026, 11, 10))
    world.update("W2", status="cancelled", ended_on=dt.date(2026, 11, 10))
    world.parquet(OCT)
    assert amounts(world.run(NOV)) == {("W1", "claw"): -2000}


def test_arrears_count_from_the_day_the_status_files_put_the_record_in_arrears(world):
    from qudao.sales.models import RecordStatusChange

    world.record(ext="R1", day=dt.date(2026, 10, 20), paid_on=dt.date(2026, 10, 21))  # in arrears 21 days after
    world.record(ext="R2", day=dt.date(2026, 10, 20), paid_on=dt.date(2026, 10, 21))  # no dated change
    world.record(ext="R3", day=dt.date(2026, 11, 2), paid_on=dt.date(2026, 11, 3))  # in arrears since Dec 5: not yet
    world.parquet(OCT, NOV)
    world.approve([UNIT, {"key": "claw", "kind": "clawback", "rules": ["unit"], "within_days": 30, "on": ["arrears"]}])
    world.run(OCT)
    for ext, since in (("R1", dt.date(2026, 11, 10)), ("R3", dt.date(2026, 12, 5))):
        RecordStatusChange.objects.create(external_id=ext, status="arrears", effective_on=since, batch_id=1)
    for ext in ("R1", "R2", "R3"):
        world.update(ext, status="arrears")
    world.parquet(OCT, NOV)
    nov_run = world.run(NOV)
    # R1: Nov 10 is 21 days after the sale; R2 has no date, so it is judged on Nov 30 (41 days: kept);
    # R3's arrears begin after the period.
    assert {k: v for k, v in amounts(nov_run).items() if k[1] == "claw"} == {("R1", "claw"): -2000}
    assert "in arrears since 2026-11-10" in run_line(nov_run, "R1").explanation


def test_caps_per_outlet_then_per_agent(world):
    for ext, outlet in (("K1", "OA1"), ("K2", "OA1"), ("K3", "OA2"), ("K4", "OA2"), ("K5", "OB1")):
        world.record(ext=ext, outlet=outlet)
    world.parquet()
    world.approve([UNIT, {"key": "cap", "kind": "cap", "per_outlet": "30.00", "per_agent": "40.00"}])
    run = world.run()
    a1, oa1, oa2 = world.cast.agents["agent1"].pk, world.cast.outlets["OA1"].pk, world.cast.outlets["OA2"].pk
    caps = amounts(run, rule_kind="cap")
    assert caps == {(f"agent{a1}/outlet{oa1}", "cap"): -1000, (f"agent{a1}/outlet{oa2}", "cap"): -1000,
                    (f"agent{a1}/outletNone", "cap"): -2000}
    totals = dict(Statement.objects.filter(run=run).values_list("agent__code", "total_fen"))
    assert totals == {"AG1": 4000, "AG2": 2000}


def test_clawback_after_a_cap_takes_back_only_the_records_share_of_what_was_paid(world):
    for ext, outlet in (("K1", "OA1"), ("K2", "OA1"), ("K3", "OA2")):
        world.record(ext=ext, outlet=outlet, day=dt.date(2026, 10, 5), paid_on=dt.date(2026, 10, 6))
    world.parquet()
    world.approve([UNIT, CLAW, {"key": "cap", "kind": "cap", "per_outlet": "30.00", "per_agent": "40.00"}])
    oct_run = world.run(OCT)
    # OA1: 40.00 cut to 30.00 (each record keeps 3/4); then agent 1: 30.00 + 20.00 cut to 40.00 (4/5).
    assert sum(amounts(oct_run).values()) == 4000
    world.update("K1", status="cancelled", ended_on=dt.date(2026, 11, 2))
    world.update("K3", status="cancelled", ended_on=dt.date(2026, 11, 2))
    world.parquet(OCT)
    nov_run = world.run(NOV)
    assert amounts(nov_run) == {("K1", "claw"): -1200, ("K3", "claw"): -1600}  # 20.00 × 3/4 × 4/5, 20.00 × 4/5
    assert "16.00" in run_line(nov_run, "K3").explanation


def test_a_record_cancelled_in_the_month_it_was_capped_nets_to_nothing(world):
    world.record(ext="M1", outlet="OA1", day=dt.date(2026, 10, 5), paid_on=dt.date(2026, 10, 6))
    world.record(ext="M2", outlet="OA1", day=dt.date(2026, 10, 6), status="cancelled", ended_on=dt.date(2026, 10, 9))
    world.parquet()
    world.approve([UNIT, CLAW, {"key": "cap", "kind": "cap", "per_outlet": "25.00"}])
    got = amounts(world.run(OCT))
    a1, oa1 = world.cast.agents["agent1"].pk, world.cast.outlets["OA1"].pk
    assert got == {("M1", "unit"): 2000, ("M2", "unit"): 2000, (f"agent{a1}/outlet{oa1}", "cap"): -1500,
                   ("M2", "claw"): -1250}  # M2 kept 20.00 × 25/40 of its line after the cut


def test_revenue_share_for_n_months_while_not_ended(world):
    world.record(ext="V1", day=dt.date(2026, 8, 15), activated_on=dt.date(2026, 8, 16), fee=3900)
    world.record(ext="V2", day=dt.date(2026, 9, 15), activated_on=dt.date(2026, 9, 16), fee=5000,
                 ended_on=dt.date(2026, 10, 20), status="churned")
    world.record(ext="V3", day=dt.date(2026, 7, 15), activated_on=dt.date(2026, 7, 16), fee=5000)  # month 4: over
    world.parquet(dt.date(2026, 7, 1), dt.date(2026, 8, 1), dt.date(2026, 9, 1), OCT)
    world.approve([{"key": "share", "kind": "revenue_share", "percent": "10", "months": 3}])
    run = world.run()
    assert amounts(run) == {("V1", "share"): 390}
    assert "month 3 of 3" in run_line(run, "V1").explanation


def test_channel_type_and_territory_scope_of_a_version(world):
    world.record(ext="G1", outlet="OA1")
    world.record(ext="G2", outlet="OB1")
    world.record(ext="G3", outlet="OC1")
    world.parquet()
    world.approve([UNIT], nodes=[world.cast.nodes["county1"]], channel_types=["authorised"])
    assert amounts(world.run()) == {("G1", "unit"): 2000, ("G2", "unit"): 2000}


def run_line(run, ext):
    from qudao.incentives.lines import LineQuery

    (line,) = LineQuery(run).filter(external_id=ext)
    return line
