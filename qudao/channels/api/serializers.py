from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from qudao.api.fields import EnumChoiceField, ScopedSlugRelatedField, YuanField
from qudao.channels.choices import ChannelType, RequestKind
from qudao.channels.models import Agent, Outlet, OutletAssignment, OutletRequest
from qudao.channels.selectors import agents_visible_to, outlets_visible_to
from qudao.channels.services import (
    agent_create,
    agent_update,
    outlet_apply,
    outlet_request_create,
    outlet_update,
)
from qudao.territory.models import TerritoryNode
from qudao.territory.selectors import grids_within_reach, nodes_within_reach, users_visible_to


def _code_of(**kwargs) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(slug_field="code", read_only=True, **kwargs)


def _username_of() -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(slug_field="username", read_only=True)


def _request_user(serializer: serializers.Serializer):
    return serializer.context["request"].user


# --- agents -----------------------------------------------------------------------------------

class AgentSerializer(serializers.ModelSerializer):
    """Bank account and ID number are write-only; responses carry only their masked forms."""

    channel_type = EnumChoiceField(ChannelType)
    territory = ScopedSlugRelatedField(TerritoryNode, scope=nodes_within_reach)
    manager = ScopedSlugRelatedField(
        get_user_model(), scope=users_visible_to, slug_field="username", required=False, allow_null=True,
    )
    deposit = YuanField(source="deposit_fen", min_value=0, required=False, help_text=gettext_lazy("Yuan, e.g. \"5000.00\"."))
    bank_account_masked = serializers.CharField(read_only=True)
    legal_rep_id_masked = serializers.CharField(read_only=True)

    class Meta:
        model = Agent
        fields = [
            "id", "code", "name", "credit_code", "channel_type", "territory", "legal_representative",
            "legal_rep_id_number", "legal_rep_id_masked", "contact_name", "contact_phone", "address",
            "contract_no", "contract_start", "contract_end", "deposit", "bank_name", "bank_account",
            "bank_account_masked", "grade", "manager", "status", "created_at", "updated_at",
        ]
        read_only_fields = ["id", "status", "created_at", "updated_at"]
        extra_kwargs = {"bank_account": {"write_only": True}, "legal_rep_id_number": {"write_only": True}}

    def create(self, validated_data) -> Agent:
        data = dict(validated_data)
        code, territory = data.pop("code"), data.pop("territory")
        return agent_create(code=code, territory=territory, data=data, by=_request_user(self))


class AgentUpdateSerializer(AgentSerializer):
    """Code and registered territory are fixed once the agent exists."""

    # Declared fields ignore Meta.read_only_fields, so the territory is redeclared read-only.
    territory = _code_of()

    class Meta(AgentSerializer.Meta):
        read_only_fields = [*AgentSerializer.Meta.read_only_fields, "code"]

    def update(self, instance: Agent, validated_data) -> Agent:
        return agent_update(agent=instance, data=validated_data, by=_request_user(self))


# --- outlets ----------------------------------------------------------------------------------

class OutletSerializer(serializers.ModelSerializer):
    """Only descriptive fields change here; agent, grid and status change through requests."""

    outlet_type = EnumChoiceField(ChannelType)
    grid = _code_of()
    agent = _code_of()
    merged_into = _code_of()

    class Meta:
        model = Outlet
        fields = [
            "id", "code", "name", "address", "latitude", "longitude", "outlet_type", "grid", "agent",
            "opening_date", "closed_on", "status", "merged_into", "created_at", "updated_at",
        ]
        read_only_fields = [
            "id", "code", "grid", "agent", "opening_date", "closed_on", "status", "merged_into",
            "created_at", "updated_at",
        ]

    def update(self, instance: Outlet, validated_data) -> Outlet:
        return outlet_update(outlet=instance, data=validated_data, by=_request_user(self))


class OutletAssignmentSerializer(serializers.ModelSerializer):
    agent = _code_of()
    grid = _code_of()

    class Meta:
        model = OutletAssignment
        fields = ["valid_from", "valid_to", "agent", "grid", "reason"]
        read_only_fields = fields


class AsOfQuerySerializer(serializers.Serializer):
    date = serializers.DateField(required=False, help_text=gettext_lazy("YYYY-MM-DD; today if omitted."))


# --- requests ---------------------------------------------------------------------------------

class NewOutletSerializer(serializers.ModelSerializer):
    """The outlet an opening request applies for (the fields of `outlet_apply`)."""

    outlet_type = EnumChoiceField(ChannelType)
    grid = ScopedSlugRelatedField(TerritoryNode, scope=grids_within_reach)
    agent = ScopedSlugRelatedField(Agent, scope=agents_visible_to)

    class Meta:
        model = Outlet
        fields = ["code", "name", "grid", "agent", "outlet_type", "address", "latitude", "longitude"]


# Not "OutletRequest": that is the generated name of OutletSerializer's request body, and
# drf-spectacular strips a trailing "Request" when it matches enums to components.
@extend_schema_serializer(component_name="OutletRequestRecord")
class OutletRequestSerializer(serializers.ModelSerializer):
    """Submits a lifecycle request. Kind "open" describes the new outlet in `new_outlet` (its
    opening date is `effective_date`); every other kind names an existing `outlet`."""

    outlet = ScopedSlugRelatedField(Outlet, scope=outlets_visible_to, required=False)
    new_outlet = NewOutletSerializer(write_only=True, required=False)
    target_outlet = ScopedSlugRelatedField(Outlet, scope=outlets_visible_to, required=False, allow_null=True)
    new_agent = ScopedSlugRelatedField(Agent, scope=agents_visible_to, required=False, allow_null=True)
    new_grid = ScopedSlugRelatedField(TerritoryNode, scope=grids_within_reach, required=False, allow_null=True)
    requested_by = _username_of()
    decided_by = _username_of()

    class Meta:
        model = OutletRequest
        fields = [
            "id", "kind", "outlet", "new_outlet", "effective_date", "target_outlet", "new_agent", "new_grid",
            "reason", "status", "requested_by", "decided_by", "decided_at", "decision_note", "created_at",
        ]
        read_only_fields = ["id", "status", "requested_by", "decided_by", "decided_at", "decision_note", "created_at"]
        # The one-pending-request-per-outlet constraint is the service's check; the validator
        # DRF would derive from it would also make `outlet` required, which "open" must omit.
        validators = []

    def validate(self, attrs):
        if attrs["kind"] == RequestKind.OPEN:
            if "new_outlet" not in attrs:
                raise serializers.ValidationError({"new_outlet": _("An opening request describes the new outlet.")})
            if attrs.get("outlet") is not None:
                raise serializers.ValidationError({"outlet": _("An opening request creates its outlet; leave this empty.")})
        elif attrs.get("outlet") is None:
            raise serializers.ValidationError({"outlet": _("Name the outlet this request is about.")})
        return attrs

    def create(self, validated_data) -> OutletRequest:
        by = _request_user(self)
        if validated_data["kind"] == RequestKind.OPEN:
            return outlet_apply(
                **validated_data["new_outlet"], opening_date=validated_data["effective_date"],
                reason=validated_data.get("reason", ""), by=by,
            )
        return outlet_request_create(
            outlet=validated_data["outlet"], kind=validated_data["kind"],
            effective_date=validated_data["effective_date"], reason=validated_data.get("reason", ""),
            target_outlet=validated_data.get("target_outlet"), new_agent=validated_data.get("new_agent"),
            new_grid=validated_data.get("new_grid"), by=by,
        )


class DecisionSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class RejectionSerializer(serializers.Serializer):
    note = serializers.CharField(help_text=gettext_lazy("Why the request is rejected (required)."))
