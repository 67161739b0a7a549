"""Exports: the product catalogue in its import template's columns; development records streamed.

A record export is capped (RECORD_EXPORT_CAP rows): the caller counts first and refuses above it,
and rows come from one `values_list` query read in chunks. Phone/policy numbers are masked.
"""

import csv
import io
import tempfile
from collections.abc import Iterator

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook

from qudao.core.exporting import ITERATOR_CHUNK, export_table
from qudao.core.money import to_yuan
from qudao.core.spreadsheet import escape_cell

from .choices import RecordStatus
from .importers import ProductImporter
from .masking import mask_number

RECORD_EXPORT_CAP = 100_000
_PRODUCT_FIELDS = (
    "code", "name", "category", "monthly_fee_fen", "premium_fen", "term_months", "is_renewable", "active_from",
    "active_to",
)
RECORD_HEADERS = (
    "业务流水号", "受理时间", "网点编码", "网点名称", "代理商编码", "网格编码", "产品编码", "号码", "费用（元）",
    "受理员工", "状态", "有效", "激活日期", "首充日期", "撤单/离网日期",
)
_RECORD_FIELDS = (
    "external_id", "sold_at", "outlet__code", "outlet__name", "agent__code", "grid__code", "product__code",
    "subscriber_no", "fee_fen", "staff_code", "status", "is_effective", "activated_on", "paid_on", "ended_on",
)
_STATUS_LABELS = dict(RecordStatus.choices)


def product_table(queryset):
    records = queryset.order_by("code").values_list(*_PRODUCT_FIELDS).iterator(chunk_size=ITERATOR_CHUNK)
    return export_table(ProductImporter.columns, records)


def _record_rows(queryset) -> Iterator[list]:
    rows = queryset.order_by("sold_on", "external_id").values_list(*_RECORD_FIELDS).iterator(chunk_size=ITERATOR_CHUNK)
    for values in rows:
        (ext, sold_at, outlet, outlet_name, agent, grid, product, number, fee, staff, status, effective,
         activated, paid, ended) = values
        yield [
            ext, timezone.localtime(sold_at).strftime("%Y-%m-%d %H:%M:%S"), outlet, outlet_name, agent, grid,
            product, mask_number(number), to_yuan(fee), staff, str(_STATUS_LABELS.get(status, status)),
            "是" if effective else "否", activated, paid, ended,
        ]


def _filename(fmt: str) -> str:
    return f"records-{timezone.localtime():%Y%m%d-%H%M}.{fmt}"


def stream_records_csv(queryset) -> StreamingHttpResponse:
    def lines() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        buffer.write("\ufeff")
        writer.writerow(RECORD_HEADERS)
        for row in _record_rows(queryset):
            writer.writerow([escape_cell("" if v is None else v) for v in row])
            if buffer.tell() > 64 * 1024:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def records_xlsx(queryset) -> FileResponse:
    """openpyxl's write-only mode streams rows to a temporary file; the response streams the file."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("发展记录")
    ws.append(list(RECORD_HEADERS))
    for row in _record_rows(queryset):
        ws.append([escape_cell(v) for v in row])
    handle = tempfile.TemporaryFile()  # noqa: SIM115
    wb.save(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=_filename("xlsx"),
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
