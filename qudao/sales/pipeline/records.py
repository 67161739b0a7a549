"""Validation of development-record files: every rule is an expression over the whole file.

The agent and grid of a record are never read from the file: they come from the outlet's
assignment valid on the sale date (a backward as-of join on the assignment table, exact because
assignments never overlap). A raw ID number is hashed with SHA-256 and the configured salt as
soon as the rows are valid, and dropped.
"""

import datetime as dt
from dataclasses import dataclass

import duckdb
import polars as pl
from django.conf import settings

from .cells import (
    SCIENTIFIC,
    fast_datetime,
    fast_fen,
    id_body,
    number_like,
    parse_datetime,
    parse_fen,
    resident_id_check_ok,
    with_parsed,
)
from .checks import Check, collect_errors, quoted, required, without_rows
from .files import FileRejected
from .headers import Field, Located
from .reference import References

FIELDS = (
    Field("external_id", "业务流水号", ("流水号", "受理流水号", "订单号", "业务单号"), required=True),
    Field("sold_at", "受理时间", ("发展时间", "销售时间", "受理日期"), required=True),
    Field("outlet", "网点编码", ("渠道编码", "网点代码", "发展网点编码"), required=True),
    Field("product", "产品编码", ("套餐编码", "产品代码"), required=True),
    Field("id_number", "证件号码", ("身份证号码", "身份证号", "客户证件号码")),
    Field("customer_hash", "客户标识", ("客户标识(哈希)", "客户编码(哈希)")),
    Field("subscriber_no", "号码", ("手机号码", "用户号码", "服务号码", "保单号", "号码/保单号"), required=True),
    Field("fee", "费用（元）", ("费用", "金额(元)", "金额", "保费(元)"), required=True),
    Field("staff_code", "受理员工", ("受理员工编码", "员工编码", "受理工号", "发展人编码")),
)
STAGED_COLUMNS = (
    "external_id", "sold_at", "sold_on", "outlet_id", "agent_id", "grid_id", "product_id", "customer_hash",
    "subscriber_no", "fee_fen", "staff_code",
)
_SCIENTIFIC_REASON = "是科学计数法，位数已经丢失：请在 Excel 中把该列设为文本格式后重新导出"
_OTHER_ID = r"^[0-9A-Z]{6,32}$"  # passports, permits, 15-digit IDs: accepted as they are


@dataclass
class Validated:
    good: pl.DataFrame  # STAGED_COLUMNS + row, ready to write
    errors: pl.DataFrame  # row, column, reason
    rows_total: int


def salt() -> str:
    return getattr(settings, "QUDAO_CUSTOMER_HASH_SALT", "")


def validate_records(located: Located, refs: References, *, now: dt.datetime) -> Validated:
    if "id_number" not in located.headers and "customer_hash" not in located.headers:
        raise FileRejected("缺少“证件号码”或“客户标识”列（至少需要其中一列）")
    frame = _parsed(_with_all_fields(located.frame))
    frame = _resolve(frame, refs)
    errors = collect_errors(frame, _checks(frame, refs, now), FIELDS, located.headers)
    good = _staged(without_rows(frame, errors))
    return Validated(good=good, errors=errors, rows_total=frame.height)


def _with_all_fields(frame: pl.DataFrame) -> pl.DataFrame:
    missing = [f.name for f in FIELDS if f.name not in frame.columns]
    return frame.with_columns(pl.lit(None, dtype=pl.String).alias(name) for name in missing)


def _parsed(frame: pl.DataFrame) -> pl.DataFrame:
    frame = with_parsed(frame, "sold_at", "sold_local", fast_datetime, parse_datetime)
    frame = with_parsed(frame, "fee", "fee_fen", fast_fen, parse_fen)
    return frame.with_columns(
        number_like(pl.col("external_id")).alias("ext"),
        pl.col("sold_local").dt.date().alias("sold_on"),
        number_like(pl.col("outlet")).alias("outlet_code"),
        number_like(pl.col("product")).alias("product_code"),
        number_like(pl.col("id_number")).str.to_uppercase().str.replace_all(r"[\s\-]", "").alias("id_norm"),
        pl.col("customer_hash").str.to_lowercase().alias("hash_norm"),
        number_like(pl.col("subscriber_no")).str.replace_all(r"[\s\-]", "").alias("sub"),
        number_like(pl.col("staff_code")).alias("staff"),
    ).with_columns(pl.col("row").min().over("ext").alias("first_row"), id_body(pl.col("id_norm")).alias("id_body"))


def _resolve(frame: pl.DataFrame, refs: References) -> pl.DataFrame:
    frame = frame.join(refs.outlets, on="outlet_code", how="left")
    frame = frame.join(refs.products, on="product_code", how="left")
    keyed = frame.filter(pl.col("outlet_id").is_not_null() & pl.col("sold_on").is_not_null())
    owners = (
        keyed.select("row", "outlet_id", "sold_on").sort("sold_on")
        .join_asof(refs.assignments.sort("valid_from"), left_on="sold_on", right_on="valid_from",
                   by="outlet_id", strategy="backward", check_sortedness=False)
        .filter(pl.col("agent_id").is_not_null() & (pl.col("valid_to").is_null() | (pl.col("sold_on") < pl.col("valid_to"))))
        .select("row", "agent_id", "grid_id")
    )
    frame = frame.join(owners, on="row", how="left")
    return frame.with_columns(pl.col("grid_id").is_in(refs.reach_grids.implode()).alias("in_reach"))


def _checks(frame: pl.DataFrame, refs: References, now: dt.datetime) -> list[Check]:
    ext, sold, outlet, product = pl.col("ext"), pl.col("sold_at"), pl.col("outlet_code"), pl.col("product_code")
    day = pl.col("sold_on").dt.strftime("%Y-%m-%d")
    unknown_outlet = quoted("未知的网点编码“{}”（须为受理时属于您管辖范围的网点）", outlet)
    id_number, hashed = pl.col("id_norm"), pl.col("hash_norm")
    return [
        required("external_id", ext),
        Check("external_id", ext.str.contains(SCIENTIFIC), quoted("“{}”" + _SCIENTIFIC_REASON, ext)),
        Check("external_id", ext.str.len_chars() > 64, "长度不能超过 64 个字符"),
        Check("external_id", ext.str.contains(r"\s"), quoted("“{}”不能包含空格", ext)),
        Check("external_id", pl.col("row") != pl.col("first_row"),
              quoted("业务流水号“{}”在文件中重复（与第 {} 行相同）", ext, pl.col("first_row"))),
        required("sold_at", sold),
        Check("sold_at", pl.col("sold_local").is_null(), quoted("“{}”不是有效的时间（例如 2026-10-05 14:30:00）", sold)),
        Check("sold_at", pl.col("sold_local") > pl.lit(now), quoted("受理时间“{}”晚于当前时间", sold)),
        required("outlet", outlet),
        Check("outlet", pl.col("outlet_id").is_null(), unknown_outlet),
        Check("outlet", pl.col("sold_on").is_not_null() & pl.col("agent_id").is_null(),
              quoted("网点“{}”在 {} 没有归属（尚未开业、已关闭或已合并）", outlet, day)),
        Check("outlet", pl.col("agent_id").is_not_null() & ~pl.col("in_reach"), unknown_outlet),
        required("product", product),
        Check("product", pl.col("product_id").is_null(), quoted("未知的产品编码“{}”", product)),
        Check("product", (pl.col("sold_on") < pl.col("active_from"))
              | (pl.col("active_to").is_not_null() & (pl.col("sold_on") > pl.col("active_to"))),
              quoted("产品“{}”在 {} 不在有效期内", product, day)),
        Check("id_number", id_number.is_null() & hashed.is_null(), "证件号码和客户标识至少填写一项"),
        Check("id_number", pl.col("id_number").str.contains(SCIENTIFIC), "证件号码" + _SCIENTIFIC_REASON),
        Check("id_number", id_number.str.contains(r"^\d{17}[\dX]$") & ~resident_id_check_ok(id_number, pl.col("id_body")),
              "证件号码校验位不正确（18 位身份证号码；Excel 把号码存成数字时末几位会丢失）"),
        Check("id_number", ~id_number.str.contains(_OTHER_ID), "证件号码格式不正确（应为 6–32 位数字或字母）"),
        Check("customer_hash", id_number.is_null() & ~hashed.str.contains(r"^[0-9a-f]{64}$"),
              "客户标识应为 64 位十六进制的 SHA-256 值"),
        required("subscriber_no", pl.col("sub")),
        Check("subscriber_no", pl.col("subscriber_no").str.contains(SCIENTIFIC),
              quoted("“{}”" + _SCIENTIFIC_REASON, pl.col("subscriber_no"))),
        Check("subscriber_no", ~pl.col("sub").str.contains(r"^[0-9A-Za-z][0-9A-Za-z\-]{2,31}$"),
              quoted("号码“{}”格式不正确", pl.col("subscriber_no"))),
        required("fee", pl.col("fee")),
        Check("fee", pl.col("fee_fen").is_null(), quoted("“{}”不是有效金额（元）", pl.col("fee"))),
        Check("fee", pl.col("fee_fen") < 0, quoted("费用不能为负数（“{}”）", pl.col("fee"))),
        Check("staff_code", pl.col("staff").str.len_chars() > 32, "长度不能超过 32 个字符"),
    ]


def _staged(frame: pl.DataFrame) -> pl.DataFrame:
    """The valid rows in the fact table's columns, the raw ID number hashed and gone."""
    zone = settings.TIME_ZONE
    shaped = frame.select(
        "row",
        pl.col("ext").alias("external_id"),
        pl.col("sold_local").dt.replace_time_zone(zone, ambiguous="earliest", non_existent="null").alias("sold_at"),
        "sold_on", "outlet_id", "agent_id", "grid_id", "product_id", "id_norm", "hash_norm",
        pl.col("sub").alias("subscriber_no"), "fee_fen", pl.col("staff").fill_null("").alias("staff_code"),
    )
    return hash_customers(shaped)


def hash_customers(frame: pl.DataFrame) -> pl.DataFrame:
    """SHA-256(salt + ID number) in DuckDB (vectorised); only the two columns it needs cross over."""
    ids = frame.filter(pl.col("id_norm").is_not_null()).select("row", "id_norm")
    con = duckdb.connect()
    try:
        con.register("ids", ids)
        hashed = con.sql("SELECT row, sha256(? || id_norm) AS id_hash FROM ids", params=[salt()]).pl()
    finally:
        con.close()
    return (
        frame.join(hashed, on="row", how="left")
        .with_columns(pl.coalesce("id_hash", "hash_norm").alias("customer_hash"))
        .select("row", *STAGED_COLUMNS)
    )


def customer_hash(id_number: str) -> str:
    """The stored form of one ID number (same normalisation as the import)."""
    import hashlib

    normalised = "".join(id_number.split()).replace("-", "").upper()
    return hashlib.sha256((salt() + normalised).encode()).hexdigest()
