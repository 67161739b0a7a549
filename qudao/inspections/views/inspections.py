from itertools import groupby

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qudao.accounts.permissions import can_write_master_data
from qudao.channels.selectors import outlets_visible_to
from qudao.core.events import events_for
from qudao.ui.views import ScopedDetailView

from .. import services
from ..filtersets import InspectionFilterSet
from ..forms import CheckInForm, ChecklistForm
from ..models import InspectionResult, Photo
from ..selectors import inspections_visible_to
from ..services.common import INSPECTABLE
from ..tables import InspectionTable
from .fieldforms import CardListView, FieldFormView, PhotoView


class InspectionListView(CardListView):
    scope = staticmethod(inspections_visible_to)
    filterset_class = InspectionFilterSet
    table_class = InspectionTable
    title = gettext_lazy("Inspection log")
    card_template = "inspections/_inspection_card.html"
    actions = (
        (gettext_lazy("New inspection"), "inspections:inspection_start", can_write_master_data),
        (gettext_lazy("My week"), "inspections:plan_week", can_write_master_data),
    )


class InspectionStartView(FieldFormView):
    """Check-in: the phone's position is taken by field.js and sent with the chosen outlet."""

    scope = staticmethod(inspections_visible_to)
    permission = staticmethod(can_write_master_data)
    form_class = CheckInForm
    template_name = "inspections/check_in.html"
    title = gettext_lazy("Check in at an outlet")
    submit_label = gettext_lazy("Check in")
    needs_object = False

    def inspectable(self):
        return outlets_visible_to(self.request.user).filter(status__in=INSPECTABLE)

    def get_initial(self):
        outlet = self.request.GET.get("outlet")
        return {"outlet": outlet} if outlet and outlet.isdigit() else {}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "outlets": self.inspectable()}

    def get_context_data(self, **kwargs):
        rows = self.inspectable().exclude(latitude=None).values_list("pk", "latitude", "longitude")[:500]
        positions = {pk: (str(lat), str(lng)) for pk, lat, lng in rows}
        return {**super().get_context_data(**kwargs), "outlet_positions": positions}

    def perform(self, form):
        data = form.cleaned_data
        inspection, _created = services.inspection_check_in(
            outlet=data["outlet"], kind=data["kind"], client_key=data["client_key"], latitude=data["latitude"],
            longitude=data["longitude"], accuracy_m=data["accuracy_m"], by=self.request.user,
        )
        return inspection

    def success_message(self, inspection):
        if inspection.distance_m is None:
            return _("Checked in; the distance to the outlet is unknown.")
        return _("Checked in %(m)d m from the outlet.") % {"m": inspection.distance_m}

    def success_url_for(self, inspection):
        if inspection.is_finished:
            return inspection.get_absolute_url()
        return reverse("inspections:inspection_checklist", args=[inspection.pk])


class InspectionChecklistView(FieldFormView):
    scope = staticmethod(inspections_visible_to)
    permission = staticmethod(can_write_master_data)
    form_class = ChecklistForm
    template_name = "inspections/checklist.html"
    submit_label = gettext_lazy("Finish inspection")

    def get(self, request, *args, **kwargs):
        if self.object.is_finished or self.object.inspector_id != request.user.pk:
            return redirect(self.object)
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "items": self.object.template.items.all()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.object.template.name
        context["sections"] = [(section, list(rows)) for section, rows in
                               groupby(context["form"].rows(), key=lambda row: row[0].get_section_display())]
        return context

    def perform(self, form):
        return services.inspection_finish(
            inspection=self.object, answers=form.answers(), photos=form.photos(),
            comment=form.cleaned_data["comment"], finish_key=form.cleaned_data["finish_key"], by=self.request.user,
        )

    def success_message(self, inspection):
        return _("Inspection finished: score %(score)s.") % {"score": inspection.score}


class InspectionDetailView(ScopedDetailView):
    scope = staticmethod(inspections_visible_to)
    template_name = "inspections/inspection_detail.html"
    fields = ("outlet", "agent", "kind", "inspector", "status", "checked_in_at", "finished_at", "comment")
    show_history = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        inspection, user = self.object, self.request.user
        results = list(InspectionResult.objects.filter(inspection=inspection).select_related("item"))
        photos = {}
        for photo in Photo.objects.filter(inspection=inspection, result__isnull=False):
            photos.setdefault(photo.result_id, []).append(photo)
        for result in results:
            result.photo_list = photos.get(result.pk, [])
        context.update(
            sections=[(section, list(rows)) for section, rows in
                      groupby(results, key=lambda r: r.item.get_section_display())],
            rectifications=inspection.rectifications.select_related("item"),
            violations=inspection.violations.all(),
            events=events_for(inspection),
            can_finish=not inspection.is_finished and inspection.inspector_id == user.pk,
            can_follow_up=can_write_master_data(user),
        )
        return context


class InspectionPhotoView(PhotoView):
    scope = staticmethod(inspections_visible_to)
