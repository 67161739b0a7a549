"""The figures behind the exports: a node's period by unit, by agent, by category and by day."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum

from qudao.channels.models import Agent
from qudao.territory.choices import NodeKind

from .dashboards import RECORDS, REVENUE, Progress
from .figures import MEASURES, Totals, total, totals_by
from .periods import Period
from .selectors import dashboard_nodes_visible_to, node_stats_visible_to, outlet_months_visible_to
from .subjects import Subject
from .targeting import TargetPair, period_targets, total_target

LAGGARDS = 10


@dataclass(frozen=True)
class Line:
    """One row of a statistics table: a unit (node, agent, category or day) and its figures."""

    key: object
    code: str
    name: str
    level: str
    totals: Totals
    development: Progress
    revenue: Progress


@dataclass
class Statistics:
    subject: Subject
    period: Period
    totals: Totals
    previous: Totals
    development: Progress
    revenue: Progress
    units: list[Line] = field(default_factory=list)
    agents: list[Line] = field(default_factory=list)
    categories: list[Line] = field(default_factory=list)
    days: list[tuple] = field(default_factory=list)

    @property
    def grids(self) -> list[Line]:
        return [u for u in self.units if u.level == NodeKind.GRID]

    @property
    def laggards(self) -> list[Line]:
        """The agents furthest behind their target (agents without a target are not ranked)."""
        ranked = [a for a in self.agents if a.development.attainment is not None]
        return sorted(ranked, key=lambda a: (a.development.attainment, a.totals.records, a.code))[:LAGGARDS]


def _line(key, code, name, level, figures: Totals, development: TargetPair | None, revenue: TargetPair | None) -> Line:
    return Line(key, code, name, level, figures, Progress(figures.records, development), Progress(figures.fee_fen, revenue))


def node_statistics(user, subject: Subject, period: Period, *, with_agents: bool = False) -> Statistics:
    node = subject.node
    previous = period.previous()
    stats = Statistics(
        subject=subject, period=period,
        totals=total(subject.stats, period.first, period.last),
        previous=total(subject.stats, previous.first, previous.last),
        development=Progress(0, None), revenue=Progress(0, None),
    )
    shares: dict = {}
    development = total_target(period_targets(period, RECORDS, node_ids=subject.target_ids, shares=shares))
    revenue = total_target(period_targets(period, REVENUE, node_ids=subject.target_ids, shares=shares))
    stats.development = Progress(stats.totals.records, development)
    stats.revenue = Progress(stats.totals.fee_fen, revenue)
    units = list(dashboard_nodes_visible_to(user).filter(path__startswith=node.path + ".").order_by("path"))
    by_unit = totals_by(node_stats_visible_to(user).filter(node_id__in=[u.pk for u in units]), "node_id",
                        period.first, period.last)
    ids = [u.pk for u in units]
    targets = {m: period_targets(period, m, node_ids=ids, shares=shares) for m in (RECORDS, REVENUE)}
    stats.units = [
        _line(u.pk, u.code, u.name, u.kind, by_unit.get(u.pk, Totals()), targets[RECORDS].get(u.pk), targets[REVENUE].get(u.pk))
        for u in units
    ]
    by_category = totals_by(subject.stats, "category", period.first, period.last)
    stats.categories = [_line(c, c, c, "category", t, None, None) for c, t in sorted(by_category.items())]
    by_day = totals_by(subject.stats, "day", period.first, period.last)
    stats.days = [(day, by_day.get(day, Totals())) for day in period.days]
    if with_agents:
        grid_ids = [u.pk for u in units if u.kind == NodeKind.GRID] or [node.pk]
        stats.agents = agent_lines(user, grid_ids, period)
    return stats


def agent_lines(user, grid_ids: list[int], period: Period) -> list[Line]:
    """Agents selling in the grids during the period (from the outlet-month aggregate), with the
    sum of their outlets' targets (an outlet counts for the agent that sold most there)."""
    months = outlet_months_visible_to(user).filter(grid_id__in=grid_ids, month__range=(period.first, period.last))
    rows = months.order_by().values("agent_id", "outlet_id").annotate(**_sum_fields())
    per_agent: dict[int, Totals] = {}
    outlet_owner: dict[int, tuple[int, int]] = {}
    for row in rows:
        figures = Totals.of(row)
        per_agent[row["agent_id"]] = per_agent.get(row["agent_id"], Totals()) + figures
        if figures.records > outlet_owner.get(row["outlet_id"], (None, -1))[1]:
            outlet_owner[row["outlet_id"]] = (row["agent_id"], figures.records)
    outlet_targets = {m: period_targets(period, m, outlet_ids=list(outlet_owner)) for m in (RECORDS, REVENUE)}
    agent_targets: dict[str, dict[int, TargetPair]] = {RECORDS: {}, REVENUE: {}}
    for metric, values in outlet_targets.items():
        for outlet_id, target in values.items():
            agent_id = outlet_owner[outlet_id][0]
            held = agent_targets[metric].get(agent_id)
            agent_targets[metric][agent_id] = target if held is None else TargetPair(held.full + target.full, held.to_date + target.to_date)
    agents = Agent.objects.filter(pk__in=list(per_agent)).values_list("pk", "code", "name")
    return sorted(
        (_line(pk, code, name, "agent", per_agent[pk], agent_targets[RECORDS].get(pk), agent_targets[REVENUE].get(pk))
         for pk, code, name in agents),
        key=lambda line: line.code,
    )


def _sum_fields():
    return {m: Sum(m) for m in MEASURES}


def rate_change(current: Totals, previous: Totals) -> Decimal | None:
    """Effective-rate change in percentage points (None if either period has no records)."""
    if current.effective_rate is None or previous.effective_rate is None:
        return None
    return current.effective_rate - previous.effective_rate
