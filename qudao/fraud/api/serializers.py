from rest_framework import serializers

from qudao.api.fields import EnumChoiceField
from qudao.fraud.choices import FactsSource, FlagStatus, RuleKind, RunStage, RunStatus
from qudao.fraud.models import FraudFlag, FraudRule, OutletRisk, ScreeningRun
from qudao.fraud.rules import current_params
from qudao.fraud.services import fraud_rule_update


def _code_of() -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(slug_field="code", read_only=True)


class ScreeningRunSerializer(serializers.ModelSerializer):
    status = EnumChoiceField(RunStatus, read_only=True)
    stage = EnumChoiceField(RunStage, read_only=True)
    source = EnumChoiceField(FactsSource, read_only=True)
    started_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = ScreeningRun
        fields = ["id", "period", "as_of", "status", "stage", "progress", "source", "records", "flags",
                  "flagged_records", "outlets", "kept_reviews", "rules", "timings", "message", "started_by",
                  "created_at", "started_at", "finished_at"]
        read_only_fields = fields


class FraudFlagSerializer(serializers.ModelSerializer):
    outlet = _code_of()
    agent = _code_of()
    rule = EnumChoiceField(RuleKind, read_only=True)
    status = EnumChoiceField(FlagStatus, read_only=True)
    reviewed_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = FraudFlag
        fields = ["id", "period", "external_id", "sold_on", "outlet", "agent", "rule", "score", "detail", "status",
                  "reviewed_by", "reviewed_at", "review_comment", "penalty", "run"]
        read_only_fields = fields


class OutletRiskSerializer(serializers.ModelSerializer):
    outlet = _code_of()

    class Meta:
        model = OutletRisk
        fields = ["id", "period", "outlet", "score", "records", "flagged", "run"]
        read_only_fields = fields


class ReviewSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class ReviewResultSerializer(serializers.Serializer):
    cleared = serializers.IntegerField(required=False)
    penalties = serializers.ListField(child=serializers.IntegerField(), required=False)


class FraudRuleSerializer(serializers.ModelSerializer):
    """`params` reads as the parameters in force (defaults filled in); a write names any of them."""

    kind = EnumChoiceField(RuleKind, read_only=True)
    weight = serializers.FloatField(min_value=0, max_value=100)
    params = serializers.DictField(child=serializers.JSONField(), required=False)
    updated_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = FraudRule
        fields = ["id", "kind", "enabled", "weight", "params", "updated_at", "updated_by"]
        read_only_fields = ["id", "kind", "updated_at", "updated_by"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["params"] = current_params(instance.kind, instance.params)
        return data

    def update(self, instance, validated_data) -> FraudRule:
        params = {**current_params(instance.kind, instance.params), **validated_data.get("params", {})}
        return fraud_rule_update(rule=instance, enabled=validated_data.get("enabled", instance.enabled),
                                 weight=validated_data.get("weight", instance.weight), params=params,
                                 by=self.context["request"].user)
