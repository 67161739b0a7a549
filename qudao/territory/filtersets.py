import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qudao.core.filters import YesNoFilter

from .choices import NodeKind
from .models import StaffAssignment, TerritoryNode


class TerritoryNodeFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=NodeKind.choices)
    is_active = YesNoFilter(label=_("active"))

    class Meta:
        model = TerritoryNode
        fields = ["q", "kind", "is_active"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(code__icontains=value))


class StaffAssignmentFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    role = django_filters.CharFilter(label=_("role"), field_name="user__role")

    class Meta:
        model = StaffAssignment
        fields = ["q", "role"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(user__username__icontains=value) | Q(user__display_name__icontains=value) | Q(node__name__icontains=value)
        )
