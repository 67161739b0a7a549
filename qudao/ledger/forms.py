from django import forms
from django.utils.translation import gettext_lazy as _

from qudao.channels.selectors import agents_visible_to, outlets_visible_to


class BalanceOnForm(forms.Form):
    on = forms.DateField(label=_("balance on"), required=False)


class PenaltyProposeForm(forms.Form):
    agent = forms.ModelChoiceField(label=_("agent"), queryset=None)
    outlet = forms.ModelChoiceField(label=_("outlet"), queryset=None, required=False)
    amount = forms.DecimalField(label=_("amount (yuan)"), max_digits=14, decimal_places=2, min_value=0)
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))
    source = forms.CharField(label=_("source"), max_length=100, required=False,
                             help_text=_("What the penalty is for, e.g. violation:7. Blank: manual."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agent"].queryset = agents_visible_to(user).order_by("code")
        self.fields["outlet"].queryset = outlets_visible_to(user).order_by("code")


class DecisionForm(forms.Form):
    note = forms.CharField(label=_("note"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
