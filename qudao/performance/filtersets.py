import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qudao.core.filters import YesNoFilter

from .choices import BulletinStatus, FollowUpKind, FollowUpLevel, FollowUpStatus, WebhookKind
from .models import Bulletin, BulletinLine, FollowUp, WebhookEndpoint


class BulletinFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("status"), choices=BulletinStatus.choices)
    week_from = django_filters.DateFilter(label=_("weeks from"), field_name="week_start", lookup_expr="gte")
    week_to = django_filters.DateFilter(label=_("weeks until"), field_name="week_start", lookup_expr="lte")

    class Meta:
        model = Bulletin
        fields = ["status", "week_from", "week_to"]


class BulletinLineFilterSet(django_filters.FilterSet):
    """`grid` takes a grid code, `county` a county code, `agent` an agent code."""

    bulletin = django_filters.NumberFilter(label=_("weekly bulletin"), field_name="bulletin_id")
    week = django_filters.DateFilter(label=_("week from"), field_name="bulletin__week_start")
    agent = django_filters.CharFilter(label=_("agent code"), field_name="agent__code")
    grid = django_filters.CharFilter(label=_("grid code"), field_name="grid__code")
    county = django_filters.CharFilter(label=_("county code"), field_name="county__code")

    class Meta:
        model = BulletinLine
        fields = ["bulletin", "week", "agent", "grid", "county"]


class FollowUpFilterSet(django_filters.FilterSet):
    mine = YesNoFilter(label=_("assigned to me"), method="assigned_to_me")
    status = django_filters.ChoiceFilter(label=_("status"), choices=FollowUpStatus.choices)
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=FollowUpKind.choices)
    level = django_filters.ChoiceFilter(label=_("level"), choices=FollowUpLevel.choices)
    agent = django_filters.CharFilter(label=_("agent code"), field_name="agent__code")
    flagged_from = django_filters.DateFilter(label=_("flagged from"), field_name="flagged_on", lookup_expr="gte")
    flagged_to = django_filters.DateFilter(label=_("flagged until"), field_name="flagged_on", lookup_expr="lte")

    class Meta:
        model = FollowUp
        fields = ["mine", "status", "kind", "level", "agent", "flagged_from", "flagged_to"]

    def assigned_to_me(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        if value is None or user is None:
            return queryset
        mine = Q(assignee=user)
        return queryset.filter(mine) if value else queryset.exclude(mine)


class WebhookFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=WebhookKind.choices)
    is_active = YesNoFilter(label=_("active"))

    class Meta:
        model = WebhookEndpoint
        fields = ["kind", "is_active"]
