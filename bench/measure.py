"""One measurement per process, so each reports its own peak memory (ru_maxrss). Prints one JSON line.

    python bench/measure.py seed | import FILE | bulk_create FILE N | openpyxl FILE | rollups YYYY-MM | floor FILE YYYY-MM
                            | grow_month YYYY-MM TOTAL
Run by bench/run.py with DATABASE_URL pointing at the throwaway benchmark database.
"""

import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

import datetime as dt  # noqa: E402

import polars as pl  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def emit(**figures) -> None:
    print(json.dumps({**figures, "peak_mb": round(peak_mb(), 1)}), flush=True)


def seed(month: str) -> None:
    from bench.world import seed_world

    started = time.perf_counter()
    seed_world(dt.date.fromisoformat(month + "-01"))
    emit(step="seed", seconds=round(time.perf_counter() - started, 2))


def run_import(path: str) -> None:
    from bench.world import IMPORTER
    from qudao.accounts.models import User
    from qudao.sales.models import ImportBatch
    from qudao.sales.services import import_batch_run

    file = Path(path)
    user = User.objects.get(username=IMPORTER)
    batch = ImportBatch.objects.create(kind="records", filename=file.name, size=file.stat().st_size, created_by=user)
    started = time.perf_counter()
    batch = import_batch_run(batch_id=batch.pk, path=file)
    seconds = time.perf_counter() - started
    emit(step="import", file=file.name, status=batch.status, rows=batch.rows_total, inserted=batch.rows_inserted,
         rejected=batch.rows_rejected, seconds=round(seconds, 2), rows_per_s=round(batch.rows_total / seconds),
         stages=batch.timings, message=batch.message, errors=batch.errors[:3])


def bulk_create(path: str, n: str) -> None:
    """The same rows as model objects through Django's bulk_create (attribution and hashing already
    done, so this is the cheaper half of the work): the baseline the COPY pipeline is compared with."""
    from django.db import transaction

    from qudao.channels.models import Outlet
    from qudao.sales.models import DevelopmentRecord, ImportBatch, Product
    from qudao.sales.partitions import ensure_month_partitions

    count = int(n)
    frame = pl.read_csv(path, n_rows=count, infer_schema=False)
    outlets = dict(Outlet.objects.values_list("code", "pk"))
    owners = dict(Outlet.objects.values_list("pk", "agent_id"))
    grids = dict(Outlet.objects.values_list("pk", "grid_id"))
    products = dict(Product.objects.values_list("code", "pk"))
    batch = ImportBatch.objects.create(kind="records", filename="bulk_create")
    from django.utils import timezone

    zone = timezone.get_current_timezone()
    started = time.perf_counter()
    objects = []
    for ext, sold, outlet, product, _id, phone, fee, staff in frame.iter_rows():
        sold_at = dt.datetime.strptime(sold, "%Y-%m-%d %H:%M:%S").replace(tzinfo=zone)
        outlet_id = outlets[outlet]
        objects.append(DevelopmentRecord(
            external_id="BC" + ext, sold_at=sold_at, sold_on=sold_at.date(), outlet_id=outlet_id,
            agent_id=owners[outlet_id], grid_id=grids[outlet_id], product_id=products[product],
            customer_hash="0" * 64, subscriber_no=phone, fee_fen=round(float(fee) * 100), staff_code=staff,
            batch_id=batch.pk,
        ))
    with transaction.atomic():
        ensure_month_partitions(DevelopmentRecord._meta.db_table, {o.sold_on for o in objects})
        DevelopmentRecord.objects.bulk_create(objects, batch_size=2000)
    seconds = time.perf_counter() - started
    DevelopmentRecord.objects.filter(batch_id=batch.pk).delete()
    emit(step="bulk_create", rows=count, seconds=round(seconds, 2), rows_per_s=round(count / seconds))


def openpyxl_read(path: str) -> None:
    from openpyxl import load_workbook

    started = time.perf_counter()
    workbook = load_workbook(path, read_only=True, data_only=True)
    rows = sum(1 for _ in workbook.worksheets[0].iter_rows(min_row=2, values_only=True))
    seconds = time.perf_counter() - started
    emit(step="openpyxl", rows=rows, seconds=round(seconds, 2), rows_per_s=round(rows / seconds))


def fastexcel_read(path: str) -> None:
    import fastexcel

    started = time.perf_counter()
    frame = fastexcel.read_excel(path).load_sheet(0, dtypes="string").to_polars()
    seconds = time.perf_counter() - started
    emit(step="fastexcel", rows=frame.height, seconds=round(seconds, 2), rows_per_s=round(frame.height / seconds))


def rollups(month: str) -> None:
    """From scratch (the month's rollup rows deleted and vacuumed first, untimed), then again with
    nothing changed (what a re-import costs)."""
    from django.db import connection

    from qudao.sales.models import DailyRollup, DevelopmentRecord
    from qudao.sales.partitions import next_month
    from qudao.sales.rollups import rebuild_rollups

    first = dt.date.fromisoformat(month + "-01")
    days = [first + dt.timedelta(days=d) for d in range((next_month(first) - first).days)]
    records = DevelopmentRecord.objects.filter(sold_on__gte=first, sold_on__lt=next_month(first)).count()
    DailyRollup.objects.filter(day__gte=first, day__lt=next_month(first)).delete()
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {DailyRollup._meta.db_table}")
    started = time.perf_counter()
    written = rebuild_rollups(days)
    scratch = time.perf_counter() - started
    started = time.perf_counter()
    rewritten = rebuild_rollups(days)
    again = time.perf_counter() - started
    emit(step="rollups", records=records, rollup_rows=written, seconds=round(scratch, 2),
         again_seconds=round(again, 2), again_written=rewritten)


def floor(path: str, month: str) -> None:
    """What the database alone costs, in transactions rolled back, after the CSV import: the file's
    bytes COPYed into an index-free table of text columns (the least any import pays), and the
    month's stored records and rollup rows written again into empty copies of their tables with
    the same indexes (the write floor of the insert and rollup stages)."""
    from django.db import connection, transaction

    from qudao.sales.models import DailyRollup, DevelopmentRecord
    from qudao.sales.partitions import next_month, partition_name

    first = dt.date.fromisoformat(month + "-01")
    partition = partition_name(DevelopmentRecord._meta.db_table, first)
    rollup = DailyRollup._meta.db_table
    figures = {}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_floor_raw (" + ", ".join(f"c{i} text" for i in range(8)) + ")")
        started = time.perf_counter()
        with open(path, "rb") as source, cursor.copy("COPY bench_floor_raw FROM STDIN (FORMAT csv, HEADER true)") as copy:
            while chunk := source.read(1 << 20):
                copy.write(chunk)
        figures["raw_copy_s"] = round(time.perf_counter() - started, 2)
        cursor.execute("SELECT count(*) FROM bench_floor_raw")
        figures["rows"] = cursor.fetchone()[0]
        for name, table, where in (("records", partition, ""), ("rollups", rollup, " WHERE day >= %s AND day < %s")):
            cursor.execute(f'CREATE TABLE bench_floor_{name} (LIKE "{table}" INCLUDING DEFAULTS INCLUDING INDEXES)')
            cursor.execute(f'CREATE TABLE bench_floor_{name}_bare (LIKE "{table}" INCLUDING DEFAULTS)')
            for target in (f"bench_floor_{name}_bare", f"bench_floor_{name}"):
                started = time.perf_counter()
                cursor.execute(f'INSERT INTO {target} SELECT * FROM "{table}"{where}',  # noqa: S608
                               [first, next_month(first)] if where else [])
                figures[f"{target.removeprefix('bench_floor_')}_s"] = round(time.perf_counter() - started, 2)
                figures[f"{name}_rows"] = cursor.rowcount
            cursor.execute("SELECT count(*) FROM pg_indexes WHERE tablename = %s", [f"bench_floor_{name}"])
            figures[f"{name}_indexes"] = cursor.fetchone()[0]
        transaction.set_rollback(True)
    emit(step="floor", **figures)


def grow_month(month: str, total: str) -> None:
    """Copies the month's records until it holds `total`, set-based in the database, so the rollup
    rebuild is measured at that size: new external ids, the same outlets, products and statuses, the
    n-th copy moved n days on within the month (so copies fill other days' groups, not only add to
    the same ones)."""
    from django.db import connection, transaction

    from qudao.sales.models import DevelopmentRecord
    from qudao.sales.partitions import next_month

    first = dt.date.fromisoformat(month + "-01")
    table = DevelopmentRecord._meta.db_table
    columns = [f.column for f in DevelopmentRecord._meta.concrete_fields if f.column not in ("id", "external_id")]
    month_rows = DevelopmentRecord.objects.filter(sold_on__gte=first, sold_on__lt=next_month(first))
    have = month_rows.count()
    missing = max(int(total) - have, 0)
    days = (next_month(first) - first).days
    shift = f"((r.sold_on - %(first)s + g) %% {days})"  # the copy's day within the month, from 0
    moved = {"sold_on": f"(%(first)s + {shift})", "sold_at": f"(r.sold_at + ({shift} - (r.sold_on - %(first)s)) * INTERVAL '1 day')"}
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (external_id, {', '.join(columns)}) "  # noqa: S608 - names from the model
            f"SELECT r.external_id || '-' || g, {', '.join(moved.get(c, f'r.{c}') for c in columns)} FROM {table} r "
            f"CROSS JOIN generate_series(1, %(copies)s) g WHERE r.sold_on >= %(first)s AND r.sold_on < %(end)s "
            f"ORDER BY g, r.sold_on LIMIT %(missing)s",
            {"copies": missing // max(have, 1) + 1, "first": first, "end": next_month(first), "missing": missing})
        cursor.execute(f"ANALYZE {table}")
    emit(step="grow_month", records=month_rows.count(), seconds=round(time.perf_counter() - started, 2))


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"seed": seed, "import": run_import, "bulk_create": bulk_create, "openpyxl": openpyxl_read,
     "fastexcel": fastexcel_read, "rollups": rollups, "floor": floor, "grow_month": grow_month}[command](*args)
