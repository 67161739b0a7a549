import json

from django import forms
from django.utils.translation import gettext_lazy as _

from qudao.channels.choices import ChannelType
from qudao.channels.models import Agent
from qudao.core.filters import AllYesNoSelect
from qudao.territory.models import TerritoryNode

from .models import SettlementRun


class SchemeVersionForm(forms.Form):
    scheme_code = forms.CharField(label=_("scheme code"), max_length=40)
    scheme_name = forms.CharField(label=_("scheme name"), max_length=120)
    effective_from = forms.DateField(label=_("effective from"))
    effective_to = forms.DateField(label=_("effective to"), required=False)
    channel_types = forms.MultipleChoiceField(label=_("channel types"), choices=ChannelType.choices, required=False,
                                              widget=forms.CheckboxSelectMultiple)
    nodes = forms.ModelMultipleChoiceField(label=_("territory"), queryset=TerritoryNode.objects.none(), required=False)
    rules = forms.CharField(label=_("rules (JSON)"), widget=forms.Textarea(attrs={"rows": 18, "class": "font-monospace"}),
                            help_text=_("A JSON list of rules; the format is in the incentives documentation."))

    def __init__(self, *args, nodes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if nodes is not None:
            self.fields["nodes"].queryset = nodes

    def clean_rules(self):
        try:
            return json.loads(self.cleaned_data["rules"])
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(_("Not valid JSON: %(error)s") % {"error": exc}) from None


class ReviewForm(forms.Form):
    note = forms.CharField(label=_("note"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ConfirmForm(forms.Form):
    """An empty form: the button is the confirmation."""


class StartRunForm(forms.Form):
    period = forms.DateField(label=_("period (first day of the month)"))
    scope = forms.ModelChoiceField(label=_("scope"), queryset=TerritoryNode.objects.none(), required=False,
                                   empty_label=_("whole company"))

    def __init__(self, *args, nodes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if nodes is not None:
            self.fields["scope"].queryset = nodes


class WhatIfForm(forms.Form):
    run = forms.ModelChoiceField(label=_("done run to try it on"), queryset=SettlementRun.objects.none())

    def __init__(self, *args, runs=None, **kwargs):
        super().__init__(*args, **kwargs)
        if runs is not None:
            self.fields["run"].queryset = runs


class LineFilterForm(forms.Form):
    """Filters of a run's line list; `rule` matches a rule key's start (a staged rule's stages too)."""

    agent = forms.CharField(label=_("agent code"), required=False, max_length=40)
    rule = forms.CharField(label=_("rule"), required=False, max_length=60)
    held = forms.NullBooleanField(label=_("held"), required=False, widget=AllYesNoSelect(yes=_("held only"), no=_("not held")))
    record = forms.CharField(label=_("record id"), required=False, max_length=64)

    def apply(self, lines):
        data = self.cleaned_data
        if data["agent"]:
            agent = Agent.objects.filter(code=data["agent"].strip()).values_list("pk", flat=True).first()
            lines = lines.filter(agent_id=agent) if agent else lines.none()
        return lines.filter(rule_prefix=data["rule"].strip() or None, external_id=data["record"].strip() or None,
                            held=data["held"])
