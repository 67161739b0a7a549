import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qudao.territory.models import TerritoryNode
from qudao.territory.selectors import PATH_SEPARATOR

from .choices import AgentGrade, AgentStatus, ChannelType, OutletStatus, RequestKind, RequestStatus
from .models import Agent, Outlet, OutletRequest


def _search(fields):
    def method(self, queryset, name, value):
        q = Q()
        for field in fields:
            q |= Q(**{f"{field}__icontains": value})
        return queryset.filter(q)
    return method


class AgentFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    channel_type = django_filters.ChoiceFilter(label=_("channel type"), choices=ChannelType.choices)
    grade = django_filters.ChoiceFilter(label=_("grade"), choices=AgentGrade.choices)
    status = django_filters.ChoiceFilter(label=_("status"), choices=AgentStatus.choices)

    class Meta:
        model = Agent
        fields = ["q", "channel_type", "grade", "status"]

    search = _search(["code", "name", "credit_code", "contact_name"])


class OutletFilterSet(django_filters.FilterSet):
    """`grid` takes a grid code; `node` takes any territory code and matches everything under it."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    grid = django_filters.CharFilter(label=_("grid code"), field_name="grid__code")
    node = django_filters.CharFilter(label=_("territory code"), method="under_node")
    agent = django_filters.CharFilter(label=_("agent code"), field_name="agent__code")
    outlet_type = django_filters.ChoiceFilter(label=_("outlet type"), choices=ChannelType.choices)
    status = django_filters.ChoiceFilter(label=_("status"), choices=OutletStatus.choices)

    class Meta:
        model = Outlet
        fields = ["q", "grid", "node", "agent", "outlet_type", "status"]

    search = _search(["code", "name", "address"])

    def under_node(self, queryset, name, value):
        path = TerritoryNode.objects.filter(code=value).values_list("path", flat=True).first()
        if path is None:
            return queryset.none()
        return queryset.filter(Q(grid__path=path) | Q(grid__path__startswith=path + PATH_SEPARATOR))


class OutletRequestFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("request kind"), choices=RequestKind.choices)
    status = django_filters.ChoiceFilter(label=_("status"), choices=RequestStatus.choices)
    outlet = django_filters.CharFilter(label=_("outlet code"), field_name="outlet__code")

    class Meta:
        model = OutletRequest
        fields = ["kind", "status", "outlet"]
