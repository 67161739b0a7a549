from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from qudao.core.models import TimeStampedModel
from qudao.core.validators import validate_china_coordinates

from ..choices import ChannelType, OutletStatus


class Outlet(TimeStampedModel):
    """An outlet (网点). `agent` and `grid` are the current assignment, kept in step with
    OutletAssignment by the lifecycle services; history lives in OutletAssignment."""

    code = models.CharField(_("outlet code"), max_length=32, unique=True)
    name = models.CharField(_("outlet name"), max_length=120)
    address = models.CharField(_("address"), max_length=200, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    grid = models.ForeignKey(
        "territory.TerritoryNode", verbose_name=_("grid"), on_delete=models.PROTECT, related_name="outlets"
    )
    agent = models.ForeignKey("channels.Agent", verbose_name=_("agent"), on_delete=models.PROTECT, related_name="outlets")
    outlet_type = models.CharField(_("outlet type"), max_length=20, choices=ChannelType.choices)
    opening_date = models.DateField(_("opening date"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=OutletStatus.choices, default=OutletStatus.PLANNED)
    merged_into = models.ForeignKey(
        "self", verbose_name=_("merged into"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="absorbed",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("outlet")
        verbose_name_plural = _("outlets")
        ordering = ["code"]
        indexes = [models.Index(fields=["grid", "status"]), models.Index(fields=["agent", "status"])]

    def get_absolute_url(self) -> str:
        return reverse("channels:outlet_detail", args=[self.pk])

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    def clean(self):
        validate_china_coordinates(self.latitude, self.longitude)


class OutletAssignment(models.Model):
    """Which agent and grid an outlet belonged to from `valid_from` until `valid_to` (exclusive).

    Rows never overlap for one outlet and are never rewritten: a change closes the open row
    (sets valid_to) and opens a new one.
    """

    outlet = models.ForeignKey(Outlet, verbose_name=_("outlet"), on_delete=models.PROTECT, related_name="assignments")
    agent = models.ForeignKey("channels.Agent", verbose_name=_("agent"), on_delete=models.PROTECT, related_name="+")
    grid = models.ForeignKey(
        "territory.TerritoryNode", verbose_name=_("grid"), on_delete=models.PROTECT, related_name="+"
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("outlet assignment")
        verbose_name_plural = _("outlet assignments")
        ordering = ["outlet_id", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["outlet", "valid_from"], name="outlet_assignment_unique_start"),
            models.UniqueConstraint(
                fields=["outlet"], condition=models.Q(valid_to__isnull=True), name="outlet_assignment_one_open"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=models.F("valid_from")),
                name="outlet_assignment_positive_span",
            ),
        ]
        indexes = [models.Index(fields=["outlet", "valid_from", "valid_to"])]

    def __str__(self) -> str:
        return f"{self.outlet_id}: {self.agent_id}/{self.grid_id} [{self.valid_from}, {self.valid_to or '∞'})"
