"""Declared CRUD: a list or detail page is a few attributes on these classes.

Every view reads through `scope` (a function user → queryset, the model's one scoping
function), so an object out of reach answers 404 exactly like a missing one.
"""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from qudao.core.exporting import export_response
from qudao.core.history import change_history


class ScopedObjectMixin(LoginRequiredMixin):
    scope: Callable = None  # declare as staticmethod(selector)
    lookup_field = "pk"

    def get_queryset(self):
        return type(self).scope(self.request.user)

    def get_object(self, queryset=None):
        queryset = self.get_queryset() if queryset is None else queryset
        return get_object_or_404(queryset, **{self.lookup_field: self.kwargs[self.lookup_field]})


class ListResultsMixin:
    """A list page answers an htmx filter request with only its results part."""

    def get_template_names(self):
        if getattr(self.request, "htmx", False) and not self.request.htmx.boosted:
            return [f"{self.template_name}#results"]
        return [self.template_name]


class ScopedListView(ListResultsMixin, ScopedObjectMixin, SingleTableMixin, FilterView):
    template_name = "ui/list.html"
    paginate_by = 50
    title = ""
    exporter: Callable | None = None  # staticmethod(queryset) -> (headers, rows)
    export_name = "export"
    actions: tuple = ()  # ((label, url_name, permission(user)), ...) shown as buttons

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("export")
        if fmt and self.exporter is not None:
            return self.export(fmt)
        return super().get(request, *args, **kwargs)

    def export(self, fmt: str) -> HttpResponse:
        """The same scoped, filtered rows as the page, in the import template's columns."""
        filterset = self.get_filterset(self.get_filterset_class())
        queryset = filterset.qs if filterset.is_valid() else self.get_queryset().none()
        headers, rows = type(self).exporter(queryset)
        return export_response(headers, rows, fmt, self.export_name)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            title=self.title,
            can_export=self.exporter is not None,
            actions=[(label, url) for label, url, allowed in self.actions if allowed(user)],
            query_string=self.request.GET.urlencode(),
        )
        return context


class ScopedDetailView(ScopedObjectMixin, DetailView):
    template_name = "ui/detail.html"
    fields: tuple = ()  # attribute names shown in the summary card
    show_history = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        context["summary"] = [(_label(obj, f), _display(obj, f)) for f in self.fields]
        if self.show_history:
            context["history"] = change_history(obj)
        return context


def _label(obj, field: str) -> str:
    try:
        return obj._meta.get_field(field).verbose_name
    except Exception:  # a property: its name is the label given in `fields`
        return field


def _display(obj, field: str):
    getter = getattr(obj, f"get_{field}_display", None)
    if callable(getter):
        return getter()
    value = getattr(obj, field)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return "" if value is None else value


class ServiceFormView(ScopedObjectMixin, FormView):
    """A form whose valid data is handed to one service; service errors land on the form."""

    template_name = "ui/form.html"
    title = ""
    permission: Callable = None  # staticmethod(user) -> bool
    needs_object = True
    object = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.needs_object:
            self.object = self.get_object()
        if not type(self).permission(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def perform(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            result = self.perform(form)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message(result))
        return redirect(self.success_url_for(result))

    def success_message(self, result) -> str:
        return _("Saved.")

    def success_url_for(self, result) -> str:
        return result.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=self.title, object=self.object)
        return context
