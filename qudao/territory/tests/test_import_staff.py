import io

import pytest
from django.core.exceptions import PermissionDenied
from python_calamine import CalamineWorkbook

from qudao.accounts.choices import Role
from qudao.accounts.models import User
from qudao.core.exporting import export_file
from qudao.core.importing import RowError
from qudao.core.models import Event
from qudao.core.spreadsheet import write_csv, write_xlsx
from qudao.territory.exports import staff_table
from qudao.territory.importers import StaffImporter
from qudao.territory.models import StaffAssignment
from qudao.territory.selectors import staff_assignments_visible_to
from qudao.territory.services import staff_assign
from qudao.testing.cast import make_user

HEADERS = StaffImporter.headers()


@pytest.fixture
def county_head(cast):
    user = make_user("county_head", Role.HEAD_OF_CHANNELS)
    staff_assign(user=user, node=cast.county1, by=None)
    return user


def snapshot():
    return (User.objects.count(), User.history.count(), StaffAssignment.objects.count(),
            StaffAssignment.history.count(), Event.objects.count())


def unknown(code):
    return f"未知的节点编码“{code}”（须为您管辖范围内的有效节点）"


def test_a_file_with_defects_is_rejected_whole_with_every_defect_reported(cast, county_head):
    before = snapshot()
    rows = [
        ["u_ok", "好", "渠道经理", 13800138000.0, "GA", ""],  # 2: fine
        ["manager_a", "重名", "渠道经理", "", "GA", ""],  # 3
        ["u_ok", "重复", "渠道经理", "", "GA", ""],  # 4
        ["u5", "角色", "老板", "", "GA", ""],  # 5
        ["u6", "节点", "渠道经理", "", "ZZ", ""],  # 6
        ["u7", "越界", "渠道经理", "", "GA;GC；ZZ", ""],  # 7: GC is in county 2
        ["selfie", "自己", "渠道经理", "", "GA", "selfie"],  # 8
        ["c1", "环一", "渠道经理", "", "GA", "c2"],  # 9
        ["c2", "环二", "渠道主管", "", "C1", "c1"],  # 10
        ["u11", "无上级", "渠道经理", "", "GA", "nobody"],  # 11
        ["u12", "看不见的上级", "渠道经理", "", "GA", "analyst"],  # 12: assigned outside county 1
        ["bad name", "空格", "渠道经理", "", "GA", ""],  # 13
        ["u14", "没节点", "渠道经理", "", "", ""],  # 14
        ["u15", "代理商", "agent_user", "", "GA", ""],  # 15
        ["c3", "环外", "渠道经理", "", "GA", "c1"],  # 16: fine, reports into the loop but is not in it
        ["u17", "电话", "渠道经理", "call me", "GA", "supervisor"],  # 17
    ]
    result = StaffImporter(user=county_head).run(write_xlsx(HEADERS, rows), "staff.xlsx", commit=True)
    roles = "渠道经理、".join(["销售总监、渠道管理经理、渠道主管、", "销售专员、市场部、中心分析员"])
    assert set(result.errors) == {
        RowError(3, "用户名", "“manager_a”已存在于系统中（导入只能新增，不能修改）"),
        RowError(4, "用户名", "“u_ok”在文件中重复（与第 2 行相同）"),
        RowError(5, "角色", f"“老板”不是有效的角色，可选：{roles}"),
        RowError(6, "所属节点编码", unknown("ZZ")),
        RowError(7, "所属节点编码", f"{unknown('GC')}；{unknown('ZZ')}"),
        RowError(8, "上级用户名", "上级不能是本人"),
        RowError(9, "上级用户名", "上级关系形成了循环"),
        RowError(10, "上级用户名", "上级关系形成了循环"),
        RowError(11, "上级用户名", "未知的用户名“nobody”"),
        RowError(12, "上级用户名", "未知的用户名“analyst”"),
        RowError(13, "用户名", "“bad name”不是有效的用户名（只能包含字母、数字和 @ . + - _）"),
        RowError(14, "所属节点编码", "必填，不能为空"),
        RowError(15, "角色", f"“agent_user”不是有效的角色，可选：{roles}"),
        RowError(17, "手机号", "“call me”不是有效的电话号码"),
    }
    assert snapshot() == before


def test_a_valid_file_creates_users_assignments_and_history(cast):
    rows = [
        ["wang", "王五", "渠道经理", 13800138000.0, "GA;GB", "zhao"],  # boss further down the file
        ["zhao", "赵六", "supervisor", "", "C1", "head"],  # boss in the database
        ["qian", "钱七", "中心分析员", "", "CO", ""],
    ]
    result = StaffImporter(user=cast.head).run(write_csv(HEADERS, rows), "staff.csv", commit=True)
    assert result.ok and result.created == 3, result.errors
    wang, zhao, qian = (User.objects.get(username=u) for u in ("wang", "zhao", "qian"))
    assert (wang.display_name, wang.role, wang.phone, wang.reports_to) == ("王五", Role.CHANNEL_MANAGER, "13800138000", zhao)
    assert (zhao.role, zhao.reports_to, qian.reports_to) == (Role.SUPERVISOR, cast.head, None)
    assert not wang.has_usable_password() and wang.is_active
    assert sorted(wang.assignments.values_list("node__code", flat=True)) == ["GA", "GB"]
    assert wang.assignments.first().created_by == cast.head
    history = wang.history.get()
    assert (history.reports_to_id, history.history_user, history.history_change_reason) == (
        zhao.pk, cast.head, "import:staff"
    )
    assert StaffAssignment.history.filter(history_change_reason="import:staff").count() == 4
    assert Event.objects.get(action="import").data["kind"] == "staff"


@pytest.mark.parametrize("persona", ["manager_a", "supervisor", "analyst"])
def test_only_org_admins_import_staff(cast, persona):
    with pytest.raises(PermissionDenied):
        StaffImporter(user=cast.users[persona]).run(write_csv(HEADERS, [["x", "x", "渠道经理", "", "GA", ""]]), "s.csv")


def test_export_has_one_row_per_person_and_reimports(cast, django_assert_num_queries):
    staff_assign(user=cast.manager_a, node=cast.grid_b, by=None)
    queryset = staff_assignments_visible_to(cast.supervisor)
    with django_assert_num_queries(1):
        headers, rows = staff_table(queryset)
        content = export_file(headers, rows, "xlsx")
    header, *rows = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()
    assert header == HEADERS
    assert rows == [
        ["manager_a", "manager_a", "渠道经理", "", "GA;GB", "supervisor"],
        ["manager_b", "manager_b", "渠道经理", "", "GB", "supervisor"],
        ["supervisor", "supervisor", "渠道主管", "", "C1", "head"],
    ]
    copied = [[f"new_{r[0]}", r[1], r[2], r[3], r[4], f"new_{r[5]}" if r[5] != "head" else "head"] for r in rows]
    result = StaffImporter(user=cast.head).run(write_xlsx(header, copied), "copy.xlsx", commit=True)
    assert result.ok, result.errors
    assert User.objects.get(username="new_manager_a").reports_to.username == "new_supervisor"
