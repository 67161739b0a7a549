"""One FilterSet per model, shared by the pages and the API."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from qudao.core.filters import YesNoFilter

from .ageing import bucket_q
from .choices import (
    AgeBucket,
    CallbackKind,
    CallbackOutcome,
    CallbackStatus,
    ContactKind,
    FollowUpState,
    ProblemCategory,
    ProblemStatus,
    TaskStatus,
    TrainingKind,
)
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
from .weeks import local_date

DATE = {"type": "date"}


def _date(label, field, lookup):
    return django_filters.DateFilter(label=label, field_name=field, lookup_expr=lookup,
                                     widget=forms.DateInput(attrs=DATE))


class CallbackFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("status"), choices=CallbackStatus.choices)
    outcome = django_filters.ChoiceFilter(label=_("outcome"), choices=CallbackOutcome.choices)
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=CallbackKind.choices)
    day = _date(_("day sampled"), "day", "exact")
    outlet = django_filters.CharFilter(label=_("outlet code"), field_name="outlet__code")
    assignee = django_filters.CharFilter(label=_("assigned to"), field_name="assignee__username")

    class Meta:
        model = Callback
        fields = ["status", "outcome", "kind", "day", "outlet", "assignee"]


class VisitFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=ContactKind.choices)
    follow_up_status = django_filters.ChoiceFilter(label=_("follow-up"), choices=FollowUpState.choices[1:])
    agent = django_filters.CharFilter(label=_("agent code"), field_name="agent__code")
    staff = django_filters.CharFilter(label=_("by"), field_name="staff__username")
    since = _date(_("from"), "contacted_on", "gte")
    until = _date(_("to"), "contacted_on", "lte")

    class Meta:
        model = Visit
        fields = ["kind", "follow_up_status", "agent", "staff", "since", "until"]


class ProblemFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("status"), choices=ProblemStatus.choices)
    category = django_filters.ChoiceFilter(label=_("category"), choices=ProblemCategory.choices)
    age = django_filters.ChoiceFilter(label=_("open for"), choices=AgeBucket.choices, method="by_age")
    agent = django_filters.CharFilter(label=_("agent code"), field_name="agent__code")

    class Meta:
        model = Problem
        fields = ["status", "category", "age", "agent"]

    def by_age(self, queryset, name, value):
        return queryset.filter(bucket_q(value, local_date())) if value else queryset


class WorkTaskFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("status"), choices=TaskStatus.choices)
    assignee = django_filters.CharFilter(label=_("assignee"), field_name="assignee__username")
    mine = YesNoFilter(label=_("mine only"), method="only_mine")
    due_by = _date(_("due by"), "due_on", "lte")

    class Meta:
        model = WorkTask
        fields = ["status", "assignee", "mine", "due_by"]

    def only_mine(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        return queryset.filter(assignee=user) if value and user is not None else queryset


class TrainingFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=TrainingKind.choices)
    since = _date(_("from"), "held_on", "gte")
    until = _date(_("to"), "held_on", "lte")

    class Meta:
        model = TrainingSession
        fields = ["kind", "since", "until"]


class AssistDayFilterSet(django_filters.FilterSet):
    outlet = django_filters.CharFilter(label=_("outlet code"), field_name="outlet__code")
    since = _date(_("from"), "day", "gte")
    until = _date(_("to"), "day", "lte")

    class Meta:
        model = AssistDay
        fields = ["outlet", "since", "until"]


class MeetingFilterSet(django_filters.FilterSet):
    held_by = django_filters.CharFilter(label=_("held by"), field_name="held_by__username")
    since = _date(_("from"), "held_on", "gte")

    class Meta:
        model = ChannelMeeting
        fields = ["held_by", "since"]


class DiaryFilterSet(django_filters.FilterSet):
    author = django_filters.CharFilter(label=_("author"), field_name="author__username")
    since = _date(_("from"), "day", "gte")
    until = _date(_("to"), "day", "lte")

    class Meta:
        model = DiaryEntry
        fields = ["author", "since", "until"]


class ScorecardFilterSet(django_filters.FilterSet):
    person = django_filters.CharFilter(label=_("person"), field_name="person__username")
    month = django_filters.DateFilter(label=_("month (first day)"), field_name="month",
                                      widget=forms.DateInput(attrs=DATE))

    class Meta:
        model = Scorecard
        fields = ["person", "month"]
