"""Forms of the fieldwork pages (phone first). Forms that create something carry a client-generated
submission key, so a form resent after a dropped connection lands on the record it created."""

import uuid
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from qudao.core.money import to_fen
from qudao.inspections.choices import ViolationKind
from qudao.inspections.forms import PhotosField, SubmissionKeyField

from .choices import AdjustmentKind, CallbackOutcome, ContactKind, ProblemCategory, TrainingKind
from .weeks import local_date

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONTH = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
RADIO = forms.RadioSelect(attrs={"class": "form-check-input"})


def _key():
    return uuid.uuid4()


def _text(label, rows=3, required=True, **kwargs):
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


def _date(label, required=True, initial=None):
    return forms.DateField(label=label, required=required, widget=DATE, initial=initial)


class ScopedChoicesMixin:
    """`querysets={"field": queryset}` narrows model choice fields to what the user may use."""

    def __init__(self, *args, querysets=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, queryset in (querysets or {}).items():
            self.fields[name].queryset = queryset


class CallbackOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("outcome"), choices=CallbackOutcome.choices, widget=RADIO)
    note = _text(_("note"), rows=2, required=False)
    raise_violation = forms.BooleanField(label=_("raise a violation at the outlet"), required=False)
    violation_kind = forms.ChoiceField(
        label=_("violation kind"), required=False,
        choices=[("", _("as the outcome suggests"))] + list(ViolationKind.choices),
        help_text=_("Deposit not passed on → intercepted deposits; mis-selling → price or other; fake → fake activations."),
    )
    client_key = SubmissionKeyField(initial=_key)


class VisitForm(ScopedChoicesMixin, forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=ContactKind.choices, widget=RADIO,
                             initial=ContactKind.VISIT)
    agent = forms.ModelChoiceField(label=_("agent"), queryset=None)
    outlet = forms.ModelChoiceField(label=_("outlet"), queryset=None, required=False)
    contacted_on = _date(_("date"), initial=local_date)
    notes = _text(_("notes"))
    problems_found = _text(_("problems found"), rows=2, required=False)
    follow_up = _text(_("follow-up"), rows=2, required=False)
    follow_up_due = _date(_("follow-up due"), required=False)
    laggard_followup = forms.ModelChoiceField(label=_("answers laggard follow-up"), queryset=None, required=False)
    client_key = SubmissionKeyField(initial=_key)


class NoteForm(forms.Form):
    note = _text(_("note"), rows=2, required=False)


class ProblemForm(ScopedChoicesMixin, forms.Form):
    agent = forms.ModelChoiceField(label=_("agent"), queryset=None)
    outlet = forms.ModelChoiceField(label=_("outlet"), queryset=None, required=False)
    category = forms.ChoiceField(label=_("category"), choices=ProblemCategory.choices)
    title = forms.CharField(label=_("title"), max_length=120)
    description = _text(_("description"))
    client_key = SubmissionKeyField(initial=_key)


class EscalateForm(forms.Form):
    proposed_solution = _text(_("proposed solution"))


class ResolutionForm(forms.Form):
    resolution = _text(_("resolution"))


class TaskForm(ScopedChoicesMixin, forms.Form):
    title = forms.CharField(label=_("title"), max_length=120)
    assignee = forms.ModelChoiceField(label=_("assignee"), queryset=None)
    due_on = _date(_("due on"))
    description = _text(_("description"), required=False)
    client_key = SubmissionKeyField(initial=_key)


class TaskCompleteForm(forms.Form):
    evidence_note = _text(_("evidence"), required=False)
    photos = PhotosField(label=_("photos"))


class TrainingForm(ScopedChoicesMixin, forms.Form):
    topic = forms.CharField(label=_("topic"), max_length=120)
    kind = forms.ChoiceField(label=_("kind"), choices=TrainingKind.choices)
    held_on = _date(_("held on"), initial=local_date)
    node = forms.ModelChoiceField(label=_("for"), queryset=None)
    location = forms.CharField(label=_("location"), max_length=120, required=False)
    notes = _text(_("notes"), required=False)
    client_key = SubmissionKeyField(initial=_key)


class AttendanceForm(ScopedChoicesMixin, forms.Form):
    outlet = forms.ModelChoiceField(label=_("outlet"), queryset=None)
    attendee_name = forms.CharField(label=_("attendee"), max_length=60)
    attended = forms.BooleanField(label=_("attended"), required=False, initial=True)
    quiz_score = forms.IntegerField(label=_("quiz score"), required=False, min_value=0, max_value=100)


class MaterialForm(forms.Form):
    upload = forms.FileField(label=_("file"), help_text=_("PDF, Word, Excel, PowerPoint, JPEG or PNG."))


class AssistDayForm(ScopedChoicesMixin, forms.Form):
    day = _date(_("date"), initial=local_date)
    outlet = forms.ModelChoiceField(label=_("outlet"), queryset=None)
    helpers = forms.CharField(label=_("together with"), max_length=200, required=False)
    activities = _text(_("what was done"))
    result = _text(_("result"), rows=2, required=False)
    units_sold = forms.IntegerField(label=_("units sold that day"), required=False, min_value=0)
    client_key = SubmissionKeyField(initial=_key)


class MonthField(forms.DateField):
    """`2026-11` from a month input (or a full date) → the first day of that month."""

    def __init__(self, **kwargs):
        super().__init__(input_formats=["%Y-%m", "%Y-%m-%d"], widget=MONTH, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace(day=1) if value else value


class MeetingForm(forms.Form):
    month = MonthField(label=_("month"), initial=lambda: local_date().replace(day=1))
    held_on = _date(_("held on"), initial=local_date)
    location = forms.CharField(label=_("location"), max_length=120, required=False)
    attendees = _text(_("attendees"), rows=2)
    minutes = _text(_("minutes"), rows=6)
    client_key = SubmissionKeyField(initial=_key)


class MeasureForm(ScopedChoicesMixin, forms.Form):
    text = forms.CharField(label=_("measure"), max_length=200)
    owner = forms.ModelChoiceField(label=_("owner"), queryset=None)
    due_on = _date(_("due on"))


class ConfirmForm(forms.Form):
    """A button only."""


class DiaryForm(forms.Form):
    plan_tomorrow = _text(_("plan for tomorrow"), rows=4, required=False)
    note = _text(_("note"), rows=3, required=False)


class AdjustmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=AdjustmentKind.choices, widget=RADIO)
    amount = forms.DecimalField(label=_("amount (yuan)"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2)
    note = _text(_("reason"), rows=2)

    def amount_fen(self) -> int:
        return to_fen(self.cleaned_data["amount"])


class MonthForm(forms.Form):
    month = MonthField(label=_("month"), initial=lambda: local_date().replace(day=1))
