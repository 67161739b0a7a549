import django_filters
from django.utils.translation import gettext_lazy as _

from qudao.incentives.choices import StatementStatus
from qudao.incentives.models import Statement

from .choices import DisputeStatus
from .models import StatementDispute


class StatementFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("status"), choices=StatementStatus.choices)
    period = django_filters.DateFilter(label=_("period"), field_name="run__period")
    agent = django_filters.CharFilter(label=_("agent code"), field_name="agent__code")

    class Meta:
        model = Statement
        fields = ["status", "period", "agent"]


class DisputeFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("status"), choices=DisputeStatus.choices)
    agent = django_filters.CharFilter(label=_("agent code"), field_name="statement__agent__code")

    class Meta:
        model = StatementDispute
        fields = ["status", "agent"]
