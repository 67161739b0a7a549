"""Import of agents and of the existing outlet network.

See qudao.core.importing for how an import runs. Both need `can_write_master_data`; every
territory node or grid a row refers to must be within the importer's reach (out of reach is
reported exactly like a code that does not exist), and an agent must be one the importer can see.
Imported outlets are the network as it stands: status active, each with its OutletAssignment
opened at its opening date (reason "import").
"""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from qudao.accounts.choices import Role
from qudao.accounts.permissions import can_write_master_data
from qudao.core.importing import (
    CellError,
    ChoiceColumn,
    CodeColumn,
    DateColumn,
    DecimalColumn,
    Importer,
    ImportRow,
    MoneyColumn,
    PhoneColumn,
    TextColumn,
    fetch_by,
)
from qudao.core.validators import uscc_check_char, validate_china_coordinates, validate_uscc
from qudao.territory.selectors import grids_within_reach, nodes_within_reach, users_visible_to

from .choices import AgentGrade, AgentStatus, ChannelType, OutletStatus
from .models import Agent, Outlet, OutletAssignment
from .selectors import agents_visible_to

CHANNEL_TYPE_LABELS = {
    ChannelType.AUTHORISED: "授权渠道",
    ChannelType.NON_AUTHORISED: "非授权渠道",
    ChannelType.SIGNED_SOCIAL: "签约社会渠道",
    ChannelType.BRAND_STORE: "沃店（加盟品牌店）",
    ChannelType.DISTRIBUTOR: "经销商",
    ChannelType.RETAILER: "零售商",
}
AGENT_GRADE_LABELS = {grade: grade.label for grade in AgentGrade}

_USCC_REASONS = {
    "uscc_format": "统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z）",
    "uscc_checksum": "统一社会信用代码校验位不正确",
}
_ID_NUMBER = re.compile(r"\d{17}[\dX]")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"
_EXAMPLE_USCC_BODY = "91440300000000001"
# A valid longitude to pair with a latitude (and back) so each can be range-checked on its own.
_CHINA_MIDPOINT = (Decimal(30), Decimal(105))


class CreditCodeColumn(CodeColumn):
    kind_hint = "18 位统一社会信用代码"

    def parse(self, raw) -> str:
        code = super().parse(raw).upper()
        try:
            validate_uscc(code)
        except ValidationError as exc:
            raise CellError(_USCC_REASONS.get(exc.code, "统一社会信用代码不正确")) from None
        return code


class IdNumberColumn(CodeColumn):
    """Resident ID number (GB 11643): 17 digits and a check character."""

    kind_hint = "18 位居民身份证号码；导出文件中不含此列内容"

    def parse(self, raw) -> str:
        number = super().parse(raw).upper()
        if not _ID_NUMBER.fullmatch(number) or _id_check_char(number[:17]) != number[17]:
            raise CellError("身份证号码不正确（应为 18 位，最后一位是校验码）")
        return number

    def render(self, value) -> str:
        return ""  # never exported


def _id_check_char(first17: str) -> str:
    return _ID_CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


class BankAccountColumn(TextColumn):
    kind_hint = "只填数字；导出文件中的账号已脱敏（如 ****3445），重新导入时请填写完整账号或留空"

    def parse(self, raw) -> str:
        account = super().parse(raw).replace(" ", "")
        if not account.isdigit():
            raise CellError("银行账号只能包含数字（导出文件中的脱敏账号不能导入，请填写完整账号或留空）")
        return account


def unknown_node(value: str) -> str:
    return f"未知的区域编码“{value}”（须为您管辖范围内的有效节点）"


def unknown_grid(value: str) -> str:
    return f"未知的网格编码“{value}”（须为您管辖范围内的有效网格）"


class AgentImporter(Importer):
    kind = "agents"
    title = "代理商"
    permission = staticmethod(can_write_master_data)
    columns = (
        CodeColumn("代理商编码", "code", required=True, max_length=32, example="DL0001"),
        TextColumn("代理商名称", "name", required=True, max_length=120, example="某某通信器材有限公司"),
        CreditCodeColumn("统一社会信用代码", "credit_code", required=True, max_length=18, example=_EXAMPLE_USCC_BODY + uscc_check_char(_EXAMPLE_USCC_BODY)),
        ChoiceColumn("渠道类型", "channel_type", CHANNEL_TYPE_LABELS, required=True),
        CodeColumn("所属区域编码", "territory", required=True, max_length=32, example="QY01",
                   help="代理商注册所在的区域节点（须在您的管辖范围内）"),
        TextColumn("法定代表人", "legal_representative", max_length=60, example="王五"),
        IdNumberColumn("法定代表人身份证号", "legal_rep_id_number", max_length=18),
        TextColumn("联系人", "contact_name", max_length=60, example="赵六"),
        PhoneColumn("联系电话", "contact_phone", example="13800138000"),
        TextColumn("地址", "address", max_length=200, example="某市某区某路 1 号"),
        TextColumn("合同编号", "contract_no", max_length=40, example="HT-2025-001"),
        DateColumn("合同开始日期", "contract_start"),
        DateColumn("合同结束日期", "contract_end", example="2027-12-31"),
        MoneyColumn("保证金（元）", "deposit_fen", example="50000.00"),
        TextColumn("开户银行", "bank_name", max_length=80, example="中国工商银行某支行"),
        BankAccountColumn("银行账号", "bank_account", max_length=32, example="6222020200112233445"),
        ChoiceColumn("等级", "grade", AGENT_GRADE_LABELS, example="B", help="留空为 C"),
        CodeColumn("客户经理用户名", "manager", max_length=150, example="zhangsan",
                   help="负责该代理商的渠道经理的用户名"),
    )
    notes = ("6. 导出文件中银行账号已脱敏，且不含法定代表人身份证号。",)

    def check(self, rows: list[ImportRow]) -> None:
        for name in ("code", "credit_code"):
            self.check_unique_in_file(rows, name)
            self.check_not_in_database(rows, name, Agent.objects.all())
        nodes = nodes_within_reach(self.user).filter(is_active=True)
        self.resolve(rows, "territory", fetch_by(nodes, "code", _codes(rows, "territory")), unknown_node("{value}"))
        staff = users_visible_to(self.user).exclude(role=Role.AGENT_USER)
        self.resolve(rows, "manager", fetch_by(staff, "username", _codes(rows, "manager")), "未知的用户名“{value}”")
        for row in rows:
            if row.has("contract_start") and row.has("contract_end") and row["contract_end"] < row["contract_start"]:
                self.error(row, "contract_end", "合同结束日期不能早于开始日期")

    def write(self, rows: list[ImportRow]) -> int:
        agents = [self._agent(row) for row in rows]
        self.bulk_create_with_history(agents, Agent)
        return len(agents)

    def _agent(self, row: ImportRow) -> Agent:
        plain = {
            name: row[name] for name in (
                "code", "name", "credit_code", "channel_type", "legal_representative", "legal_rep_id_number",
                "contact_name", "contact_phone", "address", "contract_no", "contract_start", "contract_end",
                "deposit_fen", "bank_name", "bank_account",
            )
        }
        return Agent(
            **plain, grade=row["grade"] or AgentGrade.C, territory=row.refs["territory"],
            manager=row.refs.get("manager"), status=AgentStatus.ACTIVE, created_by=self.user,
        )


class OutletImporter(Importer):
    kind = "outlets"
    title = "网点"
    permission = staticmethod(can_write_master_data)
    columns = (
        CodeColumn("网点编码", "code", required=True, max_length=32, example="WD000001"),
        TextColumn("网点名称", "name", required=True, max_length=120, example="某某营业厅"),
        TextColumn("地址", "address", max_length=200, example="某市某区某路 8 号"),
        DecimalColumn("纬度", "latitude", places=6, example="39.904200", help="与经度同时填写或同时留空，须在中国境内"),
        DecimalColumn("经度", "longitude", places=6, example="116.407400", help="与纬度同时填写或同时留空，须在中国境内"),
        CodeColumn("网格编码", "grid", required=True, max_length=32, example="WG0101",
                   help="须为您管辖范围内的有效网格"),
        CodeColumn("代理商编码", "agent", required=True, max_length=32, example="DL0001",
                   help="须为系统中已有的、合作中的代理商（请先导入代理商）"),
        ChoiceColumn("网点类型", "outlet_type", CHANNEL_TYPE_LABELS, required=True),
        DateColumn("开业日期", "opening_date", required=True, example="2024-06-01",
                   help="网点的归属从这一天开始计算；不能晚于今天"),
    )
    notes = ("6. 导入的是已经开业的现有网点：状态为“已开业”，归属（代理商、网格）从开业日期起生效。",)

    def check(self, rows: list[ImportRow]) -> None:
        self.check_unique_in_file(rows, "code")
        self.check_not_in_database(rows, "code", Outlet.objects.all())
        grids = fetch_by(grids_within_reach(self.user), "code", _codes(rows, "grid"))
        self.resolve(rows, "grid", grids, unknown_grid("{value}"))
        agents = fetch_by(agents_visible_to(self.user), "code", _codes(rows, "agent"))
        self.resolve(rows, "agent", agents, "未知的代理商编码“{value}”")
        today = timezone.localdate()
        for row in rows:
            self._check_coordinates(row)
            agent = row.refs.get("agent")
            if agent is not None and agent.status != AgentStatus.ACTIVE:
                self.error(row, "agent", f"代理商“{agent.code}”已暂停或终止合作")
            if row.has("opening_date") and row["opening_date"] > today:
                self.error(row, "opening_date", "开业日期不能晚于今天（导入的是已开业的网点）")

    def _check_coordinates(self, row: ImportRow) -> None:
        if not row.fine("latitude", "longitude"):
            return
        latitude, longitude = row["latitude"], row["longitude"]
        try:
            validate_china_coordinates(latitude, longitude)
        except ValidationError as exc:
            if exc.code == "coords_pair":
                missing = "longitude" if latitude is not None else "latitude"
                self.error(row, missing, "纬度和经度须同时填写或同时留空")
                return
            if not _in_china(latitude, _CHINA_MIDPOINT[1]):
                self.error(row, "latitude", f"纬度 {latitude} 不在中国境内（应在 3 到 54 之间）")
            if not _in_china(_CHINA_MIDPOINT[0], longitude):
                self.error(row, "longitude", f"经度 {longitude} 不在中国境内（应在 73 到 136 之间）")

    def write(self, rows: list[ImportRow]) -> int:
        outlets = self.bulk_create_with_history([self._outlet(row) for row in rows], Outlet)
        OutletAssignment.objects.bulk_create(
            [
                OutletAssignment(outlet=outlet, agent=outlet.agent, grid=outlet.grid, valid_from=outlet.opening_date,
                                 reason="import")
                for outlet in outlets
            ],
            batch_size=1000,
        )
        return len(outlets)

    def _outlet(self, row: ImportRow) -> Outlet:
        return Outlet(
            code=row["code"], name=row["name"], address=row["address"], latitude=row["latitude"],
            longitude=row["longitude"], grid=row.refs["grid"], agent=row.refs["agent"], outlet_type=row["outlet_type"],
            opening_date=row["opening_date"], status=OutletStatus.ACTIVE, created_by=self.user,
        )


def _codes(rows: list[ImportRow], name: str) -> set[str]:
    return {row[name] for row in rows if row.has(name)}


def _in_china(latitude: Decimal, longitude: Decimal) -> bool:
    try:
        validate_china_coordinates(latitude, longitude)
    except ValidationError:
        return False
    return True
