"""Refreshing the reporting aggregates from the daily rollup, set-based, for the days a write touched.

`qudao.sales.rollups.rebuild_rollups` calls `refresh_reporting_aggregates(days, outlet_ids)` in its
own transaction (registered in ReportingConfig.ready), so every import, status update and re-verify
keeps them current; `refresh_all_reporting_aggregates()` rebuilds
everything (after a territory node moved, or to recover).
"""

import datetime as dt
import json
from collections.abc import Iterable

from django.db import connection, transaction

from qudao.sales.models import DailyRollup
from qudao.sales.rollups import day_ranges
from qudao.territory.models import TerritoryNode

from .models import NodeDayStat, OutletMonthStat

# Grid totals first (small), then fanned out to the grid and each ancestor. Paths are fixed-width
# segments, so "ancestor path is a prefix of the grid path" is exactly "is an ancestor or itself".
_NODE_DAY_SQL = """
INSERT INTO {stat} (node_id, day, category, records, fee_fen, effective, effective_fee_fen)
SELECT up.ancestor_id, g.day, g.category, SUM(g.records), SUM(g.fee_fen), SUM(g.effective), SUM(g.effective_fee_fen)
FROM (
    SELECT r.grid_id, r.day, r.category, SUM(r.records) AS records, SUM(r.fee_fen) AS fee_fen,
           SUM(r.effective) AS effective, SUM(r.effective_fee_fen) AS effective_fee_fen
    FROM {rollup} r WHERE r.day BETWEEN %s AND %s
    GROUP BY r.grid_id, r.day, r.category
) g
JOIN (
    SELECT d.id AS node_id, a.id AS ancestor_id
    FROM {node} d JOIN {node} a ON substr(d.path, 1, length(a.path)) = a.path
    WHERE d.path IS NOT NULL AND a.path IS NOT NULL
) up ON up.node_id = g.grid_id
GROUP BY up.ancestor_id, g.day, g.category
"""

_OUTLET_MONTH_SQL = """
INSERT INTO {stat} (month, outlet_id, agent_id, grid_id, category, records, fee_fen, effective, effective_fee_fen)
SELECT %s, r.outlet_id, r.agent_id, r.grid_id, r.category,
       SUM(r.records), SUM(r.fee_fen), SUM(r.effective), SUM(r.effective_fee_fen)
FROM {rollup} r WHERE r.day BETWEEN %s AND %s {only}
GROUP BY r.outlet_id, r.agent_id, r.grid_id, r.category
"""


def _only_outlets_sql() -> str:
    """One parameter holding the outlet ids: an array on PostgreSQL, a JSON list on SQLite."""
    if connection.vendor == "postgresql":
        return "AND r.outlet_id = ANY(%s)"
    return "AND r.outlet_id IN (SELECT value FROM json_each(%s))"


def _outlets_param(outlet_ids: list[int]):
    return list(outlet_ids) if connection.vendor == "postgresql" else json.dumps(list(outlet_ids))


def _tables() -> dict[str, str]:
    return {
        "rollup": DailyRollup._meta.db_table, "node": TerritoryNode._meta.db_table,
    }


def month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    first = day.replace(day=1)
    following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first, following - dt.timedelta(days=1)


@transaction.atomic
def refresh_reporting_aggregates(days: Iterable[dt.date], outlet_ids: Iterable[int] | None = None) -> dict[str, int]:
    """Rebuilds the node-day rows of `days` and the outlet-month rows of the months containing them.

    `outlet_ids` (optional): the outlets whose records the write touched, old and new versions
    alike; the outlet-month refresh then reads only their rows, which is what makes a one-day
    import cheap at province scale. Idempotent; returns the rows written per aggregate.
    """
    days = set(days)
    return {"node_days": refresh_node_days(days), "outlet_months": refresh_outlet_months(days, outlet_ids)}


def refresh_node_days(days: Iterable[dt.date]) -> int:
    sql = _NODE_DAY_SQL.format(stat=NodeDayStat._meta.db_table, **_tables())
    written = 0
    with transaction.atomic(), connection.cursor() as cursor:
        for first, last in day_ranges(days):
            NodeDayStat.objects.filter(day__range=(first, last)).delete()
            cursor.execute(sql, [first, last])
            written += cursor.rowcount
    return written


def refresh_outlet_months(days: Iterable[dt.date], outlet_ids: Iterable[int] | None = None) -> int:
    only = None if outlet_ids is None else sorted(set(outlet_ids))
    sql = _OUTLET_MONTH_SQL.format(stat=OutletMonthStat._meta.db_table, only=_only_outlets_sql() if only else "",
                                   **_tables())
    written = 0
    if only == []:
        return written
    with transaction.atomic(), connection.cursor() as cursor:
        for month in sorted({month_bounds(d)[0] for d in days}):
            first, last = month_bounds(month)
            stale = OutletMonthStat.objects.filter(month=first)
            (stale.filter(outlet_id__in=only) if only else stale).delete()
            cursor.execute(sql, [first, first, last, *([_outlets_param(only)] if only else [])])
            written += cursor.rowcount
    return written


def refresh_all_reporting_aggregates() -> dict[str, int]:
    """Everything from scratch: every day the rollup holds (and no stale rows for days it lost)."""
    with transaction.atomic():
        NodeDayStat.objects.all().delete()
        OutletMonthStat.objects.all().delete()
        days = DailyRollup.objects.order_by().values_list("day", flat=True).distinct()
        return refresh_reporting_aggregates(days)
