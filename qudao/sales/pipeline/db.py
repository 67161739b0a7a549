"""The database side of the pipeline: temporary staging tables and the few dialect differences.

PostgreSQL receives rows with `COPY ... FROM STDIN` (CSV written by Polars, in slices, so memory
stays bounded); SQLite with `executemany`. Both then run the same set-based SQL.
"""

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import polars as pl
from django.db import connection
from django.db.models import Max

from ..models import ImportBatch

COPY_SLICE = 100_000
FACTS_LOCK = 74_421_001  # pg_advisory_xact_lock key serialising every write to the facts


@dataclass(frozen=True)
class Col:
    name: str
    pg: str
    sqlite: str


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def create_temp(cursor, table: str, columns: Sequence[Col]) -> None:
    drop_temp(cursor, table)
    pg = is_postgres()
    body = ", ".join(f"{c.name} {c.pg if pg else c.sqlite}" for c in columns)
    cursor.execute(f"CREATE TEMP TABLE {table} ({body})")


def drop_temp(cursor, table: str) -> None:
    cursor.execute(f"DROP TABLE IF EXISTS {table}")


def _for_database(frame: pl.DataFrame) -> pl.DataFrame:
    """Timestamps as epoch seconds for PostgreSQL (cheap to parse, converted in SQL), as Django's
    UTC text for SQLite; dates as ISO text for SQLite."""
    pg = is_postgres()
    exprs = []
    for name, dtype in frame.schema.items():
        col = pl.col(name)
        if isinstance(dtype, pl.Datetime):
            utc = col.dt.convert_time_zone("UTC") if dtype.time_zone else col
            exprs.append(utc.dt.epoch("s") if pg else utc.dt.strftime("%Y-%m-%d %H:%M:%S"))
        elif dtype == pl.Date and not pg:
            exprs.append(col.dt.strftime("%Y-%m-%d"))
        elif dtype == pl.Boolean and not pg:
            exprs.append(col.cast(pl.Int8))
        else:
            exprs.append(col)
    return frame.select(exprs)


def load(cursor, table: str, frame: pl.DataFrame) -> None:
    """Appends the frame's rows to `table` (its columns, in order)."""
    if frame.height == 0:
        return
    rows = _for_database(frame)
    columns = ", ".join(rows.columns)
    if is_postgres():
        with cursor.copy(f"COPY {table} ({columns}) FROM STDIN (FORMAT csv)") as copy:
            for part in rows.iter_slices(COPY_SLICE):
                buffer = io.BytesIO()
                part.write_csv(buffer, include_header=False, quote_style="non_numeric")
                copy.write(buffer.getbuffer())
        return
    marks = ", ".join(["%s"] * rows.width)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
    for part in rows.iter_slices(COPY_SLICE):
        cursor.executemany(sql, part.iter_rows())


def fetch_frame(cursor, sql: str, params: Sequence, schema: dict) -> pl.DataFrame:
    """A query's rows as a frame (COPY TO on PostgreSQL). For bounded sets: a batch, not a month."""
    if is_postgres():
        query = cursor.mogrify(sql, params)
        buffer = io.BytesIO()
        with cursor.copy(f"COPY ({query}) TO STDOUT (FORMAT csv)") as copy:
            for chunk in copy:
                buffer.write(chunk)
        if buffer.tell() == 0:
            return pl.DataFrame(schema=schema)
        buffer.seek(0)
        text_schema = {name: (pl.String if dtype in (pl.Date, pl.Boolean) or isinstance(dtype, pl.Datetime) else dtype)
                       for name, dtype in schema.items()}
        frame = pl.read_csv(buffer, has_header=False, new_columns=list(schema), schema=text_schema)
        return _typed(frame, schema, pg=True)
    cursor.execute(sql, params)
    frame = pl.DataFrame(cursor.fetchall(), schema=list(schema), orient="row", infer_schema_length=None)
    return frame.select(_coerce(frame[name], dtype).alias(name) for name, dtype in schema.items())


def _typed(frame: pl.DataFrame, schema: dict, *, pg: bool) -> pl.DataFrame:
    return frame.select(
        (pl.col(name) == "t" if dtype == pl.Boolean else _coerce(frame[name], dtype)).alias(name)
        for name, dtype in schema.items()
    )


def _coerce(series: pl.Series, dtype) -> pl.Series:
    if series.dtype == pl.String and dtype == pl.Date:
        return series.str.to_date("%Y-%m-%d")
    return series.cast(dtype)


def staged_sold_at(alias: str = "s") -> str:
    return f"to_timestamp({alias}.sold_at)" if is_postgres() else f"{alias}.sold_at"


def days_after(later: str, earlier: str) -> str:
    if is_postgres():
        return f"({later} - {earlier})"
    return f"(julianday({later}) - julianday({earlier}))"


def differs(a: str, b: str) -> str:
    return f"({a} IS DISTINCT FROM {b})" if is_postgres() else f"({a} IS NOT {b})"


def lock_facts(cursor) -> None:
    """Serialises writers of the facts (SQLite's IMMEDIATE transactions already do)."""
    if is_postgres():
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [FACTS_LOCK])


def next_sequence() -> int:
    """The write order of batches; call under `lock_facts`."""
    return (ImportBatch.objects.aggregate(top=Max("sequence"))["top"] or 0) + 1


def in_clause(values: Iterable) -> tuple[str, list]:
    values = list(values)
    return ", ".join(["%s"] * len(values)) or "NULL", values
