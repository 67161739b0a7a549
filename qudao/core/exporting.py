"""Exports of master data in the columns of the import template, so an export can be edited and
imported again (here or into another system).

A domain export is a function `queryset -> (headers, rows)` built with `export_table`; the
caller passes the already scoped and filtered queryset. Rows are produced from one
`values_list` query, never by touching related objects per row. `export_file` and
`export_response` turn (headers, rows) into .xlsx or .csv bytes (formula-escaped by
qudao.core.spreadsheet).
"""

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from django.http import Http404, HttpResponse

from qudao.core.importing import Column
from qudao.core.spreadsheet import write_csv, write_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FORMATS: dict[str, tuple[str, Callable[..., bytes]]] = {
    "xlsx": (XLSX, write_xlsx),
    "csv": ("text/csv; charset=utf-8", write_csv),
}
ITERATOR_CHUNK = 2000


def export_table(
    columns: Sequence[Column], records: Iterable[Sequence],
) -> tuple[list[str], Iterable[list]]:
    """`records` hold stored values in column order; each is rendered the way the template expects."""
    headers = [c.header for c in columns]
    rows = ([column.render(value) for column, value in zip(columns, record, strict=True)] for record in records)
    return headers, rows


def export_file(headers: Sequence[str], rows: Iterable[Sequence], fmt: str, title: str = "Sheet1") -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    _content_type, writer = FORMATS[fmt]
    return writer(headers, rows, title) if fmt == "xlsx" else writer(headers, rows)


def export_response(headers: Sequence[str], rows: Iterable[Sequence], fmt: str, name: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    content_type, _writer = FORMATS[fmt]
    response = HttpResponse(export_file(headers, rows, fmt), content_type=content_type)
    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{fmt}"'
    return response
