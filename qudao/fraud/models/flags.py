from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..choices import FlagStatus, RuleKind


class FraudFlag(models.Model):
    """One rule hit on one development record of a period, and its review.

    Re-screening a period replaces the open flags and keeps the reviewed ones (cleared/confirmed).
    """

    run = models.ForeignKey("fraud.ScreeningRun", verbose_name=_("screening run"), on_delete=models.PROTECT,
                            related_name="+")
    period = models.DateField(_("period"))
    external_id = models.CharField(_("record id"), max_length=64)
    sold_on = models.DateField(_("sale date"))
    outlet = models.ForeignKey("channels.Outlet", verbose_name=_("outlet"), on_delete=models.PROTECT, related_name="+")
    agent = models.ForeignKey("channels.Agent", verbose_name=_("agent"), on_delete=models.PROTECT, related_name="+")
    rule = models.CharField(_("rule"), max_length=20, choices=RuleKind.choices)
    score = models.FloatField(_("risk score"))
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=FlagStatus.choices, default=FlagStatus.OPEN)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(_("review comment"), blank=True)
    penalty = models.ForeignKey("ledger.Penalty", verbose_name=_("penalty"), on_delete=models.PROTECT, null=True,
                                blank=True, related_name="+")

    class Meta:
        verbose_name = _("fraud flag")
        verbose_name_plural = _("fraud flags")
        ordering = ["-period", "-score", "external_id", "rule"]
        constraints = [
            models.UniqueConstraint(fields=["period", "external_id", "rule"], name="fraud_flag_once_per_rule"),
        ]
        indexes = [
            models.Index(fields=["period", "status"], name="fraud_flag_period_status"),
            models.Index(fields=["outlet", "period"], name="fraud_flag_outlet_period"),
            models.Index(fields=["external_id"], name="fraud_flag_record"),
        ]

    def __str__(self) -> str:
        return f"{self.external_id} · {self.get_rule_display()}"

    def get_absolute_url(self) -> str:
        return reverse("fraud:flag_detail", args=[self.pk])


class OutletRisk(models.Model):
    """An outlet's risk in a period: flag points per record sold (cleared flags left out)."""

    run = models.ForeignKey("fraud.ScreeningRun", verbose_name=_("screening run"), on_delete=models.PROTECT,
                            related_name="+")
    period = models.DateField(_("period"))
    outlet = models.ForeignKey("channels.Outlet", verbose_name=_("outlet"), on_delete=models.PROTECT, related_name="+")
    score = models.FloatField(_("risk score"))
    records = models.PositiveIntegerField(_("records sold"))
    flagged = models.PositiveIntegerField(_("records flagged"))

    class Meta:
        verbose_name = _("outlet risk")
        verbose_name_plural = _("outlet risks")
        ordering = ["-period", "-score", "outlet_id"]
        constraints = [models.UniqueConstraint(fields=["period", "outlet"], name="fraud_risk_once_per_period")]

    def __str__(self) -> str:
        return f"{self.outlet} {self.period:%Y-%m}"

    def get_absolute_url(self) -> str:
        return reverse("fraud:risk_detail", args=[self.pk])
