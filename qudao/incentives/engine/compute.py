# ruff: noqa: S608 - DuckDB SQL over the run's own snapshot, built from validated rules; every literal is quoted by _lit.
"""Computing a run's lines with DuckDB over its snapshot only (set-based SQL per rule kind).

Rounding: every line is rounded to the fen on its own, ROUND_HALF_UP (DuckDB's decimal ROUND rounds
half away from zero, which is half up for the non-negative products computed here; negative lines —
caps and clawbacks — are differences of already rounded amounts). A statement's total is the sum of
its rounded lines, so there is no unrounded total and no rounding difference to carry.
"""

import datetime as dt
import hashlib
import json
from pathlib import Path

import duckdb
from django.conf import settings

from qudao.sales.pipeline.columnar import connect

from ..lines import EXPLANATION_FIGURES, LINE_TYPES
from ..rules import normalise_rules
from . import kinds
from .snapshot import period_end


def _lit(value) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _parquet(folder: Path, name: str) -> str:
    return f"read_parquet({_lit(folder / f'{name}.parquet')})"


def open_snapshot(folder: Path, period: dt.date, *, in_agent_order: bool = True) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with the snapshot's tables and the enriched record view `rec`."""
    con = connect()
    con.execute(f"SET memory_limit = {_lit(settings.QUDAO_SETTLEMENT_MEMORY)}")
    con.execute(f"SET temp_directory = {_lit(folder / 'spill')}")  # beyond the limit DuckDB spills here
    for name in ("records", "products", "outlets", "nodes", "agents", "assignments", "targets", "paid", "holds"):
        con.execute(f"CREATE TEMP VIEW s_{name} AS SELECT * FROM {_parquet(folder, name)}")
    if (folder / "arrears.parquet").exists():
        con.execute(f"CREATE TEMP VIEW s_arrears AS SELECT * FROM {_parquet(folder, 'arrears')}")
    else:  # a snapshot frozen before arrears carried their dates
        con.execute("CREATE TEMP VIEW s_arrears AS SELECT '' AS external_id, NULL::DATE AS arrears_on WHERE false")
    if "paid_fen" not in {row[0] for row in con.execute("DESCRIBE s_paid").fetchall()}:
        # A snapshot frozen before caps were shared out to records: what was paid is what was not held.
        con.execute(f"CREATE OR REPLACE TEMP VIEW s_paid AS SELECT *, amount_fen - held_fen AS paid_fen FROM {_parquet(folder, 'paid')}")
    # Attribution: the agent and grid the outlet belonged to on the sale date (docs/adr/0002), else the record's.
    con.execute(
        # Narrow on purpose (32-bit ids, no territory path): at 10M records this table is what fills the memory cap.
        "CREATE TEMP TABLE rec AS SELECT r.external_id, r.sold_at, r.sold_on, r.outlet_id::INTEGER AS outlet_id, "
        "coalesce(a.agent_id, r.agent_id)::INTEGER AS agent_id, coalesce(a.grid_id, r.grid_id)::INTEGER AS grid_id, "
        "r.product_id::INTEGER AS product_id, p.code AS product_code, p.category, r.fee_fen, r.status, r.activated_on, "
        "r.paid_on, r.ended_on, r.is_effective, o.outlet_type "
        "FROM s_records r LEFT JOIN s_assignments a ON a.outlet_id = r.outlet_id AND r.sold_on >= a.valid_from "
        "AND (a.valid_to IS NULL OR r.sold_on < a.valid_to) "
        "LEFT JOIN s_products p ON p.id = r.product_id LEFT JOIN s_outlets o ON o.id = r.outlet_id "
        # In agent order, so every rule's lines come out clustered by agent without sorting the lines.
        + ("ORDER BY agent_id" if in_agent_order else "")
    )
    # A line as the rules make it: everything but `held`, which the `lines` view adds from the holds.
    columns = ", ".join(f"{c} {t}" for c, t in LINE_TYPES.items() if c != "held")
    con.execute(f"CREATE TEMP TABLE raw_lines ({columns})")
    con.execute(f"SET VARIABLE p0 = DATE {_lit(period.isoformat())}")
    con.execute(f"SET VARIABLE p1 = DATE {_lit(period_end(period).isoformat())}")
    return con


def load_versions(folder: Path) -> list[dict]:
    return json.loads((folder / "versions.json").read_text())


def _version_scope(version: dict) -> str:
    """SQL condition on `rec` for the version's dates, channel types and territory."""
    to = f"DATE {_lit(version['effective_to'])}" if version["effective_to"] else "DATE '9999-12-31'"
    parts = [f"sold_on BETWEEN DATE {_lit(version['effective_from'])} AND {to}"]
    if version["channel_types"]:
        parts.append(f"outlet_type IN ({', '.join(_lit(c) for c in version['channel_types'])})")
    if version["node_paths"]:
        paths = " OR ".join(f"starts_with(path, {_lit(p)})" for p in version["node_paths"])
        parts.append(f"grid_id IN (SELECT id FROM s_nodes WHERE {paths})")
    return " AND ".join(parts)


def _effective_on(version: dict, day: str) -> bool:
    return version["effective_from"] <= day and (version["effective_to"] is None or version["effective_to"] >= day)


def compute_version(con, version: dict, period: dt.date) -> None:
    """Appends the version's lines to raw_lines: record rules, then caps, then clawbacks."""
    vid = version["id"]
    con.execute(f"SET VARIABLE vid = {int(vid)}")
    con.execute(f"CREATE OR REPLACE TEMP VIEW vr AS SELECT * FROM rec WHERE {_version_scope(version)}")
    rules = normalise_rules(version["rules"])
    for rule in rules:
        if rule["kind"] in kinds.RECORD_SQL:
            con.execute(f"INSERT INTO raw_lines SELECT {vid}, * FROM ({kinds.RECORD_SQL[rule['kind']](rule)})")
        elif rule["kind"] == "target_bonus" and _effective_on(version, period_end(period).isoformat()):
            con.execute(f"INSERT INTO raw_lines SELECT {vid}, * FROM ({kinds.target_bonus(rule)})")
    for rule in rules:
        if rule["kind"] == "cap":
            kinds.apply_cap(con, vid, rule, rules)
    for rule in rules:
        if rule["kind"] == "clawback":
            kinds.apply_clawback(con, vid, rule, rules)


def compute(folder: Path, period: dt.date, versions: list[dict] | None = None, *,
            in_agent_order: bool = True) -> duckdb.DuckDBPyConnection:
    """Runs every version over the snapshot; returns the connection holding the view `lines`.
    `in_agent_order=False` skips the sorts that only lay the lines file out by agent (what-if)."""
    con = open_snapshot(folder, period, in_agent_order=in_agent_order)
    token = kinds.IN_AGENT_ORDER.set(in_agent_order)
    try:
        for version in versions if versions is not None else load_versions(folder):
            compute_version(con, version, period)
    finally:
        kinds.IN_AGENT_ORDER.reset(token)
    # A view, not a copy: the digest, the lines file and the totals each read it once.
    con.execute("CREATE TEMP TABLE holds AS SELECT DISTINCT external_id FROM s_holds WHERE external_id <> ''")
    con.execute(
        "CREATE TEMP VIEW lines AS SELECT l.*, (l.external_id IN (SELECT external_id FROM holds)) AS held "
        "FROM raw_lines l WHERE l.amount_fen <> 0"
    )
    return con


DIGEST_COLUMNS = ("agent_id", "outlet_id", "grid_id", "product_id", "external_id", "version_id", "rule_key", "rule_kind",
                  "amount_fen", "held", *EXPLANATION_FIGURES)


def digest(con) -> str:
    """SHA-256 of the canonical JSON summary of the result, independent of line order.

    Per agent: the line count, the total, and two sums of 64-bit hashes of every line's columns
    (a multiset hash: the same lines in any order give the same sums; a changed, added or missing
    line changes them). DuckDB's `hash` is stable within a DuckDB version, so the engine version is
    part of the summary: the same snapshot and engine always give the same digest. No sort of the
    lines and no per-line text is needed (an MD5 of each line's JSON took 20× longer)."""
    columns = ", ".join(DIGEST_COLUMNS)
    reverse = ", ".join(reversed(DIGEST_COLUMNS))
    rows = con.execute(
        f"SELECT agent_id, count(*), sum(amount_fen)::BIGINT, sum(hash({columns})::HUGEINT)::VARCHAR, "
        f"sum(hash({reverse})::HUGEINT)::VARCHAR FROM lines GROUP BY agent_id ORDER BY agent_id"
    ).fetchall()
    summary = {"engine": f"duckdb {duckdb.__version__}", "agents": [list(row) for row in rows]}
    return hashlib.sha256(json.dumps(summary, separators=(",", ":")).encode()).hexdigest()
