from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from qudao.api.viewsets import ScopedViewSetMixin

from ..dashboards import RECORDS, REVENUE, build_dashboard, build_series, child_rows
from ..filtersets import NodeProgressFilterSet
from ..periods import Period
from ..progress_list import page_figures, progress_nodes_visible_to
from ..subjects import landing_subject, node_subject
from ..targeting import period_targets
from .serializers import (
    NodeProgressSerializer,
    PeriodQuerySerializer,
    RankingRowSerializer,
    SeriesSerializer,
    SummarySerializer,
)

PERIOD_PARAMETERS = [PeriodQuerySerializer]


class ReportingNodeViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Progress dashboards: nodes within reach with their figures, a node's summary, its daily
    series and its children ranked by attainment. Query: period (day/week/month/quarter),
    as_of (YYYY-MM-DD) and category (product category). Agent users read `mine`."""

    scope = progress_nodes_visible_to
    serializer_class = NodeProgressSerializer
    filterset_class = NodeProgressFilterSet

    def period_query(self) -> tuple[Period, str]:
        query = PeriodQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        return Period.containing(data["period"], data.get("as_of") or timezone.localdate()), data.get("category", "")

    def get_queryset(self):
        return progress_nodes_visible_to(self.request.user).order_by("path")

    @extend_schema(parameters=PERIOD_PARAMETERS)
    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        period, category = self.period_query()
        ids = [node.pk for node in page]
        context = self.get_serializer_context()
        shares: dict = {}
        context["targets"] = {m: period_targets(period, m, category=category, node_ids=ids, shares=shares)
                              for m in (RECORDS, REVENUE)}
        context["figures"] = page_figures(request.user, ids, period, category)
        return self.get_paginated_response(NodeProgressSerializer(page, many=True, context=context).data)

    def _subject(self):
        self.get_object()  # 404 beyond reach, like every detail route
        return node_subject(self.request.user, int(self.kwargs["pk"]))

    @extend_schema(parameters=PERIOD_PARAMETERS, responses=SummarySerializer)
    def retrieve(self, request, *args, **kwargs):
        """The node's figures for the period against its target and the pro-rated target."""
        period, category = self.period_query()
        return Response(SummarySerializer(build_dashboard(self._subject(), period, category)).data)

    @extend_schema(parameters=PERIOD_PARAMETERS, responses=SeriesSerializer)
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def series(self, request, pk=None):
        """Daily development and revenue of the period, with the same days last month and last year."""
        period, category = self.period_query()
        return Response(SeriesSerializer(build_series(self._subject(), period, category)).data)

    @extend_schema(parameters=PERIOD_PARAMETERS, responses=RankingRowSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def ranking(self, request, pk=None):
        """The node's children (or a grid's outlets) ranked by attainment; no target: last."""
        period, category = self.period_query()
        rows = child_rows(self._subject(), period, category)
        rows.sort(key=lambda r: (r.development.attainment is None, -(r.development.attainment or 0), r.code))
        return Response(RankingRowSerializer(rows, many=True).data)

    @extend_schema(parameters=PERIOD_PARAMETERS, responses=SummarySerializer)
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def mine(self, request):
        """The summary a person lands on: their grid(s), county or company; an agent user's agent."""
        period, category = self.period_query()
        subject = landing_subject(request.user)
        if subject is None:
            raise NotFound
        return Response(SummarySerializer(build_dashboard(subject, period, category)).data)
