"""Writing a computed run: every line to the run's `lines.parquet` (in agent order, so an agent's
slice reads a few row groups), and to the database only what is small — one statement per agent
and its totals per rule (`StatementItem`) — inside the caller's transaction."""

from pathlib import Path

from ..lines import LINE_COLUMNS
from ..models import Statement, StatementItem

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
    ids = dict(Statement.objects.filter(run_id=run_id).values_list("agent_id", "pk"))
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
    import duckdb
    import polars as pl

    from ..models import SettlementRun
    from .snapshot import new_run_dir

    if not run.snapshot_dir:
        folder = new_run_dir(run.pk)
        folder.mkdir(parents=True)
        run.snapshot_dir = str(folder)
        SettlementRun.objects.filter(pk=run.pk).update(snapshot_dir=run.snapshot_dir)
    schema = {"version_id": pl.Int64, "agent_id": pl.Int64, "outlet_id": pl.Int64, "grid_id": pl.Int64,
              "product_id": pl.Int64, "external_id": pl.String, "rule_key": pl.String, "rule_kind": pl.String,
              "amount_fen": pl.Int64, "held": pl.Boolean, "base_fen": pl.Int64, "n1": pl.Int64, "n2": pl.Int64,
              "day1": pl.Date, "day2": pl.Date, "note": pl.String}
    frame = pl.DataFrame([{c: row.get(c) for c in LINE_COLUMNS} for row in rows], schema=schema)
    with duckdb.connect() as con:
        con.register("given", frame)
        con.execute("CREATE TABLE lines AS SELECT * FROM given")
        lines_to_parquet(con, Path(run.snapshot_dir) / "lines.parquet", sort=True)
    return Path(run.snapshot_dir) / "lines.parquet"
