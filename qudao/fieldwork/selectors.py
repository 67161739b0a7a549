"""Reads of field work. The `*_visible_to` functions are the only way anything lists these models.

Work at outlets and agents (callbacks, visits, problems, training, assistance days) is scoped by
the territory node it belongs to: a manager sees their grids, a supervisor their county, analysts
and the head their whole reach (read-only through the permission checks). Agent users see only
their own agent's problems. Personal records (tasks, meetings, diaries, scorecards) are scoped by
person: one's own, and those of the people below one — never a peer's.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from qudao.channels.selectors import agent_of
from qudao.territory.models import PATH_SEPARATOR, StaffAssignment
from qudao.territory.selectors import path_q, reach_paths

from .models import (
    AssistDay,
    Callback,
    ChannelMeeting,
    DiaryEntry,
    Problem,
    Scorecard,
    TrainingSession,
    Visit,
    WorkTask,
)


def _is_staff(user) -> bool:
    return user.is_authenticated and not user.is_agent_user


def _by_node(queryset: QuerySet, user, field: str = "node__path") -> QuerySet:
    if not _is_staff(user):
        return queryset.none()
    return queryset.filter(path_q(reach_paths(user), field))


def people_below(user) -> QuerySet:
    """Ids of the people below `user`: assigned strictly under one of their nodes, or reporting to
    them (directly or one level further). Peers on the same node are not below."""
    User = get_user_model()
    if not _is_staff(user):
        return User.objects.none().values("pk")
    paths = reach_paths(user)
    under = Q(pk__in=[])
    for path in paths:
        under |= Q(node__path__startswith=path + PATH_SEPARATOR)
    assigned_below = StaffAssignment.objects.filter(under).values("user_id")
    return (User.objects.filter(Q(pk__in=assigned_below) | Q(reports_to=user) | Q(reports_to__reports_to=user))
            .exclude(pk=user.pk).values("pk"))


def _self_or_below(field: str, user) -> Q:
    return Q(**{field: user.pk}) | Q(**{f"{field}__in": people_below(user)})


def callbacks_visible_to(user) -> QuerySet[Callback]:
    qs = Callback.objects.select_related("outlet", "agent", "product", "assignee", "grid")
    return _by_node(qs, user, "grid__path")


def visits_visible_to(user) -> QuerySet[Visit]:
    return _by_node(Visit.objects.select_related("agent", "outlet", "staff", "node"), user)


def problems_visible_to(user) -> QuerySet[Problem]:
    qs = Problem.objects.select_related("agent", "outlet", "raised_by", "escalated_to", "node")
    if user.is_authenticated and user.is_agent_user:
        agent = agent_of(user)
        return qs.filter(agent_id=agent.pk) if agent else qs.none()
    return _by_node(qs, user)


def trainings_visible_to(user) -> QuerySet[TrainingSession]:
    return _by_node(TrainingSession.objects.select_related("node", "trainer"), user)


def assist_days_visible_to(user) -> QuerySet[AssistDay]:
    return _by_node(AssistDay.objects.select_related("outlet", "staff", "node"), user)


def work_tasks_visible_to(user) -> QuerySet[WorkTask]:
    """One's own tasks, those one gave, and those of the people below one."""
    qs = WorkTask.objects.select_related("assignee", "assigned_by", "escalated_to")
    if not _is_staff(user):
        return qs.none()
    return qs.filter(_self_or_below("assignee", user) | Q(assigned_by=user))


def meetings_visible_to(user) -> QuerySet[ChannelMeeting]:
    qs = ChannelMeeting.objects.select_related("held_by")
    return qs.filter(_self_or_below("held_by", user)) if _is_staff(user) else qs.none()


def diaries_visible_to(user) -> QuerySet[DiaryEntry]:
    qs = DiaryEntry.objects.select_related("author")
    return qs.filter(_self_or_below("author", user)) if _is_staff(user) else qs.none()


def scorecards_visible_to(user) -> QuerySet[Scorecard]:
    qs = Scorecard.objects.select_related("person")
    return qs.filter(_self_or_below("person", user)) if _is_staff(user) else qs.none()


def assignable_people(user) -> QuerySet:
    """Who `user` may give a task to: the people below them (never themself or a peer)."""
    User = get_user_model()
    if not _is_staff(user):
        return User.objects.none()
    return User.objects.filter(pk__in=people_below(user), is_active=True).order_by("username")
