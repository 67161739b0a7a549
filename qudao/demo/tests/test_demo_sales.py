"""The demo's sales: attributed like real imports, deterministic, and alive on the dashboards."""

import datetime as dt

import pytest
from django.db import transaction
from django.db.models import Count, Q, Sum

from qudao.channels.models import OutletAssignment
from qudao.demo.generate import seed_demo
from qudao.reporting.models import NodeDayStat
from qudao.sales.models import DailyRollup, DevelopmentRecord, ImportBatch
from qudao.targets.models import Target
from qudao.territory.models import TerritoryNode

AS_OF = dt.date(2026, 6, 30)
PER_MONTH = 6_000


def _seed(seed=5):
    seed_demo(seed=seed, scale=0.1, as_of=AS_OF, log=lambda _line: None, records_per_month=PER_MONTH)


def _fingerprint():
    return list(DevelopmentRecord.objects.order_by("external_id").values_list(
        "external_id", "sold_on", "product__code", "status", "fee_fen")[:300])


@pytest.mark.django_db
def test_six_months_of_records_attributed_at_the_sale_date_and_rolled_up():
    _seed()
    records = DevelopmentRecord.objects.all()
    assert ImportBatch.objects.count() == 1
    assert abs(records.count() - 6 * PER_MONTH) < 0.05 * 6 * PER_MONTH
    assert records.order_by("sold_on").first().sold_on == dt.date(2026, 1, 1)
    assert records.order_by("-sold_on").first().sold_on == AS_OF
    rate = records.filter(is_effective=True).count() / records.count()
    assert 0.70 <= rate <= 0.85, rate
    assert records.filter(status="cancelled").exists()
    # every record sits with the agent and grid its outlet had on the sale date
    wrong = 0
    for a in OutletAssignment.objects.filter(valid_to__isnull=False):
        inside = Q(sold_on__gte=a.valid_from, sold_on__lt=a.valid_to)
        wrong += records.filter(inside, outlet_id=a.outlet_id).exclude(agent_id=a.agent_id, grid_id=a.grid_id).count()
    assert wrong == 0
    total = records.count()
    assert DailyRollup.objects.aggregate(n=Sum("records"))["n"] == total
    company = TerritoryNode.objects.get(parent__isnull=True)
    assert NodeDayStat.objects.filter(node=company).aggregate(n=Sum("records"))["n"] == total
    march = Target.objects.filter(period_start=dt.date(2026, 3, 1), metric="records")
    company_target = march.get(node=company).value
    assert company_target == march.filter(node__parent=company).aggregate(n=Sum("value"))["n"]
    assert company_target == march.filter(outlet__isnull=False).aggregate(n=Sum("value"))["n"] > 0
    per_outlet = records.values("outlet_id").annotate(n=Count("id")).order_by("n")
    assert per_outlet.first()["n"] * 5 < per_outlet.last()["n"]  # outlets differ


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_records():
    def seeded(seed):
        with transaction.atomic():
            _seed(seed)
            fingerprint = _fingerprint()
            transaction.set_rollback(True)
        return fingerprint

    first = seeded(3)
    assert first == seeded(3) and first != seeded(4)


@pytest.mark.django_db
def test_the_demo_is_ready_for_callbacks_scorecards_settlement_and_screening():
    from qudao.channels.models import AgentUser
    from qudao.fieldwork.models import CallbackRun, Scorecard
    from qudao.incentives.models import SchemeVersion, SettlementRun, Statement
    from qudao.sales.pipeline.columnar import connect, open_facts

    _seed()
    run = CallbackRun.objects.get()  # yesterday's sample, at least 15 %
    assert run.day == AS_OF - dt.timedelta(days=1)
    assert run.population > 0 and run.sampled * 100 >= 15 * run.population
    assert Scorecard.objects.filter(person__username="demo-manager-a", month=AS_OF.replace(day=1)).exists()
    assert Scorecard.objects.filter(person__username__startswith="demo-supervisor").exists()

    version = SchemeVersion.objects.get(scheme__code="DM-STD")  # approved by someone else than its author
    assert version.status == "approved" and version.created_by.username == "demo-manager-a"
    settled = SettlementRun.objects.get()  # the month before last, sent; last month left to run
    assert (settled.status, settled.period) == ("done", dt.date(2026, 4, 1)) and settled.line_count > 0
    agent = AgentUser.objects.get(user__username="demo-agent").agent
    statement = Statement.objects.get(run=settled, agent=agent)
    assert statement.status == "sent" and statement.total_fen > 0

    from qudao.fraud.models import ScreeningRun
    from qudao.performance.models import Bulletin, FollowUp

    screening = ScreeningRun.objects.get()  # last month screened as of the demo's day
    assert (screening.status, screening.period, screening.records) == ("done", dt.date(2026, 5, 1), DevelopmentRecord.objects.filter(sold_on__month=5).count())
    bulletin = Bulletin.objects.get()  # the last complete week's, published
    assert bulletin.status == "published" and bulletin.week_start == dt.date(2026, 6, 22) and bulletin.agents > 0
    assert FollowUp.objects.filter(flagged_on=AS_OF).exists()  # this morning's laggards

    con = connect()  # the months' Parquet copies hold exactly the database's records
    try:
        count = open_facts(con, ["2026-01", "2026-06"]).aggregate("count(*)").fetchall()[0][0]
        sample = con.execute(
            "SELECT external_id, sold_at, sold_on, outlet_id, agent_id, fee_fen, status, is_effective FROM facts "
            "ORDER BY external_id LIMIT 50").fetchall()
    finally:
        con.close()
    assert count == DevelopmentRecord.objects.filter(sold_on__month__in=[1, 6]).count() > 0
    stored = DevelopmentRecord.objects.filter(external_id__in=[row[0] for row in sample]).order_by("external_id")
    assert [tuple(row) for row in sample] == list(stored.values_list(
        "external_id", "sold_at", "sold_on", "outlet_id", "agent_id", "fee_fen", "status", "is_effective"))
