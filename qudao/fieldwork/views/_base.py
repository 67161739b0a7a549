"""View pieces of the fieldwork pages. Phone-friendly card lists and forms that survive a dropped
network are those of the inspections app (its static/inspections/field.js): reused, not copied."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views import View

from qudao.core.events import events_for
from qudao.inspections.imaging import thumbnail_name
from qudao.inspections.views.fieldforms import CardListView, FieldFormView, wants_json
from qudao.ui.views import ScopedDetailView

from ..permissions import can_work

__all__ = ["CardListView", "CreateFormView", "DetailView", "FieldFormView", "StoredFileView", "can_work",
           "wants_json"]


class DetailView(ScopedDetailView):
    """A scoped detail page with the object's lifecycle events beside it."""

    show_history = False

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "events": events_for(self.object)}


class CreateFormView(FieldFormView):
    """An offline-capable form that creates a record through a service returning (record, created)."""

    needs_object = False
    permission = staticmethod(can_work)

    def form_kwargs(self) -> dict:
        return {}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), **self.form_kwargs()}

    def create(self, **data):
        raise NotImplementedError

    def perform(self, form):
        record, _created = self.create(**form.cleaned_data)
        return record


class StoredFileView(LoginRequiredMixin, View):
    """Streams a stored file to someone who may see its owner; 404 for anyone else."""

    scope = None  # staticmethod(user) -> owners
    kwarg = ""

    def file_of(self, owner, key):
        raise NotImplementedError

    def get(self, request, pk, **kwargs):
        owner = get_object_or_404(type(self).scope(request.user), pk=pk)
        stored, content_type, filename, inline = self.file_of(owner, kwargs[self.kwarg])
        try:
            handle = default_storage.open(stored, "rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        response = FileResponse(handle, content_type=content_type, as_attachment=not inline, filename=filename)
        response["Cache-Control"] = "private, max-age=3600"
        response["X-Content-Type-Options"] = "nosniff"
        return response


def photo_file(photo, request) -> tuple[str, str, str, bool]:
    name = thumbnail_name(photo.file) if request.GET.get("size") == "thumb" else photo.file
    return name, "image/jpeg", f"{photo.uuid.hex}.jpg", True


__all__ += ["photo_file"]
