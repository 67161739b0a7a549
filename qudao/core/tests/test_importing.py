"""The import framework on a toy importer: cell parsing, file-level errors, encodings, templates."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from qudao.core.importing import (
    CellError,
    ChoiceColumn,
    CodeColumn,
    DateColumn,
    DecimalColumn,
    Importer,
    ListColumn,
    MoneyColumn,
    PhoneColumn,
    RowError,
    TextColumn,
)
from qudao.core.models import Event
from qudao.core.spreadsheet import TEMPLATE_HELP_SHEET, read_numbered_rows, write_csv, write_xlsx


class ToyImporter(Importer):
    kind = "toy"
    title = "玩具"
    permission = staticmethod(lambda user: user.is_authenticated and user.username != "reader")
    columns = (
        CodeColumn("编码", "code", required=True, max_length=8),
        TextColumn("名称", "name", required=True, max_length=10),
        ChoiceColumn("颜色", "colour", {"red": "红色", "blue": "蓝色"}),
        DateColumn("日期", "day"),
        DecimalColumn("数量", "amount", places=2),
        MoneyColumn("金额（元）", "fen"),
        PhoneColumn("电话", "phone"),
        ListColumn("标签", "tags"),
    )

    def check(self, rows):
        self.check_unique_in_file(rows, "code")

    def write(self, rows):
        self.written = rows
        return len(rows)


HEADERS = ToyImporter.headers()


@pytest.fixture
def importer(django_user_model):
    return ToyImporter(user=django_user_model.objects.create_user("importer"))


def run_xlsx(importer, rows, headers=HEADERS, commit=False):
    return importer.run(write_xlsx(headers, rows), "toy.xlsx", commit=commit)


# --- cells ---------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    (dt.date(2025, 1, 31), dt.date(2025, 1, 31)),
    (dt.datetime(2025, 1, 31, 9, 30), dt.date(2025, 1, 31)),
    (45658.0, dt.date(2025, 1, 1)),  # an Excel serial number
    (45658, dt.date(2025, 1, 1)),
    ("45658", dt.date(2025, 1, 1)),
    ("2025-01-31", dt.date(2025, 1, 31)),
    ("2025/1/31", dt.date(2025, 1, 31)),
    ("2025.1.31", dt.date(2025, 1, 31)),
    ("2025年1月31日", dt.date(2025, 1, 31)),
    ("20250131", dt.date(2025, 1, 31)),
    ("2025-01-31 00:00:00", dt.date(2025, 1, 31)),
])
def test_dates_in_every_usual_form(raw, expected):
    assert DateColumn("日期", "day").parse(raw) == expected


@pytest.mark.parametrize("raw", ["2025-02-31", "20250231", "2025-13-01", "31/01/2025", "明天", "2025", 0, -3.0, True])
def test_impossible_dates_are_refused(raw):
    with pytest.raises(CellError, match="不是有效日期"):
        DateColumn("日期", "day").parse(raw)


def test_numbers_from_excel_are_read_as_integer_text():
    assert CodeColumn("编码", "code").parse(13800138000.0) == "13800138000"
    assert PhoneColumn("电话", "phone").parse(13800138000.0) == "13800138000"
    assert PhoneColumn("电话", "phone").parse(" 13800138000.0") == "13800138000"  # a csv written from such a float
    assert CodeColumn("编码", "code").parse("10.0.1") == "10.0.1"
    assert TextColumn("名称", "name").parse(12.5) == "12.5"


def test_choices_accept_chinese_label_and_english_value():
    column = ChoiceColumn("颜色", "colour", {"red": "红色", "blue": "蓝色"})
    assert column.parse("红色") == "red"
    assert column.parse(" Blue ") == "blue"
    assert column.render("red") == "红色"
    with pytest.raises(CellError) as exc:
        column.parse("绿色")
    assert str(exc.value) == "“绿色”不是有效的颜色，可选：红色、蓝色"


def test_text_length_spaces_and_formula_escape():
    with pytest.raises(CellError, match="长度不能超过 3 个字符"):
        TextColumn("名称", "name", max_length=3).parse("abcd")
    with pytest.raises(CellError, match="不能包含空格"):
        CodeColumn("编码", "code").parse("A 1")
    assert TextColumn("名称", "name").parse("'=1+1") == "=1+1"  # what our exports write


def test_decimals_and_money():
    assert DecimalColumn("纬度", "lat", places=6).parse(39.9042) == Decimal("39.904200")
    assert MoneyColumn("金额", "fen").parse("1,000.50") == 100050
    assert MoneyColumn("金额", "fen").parse(12.345) == 1235
    for bad in ("abc", "nan", "Infinity"):
        with pytest.raises(CellError, match="不是有效数字"):
            DecimalColumn("纬度", "lat", places=6).parse(bad)
    with pytest.raises(CellError, match="金额不能为负数"):
        MoneyColumn("金额", "fen").parse(-1)


def test_list_cells_split_on_any_usual_separator():
    assert ListColumn("标签", "tags").parse("a; b；c,d、a") == ("a", "b", "c", "d")


# --- files ---------------------------------------------------------------------------------

def test_valid_file_parses_every_column_and_commits_with_one_event(importer):
    result = run_xlsx(importer, [
        ["A1", "甲", "红色", dt.date(2025, 1, 31), 1.5, 100, 13800138000.0, "x;y"],
        ["A2", 123.0, "blue", 45658.0, "2", "0.5", "010-12345678", ""],
    ], commit=True)
    assert result.ok and result.committed and result.created == 2
    first, second = importer.written
    assert first.values == {
        "code": "A1", "name": "甲", "colour": "red", "day": dt.date(2025, 1, 31), "amount": Decimal("1.50"),
        "fen": 10000, "phone": "13800138000", "tags": ("x", "y"),
    }
    assert (second.number, second["name"], second["day"], second["fen"], second["tags"]) == (
        3, "123", dt.date(2025, 1, 1), 50, ()
    )
    event = Event.objects.get()
    assert (event.action, event.by, event.subject) == ("import", importer.user, importer.user)
    assert event.data == {"kind": "toy", "file": "toy.xlsx", "rows": 2, "created": 2}


def test_every_bad_cell_is_reported_and_nothing_is_written(importer):
    result = run_xlsx(importer, [
        ["A1", "", "绿色", "2025-02-31", "x", -1, "phone", ""],
        [],  # a blank row keeps its number: the next row is row 4
        ["A1", "名称太长了太长了太长了", "", "", "", "", "", ""],
    ], commit=True)
    assert not result.committed and result.created == 0
    assert set(result.errors) == {
        RowError(2, "名称", "必填，不能为空"),
        RowError(2, "颜色", "“绿色”不是有效的颜色，可选：红色、蓝色"),
        RowError(2, "日期", "“2025-02-31”不是有效日期（例如 2025-01-31）"),
        RowError(2, "数量", "“x”不是有效数字"),
        RowError(2, "金额（元）", "金额不能为负数"),
        RowError(2, "电话", "“phone”不是有效的电话号码"),
        RowError(4, "编码", "“A1”在文件中重复（与第 2 行相同）"),
        RowError(4, "名称", "长度不能超过 10 个字符"),
    }
    assert result.bad_row_count == 2
    assert [e.row for e in result.errors] == sorted(e.row for e in result.errors)
    assert not hasattr(importer, "written")
    assert not Event.objects.exists()


def test_dry_run_writes_nothing(importer):
    result = run_xlsx(importer, [["A1", "甲", "", "", "", "", "", ""]])
    assert result.ok and not result.committed and result.row_count == 1
    assert not hasattr(importer, "written") and not Event.objects.exists()


@pytest.mark.parametrize("data, filename, reason", [
    (b"", "toy.csv", "文件是空的"),
    ("编码,名称\n".encode(), "toy.csv", "文件中没有数据行（第 1 行是列名，数据从第 2 行开始）"),
    (b"A1,x", "toy.txt", "只支持 .xlsx 或 .csv 文件"),
    (b"\xff\xfe\x00garbage\x81", "toy.csv", "文件编码无法识别（请使用 UTF-8 或 GBK）"),
])
def test_file_level_errors(importer, data, filename, reason):
    assert importer.run(data, filename).errors == [RowError(None, "", reason)]


def test_a_corrupt_excel_file_is_refused(importer):
    [error] = importer.run(b"PK\x03\x04 not really a zip", "toy.xlsx").errors
    assert error.row is None and error.reason.startswith("无法读取 Excel 文件")


def test_a_file_over_the_limit_is_refused_before_reading(importer, settings):
    settings.QUDAO_IMPORT_MAX_BYTES = 1024 * 1024
    result = importer.run(b"x" * (1024 * 1024 + 1), "toy.csv")
    assert result.errors == [RowError(None, "", "文件过大（上限 1 MB），请拆分后分批导入")]


def test_missing_and_repeated_headers(importer):
    result = importer.run("编码,颜色,颜色\nA1,红色,红色\n".encode(), "toy.csv")
    assert result.errors == [
        RowError(None, "名称", "缺少必需的列“名称”"),
        RowError(None, "颜色", "列“颜色”出现了不止一次"),
    ]


def test_optional_columns_may_be_left_out_and_marked_headers_are_accepted(importer):
    result = importer.run("编码*,名称*\nA1,甲\n".encode(), "toy.csv", commit=True)
    assert result.ok
    assert importer.written[0].values["colour"] is None and importer.written[0].values["name"] == "甲"


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_csv_in_gbk_or_utf8_with_or_without_bom(importer, encoding):
    text = "编码,名称,颜色\r\nA1,东城营业厅,红色\r\n"
    result = importer.run(text.encode(encoding), "toy.CSV", commit=True)
    assert result.ok, result.errors
    assert (importer.written[0]["name"], importer.written[0]["colour"]) == ("东城营业厅", "red")


def test_only_permitted_users_import(django_user_model):
    reader = django_user_model.objects.create_user("reader")
    with pytest.raises(PermissionDenied):
        ToyImporter(user=reader).run(b"", "toy.csv")


def test_template_round_trips(importer):
    content = ToyImporter.template_xlsx()
    headers, rows = read_numbered_rows(content, "template.xlsx")
    assert headers == HEADERS and rows == []
    workbook = load_workbook(io.BytesIO(content))
    notes = [row[0] for row in workbook[TEMPLATE_HELP_SHEET].iter_rows(values_only=True)]
    assert "颜色（选填）：可选值：红色、蓝色（也可填英文值：red, blue）" in notes
    assert workbook.worksheets[0]["A1"].font.color.rgb.endswith("C00000")  # required: red
    assert importer.run(content, "template.xlsx").errors == [
        RowError(None, "", "文件中没有数据行（第 1 行是列名，数据从第 2 行开始）")
    ]
    assert read_numbered_rows(ToyImporter.template_csv(), "template.csv") == (HEADERS, [])


def test_a_filled_in_template_imports(importer):
    workbook = load_workbook(io.BytesIO(ToyImporter.template_xlsx()))
    workbook.worksheets[0].append(["A1", "甲", "蓝色", dt.date(2025, 5, 1)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = importer.run(buffer.getvalue(), "filled.xlsx", commit=True)
    assert result.ok and importer.written[0]["colour"] == "blue"


def test_csv_export_writer_round_trips_through_the_reader(importer):
    content = write_csv(HEADERS, [["=A1", "'x", "红色", dt.date(2025, 1, 2), Decimal("1.50"), None, "", ""]])
    headers, [(number, cells)] = read_numbered_rows(content, "toy.csv")
    assert number == 2 and cells[:4] == ["'=A1", "'x", "红色", "2025-01-02"]


def test_a_conflict_at_write_time_rolls_back_everything(importer):
    """Someone imports the same code between our checks and our insert: the unique index wins."""
    from django.db import IntegrityError

    def write(rows):
        Event.objects.create(content_type_id=1, object_id=1, action="partial")
        raise IntegrityError("duplicate key")

    importer.write = write
    result = run_xlsx(importer, [["A1", "甲", "", "", "", "", "", ""]], commit=True)
    assert not result.committed
    assert result.errors == [RowError(None, "", "写入时发现重复数据（可能有人同时导入了相同编码），整个文件未导入，请重新试导入")]
    assert not Event.objects.exists()
