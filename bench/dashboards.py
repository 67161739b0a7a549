"""Dashboard benchmark: 12 months × 10M development records a month (as daily rollups) for ~20k
outlets in a throwaway PostgreSQL database, then p50/p95 of the progress pages and API.

    .venv/bin/python bench/dashboards.py [--records-per-month 10000000] [--outlets 20000] [--months 12]
                                         [--requests 50] [--keep]

The rollup rows are generated directly with set-based SQL (generate_series), not through the
import. The baseline is the same summary + daily-series query on the raw sales_dailyrollup
table (what a dashboard would cost without qudao.reporting's aggregates).
Needs PostgreSQL at BENCH_PG (default postgres://postgres@127.0.0.1:5432); creates and drops
the database qudao_bench_dash.
"""

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB_NAME = "qudao_bench_dash"


def main() -> None:
    args = _arguments()
    if not args.reuse:
        _recreate_database()
    os.environ["DATABASE_URL"] = f"{SERVER}/{DB_NAME}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    try:
        from dashboards_data import build_world, find_world, refresh_all, time_refreshes
        from dashboards_timing import time_endpoints
        from django.core.management import call_command

        if args.reuse:
            world = find_world(_log)
        else:
            started = time.monotonic()
            call_command("migrate", verbosity=0)
            _log(f"migrated in {time.monotonic() - started:.0f} s")
            started = time.monotonic()
            world = build_world(args.outlets, args.months, args.records_per_month, log=_log)
            _log(f"data ready in {time.monotonic() - started:.0f} s")
            refresh_all(world, log=_log)
        time_refreshes(world, log=_log)
        time_endpoints(world, args.requests, log=print)
    finally:
        from django.db import connections

        connections.close_all()
        if not (args.keep or args.reuse):
            _drop_database()


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records-per-month", type=int, default=10_000_000)
    parser.add_argument("--outlets", type=int, default=20_000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="time again on the database a --keep run left")
    return parser.parse_args()


def _admin_connection():
    import psycopg

    return psycopg.connect(f"{SERVER}/postgres", autocommit=True)


def _recreate_database() -> None:
    with _admin_connection() as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
        admin.execute(f"CREATE DATABASE {DB_NAME}")


def _drop_database() -> None:
    with _admin_connection() as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")


def _log(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", flush=True)


if __name__ == "__main__":
    main()
