from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..choices import ImportKind, ImportStage, ImportStatus


class ImportBatch(models.Model):
    """One uploaded file and what became of it; every fact row points back to its batch.

    The uploaded file is kept only until the batch has been processed (it may carry raw ID
    numbers); `sequence` is the order in which batches were written, which is what "the latest
    version wins" means for the columnar copy.
    """

    kind = models.CharField(_("import kind"), max_length=16, choices=ImportKind.choices)
    filename = models.CharField(_("file name"), max_length=255)
    file = models.FileField(_("uploaded file"), upload_to="sales/imports/", blank=True, max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    status = models.CharField(_("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    dry_run = models.BooleanField(_("dry run"), default=False)
    allow_partial = models.BooleanField(_("import the valid rows"), default=False)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    stage = models.CharField(_("stage"), max_length=40, choices=ImportStage.choices, blank=True)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_rejected = models.PositiveIntegerField(_("rows rejected"), default=0)
    rows_inserted = models.PositiveIntegerField(_("rows added"), default=0)
    rows_replaced = models.PositiveIntegerField(_("rows corrected"), default=0)
    rows_unchanged = models.PositiveIntegerField(_("rows unchanged"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)  # first N: [{row, column, reason}]
    errors_file = models.FileField(_("error report"), upload_to="sales/errors/", blank=True, max_length=255)
    message = models.TextField(_("message"), blank=True)
    timings = models.JSONField(_("timings"), default=dict, blank=True)
    first_day = models.DateField(_("first sale date"), null=True, blank=True)
    last_day = models.DateField(_("last sale date"), null=True, blank=True)
    sequence = models.PositiveBigIntegerField(_("write sequence"), null=True, blank=True, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.filename}"

    def get_absolute_url(self) -> str:
        return reverse("sales:batch_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.REJECTED, ImportStatus.FAILED)
