from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from qudao.core.models import TimeStampedModel

from ..choices import CATEGORY_LINE, BusinessLine, ProductCategory


class Product(TimeStampedModel):
    """A plan, bundle, terminal or card (telecom) or an insurance policy product."""

    code = models.CharField(_("product code"), max_length=32, unique=True)
    name = models.CharField(_("product name"), max_length=120)
    category = models.CharField(_("category"), max_length=20, choices=ProductCategory.choices)
    monthly_fee_fen = models.BigIntegerField(_("monthly fee (fen)"), null=True, blank=True)
    premium_fen = models.BigIntegerField(_("premium (fen)"), null=True, blank=True)
    term_months = models.PositiveIntegerField(_("term (months)"), null=True, blank=True)
    is_renewable = models.BooleanField(_("renewable"), default=False)
    active_from = models.DateField(_("active from"))
    active_to = models.DateField(_("active to"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(active_to__isnull=True) | models.Q(active_to__gte=models.F("active_from")),
                name="product_active_dates_ordered",
            ),
            models.CheckConstraint(
                condition=(models.Q(monthly_fee_fen__isnull=True) | models.Q(monthly_fee_fen__gte=0))
                & (models.Q(premium_fen__isnull=True) | models.Q(premium_fen__gte=0)),
                name="product_prices_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    def get_absolute_url(self) -> str:
        return reverse("sales:product_detail", args=[self.pk])

    @property
    def line(self) -> str:
        return CATEGORY_LINE[ProductCategory(self.category)]

    def clean(self):
        if self.line == BusinessLine.INSURANCE and self.premium_fen is None:
            raise ValidationError({"premium_fen": _("An insurance product needs a premium.")})
        if self.line == BusinessLine.TELECOM and self.premium_fen is not None:
            raise ValidationError({"premium_fen": _("Only insurance products have a premium.")})
