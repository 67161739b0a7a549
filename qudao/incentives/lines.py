# ruff: noqa: S608 - DuckDB SQL over a run's own lines file; values are bound as parameters.
"""A run's lines live only in its `lines.parquet` (docs/adr/0004): one row per record per rule,
written in agent order (per rule), so one agent's slice reads a few row groups. A line is identified by its
run and its row number in that file (the file never changes once the run is done).

`LineQuery` is the lazy, sliceable selection the pages, exports, API and services read: it counts
and slices like a queryset (Paginator, django-tables2), filters by agent, rule, record and held, and
attaches the outlet, product and agent of the rows it returns.
"""

import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from django.urls import reverse

from qudao.channels.models import Agent, Outlet
from qudao.sales.models import Product

from .explain import explain
from .models import SchemeVersion
from .rules import parse_rules

LINES_FILE = "lines.parquet"
# The columns of a lines file and their DuckDB types; the last six are the figures a line's
# explanation is rendered from (qudao/incentives/explain.py).
LINE_TYPES = {
    "version_id": "INTEGER", "agent_id": "INTEGER", "outlet_id": "INTEGER", "grid_id": "INTEGER",
    "product_id": "INTEGER", "external_id": "VARCHAR", "rule_key": "VARCHAR", "rule_kind": "VARCHAR",
    "amount_fen": "BIGINT", "held": "BOOLEAN",
    "base_fen": "BIGINT", "n1": "INTEGER", "n2": "INTEGER", "day1": "DATE", "day2": "DATE", "note": "VARCHAR",
}
LINE_COLUMNS = tuple(LINE_TYPES)
EXPLANATION_FIGURES = LINE_COLUMNS[-6:]
STREAM_ROWS = 10_000
LINE_SELECT = "<line columns>"  # replaced per file by _line_select


@functools.lru_cache(maxsize=512)
def _file_columns(path: str, mtime: float) -> frozenset[str]:
    with duckdb.connect() as con:
        return frozenset(row[0] for row in con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [path]).fetchall())


def _line_select(path: Path) -> str:
    """The Line fields a file has: files of earlier versions lack the explanation figures and carry
    the explanation text instead."""
    columns = _file_columns(str(path), path.stat().st_mtime)
    fields = [c if c in columns else f"NULL AS {c}" for c in LINE_COLUMNS]
    stored = "explanation" if "explanation" in columns else "NULL"
    return ", ".join(["number", *fields, f"{stored} AS stored_explanation"])


@dataclass
class Line:
    run_id: int
    number: int
    version_id: int
    agent_id: int
    outlet_id: int | None
    grid_id: int | None
    product_id: int | None
    external_id: str
    rule_key: str
    rule_kind: str
    amount_fen: int
    held: bool
    base_fen: int | None = None
    n1: int | None = None
    n2: int | None = None
    day1: dt.date | None = None
    day2: dt.date | None = None
    note: str | None = None
    stored_explanation: str | None = None  # files written before explanations were rendered on read
    agent: Agent | None = field(default=None, repr=False)
    outlet: Outlet | None = field(default=None, repr=False)
    product: Product | None = field(default=None, repr=False)
    rule: dict | None = field(default=None, repr=False)

    @property
    def explanation(self) -> str:
        """Why this amount, in the reader's language (rendered from the line's figures and its rule)."""
        return self.stored_explanation or explain(self)

    def __str__(self) -> str:
        return f"{self.external_id or '—'} · {self.rule_key}"

    @property
    def pk(self) -> int:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("incentives:line_detail", args=[self.run_id, self.number])


class LineDoesNotExist(LookupError):
    pass


def lines_path(run) -> Path | None:
    """The run's lines file, or None when the run has none (not done, failed, or its files are gone)."""
    if not run.snapshot_dir:
        return None
    path = Path(run.snapshot_dir) / LINES_FILE
    return path if path.exists() else None


class LineQuery:
    """Lines of one run, filtered; immutable (every `filter` returns a new query)."""

    def __init__(self, run, *, where: tuple = (), order: str = "number"):
        self.run, self.where, self.order = run, where, order
        self._count: int | None = None

    def _with(self, *conditions, order: str | None = None) -> "LineQuery":
        return LineQuery(self.run, where=(*self.where, *conditions), order=order or self.order)

    def filter(self, *, agent_id=None, agent_ids=None, rule_prefix=None, rule_kind=None, external_id=None, held=None,
               numbers=None) -> "LineQuery":
        conditions = []
        if rule_kind:
            conditions.append(("rule_kind = ?", str(rule_kind)))
        if agent_id is not None:
            conditions.append(("agent_id = ?", int(agent_id)))
        if agent_ids is not None:
            conditions.append(("list_contains(?, agent_id)", [int(a) for a in agent_ids]))
        if rule_prefix:
            conditions.append(("starts_with(rule_key, ?)", str(rule_prefix)))
        if external_id:
            conditions.append(("external_id = ?", str(external_id)))
        if held is not None:
            conditions.append(("held = ?", bool(held)))
        if numbers is not None:
            conditions.append(("list_contains(?, number)", [int(n) for n in numbers]))
        return self._with(*conditions)

    def in_statement_order(self) -> "LineQuery":
        """Record, then rule: how a statement reads (the slice of one agent is small)."""
        return self._with(order="external_id, rule_key, number")

    def none(self) -> "LineQuery":
        return self._with(("false", None))

    # reading ------------------------------------------------------------------------------------

    def _sql(self, select: str, tail: str = "") -> tuple[str, list]:
        path = lines_path(self.run)
        if path is None:
            return "", []
        select = select.replace(LINE_SELECT, _line_select(path))
        conditions = [c for c, _v in self.where] or ["true"]
        params = [str(path)] + [v for c, v in self.where if "?" in c]
        sql = (f"SELECT {select} FROM (SELECT file_row_number AS number, * FROM read_parquet(?, file_row_number = true)) "
               f"WHERE {' AND '.join(conditions)} {tail}")
        return sql, params

    def _fetch(self, select: str, tail: str = "") -> list[tuple]:
        sql, params = self._sql(select, tail)
        if not sql:
            return []
        with duckdb.connect() as con:
            return con.execute(sql, params).fetchall()

    def count(self) -> int:
        if self._count is None:
            rows = self._fetch("count(*)")
            self._count = rows[0][0] if rows else 0
        return self._count

    def __len__(self) -> int:
        return self.count()

    def totals(self) -> tuple[int, int]:
        """(sum of amounts, sum of held amounts) in fen."""
        rows = self._fetch("coalesce(sum(amount_fen), 0)::BIGINT, coalesce(sum(amount_fen) FILTER (WHERE held), 0)::BIGINT")
        return rows[0] if rows else (0, 0)

    def _rows(self, limit: int | None = None, offset: int = 0) -> list[Line]:
        tail = f"ORDER BY {self.order}" + (f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else "")
        rows = self._fetch(LINE_SELECT, tail)
        return attach([Line(self.run.pk, *row) for row in rows])

    def __getitem__(self, key):
        if isinstance(key, slice):
            start, stop = key.start or 0, key.stop
            if key.step not in (None, 1) or start < 0 or (stop is not None and stop < 0):
                raise ValueError("LineQuery slices are forward, step 1")
            return self._rows(None if stop is None else max(stop - start, 0), start)
        found = self._rows(1, int(key))
        if not found:
            raise IndexError(key)
        return found[0]

    def __iter__(self) -> Iterator[Line]:
        """Streams every line (one query, fetched in batches)."""
        sql, params = self._sql(LINE_SELECT, f"ORDER BY {self.order}")
        if not sql:
            return
        with duckdb.connect() as con:
            result = con.execute(sql, params)
            while batch := result.fetchmany(STREAM_ROWS):
                yield from attach([Line(self.run.pk, *row) for row in batch])

    def get(self, number: int) -> Line:
        found = self.filter(numbers=[number])._rows(1)
        if not found:
            raise LineDoesNotExist(number)
        return found[0]


def attach(lines: list[Line]) -> list[Line]:
    """Sets `agent`, `outlet`, `product` and `rule` on lines read from a file (four queries per page)."""
    if not lines:
        return lines
    agents = Agent.objects.in_bulk({x.agent_id for x in lines})
    outlets = Outlet.objects.in_bulk({x.outlet_id for x in lines if x.outlet_id})
    products = Product.objects.in_bulk({x.product_id for x in lines if x.product_id})
    rules = _rules_of({x.version_id for x in lines})
    for line in lines:
        line.agent, line.outlet, line.product = agents.get(line.agent_id), outlets.get(line.outlet_id), products.get(line.product_id)
        line.rule = rules.get((line.version_id, line.rule_key.split("#")[0]))
    return lines


def _rules_of(version_ids) -> dict[tuple[int, str], dict]:
    """(version, rule key) → the normalised rule (approved versions never change). Read leniently: a
    version approved before a later check was added still explains its lines."""
    found = {}
    for version in SchemeVersion.objects.filter(pk__in=version_ids).only("pk", "rules"):
        found.update({(version.pk, r["key"]): r for r in parse_rules(version.rules)[0]})
    return found
