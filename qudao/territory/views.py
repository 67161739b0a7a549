from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qudao.accounts.permissions import can_admin_org
from qudao.core.events import events_for
from qudao.ui.imports import ImportView
from qudao.ui.views import ScopedDetailView, ScopedListView, ServiceFormView

from . import services
from .exports import staff_table, territory_table
from .filtersets import StaffAssignmentFilterSet, TerritoryNodeFilterSet
from .forms import ConfirmForm, NodeCreateForm, NodeMoveForm, NodeRenameForm, StaffAssignForm
from .importers import StaffImporter, TerritoryImporter
from .selectors import (
    nodes_visible_to,
    nodes_within_reach,
    staff_assignments_visible_to,
    users_visible_to,
)
from .tables import StaffAssignmentTable, TerritoryNodeTable, UserTable


class NodeListView(ScopedListView):
    scope = staticmethod(nodes_visible_to)
    filterset_class = TerritoryNodeFilterSet
    table_class = TerritoryNodeTable
    title = gettext_lazy("Territory")
    paginate_by = 100
    exporter = staticmethod(territory_table)
    export_name = "territory"
    actions = (
        (gettext_lazy("New node"), "territory:node_create", can_admin_org),
        (gettext_lazy("Import"), "territory:node_import", can_admin_org),
    )


class NodeDetailView(ScopedDetailView):
    scope = staticmethod(nodes_visible_to)
    template_name = "territory/node_detail.html"
    fields = ("code", "name", "kind", "parent", "is_active", "retired_on")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        node = self.object
        visible = nodes_visible_to(self.request.user)
        context.update(
            children=visible.filter(parent=node),
            staff=staff_assignments_visible_to(self.request.user).filter(node=node),
            events=events_for(node),
            can_edit=can_admin_org(self.request.user) and nodes_within_reach(self.request.user).filter(pk=node.pk).exists(),
        )
        return context


class _NodeAction(ServiceFormView):
    scope = staticmethod(nodes_within_reach)
    permission = staticmethod(can_admin_org)


class NodeCreateView(_NodeAction):
    form_class = NodeCreateForm
    title = gettext_lazy("New territory node")
    needs_object = False

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "parents": nodes_within_reach(self.request.user).filter(is_active=True)}

    def perform(self, form):
        data = form.cleaned_data
        return services.node_create(code=data["code"], name=data["name"], kind=data["kind"], parent=data["parent"], by=self.request.user)


class NodeRenameView(_NodeAction):
    form_class = NodeRenameForm
    title = gettext_lazy("Rename")

    def get_initial(self):
        return {"name": self.object.name}

    def perform(self, form):
        return services.node_update(node=self.object, name=form.cleaned_data["name"], by=self.request.user)


class NodeMoveView(_NodeAction):
    form_class = NodeMoveForm
    title = gettext_lazy("Move node")

    def get_form_kwargs(self):
        parents = nodes_within_reach(self.request.user).filter(is_active=True).exclude(pk=self.object.pk)
        return {**super().get_form_kwargs(), "parents": parents}

    def perform(self, form):
        return services.node_move(node=self.object, new_parent=form.cleaned_data["new_parent"], by=self.request.user)

    def success_message(self, result):
        return _("Moved.")


class NodeRetireView(_NodeAction):
    form_class = ConfirmForm
    title = gettext_lazy("Retire node")

    def perform(self, form):
        return services.node_retire(node=self.object, by=self.request.user)

    def success_message(self, result):
        return _("Retired.")


class StaffAssignmentListView(ScopedListView):
    scope = staticmethod(staff_assignments_visible_to)
    filterset_class = StaffAssignmentFilterSet
    table_class = StaffAssignmentTable
    title = gettext_lazy("Staff assignments")
    exporter = staticmethod(staff_table)
    export_name = "staff"
    actions = ((gettext_lazy("Import staff"), "territory:staff_import", can_admin_org),)


class UserListView(ScopedListView):
    scope = staticmethod(users_visible_to)
    table_class = UserTable
    title = gettext_lazy("People")

    def get_filterset_class(self):
        from qudao.accounts.filtersets import UserFilterSet

        return UserFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("reports_to")


class UserDetailView(ScopedDetailView):
    scope = staticmethod(users_visible_to)
    template_name = "territory/user_detail.html"
    fields = ("username", "display_name", "role", "phone", "reports_to", "language")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["assignments"] = self.object.assignments.select_related("node")
        context["can_assign"] = can_admin_org(user) and not self.object.is_agent_user
        context["removable"] = set(
            staff_assignments_visible_to(user).filter(user=self.object, node__in=nodes_within_reach(user)).values_list("pk", flat=True)
        ) if context["can_assign"] else set()
        return context


class StaffAssignView(ServiceFormView):
    scope = staticmethod(users_visible_to)
    permission = staticmethod(can_admin_org)
    form_class = StaffAssignForm
    title = gettext_lazy("Assign to a territory node")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "nodes": nodes_within_reach(self.request.user).filter(is_active=True)}

    def perform(self, form):
        services.staff_assign(user=self.object, node=form.cleaned_data["node"], by=self.request.user)
        return self.object

    def success_url_for(self, result):
        return reverse("territory:user_detail", args=[result.pk])


class StaffUnassignView(ServiceFormView):
    """Only assignments to nodes within the remover's own reach can be removed."""

    scope = staticmethod(staff_assignments_visible_to)
    permission = staticmethod(can_admin_org)
    form_class = ConfirmForm
    title = gettext_lazy("Remove assignment")

    def get_queryset(self):
        return super().get_queryset().filter(node__in=nodes_within_reach(self.request.user))

    def perform(self, form):
        person = self.object.user
        services.staff_unassign(assignment=self.object, by=self.request.user)
        return person

    def success_message(self, result):
        return _("Assignment removed.")

    def success_url_for(self, result):
        return reverse("territory:user_detail", args=[result.pk])


class TerritoryImportView(ImportView):
    importer = TerritoryImporter
    permission = staticmethod(can_admin_org)
    title = gettext_lazy("Import territory nodes")
    back_url_name = "territory:node_list"


class StaffImportView(ImportView):
    importer = StaffImporter
    permission = staticmethod(can_admin_org)
    title = gettext_lazy("Import staff")
    back_url_name = "territory:assignment_list"
