from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qudao.core.models import TimeStampedModel


class WeekPlan(TimeStampedModel):
    """A manager's inspection plan for one week (Monday–Sunday, Asia/Shanghai)."""

    manager = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("manager"), on_delete=models.PROTECT,
                                related_name="week_plans")
    week_start = models.DateField(_("week (Monday)"))
    start_latitude = models.DecimalField(_("start latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    start_longitude = models.DecimalField(_("start longitude"), max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        verbose_name = _("week plan")
        verbose_name_plural = _("week plans")
        ordering = ["-week_start", "manager_id"]
        constraints = [models.UniqueConstraint(fields=["manager", "week_start"], name="inspections_one_plan_a_week")]

    def __str__(self) -> str:
        return f"{self.manager} · {self.week_start:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:plan_detail", args=[self.pk])


class PlannedOutlet(models.Model):
    """One stop of a week plan, in route order, with why it was suggested."""

    plan = models.ForeignKey(WeekPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="stops")
    outlet = models.ForeignKey("channels.Outlet", verbose_name=_("outlet"), on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(_("stop"))
    risk = models.PositiveSmallIntegerField(_("risk score"), default=0)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    leg_m = models.PositiveIntegerField(_("distance from previous stop (m)"), null=True, blank=True)

    class Meta:
        verbose_name = _("planned outlet")
        verbose_name_plural = _("planned outlets")
        ordering = ["plan_id", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "outlet"], name="inspections_plan_outlet_once")]

    def __str__(self) -> str:
        return f"{self.position}. {self.outlet_id}"
