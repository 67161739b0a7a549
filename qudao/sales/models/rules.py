from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from qudao.core.models import TimeStampedModel


class EffectiveRule(TimeStampedModel):
    """When a record counts as effective (有效发展); the rule valid on the sale date applies.

    Effective = activated (if required) and paid (if required) within `within_days` of the sale,
    and not cancelled or churned within those days. Without any rule the model defaults apply.
    """

    valid_from = models.DateField(_("valid from"), unique=True)
    require_activation = models.BooleanField(_("must be activated"), default=True)
    require_payment = models.BooleanField(_("must have paid / recharged"), default=True)
    within_days = models.PositiveIntegerField(
        _("within days of the sale"), default=30,
        help_text=_("Activation and first payment must happen within this many days of the sale."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("effective development rule")
        verbose_name_plural = _("effective development rules")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(within_days__gte=1, within_days__lte=366), name="sales_rule_window_sane",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.valid_from:%Y-%m-%d}: {self.within_days}"

    def get_absolute_url(self) -> str:
        return reverse("sales:rule_detail", args=[self.pk])
