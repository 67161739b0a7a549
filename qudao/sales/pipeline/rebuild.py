"""Rewriting a month of the columnar copy from the database (manage.py rebuild_parquet)."""

import datetime as dt

import polars as pl
from django.db import connection

from ..models import DevelopmentRecord
from ..partitions import next_month
from .columnar import FACT_COLUMNS, RECORD_COLUMNS, _literal, connect, replace_month, scratch_file
from .db import is_postgres, next_sequence

FETCH = 50_000


def parse_month(text: str) -> dt.date:
    try:
        return dt.datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        raise ValueError(f"month must look like 2026-10, not {text!r}") from None


def rebuild_month(month: str) -> int:
    """Writes the month's records, with their current status, as one Parquet file; returns the row count."""
    first = parse_month(month)
    version = (next_sequence() - 1) * 2 + 1
    dump = scratch_file(".csv")
    partial = scratch_file(".parquet")
    try:
        _dump(first, next_month(first), dump)
        columns = {c: RECORD_COLUMNS[c] for c in FACT_COLUMNS}
        spec = "{" + ", ".join(f"'{c}': '{t}'" for c, t in columns.items()) + "}"
        con = connect()
        try:
            rows = con.execute(f"SELECT count(*) FROM read_csv({_literal(dump)}, header = false, columns = {spec})").fetchone()[0]  # noqa: S608
            con.execute(
                f"COPY (SELECT *, CAST({version} AS BIGINT) AS version, false AS deleted "  # noqa: S608
                f"FROM read_csv({_literal(dump)}, header = false, columns = {spec})) "
                f"TO {_literal(partial)} (FORMAT parquet, COMPRESSION zstd)"
            )
        finally:
            con.close()
        replace_month(month, partial, version)
        return rows
    finally:
        dump.unlink(missing_ok=True)
        partial.unlink(missing_ok=True)


def _dump(first: dt.date, after: dt.date, path) -> None:
    table = DevelopmentRecord._meta.db_table
    sql = f"SELECT {', '.join(FACT_COLUMNS)} FROM {table} WHERE sold_on >= %s AND sold_on < %s"  # noqa: S608
    with connection.cursor() as cursor, open(path, "wb") as out:
        if is_postgres():
            query = cursor.mogrify(sql, [first, after])
            with cursor.copy(f"COPY ({query}) TO STDOUT (FORMAT csv)") as copy:
                for chunk in copy:
                    out.write(chunk)
            return
        cursor.execute(sql, [first, after])
        while rows := cursor.fetchmany(FETCH):
            frame = pl.DataFrame(rows, schema=FACT_COLUMNS, orient="row", infer_schema_length=None)
            frame.write_csv(out, include_header=False)
