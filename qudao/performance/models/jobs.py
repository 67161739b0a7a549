from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import Job, JobStatus


class JobRun(models.Model):
    """One scheduled job for one period. The unique (job, period key) is what makes a second
    scheduler, a restart or a manual `--once` unable to run the same period twice."""

    job = models.CharField(_("job"), max_length=32, choices=Job.choices)
    period_key = models.CharField(_("period"), max_length=32)
    status = models.CharField(_("status"), max_length=12, choices=JobStatus.choices, default=JobStatus.QUEUED)
    enqueued_at = models.DateTimeField(_("enqueued at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")
        ordering = ["-enqueued_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["job", "period_key"], name="job_run_once_per_period")]

    def __str__(self) -> str:
        return f"{self.job} {self.period_key} ({self.status})"
