from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action

from qudao.accounts.permissions import can_write_master_data
from qudao.api.viewsets import ScopedReadOnlyViewSet
from qudao.performance.filtersets import (
    BulletinFilterSet,
    BulletinLineFilterSet,
    FollowUpFilterSet,
    WebhookFilterSet,
)
from qudao.performance.selectors import (
    bulletin_lines_visible_to,
    bulletins_visible_to,
    followups_visible_to,
    webhooks_visible_to,
)
from qudao.performance.services import followup_record_outcome

from .serializers import (
    BulletinLineSerializer,
    BulletinSerializer,
    FollowUpSerializer,
    OutcomeSerializer,
    WebhookEndpointSerializer,
)


class BulletinViewSet(ScopedReadOnlyViewSet):
    """Weekly bulletins; agent users see the published weeks that have a line for their agent."""

    scope = bulletins_visible_to
    filterset_class = BulletinFilterSet
    serializer_class = BulletinSerializer


class BulletinLineViewSet(ScopedReadOnlyViewSet):
    """One agent's week each; agent users see only their own agent's lines."""

    scope = bulletin_lines_visible_to
    filterset_class = BulletinLineFilterSet
    serializer_class = BulletinLineSerializer


class FollowUpViewSet(ScopedReadOnlyViewSet):
    """Calls and visits to lagging agents. `?mine=true` lists the caller's own."""

    scope = followups_visible_to
    select_related = ("done_by",)
    filterset_class = FollowUpFilterSet
    serializer_class = FollowUpSerializer
    write_permission = can_write_master_data

    @extend_schema(request=OutcomeSerializer, responses=FollowUpSerializer)
    @action(detail=True, methods=["post"])
    def outcome(self, request, pk=None):
        """Records the call's or visit's outcome; only the assignee or their supervisor may."""
        followup = self.get_object()
        data = self.validated_input(OutcomeSerializer)
        return self.respond_with(followup_record_outcome(followup=followup, by=request.user, **data))


class WebhookEndpointViewSet(ScopedReadOnlyViewSet):
    scope = webhooks_visible_to
    filterset_class = WebhookFilterSet
    serializer_class = WebhookEndpointSerializer
