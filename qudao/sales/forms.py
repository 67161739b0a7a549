from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from qudao.core.money import to_fen, to_yuan

from .choices import ImportKind
from .models import EffectiveRule, Product

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _yuan_field(label) -> forms.DecimalField:
    return forms.DecimalField(label=label, required=False, min_value=Decimal(0), max_digits=14, decimal_places=2)


class ProductForm(forms.ModelForm):
    """Money is typed in yuan and stored in fen."""

    monthly_fee = _yuan_field(_("monthly fee (yuan)"))
    premium = _yuan_field(_("premium (yuan)"))

    class Meta:
        model = Product
        fields = ["code", "name", "category", "term_months", "is_renewable", "active_from", "active_to"]
        widgets = {"active_from": _DATE, "active_to": _DATE}

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["monthly_fee"] = to_yuan(self.instance.monthly_fee_fen)
            self.initial["premium"] = to_yuan(self.instance.premium_fen)
        if editing:
            del self.fields["code"]

    _MONEY = {"monthly_fee": "monthly_fee_fen", "premium": "premium_fen"}

    def clean(self):
        cleaned = super().clean()
        for field, fen_field in self._MONEY.items():  # so the model's own clean() sees the amounts
            value = cleaned.get(field)
            setattr(self.instance, fen_field, None if value is None else to_fen(value))
        return cleaned

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            by_form_field = {fen: field for field, fen in self._MONEY.items()}
            errors = ValidationError({by_form_field.get(k, k): v for k, v in errors.error_dict.items()})
        super()._update_errors(errors)

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.fields if name not in ("code", *self._MONEY)}
        for field, fen_field in self._MONEY.items():
            value = self.cleaned_data.get(field)
            data[fen_field] = None if value is None else to_fen(value)
        return data


class EffectiveRuleForm(forms.ModelForm):
    class Meta:
        model = EffectiveRule
        fields = ["valid_from", "require_activation", "require_payment", "within_days", "note"]
        widgets = {"valid_from": _DATE}


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("An .xlsx or .csv file (UTF-8 or GBK) with the columns listed on the right."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=[(ImportKind.RECORDS, ImportKind.RECORDS.label), (ImportKind.STATUSES, ImportKind.STATUSES.label)],
    )
    allow_partial = forms.BooleanField(
        label=_("Import the valid rows"), required=False,
        help_text=_("Without this, a file with any bad row is rejected whole and nothing is written."),
    )
    dry_run = forms.BooleanField(label=_("Dry run"), required=False,
                                 help_text=_("Check and compare with the stored data, write nothing."))
