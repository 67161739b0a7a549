import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from python_calamine import CalamineWorkbook

from qudao.channels.choices import AgentStatus, OutletStatus
from qudao.channels.exports import outlet_table
from qudao.channels.importers import OutletImporter
from qudao.channels.models import Agent, Outlet, OutletAssignment
from qudao.channels.selectors import outlets_visible_to
from qudao.core.exporting import export_file
from qudao.core.importing import RowError
from qudao.core.models import Event
from qudao.core.spreadsheet import read_numbered_rows, write_csv, write_xlsx

HEADERS = OutletImporter.headers()
OPENED = dt.date(2025, 3, 1)
FORMULA = "=cmd|' /C calc'!A0"


def outlet_row(code, grid="GA", agent="AG1", **overrides):
    row = {
        "网点编码": code, "网点名称": f"网点{code}", "地址": "某路 1 号", "纬度": 39.9042, "经度": 116.4074,
        "网格编码": grid, "代理商编码": agent, "网点类型": "授权渠道", "开业日期": OPENED,
    }
    row.update(overrides)
    return [row[h] for h in HEADERS]


def xlsx(rows):
    return write_xlsx(HEADERS, rows)


def snapshot():
    return (Outlet.objects.count(), Outlet.history.count(), OutletAssignment.objects.count(), Event.objects.count())


def unknown_grid(code):
    return f"未知的网格编码“{code}”（须为您管辖范围内的有效网格）"


def test_a_file_with_defects_is_rejected_whole_with_every_defect_reported(cast):
    Agent.objects.filter(code="AG3").update(status=AgentStatus.SUSPENDED)
    before = snapshot()
    rows = [
        outlet_row("N01"),  # 2: fine
        outlet_row("N02", **{"网点名称": ""}),  # 3
        outlet_row("N03", grid="ZZ"),  # 4: no such grid
        outlet_row("N04", grid="GB"),  # 5: a grid out of manager_a's reach
        outlet_row("N05", grid="A1"),  # 6: an area, not a grid
        outlet_row("N06", agent="AG9"),  # 7
        outlet_row("N01"),  # 8: repeated in the file
        outlet_row("OA1"),  # 9: already in the database
        outlet_row("N09", **{"纬度": "北纬39"}),  # 10
        outlet_row("N10", **{"纬度": 60}),  # 11: outside China
        outlet_row("N11", **{"经度": ""}),  # 12: only one of the pair
        outlet_row("N12", **{"开业日期": "2025-02-31"}),  # 13
        outlet_row("N13", **{"网点类型": "直营店"}),  # 14
        outlet_row(13800138000.0, **{"开业日期": 45658.0}),  # 15: fine (float code, Excel serial date)
        outlet_row("N15", **{"开业日期": dt.datetime(2025, 1, 2, 8, 0)}),  # 16: fine
        outlet_row("N16", grid=""),  # 17
        outlet_row("N17", **{"开业日期": dt.date.today() + dt.timedelta(days=3)}),  # 18: not open yet
        outlet_row("N18", grid="GC", agent="AG2"),  # 19: out of reach and invisible agent
    ]
    result = OutletImporter(user=cast.manager_a).run(xlsx(rows), "outlets.xlsx", commit=True)

    assert not result.committed and result.row_count == 18
    assert set(result.errors) == {
        RowError(3, "网点名称", "必填，不能为空"),
        RowError(4, "网格编码", unknown_grid("ZZ")),
        RowError(5, "网格编码", unknown_grid("GB")),
        RowError(6, "网格编码", unknown_grid("A1")),
        RowError(7, "代理商编码", "未知的代理商编码“AG9”"),
        RowError(8, "网点编码", "“N01”在文件中重复（与第 2 行相同）"),
        RowError(9, "网点编码", "“OA1”已存在于系统中（导入只能新增，不能修改）"),
        RowError(10, "纬度", "“北纬39”不是有效数字"),
        RowError(11, "纬度", "纬度 60.000000 不在中国境内（应在 3 到 54 之间）"),
        RowError(12, "经度", "纬度和经度须同时填写或同时留空"),
        RowError(13, "开业日期", "“2025-02-31”不是有效日期（例如 2025-01-31）"),
        RowError(14, "网点类型", "“直营店”不是有效的网点类型，可选：授权渠道、非授权渠道、签约社会渠道、沃店（加盟品牌店）、经销商、零售商"),
        RowError(17, "网格编码", "必填，不能为空"),
        RowError(18, "开业日期", "开业日期不能晚于今天（导入的是已开业的网点）"),
        RowError(19, "网格编码", unknown_grid("GC")),
        RowError(19, "代理商编码", "未知的代理商编码“AG2”"),
    }
    assert snapshot() == before


def test_out_of_reach_grid_reads_exactly_like_a_missing_one(cast):
    result = OutletImporter(user=cast.manager_a).run(xlsx([outlet_row("N1", grid="GB"), outlet_row("N2", grid="NOPE")]),
                                                     "o.xlsx")
    assert [e.reason for e in result.errors] == [unknown_grid("GB"), unknown_grid("NOPE")]


def test_suspended_agent_is_refused(cast):
    Agent.objects.filter(code="AG1").update(status=AgentStatus.SUSPENDED)
    result = OutletImporter(user=cast.manager_a).run(xlsx([outlet_row("N1")]), "o.xlsx")
    assert result.errors == [RowError(2, "代理商编码", "代理商“AG1”已暂停或终止合作")]


def test_a_valid_file_imports_active_outlets_with_assignments_and_history(cast):
    rows = [
        outlet_row("N1", **{"网点类型": "brand_store"}),
        outlet_row("N2", grid="GC", agent="AG3", **{"纬度": "", "经度": "", "开业日期": "2024/6/1"}),
    ]
    result = OutletImporter(user=cast.head).run(xlsx(rows), "outlets.xlsx", commit=True)

    assert result.ok and result.committed and result.created == 2
    n1, n2 = Outlet.objects.filter(code__in=["N1", "N2"]).order_by("code")
    assert (n1.status, n1.grid, n1.agent, n1.outlet_type, n1.opening_date) == (
        OutletStatus.ACTIVE, cast.grid_a, cast.agent1, "brand_store", OPENED
    )
    assert (n1.latitude, n1.longitude, n1.created_by) == (Decimal("39.904200"), Decimal("116.407400"), cast.head)
    assert (n2.latitude, n2.opening_date, n2.grid, n2.agent) == (None, dt.date(2024, 6, 1), cast.grid_c, cast.agent3)
    assignment = n2.assignments.get()
    assert (assignment.agent, assignment.grid, assignment.valid_from, assignment.valid_to, assignment.reason) == (
        cast.agent3, cast.grid_c, dt.date(2024, 6, 1), None, "import"
    )
    history = n1.history.get()
    assert (history.history_type, history.history_user, history.history_change_reason) == ("+", cast.head, "import:outlets")
    event = Event.objects.get(action="import")
    assert (event.subject, event.by, event.data["kind"], event.data["created"]) == (cast.head, cast.head, "outlets", 2)


def test_dry_run_validates_without_writing(cast):
    before = snapshot()
    result = OutletImporter(user=cast.manager_a).run(xlsx([outlet_row("N1")]), "o.xlsx")
    assert result.ok and not result.committed and result.row_count == 1
    assert snapshot() == before


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_csv_in_gbk_or_with_bom(cast, encoding):
    text = "网点编码,网点名称,网格编码,代理商编码,网点类型,开业日期\r\nN1,东城营业厅,GA,AG1,授权渠道,2025/3/1\r\n"
    result = OutletImporter(user=cast.manager_a).run(text.encode(encoding), "outlets.csv", commit=True)
    assert result.ok, result.errors
    assert Outlet.objects.get(code="N1").name == "东城营业厅"


def test_template_round_trips(cast):
    headers, rows = read_numbered_rows(OutletImporter.template_xlsx(), "t.xlsx")
    assert headers == ["网点编码", "网点名称", "地址", "纬度", "经度", "网格编码", "代理商编码", "网点类型", "开业日期"]
    assert rows == []
    filled = write_xlsx(headers, [outlet_row("N1")])
    assert OutletImporter(user=cast.manager_a).run(filled, "filled.xlsx").ok


def test_analyst_cannot_import(cast):
    with pytest.raises(PermissionDenied):
        OutletImporter(user=cast.analyst).run(xlsx([outlet_row("N1")]), "o.xlsx")


def test_import_is_set_based(cast, django_user_model):
    def queries_for(count):
        rows = [outlet_row(f"N{count}-{i}", grid="GA" if i % 2 else "GC", agent="AG1" if i % 2 else "AG3")
                for i in range(count)]
        user = django_user_model.objects.get(username="head")  # a fresh object: reach is not cached yet
        with CaptureQueriesContext(connection) as ctx:
            assert OutletImporter(user=user).run(xlsx(rows), "o.xlsx", commit=True).ok
        return len(ctx.captured_queries)

    queries_for(1)  # warms Django's content type cache
    assert queries_for(3) == queries_for(60) <= 12


# --- export ------------------------------------------------------------------------------

def read_xlsx(content):
    return CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()


def test_export_escapes_formula_like_cells(cast):
    OutletImporter(user=cast.head).run(xlsx([outlet_row("EVIL", **{"网点名称": FORMULA})]), "o.xlsx", commit=True)
    assert Outlet.objects.get(code="EVIL").name == FORMULA  # the import undoes the escaping of the test file
    headers, rows = outlet_table(outlets_visible_to(cast.head).filter(code="EVIL"))
    [header, row] = read_xlsx(export_file(headers, rows, "xlsx"))
    assert row[1] == "'" + FORMULA
    headers, rows = outlet_table(outlets_visible_to(cast.head).filter(code="EVIL"))
    assert read_numbered_rows(export_file(headers, rows, "csv"), "o.csv")[1][0][1][1] == "'" + FORMULA


def test_export_is_the_template_columns_in_one_query_and_reimports(cast, django_assert_num_queries):
    queryset = outlets_visible_to(cast.head)
    with django_assert_num_queries(1):
        headers, rows = outlet_table(queryset)
        content = export_file(headers, rows, "xlsx")
    [header, *rows] = read_xlsx(content)
    assert header == OutletImporter.headers()
    assert rows[0][:2] == ["OA1", "Outlet OA1"] and rows[0][5:8] == ["GA", "AG1", "授权渠道"]
    renamed = [[f"NEW-{row[0]}", *row[1:]] for row in rows]
    result = OutletImporter(user=cast.head).run(write_xlsx(header, renamed), "again.xlsx", commit=True)
    assert result.ok and result.created == 4, result.errors
    assert Outlet.objects.get(code="NEW-OC1").grid == cast.grid_c


def test_export_is_scoped_by_the_callers_queryset(cast):
    _headers, rows = outlet_table(outlets_visible_to(cast.manager_a))
    assert [row[0] for row in rows] == ["OA1", "OA2"]


# --- management commands -----------------------------------------------------------------

def test_import_command_reports_and_fails_on_errors(cast, tmp_path, capsys):
    path = tmp_path / "outlets.csv"
    path.write_bytes(write_csv(HEADERS, [outlet_row("N1", grid="GB")]))
    with pytest.raises(CommandError, match="发现 1 处错误"):
        call_command("import_master", "outlets", str(path), "--user", "manager_a")
    assert f"第 2 行\t网格编码\t{unknown_grid('GB')}" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("import_master", "outlets", str(path), "--user", "analyst", "--dry-run")


def test_import_command_dry_run_then_commit(cast, tmp_path, capsys):
    path = tmp_path / "outlets.xlsx"
    path.write_bytes(xlsx([outlet_row("N1")]))
    call_command("import_master", "outlets", str(path), "--user", "manager_a", "--dry-run")
    assert not Outlet.objects.filter(code="N1").exists()
    call_command("import_master", "outlets", str(path), "--user", "manager_a")
    assert Outlet.objects.filter(code="N1").exists()
    assert "已导入 1 条网点" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_command_writes_what_the_user_sees(cast, tmp_path, fmt):
    path = tmp_path / f"outlets.{fmt}"
    call_command("export_master", "outlets", "--user", "manager_b", "--format", fmt, "-o", str(path))
    headers, rows = read_numbered_rows(path.read_bytes(), path.name)
    assert headers == HEADERS and [cells[0] for _n, cells in rows] == ["OB1"]
