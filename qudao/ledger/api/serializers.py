from django.utils.translation import gettext_lazy
from rest_framework import serializers

from qudao.api.fields import EnumChoiceField, YuanField
from qudao.channels.models import Agent
from qudao.ledger.choices import EntryKind, PenaltyStatus
from qudao.ledger.models import LedgerEntry, Penalty


def _code_of() -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(slug_field="code", read_only=True)


class LedgerEntrySerializer(serializers.ModelSerializer):
    agent = _code_of()
    kind = EnumChoiceField(EntryKind, read_only=True)
    amount = YuanField(source="amount_fen", read_only=True,
                       help_text=gettext_lazy("Signed yuan: credit to the agent is positive."))
    posted_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = LedgerEntry
        fields = ["id", "agent", "kind", "amount", "period", "effective_on", "source", "memo", "posted_at",
                  "posted_by"]
        read_only_fields = fields


class AccountSerializer(serializers.ModelSerializer):
    balance = YuanField(source="balance_fen", read_only=True, help_text=gettext_lazy("All entries, today."))

    class Meta:
        model = Agent
        fields = ["id", "code", "name", "balance"]
        read_only_fields = fields


class BalanceQuerySerializer(serializers.Serializer):
    on = serializers.DateField(required=False, help_text=gettext_lazy("Default: today."))


class BalanceSerializer(serializers.Serializer):
    agent = serializers.CharField()
    on = serializers.DateField()
    balance = serializers.DecimalField(max_digits=16, decimal_places=2)


class PenaltySerializer(serializers.ModelSerializer):
    agent = _code_of()
    outlet = _code_of()
    amount = YuanField(source="amount_fen", read_only=True)
    status = EnumChoiceField(PenaltyStatus, read_only=True)
    proposed_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    approved_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Penalty
        fields = ["id", "agent", "outlet", "amount", "reason", "source", "status", "proposed_by", "proposed_at",
                  "approved_by", "decided_at", "entry"]
        read_only_fields = fields


class PenaltyDecisionSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")
