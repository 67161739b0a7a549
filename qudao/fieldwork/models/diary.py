from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qudao.core.models import TimeStampedModel


class DiaryEntry(TimeStampedModel):
    """One day of a manager's work diary: what was done (drafted from the day's records), the plan
    for tomorrow and a note. `activity` keeps the draft as saved: {"counts": {...}, "lines": [...]}."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT,
                               related_name="diary_entries")
    day = models.DateField(_("day"))
    activity = models.JSONField(_("what was done"), default=dict, blank=True)
    plan_tomorrow = models.TextField(_("plan for tomorrow"), blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("diary entry")
        verbose_name_plural = _("diary entries")
        ordering = ["-day", "author_id"]
        constraints = [models.UniqueConstraint(fields=["author", "day"], name="fieldwork_diary_one_a_day")]

    def __str__(self) -> str:
        return f"{self.author} · {self.day:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("fieldwork:diary_detail", args=[self.pk])

    @property
    def counts(self) -> dict:
        return (self.activity or {}).get("counts", {})
