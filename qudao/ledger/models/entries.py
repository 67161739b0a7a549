"""The agent ledger: append-only money entries (credit to the agent positive).

Nothing posted is ever changed or removed: `save()` of an existing row, `delete()`, and the
queryset's `update()`/`delete()`/`bulk_update()` raise `LedgerImmutableError`; on PostgreSQL a
trigger (migration 0002) refuses UPDATE and DELETE as well. A correction is a new entry.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qudao.core.money import to_yuan

from ..choices import EntryKind


class LedgerImmutableError(Exception):
    """A posted ledger entry was about to be changed or removed."""


def _refuse(*args, **kwargs):
    raise LedgerImmutableError("ledger entries are append-only: post a correcting entry instead")


class AppendOnlyQuerySet(models.QuerySet):
    update = _refuse
    delete = _refuse
    bulk_update = _refuse
    update_or_create = _refuse
    _raw_delete = _refuse


class LedgerEntry(models.Model):
    agent = models.ForeignKey("channels.Agent", verbose_name=_("agent"), on_delete=models.PROTECT,
                              related_name="ledger_entries")
    kind = models.CharField(_("kind"), max_length=12, choices=EntryKind.choices)
    amount_fen = models.BigIntegerField(_("amount (fen)"), help_text=_("Credit to the agent is positive."))
    period = models.DateField(_("period"), help_text=_("The first day of the month the entry belongs to."))
    effective_on = models.DateField(_("effective on"))
    source = models.CharField(_("source"), max_length=100, help_text=_("What produced it, e.g. settlement-run:12."))
    memo = models.CharField(_("memo"), max_length=500, blank=True)
    posted_at = models.DateTimeField(_("posted at"), auto_now_add=True)
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("posted by"), on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+")

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["-effective_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "agent", "kind"], name="ledger_entry_once_per_source"),
        ]
        indexes = [models.Index(fields=["agent", "effective_on", "id"], name="ledger_agent_day")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period:%Y-%m} #{self.pk}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            _refuse()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("ledger:entry_detail", args=[self.pk])

    def delete(self, *args, **kwargs):
        _refuse()

    @property
    def amount_yuan(self):
        return to_yuan(self.amount_fen)
