"""Import of the territory tree and of staff (users with their territory assignments).

See qudao.core.importing for how an import runs. Both need `can_admin_org`, and every node a
row refers to must lie within the importer's reach; a node out of reach is reported exactly
like a code that does not exist.
"""

from django.contrib.auth import get_user_model

from qudao.accounts.choices import Role
from qudao.accounts.permissions import can_admin_org
from qudao.core.importing import (
    REQUIRED,
    ChoiceColumn,
    CodeColumn,
    Importer,
    ImportRow,
    ListColumn,
    PhoneColumn,
    TextColumn,
    fetch_by,
)

from .choices import PARENT_KIND, NodeKind
from .models import StaffAssignment, TerritoryNode, child_path
from .selectors import nodes_within_reach, users_visible_to

NODE_KIND_LABELS = {
    NodeKind.COMPANY: "公司",
    NodeKind.BRANCH: "分公司",
    NodeKind.COUNTY: "市/县公司",
    NodeKind.AREA: "区域班组",
    NodeKind.GRID: "网格",
}
# Agent users are created with their agent, not through the staff import.
ROLE_LABELS = {
    Role.SALES_DIRECTOR: "销售总监",
    Role.HEAD_OF_CHANNELS: "渠道管理经理",
    Role.SUPERVISOR: "渠道主管",
    Role.CHANNEL_MANAGER: "渠道经理",
    Role.SALES_SPECIALIST: "销售专员",
    Role.MARKET_DEPARTMENT: "市场部",
    Role.CENTER_ANALYST: "中心分析员",
}
# Kinds from the root down; a node's parent always has the kind just before its own.
KIND_ORDER = (NodeKind.COMPANY, NodeKind.BRANCH, NodeKind.COUNTY, NodeKind.AREA, NodeKind.GRID)
USERNAME_PATTERN = r"[\w.@+-]+"  # Django's UnicodeUsernameValidator


def unknown_node(value: str) -> str:
    return f"未知的节点编码“{value}”（须为您管辖范围内的有效节点）"


def active_nodes_in_reach(user, codes) -> dict[str, TerritoryNode]:
    return fetch_by(nodes_within_reach(user).filter(is_active=True), "code", codes)


class TerritoryImporter(Importer):
    kind = "territory"
    title = "区域节点"
    permission = staticmethod(can_admin_org)
    columns = (
        CodeColumn("节点编码", "code", required=True, max_length=32, example="WG0101"),
        TextColumn("节点名称", "name", required=True, max_length=100, example="东城一网格"),
        ChoiceColumn("节点类型", "kind", NODE_KIND_LABELS, required=True, example="网格"),
        CodeColumn(
            "上级节点编码", "parent", max_length=32, example="QY01",
            help="公司（根节点）留空，其余必填；上级可以是系统中已有的节点，也可以是本文件中的节点（顺序不限）",
        ),
    )
    notes = (
        "6. 层级固定为：公司 → 分公司 → 市/县公司 → 区域班组 → 网格；每个节点的上级必须是上一层级。",
        "7. 上级节点必须在您的管辖范围内且未撤销；只有系统管理员可以导入公司（根节点）。",
    )

    def check(self, rows: list[ImportRow]) -> None:
        self.check_unique_in_file(rows, "code")
        self.check_not_in_database(rows, "code", TerritoryNode.objects.all())
        in_file = {}
        for row in rows:
            if row.has("code"):
                in_file.setdefault(row["code"], row)
        wanted = {row["parent"] for row in rows if row.has("parent") and row["parent"] not in in_file}
        in_database = active_nodes_in_reach(self.user, wanted)
        for row in rows:
            if row.has("kind"):
                self._check_parent(row, in_file, in_database)

    def _check_parent(self, row: ImportRow, in_file: dict, in_database: dict) -> None:
        kind = row["kind"]
        if kind == NodeKind.COMPANY:
            if row.has("parent"):
                self.error(row, "parent", "公司是根节点，上级节点编码应留空")
            elif not self.user.is_superuser:
                self.error(row, "kind", "只有系统管理员可以导入公司（根节点）")
            return
        if not row.has("parent"):
            if row.fine("parent"):
                self.error(row, "parent", REQUIRED)
            return
        code = row["parent"]
        parent_row, parent_node = in_file.get(code), in_database.get(code)
        if parent_row is row:
            self.error(row, "parent", "上级节点不能是节点自己")
            return
        if parent_row is None and parent_node is None:
            self.error(row, "parent", unknown_node(code))
            return
        parent_kind = parent_row["kind"] if parent_row is not None else parent_node.kind
        expected = PARENT_KIND[kind]
        if parent_kind is not None and parent_kind != expected:
            self.error(
                row, "parent",
                f"{NODE_KIND_LABELS[kind]}的上级应是{NODE_KIND_LABELS[expected]}，"
                f"而“{code}”是{NODE_KIND_LABELS.get(parent_kind, parent_kind)}",
            )
            return
        row.refs["parent"] = parent_node  # None when the parent comes from the file

    def write(self, rows: list[ImportRow]) -> int:
        """Level by level from the root, so each parent has its pk (and path) before its children."""
        created: dict[str, TerritoryNode] = {}
        for kind in KIND_ORDER:
            level = [row for row in rows if row["kind"] == kind]
            nodes = [self._node(row, created) for row in level]
            TerritoryNode.objects.bulk_create(nodes, batch_size=1000)
            for node in nodes:
                node.path = child_path(node.parent.path if node.parent else None, node.pk)
                created[node.code] = node
        nodes = list(created.values())
        TerritoryNode.objects.bulk_update(nodes, ["path"], batch_size=500)
        self.record_history(nodes, TerritoryNode)
        return len(nodes)

    def _node(self, row: ImportRow, created: dict[str, TerritoryNode]) -> TerritoryNode:
        parent = row.refs.get("parent") or created.get(row["parent"])
        return TerritoryNode(code=row["code"], name=row["name"], kind=row["kind"], parent=parent, created_by=self.user)


class StaffImporter(Importer):
    kind = "staff"
    title = "人员"
    permission = staticmethod(can_admin_org)
    columns = (
        CodeColumn(
            "用户名", "username", required=True, max_length=150, example="zhangsan",
            pattern=USERNAME_PATTERN, pattern_reason="“{value}”不是有效的用户名（只能包含字母、数字和 @ . + - _）",
            help="登录名",
        ),
        TextColumn("姓名", "display_name", required=True, max_length=60, example="张三"),
        ChoiceColumn("角色", "role", ROLE_LABELS, required=True, example="渠道经理"),
        PhoneColumn("手机号", "phone", example="13800138000"),
        ListColumn(
            "所属节点编码", "nodes", required=True, example="WG0101",
            help="该人员负责的区域节点（须在您的管辖范围内），负责多个节点时用分号分隔",
        ),
        CodeColumn(
            "上级用户名", "reports_to", max_length=150, example="lisi",
            help="可以是系统中已有的人员，也可以是本文件中的人员",
        ),
    )
    notes = (
        "6. 新导入的人员没有密码，不能直接登录：请让他们通过“忘记密码/重置密码”设置密码，或由管理员为其重置。",
        "7. 代理商人员不通过此模板导入。",
    )

    def check(self, rows: list[ImportRow]) -> None:
        User = get_user_model()
        self.check_unique_in_file(rows, "username")
        self.check_not_in_database(rows, "username", User.objects.all())
        self._check_nodes(rows)
        self._check_reports_to(rows)

    def _check_nodes(self, rows: list[ImportRow]) -> None:
        found = active_nodes_in_reach(self.user, {code for row in rows if row.has("nodes") for code in row["nodes"]})
        for row in rows:
            if not row.has("nodes"):
                continue
            unknown = [code for code in row["nodes"] if code not in found]
            if unknown:
                self.error(row, "nodes", "；".join(unknown_node(code) for code in unknown))
            else:
                row.refs["nodes"] = [found[code] for code in row["nodes"]]

    def _check_reports_to(self, rows: list[ImportRow]) -> None:
        in_file = {row["username"]: row for row in rows if row.has("username")}
        wanted = {row["reports_to"] for row in rows if row.has("reports_to") and row["reports_to"] not in in_file}
        visible = users_visible_to(self.user).exclude(role=Role.AGENT_USER)
        in_database = fetch_by(visible, "username", wanted)
        for row in rows:
            if not row.has("reports_to"):
                continue
            boss = row["reports_to"]
            if boss == row["username"]:
                self.error(row, "reports_to", "上级不能是本人")
            elif boss in in_database:
                row.refs["reports_to"] = in_database[boss]
            elif boss not in in_file:
                self.error(row, "reports_to", f"未知的用户名“{boss}”")
            elif self._in_cycle(row, in_file):
                self.error(row, "reports_to", "上级关系形成了循环")

    @staticmethod
    def _in_cycle(row: ImportRow, in_file: dict[str, ImportRow]) -> bool:
        """Following the bosses within the file leads back to this row."""
        seen = set()
        current = in_file.get(row["reports_to"])
        while current is not None and current["username"] not in seen:
            if current is row:
                return True
            seen.add(current["username"])
            current = in_file.get(current["reports_to"])
        return False

    def write(self, rows: list[ImportRow]) -> int:
        User = get_user_model()
        users = [self._user(row) for row in rows]
        User.objects.bulk_create(users, batch_size=1000)
        # Bosses from the same file get their pk only now.
        by_username = {user.username: user for user in users}
        late = [(user, row["reports_to"]) for user, row in zip(users, rows, strict=True)
                if row.has("reports_to") and "reports_to" not in row.refs]
        for user, boss in late:
            user.reports_to = by_username[boss]
        User.objects.bulk_update([user for user, _boss in late], ["reports_to"], batch_size=500)
        self.record_history(users, User)
        assignments = [
            StaffAssignment(user=user, node=node, created_by=self.user)
            for user, row in zip(users, rows, strict=True) for node in row.refs["nodes"]
        ]
        self.bulk_create_with_history(assignments, StaffAssignment)
        return len(users)

    def _user(self, row: ImportRow):
        user = get_user_model()(
            username=row["username"], display_name=row["display_name"], role=row["role"], phone=row["phone"],
            reports_to=row.refs.get("reports_to"),
        )
        user.set_unusable_password()  # they choose one through a password reset
        return user
