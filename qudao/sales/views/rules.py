from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qudao.ui.views import ScopedDetailView, ScopedListView, ServiceFormView

from .. import services
from ..filtersets import EffectiveRuleFilterSet
from ..forms import EffectiveRuleForm
from ..permissions import can_edit_effective_rules
from ..selectors import effective_rules_visible_to
from ..tables import EffectiveRuleTable


class EffectiveRuleListView(ScopedListView):
    scope = staticmethod(effective_rules_visible_to)
    filterset_class = EffectiveRuleFilterSet
    table_class = EffectiveRuleTable
    title = gettext_lazy("Effective development rule")
    actions = ((gettext_lazy("New rule version"), "sales:rule_create", can_edit_effective_rules),)


class EffectiveRuleDetailView(ScopedDetailView):
    scope = staticmethod(effective_rules_visible_to)
    template_name = "sales/rule_detail.html"
    fields = ("valid_from", "require_activation", "require_payment", "within_days", "note", "created_by")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "can_edit": can_edit_effective_rules(self.request.user)}


class _RuleFormView(ServiceFormView):
    scope = staticmethod(effective_rules_visible_to)
    permission = staticmethod(can_edit_effective_rules)
    form_class = EffectiveRuleForm

    def perform(self, form):
        return services.effective_rule_save(rule=self.object, data=form.cleaned_data, by=self.request.user)

    def success_message(self, result) -> str:
        return _("Saved. The records this rule governs are being verified again in the background.")


class EffectiveRuleCreateView(_RuleFormView):
    title = gettext_lazy("New rule version")
    needs_object = False


class EffectiveRuleEditView(_RuleFormView):
    title = gettext_lazy("Edit rule version")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": type(self.object).objects.get(pk=self.object.pk)}
