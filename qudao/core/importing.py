"""All-or-nothing import of master data from .xlsx / .csv files.

An importer is a column spec plus two hooks. `Importer.run(data, filename, commit=...)`:

1. checks the file: size (settings.QUDAO_IMPORT_MAX_BYTES), type, encoding, required headers,
   at least one data row. These are file-level errors (row None);
2. parses every cell with its `Column` (required, type, length, choice labels). Each column
   is the one place that knows its Chinese header, its allowed values and how to show a value
   in an export, so template, import and export can never disagree;
3. calls the importer's `check(rows)`, which loads what it needs in a few set-based queries
   (existing codes, referenced grids, agents ...) and checks every row in Python;
4. only if no row has an error and `commit` is true, calls `write(rows)` inside one
   transaction; it bulk-creates the objects and their simple-history rows
   (history_change_reason "import:<kind>", history_user the importer).

Every defect is reported as a `RowError(row, column, reason)`: the row number as Excel shows
it (header = row 1), the Chinese column header and a Chinese reason. Nothing is written
unless the whole file is valid; the default is a dry run.

The audit record of a committed import is one `Event` (action "import") whose subject is the
importing user, with the kind, file name and row count in `data`; the objects themselves get
simple-history rows. Import is create-only: a code that already exists is an error.
"""

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from itertools import batched
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from simple_history.utils import bulk_create_with_history, get_history_manager_for_model

from qudao.core.events import record_event
from qudao.core.money import to_fen, to_yuan
from qudao.core.spreadsheet import (
    FileFormatError,
    is_blank,
    read_numbered_rows,
    unescape_cell,
    write_csv,
    write_template_xlsx,
)

WRITE_BATCH = 1000
LOOKUP_CHUNK = 2000  # values per `IN (...)`: well below SQLite's and Postgres's parameter limits

REQUIRED = "必填，不能为空"


class CellError(ValueError):
    """Raised by a column parser; the message is the reason shown to the user."""


@dataclass(frozen=True, order=True)
class RowError:
    row: int | None  # None for an error about the whole file
    column: str
    reason: str


# --- columns -------------------------------------------------------------------------------

class Column:
    """One column of an import template: Chinese header, the row key it fills, and its parser."""

    empty: Any = None
    kind_hint = ""

    def __init__(self, header: str, field: str, *, required: bool = False, help: str = "", example: Any = ""):
        self.header = header
        self.field = field
        self.required = required
        self.help = help
        self.example = example

    def parse(self, raw) -> Any:
        """`raw` is a non-blank cell value (str from csv; str/float/int/date/datetime from xlsx)."""
        return raw

    def render(self, value) -> Any:
        """The cell value an export writes for a stored value (the inverse of `parse`)."""
        return value

    def describe(self) -> str:
        need = "必填" if self.required else "选填"
        details = "；".join(part for part in (self.kind_hint, self.help) if part)
        return f"{self.header}（{need}）" + (f"：{details}" if details else "")


def cell_text(raw) -> str:
    """Text of a cell. Excel hands numbers over as floats: 13800138000.0 is the text 13800138000."""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime | dt.date):
        return raw.isoformat()
    return str(unescape_cell(raw)).strip()


class TextColumn(Column):
    empty = ""

    def __init__(self, header, field, *, max_length: int | None = None, pattern: str | None = None,
                 pattern_reason: str = "", **kwargs):
        super().__init__(header, field, **kwargs)
        self.max_length = max_length
        self.pattern = re.compile(pattern) if pattern else None
        self.pattern_reason = pattern_reason

    def parse(self, raw) -> str:
        text = cell_text(raw)
        if self.max_length and len(text) > self.max_length:
            raise CellError(f"长度不能超过 {self.max_length} 个字符")
        if self.pattern and not self.pattern.fullmatch(text):
            raise CellError(self.pattern_reason.format(value=text))
        return text


_FLOAT_INTEGER_TEXT = re.compile(r"(\d+)\.0+")


class NumberLikeTextColumn(TextColumn):
    """Codes and phone numbers: a number Excel turned into a float is the integer text, even when
    a csv was written from such a float (13800138000.0)."""

    def parse(self, raw) -> str:
        match = _FLOAT_INTEGER_TEXT.fullmatch(raw.strip()) if isinstance(raw, str) else None
        return super().parse(match.group(1) if match else raw)


class CodeColumn(NumberLikeTextColumn):
    """A code or user name: no spaces inside; kept as text even when Excel made it a number."""

    kind_hint = "不能包含空格"

    def __init__(self, header, field, **kwargs):
        kwargs.setdefault("pattern", r"\S+")
        kwargs.setdefault("pattern_reason", "“{value}”不能包含空格")
        super().__init__(header, field, **kwargs)


class PhoneColumn(NumberLikeTextColumn):
    kind_hint = "数字，可含 +、- 和空格"

    def __init__(self, header, field, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(
            header, field, pattern=r"\+?[0-9][0-9 \-]{2,19}", pattern_reason="“{value}”不是有效的电话号码", **kwargs
        )


_LIST_SEPARATORS = re.compile(r"[;；,，、\s]+")


class ListColumn(TextColumn):
    """Several codes in one cell, separated by semicolons (；, commas and 、 are accepted too)."""

    empty = ()
    kind_hint = "多个值用分号“;”分隔"

    def parse(self, raw) -> tuple[str, ...]:
        text = super().parse(raw)
        return tuple(dict.fromkeys(part for part in _LIST_SEPARATORS.split(text) if part))

    def render(self, value) -> str:
        return ";".join(value or ())


class ChoiceColumn(Column):
    """Accepts the Chinese label or the stored (English) value; exports the Chinese label."""

    def __init__(self, header, field, labels: Mapping[str, str], **kwargs):
        kwargs.setdefault("example", next(iter(labels.values())))
        super().__init__(header, field, **kwargs)
        self.labels = dict(labels)
        self._by_text = {label: value for value, label in self.labels.items()}
        self._by_text.update({str(value).lower(): value for value in self.labels})

    @property
    def kind_hint(self) -> str:
        hint = "可选值：" + "、".join(self.labels.values())
        if any(str(value) != label for value, label in self.labels.items()):
            hint += "（也可填英文值：" + ", ".join(self.labels) + "）"
        return hint

    def parse(self, raw) -> str:
        text = cell_text(raw)
        value = self._by_text.get(text, self._by_text.get(text.lower()))
        if value is None:
            raise CellError(f"“{text}”不是有效的{self.header}，可选：" + "、".join(self.labels.values()))
        return value

    def render(self, value) -> str:
        return self.labels.get(value, value or "")


_EXCEL_EPOCH = dt.date(1899, 12, 30)
_EXCEL_MAX_SERIAL = 2958465  # 9999-12-31
_DATE_TEXT = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_SERIAL_TEXT = re.compile(r"\d{5}(?:\.\d+)?")  # a date cell saved as text by a number-formatted column


class DateColumn(Column):
    kind_hint = "日期，如 2025-01-31、2025/1/31、20250131 或 Excel 日期单元格"

    def __init__(self, header, field, **kwargs):
        kwargs.setdefault("example", "2025-01-31")
        super().__init__(header, field, **kwargs)

    def parse(self, raw) -> dt.date:
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            return self._from_serial(raw, str(raw))
        text = str(raw).strip()
        if _SERIAL_TEXT.fullmatch(text):
            return self._from_serial(float(text), text)
        match = _DATE_TEXT.fullmatch(text) or _COMPACT_DATE.fullmatch(text)
        if match is None:
            raise CellError(self._bad(text))
        try:
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            raise CellError(self._bad(text)) from None

    def _from_serial(self, serial: float, text: str) -> dt.date:
        """Excel stores a date as days since 1899-12-30 (a cell formatted as a number shows that)."""
        if not 1 <= serial <= _EXCEL_MAX_SERIAL:
            raise CellError(self._bad(text))
        return _EXCEL_EPOCH + dt.timedelta(days=int(serial))

    @staticmethod
    def _bad(text: str) -> str:
        return f"“{text}”不是有效日期（例如 2025-01-31）"


def parse_decimal(raw) -> Decimal:
    text = repr(raw) if isinstance(raw, float) else cell_text(raw).replace(",", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise CellError(f"“{cell_text(raw)}”不是有效数字") from None
    if not value.is_finite():
        raise CellError(f"“{cell_text(raw)}”不是有效数字")
    return value


class DecimalColumn(Column):
    kind_hint = "数字"

    def __init__(self, header, field, *, places: int, **kwargs):
        super().__init__(header, field, **kwargs)
        self.quantum = Decimal(1).scaleb(-places)

    def parse(self, raw) -> Decimal:
        return parse_decimal(raw).quantize(self.quantum, rounding=ROUND_HALF_UP)


class MoneyColumn(Column):
    """Yuan in the file, integer fen in the database (see qudao.core.money)."""

    empty = 0
    kind_hint = "金额（元），不能为负数，四舍五入到分"

    def parse(self, raw) -> int:
        value = parse_decimal(raw)
        if value < 0:
            raise CellError("金额不能为负数")
        return to_fen(value)

    def render(self, value):
        return to_yuan(value)


# --- rows ----------------------------------------------------------------------------------

@dataclass
class ImportRow:
    number: int  # as Excel shows it: the header is row 1
    values: dict[str, Any] = field(default_factory=dict)
    invalid: set[str] = field(default_factory=set)  # fields that already have an error
    refs: dict[str, Any] = field(default_factory=dict)  # objects the row's codes resolved to

    def __getitem__(self, name: str) -> Any:
        return self.values.get(name)

    def has(self, name: str) -> bool:
        """The field parsed without error and is not blank."""
        return name not in self.invalid and self.values.get(name) not in (None, "", ())

    def fine(self, *names: str) -> bool:
        return not self.invalid.intersection(names)


@dataclass
class ImportResult:
    kind: str
    title: str
    row_count: int
    errors: list[RowError]
    created: int = 0
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def bad_row_count(self) -> int:
        return len({e.row for e in self.errors if e.row is not None})

    def summary(self) -> str:
        if self.committed:
            return f"已导入 {self.created} 条{self.title}。"
        if self.ok:
            return f"{self.row_count} 行全部有效（试导入，未写入）。"
        return f"发现 {len(self.errors)} 处错误（涉及 {self.bad_row_count} 行），整个文件未导入。"


# --- set-based lookups ---------------------------------------------------------------------

def fetch_by(queryset, field_name: str, values: Iterable) -> dict[Any, Any]:
    """{value: object} for the objects of `queryset` whose `field_name` is one of `values`."""
    found = {}
    for chunk in batched(sorted(set(values)), LOOKUP_CHUNK):
        for obj in queryset.filter(**{f"{field_name}__in": chunk}):
            found[getattr(obj, field_name)] = obj
    return found


def existing_values(queryset, field_name: str, values: Iterable) -> set:
    existing = set()
    for chunk in batched(sorted(set(values)), LOOKUP_CHUNK):
        existing.update(queryset.filter(**{f"{field_name}__in": chunk}).values_list(field_name, flat=True))
    return existing


# --- the importer --------------------------------------------------------------------------

class Importer:
    kind: ClassVar[str] = ""  # "outlets": command argument, file names, event data
    title: ClassVar[str] = ""  # "网点": shown to users
    columns: ClassVar[tuple[Column, ...]] = ()
    notes: ClassVar[tuple[str, ...]] = ()  # extra lines for the instructions sheet
    permission: ClassVar[Callable] = staticmethod(lambda user: False)

    def __init__(self, *, user):
        self.user = user
        self.errors: list[RowError] = []

    # hooks for subclasses ------------------------------------------------------------------

    def check(self, rows: list[ImportRow]) -> None:
        """Set-based checks across rows and against the database; report with `self.error`."""

    def write(self, rows: list[ImportRow]) -> int:
        """Bulk-create everything for valid rows; returns the number of rows imported."""
        raise NotImplementedError

    # reporting -----------------------------------------------------------------------------

    @classmethod
    def column(cls, name: str) -> Column:
        return next(c for c in cls.columns if c.field == name)

    def error(self, row: ImportRow, name: str, reason: str) -> None:
        self.errors.append(RowError(row.number, self.column(name).header, reason))
        row.invalid.add(name)

    def file_error(self, reason: str, column: str = "") -> None:
        self.errors.append(RowError(None, column, reason))

    # reusable checks -----------------------------------------------------------------------

    def check_unique_in_file(self, rows: list[ImportRow], name: str) -> None:
        first_seen: dict[Any, int] = {}
        for row in rows:
            if not row.has(name):
                continue
            value = row[name]
            if value in first_seen:
                self.error(row, name, f"“{value}”在文件中重复（与第 {first_seen[value]} 行相同）")
            else:
                first_seen[value] = row.number

    def check_not_in_database(self, rows: list[ImportRow], name: str, queryset, lookup: str | None = None) -> None:
        existing = existing_values(queryset, lookup or name, (row[name] for row in rows if row.has(name)))
        for row in rows:
            if row.has(name) and row[name] in existing:
                self.error(row, name, f"“{row[name]}”已存在于系统中（导入只能新增，不能修改）")

    def resolve(self, rows: list[ImportRow], name: str, found: Mapping, reason: str) -> None:
        """Puts the object each row's code refers to in `row.refs[name]`; `reason` may use {value}."""
        for row in rows:
            if not row.has(name):
                continue
            obj = found.get(row[name])
            if obj is None:
                self.error(row, name, reason.format(value=row[name]))
            else:
                row.refs[name] = obj

    # writing helpers -----------------------------------------------------------------------

    @property
    def history_reason(self) -> str:
        return f"import:{self.kind}"

    def bulk_create_with_history(self, objs: list, model) -> list:
        return bulk_create_with_history(
            objs, model, batch_size=WRITE_BATCH, default_user=self.user, default_change_reason=self.history_reason
        )

    def record_history(self, objs: list, model) -> None:
        """History rows for objects saved by a plain bulk_create (when a second pass had to fix them up)."""
        get_history_manager_for_model(model).bulk_history_create(
            objs, batch_size=WRITE_BATCH, default_user=self.user, default_change_reason=self.history_reason
        )

    # running -------------------------------------------------------------------------------

    def require_permission(self) -> None:
        if not type(self).permission(self.user):
            raise PermissionDenied("您的角色不能导入此类数据")

    def run(self, data: bytes, filename: str, *, commit: bool = False) -> ImportResult:
        self.require_permission()
        self.errors = []
        rows = self._read(data, filename)  # None when the file as a whole is unusable
        created = 0
        if rows is not None:
            try:
                created = self._validate_and_write(rows, filename) if commit else self._validate(rows)
            except IntegrityError:
                self.file_error("写入时发现重复数据（可能有人同时导入了相同编码），整个文件未导入，请重新试导入")
        committed = commit and not self.errors
        return ImportResult(
            kind=self.kind, title=self.title, row_count=len(rows or ()), errors=sorted(self.errors, key=self._order),
            created=created if committed else 0, committed=committed,
        )

    def _validate(self, rows: list[ImportRow]) -> int:
        self.check(rows)
        return 0

    @transaction.atomic
    def _validate_and_write(self, rows: list[ImportRow], filename: str) -> int:
        self.check(rows)
        if self.errors:
            return 0
        created = self.write(rows)
        record_event(
            subject=self.user, action="import", by=self.user,
            data={"kind": self.kind, "file": filename, "rows": len(rows), "created": created},
        )
        return created

    def _order(self, error: RowError) -> tuple:
        headers = [c.header for c in self.columns]
        position = headers.index(error.column) if error.column in headers else -1
        return (error.row or 0, position, error.reason)

    def _read(self, data: bytes, filename: str) -> list[ImportRow] | None:
        limit = settings.QUDAO_IMPORT_MAX_BYTES
        if len(data) > limit:
            self.file_error(f"文件过大（上限 {limit / 1024 / 1024:g} MB），请拆分后分批导入")
            return None
        try:
            headers, numbered = read_numbered_rows(data, filename)
        except FileFormatError as exc:
            self.file_error(str(exc))
            return None
        positions = self._header_positions(headers)
        if self.errors:
            return None
        if not numbered:
            self.file_error("文件中没有数据行（第 1 行是列名，数据从第 2 行开始）")
            return None
        return [self._parse_row(number, cells, positions) for number, cells in numbered]

    def _header_positions(self, headers: list[str]) -> dict[str, int]:
        positions: dict[str, int] = {}
        for index, header in enumerate(headers):
            name = header.rstrip("*＊").strip()
            if not name:
                continue
            if name in positions:
                self.file_error(f"列“{name}”出现了不止一次", column=name)
            positions.setdefault(name, index)
        for column in self.columns:
            if column.required and column.header not in positions:
                self.file_error(f"缺少必需的列“{column.header}”", column=column.header)
        return positions

    def _parse_row(self, number: int, cells: list, positions: dict[str, int]) -> ImportRow:
        row = ImportRow(number)
        for column in self.columns:
            position = positions.get(column.header)
            raw = cells[position] if position is not None and position < len(cells) else None
            if is_blank(raw):
                row.values[column.field] = column.empty
                if column.required:
                    self.error(row, column.field, REQUIRED)
                continue
            try:
                row.values[column.field] = column.parse(raw)
            except CellError as exc:
                self.error(row, column.field, str(exc))
        return row

    # templates -----------------------------------------------------------------------------

    @classmethod
    def headers(cls) -> list[str]:
        return [c.header for c in cls.columns]

    @classmethod
    def instructions(cls) -> list[str]:
        limit_mb = settings.QUDAO_IMPORT_MAX_BYTES / 1024 / 1024
        return [
            f"{cls.title}导入模板 填写说明",
            "1. 在“数据”表填写：第 1 行是列名，请勿修改；数据从第 2 行开始，一行一条。红色列名为必填列。",
            f"2. 支持 .xlsx 和 .csv 文件（UTF-8 或 GBK 编码），大小不超过 {limit_mb:g} MB。",
            "3. 整个文件一起校验：只要有一行出错，整个文件都不会导入。错误报告会列出每一处错误的行号、列名和原因，"
            "请全部改正后重新导入。建议先“试导入”。",
            "4. 只能新增：系统中已经存在的编码会被报告为错误，不会覆盖已有数据。",
            "5. 选项列可以填写中文名称，也可以填写英文值。编码类的列请设为文本格式，以免 Excel 去掉前导零。",
            *cls.notes,
            "",
            "各列说明：",
            *(column.describe() for column in cls.columns),
        ]

    @classmethod
    def template_xlsx(cls) -> bytes:
        return write_template_xlsx(
            cls.headers(), [c.example for c in cls.columns], cls.instructions(),
            required=[c.header for c in cls.columns if c.required],
        )

    @classmethod
    def template_csv(cls) -> bytes:
        return write_csv(cls.headers(), [])

    @classmethod
    def template_filename(cls, fmt: str) -> str:
        return f"{cls.kind}-template.{fmt}"
