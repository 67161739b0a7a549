"""Status facts (DEV-7): stored once each, then the records' status, dates and effectiveness.

All set-based: the file's rows are staged, checked against the records (unknown or out-of-reach
ids and status dates before the sale are row errors), appended to RecordStatusChange unless the
same fact is already there, aggregated per record, and the records that actually change are
updated in one statement. Call inside a transaction holding `lock_facts`.
"""

from dataclasses import dataclass

import polars as pl

from ..choices import STATUS_PRECEDENCE, RecordStatus
from ..models import DevelopmentRecord, RecordStatusChange
from .db import Col, create_temp, differs, drop_temp, fetch_frame, load
from .effective import Rule, effective_sql
from .reference import reach_grid_ids

STAGE = "sales_tmp_status"
AGG = "sales_tmp_status_agg"
CHANGED = "sales_tmp_status_changed"
FACTS = DevelopmentRecord._meta.db_table
CHANGES = RecordStatusChange._meta.db_table
STAGE_COLUMNS = (
    Col("row", "bigint", "integer"), Col("external_id", "varchar(64)", "text"), Col("status", "varchar(16)", "text"),
    Col("effective_on", "date", "text"),
)
STATUS_PARQUET_SCHEMA = {
    "external_id": pl.String, "sold_on": pl.Date, "status": pl.String, "activated_on": pl.Date, "paid_on": pl.Date,
    "ended_on": pl.Date, "is_effective": pl.Boolean,
}


@dataclass
class Applied:
    stored: int  # new status facts (the rest were already stored)
    updated: int  # records whose status, dates or effectiveness changed
    days: list  # sale days whose effectiveness changed (their rollups must be rebuilt)
    groups: pl.DataFrame  # (day, outlet_id, product_id) of those changes
    status_rows: pl.DataFrame  # STATUS_PARQUET_SCHEMA of the updated records


def stage_statuses(cursor, good: pl.DataFrame) -> None:
    create_temp(cursor, STAGE, STAGE_COLUMNS)
    load(cursor, STAGE, good.select(c.name for c in STAGE_COLUMNS))


def drop_stage(cursor) -> None:
    for table in (CHANGED, AGG, STAGE):
        drop_temp(cursor, table)


def _reach(user) -> tuple[str, list]:
    if user.is_superuser:
        return "1 = 1", []
    ids = reach_grid_ids(user)
    if not ids:
        return "1 = 0", []
    return f"r.grid_id IN ({', '.join(['%s'] * len(ids))})", ids


def database_errors(cursor, user, headers: dict) -> pl.DataFrame:
    """Rows naming a record that does not exist (or is out of reach), or dated before its sale."""
    reach, params = _reach(user)
    found = fetch_frame(
        cursor,
        f"SELECT s.row, s.external_id, s.effective_on, r.sold_on FROM {STAGE} s "  # noqa: S608
        f"LEFT JOIN (SELECT r.external_id, r.sold_on FROM {FACTS} r WHERE {reach}) r ON r.external_id = s.external_id "
        f"WHERE r.external_id IS NULL OR s.effective_on < r.sold_on",
        params,
        {"row": pl.Int64, "external_id": pl.String, "effective_on": pl.Date, "sold_on": pl.Date},
    )
    unknown = found.filter(pl.col("sold_on").is_null()).select(
        "row", pl.lit(headers.get("external_id", "业务流水号")).alias("column"),
        pl.format("未知的业务流水号“{}”（须为已导入、且在您管辖范围内的发展记录）", pl.col("external_id")).alias("reason"),
    )
    early = found.filter(pl.col("sold_on").is_not_null()).select(
        "row", pl.lit(headers.get("effective_on", "生效日期")).alias("column"),
        pl.format("生效日期 {} 早于该记录的受理日期 {}", pl.col("effective_on").dt.strftime("%Y-%m-%d"),
                  pl.col("sold_on").dt.strftime("%Y-%m-%d")).alias("reason"),
    )
    return pl.concat([unknown, early]).sort("row")


def drop_rows(cursor, rows: list[int]) -> None:
    for start in range(0, len(rows), 1000):
        chunk = rows[start:start + 1000]
        cursor.execute(f"DELETE FROM {STAGE} WHERE row IN ({', '.join(['%s'] * len(chunk))})", chunk)  # noqa: S608


def apply_statuses(cursor, *, batch_id: int, rules: list[Rule]) -> Applied:
    cursor.execute(
        f"INSERT INTO {CHANGES} (external_id, status, effective_on, batch_id) "  # noqa: S608
        f"SELECT DISTINCT s.external_id, s.status, s.effective_on, %s FROM {STAGE} s WHERE NOT EXISTS "
        f"(SELECT 1 FROM {CHANGES} c WHERE c.external_id = s.external_id AND c.status = s.status "
        f"AND c.effective_on = s.effective_on)",
        [batch_id],
    )
    stored = max(cursor.rowcount, 0)
    _aggregate(cursor)
    effective, params = effective_sql(rules, sold_on="r.sold_on", activated="a.activated_on", paid="a.paid_on",
                                      ended="a.ended_on")
    changed = " OR ".join([
        "r.status <> a.status", differs("r.activated_on", "a.activated_on"), differs("r.paid_on", "a.paid_on"),
        differs("r.ended_on", "a.ended_on"), f"r.is_effective <> {effective}",
    ])
    drop_temp(cursor, CHANGED)
    cursor.execute(
        f"CREATE TEMP TABLE {CHANGED} AS SELECT r.id, r.sold_on, r.outlet_id, r.product_id, "  # noqa: S608
        f"CASE WHEN r.is_effective <> {effective} THEN 1 ELSE 0 END AS flips "
        f"FROM {FACTS} r JOIN {AGG} a ON a.external_id = r.external_id WHERE {changed}",
        [*params, *params],
    )
    cursor.execute(
        f"UPDATE {FACTS} AS r SET status = a.status, activated_on = a.activated_on, paid_on = a.paid_on, "  # noqa: S608
        f"ended_on = a.ended_on, is_effective = {effective} FROM {CHANGED} c, {AGG} a "
        f"WHERE r.id = c.id AND r.sold_on = c.sold_on AND a.external_id = r.external_id",
        params,
    )
    updated = max(cursor.rowcount, 0)
    flipped = fetch_frame(
        cursor, f"SELECT DISTINCT sold_on, outlet_id, product_id FROM {CHANGED} WHERE flips = 1", [],  # noqa: S608
        {"sold_on": pl.Date, "outlet_id": pl.Int64, "product_id": pl.Int64},
    ).rename({"sold_on": "day"})  # noqa: S608
    rows = fetch_frame(
        cursor,
        f"SELECT r.external_id, r.sold_on, r.status, r.activated_on, r.paid_on, r.ended_on, r.is_effective "  # noqa: S608
        f"FROM {FACTS} r JOIN {CHANGED} c ON c.id = r.id AND c.sold_on = r.sold_on",
        [], STATUS_PARQUET_SCHEMA,
    )
    return Applied(stored, updated, sorted(flipped["day"].unique().to_list()), flipped, rows)


def _precedence_sql(column: str) -> str:
    whens = " ".join(f"WHEN '{status}' THEN {rank}" for rank, status in enumerate(STATUS_PRECEDENCE))
    return f"CASE {column} {whens} ELSE 0 END"


def _aggregate(cursor) -> None:
    ended = f"'{RecordStatus.CANCELLED}', '{RecordStatus.CHURNED}'"
    ids = f"(SELECT DISTINCT external_id FROM {STAGE})"  # noqa: S608
    drop_temp(cursor, AGG)
    cursor.execute(
        f"CREATE TEMP TABLE {AGG} AS SELECT f.external_id, l.status, f.activated_on, f.paid_on, f.ended_on FROM "  # noqa: S608
        f"(SELECT c.external_id, "
        f"MIN(CASE WHEN c.status = '{RecordStatus.ACTIVATED}' THEN c.effective_on END) AS activated_on, "
        f"MIN(CASE WHEN c.status = '{RecordStatus.PAID}' THEN c.effective_on END) AS paid_on, "
        f"MIN(CASE WHEN c.status IN ({ended}) THEN c.effective_on END) AS ended_on "
        f"FROM {CHANGES} c WHERE c.external_id IN {ids} GROUP BY c.external_id) f JOIN "
        f"(SELECT external_id, status FROM (SELECT c.external_id, c.status, ROW_NUMBER() OVER ("
        f"PARTITION BY c.external_id ORDER BY c.effective_on DESC, {_precedence_sql('c.status')} DESC, c.id DESC) AS rn "
        f"FROM {CHANGES} c WHERE c.external_id IN {ids}) x WHERE rn = 1) l ON l.external_id = f.external_id"
    )
