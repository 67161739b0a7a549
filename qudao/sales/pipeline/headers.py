"""Finding the header row and turning the file's columns into named text columns.

Headers are matched after NFKC normalisation (full-width brackets and letters become ASCII),
without spaces, case or a trailing required-marker (*). A title row above the header (often a
merged cell) is skipped: the header is the first of the top rows that holds every required
column. Unknown columns are ignored; in particular an agent column is never read, because the
agent is derived from the outlet's assignment on the sale date.
"""

import unicodedata
from dataclasses import dataclass

import polars as pl

from .files import HEADER_SEARCH_ROWS, FileRejected


@dataclass(frozen=True)
class Field:
    name: str  # the frame column it becomes
    header: str  # the template's Chinese header
    aliases: tuple[str, ...] = ()
    required: bool = False

    def matches(self, text: str) -> bool:
        return normalise(text) in {normalise(h) for h in (self.header, *self.aliases)}


def normalise(text) -> str:
    text = unicodedata.normalize("NFKC", "" if text is None else str(text))
    return "".join(text.split()).rstrip("*").lower()


@dataclass
class Located:
    frame: pl.DataFrame  # "row" (Excel row number) + one text column per field found
    headers: dict[str, str]  # field name -> header as written in the file


def locate(cells: pl.DataFrame, first_row: int, fields: tuple[Field, ...], *, merged: callable = None) -> Located:
    """`cells` are text cells without a header; `first_row` is the Excel number of its first row."""
    if cells.height == 0 or cells.width == 0:
        raise FileRejected("文件是空的")
    top = [cells.row(i) for i in range(min(HEADER_SEARCH_ROWS, cells.height))]
    matches = [_match(values, fields) for values in top]
    required = [f for f in fields if f.required]
    index = next((i for i, m in enumerate(matches) if all(f.name in m for f in required)), None)
    if index is None:
        raise FileRejected(_missing_message(matches, required, merged))
    positions = matches[index]
    _refuse_duplicates(top[index], fields)
    body = cells.slice(index + 1)
    frame = pl.DataFrame({
        "row": pl.int_range(body.height, dtype=pl.Int64, eager=True) + first_row + index + 1,
        **{name: _clean(body.to_series(pos)) for name, pos in positions.items()},
    })
    present = [name for name in positions]
    if present:
        frame = frame.filter(~pl.all_horizontal(pl.col(present).is_null()))
    if frame.height == 0:
        raise FileRejected(f"文件中没有数据行（第 {first_row + index} 行是列名，数据应从下一行开始）")
    return Located(frame, {name: str(top[index][pos]).strip() for name, pos in positions.items()})


def _match(values: tuple, fields: tuple[Field, ...]) -> dict[str, int]:
    found: dict[str, int] = {}
    for position, value in enumerate(values):
        if value is None:
            continue
        for f in fields:
            if f.name not in found and f.matches(value):
                found[f.name] = position
    return found


def _refuse_duplicates(values: tuple, fields: tuple[Field, ...]) -> None:
    for f in fields:
        hits = [v for v in values if v is not None and f.matches(v)]
        if len(hits) > 1:
            raise FileRejected(f"列“{f.header}”出现了不止一次（{'、'.join(str(h) for h in hits)}）")


def _missing_message(matches: list[dict], required: list[Field], merged) -> str:
    best = max(matches, key=len) if matches else {}
    missing = [f.header for f in required if f.name not in best]
    message = "缺少必需的列：" + "、".join(f"“{h}”" for h in missing) + "（第 1 行应为列名）"
    ranges = merged() if merged else ""
    if ranges:
        message += f"。表头附近有合并单元格（{ranges}），请取消合并，让每一列在同一行有自己的列名"
    return message


_FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]


def _clean(cells: pl.Series) -> pl.Series:
    """Trimmed text, blank as null; an apostrophe we put before a formula-like value is removed
    (qudao.core.spreadsheet.escape_cell), so our own exports import again unchanged."""
    text = cells.cast(pl.String).str.strip_chars()
    frame = pl.DataFrame({"t": text})
    value = pl.col("t")
    if text.str.starts_with("'").any():  # rare: only then pay for the check
        escaped = value.str.starts_with("'") & value.str.slice(1, 1).is_in(_FORMULA_STARTS)
        value = pl.when(escaped).then(value.str.slice(1)).otherwise(value)
    return frame.select(pl.when(value.str.len_bytes() == 0).then(None).otherwise(value).alias("t"))["t"]
