from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from qudao.core.models import TimeStampedModel


class InspectionPolicy(TimeStampedModel):
    """The one row of field-work settings (pk 1); `current()` creates it with the defaults."""

    geofence_m = models.PositiveIntegerField(
        _("geofence (metres)"), default=300,
        help_text=_("A check-in farther than this from the outlet is flagged."),
    )
    min_dwell_minutes = models.PositiveIntegerField(
        _("minimum visit (minutes)"), default=10,
        help_text=_("A visit shorter than this, from check-in to finish, is flagged."),
    )
    weekly_quota = models.PositiveIntegerField(
        _("outlets per manager per week"), default=3, validators=[MinValueValidator(1)],
    )
    rectification_days = models.PositiveIntegerField(
        _("days to rectify"), default=7, validators=[MinValueValidator(1)],
        help_text=_("Deadline of a rectification opened by a failed item, counted from the inspection."),
    )
    keep_photo_time_and_position = models.BooleanField(
        _("keep capture time and GPS position of photos"), default=False,
        help_text=_("All other photo metadata is always removed."),
    )
    photo_max_bytes = models.PositiveIntegerField(_("largest photo upload (bytes)"), default=12 * 1024 * 1024)
    photo_max_pixels = models.PositiveIntegerField(_("largest photo (pixels)"), default=40_000_000)
    photo_max_side = models.PositiveIntegerField(
        _("stored photo size (longest side, pixels)"), default=1600, validators=[MinValueValidator(64)],
    )

    class Meta:
        verbose_name = _("inspection policy")
        verbose_name_plural = _("inspection policy")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> "InspectionPolicy":
        policy, _created = cls.objects.get_or_create(pk=1)
        return policy
