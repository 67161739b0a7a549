import django_tables2 as tables
from django.utils.translation import gettext_lazy as _
from django_tables2.data import TableData

from qudao.ui.columns import YuanColumn

from .choices import RuleKind
from .models import SchemeVersion, SettlementRun, Statement

ATTRS = {"class": "table table-vcenter card-table"}


def kind_label(value: str) -> str:
    return RuleKind(value).label if value in RuleKind.values else value


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


class LineTableData(TableData):
    """A LineQuery as table data: counted and sliced in DuckDB, never loaded whole or re-ordered."""

    def __len__(self) -> int:
        return self.data.count()

    def order_by(self, aliases) -> None:
        pass

    @property
    def verbose_name(self):
        return _("settlement line")

    @property
    def verbose_name_plural(self):
        return _("settlement lines")


class SettlementLineTable(tables.Table):
    external_id = tables.Column(verbose_name=_("record id"), linkify=lambda record: record.get_absolute_url(), default="—")
    agent = tables.Column(accessor="agent__name", verbose_name=_("agent"), default="—")
    outlet = tables.Column(accessor="outlet__code", verbose_name=_("outlet"), default="—")
    product = tables.Column(accessor="product__code", verbose_name=_("product"), default="—")
    rule_key = tables.Column(verbose_name=_("rule"))
    rule_kind = tables.Column(verbose_name=_("rule kind"))
    amount_fen = YuanColumn(verbose_name=_("amount (yuan)"))
    held = tables.BooleanColumn(verbose_name=_("held"))

    def render_rule_kind(self, value):
        return kind_label(value)
    explanation = tables.Column(verbose_name=_("explanation"))

    def __init__(self, data, **kwargs):
        super().__init__(data=LineTableData(data), **kwargs)

    class Meta:
        orderable = False
        attrs = {**ATTRS, "data-testid": "line-table"}


class StatementItemTable(tables.Table):
    rule_key = tables.Column(verbose_name=_("rule"))
    rule_kind = tables.Column(verbose_name=_("rule kind"))

    def render_rule_kind(self, value):
        return kind_label(value)
    version = tables.Column(accessor="version__scheme__code", verbose_name=_("scheme"),
                            linkify=lambda record: record.version.get_absolute_url())
    line_count = tables.Column(verbose_name=_("lines"))
    amount_fen = YuanColumn(verbose_name=_("amount (yuan)"))
    held_fen = YuanColumn(verbose_name=_("held (yuan)"))

    class Meta:
        orderable = False
        attrs = {**ATTRS, "data-testid": "item-table"}


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
