from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from .. import services
from ..filtersets import MeetingFilterSet
from ..forms import ConfirmForm, MeasureForm, MeetingForm
from ..meeting_pack import build_pack
from ..pack_export import pack_workbook
from ..selectors import assignable_people, meetings_visible_to
from ..tables import MeetingTable
from ..weeks import local_date, parse_month
from ._base import CardListView, CreateFormView, DetailView, FieldFormView, can_work

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class MeetingListView(CardListView):
    scope = staticmethod(meetings_visible_to)
    filterset_class = MeetingFilterSet
    table_class = MeetingTable
    title = gettext_lazy("Channel meetings")
    card_template = "fieldwork/_meeting_card.html"
    actions = ((gettext_lazy("Meeting pack"), "fieldwork:meeting_pack", lambda u: not u.is_agent_user),
               (gettext_lazy("Record a meeting"), "fieldwork:meeting_create", can_work))


class MeetingDetailView(DetailView):
    scope = staticmethod(meetings_visible_to)
    template_name = "fieldwork/meeting_detail.html"
    fields = ("month", "held_on", "held_by", "location", "attendees", "minutes")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting, user = self.object, self.request.user
        measures = list(meeting.measures.select_related("owner", "task"))
        context.update(measures=measures, is_host=meeting.held_by_id == user.pk and can_work(user),
                       untasked=sum(1 for m in measures if m.task_id is None))
        return context


class MeetingCreateView(CreateFormView):
    scope = staticmethod(meetings_visible_to)
    form_class = MeetingForm
    title = gettext_lazy("Record the channel meeting")

    def create(self, **data):
        return services.meeting_record(by=self.request.user, **data)


class MeasureAddView(FieldFormView):
    scope = staticmethod(meetings_visible_to)
    permission = staticmethod(can_work)
    form_class = MeasureForm
    title = gettext_lazy("Add an agreed measure")

    def get_form_kwargs(self):
        user = self.request.user
        owners = assignable_people(user) | get_user_model().objects.filter(pk=user.pk)
        return {**super().get_form_kwargs(), "querysets": {"owner": owners.distinct().order_by("username")}}

    def perform(self, form):
        services.measure_add(meeting=self.object, by=self.request.user, **form.cleaned_data)
        return self.object


class MeetingCreateTasksView(FieldFormView):
    scope = staticmethod(meetings_visible_to)
    permission = staticmethod(can_work)
    form_class = ConfirmForm
    title = gettext_lazy("Turn the measures into tasks")
    submit_label = gettext_lazy("Create the tasks")

    def perform(self, form):
        self.created = services.meeting_create_tasks(meeting=self.object, by=self.request.user)
        return self.object

    def success_message(self, result) -> str:
        return _("%(n)d task(s) created.") % {"n": self.created}


class MeetingPackView(LoginRequiredMixin, TemplateView):
    """The pack of the reader's reach for a month (?month=YYYY-MM), as a page or (?export=xlsx) Excel."""

    template_name = "fieldwork/meeting_pack.html"

    def get(self, request, *args, **kwargs):
        month = parse_month(request.GET.get("month"), local_date())
        self.pack = build_pack(request.user, month)
        if request.GET.get("export") == "xlsx":
            response = HttpResponse(pack_workbook(self.pack), content_type=XLSX)
            response["Content-Disposition"] = f'attachment; filename="meeting-pack-{month:%Y-%m}.xlsx"'
            return response
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "pack": self.pack, "title": gettext_lazy("Meeting pack")}
