import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from qudao.ui.columns import YuanColumn

from .models import SchemeVersion, SettlementLine, SettlementRun, Statement

ATTRS = {"class": "table table-vcenter card-table"}


class SchemeVersionTable(tables.Table):
    scheme = tables.Column(accessor="scheme__name", verbose_name=_("scheme"), linkify=lambda record: record.get_absolute_url())
    code = tables.Column(accessor="scheme__code", verbose_name=_("scheme code"))

    class Meta:
        model = SchemeVersion
        fields = ("scheme", "code", "number", "effective_from", "effective_to", "status", "submitted_by", "approved_by")
        attrs = {**ATTRS, "data-testid": "version-table"}


class SettlementRunTable(tables.Table):
    period = tables.DateColumn("Y-m", linkify=True)
    scope = tables.Column(default=_("whole company"))
    total_fen = YuanColumn(verbose_name=_("total (yuan)"))
    held_fen = YuanColumn(verbose_name=_("held (yuan)"))

    class Meta:
        model = SettlementRun
        fields = ("period", "scope", "status", "progress", "line_count", "statement_count", "total_fen", "held_fen",
                  "finished_at")
        attrs = {**ATTRS, "data-testid": "run-table"}


class SettlementLineTable(tables.Table):
    external_id = tables.Column(linkify=lambda record: record.get_absolute_url(), default="—")
    agent = tables.Column(accessor="agent__name", verbose_name=_("agent"), order_by=("agent__name",))
    outlet = tables.Column(accessor="outlet__code", verbose_name=_("outlet"), default="—")
    product = tables.Column(accessor="product__code", verbose_name=_("product"), default="—")
    amount_fen = YuanColumn(verbose_name=_("amount (yuan)"))

    class Meta:
        model = SettlementLine
        fields = ("external_id", "agent", "outlet", "product", "rule_key", "rule_kind", "amount_fen", "held",
                  "explanation")
        attrs = {**ATTRS, "data-testid": "line-table"}


class StatementTable(tables.Table):
    agent = tables.Column(accessor="agent__name", verbose_name=_("agent"), order_by=("agent__name",),
                          linkify=lambda record: record.get_absolute_url())
    period = tables.DateColumn("Y-m", accessor="run__period", verbose_name=_("period"))
    total_fen = YuanColumn(verbose_name=_("total (yuan)"))
    held_fen = YuanColumn(verbose_name=_("held (yuan)"))
    payable_fen = YuanColumn(verbose_name=_("payable (yuan)"))

    class Meta:
        model = Statement
        fields = ("agent", "period", "status", "line_count", "total_fen", "held_fen", "payable_fen", "sent_at")
        attrs = {**ATTRS, "data-testid": "statement-table"}
