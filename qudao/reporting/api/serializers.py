"""Dashboard data as JSON: explicit fields so the OpenAPI document says exactly what comes back.

Money is integer fen (as in the database); targets and pro-rated targets are decimal strings.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from qudao.sales.choices import ProductCategory
from qudao.territory.choices import NodeKind

from ..choices import PeriodKind
from ..figures import Totals


class PeriodQuerySerializer(serializers.Serializer):
    period = serializers.ChoiceField(choices=PeriodKind.choices, required=False, default=PeriodKind.MONTH)
    as_of = serializers.DateField(required=False, help_text=_("YYYY-MM-DD; today if omitted."))
    category = serializers.ChoiceField(choices=ProductCategory.choices, required=False, allow_blank=True, default="")


class PeriodSerializer(serializers.Serializer):
    kind = serializers.CharField()
    first = serializers.DateField()
    last = serializers.DateField()
    as_of = serializers.DateField()
    until = serializers.DateField(help_text=_("Last day with actuals: the period's end or as_of."))


class TotalsSerializer(serializers.Serializer):
    records = serializers.IntegerField()
    fee_fen = serializers.IntegerField()
    effective = serializers.IntegerField()
    effective_fee_fen = serializers.IntegerField()
    effective_rate = serializers.DecimalField(max_digits=6, decimal_places=1, allow_null=True, help_text=_("percent"))


class ProgressSerializer(serializers.Serializer):
    actual = serializers.IntegerField()
    target = serializers.DecimalField(source="target.full", max_digits=18, decimal_places=2, allow_null=True, default=None)
    prorated_target = serializers.DecimalField(
        source="target.to_date", max_digits=18, decimal_places=2, allow_null=True, default=None,
        help_text=_("Where the target says we should be on as_of (working days elapsed)."),
    )
    attainment = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True, help_text=_("percent of target"))
    pace = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True, help_text=_("percent of pro-rated target"))


class SummarySerializer(serializers.Serializer):
    title = serializers.CharField(source="subject.title")
    node = serializers.IntegerField(source="subject.node.pk", allow_null=True, default=None)
    period = PeriodSerializer()
    category = serializers.CharField()
    totals = TotalsSerializer()
    development = ProgressSerializer(help_text=_("Development count against its target"))
    revenue = ProgressSerializer(help_text=_("Revenue (fen) against its target"))
    last_month = TotalsSerializer(help_text=_("The same days last month"))
    last_year = TotalsSerializer(help_text=_("The same days last year"))


class RankingRowSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField(help_text=_("a node kind, or 'outlet'"))
    totals = TotalsSerializer()
    development = ProgressSerializer()
    revenue = ProgressSerializer()


class SeriesSerializer(serializers.Serializer):
    days = serializers.ListField(child=serializers.DateField())
    records = serializers.ListField(child=serializers.IntegerField(allow_null=True))
    revenue_yuan = serializers.ListField(child=serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True))
    effective_rate = serializers.ListField(child=serializers.DecimalField(max_digits=6, decimal_places=1, allow_null=True))
    records_last_month = serializers.ListField(child=serializers.IntegerField())
    records_last_year = serializers.ListField(child=serializers.IntegerField())
    revenue_yuan_last_month = serializers.ListField(child=serializers.DecimalField(max_digits=18, decimal_places=2))
    revenue_yuan_last_year = serializers.ListField(child=serializers.DecimalField(max_digits=18, decimal_places=2))


class NodeProgressSerializer(serializers.Serializer):
    """A node with its figures for the period (list of /reporting/nodes/)."""

    id = serializers.IntegerField(source="pk")
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=NodeKind.choices)
    parent = serializers.IntegerField(source="parent_id", allow_null=True)
    records = serializers.SerializerMethodField()
    fee_fen = serializers.SerializerMethodField()
    effective = serializers.SerializerMethodField()
    effective_fee_fen = serializers.SerializerMethodField()
    records_target = serializers.SerializerMethodField()
    revenue_target = serializers.SerializerMethodField()

    def _figures(self, node) -> Totals:
        return self.context.get("figures", {}).get(node.pk, Totals())

    def get_records(self, node) -> int:
        return self._figures(node).records

    def get_fee_fen(self, node) -> int:
        return self._figures(node).fee_fen

    def get_effective(self, node) -> int:
        return self._figures(node).effective

    def get_effective_fee_fen(self, node) -> int:
        return self._figures(node).effective_fee_fen

    def _target(self, node, metric):
        target = self.context.get("targets", {}).get(metric, {}).get(node.pk)
        return None if target is None else str(target.full)

    def get_records_target(self, node) -> str | None:
        return self._target(node, "records")

    def get_revenue_target(self, node) -> str | None:
        return self._target(node, "revenue_fen")
