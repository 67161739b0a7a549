from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qudao.channels.choices import ChannelType
from qudao.core.models import TimeStampedModel

from ..choices import AnswerType, InspectionKind, ScoringMethod, Section, ViolationKind


class ChecklistTemplate(TimeStampedModel):
    """The checklist of one inspection kind for one channel type (blank type: any type without its own)."""

    code = models.CharField(_("template code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("inspection kind"), max_length=16, choices=InspectionKind.choices)
    channel_type = models.CharField(
        _("channel type"), max_length=20, choices=ChannelType.choices, blank=True,
        help_text=_("Blank: used for every channel type that has no template of its own."),
    )
    scoring = models.CharField(_("scoring"), max_length=16, choices=ScoringMethod.choices)
    pass_score = models.PositiveSmallIntegerField(_("pass mark"), default=80)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")
        ordering = ["kind", "channel_type", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "channel_type"], condition=models.Q(is_active=True),
                name="inspections_one_active_template",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("inspections:template_detail", args=[self.pk])


class ChecklistItem(models.Model):
    """One line of a checklist. Pass/fail items count `weight` (deduction scoring: lose
    `max_points`); points items are scored 0..max_points and pass from `pass_points`."""

    template = models.ForeignKey(ChecklistTemplate, verbose_name=_("template"), on_delete=models.CASCADE,
                                 related_name="items")
    section = models.CharField(_("section"), max_length=16, choices=Section.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("item"), max_length=200)
    answer_type = models.CharField(_("answer"), max_length=12, choices=AnswerType.choices, default=AnswerType.PASS_FAIL)
    max_points = models.PositiveSmallIntegerField(_("points"), default=1)
    pass_points = models.PositiveSmallIntegerField(_("points to pass"), null=True, blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    violation_kind = models.CharField(
        _("failure is a violation of kind"), max_length=24, choices=ViolationKind.choices, blank=True,
        help_text=_("If set, failing this item also raises a violation of this kind."),
    )

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["template_id", "order", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(max_points__gte=1), name="inspections_item_points_positive"),
            models.CheckConstraint(condition=models.Q(weight__gte=1), name="inspections_item_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.text

    def clean(self):
        if self.answer_type == AnswerType.POINTS and (self.pass_points is None or self.pass_points > self.max_points):
            raise ValidationError({"pass_points": _("A points item needs a pass mark between 0 and its points.")})
