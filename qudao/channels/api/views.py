from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from qudao.accounts.permissions import can_write_master_data
from qudao.api.viewsets import ScopedCreateUpdateViewSet, ScopedViewSetMixin
from qudao.channels.filtersets import AgentFilterSet, OutletFilterSet, OutletRequestFilterSet
from qudao.channels.selectors import (
    agents_visible_to,
    assignment_history,
    assignment_on,
    outlet_requests_visible_to,
    outlets_visible_to,
)
from qudao.channels.services import (
    outlet_request_approve,
    outlet_request_cancel,
    outlet_request_reject,
)

from .serializers import (
    AgentSerializer,
    AgentUpdateSerializer,
    AsOfQuerySerializer,
    DecisionSerializer,
    OutletAssignmentSerializer,
    OutletRequestSerializer,
    OutletSerializer,
    RejectionSerializer,
)


class AgentViewSet(ScopedCreateUpdateViewSet):
    scope = agents_visible_to
    filterset_class = AgentFilterSet
    serializer_class = AgentSerializer
    action_serializers = {"update": AgentUpdateSerializer, "partial_update": AgentUpdateSerializer}
    write_permission = can_write_master_data


class OutletViewSet(ScopedViewSetMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """No create or delete: new outlets are applied for through outlet requests."""

    scope = outlets_visible_to
    select_related = ("merged_into",)
    filterset_class = OutletFilterSet
    serializer_class = OutletSerializer
    write_permission = can_write_master_data

    @extend_schema(responses=OutletAssignmentSerializer(many=True))
    @action(detail=True, methods=["get"], url_path="assignments", filter_backends=[], pagination_class=None)
    def history(self, request, pk=None):
        """Which agent and grid the outlet belonged to, period by period (valid_to is exclusive)."""
        rows = assignment_history(self.get_object())
        return Response(OutletAssignmentSerializer(rows, many=True).data)

    @extend_schema(
        parameters=[OpenApiParameter("date", OpenApiTypes.DATE, description=gettext_lazy("YYYY-MM-DD; today if omitted."))],
        responses=OutletAssignmentSerializer,
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def owner(self, request, pk=None):
        """The agent and grid the outlet belonged to on `date` (404 before opening or after closing)."""
        outlet = self.get_object()
        query = AsOfQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        day = query.validated_data.get("date") or timezone.localdate()
        row = assignment_on(outlet, day)
        if row is None:
            raise NotFound(_("The outlet had no agent on %(date)s.") % {"date": day.isoformat()})
        return Response(OutletAssignmentSerializer(row).data)


class OutletRequestViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Lifecycle requests take effect only when someone other than the requester approves them."""

    scope = outlet_requests_visible_to
    filterset_class = OutletRequestFilterSet
    serializer_class = OutletRequestSerializer
    write_permission = can_write_master_data

    @extend_schema(request=DecisionSerializer, responses=OutletRequestSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        outlet_request = self.get_object()
        note = self.validated_input(DecisionSerializer)["note"]
        return self.respond_with(outlet_request_approve(request=outlet_request, by=request.user, note=note))

    @extend_schema(request=RejectionSerializer, responses=OutletRequestSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        outlet_request = self.get_object()
        note = self.validated_input(RejectionSerializer)["note"]
        return self.respond_with(outlet_request_reject(request=outlet_request, by=request.user, note=note))

    @extend_schema(request=None, responses=OutletRequestSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self.respond_with(outlet_request_cancel(request=self.get_object(), by=request.user))
