from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from qudao.core.models import TimeStampedModel


class CalendarException(TimeStampedModel):
    """A day that breaks the default rule (Monday–Friday work, weekends off).

    `is_workday=False`: a holiday on a weekday; `is_workday=True`: a make-up working day (调休)
    on a weekend.
    """

    date = models.DateField(_("date"), unique=True)
    is_workday = models.BooleanField(_("working day"), default=False)
    name = models.CharField(_("name"), max_length=60, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("calendar exception")
        verbose_name_plural = _("calendar exceptions")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("targets:calendar_detail", args=[self.pk])
