"""Daily rollups are derived from the facts: rebuilt, set-based, for exactly the days a write touched."""

import datetime as dt
from collections.abc import Iterable

from django.db import connection, transaction

from .models import DailyRollup, DevelopmentRecord, Product

_REBUILD_SQL = """
INSERT INTO {rollup} (day, outlet_id, agent_id, grid_id, product_id, category,
                      records, fee_fen, effective, effective_fee_fen)
SELECT r.sold_on, r.outlet_id, r.agent_id, r.grid_id, r.product_id, p.category,
       COUNT(*), SUM(r.fee_fen),
       SUM(CASE WHEN r.is_effective THEN 1 ELSE 0 END),
       SUM(CASE WHEN r.is_effective THEN r.fee_fen ELSE 0 END)
FROM {facts} r JOIN {product} p ON p.id = r.product_id
WHERE r.sold_on BETWEEN %s AND %s
GROUP BY r.sold_on, r.outlet_id, r.agent_id, r.grid_id, r.product_id, p.category
"""


def day_ranges(days: Iterable[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Contiguous [first, last] ranges covering `days`, so each rebuild is one range scan."""
    ranges: list[tuple[dt.date, dt.date]] = []
    for day in sorted(set(days)):
        if ranges and day == ranges[-1][1] + dt.timedelta(days=1):
            ranges[-1] = (ranges[-1][0], day)
        else:
            ranges.append((day, day))
    return ranges


@transaction.atomic
def rebuild_rollups(days: Iterable[dt.date]) -> int:
    """Replaces the rollup rows of `days` with fresh aggregates of the facts; returns rows written."""
    sql = _REBUILD_SQL.format(
        rollup=DailyRollup._meta.db_table, facts=DevelopmentRecord._meta.db_table, product=Product._meta.db_table
    )
    written = 0
    with connection.cursor() as cursor:
        for first, last in day_ranges(days):
            DailyRollup.objects.filter(day__range=(first, last)).delete()
            cursor.execute(sql, [first, last])
            written += cursor.rowcount
    return written
