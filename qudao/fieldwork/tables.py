"""Tables give the list pages their pagination and ordering; the pages render rows as cards."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import (
    AssistDay,
    Callback,
    ChannelMeeting,
    DiaryEntry,
    Problem,
    Scorecard,
    TrainingSession,
    Visit,
    WorkTask,
)


class CallbackTable(tables.Table):
    number = tables.Column(accessor="masked_number", verbose_name=_("number"), orderable=False)

    class Meta:
        model = Callback
        fields = ("day", "kind", "outlet", "number", "assignee", "status", "outcome")


class VisitTable(tables.Table):
    class Meta:
        model = Visit
        fields = ("contacted_on", "kind", "agent", "staff", "follow_up_status")


class ProblemTable(tables.Table):
    class Meta:
        model = Problem
        fields = ("raised_on", "title", "agent", "category", "status")


class WorkTaskTable(tables.Table):
    class Meta:
        model = WorkTask
        fields = ("due_on", "title", "assignee", "assigned_by", "status")


class TrainingTable(tables.Table):
    class Meta:
        model = TrainingSession
        fields = ("held_on", "topic", "kind", "node", "trainer")


class AssistDayTable(tables.Table):
    class Meta:
        model = AssistDay
        fields = ("day", "outlet", "staff", "units_sold")


class MeetingTable(tables.Table):
    class Meta:
        model = ChannelMeeting
        fields = ("month", "held_on", "held_by", "location")


class DiaryTable(tables.Table):
    class Meta:
        model = DiaryEntry
        fields = ("day", "author")


class ScorecardTable(tables.Table):
    class Meta:
        model = Scorecard
        fields = ("month", "person", "inspections_done", "inspections_quota", "callbacks_done", "callbacks_sampled",
                  "problems_over_30", "development_actual", "development_target")
