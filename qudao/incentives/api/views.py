from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action

from qudao.api.viewsets import ScopedReadOnlyViewSet
from qudao.incentives import services
from qudao.incentives.filtersets import (
    SchemeVersionFilterSet,
    SettlementRunFilterSet,
    StatementFilterSet,
)
from qudao.incentives.forms import LineFilterForm
from qudao.incentives.permissions import can_run_settlements, can_write_schemes
from qudao.incentives.selectors import (
    run_lines_visible_to,
    runs_visible_to,
    scheme_versions_visible_to,
    statement_lines,
    statements_visible_to,
)

from .serializers import (
    DocumentSerializer,
    LineFilterSerializer,
    SchemeVersionSerializer,
    SettlementLineSerializer,
    SettlementRunSerializer,
    StartRunSerializer,
    StatementSerializer,
    VersionReviewSerializer,
)


class SchemeVersionViewSet(ScopedReadOnlyViewSet):
    """Scheme versions. `load` creates a draft from a JSON/YAML document; submit, approve and reject go
    through the same services as the pages (never approved by its author or submitter)."""

    scope = scheme_versions_visible_to
    filterset_class = SchemeVersionFilterSet
    serializer_class = SchemeVersionSerializer
    write_permission = can_write_schemes

    @extend_schema(request=DocumentSerializer, responses=SchemeVersionSerializer)
    @action(detail=False, methods=["post"])
    def load(self, request):
        data = self.validated_input(DocumentSerializer)
        return self.respond_with(services.version_load(text=data["document"], by=request.user), status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=SchemeVersionSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self.respond_with(services.version_submit(version=self.get_object(), by=request.user))

    @extend_schema(request=VersionReviewSerializer, responses=SchemeVersionSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        version = self.get_object()
        data = self.validated_input(VersionReviewSerializer)
        return self.respond_with(services.version_approve(version=version, by=request.user, **data))

    @extend_schema(request=VersionReviewSerializer, responses=SchemeVersionSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        version = self.get_object()
        data = self.validated_input(VersionReviewSerializer)
        return self.respond_with(services.version_reject(version=version, by=request.user, **data))


class SettlementRunViewSet(ScopedReadOnlyViewSet):
    """Settlement runs; `start` queues a run for a month (one active run per period and scope)."""

    scope = runs_visible_to
    filterset_class = SettlementRunFilterSet
    serializer_class = SettlementRunSerializer
    write_permission = can_run_settlements

    @extend_schema(request=StartRunSerializer, responses=SettlementRunSerializer)
    @action(detail=False, methods=["post"])
    def start(self, request):
        data = self.validated_input(StartRunSerializer)
        run = services.start_run(period=data["period"], scope=data["scope"], user=request.user)
        return self.respond_with(run, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=SettlementRunSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        run = self.get_object()
        services.send_statements(run=run, user=request.user)
        return self.respond_with(run)

    @extend_schema(parameters=[LineFilterSerializer], responses=SettlementLineSerializer(many=True))
    @action(detail=True, methods=["get"])
    def lines(self, request, pk=None):
        """The run's lines of the agents whose statements you may read, filtered by `agent` (code), `rule`
        (key prefix), `held` and `record`; paginated, read from the run's lines file."""
        filters = LineFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        form = LineFilterForm({k: v for k, v in filters.validated_data.items() if v not in (None, "")})
        form.is_valid()
        return _paginated_lines(self, form.apply(run_lines_visible_to(request.user, self.get_object())))


class StatementViewSet(ScopedReadOnlyViewSet):
    """Statements; agent users see only their own agent's sent statements."""

    scope = statements_visible_to
    filterset_class = StatementFilterSet
    serializer_class = StatementSerializer

    @extend_schema(request=None, responses=SettlementLineSerializer(many=True))
    @action(detail=True, methods=["get"])
    def lines(self, request, pk=None):
        """The statement's lines (record, then rule), paginated, read from the run's lines file."""
        return _paginated_lines(self, statement_lines(self.get_object()))


def _paginated_lines(viewset, lines):
    page = viewset.paginate_queryset(lines)
    return viewset.get_paginated_response(SettlementLineSerializer(page, many=True).data)
