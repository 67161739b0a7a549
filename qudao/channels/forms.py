from django import forms
from django.utils.translation import gettext_lazy as _

from qudao.core.money import to_fen, to_yuan

from .choices import ChannelType
from .models import Agent, Outlet
from .services import AGENT_WRITABLE_FIELDS, OUTLET_WRITABLE_FIELDS

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class AgentForm(forms.ModelForm):
    """Edits the allow-listed fields; the deposit is entered in yuan and stored in fen."""

    deposit = forms.DecimalField(label=_("deposit (yuan)"), min_value=0, decimal_places=2, max_digits=14, required=False)

    class Meta:
        model = Agent
        fields = [f for f in AGENT_WRITABLE_FIELDS if f != "deposit_fen"]
        widgets = {"contract_start": DATE_INPUT, "contract_end": DATE_INPUT}

    def __init__(self, *args, managers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["manager"].queryset = managers
        self.fields["deposit"].initial = to_yuan(self.instance.deposit_fen) if self.instance.pk else None

    def service_data(self) -> dict:
        data = {f: self.cleaned_data[f] for f in self._meta.fields}
        data["deposit_fen"] = to_fen(self.cleaned_data.get("deposit") or 0)
        return data


class AgentCreateForm(AgentForm):
    code = forms.CharField(label=_("agent code"), max_length=32)
    territory = forms.ModelChoiceField(label=_("registered at"), queryset=None)

    field_order = ["code", "territory"]

    def __init__(self, *args, territories=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = territories


class OutletForm(forms.ModelForm):
    class Meta:
        model = Outlet
        fields = list(OUTLET_WRITABLE_FIELDS)


class OutletApplyForm(forms.Form):
    code = forms.CharField(label=_("outlet code"), max_length=32)
    name = forms.CharField(label=_("outlet name"), max_length=120)
    grid = forms.ModelChoiceField(label=_("grid"), queryset=None)
    agent = forms.ModelChoiceField(label=_("agent"), queryset=None)
    outlet_type = forms.ChoiceField(label=_("outlet type"), choices=ChannelType.choices)
    opening_date = forms.DateField(label=_("planned opening date"), widget=DATE_INPUT)
    address = forms.CharField(label=_("address"), max_length=200, required=False)
    latitude = forms.DecimalField(label=_("latitude"), max_digits=9, decimal_places=6, required=False)
    longitude = forms.DecimalField(label=_("longitude"), max_digits=9, decimal_places=6, required=False)
    reason = forms.CharField(label=_("reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, grids=None, agents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grid"].queryset = grids
        self.fields["agent"].queryset = agents


class LifecycleRequestForm(forms.Form):
    effective_date = forms.DateField(label=_("effective date"), widget=DATE_INPUT)
    reason = forms.CharField(label=_("reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MergeRequestForm(LifecycleRequestForm):
    target_outlet = forms.ModelChoiceField(label=_("merge into"), queryset=None)

    def __init__(self, *args, outlets=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_outlet"].queryset = outlets


class TransferRequestForm(LifecycleRequestForm):
    new_agent = forms.ModelChoiceField(label=_("new agent"), queryset=None, required=False)
    new_grid = forms.ModelChoiceField(label=_("new grid"), queryset=None, required=False)

    def __init__(self, *args, agents=None, grids=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_agent"].queryset = agents
        self.fields["new_grid"].queryset = grids


class DecisionForm(forms.Form):
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
