
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from qudao.api.viewsets import ScopedReadOnlyViewSet, ScopedViewSetMixin

from .. import services
from ..ageing import ageing_totals
from ..coverage import coverage
from ..filtersets import (
    AssistDayFilterSet,
    CallbackFilterSet,
    DiaryFilterSet,
    MeetingFilterSet,
    ProblemFilterSet,
    ScorecardFilterSet,
    TrainingFilterSet,
    VisitFilterSet,
    WorkTaskFilterSet,
)
from ..permissions import can_work, may_raise_problem
from ..selectors import (
    assist_days_visible_to,
    callbacks_visible_to,
    diaries_visible_to,
    meetings_visible_to,
    problems_visible_to,
    scorecards_visible_to,
    trainings_visible_to,
    visits_visible_to,
    work_tasks_visible_to,
)
from ..weeks import local_date
from . import serializers as s


def _created_or_found(viewset, instance, created: bool) -> Response:
    return viewset.respond_with(instance, status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class _CreateViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    write_permission = staticmethod(can_work)


class CallbackViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Sampled callbacks; the number is masked in lists and whole in one callback (to dial)."""

    scope = callbacks_visible_to
    filterset_class = CallbackFilterSet
    serializer_class = s.CallbackSerializer
    action_serializers = {"retrieve": s.CallbackDetailSerializer}
    write_permission = staticmethod(can_work)

    @extend_schema(request=s.CallbackOutcomeSerializer, responses=s.CallbackSerializer)
    @action(detail=True, methods=["post"])
    def record(self, request, pk=None):
        callback = self.get_object()
        data = self.validated_input(s.CallbackOutcomeSerializer)
        return self.respond_with(services.callback_record(callback=callback, by=request.user, **data))

    @extend_schema(parameters=[s.CoverageQuerySerializer], responses=s.CoverageSerializer(many=True))
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def coverage(self, request):
        """Coverage per person over the sampled days first..last (last defaults to first)."""
        query = s.CoverageQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        first = query.validated_data["first"]
        rows = coverage(request.user, first, query.validated_data.get("last") or first)
        return Response(s.CoverageSerializer(rows, many=True).data)


class VisitViewSet(_CreateViewSet):
    scope = visits_visible_to
    filterset_class = VisitFilterSet
    serializer_class = s.VisitSerializer

    @extend_schema(request=s.VisitCreateSerializer, responses={201: s.VisitSerializer, 200: s.VisitSerializer})
    def create(self, request, *args, **kwargs):
        visit, created = services.visit_record(by=request.user, **self.validated_input(s.VisitCreateSerializer))
        return _created_or_found(self, visit, created)

    @extend_schema(request=s.FollowUpNoteSerializer, responses=s.VisitSerializer)
    @action(detail=True, methods=["post"], url_path="follow-up-done")
    def follow_up_done(self, request, pk=None):
        visit = self.get_object()
        note = self.validated_input(s.FollowUpNoteSerializer)["note"]
        return self.respond_with(services.visit_follow_up_done(visit=visit, by=request.user, note=note))


class ProblemViewSet(_CreateViewSet):
    """Agent users list and raise their own agent's problems; staff escalate and close them."""

    scope = problems_visible_to
    filterset_class = ProblemFilterSet
    serializer_class = s.ProblemSerializer
    write_permission = staticmethod(may_raise_problem)

    @extend_schema(request=s.ProblemCreateSerializer, responses={201: s.ProblemSerializer, 200: s.ProblemSerializer})
    def create(self, request, *args, **kwargs):
        problem, created = services.problem_raise(by=request.user, **self.validated_input(s.ProblemCreateSerializer))
        return _created_or_found(self, problem, created)

    @extend_schema(request=s.EscalateSerializer, responses=s.ProblemSerializer)
    @action(detail=True, methods=["post"])
    def escalate(self, request, pk=None):
        problem = self.get_object()
        data = self.validated_input(s.EscalateSerializer)
        return self.respond_with(services.problem_escalate(problem=problem, by=request.user, **data))

    @extend_schema(request=s.ResolutionSerializer, responses=s.ProblemSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        problem = self.get_object()
        data = self.validated_input(s.ResolutionSerializer)
        return self.respond_with(services.problem_close(problem=problem, by=request.user, **data))

    @extend_schema(responses=OpenApiTypes.OBJECT)
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def ageing(self, request):
        """Open problems in reach by age: {"lt7": n, "7to30": n, "gt30": n}."""
        return Response(ageing_totals(problems_visible_to(request.user), local_date()))


class WorkTaskViewSet(_CreateViewSet):
    scope = work_tasks_visible_to
    filterset_class = WorkTaskFilterSet
    serializer_class = s.WorkTaskSerializer

    @extend_schema(request=s.WorkTaskCreateSerializer, responses={201: s.WorkTaskSerializer, 200: s.WorkTaskSerializer})
    def create(self, request, *args, **kwargs):
        task, created = services.task_assign(by=request.user, **self.validated_input(s.WorkTaskCreateSerializer))
        return _created_or_found(self, task, created)

    @extend_schema(request={"multipart/form-data": s.TaskCompleteSerializer}, responses=s.WorkTaskSerializer)
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def complete(self, request, pk=None):
        task = self.get_object()
        data = self.validated_input(s.TaskCompleteSerializer)
        return self.respond_with(services.task_complete(task=task, by=request.user, photos=data["file"],
                                                        evidence_note=data["evidence_note"]))


class TrainingSessionViewSet(_CreateViewSet):
    scope = trainings_visible_to
    filterset_class = TrainingFilterSet
    serializer_class = s.TrainingSessionSerializer

    def get_queryset(self):
        return super().get_queryset().prefetch_related("attendees__outlet", "materials")

    @extend_schema(request=s.TrainingCreateSerializer,
                   responses={201: s.TrainingSessionSerializer, 200: s.TrainingSessionSerializer})
    def create(self, request, *args, **kwargs):
        session, created = services.training_record(by=request.user, **self.validated_input(s.TrainingCreateSerializer))
        return _created_or_found(self, self.get_queryset().get(pk=session.pk), created)

    @extend_schema(request=s.AttendanceInputSerializer, responses=s.TrainingSessionSerializer)
    @action(detail=True, methods=["post"])
    def attendees(self, request, pk=None):
        session = self.get_object()
        services.attendance_record(session=session, by=request.user,
                                   **self.validated_input(s.AttendanceInputSerializer))
        return self.respond_with(self.get_queryset().get(pk=session.pk))


class AssistDayViewSet(_CreateViewSet):
    scope = assist_days_visible_to
    filterset_class = AssistDayFilterSet
    serializer_class = s.AssistDaySerializer

    @extend_schema(request=s.AssistDayCreateSerializer,
                   responses={201: s.AssistDaySerializer, 200: s.AssistDaySerializer})
    def create(self, request, *args, **kwargs):
        record, created = services.assist_day_record(by=request.user,
                                                     **self.validated_input(s.AssistDayCreateSerializer))
        return _created_or_found(self, record, created)


class MeetingViewSet(_CreateViewSet):
    scope = meetings_visible_to
    filterset_class = MeetingFilterSet
    serializer_class = s.MeetingSerializer

    def get_queryset(self):
        return super().get_queryset().prefetch_related("measures__owner")

    @extend_schema(request=s.MeetingCreateSerializer, responses={201: s.MeetingSerializer, 200: s.MeetingSerializer})
    def create(self, request, *args, **kwargs):
        meeting, created = services.meeting_record(by=request.user, **self.validated_input(s.MeetingCreateSerializer))
        return _created_or_found(self, self.get_queryset().get(pk=meeting.pk), created)

    @extend_schema(request=s.MeasureInputSerializer, responses=s.MeetingSerializer)
    @action(detail=True, methods=["post"])
    def measures(self, request, pk=None):
        meeting = self.get_object()
        services.measure_add(meeting=meeting, by=request.user, **self.validated_input(s.MeasureInputSerializer))
        return self.respond_with(self.get_queryset().get(pk=meeting.pk))

    @extend_schema(request=None, responses=s.MeetingSerializer)
    @action(detail=True, methods=["post"], url_path="create-tasks")
    def create_tasks(self, request, pk=None):
        meeting = self.get_object()
        services.meeting_create_tasks(meeting=meeting, by=request.user)
        return self.respond_with(self.get_queryset().get(pk=meeting.pk))


class DiaryViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Creating saves the caller's own diary of `day` (saving a day again updates it)."""

    scope = diaries_visible_to
    filterset_class = DiaryFilterSet
    serializer_class = s.DiaryEntrySerializer
    write_permission = staticmethod(lambda user: user.is_authenticated and not user.is_agent_user)

    @extend_schema(request=s.DiarySaveSerializer, responses={201: s.DiaryEntrySerializer})
    def create(self, request, *args, **kwargs):
        entry = services.diary_save(by=request.user, **self.validated_input(s.DiarySaveSerializer))
        return self.respond_with(entry, status.HTTP_201_CREATED)


class ScorecardViewSet(ScopedReadOnlyViewSet):
    scope = scorecards_visible_to
    filterset_class = ScorecardFilterSet
    serializer_class = s.ScorecardSerializer
    write_permission = staticmethod(can_work)

    def get_queryset(self):
        return super().get_queryset().prefetch_related("adjustments__by")

    @extend_schema(request=s.AdjustmentInputSerializer, responses=s.ScorecardSerializer)
    @action(detail=True, methods=["post"])
    def adjust(self, request, pk=None):
        scorecard = self.get_object()
        data = self.validated_input(s.AdjustmentInputSerializer)
        services.scorecard_adjust(scorecard=scorecard, kind=data["kind"], amount_fen=data["amount"], note=data["note"],
                                  by=request.user)
        return self.respond_with(self.get_queryset().get(pk=scorecard.pk))


