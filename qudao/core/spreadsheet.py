"""Reading and writing tabular files (xlsx via calamine/openpyxl, csv), formula-safe on export."""

import csv
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Font

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value):
    """Text starting like a formula is prefixed with an apostrophe so it is never evaluated."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def write_xlsx(headers: Sequence[str], rows: Iterable[Sequence], title: str = "Sheet1") -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=title[:31])
    ws.append([escape_cell(h) for h in headers])
    for row in rows:
        ws.append([escape_cell(v) for v in row])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_template_xlsx(headers: Sequence[str], example: Sequence, notes: Sequence[str]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "data"
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.append([escape_cell(v) for v in example])
    help_ws = wb.create_sheet("说明")
    for line in notes:
        help_ws.append([line])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_csv(headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([escape_cell(h) for h in headers])
    for row in rows:
        writer.writerow([escape_cell("" if v is None else v) for v in row])
    # BOM so that Excel on Windows opens the UTF-8 file with the right encoding.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


class FileFormatError(ValueError):
    pass


def _decode_csv(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileFormatError("文件编码无法识别（请使用 UTF-8 或 GBK）")


def read_table(data: bytes, filename: str) -> tuple[list[str], list[list]]:
    """Returns (headers, rows); rows are lists of raw cell values, blank rows dropped."""
    name = filename.lower()
    if name.endswith(".csv"):
        text = _decode_csv(data)
        reader = list(csv.reader(io.StringIO(text)))
    elif name.endswith((".xlsx", ".xls", ".xlsm")):
        from python_calamine import CalamineWorkbook

        try:
            workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
            reader = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
        except Exception as exc:  # calamine raises its own error types for corrupt files
            raise FileFormatError(f"无法读取 Excel 文件：{exc}") from exc
    else:
        raise FileFormatError("只支持 .xlsx 或 .csv 文件")
    if not reader:
        raise FileFormatError("文件是空的")
    headers = [str(h).strip() for h in reader[0]]
    rows = [list(r) for r in reader[1:]]
    return headers, rows
