from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from qudao.api.viewsets import ScopedReadOnlyViewSet
from qudao.ledger.filtersets import AccountFilterSet, LedgerEntryFilterSet, PenaltyFilterSet
from qudao.ledger.permissions import can_decide_penalty
from qudao.ledger.selectors import (
    accounts_visible_to,
    balance,
    entries_visible_to,
    penalties_visible_to,
)
from qudao.ledger.services import approve_penalty, reject_penalty

from .serializers import (
    AccountSerializer,
    BalanceQuerySerializer,
    BalanceSerializer,
    LedgerEntrySerializer,
    PenaltyDecisionSerializer,
    PenaltySerializer,
)


class LedgerEntryViewSet(ScopedReadOnlyViewSet):
    """Append-only money entries; agent users see only their own agent's."""

    scope = entries_visible_to
    filterset_class = LedgerEntryFilterSet
    serializer_class = LedgerEntrySerializer


class LedgerAccountViewSet(ScopedReadOnlyViewSet):
    """Agents that have ledger entries, with their current balance; `balance` answers for any day."""

    scope = accounts_visible_to
    filterset_class = AccountFilterSet
    serializer_class = AccountSerializer

    @extend_schema(parameters=[BalanceQuerySerializer], responses=BalanceSerializer)
    @action(detail=True, methods=["get"])
    def balance(self, request, pk=None):
        agent = self.get_object()
        query = BalanceQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        on = query.validated_data.get("on") or timezone.localdate()
        return Response({"agent": agent.code, "on": on, "balance": str(balance(agent=agent, on=on))})


class PenaltyViewSet(ScopedReadOnlyViewSet):
    """Penalties; a supervisor or above other than the proposer approves (posting it) or rejects."""

    scope = penalties_visible_to
    filterset_class = PenaltyFilterSet
    serializer_class = PenaltySerializer
    write_permission = can_decide_penalty

    @extend_schema(request=PenaltyDecisionSerializer, responses=PenaltySerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        penalty = self.get_object()
        data = self.validated_input(PenaltyDecisionSerializer)
        return self.respond_with(approve_penalty(penalty=penalty, user=request.user, **data))

    @extend_schema(request=PenaltyDecisionSerializer, responses=PenaltySerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        penalty = self.get_object()
        data = self.validated_input(PenaltyDecisionSerializer)
        return self.respond_with(reject_penalty(penalty=penalty, user=request.user, **data))
