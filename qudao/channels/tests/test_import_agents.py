import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from python_calamine import CalamineWorkbook

from qudao.channels.exports import agent_table
from qudao.channels.importers import AgentImporter, _id_check_char
from qudao.channels.models import Agent
from qudao.channels.selectors import agents_visible_to
from qudao.core.exporting import export_file
from qudao.core.importing import RowError
from qudao.core.models import Event
from qudao.core.spreadsheet import write_xlsx
from qudao.testing.cast import make_uscc

HEADERS = AgentImporter.headers()
ID_BODY = "11010119900307001"
ID_NUMBER = ID_BODY + _id_check_char(ID_BODY)
BAD_USCC_CHECK = make_uscc(200)[:17] + ("0" if make_uscc(200)[17] != "0" else "1")


def agent_row(code, credit_code, **overrides):
    row = {
        "代理商编码": code, "代理商名称": f"代理商{code}有限公司", "统一社会信用代码": credit_code, "渠道类型": "授权渠道",
        "所属区域编码": "GA", "法定代表人": "王五", "法定代表人身份证号": ID_NUMBER, "联系人": "赵六",
        "联系电话": "13800138000", "地址": "某路 1 号", "合同编号": "HT-1", "合同开始日期": dt.date(2025, 1, 1),
        "合同结束日期": "2027-12-31", "保证金（元）": 50000, "开户银行": "工行", "银行账号": "6222 0202 0011 2233 445",
        "等级": "B", "客户经理用户名": "manager_a",
    }
    row.update(overrides)
    return [row[h] for h in HEADERS]


def snapshot():
    return (Agent.objects.count(), Agent.history.count(), Event.objects.count())


def test_a_file_with_defects_is_rejected_whole_with_every_defect_reported(cast):
    before = snapshot()
    rows = [
        agent_row("D1", make_uscc(101)),  # 2: fine
        agent_row("D2", "12345"),  # 3
        agent_row("D3", BAD_USCC_CHECK),  # 4
        agent_row("D4", make_uscc(1)),  # 5: AG1's credit code
        agent_row("D5", make_uscc(101)),  # 6: repeats row 2
        agent_row("AG1", make_uscc(106)),  # 7
        agent_row("D7", make_uscc(107), **{"所属区域编码": "ZZ"}),  # 8
        agent_row("D8", make_uscc(108), **{"所属区域编码": "A1"}),  # 9: above manager_a's reach
        agent_row("D9", make_uscc(109), **{"合同开始日期": "2026-01-01", "合同结束日期": "2025-12-31"}),  # 10
        agent_row("D10", make_uscc(110), **{"保证金（元）": -100}),  # 11
        agent_row("D11", make_uscc(111), **{"银行账号": "****3445"}),  # 12: a masked export value
        agent_row("D12", make_uscc(112), **{"等级": "E"}),  # 13
        agent_row("D13", make_uscc(113), **{"客户经理用户名": "manager_b"}),  # 14: not visible to manager_a
        agent_row("D14", make_uscc(114), **{"法定代表人身份证号": ID_BODY + "0" if ID_NUMBER[-1] != "0" else "1"}),  # 15
        agent_row("D15", make_uscc(115).lower(), **{"渠道类型": "distributor", "联系电话": 13800138000.0}),  # 16: fine
        agent_row("D16", "", **{"渠道类型": ""}),  # 17
    ]
    result = AgentImporter(user=cast.manager_a).run(write_xlsx(HEADERS, rows), "agents.xlsx", commit=True)

    assert set(result.errors) == {
        RowError(3, "统一社会信用代码", "统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z）"),
        RowError(4, "统一社会信用代码", "统一社会信用代码校验位不正确"),
        RowError(5, "统一社会信用代码", f"“{make_uscc(1)}”已存在于系统中（导入只能新增，不能修改）"),
        RowError(6, "统一社会信用代码", f"“{make_uscc(101)}”在文件中重复（与第 2 行相同）"),
        RowError(7, "代理商编码", "“AG1”已存在于系统中（导入只能新增，不能修改）"),
        RowError(8, "所属区域编码", "未知的区域编码“ZZ”（须为您管辖范围内的有效节点）"),
        RowError(9, "所属区域编码", "未知的区域编码“A1”（须为您管辖范围内的有效节点）"),
        RowError(10, "合同结束日期", "合同结束日期不能早于开始日期"),
        RowError(11, "保证金（元）", "金额不能为负数"),
        RowError(12, "银行账号", "银行账号只能包含数字（导出文件中的脱敏账号不能导入，请填写完整账号或留空）"),
        RowError(13, "等级", "“E”不是有效的等级，可选：A、B、C、D"),
        RowError(14, "客户经理用户名", "未知的用户名“manager_b”"),
        RowError(15, "法定代表人身份证号", "身份证号码不正确（应为 18 位，最后一位是校验码）"),
        RowError(17, "统一社会信用代码", "必填，不能为空"),
        RowError(17, "渠道类型", "必填，不能为空"),
    }
    assert snapshot() == before


def test_a_valid_file_imports_agents_with_history(cast):
    rows = [agent_row("D1", make_uscc(101)), agent_row("D2", make_uscc(102), **{
        "等级": "", "保证金（元）": "", "银行账号": "", "客户经理用户名": "", "法定代表人身份证号": "", "合同开始日期": "",
        "合同结束日期": "", "渠道类型": "signed_social",
    })]
    result = AgentImporter(user=cast.manager_a).run(write_xlsx(HEADERS, rows), "agents.xlsx", commit=True)
    assert result.ok and result.created == 2, result.errors
    d1, d2 = Agent.objects.filter(code__in=["D1", "D2"]).order_by("code")
    assert (d1.territory, d1.manager, d1.grade, d1.deposit_fen, d1.bank_account, d1.legal_rep_id_number) == (
        cast.grid_a, cast.manager_a, "B", 5_000_000, "6222020200112233445", ID_NUMBER
    )
    assert (d1.contract_start, d1.contract_end, d1.status, d1.created_by) == (
        dt.date(2025, 1, 1), dt.date(2027, 12, 31), "active", cast.manager_a
    )
    assert (d2.grade, d2.deposit_fen, d2.manager, d2.channel_type, d2.contract_end) == ("C", 0, None, "signed_social", None)
    assert d1.history.get().history_change_reason == "import:agents"
    assert Event.objects.get(action="import").data["kind"] == "agents"


def test_analyst_cannot_import(cast):
    with pytest.raises(PermissionDenied):
        AgentImporter(user=cast.analyst).run(write_xlsx(HEADERS, [agent_row("D1", make_uscc(101))]), "a.xlsx")


def test_export_masks_the_bank_account_and_leaves_out_the_id_number(cast, django_assert_num_queries):
    Agent.objects.filter(code="AG1").update(legal_rep_id_number=ID_NUMBER, deposit_fen=123456)
    queryset = agents_visible_to(cast.manager_a)
    with django_assert_num_queries(1):
        headers, rows = agent_table(queryset)
        content = export_file(headers, rows, "xlsx")
    header, *rows = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()
    assert header == HEADERS
    [row] = rows
    record = dict(zip(header, row, strict=True))
    assert record["代理商编码"] == "AG1" and record["所属区域编码"] == "GA" and record["渠道类型"] == "授权渠道"
    assert record["银行账号"] == "****0001" and record["法定代表人身份证号"] == ""
    assert record["保证金（元）"] == 1234.56 and record["客户经理用户名"] == "manager_a"
    assert ID_NUMBER not in str(rows) and "62220202001122" not in str(rows)

    # Re-importable once the masked account is filled in or cleared.
    record.update({"代理商编码": "AG1-COPY", "统一社会信用代码": make_uscc(300), "银行账号": ""})
    again = AgentImporter(user=cast.manager_a).run(write_xlsx(header, [list(record.values())]), "again.xlsx")
    assert again.ok, again.errors
