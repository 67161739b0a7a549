from django.db import models
from django.utils.translation import gettext_lazy as _

from qudao.core.models import TimeStampedModel


class EffectiveRule(TimeStampedModel):
    """When a record counts as effective (有效发展); the rule valid on the sale date applies."""

    valid_from = models.DateField(_("valid from"), unique=True)
    require_activation = models.BooleanField(_("must be activated"), default=True)
    require_payment = models.BooleanField(_("must have paid / recharged"), default=True)
    within_days = models.PositiveIntegerField(
        _("within days of the sale"), default=30,
        help_text=_("Activation and first payment must happen within this many days of the sale."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("effective development rule")
        verbose_name_plural = _("effective development rules")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.valid_from:%Y-%m-%d}: {self.within_days}"
