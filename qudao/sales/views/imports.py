from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View

from qudao.ui.views import ScopedDetailView, ScopedListView
from qudao.ui.views.generic import ScopedObjectMixin

from .. import services
from ..filtersets import ImportBatchFilterSet
from ..forms import ImportUploadForm
from ..permissions import can_import_facts
from ..pipeline import records, statuses
from ..pipeline.report import error_csv
from ..selectors import import_batches_visible_to
from ..tables import ImportBatchTable


class ImportBatchListView(ScopedListView):
    scope = staticmethod(import_batches_visible_to)
    filterset_class = ImportBatchFilterSet
    table_class = ImportBatchTable
    title = gettext_lazy("Imports of development data")
    actions = ((gettext_lazy("Upload a file"), "sales:batch_create", can_import_facts),)


class ImportBatchDetailView(ScopedDetailView):
    """The result and error table; while the batch runs, the status part polls itself with htmx."""

    scope = staticmethod(import_batches_visible_to)
    template_name = "sales/batch_detail.html"
    show_history = False

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "can_upload": can_import_facts(self.request.user)}


class ImportBatchProgressView(ImportBatchDetailView):
    template_name = "sales/batch_detail.html#status"


class ImportBatchErrorsView(ScopedObjectMixin, View):
    """Every error of the batch as CSV (the page shows the first ones)."""

    scope = staticmethod(import_batches_visible_to)

    def get(self, request, *args, **kwargs):
        batch = self.get_object()
        name = f"import-{batch.pk}-errors.csv"
        if batch.errors_file:
            return FileResponse(batch.errors_file.open("rb"), as_attachment=True, filename=name)
        response = HttpResponse(error_csv(batch.errors), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class ImportUploadView(LoginRequiredMixin, FormView):
    """The upload shows a progress bar (htmx), then the browser goes to the batch page."""

    form_class = ImportUploadForm
    template_name = "sales/batch_upload.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_import_facts(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_template_names(self):
        if getattr(self.request, "htmx", False) and self.request.method == "POST":
            return [f"{self.template_name}#form"]
        return [self.template_name]

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            batch = services.import_batch_submit(
                upload=data["file"], kind=data["kind"], by=self.request.user,
                allow_partial=data["allow_partial"], dry_run=data["dry_run"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("file", message)
            return self.form_invalid(form)
        if getattr(self.request, "htmx", False):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = batch.get_absolute_url()
            return response
        return redirect(batch.get_absolute_url())

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs), "title": gettext_lazy("Upload development data"),
            "record_fields": records.FIELDS, "status_fields": statuses.FIELDS,
            "status_labels": statuses.allowed_labels(),
        }
