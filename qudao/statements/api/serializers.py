from rest_framework import serializers

from qudao.api.fields import YuanField
from qudao.incentives.models import Statement

from ..models import StatementDispute


class StatementReviewSerializer(serializers.ModelSerializer):
    period = serializers.DateField(source="run.period", read_only=True)
    agent_code = serializers.CharField(source="agent.code", read_only=True)
    total = YuanField(source="total_fen", read_only=True)
    held = YuanField(source="held_fen", read_only=True)
    payable = YuanField(source="payable_fen", read_only=True)

    class Meta:
        model = Statement
        fields = ["id", "period", "agent_code", "status", "line_count", "total", "held", "payable", "sent_at",
                  "viewed_at", "confirmed_at"]


class DisputeSerializer(serializers.ModelSerializer):
    adjustment = YuanField(source="adjustment_fen", read_only=True, allow_null=True)

    class Meta:
        model = StatementDispute
        fields = ["id", "statement", "line_number", "line_record", "line_rule", "line_amount_fen", "comment", "raised_at", "status", "answer", "answered_at", "adjustment"]


class ConfirmInput(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")


class DisputeInput(serializers.Serializer):
    comment = serializers.CharField(max_length=2000)
    lines = serializers.ListField(child=serializers.IntegerField(min_value=0), required=False, default=list,
                                  help_text="Line numbers (the `number` of the statement's lines); empty: the whole statement.")


class AnswerInput(serializers.Serializer):
    accept = serializers.BooleanField()
    answer = serializers.CharField(max_length=2000)
    adjustment = serializers.CharField(required=False, allow_blank=True, max_length=20,
                                       help_text="Signed yuan as a decimal string, e.g. \"-12.50\"; required to accept.")
