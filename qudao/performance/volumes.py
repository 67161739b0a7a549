"""Set-based reads behind the bulletin and the laggard rules: one query per question, grouped by
agent, never a query per agent. Volumes come from the daily rollups, targets from qudao.targets
(an agent's target is the sum of its outlets' targets)."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from itertools import batched

from django.db.models import Count, Q, Sum

from qudao.channels.models import OutletAssignment
from qudao.channels.selectors import assignments_on
from qudao.sales.models import DailyRollup
from qudao.targets.calendar import working_days
from qudao.targets.selectors import period_bounds, target_values
from qudao.territory.choices import NodeKind
from qudao.territory.models import PATH_SEPARATOR, TerritoryNode

MONTH = "month"
RECORDS = "records"
CENT = Decimal("0.01")
ID_CHUNK = 2000  # ids per `IN (...)`, well below SQLite's and PostgreSQL's parameter limits


@dataclass(frozen=True)
class Volume:
    records: int = 0
    fee_fen: int = 0
    effective: int = 0
    effective_fee_fen: int = 0


NO_VOLUME = Volume()


def agent_volumes(first: dt.date, last: dt.date) -> dict[int, Volume]:
    """{agent_id: volume} of the days [first, last] (agents without sales are absent)."""
    rows = (
        DailyRollup.objects.filter(day__range=(first, last)).values("agent_id")
        .annotate(r=Sum("records"), f=Sum("fee_fen"), e=Sum("effective"), ef=Sum("effective_fee_fen"))
    )
    # int(): SUM over a bigint column comes back as a Decimal on PostgreSQL.
    return {
        row["agent_id"]: Volume(int(row["r"] or 0), int(row["f"] or 0), int(row["e"] or 0), int(row["ef"] or 0))
        for row in rows
    }


def agent_records(first: dt.date, last: dt.date) -> dict[int, int]:
    return {agent: volume.records for agent, volume in agent_volumes(first, last).items()}


def _assignments_during(first: dt.date, last: dt.date):
    return OutletAssignment.objects.filter(valid_from__lte=last).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=first))


def _majority(rows, weight: str) -> dict[int, int]:
    """{agent: grid with the largest weight}; ties go to the lowest grid id (reproducible)."""
    best: dict[int, tuple[int, int]] = {}
    for row in rows:
        key = (int(row[weight]), -row["grid_id"])
        if row["agent_id"] not in best or key > best[row["agent_id"]]:
            best[row["agent_id"]] = key
    return {agent: -key[1] for agent, key in best.items()}


def agent_home_grids(first: dt.date, last: dt.date, *, with_sales: bool = True) -> dict[int, int]:
    """{agent_id: grid_id} for every agent running an outlet at some time in [first, last]: the
    grid holding most of its outlets. With `with_sales`, agents that sold in the period without
    such an outlet are added with the grid of most of their sales."""
    by_outlets = _assignments_during(first, last).values("agent_id", "grid_id").annotate(n=Count("outlet_id", distinct=True))
    grids = _majority(by_outlets, "n")
    if with_sales:
        by_sales = (
            DailyRollup.objects.filter(day__range=(first, last)).exclude(agent_id__in=_assignments_during(first, last).values("agent_id"))
            .values("agent_id", "grid_id").annotate(n=Sum("records"))
        )
        grids.update(_majority(by_sales, "n"))
    return grids


def counties_of(grid_ids) -> dict[int, int | None]:
    """{grid_id: id of its city/county company} (None for a grid outside any county)."""
    paths = dict(TerritoryNode.objects.filter(pk__in=list(grid_ids)).values_list("pk", "path"))
    ancestors = {int(segment) for path in paths.values() for segment in path.split(PATH_SEPARATOR)}
    counties = set(TerritoryNode.objects.filter(pk__in=ancestors, kind=NodeKind.COUNTY).values_list("pk", flat=True))
    return {
        grid: next((int(s) for s in path.split(PATH_SEPARATOR) if int(s) in counties), None)
        for grid, path in paths.items()
    }


def agent_month_targets(month_day: dt.date, *, on: dt.date, metric: str = RECORDS) -> dict[int, int]:
    """{agent_id: month target} for the month containing `month_day`: the sum of the targets of
    the outlets each agent ran on day `on`."""
    outlet_agent = dict(assignments_on(on).values_list("outlet_id", "agent_id"))
    totals: dict[int, int] = defaultdict(int)
    for chunk in batched(outlet_agent, ID_CHUNK):
        values = target_values(period_kind=MONTH, period_start=month_day, metric=metric, outlet_ids=chunk)
        for outlet_id, value in values.items():
            totals[outlet_agent[outlet_id]] += value
    return dict(totals)


def week_targets(first: dt.date, last: dt.date, *, metric: str = RECORDS) -> dict[int, Decimal]:
    """{agent_id: the days' share of the month target}: for each month the days touch, the
    month target × working days of the days in that month ÷ working days of the month."""
    shares: dict[int, Decimal] = defaultdict(Decimal)
    month_first = first
    while month_first <= last:
        m_first, m_last = period_bounds(MONTH, month_first)
        part_first, part_last = max(first, m_first), min(last, m_last)
        in_month, in_part = working_days(m_first, m_last), working_days(part_first, part_last)
        if in_month and in_part:
            for agent, target in agent_month_targets(m_first, on=part_last, metric=metric).items():
                shares[agent] += Decimal(target) * in_part / in_month
        month_first = m_last + dt.timedelta(days=1)
    return {agent: share.quantize(CENT, rounding=ROUND_HALF_UP) for agent, share in shares.items()}
