from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from qudao.accounts.permissions import can_write_master_data
from qudao.api.viewsets import ScopedReadOnlyViewSet, ScopedViewSetMixin

from .. import services
from ..filtersets import (
    ChecklistTemplateFilterSet,
    InspectionFilterSet,
    RectificationFilterSet,
    ViolationFilterSet,
    WeekPlanFilterSet,
)
from ..risk import describe, suggest_week
from ..scoring import Answer
from ..selectors import (
    inspections_visible_to,
    rectifications_visible_to,
    templates_visible_to,
    violations_visible_to,
    week_plans_visible_to,
)
from ..weeks import local_date
from .serializers import (
    CheckInSerializer,
    ChecklistTemplateSerializer,
    CloseSerializer,
    FinishSerializer,
    InspectionSerializer,
    NoteSerializer,
    PenaltySerializer,
    PhotoUploadSerializer,
    RecheckSerializer,
    RectificationCreateSerializer,
    RectificationSerializer,
    ViolationCreateSerializer,
    ViolationSerializer,
    WeekPlanCreateSerializer,
    WeekPlanSerializer,
    WeekSuggestionSerializer,
)


def _answers(rows) -> list[Answer]:
    return [Answer(row["item"], passed=row["passed"], points=row["points"], comment=row["comment"]) for row in rows]


def _created_or_found(viewset, instance, created: bool) -> Response:
    return viewset.respond_with(instance, status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class _CreateViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    write_permission = can_write_master_data


class ChecklistTemplateViewSet(ScopedReadOnlyViewSet):
    scope = templates_visible_to
    filterset_class = ChecklistTemplateFilterSet
    serializer_class = ChecklistTemplateSerializer

    def get_queryset(self):
        return super().get_queryset().prefetch_related("items")


class InspectionViewSet(_CreateViewSet):
    """Check in (create), finish with the answers, attach photos to answered items. A resent
    create with the same `client_key` answers 200 with the inspection created the first time."""

    scope = inspections_visible_to
    filterset_class = InspectionFilterSet
    serializer_class = InspectionSerializer

    def get_queryset(self):
        return super().get_queryset().prefetch_related("results__item", "results__photos")

    @extend_schema(request=CheckInSerializer, responses={201: InspectionSerializer, 200: InspectionSerializer})
    def create(self, request, *args, **kwargs):
        data = self.validated_input(CheckInSerializer)
        inspection, created = services.inspection_check_in(
            outlet=data["outlet"], kind=data["kind"], client_key=data["client_key"], latitude=data.get("latitude"),
            longitude=data.get("longitude"), accuracy_m=data.get("accuracy_m"), by=request.user,
        )
        if data.get("answers"):
            inspection = services.inspection_finish(inspection=inspection, answers=_answers(data["answers"]),
                                                    finish_key=data["finish_key"], comment=data["comment"],
                                                    by=request.user)
        return _created_or_found(self, self.get_queryset().get(pk=inspection.pk), created)

    @extend_schema(request=FinishSerializer, responses=InspectionSerializer)
    @action(detail=True, methods=["post"])
    def finish(self, request, pk=None):
        inspection = self.get_object()
        data = self.validated_input(FinishSerializer)
        services.inspection_finish(inspection=inspection, answers=_answers(data["answers"]),
                                   finish_key=data["finish_key"], comment=data["comment"], by=request.user)
        return self.respond_with(self.get_queryset().get(pk=inspection.pk))

    @extend_schema(request={"multipart/form-data": PhotoUploadSerializer}, responses=InspectionSerializer)
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def photos(self, request, pk=None):
        inspection = self.get_object()
        data = self.validated_input(PhotoUploadSerializer)
        services.inspection_add_photos(inspection=inspection, item_id=data.get("item"), photos=data["file"],
                                       by=request.user)
        return self.respond_with(self.get_queryset().get(pk=inspection.pk))


class RectificationViewSet(_CreateViewSet):
    """Agent users see their own agent's rectifications (read-only)."""

    scope = rectifications_visible_to
    filterset_class = RectificationFilterSet
    serializer_class = RectificationSerializer

    @extend_schema(request=RectificationCreateSerializer,
                   responses={201: RectificationSerializer, 200: RectificationSerializer})
    def create(self, request, *args, **kwargs):
        data = self.validated_input(RectificationCreateSerializer)
        rectification, created = services.rectification_open(by=request.user, **data)
        return _created_or_found(self, rectification, created)

    @extend_schema(request={"multipart/form-data": RecheckSerializer}, responses=RectificationSerializer)
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def recheck(self, request, pk=None):
        rectification = self.get_object()
        data = self.validated_input(RecheckSerializer)
        return self.respond_with(services.rectification_recheck(
            rectification=rectification, photos=data["file"], note=data["note"], fixed=data["fixed"], by=request.user,
        ))


class ViolationViewSet(_CreateViewSet):
    scope = violations_visible_to
    filterset_class = ViolationFilterSet
    serializer_class = ViolationSerializer

    def get_queryset(self):
        return super().get_queryset().prefetch_related("photos")

    @extend_schema(request=ViolationCreateSerializer, responses={201: ViolationSerializer, 200: ViolationSerializer})
    def create(self, request, *args, **kwargs):
        data = self.validated_input(ViolationCreateSerializer)
        violation, created = services.violation_raise(by=request.user, **data)
        return _created_or_found(self, violation, created)

    @extend_schema(request={"multipart/form-data": PhotoUploadSerializer}, responses=ViolationSerializer)
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def evidence(self, request, pk=None):
        violation = self.get_object()
        data = self.validated_input(PhotoUploadSerializer)
        services.violation_add_evidence(violation=violation, note=data["note"], photos=data["file"], by=request.user)
        return self.respond_with(self.get_queryset().get(pk=violation.pk))

    @extend_schema(request=NoteSerializer, responses=ViolationSerializer)
    @action(detail=True, methods=["post"])
    def escalate(self, request, pk=None):
        violation = self.get_object()
        note = self.validated_input(NoteSerializer)["note"]
        return self.respond_with(services.violation_escalate(violation=violation, note=note, by=request.user))

    @extend_schema(request=PenaltySerializer, responses=ViolationSerializer)
    @action(detail=True, methods=["post"], url_path="propose-penalty")
    def propose_penalty(self, request, pk=None):
        violation = self.get_object()
        data = self.validated_input(PenaltySerializer)
        return self.respond_with(services.violation_propose_penalty(
            violation=violation, amount_fen=data["amount"], note=data["note"], by=request.user,
        ))

    @extend_schema(request=CloseSerializer, responses=ViolationSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        violation = self.get_object()
        note = self.validated_input(CloseSerializer)["note"]
        return self.respond_with(services.violation_close(violation=violation, note=note, by=request.user))


class WeekPlanViewSet(_CreateViewSet):
    """Saving a plan replaces the caller's plan for that week; `suggest` ranks the outlets in reach."""

    scope = week_plans_visible_to
    filterset_class = WeekPlanFilterSet
    serializer_class = WeekPlanSerializer

    def get_queryset(self):
        return super().get_queryset().prefetch_related("stops__outlet")

    @extend_schema(request=WeekPlanCreateSerializer, responses={201: WeekPlanSerializer})
    def create(self, request, *args, **kwargs):
        data = self.validated_input(WeekPlanCreateSerializer)
        plan = services.plan_save(by=request.user, week=data.get("week") or local_date(),
                                  outlet_ids=[o.pk for o in data["outlets"]], latitude=data.get("latitude"),
                                  longitude=data.get("longitude"))
        return self.respond_with(self.get_queryset().get(pk=plan.pk), status.HTTP_201_CREATED)

    @extend_schema(responses=WeekSuggestionSerializer(many=True))
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def suggest(self, request):
        """The caller's open outlets ranked by risk, with the reasons."""
        suggestions = suggest_week(request.user)
        rows = [{"outlet": s.outlet, "risk": s.risk, "reasons": s.reasons,
                 "reason_texts": [describe(r) for r in s.reasons]} for s in suggestions]
        return Response(WeekSuggestionSerializer(rows, many=True).data)

