import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from qudao.ui.columns import YuanColumn

from .masking import mask_number
from .models import DevelopmentRecord, EffectiveRule, ImportBatch, Product


class ProductTable(tables.Table):
    code = tables.Column(linkify=True)
    monthly_fee_fen = YuanColumn(verbose_name=_("monthly fee (yuan)"))
    premium_fen = YuanColumn(verbose_name=_("premium (yuan)"))

    class Meta:
        model = Product
        fields = ("code", "name", "category", "monthly_fee_fen", "premium_fen", "term_months", "is_renewable",
                  "active_from", "active_to")


class RecordTable(tables.Table):
    external_id = tables.Column(linkify=True)
    sold_at = tables.DateTimeColumn(format="Y-m-d H:i")
    outlet = tables.Column(accessor="outlet__code", verbose_name=_("outlet"), order_by=("outlet__code",))
    agent = tables.Column(accessor="agent__name", verbose_name=_("agent"), order_by=("agent__name",))
    grid = tables.Column(accessor="grid__name", verbose_name=_("grid"), order_by=("grid__name",))
    product = tables.Column(accessor="product__name", verbose_name=_("product"), order_by=("product__name",))
    subscriber_no = tables.Column(orderable=False)
    fee_fen = YuanColumn(verbose_name=_("fee (yuan)"))
    is_effective = tables.BooleanColumn()

    class Meta:
        model = DevelopmentRecord
        fields = ("external_id", "sold_at", "outlet", "agent", "grid", "product", "subscriber_no", "fee_fen",
                  "status", "is_effective")

    def render_subscriber_no(self, value):
        return mask_number(value)


class ImportBatchTable(tables.Table):
    id = tables.Column(linkify=True, verbose_name="#")
    created_by = tables.Column(verbose_name=_("uploaded by"))

    class Meta:
        model = ImportBatch
        fields = ("id", "kind", "filename", "status", "rows_total", "rows_inserted", "rows_replaced",
                  "rows_rejected", "dry_run", "created_by", "created_at")

    def render_status(self, record, value):
        css = {"done": "bg-green-lt", "rejected": "bg-red-lt", "failed": "bg-red-lt"}.get(record.status, "bg-blue-lt")
        return format_html('<span class="badge {}">{}</span>', css, value)


class EffectiveRuleTable(tables.Table):
    valid_from = tables.Column(linkify=True)

    class Meta:
        model = EffectiveRule
        fields = ("valid_from", "require_activation", "require_payment", "within_days", "note", "updated_at")
