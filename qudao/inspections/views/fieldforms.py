"""View pieces shared by the field-work pages: phone-friendly card lists, forms that survive
a dropped network (see static/inspections/field.js) and photos served through the scope."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.views import View

from qudao.ui.views import ScopedListView, ServiceFormView

from ..imaging import thumbnail_name
from ..selectors import photos_of


class CardListView(ScopedListView):
    """A scoped, filtered, paginated list rendered as cards: no wide table on a phone."""

    template_name = "inspections/cards.html"
    card_template = ""
    paginate_by = 20

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "card_template": self.card_template}


def wants_json(request) -> bool:
    """field.js sends forms with `Accept: application/json` and expects {redirect} or {errors}."""
    return "application/json" in request.headers.get("Accept", "")


def form_errors(form) -> list[str]:
    errors = list(form.non_field_errors())
    for field in form:
        errors.extend(f"{field.label}: {error}" for error in field.errors)
    return errors


class FieldFormView(ServiceFormView):
    """A ServiceFormView whose form works offline: multipart, saved on the phone, resent with
    the same submission key; a resent submission lands on the record created the first time."""

    template_name = "inspections/form.html"
    submit_label = ""

    def form_valid(self, form):
        response = super().form_valid(form)
        if wants_json(self.request) and response.status_code in (301, 302):
            return JsonResponse({"redirect": response.url})
        return response

    def form_invalid(self, form):
        if wants_json(self.request):
            return JsonResponse({"errors": form_errors(form)}, status=400)
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "submit_label": self.submit_label}


class PhotoView(LoginRequiredMixin, View):
    """Streams a stored photo to someone who may see what it belongs to; 404 otherwise."""

    scope = None  # staticmethod(user) -> queryset of the owners

    def get(self, request, pk, photo_uuid):
        owner = get_object_or_404(type(self).scope(request.user), pk=pk)
        photo = get_object_or_404(photos_of(owner), uuid=photo_uuid)
        name = thumbnail_name(photo.file) if request.GET.get("size") == "thumb" else photo.file
        try:
            handle = default_storage.open(name, "rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        response = FileResponse(handle, content_type="image/jpeg")
        response["Content-Disposition"] = f'inline; filename="{photo.uuid.hex}.jpg"'
        response["Cache-Control"] = "private, max-age=86400"
        response["X-Content-Type-Options"] = "nosniff"
        return response
