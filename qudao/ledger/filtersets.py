import django_filters
from django.utils.translation import gettext_lazy as _

from .choices import EntryKind, PenaltyStatus
from .models import LedgerEntry, Penalty


class LedgerEntryFilterSet(django_filters.FilterSet):
    """`agent` takes an agent code; `period` any day of the month (YYYY-MM-DD)."""

    agent = django_filters.CharFilter(label=_("agent code"), field_name="agent__code")
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=EntryKind.choices)
    period = django_filters.DateFilter(label=_("period"), method="in_period")
    effective_from = django_filters.DateFilter(label=_("effective from"), field_name="effective_on", lookup_expr="gte")
    effective_to = django_filters.DateFilter(label=_("effective until"), field_name="effective_on", lookup_expr="lte")
    source = django_filters.CharFilter(label=_("source"), field_name="source", lookup_expr="startswith")

    class Meta:
        model = LedgerEntry
        fields = ["agent", "kind", "period", "effective_from", "effective_to", "source"]

    def in_period(self, queryset, name, value):
        return queryset.filter(period=value.replace(day=1)) if value else queryset


class AccountLedgerFilterSet(LedgerEntryFilterSet):
    """The agent ledger page: the agent is fixed by the page."""

    class Meta(LedgerEntryFilterSet.Meta):
        fields = ["kind", "period", "effective_from", "effective_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("agent", "source"):
            self.filters.pop(name, None)


class AccountFilterSet(django_filters.FilterSet):
    code = django_filters.CharFilter(label=_("agent code"), field_name="code")
    name = django_filters.CharFilter(label=_("name"), field_name="name", lookup_expr="icontains")


class PenaltyFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("status"), choices=PenaltyStatus.choices)
    agent = django_filters.CharFilter(label=_("agent code"), field_name="agent__code")
    source = django_filters.CharFilter(label=_("source"), field_name="source", lookup_expr="startswith")

    class Meta:
        model = Penalty
        fields = ["status", "agent", "source"]
