"""Writes of the performance app. Keyword-only and atomic; views and the API call these.

Generation, detection and delivery live in their own modules (bulletins, laggards, delivery)
and are re-exported here, so callers have one entry point.
"""

import datetime as dt
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qudao.accounts.permissions import can_admin_org, can_approve, can_write_master_data
from qudao.core.errors import BusinessRuleError
from qudao.core.events import transition
from qudao.territory.selectors import node_in_reach

from .bulletins import bulletin_publish, generate_bulletin
from .choices import BulletinStatus, FollowUpStatus, LagReason
from .delivery import deliver_bulletin
from .laggards import detect_laggards
from .models import FollowUp, LaggardRule, WebhookEndpoint

__all__ = [
    "bulletin_publish", "deliver_bulletin", "detect_laggards", "followup_record_outcome", "generate_bulletin",
    "laggard_rule_update", "run_weekly_bulletin", "webhook_save",
]

WEBHOOK_FIELDS = ("name", "kind", "url", "secret", "node", "is_active")
RULE_FIELDS = (
    "target_shortfall_pct", "wow_drop_pct", "wow_min_volume", "repeat_days", "repeat_window",
    "call_due_days", "visit_due_days",
)


def run_weekly_bulletin(*, week_start: dt.date) -> dict:
    """The Monday job: generate (once), publish, send to the webhooks that have not had it."""
    bulletin, created = generate_bulletin(week_start=week_start)
    if bulletin.status != BulletinStatus.PUBLISHED:
        bulletin = bulletin_publish(bulletin=bulletin)
    deliveries = deliver_bulletin(bulletin=bulletin)
    return {"bulletin": bulletin.pk, "created": created, "lines": bulletin.agents, **deliveries}


def may_work_on(user, followup: FollowUp) -> bool:
    """The assignee, the assignee's supervisor, or (unassigned) staff whose reach holds the grid."""
    if not can_write_master_data(user) or user.is_agent_user:
        return False
    if user.is_superuser or followup.assignee_id == user.pk:
        return True
    if followup.assignee_id is None:
        return node_in_reach(user, followup.grid)
    return followup.assignee.reports_to_id == user.pk


@transaction.atomic
def followup_record_outcome(
    *, followup: FollowUp, reached: bool, by, lag_reason: str = "", promised_action: str = "", note: str = "",
) -> FollowUp:
    if not may_work_on(by, followup):
        raise PermissionDenied(_("Only the assignee or their supervisor records the outcome."))
    if lag_reason and lag_reason not in LagReason.values:
        raise BusinessRuleError(_("Choose a reason from the list."))
    if reached and not lag_reason:
        raise BusinessRuleError(_("Say why the agent is lagging, as they explained it."))
    followup = FollowUp.objects.select_for_update().get(pk=followup.pk)
    followup.reached, followup.lag_reason = reached, lag_reason
    followup.promised_action, followup.note = promised_action.strip(), note.strip()
    followup.done_at, followup.done_by = timezone.now(), by
    transition(
        subject=followup, to=FollowUpStatus.DONE, allowed_from={FollowUpStatus.OPEN, FollowUpStatus.ESCALATED},
        action="outcome", by=by, note=followup.note,
        data={"reached": reached, "lag_reason": lag_reason, "promised_action": followup.promised_action},
    )
    return followup


@transaction.atomic
def webhook_save(*, data: Mapping[str, Any], by, endpoint: WebhookEndpoint | None = None) -> WebhookEndpoint:
    """Creates or changes an endpoint at a node in reach. A blank secret keeps the stored one."""
    if not can_approve(by):
        raise PermissionDenied(_("Your role may read but not change this."))
    if endpoint is not None and not node_in_reach(by, endpoint.node):
        raise PermissionDenied(_("This webhook is outside your reach."))
    endpoint = endpoint or WebhookEndpoint(created_by=by)
    for name in WEBHOOK_FIELDS:
        if name in data and not (name == "secret" and not data[name] and endpoint.pk):
            setattr(endpoint, name, data[name].strip() if isinstance(data[name], str) else data[name])
    if endpoint.node_id is None or not node_in_reach(by, endpoint.node):
        raise PermissionDenied(_("This territory is outside your reach."))
    if urlsplit(endpoint.url).scheme not in ("http", "https"):
        raise BusinessRuleError(_("Only http and https addresses are allowed."))
    endpoint.full_clean()
    endpoint.save()
    return endpoint


@transaction.atomic
def laggard_rule_update(*, data: Mapping[str, Any], by) -> LaggardRule:
    if not can_admin_org(by):
        raise PermissionDenied(_("Only the head of channel management changes the laggard rules."))
    rule = LaggardRule.current()
    for name in RULE_FIELDS:
        if name in data:
            setattr(rule, name, data[name])
    rule.updated_by = by
    rule.full_clean()
    rule.save()
    return rule
