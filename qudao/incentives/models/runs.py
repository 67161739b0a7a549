from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..choices import ACTIVE_RUN_STATUSES, RunStatus, StatementStatus


class SettlementRun(models.Model):
    """One settlement of a month for the whole company or one territory node (INC-2).

    `scope_key` is "all" or the node's id, so "one active run per period and scope" is a plain
    partial unique constraint on both databases."""

    period = models.DateField(_("period"), help_text=_("The first day of the month."))
    scope = models.ForeignKey("territory.TerritoryNode", verbose_name=_("scope"), on_delete=models.PROTECT,
                              null=True, blank=True, related_name="+")
    scope_key = models.CharField(_("scope key"), max_length=20, editable=False)
    status = models.CharField(_("status"), max_length=12, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    stage = models.CharField(_("stage"), max_length=80, blank=True)
    message = models.TextField(_("message"), blank=True)
    snapshot_dir = models.CharField(_("snapshot directory"), max_length=300, blank=True)
    snapshot_sha256 = models.CharField(_("snapshot SHA-256"), max_length=64, blank=True)
    result_digest = models.CharField(_("result digest"), max_length=64, blank=True)
    record_count = models.BigIntegerField(_("records in the snapshot"), default=0)
    line_count = models.BigIntegerField(_("lines"), default=0)
    statement_count = models.PositiveIntegerField(_("statements"), default=0)
    total_fen = models.BigIntegerField(_("total (fen)"), default=0)
    held_fen = models.BigIntegerField(_("held (fen)"), default=0)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("started by"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("settlement run")
        verbose_name_plural = _("settlement runs")
        ordering = ["-period", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["period", "scope_key"], condition=models.Q(status__in=ACTIVE_RUN_STATUSES),
                                    name="settlement_run_one_active"),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="settlement_run_progress_pct"),
        ]

    def __str__(self) -> str:
        return f"{self.period:%Y-%m} · {self.scope or _('whole company')} · #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("incentives:run_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status not in ACTIVE_RUN_STATUSES


class Statement(models.Model):
    """The month's remuneration statement (渠道工资单) of one agent in one run."""

    run = models.ForeignKey(SettlementRun, verbose_name=_("run"), on_delete=models.PROTECT, related_name="statements")
    agent = models.ForeignKey("channels.Agent", verbose_name=_("agent"), on_delete=models.PROTECT, related_name="+")
    total_fen = models.BigIntegerField(_("total (fen)"))
    held_fen = models.BigIntegerField(_("held (fen)"))
    payable_fen = models.BigIntegerField(_("payable (fen)"))
    line_count = models.PositiveIntegerField(_("lines"))
    status = models.CharField(_("status"), max_length=12, choices=StatementStatus.choices,
                              default=StatementStatus.DRAFT)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    viewed_at = models.DateTimeField(_("viewed at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["-run__period", "agent__code"]
        constraints = [
            models.UniqueConstraint(fields=["run", "agent"], name="statement_one_per_agent_run"),
            models.CheckConstraint(condition=models.Q(payable_fen=models.F("total_fen") - models.F("held_fen")),
                                   name="statement_payable_is_total_less_held"),
        ]

    def __str__(self) -> str:
        return f"{self.agent} {self.run.period:%Y-%m}"

    def get_absolute_url(self) -> str:
        return reverse("incentives:statement_detail", args=[self.pk])


class StatementItem(models.Model):
    """A statement's total per scheme version and rule: the summary the statement opens with, the
    ledger posting's source, and what stays in the database while the lines stay in the run's file."""

    statement = models.ForeignKey(Statement, verbose_name=_("statement"), on_delete=models.CASCADE, related_name="items")
    version = models.ForeignKey("incentives.SchemeVersion", verbose_name=_("scheme version"), on_delete=models.PROTECT,
                                related_name="+")
    rule_key = models.CharField(_("rule"), max_length=60)
    rule_kind = models.CharField(_("rule kind"), max_length=16)
    line_count = models.PositiveIntegerField(_("lines"))
    amount_fen = models.BigIntegerField(_("amount (fen)"))
    held_fen = models.BigIntegerField(_("held (fen)"))

    class Meta:
        verbose_name = _("statement item")
        verbose_name_plural = _("statement items")
        ordering = ["statement", "version", "rule_key"]
        constraints = [models.UniqueConstraint(fields=["statement", "version", "rule_key"], name="statement_item_one_per_rule")]

    def __str__(self) -> str:
        return f"{self.statement} {self.rule_key} {self.amount_fen}"
