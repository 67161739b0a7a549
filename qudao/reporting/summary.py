"""The written summary of a period (DEV-6): Chinese sentences generated from the numbers.

The text is data (it goes into the workbook as the center reads it), so it is written in
Chinese directly rather than through the translation catalogue.
"""

from decimal import Decimal

from qudao.core.money import format_yuan

from .choices import StatsKind
from .figures import percent
from .periods import Period
from .statistics import Line, Statistics, rate_change

NAMED = 3  # best and worst grids named in the summary


def period_title(period: Period) -> str:
    if period.kind == StatsKind.QUARTER:
        return f"{period.first.year}年第{(period.first.month - 1) // 3 + 1}季度"
    return f"{period.first.year}年{period.first.month}月"


def _pct(value: Decimal | None) -> str:
    return "—" if value is None else f"{value}%"


def _names(lines: list[Line], show) -> str:
    return "、".join(f"{line.name}（{show(line)}）" for line in lines)


def summary_lines(stats: Statistics) -> list[str]:
    title = f"{stats.subject.title}{period_title(stats.period)}发展情况分析"
    return [title, _overall(stats), _targets(stats), _versus_previous(stats), _grids(stats)]


def _overall(stats: Statistics) -> str:
    t = stats.totals
    if not t.records:
        return "一、总体情况：本期没有发展量数据。"
    return (f"一、总体情况：本期共发展{t.records:,}笔，收入{format_yuan(t.fee_fen)}元；"
            f"有效发展{t.effective:,}笔，有效发展率{_pct(t.effective_rate)}。")


def _targets(stats: Statistics) -> str:
    parts = []
    if stats.development.target:
        parts.append(f"发展量目标{stats.development.target.full:,.0f}笔，完成率{_pct(stats.development.attainment)}")
    if stats.revenue.target:
        target_fen = int(stats.revenue.target.full)
        parts.append(f"收入目标{format_yuan(target_fen)}元，完成率{_pct(stats.revenue.attainment)}")
    if not parts:
        return "二、目标完成：本期未设定目标。"
    return "二、目标完成：" + "；".join(parts) + "。"


def _versus_previous(stats: Statistics) -> str:
    now, before = stats.totals, stats.previous
    if not before.records:
        return "三、与上期比较：上期没有发展量数据，无法比较。"
    change = percent(now.records - before.records, before.records)
    direction = "增长" if change >= 0 else "下降"
    text = f"三、与上期比较：发展量较上期{direction}{abs(change)}%（上期{before.records:,}笔）"
    points = rate_change(now, before)
    if points is not None:
        if points == 0:
            text += f"；有效发展率与上期持平（{_pct(before.effective_rate)}）"
        else:
            moved = "上升" if points > 0 else "下降"
            text += f"；有效发展率{moved}{abs(points)}个百分点（上期{_pct(before.effective_rate)}）"
    return text + "。"


def _grids(stats: Statistics) -> str:
    grids = stats.grids
    if not grids:
        return "四、网格排名：本节点下没有网格。"
    with_target = [g for g in grids if g.development.attainment is not None]
    if with_target:
        ranked = sorted(with_target, key=lambda g: (-g.development.attainment, -g.totals.records, g.code))
        show = lambda g: _pct(g.development.attainment)  # noqa: E731
        basis = "目标完成率"
    else:
        ranked = sorted(grids, key=lambda g: (-g.totals.records, g.code))
        show = lambda g: f"{g.totals.records:,}笔"  # noqa: E731
        basis = "发展量"
    best = ranked[:NAMED]
    worst = list(reversed(ranked[-NAMED:])) if len(ranked) > NAMED else []
    text = f"四、网格排名（按{basis}）：最好的网格为{_names(best, show)}"
    if worst:
        text += f"；最差的网格为{_names(worst, show)}"
    return text + "。"
