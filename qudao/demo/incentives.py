"""The demo's incentives: an approved standard scheme (written by a manager, approved by the
supervisor, as the services require), and the month before last settled and sent, so the demo
agent has a statement to confirm or dispute and the manager can run last month in the browser."""

import datetime as dt
from collections.abc import Callable

from qudao.incentives.runs import execute_run, send_statements, start_run
from qudao.incentives.services import version_approve, version_create, version_submit

STANDARD_RULES = [
    {"key": "unit", "kind": "per_unit", "label": "发展酬金", "require": "activated",
     "amounts": {"mobile_plan": "30.00", "broadband": "60.00", "convergence": "80.00", "terminal": "20.00",
                 "card": "10.00"}},
    {"key": "tier", "kind": "tier", "label": "网点阶梯奖励", "by": "outlet", "mode": "marginal", "count": "effective",
     "bands": [{"from": 1, "amount": "0.00"}, {"from": 61, "amount": "5.00"}, {"from": 121, "amount": "8.00"}]},
    {"key": "share", "kind": "revenue_share", "label": "宽带融合收入分成", "percent": "3", "months": 6,
     "categories": ["broadband", "convergence"]},
    {"key": "cap", "kind": "cap", "label": "网点月度封顶", "per_outlet": "20000.00"},
    {"key": "claw", "kind": "clawback", "label": "退单扣回", "rules": ["unit"], "within_days": 60, "on": ["cancelled", "churned"]},
]


def _months_before(day: dt.date, months: int) -> dt.date:
    first = day.replace(day=1)
    for _i in range(months):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return first


def seed_incentives(*, as_of: dt.date, users: dict, log: Callable[[str], None]) -> None:
    manager, supervisor, head = users["demo-manager-a"], users["demo-supervisor"], users["demo-head"]
    start = _months_before(as_of, 5)
    version = version_create(scheme_code="DM-STD", scheme_name="标准代理佣金方案", effective_from=start,
                             rules=STANDARD_RULES, by=manager)
    version_approve(version=version_submit(version=version, by=manager), by=supervisor)
    period = _months_before(as_of, 2)
    run = execute_run(start_run(period=period, user=head).pk)
    sent = send_statements(run=run, user=head) if run.status == "done" else 0
    log(f"incentives: scheme DM-STD approved; {period:%Y-%m} settled ({run.line_count:,} lines, "
        f"{run.statement_count} statements, {sent} sent); {_months_before(as_of, 1):%Y-%m} left to run")
