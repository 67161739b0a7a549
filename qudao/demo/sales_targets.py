"""Demo targets for the six months of sales, so the dashboards show attainment and laggards.

Each open outlet's monthly development target is its average month × 1.08 (rounded); a grid's
target is the sum of its outlets' and every node above the sum of its children, so the
decomposition adds up exactly. Revenue targets are set on the nodes the same way. Agents whose
sales fell away in the last two months therefore show clearly behind.
"""

import datetime as dt
from collections import defaultdict

from django.db.models import Sum
from simple_history.utils import bulk_create_with_history

from qudao.channels.choices import OutletStatus
from qudao.channels.models import Outlet
from qudao.reporting.models import OutletMonthStat
from qudao.targets.models import Target
from qudao.territory.models import TerritoryNode

GROWTH = 1.08  # not money: a plain ratio applied to counts and then rounded
CHANGE_REASON = "demo seed"


def seed_targets(*, months: list[dt.date], by=None) -> int:
    """`months`: first days of the months to set; returns how many targets were created."""
    live = dict(Outlet.objects.filter(status__in=[OutletStatus.ACTIVE, OutletStatus.SUSPENDED])
                .values_list("pk", "grid_id"))
    sums = (OutletMonthStat.objects.filter(month__in=months, outlet_id__in=list(live))
            .values("outlet_id").annotate(records=Sum("records"), fee=Sum("fee_fen")))
    per_outlet = {row["outlet_id"]: (round(row["records"] / len(months) * GROWTH), row["fee"] // len(months))
                  for row in sums}
    per_node = _roll_up(per_outlet, live)
    targets = []
    for month in months:
        targets += [Target(period_kind="month", period_start=month, metric="records", outlet_id=pk, value=value,
                           created_by=by) for pk, (value, _fee) in per_outlet.items() if value]
        for node_id, (records, fee) in per_node.items():
            targets.append(Target(period_kind="month", period_start=month, metric="records", node_id=node_id,
                                  value=records, created_by=by))
            targets.append(Target(period_kind="month", period_start=month, metric="revenue_fen", node_id=node_id,
                                  value=round(fee * GROWTH / 100) * 100, created_by=by))
    bulk_create_with_history(targets, Target, batch_size=1000, default_change_reason=CHANGE_REASON)
    return len(targets)


def _roll_up(per_outlet: dict[int, tuple[int, int]], grid_of: dict[int, int]) -> dict[int, tuple[int, int]]:
    """Grid totals from their outlets, then every ancestor from the grids below it."""
    by_grid: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for outlet_id, (records, fee) in per_outlet.items():
        by_grid[grid_of[outlet_id]][0] += records
        by_grid[grid_of[outlet_id]][1] += fee
    paths = dict(TerritoryNode.objects.values_list("pk", "path"))
    node_of_path = {path: pk for pk, path in paths.items()}
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for grid_id, (records, fee) in by_grid.items():
        parts = paths[grid_id].split(".")
        for depth in range(1, len(parts) + 1):
            node_id = node_of_path[".".join(parts[:depth])]
            totals[node_id][0] += records
            totals[node_id][1] += fee
    return {pk: (records, fee) for pk, (records, fee) in totals.items()}
