"""Reading and writing tabular files (xlsx via calamine/openpyxl, csv), formula-safe on export."""

import csv
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Font

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_SUFFIXES = (".xlsx", ".xls", ".xlsm")
CSV_SUFFIX = ".csv"


def escape_cell(value):
    """Text starting like a formula is prefixed with an apostrophe so it is never evaluated."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def unescape_cell(value):
    """Undoes `escape_cell`, so a file we exported can be imported again unchanged."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(_FORMULA_STARTS):
        return value[1:]
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


TEMPLATE_DATA_SHEET = "数据"
TEMPLATE_HELP_SHEET = "填写说明"


def write_template_xlsx(
    headers: Sequence[str], example: Sequence, notes: Sequence[str], required: Iterable[str] = (),
) -> bytes:
    """An empty data sheet (headers only, required ones in red) and an instructions sheet.

    The example row goes to the instructions sheet, never the data sheet, so that a user who
    forgets to delete it does not import it.
    """
    required = set(required)
    wb = Workbook()
    ws = wb.active
    ws.title = TEMPLATE_DATA_SHEET
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True, color="C00000" if cell.value in required else None)
        ws.column_dimensions[cell.column_letter].width = max(12, 2 * len(str(cell.value)) + 4)
    help_ws = wb.create_sheet(TEMPLATE_HELP_SHEET)
    help_ws.column_dimensions["A"].width = 100
    for line in notes:
        help_ws.append([escape_cell(line)])
    help_ws.append([])
    help_ws.append(["示例（请在“数据”表中填写，不要把示例行带入数据表）："])
    help_ws.append(list(headers))
    help_ws.append([escape_cell(v) for v in example])
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


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _raw_rows(data: bytes, filename: str) -> list[list]:
    name = filename.lower()
    if name.endswith(CSV_SUFFIX):
        return [list(r) for r in csv.reader(io.StringIO(_decode_csv(data)))]
    if name.endswith(EXCEL_SUFFIXES):
        from python_calamine import CalamineWorkbook

        try:
            workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
            # skip_empty_area=False keeps rows and columns where Excel shows them (row 1 is row 1).
            return workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
        except Exception as exc:  # calamine raises its own error types for corrupt files
            raise FileFormatError(f"无法读取 Excel 文件：{exc}") from exc
    raise FileFormatError("只支持 .xlsx 或 .csv 文件")


def read_numbered_rows(data: bytes, filename: str) -> tuple[list[str], list[tuple[int, list]]]:
    """Returns (headers, [(row number as Excel shows it, cells), ...]); blank rows are skipped.

    The header is the first non-blank row (row 1 in a normal file); the first sheet is read.
    """
    raw = _raw_rows(data, filename)
    numbered = [(index, row) for index, row in enumerate(raw, start=1) if not all(is_blank(v) for v in row)]
    if not numbered:
        raise FileFormatError("文件是空的")
    (_header_number, header_cells), *body = numbered
    headers = ["" if h is None else str(h).strip() for h in header_cells]
    return headers, [(number, list(row)) for number, row in body]


def read_table(data: bytes, filename: str) -> tuple[list[str], list[list]]:
    """Returns (headers, rows); rows are lists of raw cell values, blank rows dropped."""
    headers, numbered = read_numbered_rows(data, filename)
    return headers, [row for _number, row in numbered]
