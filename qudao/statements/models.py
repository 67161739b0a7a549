"""A dispute is the agent's objection to a statement line (or to the statement as a whole) and
the manager's answer to it. Statuses of the statement itself live on incentives.Statement."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import DisputeStatus


class StatementDispute(models.Model):
    statement = models.ForeignKey("incentives.Statement", verbose_name=_("statement"), on_delete=models.PROTECT,
                                  related_name="disputes")
    # The line is row `line_number` of the run's lines file; what it said is copied here when disputed.
    line_number = models.BigIntegerField(_("line number"), null=True, blank=True)
    line_record = models.CharField(_("record id"), max_length=64, blank=True)
    line_rule = models.CharField(_("rule"), max_length=60, blank=True)
    line_amount_fen = models.BigIntegerField(_("line amount (fen)"), null=True, blank=True)
    comment = models.TextField(_("agent's comment"))
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("raised by"), on_delete=models.PROTECT,
                                  related_name="+")
    raised_at = models.DateTimeField(_("raised at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=DisputeStatus.choices, default=DisputeStatus.OPEN)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("answered by"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    adjustment_fen = models.BigIntegerField(_("adjustment (fen)"), null=True, blank=True)

    class Meta:
        verbose_name = _("statement dispute")
        verbose_name_plural = _("statement disputes")
        ordering = ["-raised_at", "-id"]
        indexes = [models.Index(fields=["statement", "status"], name="statements_dispute_open")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(adjustment_fen=0), name="statements_adjustment_not_zero"),
            models.CheckConstraint(
                condition=models.Q(status=DisputeStatus.ACCEPTED, adjustment_fen__isnull=False)
                | (~models.Q(status=DisputeStatus.ACCEPTED) & models.Q(adjustment_fen__isnull=True)),
                name="statements_adjustment_iff_accepted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.statement} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("statements:dispute_detail", args=[self.pk])

    @property
    def is_whole_statement(self) -> bool:
        return self.line_number is None

    def line_url(self) -> str:
        return "" if self.line_number is None else reverse(
            "incentives:line_detail", args=[self.statement.run_id, self.line_number])
