import io

import pytest
from django.core.exceptions import PermissionDenied
from python_calamine import CalamineWorkbook

from qudao.accounts.choices import Role
from qudao.core.exporting import export_file
from qudao.core.importing import RowError
from qudao.core.models import Event
from qudao.core.spreadsheet import write_xlsx
from qudao.territory.choices import NodeKind
from qudao.territory.exports import territory_table
from qudao.territory.importers import TerritoryImporter
from qudao.territory.models import TerritoryNode, path_segment
from qudao.territory.selectors import nodes_visible_to
from qudao.territory.services import node_create, staff_assign
from qudao.testing.cast import make_user

HEADERS = TerritoryImporter.headers()


def xlsx(rows):
    return write_xlsx(HEADERS, rows)


@pytest.fixture
def county_head(cast):
    """An org admin whose reach is county 1 only."""
    user = make_user("county_head", Role.HEAD_OF_CHANNELS)
    staff_assign(user=user, node=cast.county1, by=None)
    return user


def snapshot():
    return (TerritoryNode.objects.count(), TerritoryNode.history.count(), Event.objects.count())


def unknown(code):
    return f"未知的节点编码“{code}”（须为您管辖范围内的有效节点）"


def test_a_file_with_defects_is_rejected_whole_with_every_defect_reported(cast, county_head):
    retired = node_create(code="A8", name="Retired", kind=NodeKind.AREA, parent=cast.county1, by=None)
    TerritoryNode.objects.filter(pk=retired.pk).update(is_active=False)
    before = snapshot()
    rows = [
        ["A9", "新区域", "区域班组", "C1"],  # 2: fine
        ["G91", "新网格", "网格", "A9"],  # 3: fine, parent from the file
        ["G92", "网格", "grid", "A2"],  # 4: A2 is in county 2, out of reach
        ["G93", "网格", "网格", "ZZ"],  # 5
        ["G94", "网格", "网格", "C1"],  # 6: wrong level
        ["NEWCO", "新公司", "公司", ""],  # 7: only a superuser adds a root
        ["B9", "分公司", "分公司", ""],  # 8
        ["A9", "重复", "区域班组", "C1"],  # 9
        ["GA", "已有", "网格", "A1"],  # 10
        ["S1", "街道", "街道", "A1"],  # 11
        ["G95", "自己", "网格", "G95"],  # 12
        ["G96", "网格下的网格", "网格", "G91"],  # 13
        ["CO2", "公司", "company", "CO"],  # 14
        ["G97", "撤销区域下", "网格", "A8"],  # 15: retired parent
        ["", "", "", ""],  # blank: skipped
        ["G98 X", "", "网格", "A9"],  # 17
    ]
    result = TerritoryImporter(user=county_head).run(xlsx(rows), "tree.xlsx", commit=True)
    assert set(result.errors) == {
        RowError(4, "上级节点编码", unknown("A2")),
        RowError(5, "上级节点编码", unknown("ZZ")),
        RowError(6, "上级节点编码", "网格的上级应是区域班组，而“C1”是市/县公司"),
        RowError(7, "节点类型", "只有系统管理员可以导入公司（根节点）"),
        RowError(8, "上级节点编码", "必填，不能为空"),
        RowError(9, "节点编码", "“A9”在文件中重复（与第 2 行相同）"),
        RowError(10, "节点编码", "“GA”已存在于系统中（导入只能新增，不能修改）"),
        RowError(11, "节点类型", "“街道”不是有效的节点类型，可选：公司、分公司、市/县公司、区域班组、网格"),
        RowError(12, "上级节点编码", "上级节点不能是节点自己"),
        RowError(13, "上级节点编码", "网格的上级应是区域班组，而“G91”是网格"),
        RowError(14, "上级节点编码", "公司是根节点，上级节点编码应留空"),
        RowError(15, "上级节点编码", unknown("A8")),
        RowError(17, "节点编码", "“G98 X”不能包含空格"),
        RowError(17, "节点名称", "必填，不能为空"),
    }
    assert snapshot() == before


def test_children_may_come_before_their_parents(cast):
    rows = [
        ["G1", "一网格", "网格", "AR1"],
        ["AR1", "新区域", "区域班组", "CT1"],
        ["CT1", "新县", "市/县公司", "BR"],
        ["G2", "二网格", "网格", "A1"],
    ]
    result = TerritoryImporter(user=cast.head).run(xlsx(rows), "tree.xlsx", commit=True)
    assert result.ok and result.created == 4, result.errors
    nodes = {n.code: n for n in TerritoryNode.objects.filter(code__in=["G1", "AR1", "CT1", "G2"])}
    assert nodes["CT1"].path == f"{cast.branch.path}.{path_segment(nodes['CT1'].pk)}"
    assert nodes["AR1"].path == f"{nodes['CT1'].path}.{path_segment(nodes['AR1'].pk)}"
    assert nodes["G1"].path == f"{nodes['AR1'].path}.{path_segment(nodes['G1'].pk)}"
    assert nodes["G2"].parent == cast.area1 and nodes["G2"].path.startswith(cast.area1.path + ".")
    assert nodes["G1"].parent == nodes["AR1"] and nodes["G1"].kind == NodeKind.GRID
    history = nodes["G1"].history.get()
    assert (history.path, history.history_user, history.history_change_reason) == (
        nodes["G1"].path, cast.head, "import:territory"
    )
    assert Event.objects.get(action="import").data == {"kind": "territory", "file": "tree.xlsx", "rows": 4, "created": 4}


def test_a_superuser_may_import_a_new_root(cast, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="x" * 12)
    result = TerritoryImporter(user=admin).run(xlsx([["NB", "新分公司", "分公司", "NEWCO"], ["NEWCO", "新公司", "公司", ""]]),
                                               "t.xlsx", commit=True)
    assert result.ok, result.errors
    company = TerritoryNode.objects.get(code="NEWCO")
    assert company.path == path_segment(company.pk) and company.parent is None


@pytest.mark.parametrize("persona", ["manager_a", "supervisor", "analyst"])
def test_only_org_admins_import_the_tree(cast, persona):
    with pytest.raises(PermissionDenied):
        TerritoryImporter(user=cast.users[persona]).run(xlsx([["A9", "x", "区域班组", "C1"]]), "t.xlsx")


def test_export_round_trips_into_an_empty_tree(cast, django_user_model, django_assert_num_queries):
    queryset = nodes_visible_to(cast.manager_a)  # grid A and the ancestors leading to it
    with django_assert_num_queries(1):
        headers, rows = territory_table(queryset)
        content = export_file(headers, rows, "xlsx")
    header, *rows = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()
    assert header == HEADERS
    assert rows == [
        ["CO", "Company", "公司", ""], ["BR", "Branch", "分公司", "CO"], ["C1", "County 1", "市/县公司", "BR"],
        ["A1", "Area 1", "区域班组", "C1"], ["GA", "Grid A", "网格", "A1"],
    ]
    copied = [[f"X{code}", name, kind, f"X{parent}" if parent else ""] for code, name, kind, parent in reversed(rows)]
    admin = django_user_model.objects.create_superuser("root", password="x" * 12)
    result = TerritoryImporter(user=admin).run(write_xlsx(header, copied), "copy.xlsx", commit=True)
    assert result.ok and result.created == 5, result.errors
    assert TerritoryNode.objects.get(code="XGA").path.count(".") == 4
