"""Settlement run benchmark (issue 4) on a throwaway PostgreSQL database.

    .venv/bin/python bench/settlement.py                      # 1M records
    .venv/bin/python bench/settlement.py --records 10000000   # province scale

Creates QUDAO_BENCH_DB (default qudao_bench_settle) on QUDAO_BENCH_SERVER, migrates, seeds bench/world.py's
master data, approves a scheme (per unit, % of fee, marginal tier by outlet, clawback), writes the month's
records set-based as the import's Parquet copy (DuckDB `range`), and measures, each step in its own process
(peak memory = ru_maxrss): the full run end to end (freeze, compute, lines to the run's Parquet file,
statements + per-rule totals to PostgreSQL), the same amounts the ERPNext/OCA way (a per-record Django ORM
loop over whole outlets' records, `--orm-records`, extrapolated linearly to 1M and 10M — an extrapolation,
not a measurement), a what-if on the run's snapshot, and the statement drill-down (a page of one agent's
lines read from the lines file, as the statement page does).
"""

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SERVER = os.environ.get("QUDAO_BENCH_SERVER", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("QUDAO_BENCH_DB", "qudao_bench_settle")
MONTH = dt.date(2026, 10, 1)
RULES = [
    {"key": "unit", "kind": "per_unit", "amounts": {"mobile_plan": "20.00"}},
    {"key": "pct", "kind": "percent_of_fee", "percent": "5"},
    {"key": "tier", "kind": "tier", "by": "outlet", "mode": "marginal",
     "bands": [{"from": 1, "amount": "0.00"}, {"from": 200, "amount": "5.00"}]},
    {"key": "claw", "kind": "clawback", "rules": ["unit"], "within_days": 60},
]
GOALS = {"run_s": 5.0, "whatif_s": 2.0, "ratio": 25.0, "peak_mb": 4096}


def emit(**figures) -> None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({**figures, "peak_mb": round(peak, 1)}, default=str), flush=True)


# --- steps (each runs in its own process) -------------------------------------------------------------

def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()


def step_seed(records: int, orm_records: int) -> None:
    from bench.world import seed_world
    from qudao.accounts.choices import Role
    from qudao.accounts.models import User
    from qudao.incentives.services import version_approve, version_create, version_submit

    started = time.perf_counter()
    seed_world(MONTH)
    author = User.objects.create_user(username="bench-author", password="bench-password-123", role=Role.SUPERVISOR)
    head = User.objects.get(username="bench-head")
    version = version_create(scheme_code="BENCH", scheme_name="Bench", effective_from=dt.date(2026, 1, 1), rules=RULES,
                             by=author)
    version_approve(version=version_submit(version=version, by=author), by=head)
    generate(records, orm_records)
    emit(step="seed", seconds=round(time.perf_counter() - started, 2))


def generate(records: int, orm_records: int) -> None:
    """The month's records as the import's Parquet copy; the first outlets' records also in the table
    (whole outlets, so the ORM loop's tier ranks match the run's)."""
    import duckdb
    import polars as pl
    from django.db import connection

    from qudao.channels.models import OutletAssignment
    from qudao.sales.models import DevelopmentRecord, Product
    from qudao.sales.partitions import ensure_month_partitions
    from qudao.sales.pipeline.columnar import RECORD_COLUMNS, month_dir
    from qudao.sales.pipeline.db import load

    owners = pl.DataFrame(list(OutletAssignment.objects.filter(valid_to__isnull=True).order_by("outlet_id")
                               .values_list("outlet_id", "agent_id", "grid_id")),
                          schema=["outlet_id", "agent_id", "grid_id"], orient="row").with_row_index("o")
    products = pl.DataFrame(list(Product.objects.order_by("pk").values_list("pk", "monthly_fee_fen")),
                            schema=["product_id", "fee_fen"], orient="row").with_row_index("p")
    outlets, per_outlet = owners.height, max(records // owners.height, 1)
    target = month_dir("records", MONTH) / "bench.parquet"
    target.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")  # sale dates in UTC, as the import's Parquet copy has them
    con.register("owners", owners)
    con.register("products", products)
    select = ", ".join(f"CAST({c} AS {t}) AS {c}" for c, t in RECORD_COLUMNS.items())
    con.execute(f"""
        COPY (SELECT {select} FROM (
          SELECT 'B' || lpad(i::VARCHAR, 9, '0') AS external_id,
                 TIMESTAMPTZ '2026-10-01 00:00:00+00' + to_seconds((i % {per_outlet}) * (2678399 // {per_outlet})) AS sold_at,
                 CAST(sold_at AS DATE) AS sold_on, w.outlet_id, w.agent_id, w.grid_id, p.product_id,
                 repeat('0', 64) AS customer_hash, '13800138000' AS subscriber_no, p.fee_fen, '' AS staff_code,
                 CASE WHEN i % 37 = 0 THEN 'cancelled' ELSE 'activated' END AS status,
                 sold_on + 1 AS activated_on, NULL::DATE AS paid_on,
                 CASE WHEN i % 37 = 0 THEN least(sold_on + 5, DATE '2026-10-31') END AS ended_on,
                 i % 37 <> 0 AS is_effective, 1 AS batch_id, 2 AS version, false AS deleted
          FROM range({records}) t(i) JOIN owners w ON w.o = (i // {per_outlet}) % {outlets}
          JOIN products p ON p.p = (i * 7) % {products.height})
        ORDER BY external_id) TO '{target}' (FORMAT parquet, COMPRESSION zstd)""")  # noqa: S608
    sample_outlets = max(1, orm_records // per_outlet)
    sample = con.sql(f"SELECT * EXCLUDE (version, deleted), strftime(sold_at, '%Y-%m-%d %H:%M:%S+00') AS sold_text "  # noqa: S608
                     f"FROM read_parquet('{target}', hive_partitioning = false) WHERE outlet_id IN "
                     f"(SELECT outlet_id FROM owners WHERE o < {sample_outlets})").pl()
    sample = sample.with_columns(pl.col("sold_text").alias("sold_at")).drop("sold_text")
    ensure_month_partitions(DevelopmentRecord._meta.db_table, [MONTH])
    with connection.cursor() as cursor:
        load(cursor, DevelopmentRecord._meta.db_table, sample)


def step_run() -> None:
    from qudao.accounts.models import User
    from qudao.incentives.runs import execute_run, start_run

    head = User.objects.get(username="bench-head")
    stages = _stage_log()
    started = time.perf_counter()
    run = execute_run(start_run(period=MONTH, user=head).pk)
    seconds = time.perf_counter() - started
    emit(step="run", status=run.status, message=run.message[:300], seconds=round(seconds, 2), records=run.record_count,
         lines=run.line_count, statements=run.statement_count, total_fen=run.total_fen, run_id=run.pk,
         stages=stages[-1] if stages else "")


def _stage_log() -> list[str]:
    """The run logs its seconds per stage (freeze, compute, digest, lines.parquet, database)."""
    import logging

    kept: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            kept.append(record.getMessage())

    logger = logging.getLogger("qudao.incentives.runs")
    logger.addHandler(Keep())
    logger.setLevel(logging.INFO)
    return kept


def step_orm(run_id: int) -> None:
    """ERPNext/OCA style: walk the records as model instances, look up each one's product and
    assignment, compute every rule in Python Decimal (lines kept in memory, not written: the
    baseline is, if anything, flattered)."""
    from decimal import ROUND_HALF_UP, Decimal

    import duckdb

    from qudao.channels.selectors import assignment_on
    from qudao.incentives.lines import lines_path
    from qudao.incentives.models import SettlementRun
    from qudao.sales.models import DevelopmentRecord

    started = time.perf_counter()
    lines, counts, paid = [], {}, {}
    records = (DevelopmentRecord.objects.filter(sold_on__gte=MONTH, sold_on__lt=dt.date(2026, 11, 1))
               .select_related("product").order_by("outlet_id", "sold_at", "external_id"))
    for record in records.iterator(chunk_size=2000):
        assignment = assignment_on(record.outlet_id, record.sold_on)
        agent_id = assignment.agent_id if assignment else record.agent_id
        rank = counts[record.outlet_id] = counts.get(record.outlet_id, 0) + 1
        amounts = {"unit": 2000 if record.product.category == "mobile_plan" else 0,
                   "pct": int((Decimal(record.fee_fen) * Decimal("5") / 100).quantize(Decimal(1), ROUND_HALF_UP)),
                   "tier": 500 if rank >= 200 else 0}
        if record.status in ("cancelled", "churned") and record.ended_on and (record.ended_on - record.sold_on).days <= 60:
            amounts["claw"] = -amounts["unit"]
        for key, fen in amounts.items():
            if fen:
                lines.append((agent_id, record.outlet_id, record.external_id, key, fen))
                paid[record.outlet_id] = paid.get(record.outlet_id, 0) + fen
    seconds = time.perf_counter() - started
    path = lines_path(SettlementRun.objects.get(pk=run_id))
    with duckdb.connect() as con:
        run_sum = con.execute("SELECT coalesce(sum(amount_fen), 0) FROM read_parquet(?) WHERE list_contains(?, outlet_id)",
                              [str(path), list(counts)]).fetchone()[0]
    emit(step="orm", seconds=round(seconds, 2), records=sum(counts.values()), lines=len(lines),
         orm_fen=sum(paid.values()), run_fen=run_sum)


def step_drill(run_id: int) -> None:
    """What the statement page does for one agent: count its lines, read a page of 100 (record, then
    rule), attach outlets/products; the 20 largest statements, each twice (first read, then warm)."""
    from qudao.incentives.models import Statement
    from qudao.incentives.selectors import statement_lines

    statements = list(Statement.objects.filter(run_id=run_id).select_related("run").order_by("-line_count")[:20])
    times = []
    for statement in statements * 2:
        started = time.perf_counter()
        lines = statement_lines(statement)
        page = lines[200:300]
        assert lines.count() == statement.line_count and len(page) == 100
        times.append(time.perf_counter() - started)
    times.sort()
    emit(step="drill", n=len(times), p50_ms=round(times[len(times) // 2] * 1000, 1),
         p95_ms=round(times[int(len(times) * 0.95) - 1] * 1000, 1), lines=statements[0].line_count)


def step_whatif(run_id: int) -> None:
    from qudao.accounts.models import User
    from qudao.incentives.models import SettlementRun
    from qudao.incentives.services import version_create
    from qudao.incentives.whatif import what_if

    rules = [dict(r) for r in RULES]
    rules[0] = {"key": "unit", "kind": "per_unit", "amounts": {"mobile_plan": "25.00"}}
    draft = version_create(scheme_code="BENCH", scheme_name="Bench", effective_from=dt.date(2026, 1, 1), rules=rules,
                           by=User.objects.get(username="bench-author"))
    run = SettlementRun.objects.get(pk=run_id)
    started = time.perf_counter()
    result = what_if(version=draft, run=run)
    emit(step="whatif", seconds=round(time.perf_counter() - started, 2), baseline_fen=result.baseline_fen,
         trial_fen=result.trial_fen)


# --- orchestration -------------------------------------------------------------------------------------

def admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def measure(env: dict, *args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "step", *args], env=env, cwd=ROOT,  # noqa: S603
                         capture_output=True, text=True, check=False)
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode or not lines:
        raise SystemExit(f"step {' '.join(args)} failed:\n{out.stdout[-2000:]}\n{out.stderr[-4000:]}")
    return json.loads(lines[-1])


def report(args, run, orm, whatif, drill) -> None:
    n = run["records"]
    orm_rate = orm["records"] / orm["seconds"]
    orm_at_n = n / orm_rate
    print(f"\n(1) full settlement run, {n:,} records -> {run['lines']:,} lines, {run['statements']} statements "
          f"(freeze Parquet snapshot + manifest, DuckDB compute, lines to the run's Parquet file, statements + per-rule "
          f"totals to PostgreSQL): {run['seconds']:.2f}s; "
          f"peak {run['peak_mb']:.0f} MB; goal <= {GOALS['run_s']}s at 10M")
    print(f"    stages: {run.get('stages', '')}")
    print(f"    extrapolated linearly to 10M records: ~{run['seconds'] * 1e7 / n:.1f}s")
    print(f"(2) ORM loop (ERPNext/OCA way) on {orm['records']:,} records of whole outlets: {orm['seconds']:.2f}s "
          f"= {orm_rate:,.0f} records/s; peak {orm['peak_mb']:.0f} MB; same amounts as the run for those outlets: "
          f"{'yes' if orm['orm_fen'] == orm['run_fen'] else 'NO'} ({orm['orm_fen']} vs {orm['run_fen']} fen)")
    print(f"    EXTRAPOLATED (not measured): {n:,} records ~{orm_at_n:.0f}s, 1M ~{1e6 / orm_rate:.0f}s, "
          f"10M ~{1e7 / orm_rate:.0f}s; ratio run vs ORM loop at {n:,}: {orm_at_n / run['seconds']:.1f}x "
          f"(goal >= {GOALS['ratio']:.0f}x)")
    print(f"(3) what-if on the run's snapshot (draft raises the unit amount): {whatif['seconds']:.2f}s; "
          f"peak {whatif['peak_mb']:.0f} MB; cost {whatif['baseline_fen'] / 100:,.2f} -> {whatif['trial_fen'] / 100:,.2f} "
          f"yuan; goal <= {GOALS['whatif_s']}s")
    print(f"(4) statement drill-down (count + a page of 100 of one agent's lines from the run's file, {drill['n']} reads of "
          f"the 20 largest statements, up to {drill['lines']:,} lines each): p50 {drill['p50_ms']} ms, p95 {drill['p95_ms']} ms; "
          f"goal <= 300 ms")
    print(f"\nload average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())} (2 cores shared with other work)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--orm-records", type=int, default=20_000)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="qudao-bench-settle-"))
    env = {**os.environ, "DATABASE_URL": f"{SERVER}/{DATABASE}", "QUDAO_VAR_DIR": str(work / "var"),
           "QUDAO_FACTS_DIR": str(work / "facts"), "DJANGO_SETTINGS_MODULE": "config.settings.dev",
           "QUDAO_LOG_LEVEL": "WARNING"}
    admin(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    admin(f'CREATE DATABASE "{DATABASE}"')
    try:
        started = time.perf_counter()
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], env=env, cwd=ROOT, check=True)  # noqa: S603
        seeded = measure(env, "seed", str(args.records), str(args.orm_records))
        print(f"setup (migrate, seed + generate {seeded['seconds']}s): {time.perf_counter() - started:.1f}s", flush=True)
        run = measure(env, "run")
        if run["status"] != "done":
            raise SystemExit(f"run failed: {run}")
        orm = measure(env, "orm", str(run["run_id"]))
        whatif = measure(env, "whatif", str(run["run_id"]))
        drill = measure(env, "drill", str(run["run_id"]))
        report(args, run, orm, whatif, drill)
    finally:
        if args.keep:
            print(f"kept database {DATABASE} and {work}")
        else:
            admin(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "step":
        _django()
        name, rest = sys.argv[2], sys.argv[3:]
        {"seed": lambda: step_seed(int(rest[0]), int(rest[1])), "run": step_run,
         "orm": lambda: step_orm(int(rest[0])), "whatif": lambda: step_whatif(int(rest[0])),
         "drill": lambda: step_drill(int(rest[0]))}[name]()
    else:
        main()
