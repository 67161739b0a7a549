"""Daily laggard detection (DEV-2): agents behind their pro-rated month target or down week on
week land on their manager's follow-up list; repeat laggards escalate to the supervisor.

The figures are those of the day before the run (the last complete day). Runs on working days
only; a second run on the same day creates nothing new (one follow-up per agent, day and level).
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from qudao.accounts.choices import Role
from qudao.channels.choices import AgentStatus
from qudao.channels.models import Agent
from qudao.core.events import transition
from qudao.targets.calendar import working_days
from qudao.targets.selectors import period_bounds
from qudao.territory.models import StaffAssignment

from .choices import FollowUpKind, FollowUpLevel, FollowUpStatus
from .models import FollowUp, LaggardRule
from .volumes import CENT, MONTH, agent_home_grids, agent_month_targets, agent_records

DAY = dt.timedelta(days=1)


@dataclass
class Finding:
    agent_id: int
    grid_id: int
    behind: bool = False
    dropped: bool = False
    figures: dict = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        """Both rules at once: go and see them; one rule: a phone call."""
        return FollowUpKind.VISIT if self.behind and self.dropped else FollowUpKind.CALL


def _pct(part: Decimal | int, whole: Decimal | int) -> Decimal:
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _month_progress(as_of: dt.date) -> Decimal | None:
    """Working days elapsed ÷ working days in the month (targets.calendar.prorated's fraction),
    computed once so that each agent's expected count costs no query."""
    first, last = period_bounds(MONTH, as_of)
    total = working_days(first, last)
    return Decimal(working_days(first, as_of)) / total if total else None


def find_laggards(*, as_of: dt.date, rule: LaggardRule) -> list[Finding]:
    grids = agent_home_grids(as_of, as_of, with_sales=False)
    active = set(Agent.objects.filter(status=AgentStatus.ACTIVE).values_list("pk", flat=True))
    month_first, _last = period_bounds(MONTH, as_of)
    to_date = agent_records(month_first, as_of)
    recent = agent_records(as_of - 6 * DAY, as_of)
    before = agent_records(as_of - 13 * DAY, as_of - 7 * DAY)
    targets = agent_month_targets(as_of, on=as_of)
    progress = _month_progress(as_of)
    keep_target = (100 - rule.target_shortfall_pct) / 100
    keep_week = (100 - rule.wow_drop_pct) / 100
    findings = []
    for agent, grid in sorted(grids.items()):
        if agent not in active:
            continue
        target, actual = targets.get(agent, 0), to_date.get(agent, 0)
        last7, prior7 = recent.get(agent, 0), before.get(agent, 0)
        finding = Finding(agent, grid, figures={
            "month_target": target, "month_to_date": actual, "last_7_days": last7, "previous_7_days": prior7,
        })
        if target and progress is not None:
            expected = (target * progress).quantize(CENT, rounding=ROUND_HALF_UP)
            finding.figures["expected"] = str(expected)
            if actual < expected * keep_target:
                finding.behind = True
                finding.reasons.append(
                    _("Month to %(day)s: %(actual)d records, %(expected)s expected by working days (month target %(target)d).")
                    % {"day": as_of.strftime("%m-%d"), "actual": actual, "expected": expected, "target": target}
                )
        if prior7 and prior7 >= rule.wow_min_volume and last7 < prior7 * keep_week:
            finding.dropped = True
            change = _pct(last7 - prior7, prior7)
            finding.figures["change_pct"] = str(change)
            finding.reasons.append(
                _("Last 7 days: %(last)d records, the 7 days before: %(prior)d (%(change)s%%).")
                % {"last": last7, "prior": prior7, "change": f"{change:+}"}
            )
        if finding.behind or finding.dropped:
            findings.append(finding)
    return findings


def _assignees(findings: list[Finding]) -> dict[int, int | None]:
    """{agent: user}: the agent's manager in charge, else a channel manager assigned to its grid."""
    managers = dict(Agent.objects.filter(pk__in=[f.agent_id for f in findings]).values_list("pk", "manager_id"))
    grid_managers: dict[int, int] = {}
    for node, user in (
        StaffAssignment.objects.filter(node_id__in={f.grid_id for f in findings}, user__role=Role.CHANNEL_MANAGER,
                                       user__is_active=True).order_by("user_id").values_list("node_id", "user_id")
    ):
        grid_managers.setdefault(node, user)
    return {f.agent_id: managers.get(f.agent_id) or grid_managers.get(f.grid_id) for f in findings}


def repeat_window_start(day: dt.date, window: int) -> dt.date:
    """The first of the last `window` working days up to `day` (included)."""
    start = day
    for _step in range(window * 3 + 14):  # long holidays included
        if working_days(start, day) >= window:
            return start
        start -= DAY
    return start


@transaction.atomic
def detect_laggards(*, day: dt.date) -> dict:
    """The morning run of `day`. Returns counts for the job log."""
    if working_days(day, day) == 0:
        return {"skipped": _("not a working day")}
    rule = LaggardRule.current()
    findings = find_laggards(as_of=day - DAY, rule=rule)
    done = set(FollowUp.objects.filter(flagged_on=day, level=FollowUpLevel.MANAGER).values_list("agent_id", flat=True))
    new = [f for f in findings if f.agent_id not in done]
    assignees = _assignees(new) if new else {}
    FollowUp.objects.bulk_create([
        FollowUp(
            agent_id=f.agent_id, grid_id=f.grid_id, assignee_id=assignees[f.agent_id], level=FollowUpLevel.MANAGER,
            kind=f.kind, flagged_on=day, as_of=day - DAY, reason="\n".join(f.reasons), figures=f.figures,
            due_on=day + dt.timedelta(days=rule.visit_due_days if f.kind == FollowUpKind.VISIT else rule.call_due_days),
        )
        for f in new
    ], batch_size=1000)
    escalated = escalate_repeats(day=day, rule=rule)
    return {"flagged": len(findings), "created": len(new), "escalated": escalated,
            "unassigned": sum(1 for f in new if assignees[f.agent_id] is None)}


def escalate_repeats(*, day: dt.date, rule: LaggardRule) -> int:
    """Agents flagged today and on at least `repeat_days` of the last `repeat_window` working
    days get a visit follow-up for the manager's supervisor (once per window); today's manager
    follow-up moves to escalated, with an event row."""
    start = repeat_window_start(day, rule.repeat_window)
    flagged_today = FollowUp.objects.filter(flagged_on=day, level=FollowUpLevel.MANAGER).values("agent_id")
    repeaters = {
        row["agent_id"] for row in
        FollowUp.objects.filter(level=FollowUpLevel.MANAGER, flagged_on__range=(start, day), agent_id__in=flagged_today)
        .values("agent_id").annotate(days=Count("flagged_on", distinct=True)).filter(days__gte=rule.repeat_days)
    }
    already = set(
        FollowUp.objects.filter(level=FollowUpLevel.SUPERVISOR, flagged_on__range=(start, day), agent_id__in=repeaters)
        .values_list("agent_id", flat=True)
    )
    todays = FollowUp.objects.filter(
        flagged_on=day, level=FollowUpLevel.MANAGER, status=FollowUpStatus.OPEN, agent_id__in=repeaters - already,
        assignee__reports_to__isnull=False,
    ).select_related("assignee")
    count = 0
    for followup in todays:
        supervisor_id = followup.assignee.reports_to_id
        escalation = FollowUp.objects.create(
            agent_id=followup.agent_id, grid_id=followup.grid_id, assignee_id=supervisor_id,
            level=FollowUpLevel.SUPERVISOR, kind=FollowUpKind.VISIT, flagged_on=day, as_of=followup.as_of,
            reason=_("Lagging on %(days)d or more of the last %(window)d working days.")
            % {"days": rule.repeat_days, "window": rule.repeat_window} + "\n" + followup.reason,
            figures=followup.figures, due_on=day + dt.timedelta(days=rule.visit_due_days), escalated_from=followup,
        )
        transition(
            subject=followup, to=FollowUpStatus.ESCALATED, allowed_from={FollowUpStatus.OPEN}, action="escalate",
            by=None, data={"escalation": escalation.pk, "supervisor": supervisor_id},
        )
        count += 1
    return count
