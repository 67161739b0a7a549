import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from qudao.incentives.models import Statement
from qudao.ui.columns import YuanColumn

from .models import StatementDispute


class StatementTable(tables.Table):
    period = tables.Column(accessor="run__period", verbose_name=_("period"), order_by=("run__period",),
                           linkify=("statements:statement_detail", {"pk": tables.A("pk")}))
    agent = tables.Column(accessor="agent__name", verbose_name=_("agent"), order_by=("agent__name",))
    total_fen = YuanColumn(verbose_name=_("total (yuan)"))
    held_fen = YuanColumn(verbose_name=_("held (yuan)"))
    payable_fen = YuanColumn(verbose_name=_("payable (yuan)"))

    class Meta:
        model = Statement
        fields = ("period", "agent", "status", "line_count", "total_fen", "held_fen", "payable_fen", "sent_at",
                  "viewed_at", "confirmed_at")
        attrs = {"class": "table table-vcenter card-table", "data-testid": "statement-table"}

    def render_period(self, value):
        return f"{value:%Y-%m}"


class DisputeTable(tables.Table):
    raised_at = tables.Column(linkify=True, verbose_name=_("raised at"))
    agent = tables.Column(accessor="statement__agent__name", verbose_name=_("agent"), order_by=("statement__agent__name",))
    period = tables.Column(accessor="statement__run__period", verbose_name=_("period"))
    line = tables.Column(accessor="line_record", verbose_name=_("record"), default="—")
    adjustment_fen = YuanColumn(verbose_name=_("adjustment (yuan)"))

    class Meta:
        model = StatementDispute
        fields = ("raised_at", "agent", "period", "line", "comment", "status", "answered_at", "adjustment_fen")
        attrs = {"class": "table table-vcenter card-table", "data-testid": "dispute-table"}

    def render_period(self, value):
        return f"{value:%Y-%m}"
