"""Writing a computed run: every line to the run's `lines.parquet` (in agent order, so an agent's
slice reads a few row groups), and to the database only what is small — one statement per agent
and its totals per rule (`StatementItem`) — inside the caller's transaction."""

from pathlib import Path

import duckdb
import polars as pl

from ..lines import LINE_COLUMNS, LINE_TYPES, LINES_FILE
from ..models import SettlementRun, Statement, StatementItem
from .snapshot import new_run_dir

ROW_GROUP_ROWS = 100_000


def lines_to_parquet(con, path: Path, *, sort: bool = False) -> None:
    """The lines in the order computed: each rule's lines are in agent order (the engine reads the
    records by agent), so every row group spans few agents and an agent's slice reads about one row
    group per rule. `sort` sorts them by agent first (lines that came from elsewhere)."""
    partial = path.with_name(f".{path.name}.partial")
    order = "ORDER BY agent_id" if sort else ""
    con.execute(
        f"COPY (SELECT {', '.join(LINE_COLUMNS)} FROM lines {order}) TO '{partial}' "  # noqa: S608
        f"(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE {ROW_GROUP_ROWS})"
    )
    partial.rename(path)


def rule_totals(con) -> list[tuple]:
    return con.execute(
        "SELECT agent_id, version_id, rule_key, any_value(rule_kind), count(*), sum(amount_fen)::BIGINT, "
        "sum(CASE WHEN held THEN amount_fen ELSE 0 END)::BIGINT FROM lines GROUP BY ALL ORDER BY ALL"
    ).fetchall()


def write_statements(con, run_id: int) -> list[Statement]:
    """One statement per agent with lines, and its totals per rule; returns the statements."""
    totals = rule_totals(con)
    per_agent: dict[int, list] = {}
    for agent, *_rule, count, amount, held in totals:
        sums = per_agent.setdefault(agent, [0, 0, 0])
        sums[0], sums[1], sums[2] = sums[0] + amount, sums[1] + held, sums[2] + count
    statements = Statement.objects.bulk_create([
        Statement(run_id=run_id, agent_id=agent, total_fen=total, held_fen=held, payable_fen=total - held,
                  line_count=count) for agent, (total, held, count) in per_agent.items()
    ], batch_size=1000)
    ids = {statement.agent_id: statement.pk for statement in statements}  # bulk_create sets pks on both databases
    StatementItem.objects.bulk_create([
        StatementItem(statement_id=ids[agent], version_id=version, rule_key=key, rule_kind=kind, line_count=count,
                      amount_fen=amount, held_fen=held)
        for agent, version, key, kind, count, amount, held in totals
    ], batch_size=2000)
    return statements


def lines_file_from_rows(run, rows: list[dict]) -> Path:
    """Writes `rows` (dicts with LINE_COLUMNS keys; outlet, grid, product optional) as the run's
    lines file, giving the run a directory if it has none: for runs made outside the engine
    (fixtures, imports of another system's results)."""
    if not run.snapshot_dir:
        folder = new_run_dir(run.pk)
        folder.mkdir(parents=True)
        run.snapshot_dir = str(folder)
        SettlementRun.objects.filter(pk=run.pk).update(snapshot_dir=run.snapshot_dir)
    path = Path(run.snapshot_dir) / LINES_FILE
    frame = pl.DataFrame([{c: row.get(c) for c in LINE_COLUMNS} for row in rows], infer_schema_length=None)
    with duckdb.connect() as con:
        con.register("given", frame)
        con.execute(f"CREATE TABLE lines ({', '.join(f'{c} {t}' for c, t in LINE_TYPES.items())})")
        con.execute("INSERT INTO lines BY NAME SELECT * FROM given")
        lines_to_parquet(con, path, sort=True)
    return path
