from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..choices import BulletinStatus


class Bulletin(models.Model):
    """The weekly bulletin (周通报) of one Monday–Sunday week: a stored snapshot, so it can be
    reproduced and published as it was, whatever is imported later."""

    week_start = models.DateField(_("week from"), unique=True)
    week_end = models.DateField(_("week to"))
    status = models.CharField(_("status"), max_length=12, choices=BulletinStatus.choices, default=BulletinStatus.DRAFT)
    agents = models.PositiveIntegerField(_("agents"), default=0)
    records = models.PositiveIntegerField(_("development count"), default=0)
    fee_fen = models.BigIntegerField(_("fees (fen)"), default=0)
    effective = models.PositiveIntegerField(_("effective count"), default=0)
    generated_at = models.DateTimeField(_("generated at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("weekly bulletin")
        verbose_name_plural = _("weekly bulletins")
        ordering = ["-week_start"]
        constraints = [
            models.CheckConstraint(condition=models.Q(week_end__gt=models.F("week_start")), name="bulletin_week_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.week_start:%Y-%m-%d} ~ {self.week_end:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("performance:bulletin_detail", args=[self.pk])


class BulletinLine(models.Model):
    """One agent's week: volume, the week before, ranks in its grid and county, attainment.

    The agent's grid is the grid holding most of its outlets during the week (or, without
    outlets, most of its sales); the county is that grid's city/county company.
    """

    bulletin = models.ForeignKey(Bulletin, verbose_name=_("weekly bulletin"), on_delete=models.CASCADE, related_name="lines")
    agent = models.ForeignKey("channels.Agent", verbose_name=_("agent"), on_delete=models.PROTECT, related_name="+")
    grid = models.ForeignKey("territory.TerritoryNode", verbose_name=_("grid"), on_delete=models.PROTECT, related_name="+")
    county = models.ForeignKey(
        "territory.TerritoryNode", verbose_name=_("city/county company"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )
    records = models.PositiveIntegerField(_("development count"), default=0)
    fee_fen = models.BigIntegerField(_("fees (fen)"), default=0)
    effective = models.PositiveIntegerField(_("effective count"), default=0)
    effective_fee_fen = models.BigIntegerField(_("effective fees (fen)"), default=0)
    prev_records = models.PositiveIntegerField(_("previous week's count"), default=0)
    prev_fee_fen = models.BigIntegerField(_("previous week's fees (fen)"), default=0)
    prev_effective = models.PositiveIntegerField(_("previous week's effective count"), default=0)
    rank_in_grid = models.PositiveIntegerField(_("rank in grid"))
    grid_agents = models.PositiveIntegerField(_("agents in grid"))
    rank_in_county = models.PositiveIntegerField(_("rank in county"), null=True, blank=True)
    county_agents = models.PositiveIntegerField(_("agents in county"), null=True, blank=True)
    week_target = models.DecimalField(_("week's target"), max_digits=14, decimal_places=2, null=True, blank=True)
    attainment_pct = models.DecimalField(_("attainment (%)"), max_digits=9, decimal_places=1, null=True, blank=True)

    class Meta:
        verbose_name = _("bulletin line")
        verbose_name_plural = _("bulletin lines")
        ordering = ["-bulletin__week_start", "county_id", "rank_in_county", "agent_id"]
        constraints = [
            models.UniqueConstraint(fields=["bulletin", "agent"], name="bulletin_line_one_per_agent"),
        ]
        indexes = [models.Index(fields=["bulletin", "grid"], name="bulletin_line_grid")]

    def __str__(self) -> str:
        return f"{self.bulletin} {self.agent_id}: {self.records}"

    def get_absolute_url(self) -> str:
        return reverse("performance:line_detail", args=[self.pk])

    @property
    def records_change(self) -> int:
        return self.records - self.prev_records

    @property
    def records_change_pct(self) -> Decimal | None:
        """Week-on-week change in percent, one decimal; None when the previous week had nothing."""
        if not self.prev_records:
            return None
        change = Decimal(self.records - self.prev_records) * 100 / Decimal(self.prev_records)
        return change.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
