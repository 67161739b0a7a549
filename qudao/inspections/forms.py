"""Forms of the phone pages. Every form that creates something carries a client-generated
submission key (`client_key`/`finish_key`, a UUID) so a form resent after a network drop
returns the record it created the first time."""

import uuid
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from qudao.core.money import to_fen

from .choices import AnswerType, InspectionKind, ViolationKind, WarningLevel
from .scoring import Answer

MICRO_DEGREE = Decimal("0.000001")
PASS, FAIL = "pass", "fail"


class CoordinateField(forms.DecimalField):
    """Degrees from the browser's Geolocation API, rounded to six decimals (about 0.1 m)."""

    def __init__(self, **kwargs):
        super().__init__(max_digits=9, decimal_places=6, required=False, widget=forms.HiddenInput, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return None if value is None else value.quantize(MICRO_DEGREE)


class SubmissionKeyField(forms.UUIDField):
    def __init__(self, **kwargs):
        super().__init__(widget=forms.HiddenInput(attrs={"data-submission-key": "1"}), **kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos from the phone's camera; they are checked and re-encoded by the service."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        attrs = {"accept": "image/jpeg,image/png,image/webp", "capture": "environment", "multiple": True}
        super().__init__(widget=MultipleFileInput(attrs=attrs), **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if self.required and not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [f for f in files if f]


def _new_key():
    return uuid.uuid4()


class CheckInForm(forms.Form):
    outlet = forms.ModelChoiceField(label=_("outlet"), queryset=None)
    kind = forms.ChoiceField(label=_("kind"), choices=InspectionKind.choices, initial=InspectionKind.ROUTINE)
    latitude = CoordinateField()
    longitude = CoordinateField()
    accuracy_m = forms.DecimalField(required=False, min_value=0, widget=forms.HiddenInput)
    client_key = SubmissionKeyField(initial=_new_key)

    def __init__(self, *args, outlets=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outlet"].queryset = outlets


class ChecklistForm(forms.Form):
    """One field per checklist item (pass/fail or points), an optional comment and photos each."""

    comment = forms.CharField(label=_("overall comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    finish_key = SubmissionKeyField(initial=_new_key)

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            if item.answer_type == AnswerType.POINTS:
                self.fields[f"item_{item.pk}"] = forms.IntegerField(
                    label=item.text, min_value=0, max_value=item.max_points,
                    widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                )
            else:
                self.fields[f"item_{item.pk}"] = forms.ChoiceField(
                    label=item.text, choices=[(PASS, _("Pass")), (FAIL, _("Fail"))], widget=forms.RadioSelect,
                )
            self.fields[f"comment_{item.pk}"] = forms.CharField(label=_("comment"), required=False, max_length=500)
            self.fields[f"photos_{item.pk}"] = PhotosField(label=_("photos"))

    def rows(self):
        """(item, answer field, comment field, photos field) for the template, in checklist order."""
        return [(item, self[f"item_{item.pk}"], self[f"comment_{item.pk}"], self[f"photos_{item.pk}"])
                for item in self.items]

    def answers(self) -> list[Answer]:
        data = self.cleaned_data
        answers = []
        for item in self.items:
            value = data[f"item_{item.pk}"]
            if item.answer_type == AnswerType.POINTS:
                answers.append(Answer(item.pk, points=value, comment=data[f"comment_{item.pk}"]))
            else:
                answers.append(Answer(item.pk, passed=value == PASS, comment=data[f"comment_{item.pk}"]))
        return answers

    def photos(self) -> dict[int, list]:
        return {item.pk: self.cleaned_data[f"photos_{item.pk}"] for item in self.items
                if self.cleaned_data[f"photos_{item.pk}"]}


class RectificationForm(forms.Form):
    outlet = forms.ModelChoiceField(label=_("outlet"), queryset=None)
    description = forms.CharField(label=_("what must be fixed"), widget=forms.Textarea(attrs={"rows": 3}))
    deadline = forms.DateField(label=_("deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    client_key = SubmissionKeyField(initial=_new_key)

    def __init__(self, *args, outlets=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outlet"].queryset = outlets


class RecheckForm(forms.Form):
    fixed = forms.TypedChoiceField(
        label=_("outcome"), coerce=lambda v: v == "yes", initial="yes", widget=forms.RadioSelect,
        choices=[("yes", _("Fixed: close it")), ("no", _("Not fixed yet"))],
    )
    photos = PhotosField(label=_("photo of the outlet now"), required=True)
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ViolationForm(forms.Form):
    outlet = forms.ModelChoiceField(label=_("outlet"), queryset=None)
    kind = forms.ChoiceField(label=_("violation kind"), choices=ViolationKind.choices)
    level = forms.ChoiceField(label=_("warning level"), choices=WarningLevel.choices, initial=WarningLevel.NOTICE)
    description = forms.CharField(label=_("what was found"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence_note = forms.CharField(label=_("evidence notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    photos = PhotosField(label=_("evidence photos"))
    client_key = SubmissionKeyField(initial=_new_key)

    def __init__(self, *args, outlets=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outlet"].queryset = outlets


class EvidenceForm(forms.Form):
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    photos = PhotosField(label=_("photos"))


class NoteForm(forms.Form):
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(forms.Form):
    note = forms.CharField(label=_("how it was resolved"), widget=forms.Textarea(attrs={"rows": 2}))


class PenaltyForm(forms.Form):
    amount = forms.DecimalField(label=_("proposed penalty (yuan)"), min_value=Decimal("0.01"), max_digits=12,
                                decimal_places=2)
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def amount_fen(self) -> int:
        return to_fen(self.cleaned_data["amount"])


class PlanForm(forms.Form):
    week = forms.DateField(widget=forms.HiddenInput)
    outlets = forms.TypedMultipleChoiceField(label=_("outlets"), coerce=int, choices=(),
                                             widget=forms.CheckboxSelectMultiple)
    latitude = CoordinateField()
    longitude = CoordinateField()

    def __init__(self, *args, outlet_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outlets"].choices = outlet_choices
