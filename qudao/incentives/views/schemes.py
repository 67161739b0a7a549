import json

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qudao.core.errors import BusinessRuleError
from qudao.territory.selectors import nodes_within_reach
from qudao.ui.views import ScopedDetailView, ScopedListView, ServiceFormView

from .. import services
from ..choices import VersionStatus
from ..filtersets import SchemeVersionFilterSet
from ..forms import ConfirmForm, ReviewForm, SchemeVersionForm, WhatIfForm
from ..permissions import can_review_schemes, can_write_schemes
from ..rules import parse_rules
from ..selectors import done_runs, scheme_versions_visible_to, version_events
from ..tables import SchemeVersionTable
from ..whatif import what_if

EXAMPLE = [{"key": "unit", "kind": "per_unit", "amounts": {"mobile_plan": "20.00"}}]


class VersionListView(ScopedListView):
    scope = staticmethod(scheme_versions_visible_to)
    filterset_class = SchemeVersionFilterSet
    table_class = SchemeVersionTable
    title = gettext_lazy("Incentive schemes")
    actions = ((gettext_lazy("New scheme version"), "incentives:version_create", can_write_schemes),)


class VersionDetailView(ScopedDetailView):
    """Rules rendered readable and as raw JSON; the buttons the reader's permissions allow."""

    scope = staticmethod(scheme_versions_visible_to)
    template_name = "incentives/version_detail.html"
    fields = ("scheme", "number", "status", "effective_from", "effective_to", "channel_types", "created_by",
              "submitted_by", "submitted_at", "approved_by", "approved_at")
    show_history = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        version, user = self.object, self.request.user
        rules, errors = parse_rules(version.rules)
        context.update(
            rules=rules, rule_errors=errors, raw=json.dumps(version.rules, ensure_ascii=False, indent=2),
            nodes=version.nodes.all(), events=version_events(version),
            can_edit=version.is_editable and can_write_schemes(user),
            can_submit=version.status == VersionStatus.DRAFT and can_write_schemes(user),
            can_review=version.status == VersionStatus.SUBMITTED and can_review_schemes(user)
            and user.pk not in (version.submitted_by_id, version.created_by_id),
        )
        return context


class _VersionForm(ServiceFormView):
    scope = staticmethod(scheme_versions_visible_to)
    permission = staticmethod(can_write_schemes)
    form_class = SchemeVersionForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "nodes": nodes_within_reach(self.request.user)}


class VersionCreateView(_VersionForm):
    title = gettext_lazy("New scheme version")
    needs_object = False

    def get_initial(self):
        return {"rules": json.dumps(EXAMPLE, indent=2)}

    def perform(self, form):
        return services.version_create(by=self.request.user, **form.cleaned_data)


class VersionEditView(_VersionForm):
    title = gettext_lazy("Edit the draft")

    def get_initial(self):
        v = self.object
        return {"scheme_code": v.scheme.code, "scheme_name": v.scheme.name, "effective_from": v.effective_from,
                "effective_to": v.effective_to, "channel_types": v.channel_types, "nodes": list(v.nodes.all()),
                "rules": json.dumps(v.rules, ensure_ascii=False, indent=2)}

    def perform(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("scheme_code", "scheme_name")}
        return services.version_update(version=self.object, by=self.request.user, **data)


class VersionSubmitView(ServiceFormView):
    scope = staticmethod(scheme_versions_visible_to)
    permission = staticmethod(can_write_schemes)
    form_class = ConfirmForm
    title = gettext_lazy("Submit for review")

    def perform(self, form):
        return services.version_submit(version=self.object, by=self.request.user)

    def success_message(self, result):
        return _("Submitted for review.")


class VersionApproveView(ServiceFormView):
    scope = staticmethod(scheme_versions_visible_to)
    permission = staticmethod(can_review_schemes)
    form_class = ReviewForm
    title = gettext_lazy("Approve the version")

    def perform(self, form):
        return services.version_approve(version=self.object, by=self.request.user, **form.cleaned_data)

    def success_message(self, result):
        return _("Approved.")


class VersionRejectView(VersionApproveView):
    title = gettext_lazy("Reject the version")

    def perform(self, form):
        return services.version_reject(version=self.object, by=self.request.user, **form.cleaned_data)

    def success_message(self, result):
        return _("Rejected.")


class VersionWhatIfView(ServiceFormView):
    """Costs of this version on a done run's snapshot against the run's result (nothing is written)."""

    scope = staticmethod(scheme_versions_visible_to)
    permission = staticmethod(can_write_schemes)
    form_class = WhatIfForm
    template_name = "incentives/whatif.html"
    title = gettext_lazy("What if")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "runs": done_runs()}

    def form_valid(self, form):
        try:
            result = what_if(version=self.object, run=form.cleaned_data["run"])
        except BusinessRuleError as exc:
            form.add_error(None, exc.messages[0])
            return self.form_invalid(form)
        return self.render_to_response(self.get_context_data(form=form, result=result))
