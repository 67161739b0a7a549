from django import forms
from django.utils.translation import gettext_lazy as _

from qudao.channels.models import Outlet
from qudao.core.money import to_fen, to_yuan
from qudao.sales.choices import ProductCategory
from qudao.territory.selectors import nodes_within_reach, path_q, reach_paths

from .choices import Metric
from .filtersets import parse_period
from .models import CalendarException

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


def value_field(metric: str, **kwargs) -> forms.Field:
    """Revenue is entered in yuan (two decimals), counts as whole numbers."""
    if metric == Metric.REVENUE_FEN:
        return forms.DecimalField(min_value=0, decimal_places=2, max_digits=16, **kwargs)
    return forms.IntegerField(min_value=0, **kwargs)


def stored_value(metric: str, entered) -> int:
    if entered in (None, ""):
        return 0
    return to_fen(entered) if metric == Metric.REVENUE_FEN else int(entered)


def shown_value(metric: str, value: int | None):
    if value is None:
        return None
    return to_yuan(value) if metric == Metric.REVENUE_FEN else value


class TargetForm(forms.Form):
    code = forms.CharField(label=_("territory node or outlet code"), max_length=32)
    period = forms.CharField(label=_("period"), max_length=20, help_text=_("A month such as 2026-11 or a quarter such as 2026Q4."))
    metric = forms.ChoiceField(label=_("metric"), choices=Metric.choices)
    category = forms.ChoiceField(label=_("product category"), choices=[("", _("All categories")), *ProductCategory.choices],
                                 required=False)
    value = forms.DecimalField(label=_("target"), min_value=0, decimal_places=2, max_digits=16,
                               help_text=_("Revenue in yuan; counts as whole numbers."))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_period(self):
        parsed = parse_period(self.cleaned_data["period"])
        if parsed is None:
            raise forms.ValidationError(_("Write a month such as 2026-11 or a quarter such as 2026Q4."))
        return parsed

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        node = nodes_within_reach(self.user).filter(code=code).first()
        outlet = None if node else (Outlet.objects.filter(path_q(reach_paths(self.user), "grid__path"))
                                    .select_related("grid").filter(code=code).first())
        if node is None and outlet is None:
            raise forms.ValidationError(_("No territory node or outlet with this code within your reach."))
        return {"node": node, "outlet": outlet}

    def clean(self):
        data = super().clean()
        metric, value = data.get("metric"), data.get("value")
        if metric and value is not None:
            if metric != Metric.REVENUE_FEN and value != value.to_integral_value():
                self.add_error("value", _("Counts are whole numbers."))
            else:
                data["stored_value"] = stored_value(metric, value)
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        period_kind, period_start = data["period"]
        return {"period_kind": period_kind, "period_start": period_start, "metric": data["metric"],
                "category": data["category"], "value": data["stored_value"], **data["code"]}


class TargetValueForm(forms.Form):
    def __init__(self, *args, target=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.metric = target.metric
        self.fields["value"] = value_field(target.metric, label=_("target"), initial=shown_value(target.metric, target.value))

    def stored(self) -> int:
        return stored_value(self.metric, self.cleaned_data["value"])


class DecompositionForm(forms.Form):
    """One field per child (`node_<pk>` / `outlet_<pk>`); an empty field counts as 0."""

    def __init__(self, *args, slots=(), metric: str = Metric.RECORDS, initial_values=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.slots, self.metric = list(slots), metric
        initial_values = initial_values or {}
        for slot in self.slots:
            value = initial_values.get(slot.key, slot.value)
            self.fields[slot.field_name] = value_field(
                metric, label=str(slot.holder), required=False, initial=shown_value(metric, value),
                widget=forms.NumberInput(attrs={"class": "form-control text-end js-child", "step": "0.01" if
                                                metric == Metric.REVENUE_FEN else "1", "min": "0"}),
            )

    def rows(self):
        return [(slot, self[slot.field_name]) for slot in self.slots]

    def values(self) -> dict[tuple[str, int], int]:
        return {slot.key: stored_value(self.metric, self.cleaned_data.get(slot.field_name)) for slot in self.slots}


class CalendarExceptionForm(forms.ModelForm):
    class Meta:
        model = CalendarException
        fields = ["date", "is_workday", "name"]
        widgets = {"date": DATE_INPUT}
        help_texts = {"is_workday": _("Tick for a make-up working day (调休) on a weekend; leave empty for a holiday.")}


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(label=_("Yes, delete this entry"), required=True)


