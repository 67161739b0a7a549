import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Agent, Outlet, OutletRequest


class AgentTable(tables.Table):
    code = tables.Column(linkify=True)
    territory = tables.Column(accessor="territory__name", verbose_name=_("registered at"))
    bank_account = tables.Column(accessor="bank_account_masked", verbose_name=_("bank account"), orderable=False)
    manager = tables.Column(verbose_name=_("manager in charge"))

    class Meta:
        model = Agent
        fields = ("code", "name", "channel_type", "grade", "territory", "contact_name", "contact_phone", "bank_account", "manager", "status")


class OutletTable(tables.Table):
    code = tables.Column(linkify=True, attrs={"a": {"data-testid": "outlet-link"}})
    grid = tables.Column(accessor="grid__name", verbose_name=_("grid"), order_by=("grid__name",))
    agent = tables.Column(accessor="agent__name", verbose_name=_("agent"), order_by=("agent__name",))

    class Meta:
        model = Outlet
        fields = ("code", "name", "grid", "agent", "outlet_type", "opening_date", "status")
        attrs = {"class": "table table-vcenter card-table", "data-testid": "outlet-table"}


class OutletRequestTable(tables.Table):
    id = tables.Column(linkify=True, verbose_name="#")
    outlet = tables.Column(accessor="outlet__name", verbose_name=_("outlet"))
    requested_by = tables.Column(verbose_name=_("requested by"))

    class Meta:
        model = OutletRequest
        fields = ("id", "kind", "outlet", "effective_date", "status", "requested_by", "created_at")
