from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action

from qudao.accounts.api.serializers import UserSerializer
from qudao.accounts.filtersets import UserFilterSet
from qudao.accounts.permissions import can_admin_org
from qudao.api.viewsets import ScopedCreateUpdateViewSet, ScopedReadOnlyViewSet
from qudao.territory.filtersets import StaffAssignmentFilterSet, TerritoryNodeFilterSet
from qudao.territory.selectors import (
    node_in_reach,
    nodes_visible_to,
    staff_assignments_visible_to,
    users_visible_to,
)
from qudao.territory.services import node_move, node_retire

from .serializers import (
    NodeMoveSerializer,
    StaffAssignmentSerializer,
    TerritoryNodeRenameSerializer,
    TerritoryNodeSerializer,
)


class TerritoryNodeViewSet(ScopedCreateUpdateViewSet):
    """The territory tree: users see their subtrees and the ancestors above them; org admins
    change only the nodes under their own assignments."""

    scope = nodes_visible_to
    select_related = ("parent",)
    filterset_class = TerritoryNodeFilterSet
    serializer_class = TerritoryNodeSerializer
    action_serializers = {"partial_update": TerritoryNodeRenameSerializer}
    write_permission = can_admin_org
    object_write_permission = node_in_reach
    http_method_names = ["get", "post", "patch", "head", "options"]

    @extend_schema(request=NodeMoveSerializer, responses=TerritoryNodeSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        node = self.get_object()
        new_parent = self.validated_input(NodeMoveSerializer)["parent"]
        return self.respond_with(node_move(node=node, new_parent=new_parent, by=request.user))

    @extend_schema(request=None, responses=TerritoryNodeSerializer)
    @action(detail=True, methods=["post"])
    def retire(self, request, pk=None):
        return self.respond_with(node_retire(node=self.get_object(), by=request.user))


class StaffAssignmentViewSet(ScopedReadOnlyViewSet):
    scope = staff_assignments_visible_to
    filterset_class = StaffAssignmentFilterSet
    serializer_class = StaffAssignmentSerializer


class UserViewSet(ScopedReadOnlyViewSet):
    """The staff directory; served here because `users_visible_to` is a territory question."""

    scope = users_visible_to
    select_related = ("reports_to",)
    filterset_class = UserFilterSet
    serializer_class = UserSerializer
