"""Benchmark inputs, made set-based with Polars: master data rows and the CSV/XLSX files.

A development-record export from an operator is time-ordered and its serial numbers grow with
time; the generated files are too. Products are skewed (a few plans sell most), outlets uniform.
"""

import datetime as dt
import zipfile
from pathlib import Path

import polars as pl

GRIDS, AGENTS, OUTLETS, PRODUCTS, TRANSFERRED = 40, 400, 2_500, 40, 200  # the master data of bench/world.py
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
HEADERS = ["业务流水号", "受理时间", "网点编码", "产品编码", "证件号码", "号码", "费用（元）", "受理员工"]


def _valid_id(body: pl.Expr) -> pl.Expr:
    """17 digits + the GB 11643 check character."""
    total = pl.sum_horizontal(body.str.slice(i, 1).cast(pl.Int64) * w for i, w in enumerate(ID_WEIGHTS))
    return body + pl.lit("10X98765432").str.slice(total % 11, 1)


def records_frame(n: int, *, first_day: dt.date, days: int, outlets: int, products: int, prefix: str,
                  seed: int = 1) -> pl.DataFrame:
    i = pl.int_range(n, dtype=pl.Int64)

    def rnd(salt: int) -> pl.Expr:
        return i.hash(seed * 1000 + salt)

    seconds = (pl.int_range(n, dtype=pl.Int64) * (days * 86400 - 1) // max(n - 1, 1))  # evenly over the period, ordered
    skew = ((rnd(3) % 10_000).cast(pl.Float64) / 10_000) ** 2  # product popularity ~ x^2
    product = (skew * products).cast(pl.Int64)
    return pl.select(
        external_id=pl.format("{}{}", pl.lit(prefix), i.cast(pl.String).str.zfill(10)),
        sold_at=pl.lit(dt.datetime.combine(first_day, dt.time())) + pl.duration(seconds=seconds),
        outlet=pl.format("BW{}", (rnd(2) % outlets).cast(pl.String).str.zfill(6)),
        product=pl.format("BP{}", product.cast(pl.String).str.zfill(3)),
        id_number=_valid_id(pl.format("4406{}{}", (19600101 + (rnd(4) % 400) * 100 + rnd(5) % 28).cast(pl.String),
                                      (rnd(6) % 100_000).cast(pl.String).str.zfill(5))),
        phone=(13_000_000_000 + rnd(7) % 999_999_999).cast(pl.Int64),
        fee_fen=(1_900 + (product * 1_000)).cast(pl.Int64),
        staff=pl.format("YG{}", (rnd(8) % 5_000).cast(pl.String)),
    )


def write_csv(frame: pl.DataFrame, path: Path) -> None:
    frame.select(
        pl.col("external_id").alias(HEADERS[0]),
        pl.col("sold_at").dt.strftime("%Y-%m-%d %H:%M:%S").alias(HEADERS[1]),
        pl.col("outlet").alias(HEADERS[2]), pl.col("product").alias(HEADERS[3]),
        pl.col("id_number").alias(HEADERS[4]), pl.col("phone").cast(pl.String).alias(HEADERS[5]),
        pl.format("{}.{}", pl.col("fee_fen") // 100, (pl.col("fee_fen") % 100).cast(pl.String).str.zfill(2)).alias(HEADERS[6]),
        pl.col("staff").alias(HEADERS[7]),
    ).write_csv(path)


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '</Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    '</Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="发展明细" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '</Relationships>'
)
_STYLES = (  # cell style 1 = date and time (built-in number format 22), as Excel writes a typed-in time
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="22" applyNumberFormat="1"/></cellXfs>'
    '</styleSheet>'
)


def _text(col: str, ref: str) -> pl.Expr:
    return pl.format('<c r="{}" t="inlineStr"><is><t>{}</t></is></c>', pl.format(ref, pl.col("_r")), pl.col(col))


def _number(expr: pl.Expr, ref: str, style: str = "") -> pl.Expr:
    return pl.format('<c r="{}"{}><v>{}</v></c>', pl.format(ref, pl.col("_r")), pl.lit(style), expr)


def write_xlsx(frame: pl.DataFrame, path: Path) -> None:
    """An .xlsx as Excel would hold this data: times as date cells, phone numbers and fees as numbers."""
    serial = (pl.col("sold_at").dt.epoch("ms").cast(pl.Float64) / 86_400_000 + 25_569).round(8).cast(pl.String)
    fee = (pl.col("fee_fen").cast(pl.Float64) / 100).cast(pl.String)
    rows = frame.with_columns(_r=pl.int_range(2, frame.height + 2).cast(pl.String)).select(
        pl.format('<row r="{}">{}{}{}{}{}{}{}{}</row>', pl.col("_r"),
                  _text("external_id", "A{}"), _number(serial, "B{}", ' s="1"'), _text("outlet", "C{}"),
                  _text("product", "D{}"), _text("id_number", "E{}"), _number(pl.col("phone").cast(pl.String), "F{}"),
                  _number(fee, "G{}"), _text("staff", "H{}")).alias("xml")
    )
    header = "".join(f'<c r="{chr(65 + k)}1" t="inlineStr"><is><t>{h}</t></is></c>' for k, h in enumerate(HEADERS))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/styles.xml", _STYLES)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            sheet.write(f'<row r="1">{header}</row>'.encode())
            for part in rows.iter_slices(50_000):
                sheet.write("".join(part["xml"].to_list()).encode())
            sheet.write(b"</sheetData></worksheet>")
