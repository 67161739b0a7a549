from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from qudao.channels.selectors import outlets_visible_to
from qudao.territory.selectors import nodes_within_reach

from .. import services
from ..filtersets import AssistDayFilterSet, TrainingFilterSet
from ..forms import AssistDayForm, AttendanceForm, MaterialForm, TrainingForm
from ..selectors import assist_days_visible_to, trainings_visible_to
from ..tables import AssistDayTable, TrainingTable
from ._base import CardListView, CreateFormView, DetailView, FieldFormView, StoredFileView, can_work


class TrainingListView(CardListView):
    scope = staticmethod(trainings_visible_to)
    filterset_class = TrainingFilterSet
    table_class = TrainingTable
    title = gettext_lazy("Training sessions")
    card_template = "fieldwork/_training_card.html"
    actions = ((gettext_lazy("Record a session"), "fieldwork:training_create", can_work),
               (gettext_lazy("Sales assistance"), "fieldwork:assist_list", lambda u: True))


class TrainingDetailView(DetailView):
    scope = staticmethod(trainings_visible_to)
    template_name = "fieldwork/training_detail.html"
    fields = ("topic", "kind", "held_on", "node", "trainer", "location", "notes")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = self.object
        attendees = list(session.attendees.select_related("outlet"))
        scores = [a.quiz_score for a in attendees if a.quiz_score is not None]
        context.update(attendees=attendees, materials=session.materials.all(), can_edit=can_work(self.request.user),
                       attended=sum(1 for a in attendees if a.attended),
                       average_score=round(sum(scores) / len(scores), 1) if scores else None)
        return context


class TrainingCreateView(CreateFormView):
    scope = staticmethod(trainings_visible_to)
    form_class = TrainingForm
    title = gettext_lazy("Record a training session")

    def form_kwargs(self):
        return {"querysets": {"node": nodes_within_reach(self.request.user).filter(is_active=True)}}

    def create(self, **data):
        return services.training_record(by=self.request.user, **data)


class AttendanceAddView(FieldFormView):
    scope = staticmethod(trainings_visible_to)
    permission = staticmethod(can_work)
    form_class = AttendanceForm
    title = gettext_lazy("Attendee and quiz score")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "querysets": {"outlet": outlets_visible_to(self.request.user)}}

    def perform(self, form):
        services.attendance_record(session=self.object, by=self.request.user, **form.cleaned_data)
        return self.object


class MaterialUploadView(FieldFormView):
    scope = staticmethod(trainings_visible_to)
    permission = staticmethod(can_work)
    form_class = MaterialForm
    title = gettext_lazy("Add material")

    def perform(self, form):
        services.material_add(session=self.object, by=self.request.user, upload=form.cleaned_data["upload"])
        return self.object


class MaterialDownloadView(StoredFileView):
    scope = staticmethod(trainings_visible_to)
    kwarg = "material_uuid"

    def file_of(self, session, key):
        material = get_object_or_404(session.materials, uuid=key)
        inline = material.content_type.startswith("image/")
        return material.file, material.content_type, material.original_name, inline


class AssistDayListView(CardListView):
    scope = staticmethod(assist_days_visible_to)
    filterset_class = AssistDayFilterSet
    table_class = AssistDayTable
    title = gettext_lazy("Sales-assistance days")
    card_template = "fieldwork/_assist_card.html"
    actions = ((gettext_lazy("Record a sales-assistance day"), "fieldwork:assist_create", can_work),)


class AssistDayDetailView(DetailView):
    scope = staticmethod(assist_days_visible_to)
    fields = ("day", "outlet", "staff", "helpers", "activities", "result", "units_sold")
    template_name = "fieldwork/detail.html"


class AssistDayCreateView(CreateFormView):
    scope = staticmethod(assist_days_visible_to)
    form_class = AssistDayForm
    title = gettext_lazy("Record a sales-assistance day")

    def form_kwargs(self):
        return {"querysets": {"outlet": outlets_visible_to(self.request.user)}}

    def create(self, **data):
        return services.assist_day_record(by=self.request.user, **data)
