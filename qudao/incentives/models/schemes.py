from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..choices import VersionStatus


class Scheme(models.Model):
    """An incentive scheme (激励方案): a code and a name; its rules live in versions."""

    code = models.CharField(_("scheme code"), max_length=40, unique=True)
    name = models.CharField(_("scheme name"), max_length=120)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("incentive scheme")
        verbose_name_plural = _("incentive schemes")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"


class SchemeVersion(models.Model):
    """One effective-dated version of a scheme's rules (the JSON format is in docs/apps/incentives.md).

    Only approved versions are applied by settlement runs; a different person than the submitter
    approves (services.version_approve)."""

    scheme = models.ForeignKey(Scheme, verbose_name=_("scheme"), on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    channel_types = models.JSONField(_("channel types"), default=list, blank=True,
                                     help_text=_("Outlet channel types it applies to; empty: all."))
    nodes = models.ManyToManyField("territory.TerritoryNode", verbose_name=_("territory"), blank=True,
                                   related_name="+", help_text=_("Territory it is scoped to; empty: the whole company."))
    rules = models.JSONField(_("rules"), default=list)
    status = models.CharField(_("status"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("submitted by"),
                                     on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved by"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("scheme version")
        verbose_name_plural = _("scheme versions")
        ordering = ["scheme__code", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "number"], name="scheme_version_unique_number"),
            models.CheckConstraint(
                condition=models.Q(effective_to__isnull=True) | models.Q(effective_to__gte=models.F("effective_from")),
                name="scheme_version_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scheme.code} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("incentives:version_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in (VersionStatus.DRAFT, VersionStatus.REJECTED)
