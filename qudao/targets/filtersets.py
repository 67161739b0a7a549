import re
from datetime import date

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qudao.core.filters import YesNoFilter
from qudao.sales.choices import ProductCategory
from qudao.territory.models import PATH_SEPARATOR, TerritoryNode

from .choices import Metric, PeriodKind
from .models import CalendarException, Target
from .periods import period_bounds

PERIOD_TEXT = re.compile(r"(\d{4})\s*[-/年]?\s*(?:[Qq季]\s*([1-4])|(\d{1,2})\s*月?)")


def parse_period(text: str) -> tuple[str, date] | None:
    """Parses "2026-11" / "2026年11月" → (month, 2026-11-01); "2026Q4" / "2026-Q4" → (quarter, 2026-10-01)."""
    match = PERIOD_TEXT.fullmatch(text.strip())
    if match is None:
        return None
    year, quarter, month = match.groups()
    if quarter:
        return PeriodKind.QUARTER, date(int(year), (int(quarter) - 1) * 3 + 1, 1)
    if not 1 <= int(month) <= 12:
        return None
    return PeriodKind.MONTH, date(int(year), int(month), 1)


class TargetFilterSet(django_filters.FilterSet):
    """`node` takes a territory code and matches the targets on that node and everything under it."""

    period = django_filters.CharFilter(label=_("period (2026-11 or 2026Q4)"), method="in_period")
    period_kind = django_filters.ChoiceFilter(label=_("period kind"), choices=PeriodKind.choices)
    metric = django_filters.ChoiceFilter(label=_("metric"), choices=Metric.choices)
    category = django_filters.ChoiceFilter(label=_("product category"), choices=ProductCategory.choices)
    node = django_filters.CharFilter(label=_("territory code"), method="under_node")
    outlet = django_filters.CharFilter(label=_("outlet code"), field_name="outlet__code")
    needs_rebalancing = YesNoFilter(label=_("needs re-balancing"))

    class Meta:
        model = Target
        fields = ["period", "period_kind", "metric", "category", "node", "outlet", "needs_rebalancing"]

    def in_period(self, queryset, name, value):
        parsed = parse_period(value)
        if parsed is None:
            return queryset.none()
        kind, start = parsed
        return queryset.filter(period_kind=kind, period_start=period_bounds(kind, start)[0])

    def under_node(self, queryset, name, value):
        path = TerritoryNode.objects.filter(code=value).values_list("path", flat=True).first()
        if path is None:
            return queryset.none()
        under = PATH_SEPARATOR
        return queryset.filter(
            Q(node__path=path) | Q(node__path__startswith=path + under)
            | Q(outlet__grid__path=path) | Q(outlet__grid__path__startswith=path + under)
        )


class CalendarExceptionFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("year"), field_name="date__year")
    is_workday = YesNoFilter(label=_("working day"))

    class Meta:
        model = CalendarException
        fields = ["year", "is_workday"]
