"""Training, sales assistance, meetings, diaries and scorecards."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from qudao.api.fields import EnumChoiceField, ScopedSlugRelatedField, YuanField
from qudao.territory.models import TerritoryNode
from qudao.territory.selectors import nodes_within_reach

from ...choices import (
    AdjustmentKind,
    TrainingKind,
)
from ...models import (
    AssistDay,
    ChannelMeeting,
    DiaryEntry,
    MeetingMeasure,
    Scorecard,
    ScorecardAdjustment,
    TrainingAttendance,
    TrainingSession,
)
from ...selectors import assignable_people
from ._fields import ReadOnlyModelSerializer, _code, _key, _outlet, _person, _username

# --- training ----------------------------------------------------------------------------------

class AttendanceSerializer(serializers.ModelSerializer):
    outlet = _code()

    class Meta:
        model = TrainingAttendance
        fields = ["outlet", "attendee_name", "attended", "quiz_score"]
        read_only_fields = fields


class TrainingSessionSerializer(ReadOnlyModelSerializer):
    node = _code()
    trainer = _username()
    kind = EnumChoiceField(TrainingKind, read_only=True)
    attendees = AttendanceSerializer(many=True, read_only=True)
    materials = serializers.SerializerMethodField()

    class Meta:
        model = TrainingSession
        fields = ["id", "topic", "kind", "held_on", "node", "trainer", "location", "notes", "attendees", "materials"]

    def get_materials(self, session) -> list[dict]:
        return [{"uuid": str(m.uuid), "name": m.original_name, "size_bytes": m.size_bytes}
                for m in session.materials.all()]


class TrainingCreateSerializer(serializers.Serializer):
    topic = serializers.CharField(max_length=120)
    kind = EnumChoiceField(TrainingKind)
    held_on = serializers.DateField()
    node = ScopedSlugRelatedField(TerritoryNode, scope=nodes_within_reach)
    location = serializers.CharField(required=False, allow_blank=True, default="")
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    client_key = _key()


class AttendanceInputSerializer(serializers.Serializer):
    outlet = _outlet(required=True)
    attendee_name = serializers.CharField(max_length=60)
    attended = serializers.BooleanField(required=False, default=True)
    quiz_score = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=100)


class AssistDaySerializer(ReadOnlyModelSerializer):
    outlet, node = _code(), _code()
    staff = _username()

    class Meta:
        model = AssistDay
        fields = ["id", "day", "outlet", "node", "staff", "helpers", "activities", "result", "units_sold"]


class AssistDayCreateSerializer(serializers.Serializer):
    day = serializers.DateField()
    outlet = _outlet(required=True)
    helpers = serializers.CharField(required=False, allow_blank=True, default="")
    activities = serializers.CharField()
    result = serializers.CharField(required=False, allow_blank=True, default="")
    units_sold = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    client_key = _key()


# --- meetings, diary, scorecards ---------------------------------------------------------------

class MeasureSerializer(serializers.ModelSerializer):
    owner = _username()

    class Meta:
        model = MeetingMeasure
        fields = ["id", "text", "owner", "due_on", "task"]
        read_only_fields = fields


class MeetingSerializer(ReadOnlyModelSerializer):
    held_by = _username()
    measures = MeasureSerializer(many=True, read_only=True)

    class Meta:
        model = ChannelMeeting
        fields = ["id", "month", "held_on", "held_by", "location", "attendees", "minutes", "measures"]


class MeetingCreateSerializer(serializers.Serializer):
    month = serializers.DateField(help_text=gettext_lazy("Any day of the month the meeting reviews."))
    held_on = serializers.DateField()
    location = serializers.CharField(required=False, allow_blank=True, default="")
    attendees = serializers.CharField()
    minutes = serializers.CharField()
    client_key = _key()


def _measure_owners(user):
    return assignable_people(user) | get_user_model().objects.filter(pk=user.pk)


class MeasureInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=200)
    owner = _person(_measure_owners)
    due_on = serializers.DateField()


class DiaryEntrySerializer(ReadOnlyModelSerializer):
    author = _username()

    class Meta:
        model = DiaryEntry
        fields = ["id", "author", "day", "activity", "plan_tomorrow", "note"]


class DiarySaveSerializer(serializers.Serializer):
    day = serializers.DateField()
    plan_tomorrow = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class AdjustmentSerializer(serializers.ModelSerializer):
    by = _username()
    kind = EnumChoiceField(AdjustmentKind, read_only=True)
    amount = YuanField(source="amount_fen", read_only=True)

    class Meta:
        model = ScorecardAdjustment
        fields = ["kind", "amount", "note", "by", "at"]
        read_only_fields = fields


class ScorecardSerializer(ReadOnlyModelSerializer):
    person = _username()
    role = serializers.CharField(read_only=True)
    adjustments = AdjustmentSerializer(many=True, read_only=True)

    class Meta:
        model = Scorecard
        fields = ["id", "person", "month", "role", "inspections_done", "inspections_quota", "callback_population",
                  "callbacks_sampled", "callbacks_done", "rectifications_due", "rectifications_on_time",
                  "problems_over_30", "development_actual", "development_target", "computed_at", "adjustments"]


class AdjustmentInputSerializer(serializers.Serializer):
    kind = EnumChoiceField(AdjustmentKind)
    amount = YuanField(min_value=Decimal("0.01"))
    note = serializers.CharField()
