"""Reads of the incentives app. The `*_visible_to` functions are the only way anything lists them.

- Scheme versions and settlement runs: every staff member with reach (company-wide policy; the
  money inside is scoped by agent below); never agent users.
- Statements and lines: staff see those of the agents they can see (channels.agents_visible_to);
  an agent user sees only their own agent's, and only once the statement was sent.
"""

from django.db.models import Exists, OuterRef, QuerySet

from qudao.channels.selectors import agent_of, agents_visible_to
from qudao.core.events import events_for
from qudao.territory.selectors import reach_paths

from .choices import RunStatus, StatementStatus
from .models import SchemeVersion, SettlementLine, SettlementRun, Statement


def _staff_with_reach(user) -> bool:
    return user.is_authenticated and not user.is_agent_user and bool(reach_paths(user))


def scheme_versions_visible_to(user) -> QuerySet[SchemeVersion]:
    qs = SchemeVersion.objects.select_related("scheme", "submitted_by", "approved_by")
    return qs if _staff_with_reach(user) else qs.none()


def runs_visible_to(user) -> QuerySet[SettlementRun]:
    qs = SettlementRun.objects.select_related("scope", "created_by")
    return qs if _staff_with_reach(user) else qs.none()


def statements_visible_to(user) -> QuerySet[Statement]:
    qs = Statement.objects.select_related("run", "agent")
    if not user.is_authenticated:
        return qs.none()
    if user.is_agent_user:
        agent = agent_of(user)
        return qs.filter(agent_id=agent.pk).exclude(status=StatementStatus.DRAFT) if agent else qs.none()
    return qs.filter(agent_id__in=agents_visible_to(user).values("pk"))


def lines_visible_to(user) -> QuerySet[SettlementLine]:
    qs = SettlementLine.objects.select_related("agent", "outlet", "product", "run", "version__scheme")
    if not user.is_authenticated:
        return qs.none()
    if user.is_agent_user:
        agent = agent_of(user)
        if agent is None:
            return qs.none()
        sent = Statement.objects.filter(run_id=OuterRef("run_id"), agent_id=agent.pk).exclude(status=StatementStatus.DRAFT)
        return qs.filter(agent_id=agent.pk).filter(Exists(sent))
    return qs.filter(agent_id__in=agents_visible_to(user).values("pk"))


def done_runs() -> QuerySet[SettlementRun]:
    return SettlementRun.objects.filter(status=RunStatus.DONE).select_related("scope")


def version_events(version: SchemeVersion):
    return events_for(version)
