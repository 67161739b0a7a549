from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qudao.core.models import TimeStampedModel

from ..choices import (
    PenaltyStatus,
    RectificationStatus,
    ViolationKind,
    ViolationStatus,
    WarningLevel,
)


def _outlet_fk():
    return models.ForeignKey("channels.Outlet", verbose_name=_("outlet"), on_delete=models.PROTECT, related_name="+")


def _agent_fk():
    # The agent running the outlet when the finding was made: it owns the follow-up.
    return models.ForeignKey("channels.Agent", verbose_name=_("agent"), on_delete=models.PROTECT, related_name="+")


class Rectification(TimeStampedModel):
    """整改: a defect the agent must fix by `deadline`; closed by a re-check, escalated when overdue."""

    outlet = _outlet_fk()
    agent = _agent_fk()
    manager = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("manager responsible"),
                                on_delete=models.PROTECT, related_name="+")
    inspection = models.ForeignKey("inspections.Inspection", verbose_name=_("found in inspection"),
                                   on_delete=models.PROTECT, null=True, blank=True, related_name="rectifications")
    item = models.ForeignKey("inspections.ChecklistItem", verbose_name=_("checklist item"), on_delete=models.PROTECT,
                             null=True, blank=True, related_name="+")
    description = models.TextField(_("what must be fixed"))
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=16, choices=RectificationStatus.choices,
                              default=RectificationStatus.OPEN)
    client_key = models.UUIDField(_("submission key"), unique=True, null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by_inspection = models.ForeignKey("inspections.Inspection", verbose_name=_("closed by inspection"),
                                             on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    closing_note = models.TextField(_("re-check note"), blank=True)

    class Meta:
        verbose_name = _("rectification")
        verbose_name_plural = _("rectifications")
        ordering = ["deadline", "id"]
        indexes = [
            models.Index(fields=["status", "deadline"], name="inspections_rect_due"),
            models.Index(fields=["outlet", "status"], name="inspections_rect_outlet"),
            models.Index(fields=["agent", "status"], name="inspections_rect_agent"),
        ]

    def __str__(self) -> str:
        return f"{self.outlet.name}: {self.description[:40]}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:rectification_detail", args=[self.pk])


class Violation(TimeStampedModel):
    """违规: an irregular operation with evidence, a warning level and a proposed penalty."""

    outlet = _outlet_fk()
    agent = _agent_fk()
    kind = models.CharField(_("violation kind"), max_length=24, choices=ViolationKind.choices)
    level = models.CharField(_("warning level"), max_length=12, choices=WarningLevel.choices,
                             default=WarningLevel.NOTICE)
    status = models.CharField(_("status"), max_length=16, choices=ViolationStatus.choices,
                              default=ViolationStatus.OPEN)
    description = models.TextField(_("what was found"))
    evidence_note = models.TextField(_("evidence notes"), blank=True)
    inspection = models.ForeignKey("inspections.Inspection", verbose_name=_("found in inspection"),
                                   on_delete=models.PROTECT, null=True, blank=True, related_name="violations")
    item = models.ForeignKey("inspections.ChecklistItem", verbose_name=_("checklist item"), on_delete=models.PROTECT,
                             null=True, blank=True, related_name="+")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reported by"),
                                    on_delete=models.PROTECT, related_name="+")
    penalty_fen = models.BigIntegerField(_("proposed penalty (fen)"), null=True, blank=True)
    penalty_status = models.CharField(_("penalty"), max_length=12, choices=PenaltyStatus.choices, blank=True,
                                      default=PenaltyStatus.NONE)
    client_key = models.UUIDField(_("submission key"), unique=True, null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("violation")
        verbose_name_plural = _("violations")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["outlet", "status"], name="inspections_viol_outlet"),
            models.Index(fields=["agent", "status"], name="inspections_viol_agent"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(penalty_fen__isnull=True) | models.Q(penalty_fen__gt=0),
                                   name="inspections_penalty_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.outlet.name}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:violation_detail", args=[self.pk])
