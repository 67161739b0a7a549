"""Reads of fraud screening. The `*_visible_to` functions are the only way anything lists them.

- Screening runs: every staff member with any reach (the flags are what is scoped); never agent users.
- Flags and outlet risks: staff by the outlet's grid within reach; never agent users.
- Rules and the review policy (company-wide settings): every staff member with any reach; never agent users.

`held_external_ids`, `confirmed_external_ids` and `outlet_risk` are read by other apps
(settlement holds and clawbacks, inspection ranking).
"""

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from qudao.territory.selectors import path_q, reach_paths

from .choices import FlagStatus
from .models import FraudFlag, FraudPolicy, FraudRule, OutletRisk, ScreeningRun


def _is_staff(user) -> bool:
    return user.is_authenticated and not user.is_agent_user


def runs_visible_to(user) -> QuerySet[ScreeningRun]:
    qs = ScreeningRun.objects.select_related("started_by")
    return qs if _is_staff(user) and reach_paths(user) else qs.none()


def reads_fraud_settings(user) -> bool:
    return _is_staff(user) and bool(reach_paths(user))


def fraud_rules_visible_to(user) -> QuerySet[FraudRule]:
    qs = FraudRule.objects.select_related("updated_by")
    return qs if reads_fraud_settings(user) else qs.none()


def fraud_policy_visible_to(user) -> QuerySet[FraudPolicy]:
    qs = FraudPolicy.objects.select_related("updated_by")
    return qs if reads_fraud_settings(user) else qs.none()


def flags_visible_to(user) -> QuerySet[FraudFlag]:
    qs = FraudFlag.objects.select_related("outlet", "agent", "reviewed_by")
    if not _is_staff(user):
        return qs.none()
    return qs.filter(path_q(reach_paths(user), "outlet__grid__path"))


def risks_visible_to(user) -> QuerySet[OutletRisk]:
    qs = OutletRisk.objects.select_related("outlet", "outlet__agent")
    if not _is_staff(user):
        return qs.none()
    return qs.filter(path_q(reach_paths(user), "outlet__grid__path"))


def _first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def held_external_ids(period: dt.date) -> set[str]:
    """Records flagged in the period (the month of `period`) and not cleared: open or confirmed."""
    rows = FraudFlag.objects.filter(period=_first_of_month(period)).exclude(status=FlagStatus.CLEARED)
    return set(rows.values_list("external_id", flat=True).distinct())


def confirmed_external_ids(until: dt.date) -> set[str]:
    """Records confirmed as fraud on or before `until` (by the local review day), of any period."""
    after = dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min, tzinfo=timezone.get_current_timezone())
    rows = FraudFlag.objects.filter(status=FlagStatus.CONFIRMED, reviewed_at__lt=after)
    return set(rows.values_list("external_id", flat=True).distinct())


def outlet_risk(period: dt.date) -> dict[int, float]:
    """outlet id → risk score (flag points per record sold) for the period's last screening."""
    return dict(OutletRisk.objects.filter(period=_first_of_month(period)).values_list("outlet_id", "score"))


def record_flags(flag: FraudFlag) -> QuerySet[FraudFlag]:
    """Every flag of the same record in the same period (one record may break several rules)."""
    return FraudFlag.objects.filter(period=flag.period, external_id=flag.external_id).select_related("reviewed_by")
