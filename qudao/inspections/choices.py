from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class InspectionKind(models.TextChoices):
    ROUTINE = "routine", _("Routine inspection")
    COMPLIANCE = "compliance", _("Weekly compliance check")
    MONTHLY = "monthly", _("Monthly assessment (authorised channels)")


class InspectionStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("Checked in")
    FINISHED = "finished", _("Finished")


class Section(models.TextChoices):
    PUBLICITY = "publicity", _("Publicity materials")
    SERVICE = "service", _("Service standards")
    BRAND_STORE = "brand_store", _("Brand-store (Wo store) standards")
    PRICE = "price", _("Price display")
    COMPLIANCE = "compliance", _("Compliance")
    OPERATIONS = "operations", _("Operations")


class AnswerType(models.TextChoices):
    PASS_FAIL = "pass_fail", _("Pass / fail")
    POINTS = "points", _("Points")


class ScoringMethod(models.TextChoices):
    """Each inspection kind scores in its own way (see qudao.inspections.scoring)."""

    PASS_RATE = "pass_rate", _("Weighted pass rate (0-100)")
    DEDUCTION = "deduction", _("100 minus deductions for failed items")
    POINTS = "points", _("Weighted points (0-100)")


class RectificationStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("work item", "Open")
    ESCALATED = "escalated", _("Overdue, escalated")
    CLOSED = "closed", pgettext_lazy("work item", "Closed")


class ViolationKind(models.TextChoices):
    INTERCEPTED_DEPOSIT = "intercepted_deposit", _("Intercepted prepaid deposits")
    UNAUTHORISED_CONNECTION = "unauthorised_connection", _("Unauthorised connections")
    PRICE = "price", _("Price violation")
    FAKE_ACTIVATION = "fake_activation", _("Fake activations")
    OTHER = "other", _("Other irregularity")


class WarningLevel(models.TextChoices):
    NOTICE = "notice", _("Notice")
    WARNING = "warning", _("Warning")
    SERIOUS = "serious", _("Serious")


# The level an escalation moves a violation to.
NEXT_LEVEL = {WarningLevel.NOTICE: WarningLevel.WARNING, WarningLevel.WARNING: WarningLevel.SERIOUS,
              WarningLevel.SERIOUS: WarningLevel.SERIOUS}


class ViolationStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("work item", "Open")
    ESCALATED = "escalated", _("Escalated")
    CLOSED = "closed", pgettext_lazy("work item", "Closed")


class PenaltyStatus(models.TextChoices):
    """A penalty is proposed here and on the agent ledger (qudao.ledger Penalty, source violation:<id>),
    where it is approved and posted or rejected."""

    NONE = "", pgettext_lazy("penalty", "None")
    PROPOSED = "proposed", _("Proposed")


OPEN_RECTIFICATION = (RectificationStatus.OPEN, RectificationStatus.ESCALATED)
OPEN_VIOLATION = (ViolationStatus.OPEN, ViolationStatus.ESCALATED)
