from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qudao.accounts.permissions import can_approve, can_write_master_data
from qudao.core.events import events_for
from qudao.territory.selectors import grids_within_reach, nodes_within_reach, users_visible_to
from qudao.ui.imports import ImportView
from qudao.ui.views import ScopedDetailView, ScopedListView, ServiceFormView

from . import services
from .choices import OutletStatus, RequestKind, RequestStatus
from .exports import agent_table, outlet_table
from .filtersets import AgentFilterSet, OutletFilterSet, OutletRequestFilterSet
from .forms import (
    AgentCreateForm,
    AgentForm,
    DecisionForm,
    LifecycleRequestForm,
    MergeRequestForm,
    OutletApplyForm,
    OutletForm,
    TransferRequestForm,
)
from .importers import AgentImporter, OutletImporter
from .selectors import (
    agents_visible_to,
    assignment_history,
    outlet_requests_visible_to,
    outlets_visible_to,
)
from .tables import AgentTable, OutletRequestTable, OutletTable


def _active_agents(user):
    return agents_visible_to(user).filter(status="active")


# --- agents ----------------------------------------------------------------------------------

class AgentListView(ScopedListView):
    scope = staticmethod(agents_visible_to)
    filterset_class = AgentFilterSet
    table_class = AgentTable
    title = gettext_lazy("Agents")
    exporter = staticmethod(agent_table)
    export_name = "agents"
    actions = (
        (gettext_lazy("New agent"), "channels:agent_create", can_write_master_data),
        (gettext_lazy("Import"), "channels:agent_import", can_write_master_data),
    )


class AgentDetailView(ScopedDetailView):
    scope = staticmethod(agents_visible_to)
    template_name = "channels/agent_detail.html"
    fields = (
        "code", "name", "credit_code", "channel_type", "territory", "legal_representative", "contact_name",
        "contact_phone", "address", "contract_no", "contract_start", "contract_end", "bank_name", "grade",
        "manager", "status",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agent = self.object
        context.update(
            outlets=outlets_visible_to(self.request.user).filter(agent=agent)[:200],
            can_edit=can_write_master_data(self.request.user),
        )
        return context


class AgentCreateView(ServiceFormView):
    scope = staticmethod(agents_visible_to)
    permission = staticmethod(can_write_master_data)
    form_class = AgentCreateForm
    title = gettext_lazy("New agent")
    needs_object = False

    def get_form_kwargs(self):
        user = self.request.user
        return {**super().get_form_kwargs(), "managers": users_visible_to(user).exclude(role="agent_user"),
                "territories": nodes_within_reach(user).filter(is_active=True)}

    def perform(self, form):
        return services.agent_create(
            code=form.cleaned_data["code"], territory=form.cleaned_data["territory"], data=form.service_data(), by=self.request.user
        )


class AgentEditView(ServiceFormView):
    scope = staticmethod(agents_visible_to)
    permission = staticmethod(can_write_master_data)
    form_class = AgentForm
    title = gettext_lazy("Edit agent")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(instance=type(self.object).objects.get(pk=self.object.pk),
                      managers=users_visible_to(self.request.user).exclude(role="agent_user"))
        return kwargs

    def perform(self, form):
        return services.agent_update(agent=self.object, data=form.service_data(), by=self.request.user)


# --- outlets ---------------------------------------------------------------------------------

class OutletListView(ScopedListView):
    scope = staticmethod(outlets_visible_to)
    filterset_class = OutletFilterSet
    table_class = OutletTable
    title = gettext_lazy("Outlets")
    exporter = staticmethod(outlet_table)
    export_name = "outlets"
    actions = (
        (gettext_lazy("Apply for a new outlet"), "channels:outlet_apply", can_write_master_data),
        (gettext_lazy("Import"), "channels:outlet_import", can_write_master_data),
    )


class OutletDetailView(ScopedDetailView):
    scope = staticmethod(outlets_visible_to)
    template_name = "channels/outlet_detail.html"
    fields = ("code", "name", "address", "latitude", "longitude", "grid", "agent", "outlet_type", "opening_date",
              "status", "merged_into", "closed_on")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        outlet, user = self.object, self.request.user
        writable = can_write_master_data(user) and not user.is_agent_user
        context.update(
            assignments=assignment_history(outlet),
            events=events_for(outlet),
            requests=outlet.requests.select_related("requested_by")[:20],
            can_edit=writable,
            lifecycle_actions=_lifecycle_actions(outlet) if writable else [],
        )
        return context


def _lifecycle_actions(outlet) -> list[tuple[str, str]]:
    if outlet.requests.filter(status=RequestStatus.PENDING).exists():
        return []
    by_status = {
        OutletStatus.ACTIVE: [RequestKind.SUSPEND, RequestKind.TRANSFER, RequestKind.MERGE, RequestKind.CLOSE],
        OutletStatus.SUSPENDED: [RequestKind.RESUME, RequestKind.TRANSFER, RequestKind.MERGE, RequestKind.CLOSE],
    }
    return [(kind.value, kind.label) for kind in by_status.get(outlet.status, [])]


class OutletEditView(ServiceFormView):
    scope = staticmethod(outlets_visible_to)
    permission = staticmethod(can_write_master_data)
    form_class = OutletForm
    title = gettext_lazy("Edit outlet")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": type(self.object).objects.get(pk=self.object.pk)}

    def perform(self, form):
        data = {f: form.cleaned_data[f] for f in form._meta.fields}
        return services.outlet_update(outlet=self.object, data=data, by=self.request.user)


class OutletApplyView(ServiceFormView):
    scope = staticmethod(outlets_visible_to)
    permission = staticmethod(can_write_master_data)
    form_class = OutletApplyForm
    title = gettext_lazy("Apply for a new outlet")
    needs_object = False

    def get_form_kwargs(self):
        user = self.request.user
        return {**super().get_form_kwargs(), "grids": grids_within_reach(user), "agents": _active_agents(user)}

    def perform(self, form):
        return services.outlet_apply(**form.cleaned_data, by=self.request.user)

    def success_message(self, result):
        return _("Application submitted; it takes effect when approved.")


class OutletRequestCreateView(ServiceFormView):
    """One view for suspend/resume/merge/transfer/close; the form depends on the kind."""

    scope = staticmethod(outlets_visible_to)
    permission = staticmethod(can_write_master_data)
    forms_by_kind = {RequestKind.MERGE: MergeRequestForm, RequestKind.TRANSFER: TransferRequestForm}

    def dispatch(self, request, *args, **kwargs):
        if kwargs["kind"] not in RequestKind.values or kwargs["kind"] == RequestKind.OPEN:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @property
    def kind(self) -> RequestKind:
        return RequestKind(self.kwargs["kind"])

    def get_form_class(self):
        return self.forms_by_kind.get(self.kind, LifecycleRequestForm)

    def get_form_kwargs(self):
        kwargs, user = super().get_form_kwargs(), self.request.user
        if self.kind == RequestKind.MERGE:
            kwargs["outlets"] = outlets_visible_to(user).filter(status=OutletStatus.ACTIVE).exclude(pk=self.object.pk)
        if self.kind == RequestKind.TRANSFER:
            kwargs.update(agents=_active_agents(user), grids=grids_within_reach(user))
        return kwargs

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "title": _("Request: %(kind)s") % {"kind": self.kind.label}}

    def perform(self, form):
        return services.outlet_request_create(outlet=self.object, kind=self.kind, by=self.request.user, **form.cleaned_data)

    def success_message(self, result):
        return _("Request submitted; it takes effect when approved.")


# --- requests --------------------------------------------------------------------------------

class OutletRequestListView(ScopedListView):
    scope = staticmethod(outlet_requests_visible_to)
    filterset_class = OutletRequestFilterSet
    table_class = OutletRequestTable
    title = gettext_lazy("Outlet requests")


class OutletRequestDetailView(ScopedDetailView):
    scope = staticmethod(outlet_requests_visible_to)
    template_name = "channels/request_detail.html"
    fields = ("kind", "outlet", "effective_date", "target_outlet", "new_agent", "new_grid", "reason", "status",
              "requested_by", "decided_by", "decided_at", "decision_note")
    show_history = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request, user = self.object, self.request.user
        pending = request.status == RequestStatus.PENDING
        context.update(
            events=events_for(request),
            can_decide=pending and can_approve(user) and request.requested_by_id != user.pk,
            can_cancel=pending and request.requested_by_id == user.pk,
        )
        return context


class _DecisionView(ServiceFormView):
    scope = staticmethod(outlet_requests_visible_to)
    form_class = DecisionForm
    service = None

    def perform(self, form):
        return type(self).service(request=self.object, by=self.request.user, **form.cleaned_data)


class OutletRequestApproveView(_DecisionView):
    permission = staticmethod(can_approve)
    service = staticmethod(services.outlet_request_approve)
    title = gettext_lazy("Approve request")

    def success_message(self, result):
        return _("Approved and carried out.")


class OutletRequestRejectView(_DecisionView):
    permission = staticmethod(can_approve)
    service = staticmethod(services.outlet_request_reject)
    title = gettext_lazy("Reject request")

    def success_message(self, result):
        return _("Rejected.")


class OutletRequestCancelView(ServiceFormView):
    scope = staticmethod(outlet_requests_visible_to)
    permission = staticmethod(can_write_master_data)
    form_class = DecisionForm
    title = gettext_lazy("Withdraw request")

    def perform(self, form):
        return services.outlet_request_cancel(request=self.object, by=self.request.user)

    def success_message(self, result):
        return _("Withdrawn.")


class AgentImportView(ImportView):
    importer = AgentImporter
    permission = staticmethod(can_write_master_data)
    title = gettext_lazy("Import agents")
    back_url_name = "channels:agent_list"


class OutletImportView(ImportView):
    importer = OutletImporter
    permission = staticmethod(can_write_master_data)
    title = gettext_lazy("Import outlets (existing network)")
    back_url_name = "channels:outlet_list"
