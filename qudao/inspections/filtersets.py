import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qudao.core.filters import YesNoFilter

from .choices import (
    InspectionKind,
    InspectionStatus,
    PenaltyStatus,
    RectificationStatus,
    ViolationKind,
    ViolationStatus,
    WarningLevel,
)
from .models import ChecklistTemplate, Inspection, Rectification, Violation, WeekPlan

DATE = {"type": "date"}


class InspectionFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=InspectionKind.choices)
    status = django_filters.ChoiceFilter(label=_("status"), choices=InspectionStatus.choices)
    outlet = django_filters.CharFilter(label=_("outlet code"), field_name="outlet__code")
    inspector = django_filters.CharFilter(label=_("inspector"), field_name="inspector__username")
    since = django_filters.DateFilter(label=_("from"), field_name="checked_in_at__date", lookup_expr="gte",
                                      widget=forms.DateInput(attrs=DATE))
    until = django_filters.DateFilter(label=_("to"), field_name="checked_in_at__date", lookup_expr="lte",
                                      widget=forms.DateInput(attrs=DATE))
    flagged = YesNoFilter(label=_("flagged"), method="only_flagged")

    class Meta:
        model = Inspection
        fields = ["kind", "status", "outlet", "inspector", "since", "until", "flagged"]

    def only_flagged(self, queryset, name, value):
        flagged = Q(outside_geofence=True) | Q(too_short=True) | Q(distance_m__isnull=True)
        return queryset.filter(flagged) if value else queryset.exclude(flagged)


class RectificationFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("status"), choices=RectificationStatus.choices)
    outlet = django_filters.CharFilter(label=_("outlet code"), field_name="outlet__code")
    agent = django_filters.CharFilter(label=_("agent code"), field_name="agent__code")
    due_by = django_filters.DateFilter(label=_("due by"), field_name="deadline", lookup_expr="lte",
                                       widget=forms.DateInput(attrs=DATE))

    class Meta:
        model = Rectification
        fields = ["status", "outlet", "agent", "due_by"]


class ViolationFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("violation kind"), choices=ViolationKind.choices)
    level = django_filters.ChoiceFilter(label=_("warning level"), choices=WarningLevel.choices)
    status = django_filters.ChoiceFilter(label=_("status"), choices=ViolationStatus.choices)
    penalty_status = django_filters.ChoiceFilter(label=_("penalty"), choices=PenaltyStatus.choices[1:])
    outlet = django_filters.CharFilter(label=_("outlet code"), field_name="outlet__code")
    agent = django_filters.CharFilter(label=_("agent code"), field_name="agent__code")

    class Meta:
        model = Violation
        fields = ["kind", "level", "status", "penalty_status", "outlet", "agent"]


class WeekPlanFilterSet(django_filters.FilterSet):
    manager = django_filters.CharFilter(label=_("manager"), field_name="manager__username")
    week = django_filters.DateFilter(label=_("week (Monday)"), field_name="week_start",
                                     widget=forms.DateInput(attrs=DATE))

    class Meta:
        model = WeekPlan
        fields = ["manager", "week"]


class ChecklistTemplateFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("inspection kind"), choices=InspectionKind.choices)
    is_active = YesNoFilter(label=_("active"))

    class Meta:
        model = ChecklistTemplate
        fields = ["kind", "is_active"]
