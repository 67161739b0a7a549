from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qudao.inspections.choices import ViolationKind


class CallbackKind(models.TextChoices):
    NEW = "new", _("New user")
    MAINTAINED = "maintained", _("Maintained user")


class CallbackStatus(models.TextChoices):
    PENDING = "pending", _("To call")
    DONE = "done", _("Called")


class CallbackOutcome(models.TextChoices):
    REACHED = "reached", _("Reached, nothing to note")
    CONFIRMED = "confirmed", _("Confirmed the sale")
    COMPLAINT = "complaint", _("Complaint")
    DEPOSIT_WITHHELD = "deposit_withheld", _("Deposit not passed on")
    MIS_SELLING = "mis_selling", _("Mis-selling")
    FAKE = "fake", _("Customer knows nothing of it (fake)")
    WRONG_PERSON = "wrong_person", _("Wrong person")
    NOT_REACHABLE = "not_reachable", _("Not reachable")


# The violation kinds an outcome may raise; the first is the default.
OUTCOME_VIOLATIONS = {
    CallbackOutcome.DEPOSIT_WITHHELD: (ViolationKind.INTERCEPTED_DEPOSIT,),
    CallbackOutcome.MIS_SELLING: (ViolationKind.PRICE, ViolationKind.OTHER),
    CallbackOutcome.FAKE: (ViolationKind.FAKE_ACTIVATION,),
}
# Outcomes in which the customer was actually spoken to.
REACHED_OUTCOMES = frozenset(set(CallbackOutcome) - {CallbackOutcome.WRONG_PERSON, CallbackOutcome.NOT_REACHABLE})


class ContactKind(models.TextChoices):
    VISIT = "visit", _("Visit")
    CALL = "call", _("Phone call")


class FollowUpState(models.TextChoices):
    NONE = "", _("None needed")
    OPEN = "open", pgettext_lazy("work item", "Open")
    DONE = "done", _("Done")


class ProblemCategory(models.TextChoices):
    BUSINESS = "business", _("Business acceptance")
    PROMOTION = "promotion", _("Promotion")
    SYSTEM = "system", _("Systems")
    POLICY = "policy", _("Policy or commission")
    SUPPLY = "supply", _("Stock, cards or terminals")
    OTHER = "other", _("Other")


class ProblemStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("work item", "Open")
    ESCALATED = "escalated", _("Escalated")
    CLOSED = "closed", _("Closed")


OPEN_PROBLEM = (ProblemStatus.OPEN, ProblemStatus.ESCALATED)


class AgeBucket(models.TextChoices):
    """Age of an open problem in days since it was raised."""

    UNDER_7 = "lt7", _("under 7 days")
    FROM_7_TO_30 = "7to30", _("7–30 days")
    OVER_30 = "gt30", _("over 30 days")


class TaskStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("work item", "Open")
    ESCALATED = "escalated", _("Overdue, escalated")
    DONE = "done", _("Done")


OPEN_TASK = (TaskStatus.OPEN, TaskStatus.ESCALATED)


class TrainingKind(models.TextChoices):
    BUSINESS = "business", _("Business knowledge")
    PRODUCT = "product", _("Product")
    NEW_SERVICE = "new_service", _("New service")
    POLICY = "policy", _("Policy")


class AdjustmentKind(models.TextChoices):
    REWARD = "reward", _("Reward")
    PENALTY = "penalty", _("Penalty")


class SummaryPeriod(models.TextChoices):
    WEEK = "week", _("Week")
    MONTH = "month", _("Month")
