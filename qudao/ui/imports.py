"""The generic upload page for an all-or-nothing import (see qudao.core.importing).

A domain app subclasses `ImportView` and declares `importer`, `permission` and `title`;
ui imports only qudao.core, so the importer and the permission come from the subclass.
GET shows the upload form (`?template=xlsx` or `?template=csv` downloads the template);
POST with action "dry_run" validates only, action "import" validates and writes.
"""

from collections.abc import Callable

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from qudao.core.exporting import FORMATS
from qudao.core.importing import Importer

COMMIT_ACTION = "import"
DRY_RUN_ACTION = "dry_run"


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"), help_text=gettext_lazy("An .xlsx or .csv file (UTF-8 or GBK) in the template's columns."),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".xlsx,.xls,.csv"}),
    )


class ImportView(LoginRequiredMixin, View):
    importer: type[Importer] = None
    permission: Callable = None  # user -> bool; may be given as a plain function
    title = ""
    back_url_name = ""  # e.g. "channels:outlet_list": the "back" link
    template_name = "ui/import.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not type(self).permission(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("template")
        if fmt:
            return self.template_download(fmt)
        return self.render_page(ImportForm())

    def post(self, request, *args, **kwargs):
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(form)
        upload = form.cleaned_data["file"]
        # One byte past the limit is enough for the importer to refuse the file without reading it all.
        data = upload.read(settings.QUDAO_IMPORT_MAX_BYTES + 1)
        commit = request.POST.get("action") == COMMIT_ACTION
        result = self.importer(user=request.user).run(data, upload.name, commit=commit)
        if result.committed:
            messages.success(request, _("Imported %(count)d rows (%(kind)s).") % {"count": result.created, "kind": self.importer.title})
            return redirect(request.path)
        return self.render_page(form, result=result, file_name=upload.name)

    def template_download(self, fmt: str) -> HttpResponse:
        if fmt not in FORMATS:
            raise Http404
        content = self.importer.template_xlsx() if fmt == "xlsx" else self.importer.template_csv()
        response = HttpResponse(content, content_type=FORMATS[fmt][0])
        response["Content-Disposition"] = f'attachment; filename="{self.importer.template_filename(fmt)}"'
        return response

    def render_page(self, form, **extra) -> HttpResponse:
        context = {
            "title": self.title,
            "form": form,
            "importer": self.importer,
            "columns": self.importer.columns,
            "back_url": reverse(self.back_url_name) if self.back_url_name else "",
            "commit_action": COMMIT_ACTION,
            "dry_run_action": DRY_RUN_ACTION,
            **extra,
        }
        return render(self.request, self.template_name, context)
