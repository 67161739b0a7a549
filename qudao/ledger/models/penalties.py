from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..choices import PenaltyStatus


class Penalty(models.Model):
    """A penalty on an agent: proposed, approved by another person (supervisor or above), then
    posted to the ledger as a negative `penalty` entry; or rejected."""

    agent = models.ForeignKey("channels.Agent", verbose_name=_("agent"), on_delete=models.PROTECT, related_name="+")
    outlet = models.ForeignKey("channels.Outlet", verbose_name=_("outlet"), on_delete=models.PROTECT, null=True,
                               blank=True, related_name="+")
    amount_fen = models.BigIntegerField(_("amount (fen)"), help_text=_("Positive; posted as a debit."))
    reason = models.TextField(_("reason"))
    source = models.CharField(_("source"), max_length=100, help_text=_("e.g. violation:7 or fraud-outlet:3:2026-10"))
    status = models.CharField(_("status"), max_length=12, choices=PenaltyStatus.choices,
                              default=PenaltyStatus.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("proposed by"),
                                    on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    entry = models.OneToOneField("ledger.LedgerEntry", verbose_name=_("ledger entry"), on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="penalty")

    class Meta:
        verbose_name = _("penalty")
        verbose_name_plural = _("penalties")
        ordering = ["-proposed_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_fen__gt=0), name="ledger_penalty_positive"),
        ]

    def __str__(self) -> str:
        return f"{_('Penalty')} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("ledger:penalty_detail", args=[self.pk])

    @property
    def ledger_source(self) -> str:
        return f"penalty:{self.pk}"
