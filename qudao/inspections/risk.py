"""“Suggest my week”: the outlets in a manager's reach ranked by risk, with the reasons.

All signals come from one annotated query over the outlets (set-based): sales in the last four
full weeks against the four before (from the daily rollups), open rectifications, open
violations, records flagged by fraud screening in the last two months and not cleared, and the
last finished inspection. Weeks are Monday–Sunday in Asia/Shanghai.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, Max, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from qudao.channels.selectors import outlets_visible_to
from qudao.fraud.choices import FlagStatus
from qudao.fraud.models import FraudFlag
from qudao.sales.models import DailyRollup

from .choices import OPEN_RECTIFICATION, OPEN_VIOLATION, InspectionStatus
from .models import Inspection, Rectification, Violation
from .weeks import local_date, week_start

WINDOW_DAYS = 28
VOLUME_POINTS, SILENT_POINTS = 40, 20
RECTIFICATION_POINTS, VIOLATION_POINTS, CAP = 10, 15, 30
FRAUD_POINTS_PER_RECORD, FRAUD_MONTHS = 5, 2
NEVER_INSPECTED_POINTS, STALE_AFTER_DAYS, STALE_FULL_DAYS = 25, 14, 60

@dataclass
class Suggestion:
    outlet: object
    risk: int
    reasons: list[dict] = field(default_factory=list)

def _count(model, status_in) -> Subquery:
    rows = (model.objects.filter(outlet_id=OuterRef("pk"), status__in=status_in)
            .order_by().values("outlet_id").annotate(n=Count("pk")).values("n")[:1])
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))

def _volume(first: dt.date, last: dt.date) -> Subquery:
    rows = (DailyRollup.objects.filter(outlet_id=OuterRef("pk"), day__range=(first, last))
            .order_by().values("outlet_id").annotate(n=Sum("records")).values("n")[:1])
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))

def _fraud_flagged(since: dt.date) -> Subquery:
    rows = (FraudFlag.objects.filter(outlet_id=OuterRef("pk"), period__gte=since).exclude(status=FlagStatus.CLEARED)
            .order_by().values("outlet_id").annotate(n=Count("external_id", distinct=True)).values("n")[:1])
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def _months_back(day: dt.date, months: int) -> dt.date:
    first = day.replace(day=1)
    for _i in range(months - 1):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return first


def outlets_with_signals(user, *, today: dt.date | None = None, outlet_ids=None):
    monday = week_start(today or local_date())
    recent_first = monday - dt.timedelta(days=WINDOW_DAYS)
    before_first = recent_first - dt.timedelta(days=WINDOW_DAYS)
    last_inspection = (Inspection.objects.filter(outlet_id=OuterRef("pk"), status=InspectionStatus.FINISHED)
                       .order_by().values("outlet_id").annotate(at=Max("checked_in_at")).values("at")[:1])
    outlets = outlets_visible_to(user).filter(status__in=["active", "suspended"])
    if outlet_ids is not None:
        outlets = outlets.filter(pk__in=outlet_ids)
    return outlets.annotate(
        recent_volume=_volume(recent_first, monday - dt.timedelta(days=1)),
        earlier_volume=_volume(before_first, recent_first - dt.timedelta(days=1)),
        open_rectifications=_count(Rectification, OPEN_RECTIFICATION),
        open_violations=_count(Violation, OPEN_VIOLATION),
        fraud_flagged=_fraud_flagged(_months_back(monday, FRAUD_MONTHS)),
        last_inspected_at=Subquery(last_inspection),
    )

def rank(outlets, *, today: dt.date) -> list[Suggestion]:
    """Scores annotated outlets (see `outlets_with_signals`), highest risk first, then by code."""
    suggestions = [Suggestion(outlet, *_score(outlet, today)) for outlet in outlets]
    return sorted(suggestions, key=lambda s: (-s.risk, s.outlet.code))

def suggest_week(user, *, today: dt.date | None = None, outlet_ids=None) -> list[Suggestion]:
    today = today or local_date()
    return rank(outlets_with_signals(user, today=today, outlet_ids=outlet_ids), today=today)

def _score(outlet, today: dt.date) -> tuple[int, list[dict]]:
    risk, reasons = 0, []
    recent, earlier = outlet.recent_volume, outlet.earlier_volume
    if earlier and recent < earlier:
        drop = (earlier - recent) / earlier
        risk += round(VOLUME_POINTS * drop)
        reasons.append({"code": "volume_down", "pct": round(100 * drop), "recent": recent, "earlier": earlier})
    elif not earlier and not recent:
        risk += SILENT_POINTS
        reasons.append({"code": "no_sales"})
    if outlet.open_rectifications:
        risk += min(CAP, RECTIFICATION_POINTS * outlet.open_rectifications)
        reasons.append({"code": "open_rectifications", "n": outlet.open_rectifications})
    if outlet.open_violations:
        risk += min(CAP, VIOLATION_POINTS * outlet.open_violations)
        reasons.append({"code": "open_violations", "n": outlet.open_violations})
    if outlet.fraud_flagged:
        risk += min(CAP, FRAUD_POINTS_PER_RECORD * outlet.fraud_flagged)
        reasons.append({"code": "fraud_flags", "n": outlet.fraud_flagged})
    if outlet.last_inspected_at is None:
        risk += NEVER_INSPECTED_POINTS
        reasons.append({"code": "never_inspected"})
    else:
        days = (today - local_date(outlet.last_inspected_at)).days
        if days >= STALE_AFTER_DAYS:
            risk += round(NEVER_INSPECTED_POINTS * min(days, STALE_FULL_DAYS) / STALE_FULL_DAYS)
            reasons.append({"code": "not_inspected_for", "days": days})
    return risk, reasons

def describe(reason: dict) -> str:
    """A stored reason in the reader's language."""
    code = reason.get("code")
    if code == "volume_down":
        return _("Sales down %(pct)d%% (last 4 weeks %(recent)d, 4 weeks before %(earlier)d)") % reason
    if code == "no_sales":
        return _("No sales in the last 8 weeks")
    if code == "open_rectifications":
        return _("%(n)d open rectification(s)") % reason
    if code == "open_violations":
        return _("%(n)d open violation(s)") % reason
    if code == "fraud_flags":
        return _("%(n)d record(s) flagged by fraud screening") % reason
    if code == "never_inspected":
        return _("Never inspected")
    if code == "not_inspected_for":
        return _("Last inspected %(days)d days ago") % reason
    return str(code)
