import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import FraudFlag, FraudRule, OutletRisk, ScreeningRun
from .rules import PARAMS, current_params


class ScreeningRunTable(tables.Table):
    id = tables.Column(linkify=True, verbose_name="#")
    period = tables.DateColumn(format="Y-m")

    class Meta:
        model = ScreeningRun
        fields = ("id", "period", "status", "progress", "records", "flags", "outlets", "started_by", "created_at")
        attrs = {"class": "table table-vcenter card-table text-nowrap", "data-testid": "run-table"}


class FraudFlagTable(tables.Table):
    external_id = tables.Column(linkify=True)
    period = tables.DateColumn(format="Y-m")
    outlet = tables.Column(accessor="outlet__code", verbose_name=_("outlet"), order_by=("outlet__code",))
    agent = tables.Column(accessor="agent__name", verbose_name=_("agent"), order_by=("agent__name",))

    class Meta:
        model = FraudFlag
        fields = ("external_id", "period", "sold_on", "outlet", "agent", "rule", "score", "status", "reviewed_by")
        attrs = {"class": "table table-vcenter card-table text-nowrap", "data-testid": "flag-table"}


class OutletRiskTable(tables.Table):
    outlet = tables.Column(accessor="outlet__code", verbose_name=_("outlet"), order_by=("outlet__code",),
                           linkify=lambda record: record.get_absolute_url())
    outlet_name = tables.Column(accessor="outlet__name", verbose_name=_("name"), orderable=False)
    agent = tables.Column(accessor="outlet__agent__name", verbose_name=_("agent"), orderable=False)
    period = tables.DateColumn(format="Y-m")

    class Meta:
        model = OutletRisk
        fields = ("outlet", "outlet_name", "agent", "period", "score", "records", "flagged")
        attrs = {"class": "table table-vcenter card-table text-nowrap", "data-testid": "risk-table"}


def describe_params(rule: FraudRule) -> str:
    """The rule's parameters as “label: value”, in the reader's language."""
    return "; ".join(f"{PARAMS[name][0]}: {value}" for name, value in current_params(rule.kind, rule.params).items())


class FraudRuleTable(tables.Table):
    kind = tables.Column(linkify=True)
    params = tables.Column(verbose_name=_("parameters"), orderable=False, empty_values=())

    class Meta:
        model = FraudRule
        fields = ("kind", "enabled", "weight", "params", "updated_at", "updated_by")
        attrs = {"class": "table table-vcenter card-table", "data-testid": "rule-table"}

    def render_params(self, record) -> str:
        return describe_params(record)
