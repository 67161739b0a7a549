"""What an uploaded fact file must pass before anything parses it, and reading it as text.

Every check here looks at bytes or zip metadata only, so a hostile file is refused quickly and
with bounded memory: an .xlsx is a zip archive, and its members' declared sizes and compression
ratios are checked before any XML is decompressed (zip bombs), as are the first bytes of each XML
member (entity expansion needs a DOCTYPE). The parsed result is a Polars frame of text cells
with the row number Excel shows (header = 1); see `read_table`.
"""

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from django.conf import settings

MB = 1024 * 1024
CSV_SUFFIXES = (".csv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
HEADER_SEARCH_ROWS = 5  # a title row (often merged) may sit above the header


class FileRejected(Exception):
    """The whole file is unusable; the message is shown to the user (Chinese)."""


def max_bytes() -> int:
    return getattr(settings, "QUDAO_FACT_IMPORT_MAX_BYTES", 512 * MB)


def max_uncompressed() -> int:
    return getattr(settings, "QUDAO_XLSX_MAX_UNCOMPRESSED_BYTES", 2048 * MB)


def max_ratio() -> int:
    return getattr(settings, "QUDAO_XLSX_MAX_COMPRESSION_RATIO", 200)


def file_kind(filename: str) -> str:
    name = filename.lower()
    if name.endswith(CSV_SUFFIXES):
        return "csv"
    if name.endswith(XLSX_SUFFIXES):
        return "xlsx"
    if name.endswith(".xls"):
        raise FileRejected("不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 .csv 后再导入")
    raise FileRejected("只支持 .xlsx 或 .csv 文件")


def check_file(path: Path, filename: str) -> str:
    """Size, type and container checks; returns "csv" or "xlsx"."""
    kind = file_kind(filename)
    size = path.stat().st_size
    if size == 0:
        raise FileRejected("文件是空的")
    if size > max_bytes():
        raise FileRejected(f"文件过大（{size / MB:.1f} MB，上限 {max_bytes() / MB:g} MB），请拆分后分批导入")
    with path.open("rb") as handle:
        head = handle.read(8192)
    if kind == "xlsx":
        if not head.startswith(b"PK\x03\x04"):
            raise FileRejected("文件扩展名是 .xlsx，但内容不是 Excel 文件")
        check_xlsx_container(path)
    elif head.startswith(b"PK\x03\x04") or b"\x00" in head:
        raise FileRejected("文件扩展名是 .csv，但内容不是文本（是否把 Excel 文件改了扩展名？）")
    return kind


def check_xlsx_container(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_sizes(members)
            names = {m.filename for m in members}
            if "xl/workbook.xml" not in names:
                raise FileRejected("无法读取 Excel 文件：不是有效的 .xlsx 工作簿")
            _check_xml_prologues(archive, members)
    except zipfile.BadZipFile:
        raise FileRejected("无法读取 Excel 文件：文件已损坏或不是 .xlsx") from None


def _check_sizes(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > 10_000:
        raise FileRejected("Excel 文件结构异常（包含的部件过多），已拒绝")
    total = sum(m.file_size for m in members)
    if total > max_uncompressed():
        raise FileRejected(
            f"Excel 文件解压后过大（{total / MB:,.0f} MB，上限 {max_uncompressed() / MB:,.0f} MB），已拒绝"
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > MB and ratio > max_ratio():
            raise FileRejected(
                f"Excel 文件压缩比异常（{member.filename} 压缩了 {ratio:,.0f} 倍），疑似压缩炸弹，已拒绝"
            )


def _check_xml_prologues(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
    for member in members:
        if member.filename.endswith((".xml", ".rels")):
            with archive.open(member) as handle:
                start = handle.read(4096)
            if b"<!DOCTYPE" in start or b"<!ENTITY" in start:
                raise FileRejected("Excel 文件包含不允许的 XML 声明（DOCTYPE/ENTITY），已拒绝")


# --- reading ------------------------------------------------------------------------------------

@dataclass
class RawTable:
    """Text cells of the file: `frame` has `row` (as Excel shows it) and one column per header."""

    headers: list[str]
    frame: pl.DataFrame
    merged_header: str = ""  # e.g. "A1:H1" when the sheet has merged cells near the top


def decode_csv(data: bytes) -> bytes:
    """UTF-8 (with or without BOM) as it is; GBK/GB18030 converted to UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030").encode("utf-8")
    except UnicodeDecodeError:
        raise FileRejected("文件编码无法识别（请使用 UTF-8 或 GBK）") from None


def read_cells(path: Path, kind: str) -> tuple[pl.DataFrame, int, str]:
    """(frame of text cells without a header, Excel number of its first row, merged ranges near the top)."""
    if kind == "csv":
        data = decode_csv(path.read_bytes())
        try:
            frame = pl.read_csv(
                data, has_header=False, infer_schema=False, truncate_ragged_lines=True, raise_if_empty=False,
            )
        except pl.exceptions.PolarsError:
            # The parser's own message may quote cells (ID numbers): never pass it on.
            raise FileRejected("无法解析 CSV 文件：引号不成对或格式错误（可在 Excel 中另存为“CSV UTF-8”后重试）") from None
        return frame, 1, ""
    return _read_xlsx(path)


def _read_xlsx(path: Path) -> tuple[pl.DataFrame, int, str]:
    import fastexcel

    try:
        reader = fastexcel.read_excel(str(path))
        sheet = reader.load_sheet(0, header_row=None, dtypes="string")
        frame = sheet.to_polars()
    except Exception as exc:  # fastexcel raises its own error types for corrupt files
        raise FileRejected(f"无法读取 Excel 文件：{str(exc).splitlines()[0][:200]}") from None
    return frame, first_sheet_row(path), ""


_FIRST_CELL = re.compile(rb'<c r="[A-Z]{1,3}(\d+)"[^>]*?(?<!/)>\s*<(?:v|is|f)\b')


def first_sheet_row(path: Path) -> int:
    """Excel number of the first row holding a value in the first sheet (calamine starts there).

    Reads only the first 256 KB of the sheet's XML; 1 when it cannot tell.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            sheet = _first_sheet_path(archive)
            with archive.open(sheet) as handle:
                start = handle.read(256 * 1024)
    except (KeyError, zipfile.BadZipFile):
        return 1
    match = _FIRST_CELL.search(start)
    return int(match.group(1)) if match else 1


def _first_sheet_path(archive: zipfile.ZipFile) -> str:
    workbook = archive.read("xl/workbook.xml")
    sheet = re.search(rb'<(?:\w+:)?sheet\b[^>]*?r:id="([^"]+)"', workbook)
    rels = archive.read("xl/_rels/workbook.xml.rels")
    if sheet:
        target = re.search(rb'Id="' + re.escape(sheet.group(1)) + rb'"[^>]*?Target="([^"]+)"', rels) or re.search(
            rb'Target="([^"]+)"[^>]*?Id="' + re.escape(sheet.group(1)) + rb'"', rels
        )
        if target:
            name = target.group(1).decode()
            return name.lstrip("/") if name.startswith("/") else f"xl/{name}"
    return "xl/worksheets/sheet1.xml"


def merged_ranges_near_top(path: Path, rows: int = HEADER_SEARCH_ROWS) -> str:
    """Merged cell ranges touching the first rows, as Excel names them ("A1:H1"); error path only."""
    from python_calamine import CalamineWorkbook

    try:
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        ranges = sheet.merged_cell_ranges or []
    except Exception:  # noqa: BLE001 - only used to explain a header problem
        return ""
    names = [f"{_cell_name(*start)}:{_cell_name(*end)}" for start, end in ranges if start[0] < rows]
    return "、".join(names[:5])


def _cell_name(row: int, col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"
