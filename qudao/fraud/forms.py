from django import forms
from django.utils.translation import gettext_lazy as _


class ScreeningForm(forms.Form):
    period = forms.DateField(label=_("period"), help_text=_("Any day of the month to screen."))
    as_of = forms.DateField(label=_("as of"), required=False,
                            help_text=_("The no-usage rule counts days up to this day. Blank: today."))


class ReviewForm(forms.Form):
    comment = forms.CharField(label=_("comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
