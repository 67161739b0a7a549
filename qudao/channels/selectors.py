"""Reads of agents and outlets. The `*_visible_to` functions are the only way anything lists them."""

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from qudao.territory.selectors import path_q, reach_paths

from .choices import OutletStatus
from .models import Agent, AgentUser, Outlet, OutletAssignment, OutletRequest


def agent_of(user) -> Agent | None:
    """The agent an agent user works for (None for staff)."""
    if not user.is_authenticated or not user.is_agent_user:
        return None
    link = AgentUser.objects.filter(user=user).select_related("agent").first()
    return link.agent if link else None


def _agent_id_q(user, field: str) -> Q:
    link = AgentUser.objects.filter(user=user).values_list("agent_id", flat=True).first()
    return Q(**{field: link}) if link else Q(pk__in=[])


def outlets_visible_to(user) -> QuerySet[Outlet]:
    qs = Outlet.objects.select_related("grid", "agent")
    if not user.is_authenticated:
        return qs.none()
    if user.is_agent_user:
        return qs.filter(_agent_id_q(user, "agent_id"))
    return qs.filter(path_q(reach_paths(user), "grid__path"))


def agents_visible_to(user) -> QuerySet[Agent]:
    qs = Agent.objects.select_related("territory", "manager")
    if not user.is_authenticated:
        return qs.none()
    if user.is_agent_user:
        return qs.filter(_agent_id_q(user, "pk"))
    paths = reach_paths(user)
    with_outlets_in_reach = Outlet.objects.filter(path_q(paths, "grid__path")).values("agent_id")
    return qs.filter(path_q(paths, "territory__path") | Q(pk__in=with_outlets_in_reach))


def outlet_requests_visible_to(user) -> QuerySet[OutletRequest]:
    visible = outlets_visible_to(user).values("pk")
    return OutletRequest.objects.filter(outlet_id__in=visible).select_related(
        "outlet", "requested_by", "decided_by", "target_outlet", "new_agent", "new_grid"
    )


def assignment_on(outlet: Outlet | int, day: dt.date) -> OutletAssignment | None:
    """Which agent and grid the outlet belonged to on `day` (None before opening or after closing)."""
    outlet_id = outlet.pk if isinstance(outlet, Outlet) else outlet
    return (
        OutletAssignment.objects.filter(outlet_id=outlet_id, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
        .select_related("agent", "grid")
        .first()
    )


def assignments_on(day: dt.date) -> QuerySet[OutletAssignment]:
    """All outlet → (agent, grid) attributions valid on `day`, for set-based joins."""
    return OutletAssignment.objects.filter(valid_from__lte=day).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=day)
    )


def assignment_history(outlet: Outlet) -> QuerySet[OutletAssignment]:
    return outlet.assignments.select_related("agent", "grid").order_by("valid_from")


def active_outlets_block_retire(node) -> str | None:
    live = [OutletStatus.PLANNED, OutletStatus.ACTIVE, OutletStatus.SUSPENDED]
    if Outlet.objects.filter(path_q([node.path], "grid__path"), status__in=live).exists():
        return _("Outlets in this node are still open: transfer or close them first.")
    return None
