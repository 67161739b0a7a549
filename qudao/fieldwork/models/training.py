from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qudao.core.models import TimeStampedModel

from ..choices import TrainingKind


class TrainingSession(TimeStampedModel):
    """渠道培训: a session for channel staff on business knowledge, a product, a new service or a policy."""

    topic = models.CharField(_("topic"), max_length=120)
    kind = models.CharField(_("kind"), max_length=12, choices=TrainingKind.choices)
    held_on = models.DateField(_("held on"))
    node = models.ForeignKey("territory.TerritoryNode", verbose_name=_("for"), on_delete=models.PROTECT,
                             related_name="+")
    trainer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("trainer"), on_delete=models.PROTECT,
                                related_name="+")
    location = models.CharField(_("location"), max_length=120, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    client_key = models.UUIDField(_("submission key"), unique=True, null=True, blank=True)

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.topic} · {self.held_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("fieldwork:training_detail", args=[self.pk])


class TrainingAttendance(models.Model):
    """One attendee from an outlet, whether they came and their quiz score (0–100)."""

    session = models.ForeignKey(TrainingSession, verbose_name=_("session"), on_delete=models.CASCADE,
                                related_name="attendees")
    outlet = models.ForeignKey("channels.Outlet", verbose_name=_("outlet"), on_delete=models.PROTECT, related_name="+")
    attendee_name = models.CharField(_("attendee"), max_length=60)
    attended = models.BooleanField(_("attended"), default=True)
    quiz_score = models.PositiveSmallIntegerField(_("quiz score"), null=True, blank=True)

    class Meta:
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        ordering = ["session_id", "outlet_id", "attendee_name"]
        constraints = [
            models.UniqueConstraint(fields=["session", "outlet", "attendee_name"], name="fieldwork_attendee_once"),
            models.CheckConstraint(condition=models.Q(quiz_score__isnull=True) | models.Q(quiz_score__lte=100),
                                   name="fieldwork_quiz_score_range"),
        ]

    def __str__(self) -> str:
        return self.attendee_name


class TrainingMaterial(models.Model):
    """A file handed out at a session, stored under a generated name and served through its session."""

    session = models.ForeignKey(TrainingSession, verbose_name=_("session"), on_delete=models.CASCADE,
                                related_name="materials")
    uuid = models.UUIDField(_("file id"), unique=True)
    file = models.CharField(_("stored file"), max_length=200, editable=False)
    original_name = models.CharField(_("file name"), max_length=120)
    content_type = models.CharField(_("type"), max_length=100)
    size_bytes = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"),
                                    on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("training material")
        verbose_name_plural = _("training materials")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class AssistDay(TimeStampedModel):
    """助销: a day spent helping an outlet sell — who, what was done, the result."""

    day = models.DateField(_("date"))
    outlet = models.ForeignKey("channels.Outlet", verbose_name=_("outlet"), on_delete=models.PROTECT, related_name="+")
    node = models.ForeignKey("territory.TerritoryNode", verbose_name=_("grid"), on_delete=models.PROTECT,
                             related_name="+")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT,
                              related_name="+")
    helpers = models.CharField(_("together with"), max_length=200, blank=True)
    activities = models.TextField(_("what was done"))
    result = models.TextField(_("result"), blank=True)
    units_sold = models.PositiveIntegerField(_("units sold that day"), null=True, blank=True)
    client_key = models.UUIDField(_("submission key"), unique=True, null=True, blank=True)

    class Meta:
        verbose_name = _("sales-assistance day")
        verbose_name_plural = _("sales-assistance days")
        ordering = ["-day", "-id"]

    def __str__(self) -> str:
        return f"{self.outlet.name} · {self.day:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("fieldwork:assist_detail", args=[self.pk])
