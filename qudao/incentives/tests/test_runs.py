"""Runs: reproducible digests, holds, a killed run leaves nothing, statements sent to the ledger,
what-if, closed periods, two runs at once."""

import datetime as dt
import threading
from pathlib import Path

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qudao.core.errors import BusinessRuleError
from qudao.fraud.models import FraudFlag, ScreeningRun
from qudao.incentives import runs as run_services
from qudao.incentives import services
from qudao.incentives.engine import write
from qudao.incentives.engine.compute import compute, digest
from qudao.incentives.lines import LineQuery
from qudao.incentives.models import SettlementRun, Statement, StatementItem
from qudao.incentives.whatif import what_if
from qudao.ledger.models import LedgerEntry
from qudao.sales.models import DevelopmentRecord

from .helpers import NOV, OCT, amounts

UNIT = {"key": "unit", "kind": "per_unit", "amount": "20.00"}
CLAW = {"key": "claw", "kind": "clawback", "rules": ["unit"], "within_days": 60}


def _hold(world, ext):
    record_outlet = world.cast.outlets["OA1"]
    screening = ScreeningRun.objects.create(period=OCT, as_of=dt.date(2026, 10, 31))
    FraudFlag.objects.create(run=screening, period=OCT, external_id=ext, sold_on=dt.date(2026, 10, 5),
                             outlet=record_outlet, agent=record_outlet.agent, rule="burst", score=1.0)


@pytest.mark.django_db
def test_held_lines_are_not_payable(world):
    world.record(ext="H1")
    world.record(ext="H2")
    world.parquet()
    _hold(world, "H2")
    world.approve([UNIT])
    run = world.run()
    assert {line.external_id for line in LineQuery(run).filter(held=True)} == {"H2"}
    statement = Statement.objects.get(run=run)
    assert (statement.total_fen, statement.held_fen, statement.payable_fen) == (4000, 2000, 2000)


@pytest.mark.django_db
def test_rerun_on_the_same_snapshot_gives_the_same_digest(world):
    for i in range(6):
        world.record(ext=f"D{i}", outlet=("OA1", "OB1", "OC1")[i % 3], fee=1000 + 7 * i)
    world.parquet()
    world.approve([UNIT, {"key": "pct", "kind": "percent_of_fee", "percent": "3.5"}])
    first = world.run()
    con = compute(Path(first.snapshot_dir), OCT)
    assert digest(con) == first.result_digest
    second = world.run()
    assert second.result_digest == first.result_digest
    first.refresh_from_db()
    assert first.status == "superseded" and second.status == "done"


@pytest.mark.django_db
def test_a_run_that_dies_while_writing_leaves_nothing(world, monkeypatch):
    world.record(ext="K1")
    world.parquet()
    world.approve([UNIT])

    def explode(con, run_id):
        raise RuntimeError("disk full")

    monkeypatch.setattr(write, "write_statements", explode)
    monkeypatch.setattr(run_services, "write_statements", explode)
    run = world.run()
    assert run.status == "failed" and "disk full" in run.message
    assert not Statement.objects.exists() and not StatementItem.objects.exists()
    assert run.snapshot_dir == ""


@pytest.mark.django_db
def test_send_statements_posts_commission_and_clawback_to_the_ledger_and_closes_the_period(world):
    world.record(ext="L1")
    world.record(ext="L2", status="cancelled", ended_on=dt.date(2026, 10, 20))
    world.parquet()
    world.approve([UNIT, CLAW])
    run = world.run()
    head = world.cast.users["head"]
    assert services.send_statements(run=run, user=head) == 1
    entries = dict(LedgerEntry.objects.filter(source=f"settlement-run:{run.pk}").values_list("kind", "amount_fen"))
    assert entries == {"commission": 4000, "clawback": -2000}
    assert Statement.objects.get(run=run).status == "sent"
    with pytest.raises(BusinessRuleError, match="closed"):
        services.start_run(period=OCT, user=head)


@pytest.mark.django_db
def test_what_if_compares_a_draft_with_the_run_without_writing(world):
    world.record(ext="W1", outlet="OA1")
    world.record(ext="W2", outlet="OB1", product="P2")
    world.parquet()
    approved = world.approve([UNIT], code="S1")
    run = world.run()
    draft = services.version_create(scheme_code="S1", scheme_name="S1", effective_from=dt.date(2026, 1, 1),
                                    rules=[{"key": "unit", "kind": "per_unit", "amounts": {"P1": "25.00", "P2": "30.00"}}],
                                    by=world.cast.users["manager_a"])
    lines_before = LineQuery(run).count()
    result = what_if(version=draft, run=run)
    assert (result.baseline_fen, result.trial_fen, result.difference_fen) == (4000, 5500, 1500)
    assert [r[1:] for r in result.rows["agent"]] == [(2000, 2500, 500), (2000, 3000, 1000)]
    assert LineQuery(run).count() == lines_before and approved.status == "approved"
    assert Statement.objects.filter(run=run).count() == 2


@pytest.mark.django_db
def test_managers_settle_their_own_nodes_and_the_company_takes_company_wide_reach(world):
    users, nodes = world.cast.users, world.cast.nodes
    with pytest.raises(BusinessRuleError, match="beyond your reach"):
        services.start_run(period=OCT, user=users["manager_a"])  # the whole company
    with pytest.raises(BusinessRuleError, match="beyond your reach"):
        services.start_run(period=OCT, scope=nodes["grid_b"], user=users["manager_a"])
    with pytest.raises(BusinessRuleError, match="beyond your reach"):
        services.start_run(period=OCT, user=users["supervisor"])  # a county's reach is not the company
    with pytest.raises(BusinessRuleError, match="may not run"):
        services.start_run(period=OCT, scope=nodes["grid_a"], user=users["analyst"])
    with pytest.raises(BusinessRuleError):
        services.start_run(period=dt.date(2026, 10, 2), user=users["head"])
    run = services.start_run(period=OCT, scope=nodes["grid_a"], user=users["manager_a"])
    assert run.scope_key == str(nodes["grid_a"].pk)


@pytest.mark.django_db
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["OA1", "OA2", "OB1"]), st.integers(0, 99999), st.booleans()),
                min_size=1, max_size=12))
def test_statement_totals_add_up_and_clawback_never_exceeds_paid(world, rows):
    StatementItem.objects.all().delete()
    Statement.objects.all().delete()
    SettlementRun.objects.all().delete()
    DevelopmentRecord.objects.all().delete()
    if not services.SchemeVersion.objects.exists():
        world.approve([UNIT, {"key": "pct", "kind": "percent_of_fee", "percent": "12.5"}, CLAW,
                       {"key": "cap", "kind": "cap", "per_outlet": "150.00"}])
    for i, (outlet, fee, _cancel) in enumerate(rows):
        world.record(ext=f"H{i}", outlet=outlet, fee=fee)
    world.parquet()
    oct_run = world.run(OCT)
    for i, (_outlet, _fee, cancel_later) in enumerate(rows):
        if cancel_later:
            world.update(f"H{i}", status="cancelled", ended_on=dt.date(2026, 11, 3))
    world.parquet()
    nov_run = world.run(NOV)
    for run in (oct_run, nov_run):
        assert run.status == "done", run.message
        for statement in Statement.objects.filter(run=run):
            lines = list(LineQuery(run).filter(agent_id=statement.agent_id))
            assert statement.total_fen == sum(line.amount_fen for line in lines)
            assert statement.total_fen == sum(i.amount_fen for i in statement.items.all())
            assert statement.line_count == len(lines)
            assert statement.payable_fen == statement.total_fen - statement.held_fen
    paid = _unit_paid_after_outlet_caps(oct_run)
    for (ext, rule), fen in amounts(nov_run).items():
        assert rule == "claw" and -fen == paid[ext]
    con = compute(Path(nov_run.snapshot_dir), NOV)
    assert digest(con) == nov_run.result_digest


def _unit_paid_after_outlet_caps(run) -> dict:
    """{record: what its unit line was paid}: the amount times cap / outlet total where the cap cut, rounded down."""
    lines = list(LineQuery(run))
    totals, cuts = {}, {line.outlet_id: line.amount_fen for line in lines if line.rule_kind == "cap"}
    for line in lines:
        if line.rule_kind != "cap":
            totals[line.outlet_id] = totals.get(line.outlet_id, 0) + line.amount_fen
    return {line.external_id: line.amount_fen * (totals[line.outlet_id] + cuts.get(line.outlet_id, 0)) // totals[line.outlet_id]
            for line in lines if line.rule_key == "unit"}


@pytest.mark.skipif("connection.vendor != 'postgresql'")
@pytest.mark.django_db(transaction=True)
def test_two_runs_for_the_same_period_at_once_exactly_one_proceeds(cast, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    head, outcomes, barrier = cast.users["head"], [], threading.Barrier(2)

    def start():
        barrier.wait()
        try:
            outcomes.append(services.start_run(period=OCT, user=head).pk)
        except BusinessRuleError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=start) for _i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(map(str, outcomes))[-1] == "run_active" and SettlementRun.objects.count() == 1
