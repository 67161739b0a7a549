from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class BulletinStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class FollowUpKind(models.TextChoices):
    CALL = "call", _("Phone call")
    VISIT = "visit", _("Visit")


class FollowUpLevel(models.TextChoices):
    """Who a follow-up is for: the agent's manager, or their supervisor after repeated lagging."""

    MANAGER = "manager", _("Manager")
    SUPERVISOR = "supervisor", _("Supervisor (escalated)")


class FollowUpStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("follow-up", "Open")
    DONE = "done", pgettext_lazy("follow-up", "Done")
    ESCALATED = "escalated", _("Escalated")


class LagReason(models.TextChoices):
    COMPETITION = "competition", _("Competitors")
    STAFF = "staff", _("Staff shortage or turnover")
    STOCK = "stock", _("Stock or terminals short")
    POLICY = "policy", _("Commission or policy")
    FOOTFALL = "footfall", _("Footfall, season or location")
    OPERATIONS = "operations", _("System or business problems")
    OTHER = "other", _("Other")


class WebhookKind(models.TextChoices):
    WECOM = "wecom", _("WeCom robot")
    DINGTALK = "dingtalk", _("DingTalk robot")


class DeliveryStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Job(models.TextChoices):
    LAGGARDS = "laggards", _("Daily laggard detection")
    WEEKLY_BULLETIN = "weekly_bulletin", _("Weekly bulletin")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    SKIPPED = "skipped", _("Skipped")
    FAILED = "failed", _("Failed")
