"""The columnar copy of the facts: Parquet per month, written by each import, read by DuckDB.

Layout under settings.QUDAO_FACTS_DIR:
  records/month=YYYY-MM/batch-<id>.parquet   the rows a batch added or corrected (and, for a record
                                             whose correction moved it to another month, a
                                             `deleted` tombstone in the old month)
  statuses/month=YYYY-MM/batch-<id>.parquet  the status columns of records a status file changed
  */month=YYYY-MM/rebuild-v<version>.parquet the month rewritten from the database
Every row carries `version` (2 × the batch's write sequence; 2 × sequence + 1 for a rebuild), so
the current state is "highest version wins per external_id", with the status columns taken from
whichever of the record row and the latest status row is newer. (A tombstone loses to a live row of
the same version in another month, so reading several months finds the record where it moved.) `facts_view_sql` writes that
as SQL so the analytics engine never pulls the facts back out of the database. The copy is
derived: `rebuild_month` (manage.py rebuild_parquet) rewrites a month from the database.
"""

import datetime as dt
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import duckdb
import polars as pl
from django.conf import settings

RECORDS, STATUSES = "records", "statuses"
RECORD_COLUMNS = {
    "external_id": "VARCHAR", "sold_at": "TIMESTAMPTZ", "sold_on": "DATE", "outlet_id": "BIGINT",
    "agent_id": "BIGINT", "grid_id": "BIGINT", "product_id": "BIGINT", "customer_hash": "VARCHAR",
    "subscriber_no": "VARCHAR", "fee_fen": "BIGINT", "staff_code": "VARCHAR", "status": "VARCHAR",
    "activated_on": "DATE", "paid_on": "DATE", "ended_on": "DATE", "is_effective": "BOOLEAN", "batch_id": "BIGINT",
    "version": "BIGINT", "deleted": "BOOLEAN",
}
STATUS_COLUMNS = {
    "external_id": "VARCHAR", "sold_on": "DATE", "status": "VARCHAR", "activated_on": "DATE", "paid_on": "DATE",
    "ended_on": "DATE", "is_effective": "BOOLEAN", "batch_id": "BIGINT", "version": "BIGINT",
}
FACT_COLUMNS = [c for c in RECORD_COLUMNS if c not in ("version", "deleted")]


def facts_root() -> Path:
    return Path(settings.QUDAO_FACTS_DIR)


def month_key(day: dt.date | str) -> str:
    return day[:7] if isinstance(day, str) else f"{day:%Y-%m}"


def month_dir(kind: str, month: dt.date | str) -> Path:
    return facts_root() / kind / f"month={month_key(month)}"


def connect() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    return con


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def write_months(kind: str, frame: pl.DataFrame, name: str) -> list[str]:
    """Writes `frame` (which has `sold_on`) as <kind>/month=M/<name>.parquet for each month it touches."""
    columns = RECORD_COLUMNS if kind == RECORDS else STATUS_COLUMNS
    if frame.height == 0:
        return []
    frame = frame.with_columns(pl.col("sold_on").dt.strftime("%Y-%m").alias("_month"))
    months = sorted(frame["_month"].unique().to_list())
    select = ", ".join(f"CAST({c} AS {t}) AS {c}" for c, t in columns.items())
    con = connect()
    try:
        con.register("batch_rows", frame)
        for month in months:
            target = month_dir(kind, month) / f"{name}.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f".{target.name}.partial")
            con.execute(
                f"COPY (SELECT {select} FROM batch_rows WHERE _month = '{month}') "  # noqa: S608
                f"TO {_literal(partial)} (FORMAT parquet, COMPRESSION zstd)"
            )
            os.replace(partial, target)
    finally:
        con.close()
    return months


def record_rows(written: pl.DataFrame, *, batch_id: int, version: int, new_effective: pl.Series,
                corrected: pl.DataFrame, tombstones: pl.DataFrame) -> pl.DataFrame:
    """The Parquet rows of a records batch.

    `written`: the rows the batch inserted or corrected; `new_effective`: their effectiveness as new
    records (aligned with `written`); `corrected`: the stored status columns of the corrected ones;
    `tombstones`: (external_id, old_sold_on) of corrected records that moved to another month.
    """
    rows = written.select(
        [c for c in FACT_COLUMNS if c in written.columns]
    ).with_columns(
        pl.col("sold_at").dt.convert_time_zone("UTC"),
        pl.lit("new").alias("status"),
        *(pl.lit(None, dtype=pl.Date).alias(c) for c in ("activated_on", "paid_on", "ended_on")),
        new_effective.alias("is_effective"),
    )
    if corrected.height:
        rows = rows.update(corrected, on="external_id", how="left", include_nulls=True)
    rows = rows.with_columns(
        pl.lit(batch_id, dtype=pl.Int64).alias("batch_id"), pl.lit(version, dtype=pl.Int64).alias("version"),
        pl.lit(False).alias("deleted"),
    )
    if tombstones.height:
        dead = tombstones.select(
            "external_id", pl.col("old_sold_on").alias("sold_on"), pl.lit(batch_id, dtype=pl.Int64).alias("batch_id"),
            pl.lit(version, dtype=pl.Int64).alias("version"), pl.lit(True).alias("deleted"),
        )
        rows = pl.concat([rows, dead], how="diagonal_relaxed")
    return rows


def _files(kind: str, months: Iterable) -> list[Path]:
    found: list[Path] = []
    for month in sorted({month_key(m) for m in months}):
        found.extend(sorted(month_dir(kind, month).glob("*.parquet")))
    return found


def _source(kind: str, months: Iterable) -> str:
    columns = RECORD_COLUMNS if kind == RECORDS else STATUS_COLUMNS
    files = _files(kind, months)
    if not files:
        empty = ", ".join(f"CAST(NULL AS {t}) AS {c}" for c, t in columns.items())
        return f"(SELECT {empty} WHERE false)"
    listed = ", ".join(_literal(f) for f in files)
    return f"read_parquet([{listed}], union_by_name = true)"


def facts_view_sql(months: Iterable) -> str:
    """DuckDB SQL for the current version of every record sold in `months` (dates or "YYYY-MM")."""
    months = list(months)
    record = ", ".join(f"r.{c}" for c in FACT_COLUMNS if c not in ("status", "activated_on", "paid_on", "ended_on",
                                                                   "is_effective"))
    newer = "s.version IS NOT NULL AND s.version > r.version"
    status = ", ".join(f"CASE WHEN {newer} THEN s.{c} ELSE r.{c} END AS {c}"
                       for c in ("status", "activated_on", "paid_on", "ended_on", "is_effective"))
    return (
        f"WITH r AS (SELECT * FROM {_source(RECORDS, months)} "  # noqa: S608
        f"QUALIFY row_number() OVER (PARTITION BY external_id ORDER BY version DESC, deleted) = 1), "
        f"s AS (SELECT * FROM {_source(STATUSES, months)} "
        f"QUALIFY row_number() OVER (PARTITION BY external_id ORDER BY version DESC) = 1) "
        f"SELECT {record}, {status} FROM r LEFT JOIN s ON s.external_id = r.external_id WHERE NOT r.deleted"
    )


def open_facts(con: duckdb.DuckDBPyConnection, months: Iterable, name: str = "facts") -> duckdb.DuckDBPyRelation:
    """Defines the temporary view `name` over the facts of `months` on `con` and returns it."""
    con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS {facts_view_sql(months)}")
    return con.table(name)


def replace_month(month: str, rebuilt: Path, version: int) -> Path:
    """Makes `rebuilt` the month's only records file and drops the month's status files."""
    target = month_dir(RECORDS, month) / f"rebuild-v{version}.parquet"
    target.parent.mkdir(parents=True, exist_ok=True)
    for kind in (RECORDS, STATUSES):
        for old in month_dir(kind, month).glob("*.parquet"):
            old.unlink()
    os.replace(rebuilt, target)
    return target


def scratch_file(suffix: str) -> Path:
    facts_root().mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(suffix=suffix, dir=facts_root())
    os.close(handle)
    return Path(name)
