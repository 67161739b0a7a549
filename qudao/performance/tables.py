import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from qudao.ui.columns import YuanColumn

from .models import Bulletin, BulletinLine, FollowUp, WebhookEndpoint


class ChangeColumn(tables.Column):
    """Week-on-week change in percent, signed; “—” when the previous week had nothing."""

    def render(self, value):
        return f"{value:+}%"


class BulletinTable(tables.Table):
    week_start = tables.Column(linkify=True, verbose_name=_("week"))
    fee_fen = YuanColumn(verbose_name=_("fees (yuan)"))

    class Meta:
        model = Bulletin
        fields = ("week_start", "week_end", "status", "agents", "records", "effective", "fee_fen", "published_at")
        attrs = {"class": "table table-vcenter card-table", "data-testid": "bulletin-table"}


class BulletinLineTable(tables.Table):
    week = tables.Column(accessor="bulletin__week_start", verbose_name=_("week"), linkify=lambda record: record.get_absolute_url())
    agent = tables.Column(accessor="agent__name", verbose_name=_("agent"), order_by=("agent__name",),
                          linkify=lambda record: record.get_absolute_url())
    grid = tables.Column(accessor="grid__name", verbose_name=_("grid"), order_by=("grid__name",))
    fee_fen = YuanColumn(verbose_name=_("fees (yuan)"))
    change = ChangeColumn(accessor="records_change_pct", verbose_name=_("week on week"), orderable=False)
    rank_in_grid = tables.TemplateColumn("{{ record.rank_in_grid }}/{{ record.grid_agents }}", verbose_name=_("rank in grid"))
    rank_in_county = tables.TemplateColumn(
        "{{ record.rank_in_county|default:'—' }}/{{ record.county_agents|default:'—' }}", verbose_name=_("rank in county"),
    )
    attainment_pct = tables.Column(verbose_name=_("attainment (%)"))

    class Meta:
        model = BulletinLine
        fields = ("week", "agent", "grid", "records", "prev_records", "change", "effective", "fee_fen",
                  "rank_in_grid", "rank_in_county", "week_target", "attainment_pct")
        attrs = {"class": "table table-vcenter card-table text-nowrap", "data-testid": "line-table"}


class FollowUpTable(tables.Table):
    """Only its pagination and rows are used by the (card-based, mobile) list template."""

    agent = tables.Column(accessor="agent__name", verbose_name=_("agent"))

    class Meta:
        model = FollowUp
        fields = ("flagged_on", "agent", "kind", "level", "assignee", "due_on", "status")


class WebhookTable(tables.Table):
    name = tables.Column(linkify=True)
    node = tables.Column(accessor="node__name", verbose_name=_("territory node"))
    url = tables.Column(accessor="url_masked", verbose_name=_("webhook URL"), orderable=False)

    class Meta:
        model = WebhookEndpoint
        fields = ("name", "kind", "node", "url", "is_active")
