from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qudao.reporting.figures import percent

from ..choices import AdjustmentKind


class Scorecard(models.Model):
    """A manager's or supervisor's month in figures, computed from the records (see services.scorecards)."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="scorecards")
    month = models.DateField(_("month"))
    role = models.CharField(_("role"), max_length=32)
    inspections_done = models.PositiveIntegerField(_("outlets inspected"), default=0)
    inspections_quota = models.PositiveIntegerField(_("inspection quota"), default=0)
    callback_population = models.PositiveIntegerField(_("users to sample"), default=0)
    callbacks_sampled = models.PositiveIntegerField(_("callbacks sampled"), default=0)
    callbacks_done = models.PositiveIntegerField(_("callbacks done"), default=0)
    rectifications_due = models.PositiveIntegerField(_("rectifications due"), default=0)
    rectifications_on_time = models.PositiveIntegerField(_("closed on time"), default=0)
    problems_over_30 = models.PositiveIntegerField(_("problems open over 30 days"), default=0)
    development_actual = models.PositiveIntegerField(_("development"), default=0)
    development_target = models.PositiveIntegerField(_("development target"), null=True, blank=True)
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    class Meta:
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")
        ordering = ["-month", "person__username"]
        constraints = [models.UniqueConstraint(fields=["person", "month"], name="fieldwork_scorecard_once")]

    def __str__(self) -> str:
        return f"{self.person} · {self.month:%Y-%m}"

    def get_absolute_url(self) -> str:
        return reverse("fieldwork:scorecard_detail", args=[self.pk])

    @property
    def inspection_pct(self):
        return percent(self.inspections_done, self.inspections_quota)

    @property
    def callback_coverage_pct(self):
        """Callbacks done ÷ sampled."""
        return percent(self.callbacks_done, self.callbacks_sampled)

    @property
    def callback_share_pct(self):
        """Callbacks done ÷ users of the days (the 15 % rule)."""
        return percent(self.callbacks_done, self.callback_population)

    @property
    def on_time_pct(self):
        return percent(self.rectifications_on_time, self.rectifications_due)

    @property
    def attainment_pct(self):
        return percent(self.development_actual, self.development_target)


class ScorecardAdjustment(models.Model):
    """A reward or penalty a superior records against a scorecard (amount in fen)."""

    scorecard = models.ForeignKey(Scorecard, verbose_name=_("scorecard"), on_delete=models.PROTECT,
                                  related_name="adjustments")
    kind = models.CharField(_("kind"), max_length=8, choices=AdjustmentKind.choices)
    amount_fen = models.BigIntegerField(_("amount (fen)"))
    note = models.TextField(_("note"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reward or penalty")
        verbose_name_plural = _("rewards and penalties")
        ordering = ["at", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(amount_fen__gt=0),
                                              name="fieldwork_adjustment_positive")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount_fen}"
