from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    """The periods a dashboard shows; targets exist per month and quarter, days and weeks are derived."""

    DAY = "day", _("Today")
    WEEK = "week", _("Week")
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")


class StatsKind(models.TextChoices):
    """The periods the statistics export covers."""

    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
