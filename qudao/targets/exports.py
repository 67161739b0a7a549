"""Target export in the columns of the import template (see qudao.core.exporting)."""

from qudao.core.exporting import ITERATOR_CHUNK, export_table
from qudao.core.money import to_yuan

from .choices import Metric
from .importers import TargetImporter

_FIELDS = ("node__code", "outlet__code", "period_kind", "period_start", "metric", "category", "value")


def target_table(queryset):
    """Revenue targets in yuan, counts as whole numbers, exactly as the import reads them back."""
    records = (
        _record(values)
        for values in queryset.order_by("period_start", "metric", "category", "node__path", "outlet__code")
        .values_list(*_FIELDS).iterator(chunk_size=ITERATOR_CHUNK)
    )
    return export_table(TargetImporter.columns, records)


def _record(values: tuple) -> list:
    node_code, outlet_code, period_kind, period_start, metric, category, value = values
    amount = to_yuan(value) if metric == Metric.REVENUE_FEN else value
    return [node_code or outlet_code, (period_kind, period_start), metric, category, amount]
