import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qudao.territory.choices import NodeKind
from qudao.territory.models import TerritoryNode


class NodeProgressFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Code or name"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Level"), choices=NodeKind.choices)

    class Meta:
        model = TerritoryNode
        fields = ["q", "kind"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value))
