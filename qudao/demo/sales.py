"""Six months of demo development records (~150k a month at scale 1), made set-based in seconds.

DuckDB invents the rows (sales_sql.py) from the outlets' effective-dated assignments, so every
record carries the agent and grid its outlet had on the sale date. They go into the fact table
in one transaction (COPY on PostgreSQL, executemany on SQLite), then the daily rollups and the
reporting aggregates are rebuilt for those days, exactly as after an import.
"""

import datetime as dt
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import pyarrow as pa
from django.db import connection, transaction

from qudao.channels.models import OutletAssignment
from qudao.sales.choices import ImportKind, ImportStatus, ProductCategory
from qudao.sales.models import DevelopmentRecord, ImportBatch, Product
from qudao.sales.partitions import ensure_month_partitions
from qudao.sales.pipeline.columnar import RECORD_COLUMNS, month_key, replace_month, scratch_file
from qudao.sales.pipeline.db import next_sequence
from qudao.sales.rollups import rebuild_rollups

from .sales_sql import RECORDS_SQL, WEIGHT_SQL
from .sales_targets import seed_targets

MONTHS = 6
BASE_RECORDS_PER_MONTH = 150_000
CHUNK = 50_000
DEMO_BATCH_NAME = "demo-seed.csv"
DATE_COLUMNS = {"sold_on", "activated_on", "paid_on", "ended_on"}


@dataclass(frozen=True)
class DemoProduct:
    code: str
    name: str
    category: str
    fee_yuan: int
    weight: int  # relative share of sales


PRODUCTS = (
    DemoProduct("DM-P-5G59", "5G畅享套餐59元", ProductCategory.MOBILE_PLAN, 59, 26),
    DemoProduct("DM-P-5G129", "5G畅享套餐129元", ProductCategory.MOBILE_PLAN, 129, 10),
    DemoProduct("DM-P-BB100", "千兆宽带100元/月", ProductCategory.BROADBAND, 100, 12),
    DemoProduct("DM-P-RH169", "智慧家庭融合套餐169元", ProductCategory.CONVERGENCE, 169, 9),
    DemoProduct("DM-P-5GPHONE", "合约购机（5G手机）", ProductCategory.TERMINAL, 1999, 5),
    DemoProduct("DM-P-CARD29", "大流量卡29元", ProductCategory.CARD, 29, 28),
    DemoProduct("DM-P-CARD19", "校园卡19元", ProductCategory.CARD, 19, 10),
)
COLUMNS = (
    "external_id", "sold_at", "sold_on", "outlet_id", "agent_id", "grid_id", "product_id", "customer_hash",
    "subscriber_no", "fee_fen", "staff_code", "status", "activated_on", "paid_on", "ended_on", "is_effective",
)


def records_per_month_for(scale: float) -> int:
    return round(BASE_RECORDS_PER_MONTH * scale)


def first_day_of(as_of: dt.date, months: int = MONTHS) -> dt.date:
    """The first day of the month `months - 1` months before as_of's (six months including this one)."""
    index = as_of.year * 12 + as_of.month - 1 - (months - 1)
    return dt.date(index // 12, index % 12 + 1, 1)


def seed_sales(*, seed: int, as_of: dt.date, records_per_month: int, by=None, log: Callable[[str], None] = print) -> int:
    """Creates the demo products, one import batch and the records; returns how many records."""
    started = time.monotonic()
    first = first_day_of(as_of)
    days = [first + dt.timedelta(days=i) for i in range((as_of - first).days + 1)]
    total = round(records_per_month * len(days) * 12 / 365)
    _roomy_sqlite_cache()
    with transaction.atomic():
        products = create_products(first, by)
        batch = ImportBatch.objects.create(
            kind=ImportKind.RECORDS, filename=DEMO_BATCH_NAME, status=ImportStatus.DONE, created_by=by,
            message="demo seed",
        )
        duck = _generator(seed, first, as_of, total, products)
        ensure_month_partitions(DevelopmentRecord._meta.db_table, days)
        count = 0
        for span_first, span_last in _months(first, as_of):
            duck.execute("UPDATE params SET span_first = ?, span_last = ?", [span_first, span_last])
            count += _write_records(duck, batch.pk)
            _write_parquet(duck, batch.pk, span_first)
        ImportBatch.objects.filter(pk=batch.pk).update(rows_total=count, rows_inserted=count)
        log(f"sales: {count:,} development records over {len(days)} days in {time.monotonic() - started:.1f} s")
        rebuild_rollups(days)
        targets = seed_targets(months=[span[0] for span in _months(first, as_of)], by=by)
    log(f"sales: rollups and reporting aggregates rebuilt, {targets:,} monthly targets set "
        f"({time.monotonic() - started:.1f} s in all)")
    return count


def _roomy_sqlite_cache() -> None:
    """SQLite's default 2 MB page cache makes the fact table's secondary indexes thrash on a bulk
    load; 256 MB for this connection keeps them in memory (PostgreSQL has its own settings)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")


def create_products(active_from: dt.date, by=None) -> list[tuple[int, str, int, float, float]]:
    """The demo catalogue; returns (id, category, fee_fen, lo, hi) with [lo, hi) the share of sales."""
    created = Product.objects.bulk_create([
        Product(code=p.code, name=p.name, category=p.category, monthly_fee_fen=p.fee_yuan * 100,
                term_months=24 if p.category == ProductCategory.TERMINAL else 12, is_renewable=True,
                active_from=active_from - dt.timedelta(days=365), created_by=by)
        for p in PRODUCTS
    ])
    total, lo, shares = sum(p.weight for p in PRODUCTS), 0, []
    for product, spec in zip(created, PRODUCTS, strict=True):
        hi = lo + spec.weight
        shares.append((product.pk, spec.category, spec.fee_yuan * 100, lo / total, 1.0 if hi == total else hi / total))
        lo = hi
    return shares


def _generator(seed: int, first: dt.date, as_of: dt.date, total: int, products) -> duckdb.DuckDBPyConnection:
    duck = duckdb.connect()
    duck.execute("SET threads TO 2")
    duck.execute("CREATE TABLE params AS SELECT ?::BIGINT AS seed, ?::DATE AS first_day, ?::DATE AS as_of, "
                 "?::DOUBLE AS total, 1.0::DOUBLE AS total_weight, ?::DATE AS span_first, ?::DATE AS span_last",
                 [seed, first, as_of, total, first, as_of])
    duck.execute("CREATE TABLE products (product_id BIGINT, category VARCHAR, fee_fen BIGINT, lo DOUBLE, hi DOUBLE)")
    duck.executemany("INSERT INTO products VALUES (?, ?, ?, ?, ?)", products)
    rows = list(OutletAssignment.objects.order_by("outlet_id", "valid_from").values_list(
        "outlet_id", "outlet__code", "agent_id", "agent__code", "grid_id", "valid_from", "valid_to"))
    duck.execute("CREATE TABLE assignments (outlet_id BIGINT, outlet_code VARCHAR, agent_id BIGINT, agent_code VARCHAR, "
                 "grid_id BIGINT, "
                 "valid_from DATE, valid_to DATE)")
    if rows:
        names = ["outlet_id", "outlet_code", "agent_id", "agent_code", "grid_id", "valid_from", "valid_to"]
        duck.register("assignment_rows", pa.Table.from_pylist([dict(zip(names, r, strict=True)) for r in rows]))
        duck.execute("INSERT INTO assignments SELECT * FROM assignment_rows")
    total_weight = duck.execute(WEIGHT_SQL).fetchone()[0] or 1.0
    duck.execute("UPDATE params SET total_weight = ?", [total_weight])
    return duck


def _months(first: dt.date, last: dt.date) -> list[tuple[dt.date, dt.date]]:
    spans, day = [], first
    while day <= last:
        following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        spans.append((day, min(last, following - dt.timedelta(days=1))))
        day = following
    return spans


def _write_records(duck: duckdb.DuckDBPyConnection, batch_id: int) -> int:
    table = DevelopmentRecord._meta.db_table
    columns = ", ".join((*COLUMNS, "batch_id"))
    if connection.vendor == "postgresql":
        return _copy_records(duck, table, columns, batch_id)
    select = ", ".join(
        "strftime(sold_at_utc, '%Y-%m-%d %H:%M:%S')" if c == "sold_at" else
        f"CAST({c} AS VARCHAR)" if c in DATE_COLUMNS else c
        for c in COLUMNS
    )
    result = duck.execute(f"WITH records AS ({RECORDS_SQL}) SELECT {select}, {int(batch_id)} FROM records")  # noqa: S608
    placeholders = ", ".join(["%s"] * (len(COLUMNS) + 1))
    count = 0
    with connection.cursor() as cursor:
        while chunk := result.fetchmany(CHUNK):
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", chunk)  # noqa: S608
            count += len(chunk)
    return count


def _write_parquet(duck: duckdb.DuckDBPyConnection, batch_id: int, month: dt.date) -> None:
    """The month's columnar copy straight from the generator (the same rows, as the draws are
    hashes), as an import would leave it: settlement and fraud screening read it."""
    version = (next_sequence() - 1) * 2 + 1
    typed = {**RECORD_COLUMNS}
    select = ", ".join(
        "timezone('UTC', sold_at_utc) AS sold_at" if c == "sold_at" else f"CAST({c} AS {typed[c]}) AS {c}"
        for c in COLUMNS
    )
    path = scratch_file(".parquet")
    duck.execute(
        f"COPY (WITH records AS ({RECORDS_SQL}) SELECT {select}, CAST({int(batch_id)} AS BIGINT) AS batch_id, "  # noqa: S608
        f"CAST({version} AS BIGINT) AS version, false AS deleted FROM records) "
        f"TO '{path}' (FORMAT parquet, COMPRESSION zstd)"
    )
    replace_month(month_key(month), path, version)


def _copy_records(duck: duckdb.DuckDBPyConnection, table: str, columns: str, batch_id: int) -> int:
    select = ", ".join("sold_at_utc || '+00'" if c == "sold_at" else c for c in COLUMNS)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "records.csv")
        count = duck.execute(
            f"COPY (WITH records AS ({RECORDS_SQL}) SELECT {select}, {int(batch_id)} FROM records) "  # noqa: S608
            f"TO '{path}' (FORMAT csv, HEADER false)"
        ).fetchone()[0]
        with (
            connection.cursor() as cursor, open(path, "rb") as source,
            cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN (FORMAT csv)") as copy,
        ):
            while data := source.read(1 << 20):
                copy.write(data)
    return count
