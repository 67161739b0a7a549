"""Row errors as a frame: one reason per cell (the first check that fails), vectorised."""

from dataclasses import dataclass

import polars as pl

from .headers import Field

ERROR_SCHEMA = {"row": pl.Int64, "column": pl.String, "reason": pl.String}
REQUIRED = "必填，不能为空"


@dataclass(frozen=True)
class Check:
    field: str
    failed: pl.Expr  # True where the cell is wrong
    reason: pl.Expr | str  # the Chinese reason (an expression may quote the cell)


def first_failure(checks: list[Check]) -> pl.Expr | None:
    chain = None
    for check in checks:
        reason = pl.lit(check.reason) if isinstance(check.reason, str) else check.reason
        chain = pl.when(check.failed).then(reason) if chain is None else chain.when(check.failed).then(reason)
    return None if chain is None else chain.otherwise(None)


def collect_errors(frame: pl.DataFrame, checks: list[Check], fields: tuple[Field, ...], headers: dict) -> pl.DataFrame:
    """(row, column, reason) for every failing cell, ordered by row and then by column order."""
    order = [f.name for f in fields]
    # The cheap part over every row (booleans); reasons, which format text, only for rows that fail.
    flags = frame.select("row", *(check.failed.fill_null(False).alias(f"_f{i}") for i, check in enumerate(checks)))
    failing_rows = flags.filter(pl.any_horizontal(pl.exclude("row"))).select("row")
    if failing_rows.height == 0:
        return pl.DataFrame(schema=ERROR_SCHEMA)
    frame = frame.join(failing_rows, on="row", how="semi")
    by_field: dict[str, list[Check]] = {}
    for check in checks:
        by_field.setdefault(check.field, []).append(check)
    reasons = frame.select(
        "row", *(first_failure(group).cast(pl.String).alias(name) for name, group in by_field.items())
    )
    names = list(by_field)
    failing = reasons.filter(pl.any_horizontal(pl.col(names).is_not_null()))
    if failing.height == 0:
        return pl.DataFrame(schema=ERROR_SCHEMA)
    titles = {f.name: headers.get(f.name, f.header) for f in fields}
    long = failing.unpivot(index="row", variable_name="field", value_name="reason").drop_nulls("reason")
    return (
        long.with_columns(
            pl.col("field").replace_strict(titles, return_dtype=pl.String).alias("column"),
            pl.col("field").replace_strict({n: i for i, n in enumerate(order)}, return_dtype=pl.Int64).alias("position"),
        )
        .sort("row", "position")
        .select("row", "column", "reason")
    )


def without_rows(frame: pl.DataFrame, errors: pl.DataFrame) -> pl.DataFrame:
    if errors.height == 0:
        return frame
    return frame.join(errors.select("row").unique(), on="row", how="anti")


def required(field: str, value: pl.Expr) -> Check:
    return Check(field, value.is_null(), REQUIRED)


def quoted(template: str, *values: pl.Expr) -> pl.Expr:
    """pl.format with “…” quotes around cell values already in the template."""
    return pl.format(template, *values)
