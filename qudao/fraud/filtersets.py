import django_filters
from django.utils.translation import gettext_lazy as _

from qudao.core.filters import YesNoFilter

from .choices import FlagStatus, RuleKind, RunStatus
from .models import FraudFlag, FraudRule, OutletRisk, ScreeningRun


class _PeriodFilterSet(django_filters.FilterSet):
    """`period` takes any day of the month (YYYY-MM-DD); `outlet` an outlet code."""

    period = django_filters.DateFilter(label=_("period"), method="in_period")

    def in_period(self, queryset, name, value):
        return queryset.filter(period=value.replace(day=1)) if value else queryset


class ScreeningRunFilterSet(_PeriodFilterSet):
    status = django_filters.ChoiceFilter(label=_("status"), choices=RunStatus.choices)

    class Meta:
        model = ScreeningRun
        fields = ["period", "status"]


class FraudFlagFilterSet(_PeriodFilterSet):
    rule = django_filters.ChoiceFilter(label=_("rule"), choices=RuleKind.choices)
    status = django_filters.ChoiceFilter(label=_("status"), choices=FlagStatus.choices)
    outlet = django_filters.CharFilter(label=_("outlet code"), field_name="outlet__code")
    agent = django_filters.CharFilter(label=_("agent code"), field_name="agent__code")
    record = django_filters.CharFilter(label=_("record id"), field_name="external_id")
    min_score = django_filters.NumberFilter(label=_("score at least"), field_name="score", lookup_expr="gte")

    class Meta:
        model = FraudFlag
        fields = ["period", "rule", "status", "outlet", "agent", "record", "min_score"]


class OutletRiskFilterSet(_PeriodFilterSet):
    outlet = django_filters.CharFilter(label=_("outlet code"), field_name="outlet__code")
    min_score = django_filters.NumberFilter(label=_("score at least"), field_name="score", lookup_expr="gte")

    class Meta:
        model = OutletRisk
        fields = ["period", "outlet", "min_score"]


class FraudRuleFilterSet(django_filters.FilterSet):
    enabled = YesNoFilter(label=_("enabled"))

    class Meta:
        model = FraudRule
        fields = ["enabled"]
