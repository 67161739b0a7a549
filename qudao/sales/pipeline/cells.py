"""Vectorised cell parsers: Polars expressions over a whole column, never a loop per row.

Each parser returns null where the text is not valid; the validators turn "text present but
parsed value null" into a row error with the offending text. `with_parsed` runs a cheap parser
for the common format over the whole column and the general one only over the rows it missed
(regular expressions over a million cells cost seconds; a fixed-format parse, milliseconds).
"""

import datetime as dt
from collections.abc import Callable

import polars as pl

_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_SERIAL = r"^\d{5}(\.\d+)?$"  # Excel's days since 1899-12-30 (a date cell saved as a number)
_DATE_TIME = r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:\s+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?$"
_COMPACT = r"^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?$"
SCIENTIFIC = r"^[+-]?\d+(\.\d+)?[eE][+-]?\d+$"


def number_like(col: pl.Expr) -> pl.Expr:
    """Codes and numbers Excel stored as floats: "13800138000.0" is the text "13800138000"."""
    return pl.when(col.str.contains(r"^\d+\.0+$")).then(col.str.replace(r"\.0+$", "")).otherwise(col)


def _normalise_datetime_text(col: pl.Expr) -> pl.Expr:
    text = col.str.replace(r"(\d{1,2}:\d{1,2}:\d{1,2})\.\d+$", "$1")  # fractions of a second
    text = text.str.replace_all("[年月/]", "-").str.replace_all("日", " ").str.replace("T", " ")
    text = text.str.replace(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})", "$1-$2-$3")
    return text.str.replace_all(r"\s+", " ").str.strip_chars()


def _compose(groups: pl.Expr) -> pl.Expr:
    part = [groups.struct.field(f"g{i}") for i in range(6)]
    return pl.format(
        "{}-{}-{} {}:{}:{}",
        part[0], part[1].str.zfill(2), part[2].str.zfill(2),
        part[3].fill_null("0").str.zfill(2), part[4].fill_null("0").str.zfill(2), part[5].fill_null("0").str.zfill(2),
    ).str.to_datetime("%Y-%m-%d %H:%M:%S", strict=False, time_unit="us")


def _groups(text: pl.Expr, pattern: str) -> pl.Expr:
    named = pattern.replace("(\\d", "(?P<g{}>\\d")
    for i in range(6):
        named = named.replace("(?P<g{}>", f"(?P<g{i}>", 1)
    return text.str.extract_groups(named)


def parse_datetime(col: pl.Expr) -> pl.Expr:
    """Local naive datetime from "2026-10-05 14:30[:00]", "2026/10/5", "2026年10月5日", "20261005143000",
    an ISO "T" time or an Excel serial number; null when the text is no valid time (31 February)."""
    text = _normalise_datetime_text(col)
    serial = (
        pl.lit(_EXCEL_EPOCH)
        + pl.duration(seconds=(text.cast(pl.Float64, strict=False) * 86400).round(0).cast(pl.Int64))
    )
    return (
        pl.when(text.str.contains(_SERIAL)).then(serial)
        .when(text.str.contains(_DATE_TIME)).then(_compose(_groups(text, _DATE_TIME)))
        .when(text.str.contains(_COMPACT)).then(_compose(_groups(text, _COMPACT)))
        .otherwise(None)
    )


def parse_fen(col: pl.Expr) -> pl.Expr:
    """Integer fen from yuan text ("39.90", "1,234.5", "￥30", "12.345" → 1235), rounding half up on
    the digits themselves, never through a float. Negative amounts stay negative (the caller refuses
    them); anything else that is not a plain amount is null."""
    text = col.str.replace_all(r"[,，¥￥\s]", "").str.replace(r"元$", "")
    parts = text.str.extract_groups(r"^(?P<sign>-?)(?P<int>\d{1,13})(?:\.(?P<frac>\d*))?$")
    frac = parts.struct.field("frac").fill_null("") + "000"
    cents = (
        parts.struct.field("int").cast(pl.Int64, strict=False) * 100
        + frac.str.slice(0, 2).cast(pl.Int64, strict=False)
        + (frac.str.slice(2, 1).cast(pl.Int64, strict=False) >= 5).cast(pl.Int64)
    )
    return pl.when(parts.struct.field("sign") == "-").then(-cents).otherwise(cents)


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_body(col: pl.Expr) -> pl.Expr:
    """The first 17 characters of an ID number as an integer (null unless all digits)."""
    return col.str.slice(0, 17).str.to_integer(strict=False)


def resident_id_check_ok(col: pl.Expr, body: pl.Expr | None = None) -> pl.Expr:
    """GB 11643 check character of an 18-character resident ID number (True/False; null if the first
    17 characters are not digits). Integer arithmetic on the 17-digit body — pass `body` as an
    existing column (`id_body`), or it is computed 17 times over."""
    body = id_body(col) if body is None else body
    total = sum(((body // 10 ** (16 - i)) % 10) * weight for i, weight in enumerate(_ID_WEIGHTS))
    expected = (total % 11).replace_strict(dict(enumerate(_ID_CHECK)), return_dtype=pl.String)
    return col.str.slice(17, 1) == expected


FAST_DATETIME = "%Y-%m-%d %H:%M:%S"


def fast_datetime(col: pl.Expr) -> pl.Expr:
    return col.str.to_datetime(FAST_DATETIME, strict=False, time_unit="us")


def fast_fen(col: pl.Expr) -> pl.Expr:
    """"39.90" and "39" directly; anything else is left to `parse_fen`."""
    return (
        pl.when(col.str.contains(r"^\d{1,13}\.\d{2}$")).then(col.str.replace(".", "", literal=True).cast(pl.Int64, strict=False))
        .when(col.str.contains(r"^\d{1,13}$")).then(col.cast(pl.Int64, strict=False) * 100)
        .otherwise(None)
    )


def with_parsed(frame: pl.DataFrame, source: str, target: str, fast: Callable, general: Callable) -> pl.DataFrame:
    """Adds `target` parsed from `source`: `fast` over every row, `general` over the rows it left null.
    The frame must have a unique `row` column."""
    frame = frame.with_columns(fast(pl.col(source)).alias(target))
    missed = frame.filter(pl.col(target).is_null() & pl.col(source).is_not_null())
    if missed.height == 0:
        return frame
    fixed = missed.select("row", general(pl.col(source)).alias("_general"))
    return frame.join(fixed, on="row", how="left").with_columns(
        pl.coalesce(target, "_general").alias(target)
    ).drop("_general")
