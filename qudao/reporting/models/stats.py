"""Derived aggregates the dashboards read: small enough to answer any node/period in milliseconds.

Both are rebuilt from `sales.DailyRollup` for exactly the days an import touched
(`qudao.reporting.aggregates.refresh_reporting_aggregates`); nothing else writes them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


def _fk(to: str, label, **extra):
    # No database constraint: derived rows are replaced wholesale and must never block a delete.
    return models.ForeignKey(to, verbose_name=label, on_delete=models.DO_NOTHING, db_constraint=False,
                             related_name="+", **extra)


class StatColumns(models.Model):
    category = models.CharField(_("category"), max_length=20)
    records = models.BigIntegerField(_("records"))
    fee_fen = models.BigIntegerField(_("fees (fen)"))
    effective = models.BigIntegerField(_("effective records"))
    effective_fee_fen = models.BigIntegerField(_("effective fees (fen)"))

    class Meta:
        abstract = True


class NodeDayStat(StatColumns):
    """Per territory node (every level: the grid and each of its ancestors) × day × category.

    Grid rows follow the grid at the sale date; ancestors are those of the tree at refresh
    time, so after a node moves the aggregates are refreshed in full (`refresh_reporting --all`).
    """

    # The unique (node, day, category) index serves node + day-range reads; a node-only index would
    # tempt the planner into reading every day of the node.
    node = _fk("territory.TerritoryNode", _("territory node"), db_index=False)
    day = models.DateField(_("day"))

    class Meta:
        verbose_name = _("node day statistic")
        verbose_name_plural = _("node day statistics")
        constraints = [models.UniqueConstraint(fields=["node", "day", "category"], name="reporting_node_day_key")]
        indexes = [models.Index(fields=["day"], name="reporting_node_day_day")]

    def __str__(self) -> str:
        return f"{self.node_id} {self.day} {self.category}: {self.records}"


class OutletMonthStat(StatColumns):
    """Per month × outlet × agent × grid (both at the sale date) × category: agent and outlet tables."""

    month = models.DateField(_("month"))  # first day of the month
    outlet = _fk("channels.Outlet", _("outlet"))
    agent = _fk("channels.Agent", _("agent"))
    grid = _fk("territory.TerritoryNode", _("grid"))

    class Meta:
        verbose_name = _("outlet month statistic")
        verbose_name_plural = _("outlet month statistics")
        constraints = [
            models.UniqueConstraint(fields=["month", "outlet", "agent", "grid", "category"], name="reporting_outlet_month_key"),
        ]
        indexes = [
            models.Index(fields=["grid", "month"], name="reporting_outlet_month_grid"),
            models.Index(fields=["agent", "month"], name="reporting_outlet_month_agent"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.outlet_id} {self.category}: {self.records}"
