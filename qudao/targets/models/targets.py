from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from qudao.core.models import TimeStampedModel
from qudao.sales.choices import ProductCategory

from ..choices import Metric, PeriodKind
from ..display import format_value
from ..periods import period_label


class Target(TimeStampedModel):
    """How much of `metric` (optionally one product category) a territory node or an outlet
    should reach in one period. Exactly one of `node`/`outlet` is set.

    `period_start` is always the first day of the month or quarter.
    `needs_rebalancing` marks a node whose children no longer add up after an outlet transfer.
    """

    period_kind = models.CharField(_("period"), max_length=8, choices=PeriodKind.choices)
    period_start = models.DateField(_("period start"))
    metric = models.CharField(_("metric"), max_length=12, choices=Metric.choices)
    category = models.CharField(
        _("product category"), max_length=20, choices=ProductCategory.choices, blank=True,
        help_text=_("Blank: all categories."),
    )
    node = models.ForeignKey(
        "territory.TerritoryNode", verbose_name=_("territory node"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="targets",
    )
    outlet = models.ForeignKey(
        "channels.Outlet", verbose_name=_("outlet"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="targets",
    )
    value = models.BigIntegerField(_("value"))
    needs_rebalancing = models.BooleanField(_("needs re-balancing"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["-period_start", "metric", "category", "node__path", "outlet__code"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(node__isnull=False, outlet__isnull=True)
                           | models.Q(node__isnull=True, outlet__isnull=False)),
                name="targets_node_xor_outlet",
            ),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="targets_value_not_negative"),
            models.UniqueConstraint(
                fields=["period_kind", "period_start", "metric", "category", "node"],
                condition=models.Q(node__isnull=False), name="targets_unique_node",
            ),
            models.UniqueConstraint(
                fields=["period_kind", "period_start", "metric", "category", "outlet"],
                condition=models.Q(outlet__isnull=False), name="targets_unique_outlet",
            ),
        ]
        indexes = [models.Index(fields=["period_kind", "period_start", "metric", "category"],
                                name="targets_period_metric")]

    def __str__(self) -> str:
        holder = self.node or self.outlet
        return f"{holder} {self.period_label} {self.get_metric_display()}: {format_value(self.metric, self.value)}"

    def get_absolute_url(self) -> str:
        return reverse("targets:target_detail", args=[self.pk])

    @property
    def holder(self):
        return self.node if self.node_id else self.outlet

    @property
    def period_label(self) -> str:
        return period_label(self.period_kind, self.period_start)
