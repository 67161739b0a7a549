from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import RuleKind


class FraudRule(models.Model):
    """One screening rule: on/off, its weight (points added to a record's risk score) and its
    parameters (merged over qudao.fraud.rules.DEFAULTS, so a blank `params` means the defaults)."""

    kind = models.CharField(_("rule"), max_length=20, choices=RuleKind.choices, unique=True)
    enabled = models.BooleanField(_("enabled"), default=True)
    weight = models.FloatField(_("weight (points)"), validators=[MinValueValidator(0)])
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("updated by"), on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fraud rule")
        verbose_name_plural = _("fraud rules")
        ordering = ["kind"]

    def __str__(self) -> str:
        return str(self.get_kind_display())

    def get_absolute_url(self) -> str:
        return reverse("fraud:rule_detail", args=[self.pk])


class FraudPolicy(models.Model):
    """The settings of fraud review (one row): what a confirmed record costs the agent."""

    penalty_per_record_fen = models.BigIntegerField(
        _("penalty per confirmed record (fen)"), default=5000, validators=[MinValueValidator(1)],
        help_text=_("Confirming fraud proposes a penalty of this amount per record, per outlet."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("updated by"), on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fraud review policy")
        verbose_name_plural = _("fraud review policy")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    def get_absolute_url(self) -> str:
        return reverse("fraud:rule_list")

    SINGLETON_PK = 1

    @classmethod
    def current(cls) -> "FraudPolicy":
        policy, _created = cls.objects.get_or_create(pk=cls.SINGLETON_PK)
        return policy
