from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import NodeKind
from .models import TerritoryNode


class NodeCreateForm(forms.Form):
    code = forms.CharField(label=_("code"), max_length=32)
    name = forms.CharField(label=_("name"), max_length=100)
    kind = forms.ChoiceField(label=_("kind"), choices=[c for c in NodeKind.choices if c[0] != NodeKind.COMPANY])
    parent = forms.ModelChoiceField(label=_("parent"), queryset=TerritoryNode.objects.none())

    def __init__(self, *args, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents


class NodeRenameForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=100)


class NodeMoveForm(forms.Form):
    new_parent = forms.ModelChoiceField(label=_("new parent"), queryset=TerritoryNode.objects.none())

    def __init__(self, *args, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_parent"].queryset = parents


class ConfirmForm(forms.Form):
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class StaffAssignForm(forms.Form):
    node = forms.ModelChoiceField(label=_("territory node"), queryset=TerritoryNode.objects.none())

    def __init__(self, *args, nodes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = nodes
