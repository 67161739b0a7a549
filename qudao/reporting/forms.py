import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qudao.sales.choices import ProductCategory

from .choices import PeriodKind, StatsKind


class PeriodForm(forms.Form):
    """The period a dashboard shows: kind, the day it is seen from, and an optional product category."""

    period = forms.ChoiceField(label=_("Period"), choices=PeriodKind.choices, required=False)
    as_of = forms.DateField(label=_("As of"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("All categories")), *ProductCategory.choices], required=False,
    )

    def values(self) -> tuple[str, object, str]:
        """(kind, as_of, category) with defaults for anything missing or invalid."""
        data = self.cleaned_data if self.is_valid() else {}
        return (data.get("period") or PeriodKind.MONTH, data.get("as_of") or timezone.localdate(),
                data.get("category") or "")


class StatisticsForm(forms.Form):
    kind = forms.ChoiceField(label=_("Period"), choices=StatsKind.choices, required=False)
    as_of = forms.DateField(label=_("Any day of the period"), required=False)

    def values(self) -> tuple[str, object]:
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("kind") or StatsKind.MONTH, data.get("as_of") or _last_month_day()


def _last_month_day():
    """The report pack goes out at the start of a month about the month before."""
    return timezone.localdate().replace(day=1) - dt.timedelta(days=1)
