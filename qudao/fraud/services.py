"""Writes of fraud screening. Keyword-only and atomic; views, the API and the task call these."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from qudao.channels.models import Agent, Outlet
from qudao.core.errors import BusinessRuleError
from qudao.core.events import record_event
from qudao.core.history import attribute_change
from qudao.core.money import to_yuan
from qudao.ledger.models import Penalty
from qudao.ledger.services import propose_penalty

from .choices import FlagStatus, RuleKind
from .models import FraudFlag, FraudPolicy, FraudRule, ScreeningRun
from .permissions import can_configure_rules, can_review_fraud, can_screen
from .rules import DEFAULT_WEIGHTS, param_errors
from .screening import run_screening
from .selectors import flags_visible_to

__all__ = ["clear_flags", "confirm_fraud", "ensure_rules", "fraud_policy_update", "fraud_rule_update", "run_screening",
           "screen_period", "start_screening"]


def ensure_rules() -> None:
    """Every rule kind has its row (with the default weight and parameters until someone edits it)."""
    known = set(FraudRule.objects.values_list("kind", flat=True))
    missing = [FraudRule(kind=kind, weight=DEFAULT_WEIGHTS[kind]) for kind in RuleKind if kind not in known]
    if missing:
        bulk_create_with_history(missing, FraudRule, ignore_conflicts=True)


def _may_configure(user) -> None:
    if not can_configure_rules(user):
        raise PermissionDenied(_("Only the head of channel management may change the fraud rules."))


@transaction.atomic
def fraud_rule_update(*, rule: FraudRule, enabled: bool, weight: float, params: dict, by) -> FraudRule:
    """Changes a rule's switch, weight and parameters; later screenings use them (earlier runs keep theirs)."""
    _may_configure(by)
    errors = param_errors(rule.kind, params)
    if errors:
        raise BusinessRuleError("; ".join(_("%(param)s: %(reason)s") % {"param": name, "reason": reason}
                                          for name, reason in errors.items()))
    if not 0 <= weight <= 100:
        raise BusinessRuleError(_("weight: must be from 0 to 100 points, not %(value)s") % {"value": weight})
    rule.enabled, rule.weight, rule.params, rule.updated_by = enabled, weight, dict(params), by
    attribute_change(rule, by)
    rule.save()
    record_event(subject=rule, action="rule_saved", by=by, data={"enabled": enabled, "weight": weight, "params": params})
    return rule


@transaction.atomic
def fraud_policy_update(*, penalty_per_record_fen: int, by) -> FraudPolicy:
    """Changes what a confirmed record costs; penalties already proposed keep their amounts."""
    _may_configure(by)
    if penalty_per_record_fen < 1:
        raise BusinessRuleError(_("The penalty per confirmed record must be at least 0.01 yuan."))
    policy = FraudPolicy.current()
    policy.penalty_per_record_fen, policy.updated_by = penalty_per_record_fen, by
    attribute_change(policy, by)
    policy.save()
    record_event(subject=policy, action="policy_saved", by=by, data={"penalty_per_record_fen": penalty_per_record_fen})
    return policy


def _new_run(*, period: dt.date, user, as_of: dt.date | None) -> ScreeningRun:
    if not can_screen(user):
        raise PermissionDenied(_("Your role may not start a fraud screening."))
    period = period.replace(day=1)
    if period > timezone.localdate():
        raise BusinessRuleError(_("This period has not started yet."))
    ensure_rules()
    return ScreeningRun.objects.create(period=period, as_of=as_of or timezone.localdate(), started_by=user)


def start_screening(*, period: dt.date, user, as_of: dt.date | None = None) -> ScreeningRun:
    """Queues a screening of the period for a worker; the run's page shows the progress."""
    from .tasks import screen_period_task

    with transaction.atomic():
        run = _new_run(period=period, user=user, as_of=as_of)
        transaction.on_commit(lambda: screen_period_task.enqueue(run.pk))
    return run


def screen_period(*, period: dt.date, user, as_of: dt.date | None = None) -> ScreeningRun:
    """Screens the period now (in this process) and returns the finished run."""
    run = _new_run(period=period, user=user, as_of=as_of)
    return run_screening(run.pk)


def _reviewable(flags, user):
    if not can_review_fraud(user):
        raise PermissionDenied(_("Only a supervisor or above reviews fraud flags."))
    ids = flags.values("pk") if hasattr(flags, "values") else [f.pk for f in flags]
    return flags_visible_to(user).filter(pk__in=ids, status=FlagStatus.OPEN)


def _mark(rows, status: str, user, comment: str) -> int:
    return FraudFlag.objects.filter(pk__in=list(rows.values_list("pk", flat=True))).update(
        status=status, reviewed_by=user, reviewed_at=timezone.now(), review_comment=comment.strip())


@transaction.atomic
def clear_flags(*, flags, user, comment: str = "") -> int:
    """Marks the open flags among `flags` as cleared (not fraud); returns how many."""
    return _mark(_reviewable(flags, user), FlagStatus.CLEARED, user, comment)


@transaction.atomic
def confirm_fraud(*, flags, user, comment: str = "") -> list[Penalty]:
    """Marks the open flags among `flags` as confirmed fraud and proposes one penalty per agent,
    outlet and period: the policy's amount per confirmed record (a record counts once, however
    many rules it broke). The penalty still needs another person's approval to be posted."""
    rows = _reviewable(flags, user)
    groups = list(rows.order_by().values("agent_id", "outlet_id", "period")
                  .annotate(records=Count("external_id", distinct=True)).order_by("outlet_id", "agent_id"))
    if not groups:
        raise BusinessRuleError(_("None of these flags is open."))
    ids = list(rows.values_list("pk", flat=True))
    _mark(rows, FlagStatus.CONFIRMED, user, comment)
    per_record = FraudPolicy.current().penalty_per_record_fen
    agents = Agent.objects.in_bulk({g["agent_id"] for g in groups})
    outlets = Outlet.objects.in_bulk({g["outlet_id"] for g in groups})
    penalties = []
    for group in groups:
        outlet, period = outlets[group["outlet_id"]], group["period"]
        penalty = propose_penalty(
            agent=agents[group["agent_id"]], outlet=outlet if outlet.agent_id == group["agent_id"] else None,
            amount=to_yuan(per_record * group["records"]) or Decimal(0),
            reason=_("Fraud confirmed on %(n)d records of %(outlet)s in %(period)s. %(comment)s") % {
                "n": group["records"], "outlet": outlet.code, "period": f"{period:%Y-%m}", "comment": comment},
            source=f"fraud-outlet:{outlet.pk}:{period:%Y-%m}", user=user,
        )
        FraudFlag.objects.filter(pk__in=ids, agent_id=group["agent_id"], outlet_id=outlet.pk,
                                 period=period).update(penalty=penalty)
        penalties.append(penalty)
    return penalties
