import datetime as dt

from qudao.sales.models import DailyRollup
from qudao.targets.choices import Metric, PeriodKind
from qudao.targets.models import Target

NOV = dt.date(2026, 11, 1)


def target(value: int, *, node=None, outlet=None, metric=Metric.RECORDS, period_start=NOV,
           period_kind=PeriodKind.MONTH, category="") -> Target:
    return Target.objects.create(period_kind=period_kind, period_start=period_start, metric=metric, category=category,
                                 value=value, node=node, outlet=outlet)


def value_of(*, node=None, outlet=None, metric=Metric.RECORDS, period_start=NOV) -> int | None:
    row = Target.objects.filter(node=node, outlet=outlet, metric=metric, period_start=period_start).first()
    return row.value if row else None


def rollup(outlet, day: dt.date, *, records=0, effective=0, fee_fen=0, category="mobile_plan", grid=None,
           product_id=1) -> DailyRollup:
    return DailyRollup.objects.create(
        day=day, outlet_id=outlet.pk, agent_id=outlet.agent_id, grid_id=(grid or outlet.grid).pk,
        product_id=product_id, category=category, records=records, fee_fen=fee_fen, effective=effective,
        effective_fee_fen=0,
    )
