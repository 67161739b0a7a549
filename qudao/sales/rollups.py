"""Daily rollups are derived from the facts: rebuilt, set-based, for exactly the days a write touched.

Days without any rollup row yet (a new day's file) are aggregated straight into the table, in key
order: from the import's own rows (Polars, then COPY) when the caller passes them and they are all
the days hold (counted), else by the database. Days that have rows are aggregated into a temporary
table (facts first, the small product table joined afterwards) and merged: groups that vanished
are deleted; fresh groups the table already holds unchanged are dropped from the temporary table;
the rest (changed and new groups) go in by one upsert on the rollup key (an index probe per group
instead of an UPDATE join and an anti-join INSERT over the range's rows). Unchanged groups are not
written at all, so re-importing a file or a status update that flips a few records rewrites a few
rows instead of whole days — and leaves no dead rows behind for the unique index to step over.

Higher apps that derive from the rollups (reporting's aggregates) register with `on_rollups_rebuilt`
and are called in the same transaction, so a dashboard never reads rollups its aggregates missed.
"""

import datetime as dt
from collections.abc import Callable, Iterable

import polars as pl
from django.db import connection, transaction

from .models import DailyRollup, DevelopmentRecord, Product

FRESH = "sales_tmp_rollup"
ANALYZE_AFTER_ROWS = 50_000
GROUPS = "sales_tmp_rollup_groups"  # (day, outlet_id, product_id) a write touched
KEY = ("day", "outlet_id", "agent_id", "grid_id", "product_id")
FIGURES = ("category", "records", "fee_fen", "effective", "effective_fee_fen")
_AGGREGATE_SQL = """
SELECT a.day, a.outlet_id, a.agent_id, a.grid_id, a.product_id, p.category,
       a.records, a.fee_fen, a.effective, a.effective_fee_fen
FROM (
    SELECT r.sold_on AS day, r.outlet_id, r.agent_id, r.grid_id, r.product_id,
           COUNT(*) AS records, SUM(r.fee_fen) AS fee_fen,
           SUM(CASE WHEN r.is_effective THEN 1 ELSE 0 END) AS effective,
           SUM(CASE WHEN r.is_effective THEN r.fee_fen ELSE 0 END) AS effective_fee_fen
    FROM {facts} r
    WHERE r.sold_on BETWEEN %s AND %s{only}
    GROUP BY r.sold_on, r.outlet_id, r.agent_id, r.grid_id, r.product_id
) a JOIN {product} p ON p.id = a.product_id
"""
_KEY_ORDER = " ORDER BY " + ", ".join(f"a.{c}" for c in KEY)
_INSERT_FRESH_SQL = "INSERT INTO {rollup} (" + ", ".join(KEY + FIGURES) + ")" + _AGGREGATE_SQL + _KEY_ORDER
_SAME_KEY = " AND ".join(f"t.{c} = {{rollup}}.{c}" for c in KEY)
_DELETE_SQL = (
    "DELETE FROM {rollup} WHERE day BETWEEN %s AND %s{only_rollup} "  # noqa: S608
    "AND NOT EXISTS (SELECT 1 FROM {fresh} t WHERE " + _SAME_KEY + ")"
)
_DROP_UNCHANGED_SQL = (
    "DELETE FROM {fresh} WHERE EXISTS (SELECT 1 FROM {rollup} WHERE {rollup}.day BETWEEN %s AND %s AND "  # noqa: S608
    + " AND ".join(f"{{fresh}}.{c} = {{rollup}}.{c}" for c in KEY + FIGURES) + ")"
)
_UPSERT_SQL = (
    "INSERT INTO {rollup} (" + ", ".join(KEY + FIGURES) + ") SELECT " + ", ".join(f"t.{c}" for c in KEY + FIGURES)  # noqa: S608
    + " FROM {fresh} t WHERE true ORDER BY " + ", ".join(f"t.{c}" for c in KEY)
    + " ON CONFLICT (" + ", ".join(KEY) + ") DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in FIGURES)
    + " WHERE " + " OR ".join(f"{{rollup}}.{c} <> excluded.{c}" for c in FIGURES)
)


def day_ranges(days: Iterable[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Contiguous [first, last] ranges covering `days`, so each rebuild is one range scan."""
    ranges: list[tuple[dt.date, dt.date]] = []
    for day in sorted(set(days)):
        if ranges and day == ranges[-1][1] + dt.timedelta(days=1):
            ranges[-1] = (ranges[-1][0], day)
        else:
            ranges.append((day, day))
    return ranges


_listeners: list[Callable] = []


def on_rollups_rebuilt(listener: Callable) -> Callable:
    """`listener(days, outlet_ids)` runs after each rebuild, inside its transaction; `outlet_ids` is
    None when whole days were rebuilt."""
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


@transaction.atomic
def rebuild_rollups(days: Iterable[dt.date], *, groups=None, facts: pl.DataFrame | None = None) -> int:
    """Makes the rollup rows of `days` equal fresh aggregates of the facts; returns rows written
    (deleted + updated + inserted).

    `groups`, a Polars frame (day, outlet_id, product_id) of what a write touched, narrows the days
    that already have rollups to those groups (a late file spanning a month touches every day but
    only some groups of each); days without rollups are always built whole. Agent and grid follow
    from outlet and day, so these three name a rollup row.

    `facts`, a Polars frame (sold_on, outlet_id, agent_id, grid_id, product_id, fee_fen,
    is_effective) of records the write stored, as they now are in the table: a range of days
    without rollups whose records are exactly these (same count; they were just written) is
    aggregated from the frame and loaded with COPY instead of aggregated by the database.
    """
    days = sorted(set(days))
    if not days:
        return 0
    names = {"rollup": DailyRollup._meta.db_table, "facts": DevelopmentRecord._meta.db_table,
             "product": Product._meta.db_table, "fresh": FRESH, "only": "", "only_rollup": ""}
    written = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute(f"SELECT DISTINCT day FROM {names['rollup']} WHERE day BETWEEN %s AND %s",  # noqa: S608
                       [days[0], days[-1]])
        existing = {_as_date(row[0]) for row in cursor.fetchall()}
        for first, last in day_ranges(d for d in days if d not in existing):
            known = None if facts is None else facts.filter(pl.col("sold_on").is_between(first, last))
            if known is not None and _holds_exactly(cursor, names, known, first, last):
                written += _load_fresh(cursor, names, known)
            else:
                cursor.execute(_INSERT_FRESH_SQL.format(**names), [first, last])
                written += max(cursor.rowcount, 0)
        merged_days = [d for d in days if d in existing]
        postgres = connection.vendor == "postgresql"
        if postgres and written >= ANALYZE_AFTER_ROWS:
            cursor.execute(f"ANALYZE {names['rollup']}")
        if postgres and merged_days:
            # Statistics of a table that just grew lag behind (autovacuum has not run): a nested loop
            # over "a few" rollup rows against the fresh aggregate would take minutes. Hash joins always.
            cursor.execute("SET LOCAL enable_nestloop = off")
        if merged_days and groups is not None:
            _stage_groups(cursor, groups)
            touched = f"(SELECT day, outlet_id, product_id FROM {GROUPS})"  # noqa: S608
            names.update(only=f" AND (r.sold_on, r.outlet_id, r.product_id) IN {touched}",
                         only_rollup=f" AND (day, outlet_id, product_id) IN {touched}")
        for first, last in day_ranges(merged_days):
            written += _merge_range(cursor, names, first, last)
        if names["only"]:
            cursor.execute(f"DROP TABLE {GROUPS}")
        if postgres and merged_days:
            cursor.execute("SET LOCAL enable_nestloop = on")
    outlet_ids = None if groups is None else groups["outlet_id"].unique().to_list()
    for listener in _listeners:
        listener(days, outlet_ids)
    return written


def _holds_exactly(cursor, names: dict, known: pl.DataFrame, first: dt.date, last: dt.date) -> bool:
    """Whether the facts of [first, last] are exactly `known` (rows the caller wrote, so a subset)."""
    if known.height == 0:
        return False
    cursor.execute(f"SELECT COUNT(*) FROM {names['facts']} WHERE sold_on BETWEEN %s AND %s",  # noqa: S608
                   [first, last])
    return cursor.fetchone()[0] == known.height


def _load_fresh(cursor, names: dict, known: pl.DataFrame) -> int:
    """`known`'s rollup rows, aggregated in memory, in key order, appended with COPY."""
    from .pipeline.db import load

    categories = pl.DataFrame(list(Product.objects.values_list("pk", "category")), orient="row",
                              schema={"product_id": pl.Int64, "category": pl.String})
    fee, effective = pl.col("fee_fen"), pl.col("is_effective")
    rows = (
        known.lazy()
        .group_by(pl.col("sold_on").alias("day"), "outlet_id", "agent_id", "grid_id", "product_id")
        .agg(pl.len().cast(pl.Int64).alias("records"), fee.sum().alias("fee_fen"),
             effective.cast(pl.Int64).sum().alias("effective"),
             pl.when(effective).then(fee).otherwise(0).sum().alias("effective_fee_fen"))
        .join(categories.lazy(), on="product_id", how="inner")
        .sort(KEY)
        .select(*KEY, *FIGURES)
        .collect()
    )
    load(cursor, names["rollup"], rows)
    return rows.height


def _stage_groups(cursor, groups) -> None:
    from .pipeline.db import Col, create_temp, load

    columns = (Col("day", "date", "text"), Col("outlet_id", "bigint", "integer"), Col("product_id", "bigint", "integer"))
    create_temp(cursor, GROUPS, columns)
    load(cursor, GROUPS, groups.select("day", "outlet_id", "product_id").unique())
    if connection.vendor == "postgresql":
        cursor.execute(f"ANALYZE {GROUPS}")


def _merge_range(cursor, names: dict, first: dt.date, last: dt.date) -> int:
    written = 0
    cursor.execute(f"DROP TABLE IF EXISTS {FRESH}")
    cursor.execute(f"CREATE TEMP TABLE {FRESH} AS " + _AGGREGATE_SQL.format(**names), [first, last])
    if connection.vendor == "postgresql":
        cursor.execute(f"ANALYZE {FRESH}")
    cursor.execute(_DELETE_SQL.format(**names), [first, last])
    written += max(cursor.rowcount, 0)
    # Groups already right are dropped from the fresh rows first, so the upsert neither rewrites
    # nor locks them.
    cursor.execute(_DROP_UNCHANGED_SQL.format(**names), [first, last])
    cursor.execute(_UPSERT_SQL.format(**names))
    written += max(cursor.rowcount, 0)
    cursor.execute(f"DROP TABLE {FRESH}")
    return written


def _as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
