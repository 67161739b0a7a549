from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..choices import FollowUpKind, FollowUpLevel, FollowUpStatus, LagReason


class FollowUp(models.Model):
    """A call or visit to a lagging agent, on its manager's (or, escalated, supervisor's) list.

    One per agent, day and level: detection run twice on a day creates nothing new.
    """

    agent = models.ForeignKey("channels.Agent", verbose_name=_("agent"), on_delete=models.PROTECT, related_name="+")
    grid = models.ForeignKey("territory.TerritoryNode", verbose_name=_("grid"), on_delete=models.PROTECT, related_name="+")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assignee"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="follow_ups",
    )
    level = models.CharField(_("level"), max_length=12, choices=FollowUpLevel.choices, default=FollowUpLevel.MANAGER)
    kind = models.CharField(_("kind"), max_length=8, choices=FollowUpKind.choices)
    flagged_on = models.DateField(_("flagged on"))
    as_of = models.DateField(_("figures as of"))
    reason = models.TextField(_("reason"))
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=12, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN)
    reached = models.BooleanField(_("reached the agent"), null=True, blank=True)
    lag_reason = models.CharField(_("reason for the lag"), max_length=16, choices=LagReason.choices, blank=True)
    promised_action = models.TextField(_("promised action"), blank=True)
    note = models.TextField(_("note"), blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("done by"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    escalated_from = models.ForeignKey(
        "self", verbose_name=_("escalated from"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="escalations",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["-flagged_on", "due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agent", "flagged_on", "level"], name="followup_once_per_agent_day_level"),
        ]
        indexes = [
            models.Index(fields=["assignee", "status"], name="followup_assignee_status"),
            models.Index(fields=["agent", "flagged_on"], name="followup_agent_day"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.flagged_on:%Y-%m-%d} ({self.get_level_display()})"

    def get_absolute_url(self) -> str:
        return reverse("performance:followup_detail", args=[self.pk])


def _percent(**kwargs):
    return models.DecimalField(
        max_digits=5, decimal_places=1, validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        **kwargs,
    )


class LaggardRule(models.Model):
    """The settings of the daily laggard detection (one row, edited by the head of channels)."""

    target_shortfall_pct = _percent(
        verbose_name=_("shortfall against the pro-rated target (%)"), default=Decimal(10),
        help_text=_("Flag an agent whose month-to-date count is this much below where the month target says it should be."),
    )
    wow_drop_pct = _percent(
        verbose_name=_("week-on-week drop (%)"), default=Decimal(30),
        help_text=_("Flag an agent whose last 7 days fell this much below the 7 days before."),
    )
    wow_min_volume = models.PositiveIntegerField(
        _("minimum volume for the week-on-week rule"), default=5,
        help_text=_("The 7 days before must have at least this many records, so 2 → 1 is not a drop."),
    )
    repeat_days = models.PositiveSmallIntegerField(
        _("escalate after flagged days"), default=3, validators=[MinValueValidator(1)],
    )
    repeat_window = models.PositiveSmallIntegerField(
        _("… within the last working days"), default=5, validators=[MinValueValidator(1)],
        help_text=_("Flagged on that many of the last N working days: the supervisor gets a visit follow-up."),
    )
    call_due_days = models.PositiveSmallIntegerField(_("a call is due after (days)"), default=0)
    visit_due_days = models.PositiveSmallIntegerField(_("a visit is due after (days)"), default=3)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("laggard rule")
        verbose_name_plural = _("laggard rules")
        constraints = [
            models.CheckConstraint(condition=models.Q(repeat_window__gte=models.F("repeat_days")), name="laggard_rule_window_covers_days"),
        ]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> "LaggardRule":
        rule, _created = cls.objects.get_or_create(pk=1)
        return rule
