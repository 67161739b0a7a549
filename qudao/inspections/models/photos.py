from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Photo(models.Model):
    """A re-encoded JPEG under MEDIA_ROOT, named by `uuid`; served only through the scoped views
    of what it belongs to (an inspection result, a rectification re-check or a violation)."""

    uuid = models.UUIDField(_("photo id"), unique=True)
    file = models.CharField(_("stored file"), max_length=200, editable=False)
    inspection = models.ForeignKey("inspections.Inspection", verbose_name=_("inspection"), on_delete=models.CASCADE,
                                   null=True, blank=True, related_name="photos")
    result = models.ForeignKey("inspections.InspectionResult", verbose_name=_("item"), on_delete=models.CASCADE,
                               null=True, blank=True, related_name="photos")
    rectification = models.ForeignKey("inspections.Rectification", verbose_name=_("rectification"),
                                      on_delete=models.CASCADE, null=True, blank=True, related_name="photos")
    violation = models.ForeignKey("inspections.Violation", verbose_name=_("violation"), on_delete=models.CASCADE,
                                  null=True, blank=True, related_name="photos")
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    size_bytes = models.PositiveIntegerField(_("size (bytes)"))
    taken_at = models.CharField(_("taken at (from the camera)"), max_length=20, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"),
                                    on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(inspection__isnull=False) | models.Q(rectification__isnull=False)
                | models.Q(violation__isnull=False),
                name="inspections_photo_belongs_somewhere",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.uuid}.jpg"
