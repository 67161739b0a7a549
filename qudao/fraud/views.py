"""Fraud screening pages: runs (start, progress), flags (review per record), outlet risk (review
per outlet). Views only translate: scope, parse, call one service, render."""

from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qudao.core.money import format_yuan, to_fen, to_yuan
from qudao.ui.views import ScopedDetailView, ScopedListView, ServiceFormView

from . import services
from .exports import flags_table
from .filtersets import (
    FraudFlagFilterSet,
    FraudRuleFilterSet,
    OutletRiskFilterSet,
    ScreeningRunFilterSet,
)
from .forms import FraudPolicyForm, FraudRuleForm, ReviewForm, ScreeningForm
from .models import FraudFlag, FraudPolicy
from .permissions import can_configure_rules, can_review_fraud, can_screen
from .selectors import (
    flags_visible_to,
    fraud_policy_visible_to,
    fraud_rules_visible_to,
    reads_fraud_settings,
    record_flags,
    risks_visible_to,
    runs_visible_to,
)
from .tables import (
    FraudFlagTable,
    FraudRuleTable,
    OutletRiskTable,
    ScreeningRunTable,
    describe_params,
)


class RunListView(ScopedListView):
    scope = staticmethod(runs_visible_to)
    filterset_class = ScreeningRunFilterSet
    table_class = ScreeningRunTable
    title = gettext_lazy("Fraud screening runs")
    actions = ((gettext_lazy("Screen a period"), "fraud:run_create", can_screen),)


class RunDetailView(ScopedDetailView):
    """While the run works, its status part polls itself with htmx."""

    scope = staticmethod(runs_visible_to)
    template_name = "fraud/run_detail.html"
    show_history = False


class RunProgressView(RunDetailView):
    template_name = "fraud/run_detail.html#status"


class RunCreateView(ServiceFormView):
    scope = staticmethod(runs_visible_to)
    permission = staticmethod(can_screen)
    form_class = ScreeningForm
    title = gettext_lazy("Screen a period")
    needs_object = False

    def perform(self, form):
        return services.start_screening(user=self.request.user, **form.cleaned_data)

    def success_message(self, result) -> str:
        return _("Screening queued; this page shows its progress.")


class FlagListView(ScopedListView):
    scope = staticmethod(flags_visible_to)
    filterset_class = FraudFlagFilterSet
    table_class = FraudFlagTable
    title = gettext_lazy("Fraud flags")
    exporter = staticmethod(flags_table)
    export_name = "fraud-flags"


class FlagDetailView(ScopedDetailView):
    scope = staticmethod(flags_visible_to)
    template_name = "fraud/flag_detail.html"
    fields = ("external_id", "period", "sold_on", "outlet", "agent", "rule", "score", "detail", "status",
              "reviewed_by", "reviewed_at", "review_comment", "penalty")
    show_history = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        flags = record_flags(self.object)
        context.update(record_flags=flags, can_review=can_review_fraud(self.request.user)
                       and any(f.status == "open" for f in flags))
        return context


class _ReviewView(ServiceFormView):
    permission = staticmethod(can_review_fraud)
    form_class = ReviewForm
    confirm = False

    def flags(self):
        raise NotImplementedError

    def perform(self, form):
        comment = form.cleaned_data["comment"]
        if self.confirm:
            penalties = services.confirm_fraud(flags=self.flags(), user=self.request.user, comment=comment)
            messages.info(self.request, _("%(n)d penalty proposal(s) await approval.") % {"n": len(penalties)})
        else:
            services.clear_flags(flags=self.flags(), user=self.request.user, comment=comment)
        return self.object

    def success_message(self, result) -> str:
        return _("Fraud confirmed.") if self.confirm else _("Flags cleared.")


class _RecordReview(_ReviewView):
    scope = staticmethod(flags_visible_to)

    def flags(self):
        return record_flags(self.object)


class FlagClearView(_RecordReview):
    title = gettext_lazy("Clear this record's flags")


class FlagConfirmView(_RecordReview):
    title = gettext_lazy("Confirm fraud on this record")
    confirm = True


class RiskListView(ScopedListView):
    scope = staticmethod(risks_visible_to)
    filterset_class = OutletRiskFilterSet
    table_class = OutletRiskTable
    title = gettext_lazy("Outlet risk")


class RiskDetailView(ScopedDetailView):
    scope = staticmethod(risks_visible_to)
    template_name = "fraud/risk_detail.html"
    fields = ("outlet", "period", "score", "records", "flagged")
    show_history = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        flags = _outlet_flags(self.object)
        context.update(flags=flags, can_review=can_review_fraud(self.request.user)
                       and flags.filter(status="open").exists())
        return context


def _outlet_flags(risk):
    return FraudFlag.objects.filter(outlet_id=risk.outlet_id, period=risk.period).select_related("reviewed_by")


class _OutletReview(_ReviewView):
    scope = staticmethod(risks_visible_to)

    def flags(self):
        return _outlet_flags(self.object)


class RiskClearView(_OutletReview):
    title = gettext_lazy("Clear every open flag of this outlet")


class RiskConfirmView(_OutletReview):
    title = gettext_lazy("Confirm fraud on every open flag of this outlet")
    confirm = True


class RuleListView(ScopedListView):
    scope = staticmethod(fraud_rules_visible_to)
    filterset_class = FraudRuleFilterSet
    table_class = FraudRuleTable
    title = gettext_lazy("Screening rules")
    actions = ((gettext_lazy("Review policy"), "fraud:policy_detail", reads_fraud_settings),)


class RuleDetailView(ScopedDetailView):
    scope = staticmethod(fraud_rules_visible_to)
    template_name = "fraud/rule_detail.html"
    fields = ("kind", "enabled", "weight", "updated_at", "updated_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"].insert(3, (_("parameters"), describe_params(self.object)))
        return {**context, "can_edit": can_configure_rules(self.request.user)}


class RuleEditView(ServiceFormView):
    scope = staticmethod(fraud_rules_visible_to)
    permission = staticmethod(can_configure_rules)
    form_class = FraudRuleForm
    title = gettext_lazy("Edit screening rule")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "rule": self.object}

    def perform(self, form):
        return services.fraud_rule_update(rule=self.object, by=self.request.user, **form.changes())

    def success_message(self, result) -> str:
        return _("Saved. The next screening uses these settings.")


class _PolicyObject:
    """The one policy row, through its scoping function (404 beyond it, like any object)."""

    scope = staticmethod(fraud_policy_visible_to)

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_queryset(), pk=FraudPolicy.SINGLETON_PK)


class PolicyDetailView(_PolicyObject, ScopedDetailView):
    template_name = "fraud/policy_detail.html"
    fields = ("updated_at", "updated_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        penalty = format_yuan(self.object.penalty_per_record_fen)
        context["summary"].insert(0, (_("penalty per confirmed record (yuan)"), penalty))
        return {**context, "can_edit": can_configure_rules(self.request.user)}


class PolicyEditView(_PolicyObject, ServiceFormView):
    permission = staticmethod(can_configure_rules)
    form_class = FraudPolicyForm
    title = gettext_lazy("Edit review policy")

    def get_initial(self):
        return {"penalty": to_yuan(self.object.penalty_per_record_fen)}

    def perform(self, form):
        return services.fraud_policy_update(penalty_per_record_fen=to_fen(form.cleaned_data["penalty"]),
                                            by=self.request.user)

    def success_url_for(self, result) -> str:
        return reverse("fraud:policy_detail")
