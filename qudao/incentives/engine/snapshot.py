# ruff: noqa: S608 - DuckDB SQL over the run's own snapshot, built from validated rules; every literal is quoted by _lit.
"""Freezing a run's inputs as Parquet files with a SHA-256 manifest.

The facts come from the Parquet copies the import keeps (sales.pipeline.columnar); only when a
needed month has no Parquet at all are its records read from the database in one COPY/select.
Master data (products, outlets, nodes, agents, assignments, targets), the approved scheme versions,
what earlier runs paid per record and the fraud holds are small and read with plain SQL.
"""

import datetime as dt
import hashlib
import json
import math
import uuid
from pathlib import Path

import polars as pl
from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import gettext as _

from qudao.channels.models import Agent, Outlet, OutletAssignment
from qudao.core.errors import BusinessRuleError
from qudao.sales.choices import RecordStatus
from qudao.sales.models import DevelopmentRecord, Product, RecordStatusChange
from qudao.sales.partitions import month_start, next_month
from qudao.sales.pipeline.columnar import (
    FACT_COLUMNS,
    RECORD_COLUMNS,
    RECORDS,
    connect,
    month_dir,
    open_facts,
)
from qudao.sales.pipeline.db import Col, create_temp, drop_temp, fetch_frame, load
from qudao.targets.models import Target
from qudao.territory.models import TerritoryNode

from ..choices import RunStatus, VersionStatus
from ..integrations import held_external_ids
from ..lines import lines_path
from ..models import SchemeVersion, SettlementRun
from ..rules import normalise_rules, parse_rules
from . import kinds

MAX_LOOKBACK_MONTHS = 36


def runs_root() -> Path:
    return Path(getattr(settings, "QUDAO_RUNS_DIR", None) or Path(settings.QUDAO_FACTS_DIR).parent / "settlement")


def new_run_dir(run_id: int) -> Path:
    """A fresh directory per execution (ids restart in test databases; several may share the root)."""
    return runs_root() / f"run-{run_id}-{uuid.uuid4().hex[:12]}"


def _literal(value) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def period_end(period: dt.date) -> dt.date:
    return next_month(period) - dt.timedelta(days=1)


def version_payload(version: SchemeVersion) -> dict:
    return {
        "id": version.pk, "scheme": version.scheme.code, "number": version.number,
        "effective_from": version.effective_from.isoformat(),
        "effective_to": version.effective_to.isoformat() if version.effective_to else None,
        "channel_types": sorted(version.channel_types), "node_paths": sorted(n.path for n in version.nodes.all()),
        "rules": version.rules,
    }


def applicable_versions(period: dt.date) -> list[dict]:
    """Approved versions effective on some day up to the period's end (older sales may still pay)."""
    qs = (SchemeVersion.objects.filter(status=VersionStatus.APPROVED, effective_from__lte=period_end(period))
          .select_related("scheme").prefetch_related("nodes").order_by("pk"))
    return [version_payload(v) for v in qs]


def lookback_days(versions: list[dict]) -> int:
    days = 0
    for version in versions:
        for rule in normalise_rules(version["rules"]):
            days = max(days, rule.get("window_days") or 0, rule.get("within_days") or 0,
                       rule.get("no_payment_days") or 0, 31 * (rule.get("months", 1) - 1) if rule["kind"] == "revenue_share" else 0)
    return days


def months_needed(period: dt.date, versions: list[dict]) -> list[dt.date]:
    back = min(MAX_LOOKBACK_MONTHS, math.ceil(lookback_days(versions) / 28) + 1)
    months, day = [], period
    for _i in range(back + 1):
        months.append(day)
        day = month_start(day - dt.timedelta(days=1))
    return sorted(months)


def _write(frame: pl.DataFrame, path: Path) -> None:
    frame.write_parquet(path, compression="zstd")


def _frame(values, schema: dict) -> pl.DataFrame:
    return pl.DataFrame(list(values), schema=schema, orient="row")


def _records_from_database(months: list[dt.date], csv: Path) -> None:
    """Fallback for months without Parquet: one select (COPY on PostgreSQL)."""
    schema = {c: pl.String for c in FACT_COLUMNS}
    table = DevelopmentRecord._meta.db_table
    where = " OR ".join(["(sold_on >= %s AND sold_on < %s)"] * len(months))
    params = [d for m in months for d in (m, next_month(m))]
    with connection.cursor() as cursor:
        frame = fetch_frame(cursor, f"SELECT {', '.join(FACT_COLUMNS)} FROM {table} WHERE {where}", params,
                            {**schema, "sold_on": pl.Date})
    frame.write_csv(csv)


def freeze_records(months: list[dt.date], scope_path: str | None, target: Path, nodes_file: Path) -> int:
    """records.parquet: the current state of the records of `months` within the scope."""
    with_parquet = [m for m in months if any(month_dir(RECORDS, m).glob("*.parquet"))]
    without = [m for m in months if m not in with_parquet]
    con = connect()
    try:
        parts = []
        if with_parquet:
            open_facts(con, with_parquet, "facts")
            parts.append(f"SELECT {', '.join(FACT_COLUMNS)} FROM facts")
        if without:
            csv = target.with_name("db-records.csv")
            _records_from_database(without, csv)
            spec = "{" + ", ".join(f"'{c}': '{RECORD_COLUMNS[c]}'" for c in FACT_COLUMNS) + "}"
            parts.append(f"SELECT * FROM read_csv({_literal(csv)}, header = true, columns = {spec})")
        if not parts:
            parts.append("SELECT " + ", ".join(f"CAST(NULL AS {RECORD_COLUMNS[c]}) AS {c}" for c in FACT_COLUMNS)
                         + " WHERE false")
        union = " UNION ALL ".join(parts)
        scope = f"AND starts_with(n.path, {_literal(scope_path)})" if scope_path else ""
        con.execute(
            f"COPY (SELECT f.* FROM ({union}) f JOIN read_parquet({_literal(nodes_file)}) n ON n.id = f.grid_id "
            f"WHERE true {scope}) TO {_literal(target)} (FORMAT parquet, COMPRESSION zstd)"
        )
        return con.execute(f"SELECT count(*) FROM read_parquet({_literal(target)})").fetchone()[0]
    finally:
        con.close()
        target.with_name("db-records.csv").unlink(missing_ok=True)


ARREARS_IDS = "incentives_arrears_ids"


def _arrears(folder: Path) -> None:
    """arrears.parquet: for each record in arrears in the snapshot, the first day the status files
    put it in arrears (a day after the period means: not yet in arrears in it). A record without
    such a change has no row: its clawback judges the arrears at the period's end. One join in the
    database over the ids, loaded into a temporary table."""
    con = connect()
    try:
        ids = con.sql(f"SELECT DISTINCT external_id FROM read_parquet({_literal(folder / 'records.parquet')}) "
                      f"WHERE status = {_literal(RecordStatus.ARREARS)}").pl()
    finally:
        con.close()
    changes = RecordStatusChange._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        create_temp(cursor, ARREARS_IDS, [Col("external_id", "varchar(64)", "varchar(64)")])
        load(cursor, ARREARS_IDS, ids)
        first = fetch_frame(
            cursor, f"SELECT c.external_id, MIN(c.effective_on) FROM {changes} c JOIN {ARREARS_IDS} i "  # noqa: S608
            f"ON i.external_id = c.external_id WHERE c.status = %s GROUP BY c.external_id ORDER BY c.external_id",
            [RecordStatus.ARREARS], {"external_id": pl.String, "arrears_on": pl.Date})
        drop_temp(cursor, ARREARS_IDS)
    _write(first, folder / "arrears.parquet")


def _master_data(folder: Path, period: dt.date) -> None:
    _write(_frame(Product.objects.values_list("pk", "code", "category").order_by("pk"),
                  {"id": pl.Int64, "code": pl.String, "category": pl.String}), folder / "products.parquet")
    _write(_frame(Outlet.objects.values_list("pk", "outlet_type").order_by("pk"),
                  {"id": pl.Int64, "outlet_type": pl.String}), folder / "outlets.parquet")
    _write(_frame(TerritoryNode.objects.values_list("pk", "path").order_by("pk"),
                  {"id": pl.Int64, "path": pl.String}), folder / "nodes.parquet")
    _write(_frame(Agent.objects.values_list("pk", "channel_type").order_by("pk"),
                  {"id": pl.Int64, "channel_type": pl.String}), folder / "agents.parquet")
    _write(_frame(OutletAssignment.objects.values_list("outlet_id", "agent_id", "grid_id", "valid_from", "valid_to")
                  .order_by("outlet_id", "valid_from"),
                  {"outlet_id": pl.Int64, "agent_id": pl.Int64, "grid_id": pl.Int64, "valid_from": pl.Date,
                   "valid_to": pl.Date}), folder / "assignments.parquet")
    _write(_frame(Target.objects.filter(period_kind="month", period_start=period, category="", outlet__isnull=False)
                  .values_list("outlet_id", "metric", "value").order_by("outlet_id", "metric"),
                  {"outlet_id": pl.Int64, "metric": pl.String, "value": pl.Int64}), folder / "targets.parquet")


def _earlier_runs(period: dt.date):
    return SettlementRun.objects.filter(status=RunStatus.DONE, period__lt=period).order_by("pk")


def _paid(folder: Path, period: dt.date) -> None:
    """paid.parquet: per record, version and rule, what done runs of earlier periods wrote, held, and
    paid (`paid_fen`: not held, less the record's share of the run's cap cuts)."""
    files = []
    for run in _earlier_runs(period):
        path = lines_path(run)
        if path is None:
            raise BusinessRuleError(_("The lines file of settlement run %(run)s is missing (%(dir)s): restore the run's "
                                      "directory before settling a later period.") % {"run": run.pk, "dir": run.snapshot_dir or "—"})
        files.append(path)
    con = connect()
    try:
        if files:
            union = f"read_parquet([{', '.join(_literal(f) for f in files)}], union_by_name = true, filename = true)"
            # Files written before lines kept their figures have no base_fen: their caps cannot be shared out.
            has_base = "base_fen" in {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {union}").fetchall()}
            source = (f"SELECT filename AS run, external_id, version_id, rule_key, rule_kind, outlet_id, agent_id, "
                      f"amount_fen, {'base_fen' if has_base else 'NULL::BIGINT AS base_fen'}, held FROM {union}")
        else:
            source = ("SELECT '' AS run, '' AS external_id, 0::BIGINT AS version_id, '' AS rule_key, '' AS rule_kind, "
                      "0::BIGINT AS outlet_id, 0::BIGINT AS agent_id, 0::BIGINT AS amount_fen, 0::BIGINT AS base_fen, "
                      "false AS held WHERE false")
        con.execute(
            f"COPY (SELECT external_id, version_id, rule_key, sum(amount_fen)::BIGINT AS amount_fen, "
            f"sum(CASE WHEN held THEN amount_fen ELSE 0 END)::BIGINT AS held_fen, "
            f"sum(CASE WHEN held THEN 0 ELSE paid_fen END)::BIGINT AS paid_fen "
            f"FROM ({kinds.after_caps(source, _cap_cover())}) GROUP BY external_id, version_id, rule_key ORDER BY ALL) "
            f"TO {_literal(folder / 'paid.parquet')} (FORMAT parquet)"
        )
    finally:
        con.close()


USED = (VersionStatus.APPROVED, VersionStatus.RETIRED)


def _cap_cover() -> list[tuple[int, str, str]]:
    """What every version's caps cover, for sharing earlier runs' cap cuts out to their records."""
    cover = []
    for pk, rules in SchemeVersion.objects.filter(status__in=USED).values_list("pk", "rules"):
        cover += kinds.cap_cover(pk, parse_rules(rules)[0])
    return cover


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def write_manifest(folder: Path, extra: dict) -> str:
    files = {p.name: sha256_file(p) for p in sorted(folder.iterdir()) if p.name != "manifest.json"}
    manifest = json.dumps({**extra, "files": files}, sort_keys=True, indent=1).encode()
    (folder / "manifest.json").write_bytes(manifest)
    return hashlib.sha256(manifest).hexdigest()


def freeze(run: SettlementRun, on_progress=lambda pct, stage: None) -> tuple[Path, str, int]:
    """Writes the run's snapshot; returns (directory, manifest SHA-256, record count)."""
    folder = new_run_dir(run.pk)
    folder.mkdir(parents=True)
    SettlementRun.objects.filter(pk=run.pk).update(snapshot_dir=str(folder))
    versions = applicable_versions(run.period)
    (folder / "versions.json").write_text(json.dumps(versions, sort_keys=True, ensure_ascii=False, indent=1))
    _master_data(folder, run.period)
    on_progress(15, "master data")
    months = months_needed(run.period, versions)
    count = freeze_records(months, run.scope.path if run.scope_id else None, folder / "records.parquet",
                           folder / "nodes.parquet")
    on_progress(30, "records")
    _arrears(folder)
    _paid(folder, run.period)
    holds = sorted(held_external_ids(run.period))
    _write(pl.DataFrame({"external_id": holds}, schema={"external_id": pl.String}), folder / "holds.parquet")
    sha = write_manifest(folder, {"run": run.pk, "period": run.period.isoformat(),
                                  "scope": run.scope.path if run.scope_id else "", "months": [m.isoformat() for m in months]})
    return folder, sha, count


def verify_manifest(folder: Path) -> bool:
    manifest = json.loads((folder / "manifest.json").read_text())
    return all(sha256_file(folder / name) == sha for name, sha in manifest["files"].items())


