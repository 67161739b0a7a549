import django_filters
from django.utils.translation import gettext_lazy as _

from .choices import RunStatus, StatementStatus, VersionStatus
from .models import SchemeVersion, SettlementRun, Statement


class SchemeVersionFilterSet(django_filters.FilterSet):
    scheme = django_filters.CharFilter(label=_("scheme code"), field_name="scheme__code")
    status = django_filters.ChoiceFilter(label=_("status"), choices=VersionStatus.choices)

    class Meta:
        model = SchemeVersion
        fields = ["scheme", "status"]


class SettlementRunFilterSet(django_filters.FilterSet):
    period = django_filters.DateFilter(label=_("period"))
    status = django_filters.ChoiceFilter(label=_("status"), choices=RunStatus.choices)

    class Meta:
        model = SettlementRun
        fields = ["period", "status"]


class StatementFilterSet(django_filters.FilterSet):
    run = django_filters.NumberFilter(label=_("run"), field_name="run_id")
    period = django_filters.DateFilter(label=_("period"), field_name="run__period")
    status = django_filters.ChoiceFilter(label=_("status"), choices=StatementStatus.choices)
    agent = django_filters.CharFilter(label=_("agent code"), field_name="agent__code")

    class Meta:
        model = Statement
        fields = ["run", "period", "status", "agent"]
