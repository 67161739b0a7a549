from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qudao.core.models import TimeStampedModel

from ..choices import TaskStatus


class WorkTask(TimeStampedModel):
    """A work task given down the hierarchy, with a due date, evidence and overdue escalation."""

    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("assignee"), on_delete=models.PROTECT,
                                 related_name="work_tasks")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("assigned by"),
                                    on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    evidence_note = models.TextField(_("evidence"), blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    escalated_to = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("escalated to"),
                                     on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    meeting = models.ForeignKey("fieldwork.ChannelMeeting", verbose_name=_("from meeting"), on_delete=models.PROTECT,
                                null=True, blank=True, related_name="tasks")
    client_key = models.UUIDField(_("submission key"), unique=True, null=True, blank=True)

    class Meta:
        verbose_name = _("work task")
        verbose_name_plural = _("work tasks")
        ordering = ["status", "due_on", "id"]
        indexes = [
            models.Index(fields=["status", "due_on"], name="fieldwork_task_due"),
            models.Index(fields=["assignee", "status"], name="fieldwork_task_assignee"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("fieldwork:task_detail", args=[self.pk])


class TaskPhoto(models.Model):
    """A re-encoded evidence photo (see qudao.inspections.imaging), served only through its task."""

    uuid = models.UUIDField(_("photo id"), unique=True)
    file = models.CharField(_("stored file"), max_length=200, editable=False)
    task = models.ForeignKey(WorkTask, verbose_name=_("task"), on_delete=models.CASCADE, related_name="photos")
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    size_bytes = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"),
                                    on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence photo")
        verbose_name_plural = _("evidence photos")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"{self.uuid}.jpg"
