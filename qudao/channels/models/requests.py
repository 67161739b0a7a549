from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qudao.core.models import TimeStampedModel

from ..choices import RequestKind, RequestStatus


class OutletRequest(TimeStampedModel):
    """A lifecycle request (开/停/并/转/关) that takes effect only when someone else approves it."""

    kind = models.CharField(_("request kind"), max_length=16, choices=RequestKind.choices)
    outlet = models.ForeignKey("channels.Outlet", verbose_name=_("outlet"), on_delete=models.PROTECT, related_name="requests")
    effective_date = models.DateField(_("effective date"))
    target_outlet = models.ForeignKey(
        "channels.Outlet", verbose_name=_("merge into"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    new_agent = models.ForeignKey(
        "channels.Agent", verbose_name=_("new agent"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    new_grid = models.ForeignKey(
        "territory.TerritoryNode", verbose_name=_("new grid"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        verbose_name = _("outlet request")
        verbose_name_plural = _("outlet requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["outlet"], condition=models.Q(status="pending"), name="outlet_one_pending_request"
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("channels:request_detail", args=[self.pk])

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.outlet}"
