"""Callbacks, visits, problems and work tasks."""


from rest_framework import serializers

from qudao.api.fields import EnumChoiceField
from qudao.inspections.choices import ViolationKind

from ...choices import (
    CallbackKind,
    CallbackOutcome,
    CallbackStatus,
    ContactKind,
    FollowUpState,
    ProblemCategory,
    ProblemStatus,
    TaskStatus,
)
from ...models import (
    Callback,
    Problem,
    Visit,
    WorkTask,
)
from ...permissions import can_work
from ._fields import ReadOnlyModelSerializer, _agent, _code, _key, _outlet, _person, _username

# --- callbacks -------------------------------------------------------------------------------

class CallbackSerializer(ReadOnlyModelSerializer):
    outlet, agent, grid, product = _code(), _code(), _code(), _code()
    assignee, called_by = _username(), _username()
    number = serializers.CharField(source="masked_number", read_only=True)
    kind = EnumChoiceField(CallbackKind, read_only=True)
    status = EnumChoiceField(CallbackStatus, read_only=True)
    outcome = EnumChoiceField(CallbackOutcome, read_only=True)

    class Meta:
        model = Callback
        fields = ["id", "day", "kind", "external_id", "outlet", "agent", "grid", "product", "number", "sold_on",
                  "assignee", "status", "outcome", "note", "called_at", "called_by", "violation"]


class CallbackDetailSerializer(CallbackSerializer):
    """The full number, for dialling, to those who make the calls; lists (and readers) get it masked."""

    class Meta(CallbackSerializer.Meta):
        fields = [*CallbackSerializer.Meta.fields, "subscriber_no"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is None or not can_work(request.user):
            data["subscriber_no"] = instance.masked_number
        return data


class CallbackOutcomeSerializer(serializers.Serializer):
    outcome = EnumChoiceField(CallbackOutcome)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    raise_violation = serializers.BooleanField(required=False, default=False)
    violation_kind = EnumChoiceField(ViolationKind, required=False, allow_blank=True, default="")
    client_key = _key()


class CoverageSerializer(serializers.Serializer):
    person = serializers.CharField(source="person.username", allow_null=True, default=None)
    population = serializers.IntegerField()
    sampled = serializers.IntegerField()
    done = serializers.IntegerField()
    share_pct = serializers.DecimalField(max_digits=4, decimal_places=1)
    sample_pct = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    completion_pct = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    coverage_pct = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    meets_rule = serializers.BooleanField()


class CoverageQuerySerializer(serializers.Serializer):
    first = serializers.DateField()
    last = serializers.DateField(required=False)


# --- visits and problems ------------------------------------------------------------------------

class VisitSerializer(ReadOnlyModelSerializer):
    agent, outlet, node = _code(), _code(), _code()
    staff = _username()
    kind = EnumChoiceField(ContactKind, read_only=True)
    follow_up_status = EnumChoiceField(FollowUpState, read_only=True)

    class Meta:
        model = Visit
        fields = ["id", "kind", "agent", "outlet", "node", "staff", "contacted_on", "notes", "problems_found",
                  "follow_up", "follow_up_due", "follow_up_status", "follow_up_done_at", "laggard_followup"]


class VisitCreateSerializer(serializers.Serializer):
    kind = EnumChoiceField(ContactKind)
    agent = _agent()
    outlet = _outlet()
    contacted_on = serializers.DateField(required=False, allow_null=True)
    notes = serializers.CharField()
    problems_found = serializers.CharField(required=False, allow_blank=True, default="")
    follow_up = serializers.CharField(required=False, allow_blank=True, default="")
    follow_up_due = serializers.DateField(required=False, allow_null=True)
    client_key = _key()


class FollowUpNoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ProblemSerializer(ReadOnlyModelSerializer):
    agent, outlet, node = _code(), _code(), _code()
    raised_by, escalated_to = _username(), _username()
    category = EnumChoiceField(ProblemCategory, read_only=True)
    status = EnumChoiceField(ProblemStatus, read_only=True)

    class Meta:
        model = Problem
        fields = ["id", "agent", "outlet", "node", "category", "title", "description", "raised_by", "raised_on",
                  "status", "proposed_solution", "escalated_to", "escalated_at", "resolution", "closed_at"]


class ProblemCreateSerializer(serializers.Serializer):
    agent = _agent()
    outlet = _outlet()
    category = EnumChoiceField(ProblemCategory)
    title = serializers.CharField(max_length=120)
    description = serializers.CharField()
    client_key = _key()


class EscalateSerializer(serializers.Serializer):
    proposed_solution = serializers.CharField()


class ResolutionSerializer(serializers.Serializer):
    resolution = serializers.CharField()


# --- tasks -------------------------------------------------------------------------------------

class WorkTaskSerializer(ReadOnlyModelSerializer):
    assignee, assigned_by, escalated_to = _username(), _username(), _username()
    status = EnumChoiceField(TaskStatus, read_only=True)

    class Meta:
        model = WorkTask
        fields = ["id", "title", "description", "assignee", "assigned_by", "due_on", "status", "evidence_note",
                  "completed_at", "escalated_at", "escalated_to", "meeting"]


class WorkTaskCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=120)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    assignee = _person()
    due_on = serializers.DateField()
    client_key = _key()


class TaskCompleteSerializer(serializers.Serializer):
    evidence_note = serializers.CharField(required=False, allow_blank=True, default="")
    file = serializers.ListField(child=serializers.FileField(), required=False, default=list)


