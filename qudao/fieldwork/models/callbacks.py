from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qudao.core.masking import mask_tail
from qudao.core.models import TimeStampedModel

from ..choices import CallbackKind, CallbackOutcome, CallbackStatus

DEFAULT_SCRIPT = (
    "您好，这里是客户服务中心回访。您于{date}在{outlet}办理了{product}，"
    "请问是您本人办理的吗？办理时工作人员是否如实介绍了资费？预存款是否已全部到账？"
    "您对办理过程还满意吗？感谢您的支持！"
)


class CallbackPolicy(TimeStampedModel):
    """The one row of callback settings (pk 1); `current()` creates it with the defaults."""

    sample_pct = models.DecimalField(
        _("share of users called back (%)"), max_digits=4, decimal_places=1, default=Decimal(15),
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal(100))],
        help_text=_("Each outlet's new and maintained users of a day are sampled at least at this rate."),
    )
    risk_boost_pct = models.PositiveIntegerField(
        _("extra share per risk signal (%)"), default=50,
        help_text=_("Each risk signal of an outlet raises its sample by this share of the base rate."),
    )
    low_effective_rate_pct = models.DecimalField(
        _("low effective rate below (%)"), max_digits=4, decimal_places=1, default=Decimal(60))
    high_cancellation_pct = models.DecimalField(
        _("high cancellation share from (%)"), max_digits=4, decimal_places=1, default=Decimal(10))
    window_days = models.PositiveIntegerField(
        _("risk window (days)"), default=30, validators=[MinValueValidator(1)],
        help_text=_("Effective rate and cancellations are measured over this many days before the sampled day."))
    script = models.TextField(
        _("call script"), default=DEFAULT_SCRIPT,
        help_text=_("Placeholders: {product}, {outlet}, {date}."),
    )

    class Meta:
        verbose_name = _("callback policy")
        verbose_name_plural = _("callback policy")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> "CallbackPolicy":
        policy, _created = cls.objects.get_or_create(pk=1)
        return policy


class CallbackRun(models.Model):
    """The sample drawn for one day's new and maintained users; at most one per day."""

    day = models.DateField(_("day sampled"), unique=True)
    share_pct = models.DecimalField(_("share (%)"), max_digits=4, decimal_places=1)
    population = models.PositiveIntegerField(_("users"), default=0)
    sampled = models.PositiveIntegerField(_("sampled"), default=0)
    created_at = models.DateTimeField(_("drawn at"), auto_now_add=True)

    class Meta:
        verbose_name = _("callback sample")
        verbose_name_plural = _("callback samples")
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d}: {self.sampled}/{self.population}"


class CallbackStratum(models.Model):
    """One outlet's share of a day's sample: how many users it had, how many were drawn and why."""

    run = models.ForeignKey(CallbackRun, verbose_name=_("sample"), on_delete=models.CASCADE, related_name="strata")
    outlet = models.ForeignKey("channels.Outlet", verbose_name=_("outlet"), on_delete=models.PROTECT, related_name="+")
    grid = models.ForeignKey("territory.TerritoryNode", verbose_name=_("grid"), on_delete=models.PROTECT,
                             related_name="+")
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("assigned to"), on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="+")
    population = models.PositiveIntegerField(_("users"))
    quota = models.PositiveIntegerField(_("sampled"))
    risk = models.PositiveSmallIntegerField(_("risk signals"), default=0)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)

    class Meta:
        verbose_name = _("callback stratum")
        verbose_name_plural = _("callback strata")
        ordering = ["run_id", "outlet_id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "outlet"], name="fieldwork_stratum_once"),
            models.CheckConstraint(condition=models.Q(quota__lte=models.F("population")),
                                   name="fieldwork_stratum_quota_within_population"),
        ]

    def __str__(self) -> str:
        return f"{self.outlet_id}: {self.quota}/{self.population}"


class Callback(TimeStampedModel):
    """回访: one sampled user to call back about a sale (new) or a status change (maintained)."""

    run = models.ForeignKey(CallbackRun, verbose_name=_("sample"), on_delete=models.CASCADE, related_name="callbacks")
    stratum = models.ForeignKey(CallbackStratum, verbose_name=_("stratum"), on_delete=models.CASCADE,
                                related_name="callbacks")
    day = models.DateField(_("day sampled"))
    kind = models.CharField(_("kind"), max_length=12, choices=CallbackKind.choices)
    # The fact table is partitioned on PostgreSQL: no database constraint on the record.
    record = models.ForeignKey("sales.DevelopmentRecord", verbose_name=_("development record"),
                               on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    external_id = models.CharField(_("record id"), max_length=64)
    outlet = models.ForeignKey("channels.Outlet", verbose_name=_("outlet"), on_delete=models.PROTECT, related_name="+")
    agent = models.ForeignKey("channels.Agent", verbose_name=_("agent"), on_delete=models.PROTECT, related_name="+")
    grid = models.ForeignKey("territory.TerritoryNode", verbose_name=_("grid"), on_delete=models.PROTECT,
                             related_name="+")
    product = models.ForeignKey("sales.Product", verbose_name=_("product"), on_delete=models.PROTECT, related_name="+")
    subscriber_no = models.CharField(_("phone / policy number"), max_length=32)
    sold_on = models.DateField(_("sale date"))
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("assigned to"), on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="callbacks")
    status = models.CharField(_("status"), max_length=12, choices=CallbackStatus.choices,
                              default=CallbackStatus.PENDING)
    outcome = models.CharField(_("outcome"), max_length=20, choices=CallbackOutcome.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    called_at = models.DateTimeField(_("called at"), null=True, blank=True)
    called_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("called by"), on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+")
    violation = models.ForeignKey("inspections.Violation", verbose_name=_("violation raised"),
                                  on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    client_key = models.UUIDField(_("submission key"), unique=True, null=True, blank=True)

    class Meta:
        verbose_name = _("callback")
        verbose_name_plural = _("callbacks")
        ordering = ["-day", "status", "id"]
        constraints = [models.UniqueConstraint(fields=["day", "external_id"], name="fieldwork_callback_once_a_day")]
        indexes = [
            models.Index(fields=["assignee", "status"], name="fieldwork_callback_todo"),
            models.Index(fields=["day", "assignee"], name="fieldwork_callback_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} · {self.masked_number}"

    def get_absolute_url(self) -> str:
        return reverse("fieldwork:callback_detail", args=[self.pk])

    @property
    def masked_number(self) -> str:
        """138****8000: enough to recognise, not to dial."""
        number = self.subscriber_no or ""
        return number[:3] + mask_tail(number, 4) if len(number) > 7 else mask_tail(number, 2)
