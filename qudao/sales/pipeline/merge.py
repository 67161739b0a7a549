"""Writing validated development records: stage, classify against what is stored, write set-based.

Same external id and same content: unchanged, nothing written. Same id, different content: the
stored version goes to RecordRevision and the row is updated in place (its id stays, so anything
pointing at the record keeps pointing at it; on PostgreSQL a changed sale month moves the row to
its partition). New ids are inserted. Call inside a transaction holding `lock_facts`.
"""

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl
from django.db import connection
from django.utils import timezone

from ..models import DevelopmentRecord, RecordRevision
from .db import Col, create_temp, drop_temp, fetch_frame, is_postgres, load, staged_sold_at
from .effective import NULL_DATE, Rule, effective_sql

STAGE = "sales_tmp_records"
MATCH = "sales_tmp_match"
FACTS = DevelopmentRecord._meta.db_table
REVISIONS = RecordRevision._meta.db_table
STAGE_COLUMNS = (
    Col("external_id", "varchar(64)", "text"), Col("sold_at", "bigint", "text"), Col("sold_on", "date", "text"),
    Col("outlet_id", "bigint", "integer"), Col("agent_id", "bigint", "integer"), Col("grid_id", "bigint", "integer"),
    Col("product_id", "bigint", "integer"), Col("customer_hash", "varchar(64)", "text"),
    Col("subscriber_no", "varchar(32)", "text"), Col("fee_fen", "bigint", "integer"), Col("staff_code", "varchar(32)", "text"),
)
CONTENT = ("outlet_id", "agent_id", "grid_id", "product_id", "customer_hash", "subscriber_no", "fee_fen", "staff_code")
STATUS_COLUMNS = ("status", "activated_on", "paid_on", "ended_on", "is_effective")
STATUS_SCHEMA = {"external_id": pl.String, "status": pl.String, "activated_on": pl.Date, "paid_on": pl.Date,
                 "ended_on": pl.Date, "is_effective": pl.Boolean}


@dataclass
class Merged:
    inserted: int
    replaced: int
    unchanged: int
    match: pl.DataFrame  # external_id, old_sold_on/outlet_id/product_id, changed — the ids already stored
    changed_status: pl.DataFrame  # STATUS_SCHEMA of the corrected records, after the update


def merge_records(cursor, good: pl.DataFrame, *, batch_id: int, rules: list[Rule], write: bool = True,
                  lap: Callable[[str], None] = lambda stage: None) -> Merged:
    staged = good.select(c.name for c in STAGE_COLUMNS)
    create_temp(cursor, STAGE, STAGE_COLUMNS)
    load(cursor, STAGE, staged)
    if is_postgres():
        cursor.execute(f"ANALYZE {STAGE}")
    lap("stage")
    match = _classify(cursor)
    lap("classify")
    replaced = int(match["changed"].sum()) if match.height else 0
    merged = Merged(good.height - match.height, replaced, match.height - replaced, match, pl.DataFrame(schema=STATUS_SCHEMA))
    if write:
        if replaced:
            _revise(cursor, batch_id, rules)
            merged.changed_status = fetch_frame(
                cursor,
                f"SELECT r.external_id, r.status, r.activated_on, r.paid_on, r.ended_on, r.is_effective "  # noqa: S608
                f"FROM {FACTS} r JOIN {MATCH} m ON m.record_id = r.id WHERE m.changed = 1", [], STATUS_SCHEMA,
            )
        if merged.inserted:
            _insert(cursor, batch_id, rules, anti_join=match.height > 0)
        lap("insert")
    # Temporary tables vanish with a rollback, but not with a commit.
    drop_temp(cursor, MATCH)
    drop_temp(cursor, STAGE)
    return merged


def _classify(cursor) -> pl.DataFrame:
    different = " OR ".join([f"r.sold_at <> {staged_sold_at()}", "r.sold_on <> s.sold_on",
                             *(f"r.{c} <> s.{c}" for c in CONTENT)])
    drop_temp(cursor, MATCH)
    cursor.execute(
        f"CREATE TEMP TABLE {MATCH} AS SELECT s.external_id, r.id AS record_id, r.sold_on AS old_sold_on, "  # noqa: S608
        f"r.outlet_id AS old_outlet_id, r.product_id AS old_product_id, "
        f"CASE WHEN {different} THEN 1 ELSE 0 END AS changed "
        f"FROM {STAGE} s JOIN {FACTS} r ON r.external_id = s.external_id"
    )
    return fetch_frame(
        cursor, f"SELECT external_id, old_sold_on, old_outlet_id, old_product_id, changed FROM {MATCH}", [],  # noqa: S608
        {"external_id": pl.String, "old_sold_on": pl.Date, "old_outlet_id": pl.Int64, "old_product_id": pl.Int64,
         "changed": pl.Int64},
    )


def _revise(cursor, batch_id: int, rules: list[Rule]) -> None:
    columns = ", ".join(("external_id", "sold_at", "sold_on", *CONTENT, "batch_id", *STATUS_COLUMNS))
    replaced_at = connection.ops.adapt_datetimefield_value(timezone.now())
    cursor.execute(
        f"INSERT INTO {REVISIONS} ({columns}, record_id, replaced_by_id, replaced_at) "  # noqa: S608
        f"SELECT {', '.join('r.' + c for c in columns.split(', '))}, r.id, %s, %s "
        f"FROM {FACTS} r JOIN {MATCH} m ON m.record_id = r.id AND m.old_sold_on = r.sold_on WHERE m.changed = 1",
        [batch_id, replaced_at],
    )
    effective, params = effective_sql(rules, sold_on="s.sold_on", activated="r.activated_on", paid="r.paid_on",
                                      ended="r.ended_on")
    assignments = ", ".join([f"sold_at = {staged_sold_at()}", "sold_on = s.sold_on", *(f"{c} = s.{c}" for c in CONTENT),
                             "batch_id = %s", f"is_effective = {effective}"])
    cursor.execute(
        f"UPDATE {FACTS} AS r SET {assignments} FROM {MATCH} m JOIN {STAGE} s ON s.external_id = m.external_id "  # noqa: S608
        f"WHERE r.id = m.record_id AND r.sold_on = m.old_sold_on AND m.changed = 1",
        [batch_id, *params],
    )


def _insert(cursor, batch_id: int, rules: list[Rule], *, anti_join: bool) -> None:
    effective, params = effective_sql(rules, sold_on="s.sold_on", activated=NULL_DATE, paid=NULL_DATE, ended=NULL_DATE)
    columns = ("external_id", "sold_at", "sold_on", *CONTENT, "batch_id", "status", "is_effective")
    values = ["s.external_id", staged_sold_at(), "s.sold_on", *(f"s.{c}" for c in CONTENT), "%s", "'new'", effective]
    where = f" WHERE NOT EXISTS (SELECT 1 FROM {MATCH} m WHERE m.external_id = s.external_id)" if anti_join else ""  # noqa: S608
    cursor.execute(
        f"INSERT INTO {FACTS} ({', '.join(columns)}) SELECT {', '.join(values)} FROM {STAGE} s{where}",  # noqa: S608
        [batch_id, *params],
    )
