"""Validation of status files (DEV-7): record id, status, effective date.

The file-level rules run here over the whole frame; whether each record exists (within the
uploader's reach) and was sold on or before the status date is checked in the database, set-based,
by qudao.sales.pipeline.verify.
"""

import datetime as dt
from dataclasses import dataclass

import polars as pl

from ..choices import STATUS_FILE_LABELS, RecordStatus
from .cells import number_like, parse_datetime, with_parsed
from .checks import Check, collect_errors, quoted, required, without_rows
from .headers import Field, Located

FIELDS = (
    Field("external_id", "业务流水号", ("流水号", "受理流水号", "订单号", "业务单号"), required=True),
    Field("status", "状态", ("业务状态", "状态变更", "变更类型", "状态类型"), required=True),
    Field("effective_on", "生效日期", ("生效时间", "变更日期", "变更时间", "日期"), required=True),
)
STAGED_COLUMNS = ("row", "external_id", "status", "effective_on")


def status_lookup() -> dict[str, str]:
    lookup = {str(value): str(value) for value in RecordStatus if value != RecordStatus.NEW}
    for value, labels in STATUS_FILE_LABELS.items():
        lookup.update({label: str(value) for label in labels})
    return lookup


def allowed_labels() -> str:
    return "、".join(labels[0] for labels in STATUS_FILE_LABELS.values())


def _fast_date(col: pl.Expr) -> pl.Expr:
    return col.str.to_datetime("%Y-%m-%d", strict=False, time_unit="us")


@dataclass
class ValidatedStatuses:
    good: pl.DataFrame
    errors: pl.DataFrame
    rows_total: int


def validate_statuses(located: Located, *, today: dt.date) -> ValidatedStatuses:
    frame = with_parsed(located.frame, "effective_on", "moment", _fast_date, parse_datetime).with_columns(
        number_like(pl.col("external_id")).alias("ext"),
        pl.col("status").str.to_lowercase().replace_strict(status_lookup(), default=None).alias("status_value"),
        pl.col("moment").dt.date().alias("day"),
    )
    text_date = pl.col("effective_on")
    checks = [
        required("external_id", pl.col("ext")),
        Check("external_id", pl.col("ext").str.len_chars() > 64, "长度不能超过 64 个字符"),
        required("status", pl.col("status")),
        Check("status", pl.col("status_value").is_null(),
              quoted("“{}”不是有效的状态，可选：" + allowed_labels(), pl.col("status"))),
        required("effective_on", text_date),
        Check("effective_on", pl.col("day").is_null(), quoted("“{}”不是有效日期（例如 2026-10-05）", text_date)),
        Check("effective_on", pl.col("day") > pl.lit(today), quoted("生效日期“{}”晚于今天", text_date)),
    ]
    errors = collect_errors(frame, checks, FIELDS, located.headers)
    good = without_rows(frame, errors).select(
        "row", pl.col("ext").alias("external_id"), pl.col("status_value").alias("status"), pl.col("day").alias("effective_on"),
    )
    return ValidatedStatuses(good=good, errors=errors, rows_total=frame.height)
