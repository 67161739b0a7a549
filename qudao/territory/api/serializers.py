from django.utils.translation import gettext as _
from rest_framework import serializers

from qudao.api.fields import ScopedSlugRelatedField
from qudao.territory.models import StaffAssignment, TerritoryNode
from qudao.territory.selectors import nodes_within_reach
from qudao.territory.services import node_create, node_update


def _parent_field(**kwargs) -> ScopedSlugRelatedField:
    # Writers hang nodes only under nodes they act on, not under the ancestors they merely see.
    return ScopedSlugRelatedField(TerritoryNode, scope=nodes_within_reach, **kwargs)


class TerritoryNodeSerializer(serializers.ModelSerializer):
    """Creates a node (code, name, kind, parent by code); everything else is read-only."""

    parent = _parent_field(allow_null=True, required=False)

    class Meta:
        model = TerritoryNode
        fields = ["id", "code", "name", "kind", "parent", "is_active", "retired_on", "created_at", "updated_at"]
        read_only_fields = ["id", "is_active", "retired_on", "created_at", "updated_at"]

    def validate_parent(self, parent: TerritoryNode | None) -> TerritoryNode | None:
        # A new root would be a tree outside everyone's reach but the superusers'.
        if parent is None and not self.context["request"].user.is_superuser:
            raise serializers.ValidationError(_("Choose a parent node within your reach."))
        return parent

    def create(self, validated_data) -> TerritoryNode:
        return node_create(
            code=validated_data["code"], name=validated_data["name"], kind=validated_data["kind"],
            parent=validated_data.get("parent"), by=self.context["request"].user,
        )


class TerritoryNodeRenameSerializer(TerritoryNodeSerializer):
    """Only the name changes in place; the tree changes through `move` and `retire`."""

    # Declared fields ignore Meta.read_only_fields, so the parent is redeclared read-only.
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta(TerritoryNodeSerializer.Meta):
        read_only_fields = [field for field in TerritoryNodeSerializer.Meta.fields if field != "name"]

    def update(self, instance: TerritoryNode, validated_data) -> TerritoryNode:
        return node_update(
            node=instance, name=validated_data.get("name", instance.name), by=self.context["request"].user,
        )


class NodeMoveSerializer(serializers.Serializer):
    parent = _parent_field()


class StaffAssignmentSerializer(serializers.ModelSerializer):
    user = serializers.SlugRelatedField(slug_field="username", read_only=True)
    node = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = StaffAssignment
        fields = ["id", "user", "node", "created_at"]
        read_only_fields = fields
