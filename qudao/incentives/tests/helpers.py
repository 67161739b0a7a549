"""A small settlement world: products, records written to the database and its Parquet copy,
scheme versions approved through the services (written by manager_a, approved by head)."""

import datetime as dt

from django.db import connection
from django.utils import timezone

from qudao.incentives import services
from qudao.incentives.lines import LineQuery
from qudao.sales.choices import ProductCategory
from qudao.sales.models import DevelopmentRecord, Product
from qudao.sales.pipeline.rebuild import rebuild_month

OCT = dt.date(2026, 10, 1)
NOV = dt.date(2026, 11, 1)
DEC = dt.date(2026, 12, 1)


class World:
    def __init__(self, cast):
        self.cast = cast
        self.p1 = Product.objects.create(code="P1", name="Plan 39", category=ProductCategory.MOBILE_PLAN,
                                         monthly_fee_fen=3900, active_from=dt.date(2024, 1, 1))
        self.p2 = Product.objects.create(code="P2", name="Broadband", category=ProductCategory.BROADBAND,
                                         monthly_fee_fen=10000, active_from=dt.date(2024, 1, 1))
        self.seq = 0

    def record(self, outlet="OA1", day=dt.date(2026, 10, 5), product="P1", fee=3900, ext=None, hour=10, **status):
        self.seq += 1
        o = self.cast.outlets[outlet]
        product = self.p1 if product == "P1" else self.p2
        return DevelopmentRecord.objects.create(
            external_id=ext or f"R{self.seq:04d}",
            sold_at=timezone.make_aware(dt.datetime.combine(day, dt.time(hour, self.seq % 60))),
            sold_on=day, outlet_id=o.pk, agent_id=o.agent_id, grid_id=o.grid_id, product=product,
            customer_hash="0" * 64, subscriber_no="13800138000", fee_fen=fee, batch_id=1, **status)

    def update(self, ext, **status):
        DevelopmentRecord.objects.filter(external_id=ext).update(**status)

    def parquet(self, *months):
        for month in months or (OCT,):
            if DevelopmentRecord.objects.filter(sold_on__year=month.year, sold_on__month=month.month).exists():
                rebuild_month(f"{month:%Y-%m}")  # (it cannot rebuild an empty month)

    def approve(self, rules, code="S1", effective_from=dt.date(2026, 1, 1), effective_to=None, channel_types=(),
                nodes=()):
        u = self.cast.users
        version = services.version_create(scheme_code=code, scheme_name=code, effective_from=effective_from,
                                          effective_to=effective_to, channel_types=channel_types, nodes=nodes,
                                          rules=rules, by=u["manager_a"])
        version = services.version_submit(version=version, by=u["manager_a"])
        return services.version_approve(version=version, by=u["head"])

    def run(self, period=OCT, scope=None):
        from qudao.incentives.models import SettlementRun

        run = services.start_run(period=period, scope=scope, user=self.cast.users["head"])
        if not connection.in_atomic_block:  # transactional tests: on_commit already ran the task
            return SettlementRun.objects.get(pk=run.pk)
        from qudao.incentives.runs import execute_run

        return execute_run(run.pk)


def amounts(run, **filters) -> dict:
    """{(external_id or agent/outlet marker, rule_key): amount_fen} of a run's lines."""
    out = {}
    for line in LineQuery(run).filter(**filters):
        key = (line.external_id or f"agent{line.agent_id}/outlet{line.outlet_id}", line.rule_key)
        out[key] = out.get(key, 0) + line.amount_fen
    return out
