from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qudao.core.models import TimeStampedModel


class ChannelMeeting(TimeStampedModel):
    """The monthly channel meeting a manager holds with the heads of their channels."""

    month = models.DateField(_("month"), help_text=_("The first day of the month the meeting reviews."))
    held_on = models.DateField(_("held on"))
    held_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("held by"), on_delete=models.PROTECT,
                                related_name="+")
    location = models.CharField(_("location"), max_length=120, blank=True)
    attendees = models.TextField(_("attendees"))
    minutes = models.TextField(_("minutes"))
    client_key = models.UUIDField(_("submission key"), unique=True, null=True, blank=True)

    class Meta:
        verbose_name = _("channel meeting")
        verbose_name_plural = _("channel meetings")
        ordering = ["-held_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["held_by", "month"], name="fieldwork_one_meeting_a_month")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} · {self.held_by}"

    def get_absolute_url(self) -> str:
        return reverse("fieldwork:meeting_detail", args=[self.pk])


class MeetingMeasure(models.Model):
    """A measure agreed at the meeting; it becomes a work task for its owner."""

    meeting = models.ForeignKey(ChannelMeeting, verbose_name=_("meeting"), on_delete=models.CASCADE,
                                related_name="measures")
    text = models.CharField(_("measure"), max_length=200)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT,
                              related_name="+")
    due_on = models.DateField(_("due on"))
    task = models.OneToOneField("fieldwork.WorkTask", verbose_name=_("task"), on_delete=models.PROTECT,
                                null=True, blank=True, related_name="measure")

    class Meta:
        verbose_name = _("agreed measure")
        verbose_name_plural = _("agreed measures")
        ordering = ["meeting_id", "id"]

    def __str__(self) -> str:
        return self.text
