"""Reads of field work. The `*_visible_to` functions are the only way anything lists these models.

Staff see what happens at outlets in their reach (by the outlet's current grid); agent users
see only their own agent's rectifications and violations, never inspections or plans.
"""

from django.db.models import Q, QuerySet

from qudao.channels.selectors import agent_of
from qudao.territory.selectors import path_q, reach_paths, users_visible_to

from .choices import InspectionKind
from .models import ChecklistTemplate, Inspection, Photo, Rectification, Violation, WeekPlan


def _staff_by_outlet(queryset: QuerySet, user) -> QuerySet:
    if not user.is_authenticated or user.is_agent_user:
        return queryset.none()
    return queryset.filter(path_q(reach_paths(user), "outlet__grid__path"))


def _staff_or_own_agent(queryset: QuerySet, user) -> QuerySet:
    if user.is_authenticated and user.is_agent_user:
        agent = agent_of(user)
        return queryset.filter(agent_id=agent.pk) if agent else queryset.none()
    return _staff_by_outlet(queryset, user)


def inspections_visible_to(user) -> QuerySet[Inspection]:
    qs = Inspection.objects.select_related("outlet", "outlet__grid", "agent", "inspector", "template")
    return _staff_by_outlet(qs, user)


def rectifications_visible_to(user) -> QuerySet[Rectification]:
    qs = Rectification.objects.select_related("outlet", "agent", "manager", "item")
    return _staff_or_own_agent(qs, user)


def violations_visible_to(user) -> QuerySet[Violation]:
    qs = Violation.objects.select_related("outlet", "agent", "reported_by")
    return _staff_or_own_agent(qs, user)


def week_plans_visible_to(user) -> QuerySet[WeekPlan]:
    """A manager's own plans; above them, the plans of the people in their reach."""
    if not user.is_authenticated or user.is_agent_user:
        return WeekPlan.objects.none()
    return WeekPlan.objects.filter(manager__in=users_visible_to(user)).select_related("manager")


def templates_visible_to(user) -> QuerySet[ChecklistTemplate]:
    """Checklists are company-wide reference data for staff."""
    if not user.is_authenticated or user.is_agent_user:
        return ChecklistTemplate.objects.none()
    return ChecklistTemplate.objects.all()


def template_for(kind: str, channel_type: str) -> ChecklistTemplate | None:
    """The active checklist of `kind` for the channel type, else the kind's catch-all one."""
    candidates = ChecklistTemplate.objects.filter(kind=kind, is_active=True, channel_type__in=[channel_type, ""])
    return min(candidates, key=lambda t: t.channel_type != channel_type, default=None)


def photos_of(owner) -> QuerySet[Photo]:
    """Photos shown with an inspection, or with a rectification or violation (its own, plus
    those of the checklist item that opened it)."""
    if isinstance(owner, Inspection):
        return Photo.objects.filter(inspection=owner)
    field = "rectification" if isinstance(owner, Rectification) else "violation"
    found = Q(**{field: owner})
    if owner.inspection_id and owner.item_id:
        found |= Q(result__inspection_id=owner.inspection_id, result__item_id=owner.item_id)
    return Photo.objects.filter(found)


def monthly_assessments(user, start, end) -> QuerySet[Inspection]:
    return inspections_visible_to(user).filter(
        kind=InspectionKind.MONTHLY, status="finished", checked_in_at__gte=start, checked_in_at__lt=end,
    )


def week_progress(user, monday) -> tuple[int, int]:
    """(distinct outlets the user finished inspecting in the week, the weekly quota)."""
    from .models import InspectionPolicy

    done = (Inspection.objects.filter(inspector=user, week_start=monday, status="finished")
            .values("outlet_id").distinct().count())
    return done, InspectionPolicy.current().weekly_quota
