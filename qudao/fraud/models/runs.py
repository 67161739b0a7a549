from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..choices import FactsSource, RunStage, RunStatus


class ScreeningRun(models.Model):
    """One screening of a period's records; its progress is saved as it works (the page polls it)."""

    period = models.DateField(_("period"), help_text=_("The first day of the month screened."))
    as_of = models.DateField(_("as of"), help_text=_("The day the no-usage rule counts days up to."))
    status = models.CharField(_("status"), max_length=12, choices=RunStatus.choices, default=RunStatus.QUEUED)
    stage = models.CharField(_("stage"), max_length=12, choices=RunStage.choices, default=RunStage.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    source = models.CharField(_("read from"), max_length=10, choices=FactsSource.choices, blank=True)
    records = models.PositiveIntegerField(_("records screened"), default=0)
    flags = models.PositiveIntegerField(_("flags raised"), default=0)
    flagged_records = models.PositiveIntegerField(_("records flagged"), default=0)
    outlets = models.PositiveIntegerField(_("outlets at risk"), default=0)
    kept_reviews = models.PositiveIntegerField(_("reviewed flags kept"), default=0)
    rules = models.JSONField(_("rules applied"), default=list, blank=True)
    timings = models.JSONField(_("timings (s)"), default=dict, blank=True)
    message = models.TextField(_("message"), blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("started by"), on_delete=models.PROTECT,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("screening run")
        verbose_name_plural = _("screening runs")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return _("Screening %(period)s #%(id)s") % {"period": f"{self.period:%Y-%m}", "id": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("fraud:run_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED)
