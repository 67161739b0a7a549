from urllib.parse import urlsplit

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qudao.core.masking import mask_tail
from qudao.core.models import TimeStampedModel

from ..choices import DeliveryStatus, WebhookKind


class WebhookEndpoint(TimeStampedModel):
    """A WeCom or DingTalk group robot that receives the ranking of `node` each week."""

    name = models.CharField(_("name"), max_length=80)
    kind = models.CharField(_("kind"), max_length=12, choices=WebhookKind.choices)
    url = models.URLField(_("webhook URL"), max_length=500, help_text=_("The robot's address, with its access key."))
    secret = models.CharField(
        _("signing secret"), max_length=200, blank=True,
        help_text=_("DingTalk robots with “additional signature” security: the SEC… secret."),
    )
    node = models.ForeignKey(
        "territory.TerritoryNode", verbose_name=_("territory node"), on_delete=models.PROTECT, related_name="+",
        help_text=_("The message ranks the agents under this node."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["node__path", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("performance:webhook_detail", args=[self.pk])

    @property
    def url_masked(self) -> str:
        """Scheme, host and path; the access key in the query is masked (it is a credential)."""
        parts = urlsplit(self.url)
        query = f"?…{mask_tail(parts.query)}" if parts.query else ""
        return f"{parts.scheme}://{parts.netloc}{parts.path}{query}"


class WebhookDelivery(models.Model):
    """One attempt to post a message to an endpoint, with what the robot answered."""

    endpoint = models.ForeignKey(WebhookEndpoint, verbose_name=_("webhook"), on_delete=models.CASCADE, related_name="deliveries")
    bulletin = models.ForeignKey(
        "performance.Bulletin", verbose_name=_("weekly bulletin"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="deliveries",
    )
    attempted_at = models.DateTimeField(_("attempted at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=12, choices=DeliveryStatus.choices)
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    response = models.TextField(_("response"), blank=True)
    error = models.TextField(_("error"), blank=True)
    payload = models.JSONField(_("payload"), default=dict)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-attempted_at", "-id"]
        indexes = [models.Index(fields=["bulletin", "endpoint", "status"], name="webhook_delivery_lookup")]

    def __str__(self) -> str:
        return f"{self.endpoint_id} {self.attempted_at:%Y-%m-%d %H:%M} {self.status}"
