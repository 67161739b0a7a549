"""Excel/CSV imports of targets and of the year's holiday notice (see qudao.core.importing).

Targets: one row per holder and period; a row for a target that exists changes its value (the
import is how a year's plan is loaded and revised), everything else is created. The whole file
is checked first: each holder must be one the importer may set (see permissions), and after
the file is applied every parent that has decomposed children must still add up exactly.

Calendar: one row per date range of the notice (放假 / 上班); a date already in the calendar is
replaced by the file's entry.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from qudao.channels.models import Outlet
from qudao.core.importing import (
    CellError,
    ChoiceColumn,
    CodeColumn,
    Column,
    DateColumn,
    DecimalColumn,
    Importer,
    ImportRow,
    TextColumn,
    fetch_by,
)
from qudao.core.money import to_fen
from qudao.sales.choices import ProductCategory
from qudao.territory.models import TerritoryNode
from qudao.territory.selectors import nodes_within_reach, path_q, reach_paths

from .choices import Metric, PeriodKind
from .decomposition import Group, format_value
from .filtersets import parse_period
from .models import CalendarException, Target
from .periods import period_label
from .permissions import can_edit_calendar, can_manage_targets, can_set_target
from .services import refresh_rebalancing_flags

METRIC_LABELS = {Metric.RECORDS: "发展量", Metric.EFFECTIVE: "有效发展量", Metric.REVENUE_FEN: "收入（元）"}
CATEGORY_LABELS = {
    ProductCategory.MOBILE_PLAN: "移动套餐", ProductCategory.BROADBAND: "宽带", ProductCategory.CONVERGENCE: "融合套餐",
    ProductCategory.TERMINAL: "终端", ProductCategory.CARD: "卡品", ProductCategory.POLICY: "保险保单",
}
DAY_KIND_LABELS = {"holiday": "放假", "workday": "上班"}
MAX_RANGE_DAYS = 31


class PeriodColumn(Column):
    kind_hint = "月份如 2026-11，季度如 2026Q4；日期单元格按其所在月份计"

    def __init__(self, header, field, **kwargs):
        kwargs.setdefault("example", "2026-11")
        super().__init__(header, field, **kwargs)

    def parse(self, raw) -> tuple[str, date]:
        if isinstance(raw, datetime | date):
            day = raw.date() if isinstance(raw, datetime) else raw
            return PeriodKind.MONTH, day.replace(day=1)
        parsed = parse_period(str(raw))
        if parsed is None:
            raise CellError(f"“{raw}”不是有效的周期（月份如 2026-11，季度如 2026Q4）")
        return parsed

    def render(self, value) -> str:
        return period_label(*value)


class TargetImporter(Importer):
    kind = "targets"
    title = "指标"
    columns = (
        CodeColumn("节点或网点编码", "code", required=True, max_length=32, example="GA"),
        PeriodColumn("周期", "period", required=True),
        ChoiceColumn("指标", "metric", METRIC_LABELS, required=True),
        ChoiceColumn("产品类别", "category", CATEGORY_LABELS, help="留空表示全部类别", example=""),
        DecimalColumn("目标值", "value", places=2, required=True, example=1200,
                      help="发展量、有效发展量填整数；收入填金额（元）"),
    )
    notes = ("6. 已有的指标（同一节点或网点、周期、指标、类别）会被文件中的值更新；上级已分解的，下级合计必须与上级相等。",)
    permission = staticmethod(can_manage_targets)

    def check(self, rows: list[ImportRow]) -> None:
        self._resolve_holders(rows)
        for row in rows:
            if row.fine("code", "period", "metric", "category", "value") and "holder" in row.refs:
                self._parse_value(row)
        self._check_duplicates(rows)
        self._check_parents_add_up([r for r in rows if "key" in r.refs])

    def _resolve_holders(self, rows: list[ImportRow]) -> None:
        codes = [row["code"] for row in rows if row.has("code")]
        nodes = fetch_by(nodes_within_reach(self.user), "code", codes)
        outlets = fetch_by(Outlet.objects.filter(path_q(reach_paths(self.user), "grid__path"))
                           .select_related("grid"), "code", codes)
        for row in rows:
            if not row.has("code"):
                continue
            node, outlet = nodes.get(row["code"]), outlets.get(row["code"])
            if node and outlet:
                self.error(row, "code", f"编码“{row['code']}”既是组织节点又是网点，无法区分")
            elif not node and not outlet:
                self.error(row, "code", f"编码“{row['code']}”不存在或不在您的管辖范围内")
            elif not can_set_target(self.user, node=node, outlet=outlet):
                self.error(row, "code", f"您无权为“{row['code']}”设定指标")
            else:
                row.refs["holder"] = ("node", node) if node else ("outlet", outlet)

    def _parse_value(self, row: ImportRow) -> None:
        value: Decimal = row["value"]
        if value < 0:
            self.error(row, "value", "目标值不能为负数")
            return
        if row["metric"] == Metric.REVENUE_FEN:
            amount = to_fen(value)
        elif value != value.to_integral_value():
            self.error(row, "value", "发展量和有效发展量必须是整数")
            return
        else:
            amount = int(value)
        kind, holder = row.refs["holder"]
        period_kind, start = row["period"]
        row.refs["group"] = Group(period_kind, start, row["metric"], row["category"] or "")
        row.refs["key"] = (kind, holder.pk)
        row.refs["amount"] = amount

    def _check_duplicates(self, rows: list[ImportRow]) -> None:
        seen: dict[tuple, int] = {}
        for row in rows:
            if "key" not in row.refs:
                continue
            key = (row.refs["group"], row.refs["key"])
            if key in seen:
                self.error(row, "code", f"与第 {seen[key]} 行重复（同一编码、周期、指标和类别）")
                row.refs.pop("key")
            else:
                seen[key] = row.number

    def _check_parents_add_up(self, rows: list[ImportRow]) -> None:
        by_group: dict[Group, list[ImportRow]] = {}
        for row in rows:
            by_group.setdefault(row.refs["group"], []).append(row)
        for group, members in by_group.items():
            self._check_group(group, members)

    def _check_group(self, group: Group, rows: list[ImportRow]) -> None:
        parent_of = {}
        for row in rows:
            kind, holder = row.refs["holder"]
            parent_id = holder.parent_id if kind == "node" else holder.grid_id
            if parent_id:
                parent_of[row.number] = parent_id
        parents = TerritoryNode.objects.in_bulk(set(parent_of.values()))
        existing = group.targets().filter(node__in=parents.values())
        parent_values = {t.node_id: t.value for t in existing}
        children: dict[int, dict[tuple, int]] = {pk: {} for pk in parents}
        for parent_id, node_id, value in group.targets().filter(node__parent__in=parents.values()).values_list(
                "node__parent_id", "node_id", "value"):
            children[parent_id][("node", node_id)] = value
        for grid_id, outlet_id, value in group.targets().filter(outlet__grid__in=parents.values()).values_list(
                "outlet__grid_id", "outlet_id", "value"):
            children[grid_id][("outlet", outlet_id)] = value
        for row in rows:
            if row.refs["key"][0] == "node" and row.refs["key"][1] in parents:
                parent_values[row.refs["key"][1]] = row.refs["amount"]
            if row.number in parent_of:
                children[parent_of[row.number]][row.refs["key"]] = row.refs["amount"]
        for row in rows:
            parent_id = parent_of.get(row.number)
            if parent_id is None or parent_id not in parent_values:
                continue
            total, expected = sum(children[parent_id].values()), parent_values[parent_id]
            if total != expected:
                parent = parents[parent_id]
                self.error(row, "value", f"“{parent.name}”（{parent.code}）的下级指标合计为 "
                           f"{format_value(group.metric, total)}，与其指标 {format_value(group.metric, expected)} "
                           f"相差 {format_value(group.metric, abs(total - expected))}")

    def write(self, rows: list[ImportRow]) -> int:
        existing = {}
        for group in {row.refs["group"] for row in rows}:
            for target in group.targets():
                existing[(group, ("node", target.node_id) if target.node_id else ("outlet", target.outlet_id))] = target
        to_update, to_create = [], []
        for row in rows:
            group, key, amount = row.refs["group"], row.refs["key"], row.refs["amount"]
            target = existing.get((group, key))
            if target is None:
                to_create.append(Target(**group.lookup(), value=amount, created_by=self.user,
                                        **{key[0]: row.refs["holder"][1]}))
            elif target.value != amount:
                target.value, target.updated_at = amount, timezone.now()
                to_update.append(target)
        if to_update:
            bulk_update_with_history(to_update, Target, ["value", "updated_at"], default_user=self.user,
                                     default_change_reason=self.history_reason)
        created = self.bulk_create_with_history(to_create, Target) if to_create else []
        written = [t for t in [*to_update, *created] if t.node_id]
        parents = Target.objects.filter(node__in=_parent_nodes(rows)).select_related("node")
        refresh_rebalancing_flags([*written, *parents])
        return len(rows)


def _parent_nodes(rows: list[ImportRow]) -> set[int]:
    return {holder.parent_id if kind == "node" else holder.grid_id for kind, holder in (r.refs["holder"] for r in rows)} - {None}


class CalendarImporter(Importer):
    kind = "calendar"
    title = "节假日安排"
    columns = (
        DateColumn("开始日期", "first", required=True, example="2026-10-01"),
        DateColumn("结束日期", "last", help="留空表示只有开始日期这一天", example="2026-10-07"),
        ChoiceColumn("类型", "kind", DAY_KIND_LABELS, required=True, help="放假：节假日休息；上班：调休上班日（周末）"),
        TextColumn("名称", "name", max_length=60, example="国庆节、中秋节"),
    )
    notes = ("6. 按国务院办公厅节假日安排通知逐条填写；周一至周五默认上班、周六周日默认休息，只需填写例外日期。"
             "系统中已有的日期会被文件中的内容替换。",)
    permission = staticmethod(can_edit_calendar)

    def check(self, rows: list[ImportRow]) -> None:
        seen: dict[date, int] = {}
        for row in rows:
            if not row.has("first"):
                continue
            last = row["last"] if row.has("last") else row["first"]
            if last < row["first"]:
                self.error(row, "last", "结束日期不能早于开始日期")
                continue
            if (last - row["first"]).days >= MAX_RANGE_DAYS:
                self.error(row, "last", f"一行最多 {MAX_RANGE_DAYS} 天")
                continue
            days = [row["first"] + timedelta(days=i) for i in range((last - row["first"]).days + 1)]
            clash = next((d for d in days if d in seen), None)
            if clash:
                self.error(row, "first", f"{clash.isoformat()} 与第 {seen[clash]} 行重复")
                continue
            seen.update(dict.fromkeys(days, row.number))
            row.refs["days"] = days

    def write(self, rows: list[ImportRow]) -> int:
        wanted = {day: (row["kind"] == "workday", row["name"]) for row in rows for day in row.refs["days"]}
        existing = fetch_by(CalendarException.objects.all(), "date", wanted)
        to_update, to_create = [], []
        for day, (is_workday, name) in sorted(wanted.items()):
            row = existing.get(day)
            if row is None:
                to_create.append(CalendarException(date=day, is_workday=is_workday, name=name, created_by=self.user))
            elif (row.is_workday, row.name) != (is_workday, name):
                row.is_workday, row.name, row.updated_at = is_workday, name, timezone.now()
                to_update.append(row)
        if to_update:
            bulk_update_with_history(to_update, CalendarException, ["is_workday", "name", "updated_at"],
                                     default_user=self.user, default_change_reason=self.history_reason)
        if to_create:
            self.bulk_create_with_history(to_create, CalendarException)
        return len(wanted)
