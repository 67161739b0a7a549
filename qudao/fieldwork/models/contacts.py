from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qudao.core.models import TimeStampedModel

from ..choices import ContactKind, FollowUpState, ProblemCategory, ProblemStatus


def _node_fk():
    # Where the work belongs in the tree (the outlet's grid, else the agent's registration):
    # the scoping functions filter by its path.
    return models.ForeignKey("territory.TerritoryNode", verbose_name=_("territory node"), on_delete=models.PROTECT,
                             related_name="+")


class Visit(TimeStampedModel):
    """走访: a manager's visit to or call with an agent, with notes and a follow-up if one is needed."""

    kind = models.CharField(_("kind"), max_length=8, choices=ContactKind.choices)
    agent = models.ForeignKey("channels.Agent", verbose_name=_("agent"), on_delete=models.PROTECT, related_name="+")
    outlet = models.ForeignKey("channels.Outlet", verbose_name=_("outlet"), on_delete=models.PROTECT,
                               null=True, blank=True, related_name="+")
    node = _node_fk()
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT,
                              related_name="visits")
    contacted_on = models.DateField(_("date"))
    notes = models.TextField(_("notes"))
    problems_found = models.TextField(_("problems found"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    follow_up_due = models.DateField(_("follow-up due"), null=True, blank=True)
    follow_up_status = models.CharField(_("follow-up status"), max_length=8, choices=FollowUpState.choices,
                                        blank=True, default=FollowUpState.NONE)
    follow_up_done_at = models.DateTimeField(_("follow-up done at"), null=True, blank=True)
    laggard_followup = models.ForeignKey(
        "performance.FollowUp", verbose_name=_("laggard follow-up"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+", help_text=_("The laggard follow-up this visit or call answers, if any."),
    )
    client_key = models.UUIDField(_("submission key"), unique=True, null=True, blank=True)

    class Meta:
        verbose_name = _("visit or call")
        verbose_name_plural = _("visits and calls")
        ordering = ["-contacted_on", "-id"]
        indexes = [
            models.Index(fields=["staff", "contacted_on"], name="fieldwork_visit_staff_day"),
            models.Index(fields=["agent", "contacted_on"], name="fieldwork_visit_agent_day"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(follow_up_status="") | ~models.Q(follow_up=""),
                name="fieldwork_visit_followup_described",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.agent.name} · {self.contacted_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("fieldwork:visit_detail", args=[self.pk])


class Problem(TimeStampedModel):
    """A problem a channel met (业务受理、推广…): raised, escalated with a proposed solution, closed."""

    agent = models.ForeignKey("channels.Agent", verbose_name=_("agent"), on_delete=models.PROTECT, related_name="+")
    outlet = models.ForeignKey("channels.Outlet", verbose_name=_("outlet"), on_delete=models.PROTECT,
                               null=True, blank=True, related_name="+")
    node = _node_fk()
    category = models.CharField(_("category"), max_length=12, choices=ProblemCategory.choices)
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"))
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("raised by"), on_delete=models.PROTECT,
                                  related_name="+")
    raised_on = models.DateField(_("raised on"))
    status = models.CharField(_("status"), max_length=12, choices=ProblemStatus.choices, default=ProblemStatus.OPEN)
    proposed_solution = models.TextField(_("proposed solution"), blank=True)
    escalated_to = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("escalated to"),
                                     on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    client_key = models.UUIDField(_("submission key"), unique=True, null=True, blank=True)

    class Meta:
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        ordering = ["-raised_on", "-id"]
        indexes = [
            models.Index(fields=["status", "raised_on"], name="fieldwork_problem_age"),
            models.Index(fields=["agent", "status"], name="fieldwork_problem_agent"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("fieldwork:problem_detail", args=[self.pk])
