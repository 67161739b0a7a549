"""`make bench`: the import pipeline at scale, on a throwaway PostgreSQL database.

Creates the database (QUDAO_BENCH_DB, default qudao_bench) on QUDAO_BENCH_SERVER, migrates it,
seeds the master data, generates the files, runs each measurement in its own process (so each
reports its own peak memory), prints the figures with their baselines, and drops the database.
"""

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import OUTLETS, PRODUCTS, records_frame, write_csv, write_xlsx  # noqa: E402

SERVER = os.environ.get("QUDAO_BENCH_SERVER", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("QUDAO_BENCH_DB", "qudao_bench")
TARGET_CSV, TARGET_XLSX = 300_000, 150_000


def previous_month(today: dt.date) -> dt.date:
    return (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def admin(sql: str) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def measure(env: dict, *args: str) -> dict:
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "measure.py"), *args], env=env, cwd=ROOT,  # noqa: S603
                         capture_output=True, text=True, check=False)
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode or not lines:
        raise SystemExit(f"measure {' '.join(args)} failed:\n{out.stdout}\n{out.stderr[-4000:]}")
    return json.loads(lines[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=200_000)
    parser.add_argument("--bulk-rows", type=int, default=100_000)
    parser.add_argument("--rollup-records", type=int, default=10_000_000,
                        help="after the imports, grow the month to this many records and time its rollup rebuild "
                             "again (0: skip)")
    parser.add_argument("--keep", action="store_true", help="keep the database and files afterwards")
    args = parser.parse_args()

    month = previous_month(dt.date.today())
    days = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - month
    work = Path(tempfile.mkdtemp(prefix="qudao-bench-"))
    env = {**os.environ, "DATABASE_URL": f"{SERVER}/{DATABASE}", "QUDAO_VAR_DIR": str(work / "var"),
           "QUDAO_FACTS_DIR": str(work / "facts"), "DJANGO_SETTINGS_MODULE": "config.settings.dev",
           "QUDAO_LOG_LEVEL": "WARNING"}
    print(f"benchmark database {DATABASE}, month {month:%Y-%m}, work dir {work}", flush=True)
    admin(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    admin(f'CREATE DATABASE "{DATABASE}"')
    try:
        started = time.perf_counter()
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], env=env, cwd=ROOT, check=True)
        seeded = measure(env, "seed", f"{month:%Y-%m}")
        csv_path, xlsx_path = work / "records-1m.csv", work / "records-200k.xlsx"
        write_csv(records_frame(args.rows, first_day=month, days=days.days, outlets=OUTLETS, products=PRODUCTS,
                                prefix="R"), csv_path)
        write_xlsx(records_frame(args.xlsx_rows, first_day=month, days=days.days, outlets=OUTLETS,
                                 products=PRODUCTS, prefix="X", seed=2), xlsx_path)
        print(f"setup (migrate, seed {seeded['seconds']}s, files): {time.perf_counter() - started:.1f}s; "
              f"csv {csv_path.stat().st_size / 1e6:.0f} MB, xlsx {xlsx_path.stat().st_size / 1e6:.0f} MB", flush=True)

        print(f"load average before the measurements: {_load()}", flush=True)
        csv_import = measure(env, "import", str(csv_path))
        floor = measure(env, "floor", str(csv_path), f"{month:%Y-%m}")
        rollups = measure(env, "rollups", f"{month:%Y-%m}")
        bulk = measure(env, "bulk_create", str(csv_path), str(args.bulk_rows))
        xlsx_import = measure(env, "import", str(xlsx_path))
        openpyxl = measure(env, "openpyxl", str(xlsx_path))
        fastexcel = measure(env, "fastexcel", str(xlsx_path))
        report(csv_import, bulk, xlsx_import, openpyxl, fastexcel, rollups, floor, args)
        if args.rollup_records:
            grown = measure(env, "grow_month", f"{month:%Y-%m}", str(args.rollup_records))
            report_at_scale(grown, measure(env, "rollups", f"{month:%Y-%m}"))
    finally:
        if args.keep:
            print(f"kept database {DATABASE} and {work}")
        else:
            admin(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
            shutil.rmtree(work, ignore_errors=True)


def _stages(result: dict) -> str:
    return ", ".join(f"{name} {seconds:.2f}s" for name, seconds in result["stages"].items())


def _verdict(rate: float, target: int) -> str:
    if rate >= target:
        return f"target {target:,} rows/s met"
    return f"target {target:,} rows/s MISSED by {target - rate:,.0f} rows/s ({rate / target:.0%} of target)"


def _load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def report(csv_import, bulk, xlsx_import, openpyxl, fastexcel, rollups, floor, args) -> None:
    for result in (csv_import, xlsx_import):
        if result["status"] != "done" or result["rejected"]:
            raise SystemExit(f"import did not succeed: {result}")
    rate = csv_import["rows_per_s"]
    bulk_full = args.rows / bulk["rows_per_s"]
    print(f"\n(1) CSV import, {csv_import['rows']:,} rows, validated, end to end (parse, validate, attribute, hash, "
          f"COPY + merge into the partitioned table, rollups, Parquet)")
    print(f"    {csv_import['seconds']:.2f}s = {rate:,} rows/s; peak memory {csv_import['peak_mb']:.0f} MB")
    print(f"    stages: {_stages(csv_import)}")
    print(f"    baseline Django bulk_create (objects from parsed rows, no validation): {bulk['rows']:,} rows in "
          f"{bulk['seconds']:.2f}s = {bulk['rows_per_s']:,} rows/s, extrapolated to {args.rows:,} rows: "
          f"{bulk_full:.1f}s; peak {bulk['peak_mb']:.0f} MB")
    print(f"    ratio: pipeline {rate / bulk['rows_per_s']:.1f}x the bulk_create rate; {_verdict(rate, TARGET_CSV)}")
    print(f"    floor (database only, rolled back): the file's {floor['rows']:,} rows COPYed as text into an index-free "
          f"table {floor['raw_copy_s']:.2f}s (= {floor['rows'] / max(floor['raw_copy_s'], 0.01):,.0f} rows/s); the "
          f"month's {floor['records_rows']:,} stored records written into an empty copy of the partition "
          f"{floor['records_bare_s']:.2f}s without indexes, {floor['records_s']:.2f}s with its {floor['records_indexes']} "
          f"indexes; its {floor['rollups_rows']:,} rollup rows {floor['rollups_bare_s']:.2f}s without, "
          f"{floor['rollups_s']:.2f}s with the rollup's {floor['rollups_indexes']} indexes")

    xrate = xlsx_import["rows_per_s"]
    print(f"\n(2) XLSX import, {xlsx_import['rows']:,} rows, end to end: {xlsx_import['seconds']:.2f}s = {xrate:,} rows/s; "
          f"peak memory {xlsx_import['peak_mb']:.0f} MB")
    print(f"    stages: {_stages(xlsx_import)}")
    print(f"    parse only: fastexcel/calamine {fastexcel['seconds']:.2f}s vs openpyxl (read-only mode) "
          f"{openpyxl['seconds']:.2f}s = {openpyxl['seconds'] / max(fastexcel['seconds'], 0.01):.1f}x faster; openpyxl "
          f"reading alone takes {openpyxl['seconds'] / max(xlsx_import['seconds'], 0.01):.1f}x the whole import")
    print(f"    {_verdict(xrate, TARGET_XLSX)}")

    per_million = rollups["seconds"] / max(rollups["records"], 1) * 1e6
    print(f"\n(3) rollup rebuild of a month from scratch: {rollups['records']:,} records -> {rollups['rollup_rows']:,} "
          f"rollup rows in {rollups['seconds']:.2f}s; again with nothing changed: {rollups['again_seconds']:.2f}s "
          f"({rollups['again_written']} rows written)")
    print(f"    linear extrapolation to 10M records/month: ~{per_million * 10:.0f}s from scratch "
          f"(a daily file rebuilds one day: ~{per_million * 10 / 30:.1f}s)")
    print(f"\nload average at the end: {_load()} (2 cores shared with other work)")


def report_at_scale(grown: dict, rollups: dict) -> None:
    print(f"\n(4) rollup rebuild of the month grown to {grown['records']:,} records (copies of its records, written in "
          f"{grown['seconds']:.0f}s, untimed): from scratch {rollups['seconds']:.2f}s -> {rollups['rollup_rows']:,} rollup "
          f"rows; again with nothing changed: {rollups['again_seconds']:.2f}s ({rollups['again_written']} rows written); "
          f"peak {rollups['peak_mb']:.0f} MB")
    print(f"load average after (4): {_load()}")


if __name__ == "__main__":
    main()
