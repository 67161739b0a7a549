"""One FilterSet per listed model, shared by the page, the API and the export."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qudao.core.filters import YesNoFilter

from .choices import ImportKind, ImportStatus, ProductCategory, RecordStatus
from .models import DevelopmentRecord, EffectiveRule, ImportBatch, Product

_DATE = forms.DateInput(attrs={"type": "date"})


class ProductFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    category = django_filters.ChoiceFilter(label=_("category"), choices=ProductCategory.choices)
    active_on = django_filters.DateFilter(label=_("active on"), method="active", widget=_DATE)

    class Meta:
        model = Product
        fields = ["q", "category", "active_on"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value))

    def active(self, queryset, name, value):
        return queryset.filter(Q(active_to__isnull=True) | Q(active_to__gte=value), active_from__lte=value)


class RecordFilterSet(django_filters.FilterSet):
    """Codes, not ids, so a dashboard can link `?outlet=<code>&date_from=…&date_to=…`."""

    q = django_filters.CharFilter(label=_("record id"), field_name="external_id")
    outlet = django_filters.CharFilter(label=_("outlet code"), field_name="outlet__code")
    agent = django_filters.CharFilter(label=_("agent code"), field_name="agent__code")
    grid = django_filters.CharFilter(label=_("grid code"), field_name="grid__code")
    product = django_filters.CharFilter(label=_("product code"), field_name="product__code")
    status = django_filters.ChoiceFilter(label=_("status"), choices=RecordStatus.choices)
    effective = YesNoFilter(label=_("effective"), field_name="is_effective")
    date_from = django_filters.DateFilter(label=_("sold from"), field_name="sold_on", lookup_expr="gte", widget=_DATE)
    date_to = django_filters.DateFilter(label=_("sold until"), field_name="sold_on", lookup_expr="lte", widget=_DATE)
    batch = django_filters.NumberFilter(label=_("import batch"), field_name="batch_id")

    class Meta:
        model = DevelopmentRecord
        fields = ["q", "outlet", "agent", "grid", "product", "status", "effective", "date_from", "date_to", "batch"]


class ImportBatchFilterSet(django_filters.FilterSet):
    # Not "kind": the outlet requests' `kind` filter would share its OpenAPI enum name.
    import_kind = django_filters.ChoiceFilter(label=_("import kind"), field_name="kind", choices=ImportKind.choices)
    status = django_filters.ChoiceFilter(label=_("status"), choices=ImportStatus.choices)

    class Meta:
        model = ImportBatch
        fields = ["import_kind", "status"]


class EffectiveRuleFilterSet(django_filters.FilterSet):
    valid_on = django_filters.DateFilter(label=_("valid on"), method="valid", widget=_DATE)

    class Meta:
        model = EffectiveRule
        fields = ["valid_on"]

    def valid(self, queryset, name, value):
        """The one version that applies to sales on `value`."""
        current = queryset.filter(valid_from__lte=value).order_by("-valid_from").values("pk")[:1]
        return queryset.filter(pk__in=current)
