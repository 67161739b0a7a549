from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import LagReason
from .models import LaggardRule, WebhookEndpoint
from .services import RULE_FIELDS

YES_NO = (("yes", _("Yes, I reached them")), ("no", _("No, not reached")))


class OutcomeForm(forms.Form):
    reached = forms.TypedChoiceField(
        label=_("reached the agent"), choices=YES_NO, coerce=lambda v: v == "yes", widget=forms.RadioSelect,
    )
    lag_reason = forms.ChoiceField(label=_("reason for the lag"), choices=[("", "—"), *LagReason.choices], required=False)
    promised_action = forms.CharField(label=_("promised action"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class WebhookForm(forms.ModelForm):
    secret = forms.CharField(
        label=_("signing secret"), required=False, max_length=200, widget=forms.PasswordInput(render_value=False),
        help_text=_("DingTalk robots with “additional signature” security. Leave blank to keep the stored one."),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "kind", "url", "secret", "node", "is_active"]

    def __init__(self, *args, nodes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = nodes


class LaggardRuleForm(forms.ModelForm):
    class Meta:
        model = LaggardRule
        fields = list(RULE_FIELDS)
