"""Filter parts shared by every app's filtersets."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

YES, NO = _("Yes"), _("No")


class AllYesNoSelect(forms.NullBooleanSelect):
    """A yes/no choice whose blank reads “all” (Django's own reads “Unknown”)."""

    def __init__(self, attrs=None, *, yes=YES, no=NO):
        super().__init__(attrs)
        self.choices = [("unknown", _("all")), ("true", yes), ("false", no)]


class YesNoFilter(django_filters.BooleanFilter):
    """A boolean filter offering all / yes / no."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", AllYesNoSelect)
        super().__init__(*args, **kwargs)
