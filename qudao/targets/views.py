from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qudao.core.events import events_for
from qudao.ui.imports import ImportView
from qudao.ui.views import ScopedDetailView, ScopedListView, ServiceFormView

from . import services
from .calendar import month_overview
from .decomposition import (
    Group,
    child_slots,
    children_sums,
    format_value,
    is_consistent,
    mismatch_message,
)
from .exports import target_table
from .filtersets import CalendarExceptionFilterSet, TargetFilterSet
from .forms import (
    CalendarExceptionForm,
    ConfirmForm,
    DecompositionForm,
    TargetForm,
    TargetValueForm,
)
from .importers import CalendarImporter, TargetImporter
from .models import CalendarException, Target
from .permissions import can_decompose, can_edit_calendar, can_manage_targets, can_set_target
from .selectors import calendar_exceptions_visible_to, targets_visible_to
from .suggest import suggest_split
from .tables import CalendarExceptionTable, TargetTable

# --- targets ---------------------------------------------------------------------------------


class TargetListView(ScopedListView):
    scope = staticmethod(targets_visible_to)
    filterset_class = TargetFilterSet
    table_class = TargetTable
    title = gettext_lazy("Targets")
    exporter = staticmethod(target_table)
    export_name = "targets"
    actions = (
        (gettext_lazy("New target"), "targets:target_create", can_manage_targets),
        (gettext_lazy("Import"), "targets:target_import", can_manage_targets),
    )


def _balance(target: Target) -> dict:
    """The children's total against the target, for banners."""
    if target.node is None:
        return {}
    total, count = children_sums(Group.of(target), [target.node]).get(target.node_id, (0, 0))
    consistent = is_consistent(target.value, (total, count))
    return {
        "children_total": format_value(target.metric, total), "children_count": count, "consistent": consistent,
        "balance_message": "" if consistent else mismatch_message(
            parent_label=str(target.node), metric=target.metric, parent_value=target.value, total=total),
    }


def _parent_target(target: Target):
    parent = target.node.parent if target.node_id else target.outlet.grid
    if parent is None:
        return None
    return Group.of(target).targets().filter(node=parent).first()


class TargetDetailView(ScopedDetailView):
    scope = staticmethod(targets_visible_to)
    template_name = "targets/target_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        target, user = self.object, self.request.user
        slots = child_slots(target)
        parent = _parent_target(target)
        context.update(
            summary=[
                (_("node or outlet"), target.holder), (_("period"), target.period_label),
                (_("metric"), target.get_metric_display()),
                (_("product category"), target.get_category_display() or _("All categories")),
                (_("target"), format_value(target.metric, target.value)),
            ],
            slots=[(slot, format_value(target.metric, slot.value)) for slot in slots],
            parent_target=parent if parent and targets_visible_to(user).filter(pk=parent.pk).exists() else None,
            can_edit=can_set_target(user, node=target.node, outlet=target.outlet),
            can_decompose=target.node is not None and can_decompose(user, target.node),
            events=events_for(target),
            **_balance(target),
        )
        return context


class TargetCreateView(ServiceFormView):
    scope = staticmethod(targets_visible_to)
    permission = staticmethod(can_manage_targets)
    form_class = TargetForm
    title = gettext_lazy("New target")
    needs_object = False

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        return {key: self.request.GET[key] for key in ("code", "period", "metric", "category") if key in self.request.GET}

    def perform(self, form):
        return services.target_create(**form.service_kwargs(), by=self.request.user)


class TargetEditView(ServiceFormView):
    scope = staticmethod(targets_visible_to)
    permission = staticmethod(can_manage_targets)
    form_class = TargetValueForm
    title = gettext_lazy("Change target")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "target": self.object}

    def perform(self, form):
        return services.target_update(target=self.object, value=form.stored(), by=self.request.user)


class TargetDecomposeView(ServiceFormView):
    """The children of a node target with their values; the remainder updates as you type, the
    service refuses a split that does not add up. `?suggest=1` pre-fills the suggested split."""

    scope = staticmethod(targets_visible_to)
    permission = staticmethod(can_manage_targets)
    form_class = DecompositionForm
    template_name = "targets/decompose.html"

    @property
    def title(self):
        return _("Decompose %(target)s") % {"target": self.object}

    def get_form_kwargs(self):
        self.slots = child_slots(self.object)
        suggestions = suggest_split(self.object) if self.request.GET.get("suggest") and self.object.node_id else []
        self.suggestions = {s.slot.key: s for s in suggestions}
        initial = {key: s.suggested for key, s in self.suggestions.items()}
        return {**super().get_form_kwargs(), "slots": self.slots, "metric": self.object.metric, "initial_values": initial}

    def perform(self, form):
        services.target_decompose(target=self.object, values=form.values(), by=self.request.user)
        return self.object

    def success_message(self, result):
        return _("The decomposition is saved.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        target = self.object
        form = context["form"]
        context.update(
            decompose_rows=[(slot, form[slot.field_name], _history(target.metric, self.suggestions.get(slot.key)))
                            for slot in form.slots],
            target=target, target_display=format_value(target.metric, target.value),
            is_revenue=target.metric == "revenue_fen", suggestions=self.suggestions,
            can_decompose=target.node is not None and can_decompose(self.request.user, target.node),
            **_balance(target),
        )
        return context


def _history(metric: str, suggestion) -> str:
    return format_value(metric, suggestion.history) if suggestion else ""


class TargetImportView(ImportView):
    importer = TargetImporter
    permission = staticmethod(can_manage_targets)
    title = gettext_lazy("Import targets")
    back_url_name = "targets:target_list"


# --- calendar --------------------------------------------------------------------------------


class CalendarListView(ScopedListView):
    scope = staticmethod(calendar_exceptions_visible_to)
    filterset_class = CalendarExceptionFilterSet
    table_class = CalendarExceptionTable
    template_name = "targets/calendar_list.html"
    title = gettext_lazy("Working-day calendar")
    actions = (
        (gettext_lazy("New entry"), "targets:calendar_create", can_edit_calendar),
        (gettext_lazy("Import the holiday notice"), "targets:calendar_import", can_edit_calendar),
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = self.request.GET.get("year", "")
        context["overview_year"], context["months"] = month_overview(int(year) if year.isdigit() else None)
        return context


class CalendarDetailView(ScopedDetailView):
    scope = staticmethod(calendar_exceptions_visible_to)
    template_name = "targets/calendar_detail.html"
    fields = ("date", "is_workday", "name")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "can_edit": can_edit_calendar(self.request.user)}


class CalendarCreateView(ServiceFormView):
    scope = staticmethod(calendar_exceptions_visible_to)
    permission = staticmethod(can_edit_calendar)
    form_class = CalendarExceptionForm
    title = gettext_lazy("New calendar entry")
    needs_object = False

    def perform(self, form):
        data = form.cleaned_data
        return services.calendar_day_save(day=data["date"], is_workday=data["is_workday"], name=data["name"],
                                          by=self.request.user)


class CalendarEditView(CalendarCreateView):
    title = gettext_lazy("Edit calendar entry")
    needs_object = True

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": CalendarException.objects.get(pk=self.object.pk)}

    def perform(self, form):
        data = form.cleaned_data
        return services.calendar_day_save(day=data["date"], is_workday=data["is_workday"], name=data["name"],
                                          by=self.request.user, exception=self.object)


class CalendarDeleteView(ServiceFormView):
    scope = staticmethod(calendar_exceptions_visible_to)
    permission = staticmethod(can_edit_calendar)
    form_class = ConfirmForm
    title = gettext_lazy("Delete calendar entry")

    def perform(self, form):
        services.calendar_day_delete(exception=self.object, by=self.request.user)
        return None

    def success_message(self, result):
        return _("Deleted.")

    def success_url_for(self, result):
        from django.urls import reverse

        return reverse("targets:calendar_list")


class CalendarImportView(ImportView):
    importer = CalendarImporter
    permission = staticmethod(can_edit_calendar)
    title = gettext_lazy("Import the holiday notice")
    back_url_name = "targets:calendar_list"


