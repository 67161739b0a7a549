"""Every kind of bad input the brief names, each with the message the user sees."""

import datetime as dt
import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from qudao.sales.choices import ImportStatus
from qudao.sales.models import DevelopmentRecord
from qudao.sales.pipeline.files import FileRejected, check_file
from qudao.sales.services import import_batch_submit

from .helpers import HEADERS, ID_A, csv_bytes, reasons, row, submit, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(world, django_capture_on_commit_callbacks):
    def run(content, name="records.csv", **kwargs):
        return submit(world.head, content, name, capture=django_capture_on_commit_callbacks, **kwargs)

    return run


def stored(field="subscriber_no"):
    return list(DevelopmentRecord.objects.order_by("external_id").values_list(field, flat=True))


def test_gbk_csv_is_accepted(run):
    batch = run(csv_bytes([row("R1", staff="张三")], encoding="gbk"))
    assert batch.status == ImportStatus.DONE, batch.errors
    assert stored("staff_code") == ["张三"]


def test_utf8_bom_is_accepted(run):
    batch = run(csv_bytes([row("R1")], bom=True))
    assert batch.status == ImportStatus.DONE, batch.errors


def test_title_row_merged_above_the_header_is_skipped_and_rows_keep_excel_numbers(run):
    content = xlsx_bytes([row("R1"), row("R2", outlet="NOPE")], title_row="2025年10月发展明细", merge="A1:H1")
    batch = run(content, "records.xlsx")
    assert reasons(batch) == [(4, "网点编码", "未知的网点编码“NOPE”（须为受理时属于您管辖范围的网点）")]


def test_merged_header_cells_are_refused_with_a_clear_message(run):
    headers = ["业务流水号", "受理信息", None, "产品编码", "证件号码", "号码", "费用（元）"]
    content = xlsx_bytes([row("R1")[:7]], headers=headers, title_row=None, merge=None)
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(content))
    wb.active.merge_cells("B1:C1")
    buffer = io.BytesIO()
    wb.save(buffer)
    batch = run(buffer.getvalue(), "records.xlsx")
    assert batch.status == ImportStatus.REJECTED
    assert batch.message == ("缺少必需的列：“受理时间”、“网点编码”（第 1 行应为列名）。表头附近有合并单元格（B1:C1），"
                             "请取消合并，让每一列在同一行有自己的列名")


def test_excel_dates_and_numbers_stored_as_floats(run):
    rows = [
        ["R1", dt.datetime(2025, 10, 5, 10, 30), "OA1", "P1", ID_A, 13800138000, 39.9, "YG01"],
        ["R2", "45935.4375", "OA1", 1, ID_A, 13800138001.0, "39.90", 7],  # serial for 2025-10-05 10:30
    ]
    from qudao.sales.models import Product

    Product.objects.create(code="1", name="Numeric code", category="card", active_from=dt.date(2024, 1, 1))
    batch = run(xlsx_bytes(rows), "records.xlsx")
    assert batch.status == ImportStatus.DONE, batch.errors
    assert stored() == ["13800138000", "13800138001"]
    assert stored("staff_code") == ["YG01", "7"]
    assert {r.sold_on for r in DevelopmentRecord.objects.all()} == {dt.date(2025, 10, 5)}
    assert stored("fee_fen") == [3990, 3990]


def test_phone_written_as_float_text_in_csv(run):
    batch = run(csv_bytes([row("R1", phone="13800138000.0")]))
    assert batch.status == ImportStatus.DONE and stored() == ["13800138000"]


@pytest.mark.parametrize("bad_row, expected", [
    (row("R1", "2025-02-31 10:00:00"), (2, "受理时间", "“2025-02-31 10:00:00”不是有效的时间（例如 2026-10-05 14:30:00）")),
    (row("R1", outlet="NOPE"), (2, "网点编码", "未知的网点编码“NOPE”（须为受理时属于您管辖范围的网点）")),
    (row("R1", "2025-10-01 09:00", outlet="OC1"), (2, "网点编码", "网点“OC1”在 2025-10-01 没有归属（尚未开业、已关闭或已合并）")),
    (row("R1", "2024-12-31 09:00"), (2, "网点编码", "网点“OA1”在 2024-12-31 没有归属（尚未开业、已关闭或已合并）")),
    (row("R1", fee="-5.00"), (2, "费用（元）", "费用不能为负数（“-5.00”）")),
    (row("R1", fee="abc"), (2, "费用（元）", "“abc”不是有效金额（元）")),
    (row("R1", product="PX"), (2, "产品编码", "未知的产品编码“PX”")),
    (row("R1", "2026-03-01 10:00", product="P2"), (2, "产品编码", "产品“P2”在 2026-03-01 不在有效期内")),
    (row("R1", id_number="110101199003077775"),
     (2, "证件号码", "证件号码校验位不正确（18 位身份证号码；Excel 把号码存成数字时末几位会丢失）")),
    (row("R1", id_number="1.10101E+17"),
     (2, "证件号码", "证件号码是科学计数法，位数已经丢失：请在 Excel 中把该列设为文本格式后重新导出")),
    (row("R1", id_number=""), (2, "证件号码", "证件号码和客户标识至少填写一项")),
    (row("", ), (2, "业务流水号", "必填，不能为空")),
    (row("R1", phone="138 0013 800a!"), (2, "号码", "号码“138 0013 800a!”格式不正确")),
    (row("R1", "2099-01-01 10:00"), (2, "受理时间", "受理时间“2099-01-01 10:00”晚于当前时间")),
])
def test_row_errors_name_row_column_and_reason(run, bad_row, expected):
    batch = run(csv_bytes([bad_row]))
    assert batch.status == ImportStatus.REJECTED
    assert reasons(batch) == [expected]
    assert DevelopmentRecord.objects.count() == 0


def test_raw_id_numbers_never_appear_in_the_report(run):
    batch = run(csv_bytes([row("R1", id_number="110101199003077775")]))
    assert "110101199003077775" not in str(batch.errors) + batch.message


def test_duplicate_ids_within_the_file(run):
    batch = run(csv_bytes([row("R1"), row("R2"), row("R1", fee="1")]))
    assert reasons(batch) == [(4, "业务流水号", "业务流水号“R1”在文件中重复（与第 2 行相同）")]


def test_agent_column_in_the_file_is_ignored(run, world):
    content = csv_bytes([[*row("R1"), "AG3"]], headers=[*HEADERS, "代理商编码"])
    assert run(content).status == ImportStatus.DONE
    assert DevelopmentRecord.objects.get().agent_id == world.agent1.pk


def bomb_xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<sheetData>" + b" " * (24 * 1024 * 1024) + b"</sheetData>")
    return buffer.getvalue()


def test_zip_bomb_is_refused_fast_with_bounded_memory(run, tmp_path):
    content = bomb_xlsx()
    assert len(content) < 100_000
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(content)
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(FileRejected, match="压缩比异常"):
        check_file(path, "bomb.xlsx")
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert elapsed < 1 and peak < 2 * 1024 * 1024
    batch = run(content, "bomb.xlsx")
    assert batch.status == ImportStatus.REJECTED
    assert "疑似压缩炸弹" in batch.message


def test_xml_entity_declarations_are_refused(run):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><workbook/>')
    batch = run(buffer.getvalue(), "laughs.xlsx")
    assert batch.message == "Excel 文件包含不允许的 XML 声明（DOCTYPE/ENTITY），已拒绝"


@pytest.mark.parametrize("content, name, message", [
    ("业务流水号,受理时间\n".encode(), "records.csv", "缺少必需的列：“网点编码”、“产品编码”、“号码”、“费用（元）”（第 1 行应为列名）"),
    (",".join(HEADERS).encode() + b"\n", "records.csv", "文件中没有数据行（第 1 行是列名，数据应从下一行开始）"),
    (b"just,some,text\n", "records.xlsx", "文件扩展名是 .xlsx，但内容不是 Excel 文件"),
    (xlsx_bytes([row("R1")]), "records.csv", "文件扩展名是 .csv，但内容不是文本（是否把 Excel 文件改了扩展名？）"),
    (b"\xff\xfe\x00\x01garbage", "records.csv", "文件扩展名是 .csv，但内容不是文本（是否把 Excel 文件改了扩展名？）"),
    ("业务流水号,受理时间\n\xa4\xa4".encode("latin-1", errors="ignore") + bytes([0x81, 0x20]), "records.csv",
     "文件编码无法识别（请使用 UTF-8 或 GBK）"),
])
def test_file_level_problems(run, content, name, message):
    batch = run(content, name)
    assert batch.status == ImportStatus.REJECTED
    assert batch.message == message
    assert reasons(batch) == [(None, "", message)]


@pytest.mark.parametrize("name, content, message", [
    ("records.pdf", b"%PDF-1.4", "只支持 .xlsx 或 .csv 文件"),
    ("records.xls", b"\xd0\xcf\x11\xe0", "不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 .csv 后再导入"),
    ("records.csv", b"", "The file is empty."),
])
def test_wrong_type_and_empty_files_are_refused_at_upload(world, name, content, message):
    with pytest.raises(ValidationError) as caught, translation.override("en"):
        import_batch_submit(upload=SimpleUploadedFile(name, content), kind="records", by=world.head)
    assert caught.value.messages == [message]


def test_oversized_file_is_refused_at_upload_and_by_the_pipeline(world, settings, tmp_path):
    settings.QUDAO_FACT_IMPORT_MAX_BYTES = 1024 * 1024
    content = csv_bytes([row(f"R{i}") for i in range(20_000)])
    with pytest.raises(ValidationError, match="too large"), translation.override("en"):
        import_batch_submit(upload=SimpleUploadedFile("big.csv", content), kind="records", by=world.head)
    path = tmp_path / "big.csv"
    path.write_bytes(content)
    with pytest.raises(FileRejected, match=r"文件过大（\d+\.\d MB，上限 1 MB），请拆分后分批导入"):
        check_file(path, "big.csv")
