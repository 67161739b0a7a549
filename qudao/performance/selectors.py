"""Reads of bulletins, follow-ups and webhooks. The `*_visible_to` functions are the only way
anything lists them.

- Bulletins: staff with any reach see every week (the lines are what is scoped); agent users
  see the published weeks that have a line for their agent.
- Bulletin lines: staff by the line's grid within reach; agent users only their own agent's
  lines of published bulletins.
- Follow-ups: staff by the agent's grid within reach, plus those assigned to them or to the
  people reporting to them (a supervisor sees the team's list); never agent users.
- Webhooks: by their node within reach; never agent users.
"""

from django.db.models import Q, QuerySet

from qudao.channels.selectors import agent_of
from qudao.core.events import events_for
from qudao.territory.selectors import path_q, reach_paths

from .choices import BulletinStatus
from .models import Bulletin, BulletinLine, FollowUp, JobRun, WebhookDelivery, WebhookEndpoint


def _is_staff(user) -> bool:
    return user.is_authenticated and not user.is_agent_user


def bulletins_visible_to(user) -> QuerySet[Bulletin]:
    qs = Bulletin.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if user.is_agent_user:
        agent = agent_of(user)
        return qs.filter(status=BulletinStatus.PUBLISHED, lines__agent_id=agent.pk) if agent else qs.none()
    return qs if reach_paths(user) else qs.none()


def bulletin_lines_visible_to(user) -> QuerySet[BulletinLine]:
    qs = BulletinLine.objects.select_related("bulletin", "agent", "grid", "county")
    if not user.is_authenticated:
        return qs.none()
    if user.is_agent_user:
        agent = agent_of(user)
        return qs.filter(agent_id=agent.pk, bulletin__status=BulletinStatus.PUBLISHED) if agent else qs.none()
    return qs.filter(path_q(reach_paths(user), "grid__path"))


def followups_visible_to(user) -> QuerySet[FollowUp]:
    qs = FollowUp.objects.select_related("agent", "grid", "assignee")
    if not _is_staff(user):
        return qs.none()
    return qs.filter(path_q(reach_paths(user), "grid__path") | Q(assignee=user) | Q(assignee__reports_to=user))


def webhooks_visible_to(user) -> QuerySet[WebhookEndpoint]:
    qs = WebhookEndpoint.objects.select_related("node")
    if not _is_staff(user):
        return qs.none()
    return qs.filter(path_q(reach_paths(user), "node__path"))


def recent_deliveries(*, endpoint=None, bulletin=None, limit: int = 20) -> QuerySet[WebhookDelivery]:
    qs = WebhookDelivery.objects.select_related("endpoint", "bulletin")
    if endpoint is not None:
        qs = qs.filter(endpoint=endpoint)
    if bulletin is not None:
        qs = qs.filter(bulletin=bulletin)
    return qs[:limit]


def followup_events(followup: FollowUp):
    return events_for(followup)


def recent_job_runs(limit: int = 20) -> QuerySet[JobRun]:
    return JobRun.objects.all()[:limit]
