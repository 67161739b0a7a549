from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .rules import DEFAULTS, PARAMS, current_params


class ScreeningForm(forms.Form):
    period = forms.DateField(label=_("period"), help_text=_("Any day of the month to screen."))
    as_of = forms.DateField(label=_("as of"), required=False,
                            help_text=_("The no-usage rule counts days up to this day. Blank: today."))


class ReviewForm(forms.Form):
    comment = forms.CharField(label=_("comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class FraudRuleForm(forms.Form):
    """A rule's switch, weight and its own parameters (each with its bounds from qudao.fraud.rules.PARAMS)."""

    enabled = forms.BooleanField(label=_("enabled"), required=False)
    weight = forms.FloatField(label=_("weight (points)"), min_value=0, max_value=100,
                              help_text=_("Points this rule adds to a flagged record's risk score."))

    def __init__(self, *args, rule, **kwargs):
        super().__init__(*args, **kwargs)
        self.param_names = list(DEFAULTS[rule.kind])
        current = current_params(rule.kind, rule.params)
        self.initial.update(enabled=rule.enabled, weight=rule.weight, **current)
        for name in self.param_names:
            label, low, high = PARAMS[name]
            self.fields[name] = forms.IntegerField(label=label, min_value=low, max_value=high,
                                                   help_text=_("default %(value)s") % {"value": DEFAULTS[rule.kind][name]})

    def changes(self) -> dict:
        data = self.cleaned_data
        return {"enabled": data["enabled"], "weight": data["weight"], "params": {n: data[n] for n in self.param_names}}


class FraudPolicyForm(forms.Form):
    penalty = forms.DecimalField(label=_("penalty per confirmed record (yuan)"), max_digits=14, decimal_places=2,
                                 min_value=Decimal("0.01"),
                                 help_text=_("Confirming fraud proposes a penalty of this amount per record, per outlet."))
