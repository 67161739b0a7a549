from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    RETIRED = "retired", _("Retired")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    SUPERSEDED = "superseded", _("Superseded")


ACTIVE_RUN_STATUSES = (RunStatus.QUEUED, RunStatus.RUNNING)


class StatementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    VIEWED = "viewed", _("Viewed")
    CONFIRMED = "confirmed", _("Confirmed")
    DISPUTED = "disputed", _("Disputed")
    RESOLVED = "resolved", _("Resolved")


class RuleKind(models.TextChoices):
    PER_UNIT = "per_unit", _("Fixed amount per unit")
    PERCENT_OF_FEE = "percent_of_fee", _("Percentage of the fee")
    TIER = "tier", _("Tiers by monthly volume")
    TARGET_BONUS = "target_bonus", _("Bonus on reaching the target")
    REVENUE_SHARE = "revenue_share", _("Share of the monthly fee")
    STAGED = "staged", _("Staged release")
    CAP = "cap", _("Cap")
    CLAWBACK = "clawback", _("Clawback")
