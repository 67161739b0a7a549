"""Development facts. On PostgreSQL `DevelopmentRecord` is range-partitioned by month on
`sold_on` (see migrations/0001 and qudao.sales.partitions); on SQLite it is a plain table.

Foreign keys carry no database constraint: the import resolves and checks every reference
set-based before writing, and COPY into a partitioned table should not pay per-row FK checks.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..choices import RecordStatus


def _fk(to: str, label, **extra):
    return models.ForeignKey(to, verbose_name=label, on_delete=models.DO_NOTHING, db_constraint=False,
                             related_name="+", **extra)


class DayIndex(models.Index):
    """BRIN on PostgreSQL, B-tree elsewhere. Records arrive roughly in sale-date order, so a BRIN of
    a few pages finds a day's rows for the rollups and date-bounded lists, and costs next to
    nothing to maintain — a B-tree on (sold_on, outlet) cost an import ~30% of its index time."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor == "postgresql":
            using = " USING brin"
        return super().create_sql(model, schema_editor, using=using, **kwargs)


class RecordColumns(models.Model):
    """The columns of one development record, shared by the fact table and its revisions."""

    external_id = models.CharField(_("record id"), max_length=64)
    sold_at = models.DateTimeField(_("sold at"))
    sold_on = models.DateField(_("sale date"))
    outlet = _fk("channels.Outlet", _("outlet"))
    agent = _fk("channels.Agent", _("agent"))
    grid = _fk("territory.TerritoryNode", _("grid"))
    product = _fk("sales.Product", _("product"))
    customer_hash = models.CharField(_("customer (hashed id)"), max_length=64)
    subscriber_no = models.CharField(_("phone / policy number"), max_length=32)
    fee_fen = models.BigIntegerField(_("fee (fen)"))
    staff_code = models.CharField(_("channel staff"), max_length=32, blank=True)
    batch = _fk("sales.ImportBatch", _("import batch"))
    status = models.CharField(_("status"), max_length=16, choices=RecordStatus.choices, default=RecordStatus.NEW)
    activated_on = models.DateField(_("activated on"), null=True, blank=True)
    paid_on = models.DateField(_("first paid on"), null=True, blank=True)
    ended_on = models.DateField(_("cancelled/churned on"), null=True, blank=True)
    is_effective = models.BooleanField(_("effective"), default=False)

    class Meta:
        abstract = True


class DevelopmentRecord(RecordColumns):
    """One sale (发展量). `external_id` is the operator's id: re-imports never duplicate it."""

    class Meta:
        verbose_name = _("development record")
        verbose_name_plural = _("development records")
        indexes = [
            models.Index(fields=["external_id"], name="sales_record_external_id"),
            DayIndex(fields=["sold_on"], name="sales_record_day"),
            models.Index(fields=["agent", "sold_on"], name="sales_record_agent_day"),
            models.Index(fields=["grid", "sold_on"], name="sales_record_grid_day"),
        ]

    def __str__(self) -> str:
        return self.external_id

    def get_absolute_url(self) -> str:
        return reverse("sales:record_detail", args=[self.pk])


class RecordRevision(RecordColumns):
    """The previous version of a record that a later file corrected (append-only)."""

    record_id = models.BigIntegerField(_("record"))
    replaced_by = _fk("sales.ImportBatch", _("replaced by batch"))
    replaced_at = models.DateTimeField(_("replaced at"), auto_now_add=True)

    class Meta:
        verbose_name = _("record revision")
        verbose_name_plural = _("record revisions")
        indexes = [models.Index(fields=["external_id"], name="sales_revision_external_id")]

    def __str__(self) -> str:
        return f"{self.external_id} @ {self.replaced_at:%Y-%m-%d}"


class RecordStatusChange(models.Model):
    """A status fact from a later file: record X became S on day D (append-only)."""

    external_id = models.CharField(_("record id"), max_length=64)
    status = models.CharField(_("status"), max_length=16, choices=RecordStatus.choices)
    effective_on = models.DateField(_("effective date"))
    batch = _fk("sales.ImportBatch", _("import batch"))

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        indexes = [models.Index(fields=["external_id", "effective_on"], name="sales_status_record_day")]
        constraints = [
            models.UniqueConstraint(fields=["external_id", "status", "effective_on"], name="sales_status_once"),
        ]

    def __str__(self) -> str:
        return f"{self.external_id} {self.status} {self.effective_on}"
