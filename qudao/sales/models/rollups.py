from django.db import models
from django.utils.translation import gettext_lazy as _

from .facts import _fk


class DailyRollup(models.Model):
    """Derived: per day × outlet × agent × grid × product, rebuilt for the days an import touches.

    Dashboards read this table, never the facts. Agent and grid are those at the sale date.
    """

    day = models.DateField(_("day"))
    outlet = _fk("channels.Outlet", _("outlet"))  # per-outlet reads over a day range (inspections, meeting packs)
    # No single-column index on agent, grid or product: (agent, day) and (grid, day) below lead with
    # them, and nothing reads rollups by product alone. Each index cost an import ~1 s per 1M rows.
    agent = _fk("channels.Agent", _("agent"), db_index=False)
    grid = _fk("territory.TerritoryNode", _("grid"), db_index=False)
    product = _fk("sales.Product", _("product"), db_index=False)
    category = models.CharField(_("category"), max_length=20)
    records = models.PositiveIntegerField(_("records"))
    fee_fen = models.BigIntegerField(_("fees (fen)"))
    effective = models.PositiveIntegerField(_("effective records"))
    effective_fee_fen = models.BigIntegerField(_("effective fees (fen)"))

    class Meta:
        verbose_name = _("daily rollup")
        verbose_name_plural = _("daily rollups")
        constraints = [
            models.UniqueConstraint(fields=["day", "outlet", "agent", "grid", "product"], name="sales_rollup_key"),
        ]
        # The unique key's index starts with `day`, so it also serves day-range reads and deletes.
        indexes = [
            models.Index(fields=["grid", "day"], name="sales_rollup_grid_day"),
            models.Index(fields=["agent", "day"], name="sales_rollup_agent_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.outlet_id}/{self.product_id}: {self.records}"
