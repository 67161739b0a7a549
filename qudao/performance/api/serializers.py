from django.utils.translation import gettext_lazy
from rest_framework import serializers

from qudao.api.fields import EnumChoiceField, YuanField
from qudao.performance.choices import (
    BulletinStatus,
    FollowUpKind,
    FollowUpLevel,
    LagReason,
    WebhookKind,
)
from qudao.performance.models import Bulletin, BulletinLine, FollowUp, WebhookEndpoint


def _code_of() -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(slug_field="code", read_only=True)


class BulletinSerializer(serializers.ModelSerializer):
    status = EnumChoiceField(BulletinStatus, read_only=True)
    fees = YuanField(source="fee_fen", read_only=True)

    class Meta:
        model = Bulletin
        fields = ["id", "week_start", "week_end", "status", "agents", "records", "effective", "fees",
                  "generated_at", "published_at"]
        read_only_fields = fields


class BulletinLineSerializer(serializers.ModelSerializer):
    week_start = serializers.DateField(source="bulletin.week_start", read_only=True)
    agent = _code_of()
    agent_name = serializers.CharField(source="agent.name", read_only=True)
    grid = _code_of()
    county = _code_of()
    fees = YuanField(source="fee_fen", read_only=True)
    effective_fees = YuanField(source="effective_fee_fen", read_only=True)
    prev_fees = YuanField(source="prev_fee_fen", read_only=True)
    records_change = serializers.IntegerField(read_only=True)
    records_change_pct = serializers.DecimalField(
        max_digits=9, decimal_places=1, read_only=True, allow_null=True,
        help_text=gettext_lazy("Week on week, percent; null when the previous week had nothing."),
    )

    class Meta:
        model = BulletinLine
        fields = [
            "id", "bulletin", "week_start", "agent", "agent_name", "grid", "county", "records", "fees",
            "effective", "effective_fees", "prev_records", "prev_fees", "prev_effective", "records_change",
            "records_change_pct", "rank_in_grid", "grid_agents", "rank_in_county", "county_agents",
            "week_target", "attainment_pct",
        ]
        read_only_fields = fields


class FollowUpSerializer(serializers.ModelSerializer):
    agent = _code_of()
    agent_name = serializers.CharField(source="agent.name", read_only=True)
    grid = _code_of()
    assignee = serializers.SlugRelatedField(slug_field="username", read_only=True)
    level = EnumChoiceField(FollowUpLevel, read_only=True)
    kind = EnumChoiceField(FollowUpKind, read_only=True)
    lag_reason = EnumChoiceField(LagReason, read_only=True, help_text=gettext_lazy("Blank until an outcome is recorded."))
    done_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = FollowUp
        fields = [
            "id", "agent", "agent_name", "grid", "assignee", "level", "kind", "flagged_on", "as_of", "reason",
            "figures", "due_on", "status", "reached", "lag_reason", "promised_action", "note", "done_at",
            "done_by", "escalated_from", "created_at",
        ]
        read_only_fields = fields


class OutcomeSerializer(serializers.Serializer):
    reached = serializers.BooleanField(help_text=gettext_lazy("Whether the agent was reached."))
    lag_reason = EnumChoiceField(LagReason, required=False, allow_blank=True, default="")
    promised_action = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class WebhookEndpointSerializer(serializers.ModelSerializer):
    """The address is shown masked and the signing secret never: both are credentials."""

    kind = EnumChoiceField(WebhookKind, read_only=True)
    node = _code_of()
    url_masked = serializers.CharField(read_only=True)
    has_secret = serializers.SerializerMethodField()

    class Meta:
        model = WebhookEndpoint
        fields = ["id", "name", "kind", "node", "url_masked", "has_secret", "is_active", "created_at", "updated_at"]
        read_only_fields = fields

    def get_has_secret(self, obj) -> bool:
        return bool(obj.secret)
