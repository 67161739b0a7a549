from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Decision


class DisputeForm(forms.Form):
    lines = forms.TypedMultipleChoiceField(label=_("disputed lines"), coerce=int, required=False,
                                           widget=forms.CheckboxSelectMultiple,
                                           help_text=_("Leave empty to dispute the statement as a whole."))
    comment = forms.CharField(label=_("what is wrong"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lines"].choices = [
            (line.number, f"{line.external_id or '—'} · {line.rule_key} · {line.amount_fen / 100:,.2f}") for line in lines]


class ConfirmForm(forms.Form):
    note = forms.CharField(label=_("note (optional)"), required=False, max_length=500)


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(label=_("decision"), choices=Decision.choices, widget=forms.RadioSelect)
    answer = forms.CharField(label=_("answer to the agent"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)
    adjustment = forms.CharField(
        label=_("adjustment (yuan)"), required=False, max_length=20,
        help_text=_("Signed: positive is owed to the agent, negative is taken back. Posted to the ledger in the "
                    "next period."),
    )
