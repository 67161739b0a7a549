"""Risk signals of outlets for weighting the callback sample, each from one grouped query."""

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Q, Sum

from qudao.inspections.choices import OPEN_RECTIFICATION, OPEN_VIOLATION
from qudao.inspections.models import Rectification, Violation
from qudao.reporting.figures import percent
from qudao.sales.choices import RecordStatus
from qudao.sales.models import DailyRollup, DevelopmentRecord

# Rates over fewer records than this say nothing.
MIN_RECORDS = 5


def _grouped(queryset, **aggregates) -> dict[int, dict]:
    rows = queryset.order_by().values("outlet_id").annotate(**aggregates)
    return {row["outlet_id"]: row for row in rows}


def outlet_signals(outlet_ids: list[int], *, day: dt.date, policy) -> dict[int, list[dict]]:
    """{outlet id: [reason, …]} for the outlets with at least one risk signal. The rates are measured
    over the `policy.window_days` days before `day`."""
    first, last = day - dt.timedelta(days=policy.window_days), day - dt.timedelta(days=1)
    violations = _grouped(Violation.objects.filter(outlet_id__in=outlet_ids, status__in=OPEN_VIOLATION), n=Count("pk"))
    rectifications = _grouped(
        Rectification.objects.filter(outlet_id__in=outlet_ids, status__in=OPEN_RECTIFICATION), n=Count("pk"))
    rollups = _grouped(DailyRollup.objects.filter(outlet_id__in=outlet_ids, day__range=(first, last)),
                       records=Sum("records"), effective=Sum("effective"))
    sales = _grouped(DevelopmentRecord.objects.filter(outlet_id__in=outlet_ids, sold_on__range=(first, last)),
                     total=Count("id"), cancelled=Count("id", filter=Q(status=RecordStatus.CANCELLED)))
    signals: dict[int, list[dict]] = {}
    for outlet_id in outlet_ids:
        reasons = []
        if outlet_id in violations:
            reasons.append({"code": "open_violations", "n": violations[outlet_id]["n"]})
        if outlet_id in rectifications:
            reasons.append({"code": "open_rectifications", "n": rectifications[outlet_id]["n"]})
        rate = _rate(rollups.get(outlet_id), "effective", "records")
        if rate is not None and rate < Decimal(policy.low_effective_rate_pct):
            reasons.append({"code": "low_effective_rate", "pct": str(rate)})
        share = _rate(sales.get(outlet_id), "cancelled", "total")
        if share is not None and share >= Decimal(policy.high_cancellation_pct):
            reasons.append({"code": "high_cancellation", "pct": str(share)})
        if reasons:
            signals[outlet_id] = reasons
    return signals


def _rate(row: dict | None, part: str, whole: str) -> Decimal | None:
    if not row or (row[whole] or 0) < MIN_RECORDS:
        return None
    return percent(row[part] or 0, row[whole])
