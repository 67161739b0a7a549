from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qudao.core.models import TimeStampedModel

from ..choices import InspectionKind, InspectionStatus


class Inspection(TimeStampedModel):
    """One visit to an outlet: check-in (time, position), the checklist, finish.

    `client_key` is the idempotency key of the check-in submission and `finish_key` that of
    the checklist submission: a resent form returns the existing record. The thresholds in
    force at the time are stored with the flags they produced, so a flag stays explainable.
    """

    outlet = models.ForeignKey("channels.Outlet", verbose_name=_("outlet"), on_delete=models.PROTECT,
                               related_name="inspections")
    agent = models.ForeignKey("channels.Agent", verbose_name=_("agent"), on_delete=models.PROTECT, related_name="+")
    inspector = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("inspector"), on_delete=models.PROTECT,
                                  related_name="inspections")
    kind = models.CharField(_("kind"), max_length=16, choices=InspectionKind.choices)
    template = models.ForeignKey("inspections.ChecklistTemplate", verbose_name=_("checklist"),
                                 on_delete=models.PROTECT, related_name="inspections")
    status = models.CharField(_("status"), max_length=16, choices=InspectionStatus.choices,
                              default=InspectionStatus.IN_PROGRESS)
    client_key = models.UUIDField(_("submission key"), unique=True)
    finish_key = models.UUIDField(_("finish submission key"), unique=True, null=True, blank=True)

    checked_in_at = models.DateTimeField(_("checked in at"))
    week_start = models.DateField(_("week (Monday)"), db_index=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    accuracy_m = models.PositiveIntegerField(_("position accuracy (m)"), null=True, blank=True)
    distance_m = models.PositiveIntegerField(_("distance to outlet (m)"), null=True, blank=True)
    geofence_m = models.PositiveIntegerField(_("geofence (m)"))
    outside_geofence = models.BooleanField(_("outside the geofence"), default=False)

    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    dwell_seconds = models.PositiveIntegerField(_("visit length (s)"), null=True, blank=True)
    min_dwell_minutes = models.PositiveIntegerField(_("minimum visit (min)"))
    too_short = models.BooleanField(_("visit too short"), default=False)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    failed_items = models.PositiveSmallIntegerField(_("failed items"), default=0)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-checked_in_at", "-id"]
        indexes = [
            models.Index(fields=["inspector", "week_start"], name="inspections_inspector_week"),
            models.Index(fields=["outlet", "checked_in_at"], name="inspections_outlet_time"),
            models.Index(fields=["kind", "checked_in_at"], name="inspections_kind_time"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.outlet.name} · {self.checked_in_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:inspection_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status == InspectionStatus.FINISHED

    @property
    def position_unknown(self) -> bool:
        return self.distance_m is None

    @property
    def dwell_minutes(self) -> int | None:
        return None if self.dwell_seconds is None else self.dwell_seconds // 60


class InspectionResult(models.Model):
    """The answer to one checklist item in one inspection."""

    inspection = models.ForeignKey(Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE,
                                   related_name="results")
    item = models.ForeignKey("inspections.ChecklistItem", verbose_name=_("item"), on_delete=models.PROTECT,
                             related_name="results")
    passed = models.BooleanField(_("passed"))
    points = models.PositiveSmallIntegerField(_("points"), null=True, blank=True)
    comment = models.CharField(_("comment"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("inspection result")
        verbose_name_plural = _("inspection results")
        ordering = ["inspection_id", "item__order", "item_id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "item"], name="inspections_one_result_per_item"),
        ]

    def __str__(self) -> str:
        return f"{self.item}: {'✓' if self.passed else '✗'}"
