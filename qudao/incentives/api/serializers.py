from rest_framework import serializers

from qudao.api.fields import EnumChoiceField, YuanField
from qudao.incentives.choices import RunStatus, StatementStatus, VersionStatus
from qudao.incentives.models import SchemeVersion, SettlementRun, Statement
from qudao.territory.models import TerritoryNode


def _code_of() -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(slug_field="code", read_only=True)


class SchemeVersionSerializer(serializers.ModelSerializer):
    scheme = serializers.CharField(source="scheme.code", read_only=True)
    scheme_name = serializers.CharField(source="scheme.name", read_only=True)
    status = EnumChoiceField(VersionStatus, read_only=True)
    submitted_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    approved_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = SchemeVersion
        fields = ["id", "scheme", "scheme_name", "number", "effective_from", "effective_to", "channel_types", "rules",
                  "status", "submitted_by", "submitted_at", "approved_by", "approved_at"]
        read_only_fields = fields


class DocumentSerializer(serializers.Serializer):
    document = serializers.CharField(help_text="The scheme version as JSON or YAML (docs/apps/incentives.md).")


class VersionReviewSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class SettlementRunSerializer(serializers.ModelSerializer):
    scope = _code_of()
    status = EnumChoiceField(RunStatus, read_only=True)
    total = YuanField(source="total_fen", read_only=True)
    held = YuanField(source="held_fen", read_only=True)

    class Meta:
        model = SettlementRun
        fields = ["id", "period", "scope", "status", "progress", "stage", "message", "snapshot_sha256",
                  "result_digest", "record_count", "line_count", "statement_count", "total", "held", "started_at",
                  "finished_at"]
        read_only_fields = fields


class StartRunSerializer(serializers.Serializer):
    period = serializers.DateField()
    scope = serializers.SlugRelatedField(slug_field="code", queryset=TerritoryNode.objects.all(), required=False,
                                         allow_null=True, default=None)


class SettlementLineSerializer(serializers.Serializer):
    """A line of a run's lines file; `number` is its row in that file (with the run, its identity)."""

    run = serializers.IntegerField(source="run_id")
    number = serializers.IntegerField()
    agent = serializers.CharField(source="agent.code", default=None)
    outlet = serializers.CharField(source="outlet.code", default=None)
    product = serializers.CharField(source="product.code", default=None)
    external_id = serializers.CharField()
    version = serializers.IntegerField(source="version_id")
    rule_key = serializers.CharField()
    rule_kind = serializers.CharField()
    amount = YuanField(source="amount_fen", read_only=True)
    amount_fen = serializers.IntegerField()
    held = serializers.BooleanField()
    explanation = serializers.CharField()


class LineFilterSerializer(serializers.Serializer):
    agent = serializers.CharField(required=False, allow_blank=True, max_length=40, help_text="agent code")
    rule = serializers.CharField(required=False, allow_blank=True, max_length=60, help_text="rule key prefix")
    held = serializers.BooleanField(required=False, allow_null=True, default=None)
    record = serializers.CharField(required=False, allow_blank=True, max_length=64, help_text="record id")


class StatementSerializer(serializers.ModelSerializer):
    agent = _code_of()
    period = serializers.DateField(source="run.period", read_only=True)
    status = EnumChoiceField(StatementStatus, read_only=True)
    total = YuanField(source="total_fen", read_only=True)
    held = YuanField(source="held_fen", read_only=True)
    payable = YuanField(source="payable_fen", read_only=True)

    class Meta:
        model = Statement
        fields = ["id", "run", "agent", "period", "status", "line_count", "total", "held", "payable", "total_fen",
                  "held_fen", "payable_fen", "sent_at", "viewed_at", "confirmed_at"]
        read_only_fields = fields
