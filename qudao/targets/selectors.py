"""Reads of targets and the calendar. `target_values` and `period_bounds` are the interface other
apps use; `targets_visible_to` and `calendar_exceptions_visible_to` are the scoping functions."""

from datetime import date

from django.db.models import QuerySet

from qudao.channels.selectors import agent_of
from qudao.territory.selectors import path_q, reach_paths

from .choices import Metric, PeriodKind  # noqa: F401  (re-exported for callers)
from .models import CalendarException, Target
from .periods import period_bounds

__all__ = ["calendar_exceptions_visible_to", "period_bounds", "target_values", "targets_visible_to"]


def target_values(
    *, period_kind: str, period_start: date, metric: str, category: str = "",
    node_ids=None, outlet_ids=None,
) -> dict[int, int]:
    """{node_id: value} (with `node_ids`) or {outlet_id: value} (with `outlet_ids`) for the
    targets that exist; missing ones are simply absent. `period_start` may be any day of the
    period. With neither list: every node target of the period (no outlets). Not scoped: the
    caller passes ids it already scoped."""
    if node_ids is not None and outlet_ids is not None:
        raise ValueError("pass node_ids or outlet_ids, not both")
    first, _last = period_bounds(period_kind, period_start)
    targets = Target.objects.filter(
        period_kind=period_kind, period_start=first, metric=metric, category=category or ""
    )
    if outlet_ids is not None:
        rows = targets.filter(outlet_id__in=list(outlet_ids)).values_list("outlet_id", "value")
    elif node_ids is not None:
        rows = targets.filter(node_id__in=list(node_ids)).values_list("node_id", "value")
    else:
        rows = targets.filter(node__isnull=False).values_list("node_id", "value")
    return dict(rows)


def targets_visible_to(user) -> QuerySet[Target]:
    """Staff: targets of the nodes in their reach (their subtrees, not the ancestors above) and of
    the outlets in those grids. Agent users: their own agent's outlets' targets."""
    qs = Target.objects.select_related("node", "outlet", "outlet__grid")
    if not user.is_authenticated:
        return qs.none()
    if user.is_agent_user:
        agent = agent_of(user)
        return qs.filter(outlet__agent_id=agent.pk) if agent else qs.none()
    paths = reach_paths(user)
    if not paths:
        return qs.none()
    return qs.filter(path_q(paths, "node__path") | path_q(paths, "outlet__grid__path"))


def calendar_exceptions_visible_to(user) -> QuerySet[CalendarException]:
    """The holiday calendar is company-wide: every logged-in person may read it."""
    if not user.is_authenticated:
        return CalendarException.objects.none()
    return CalendarException.objects.all()

