"""Writing a computed run: lines in bulk (COPY on PostgreSQL, executemany on SQLite), one statement
per agent, all inside the caller's transaction."""

from pathlib import Path

import polars as pl
from django.db import connection

from qudao.sales.pipeline.db import load

from ..models import SettlementLine, Statement

BATCH_ROWS = 500_000
DB_COLUMNS = ("run_id", "agent_id", "outlet_id", "grid_id", "product_id", "external_id", "version_id", "rule_key",
              "rule_kind", "amount_fen", "held", "explanation")


def lines_to_parquet(con, path: Path) -> None:
    con.execute(f"COPY lines TO '{path}' (FORMAT parquet, COMPRESSION zstd)")


def write_lines(con, run_id: int) -> int:
    """Streams the `lines` table into the database in slices; returns the row count."""
    table = SettlementLine._meta.db_table
    select = ", ".join(c if c != "run_id" else f"{int(run_id)}::BIGINT AS run_id" for c in DB_COLUMNS)
    reader = con.sql(f"SELECT {select} FROM lines").to_arrow_reader(BATCH_ROWS)  # noqa: S608
    count = 0
    with connection.cursor() as cursor:
        for batch in reader:
            frame = pl.from_arrow(batch)
            load(cursor, table, frame)
            count += frame.height
    return count


def statement_totals(con) -> list[tuple]:
    return con.execute(
        "SELECT agent_id, sum(amount_fen)::BIGINT, sum(CASE WHEN held THEN amount_fen ELSE 0 END)::BIGINT, count(*) "
        "FROM lines GROUP BY agent_id ORDER BY agent_id"
    ).fetchall()


def write_statements(con, run_id: int) -> list[Statement]:
    rows = [Statement(run_id=run_id, agent_id=agent, total_fen=total, held_fen=held, payable_fen=total - held,
                      line_count=count) for agent, total, held, count in statement_totals(con)]
    return Statement.objects.bulk_create(rows, batch_size=1000)
