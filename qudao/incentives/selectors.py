"""Reads of the incentives app. The `*_visible_to` functions are the only way anything lists them.

- Scheme versions and settlement runs: every staff member with reach (company-wide policy; the
  money inside is scoped by agent below); never agent users.
- Statements and lines (read from the run's lines file): staff see those of the agents they can see (channels.agents_visible_to);
  an agent user sees only their own agent's, and only once the statement was sent.
"""

from django.db.models import QuerySet

from qudao.channels.selectors import agent_of, agents_visible_to
from qudao.core.events import events_for
from qudao.territory.selectors import reach_paths

from .choices import RunStatus, StatementStatus
from .lines import LineQuery
from .models import SchemeVersion, SettlementRun, Statement


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


def run_lines_visible_to(user, run: SettlementRun) -> LineQuery:
    """The run's lines of the agents whose statements `user` may read (an agent user: their own,
    once sent); the lines file itself is not filtered when every statement of the run is readable."""
    query = LineQuery(run)
    statements = statements_visible_to(user).filter(run=run)
    agents = list(statements.values_list("agent_id", flat=True))
    if not agents:
        return query.none()
    if len(agents) == Statement.objects.filter(run=run).count():
        return query
    return query.filter(agent_ids=agents)


def statement_lines(statement: Statement) -> LineQuery:
    """Every line of one statement, in statement order (record, then rule)."""
    return LineQuery(statement.run).filter(agent_id=statement.agent_id).in_statement_order()


def done_runs() -> QuerySet[SettlementRun]:
    return SettlementRun.objects.filter(status=RunStatus.DONE).select_related("scope")


def version_events(version: SchemeVersion):
    return events_for(version)
