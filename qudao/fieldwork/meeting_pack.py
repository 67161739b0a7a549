"""The monthly channel meeting pack of a person's reach (FLD-8): KPIs against target (from
qudao.reporting's statistics), the weakest agents and outlets, violations, open and overdue
rectifications, and a placeholder for promotions (no promotions module yet)."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from qudao.channels.choices import OutletStatus
from qudao.channels.selectors import outlets_visible_to
from qudao.inspections.choices import OPEN_RECTIFICATION, OPEN_VIOLATION, ViolationKind
from qudao.inspections.selectors import rectifications_visible_to, violations_visible_to
from qudao.reporting.figures import percent
from qudao.reporting.periods import Period
from qudao.reporting.selectors import landing_nodes
from qudao.reporting.statistics import Statistics, node_statistics
from qudao.reporting.subjects import node_subject
from qudao.sales.models import DailyRollup
from qudao.targets.selectors import target_values

from .weeks import day_bounds, local_date, month_days

WEAKEST = 10


@dataclass
class WeakOutlet:
    outlet: object
    records: int
    target: int | None

    @property
    def attainment(self):
        return percent(self.records, self.target)


@dataclass
class MeetingPack:
    month: dt.date
    period: Period
    sections: list[Statistics] = field(default_factory=list)
    weakest_outlets: list[WeakOutlet] = field(default_factory=list)
    violations_by_kind: list[dict] = field(default_factory=list)
    violations: list = field(default_factory=list)
    open_rectifications: int = 0
    overdue_rectifications: list = field(default_factory=list)

    @property
    def weakest_agents(self):
        return [line for stats in self.sections for line in stats.laggards]


def build_pack(user, month: dt.date, today: dt.date | None = None) -> MeetingPack:
    today = today or local_date()
    first, last = month_days(month)
    period = Period("month", first, last, min(today, last))
    pack = MeetingPack(month=first, period=period)
    pack.sections = [node_statistics(user, node_subject(user, node.pk), period, with_agents=True)
                     for node in landing_nodes(user)]
    pack.weakest_outlets = weakest_outlets(user, first, last)
    _violations(pack, user, first, last)
    rectifications = rectifications_visible_to(user).filter(status__in=OPEN_RECTIFICATION)
    pack.open_rectifications = rectifications.count()
    pack.overdue_rectifications = list(rectifications.filter(deadline__lt=period.as_of).order_by("deadline")[:50])
    return pack


def weakest_outlets(user, first: dt.date, last: dt.date) -> list[WeakOutlet]:
    """Open outlets in reach with the fewest records in the month, then their month targets."""
    month_records = (DailyRollup.objects.filter(outlet_id=OuterRef("pk"), day__range=(first, last))
                     .order_by().values("outlet_id").annotate(n=Sum("records")).values("n")[:1])
    outlets = list(
        outlets_visible_to(user).filter(status=OutletStatus.ACTIVE)
        .annotate(month_records=Coalesce(Subquery(month_records, output_field=IntegerField()), 0))
        .order_by("month_records", "code")[:WEAKEST]
    )
    targets = target_values(period_kind="month", period_start=first, metric="records",
                            outlet_ids=[o.pk for o in outlets])
    return [WeakOutlet(o, o.month_records, targets.get(o.pk)) for o in outlets]


def _violations(pack: MeetingPack, user, first: dt.date, last: dt.date) -> None:
    start, end = day_bounds(first, last)
    visible = violations_visible_to(user)
    in_month = Q(created_at__gte=start, created_at__lt=end)
    rows = visible.order_by().values("kind").annotate(
        raised=Count("pk", filter=in_month), open=Count("pk", filter=Q(status__in=OPEN_VIOLATION)))
    labels = dict(ViolationKind.choices)
    pack.violations_by_kind = [{"kind": str(labels.get(r["kind"], r["kind"])), "raised": r["raised"], "open": r["open"]}
                               for r in rows if r["raised"] or r["open"]]
    pack.violations = list(visible.filter(in_month).order_by("-created_at")[:50])
