from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from qudao.api.viewsets import ScopedReadOnlyViewSet

from ..filtersets import DisputeFilterSet, StatementFilterSet
from ..permissions import can_answer_disputes
from ..selectors import disputes_visible_to, sent_statements_visible_to
from ..services import dispute_answer, statement_confirm, statement_dispute
from .serializers import (
    AnswerInput,
    ConfirmInput,
    DisputeInput,
    DisputeSerializer,
    StatementReviewSerializer,
)


def _agent_user(user) -> bool:
    return user.is_agent_user


class StatementReviewViewSet(ScopedReadOnlyViewSet):
    """Sent statements and the agent's answer to them: the agent's head confirms or disputes."""

    scope = sent_statements_visible_to
    filterset_class = StatementFilterSet
    serializer_class = StatementReviewSerializer
    write_permission = _agent_user

    @extend_schema(request=ConfirmInput, responses=StatementReviewSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        statement = self.get_object()  # out of reach answers 404 before the input is read
        data = self.validated_input(ConfirmInput)
        return self.respond_with(statement_confirm(statement=statement, user=request.user, note=data["note"]))

    @extend_schema(request=DisputeInput, responses=DisputeSerializer(many=True))
    @action(detail=True, methods=["post"])
    def dispute(self, request, pk=None):
        statement = self.get_object()
        data = self.validated_input(DisputeInput)
        disputes = statement_dispute(statement=statement, user=request.user, comment=data["comment"],
                                     line_ids=data["lines"])
        return Response(DisputeSerializer(disputes, many=True).data, status=201)


class DisputeViewSet(ScopedReadOnlyViewSet):
    scope = disputes_visible_to
    filterset_class = DisputeFilterSet
    serializer_class = DisputeSerializer
    write_permission = can_answer_disputes

    @extend_schema(request=AnswerInput, responses=DisputeSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        dispute = self.get_object()
        data = self.validated_input(AnswerInput)
        return self.respond_with(dispute_answer(dispute=dispute, user=request.user, accept=data["accept"],
                                                answer=data["answer"], adjustment=data.get("adjustment")))
