import datetime as dt

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from qudao.inspections.views.fieldforms import form_errors

from .. import services
from ..choices import SummaryPeriod
from ..filtersets import DiaryFilterSet
from ..forms import DiaryForm
from ..models import DiaryEntry
from ..selectors import diaries_visible_to, people_below
from ..tables import DiaryTable
from ..weeks import local_date, period_days
from ._base import CardListView, DetailView, wants_json


def _day(value, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(value or "")
    except ValueError:
        return default


class DiaryListView(CardListView):
    scope = staticmethod(diaries_visible_to)
    filterset_class = DiaryFilterSet
    table_class = DiaryTable
    title = gettext_lazy("Work diary")
    card_template = "fieldwork/_diary_card.html"
    actions = ((gettext_lazy("Today's diary"), "fieldwork:diary_write", lambda u: not u.is_agent_user),
               (gettext_lazy("Summaries"), "fieldwork:diary_summary", lambda u: not u.is_agent_user))


class DiaryDetailView(DetailView):
    scope = staticmethod(diaries_visible_to)
    template_name = "fieldwork/diary_detail.html"
    fields = ("author", "day", "plan_tomorrow", "note", "updated_at")


class DiaryWriteView(LoginRequiredMixin, FormView):
    """One's own diary of a day (?day=, today by default): the draft from the day's records, the
    plan for tomorrow and a note. Saving again updates the day."""

    template_name = "fieldwork/diary_write.html"
    form_class = DiaryForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_agent_user:
            raise PermissionDenied
        self.day = min(_day(request.GET.get("day"), local_date()), local_date())
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        entry = DiaryEntry.objects.filter(author=self.request.user, day=self.day).first()
        return {"plan_tomorrow": entry.plan_tomorrow, "note": entry.note} if entry else {}

    def form_valid(self, form):
        try:
            entry = services.diary_save(day=self.day, by=self.request.user, **form.cleaned_data)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved."))
        if wants_json(self.request):
            return JsonResponse({"redirect": entry.get_absolute_url()})
        return redirect(entry.get_absolute_url())

    def form_invalid(self, form):
        if wants_json(self.request):
            return JsonResponse({"errors": form_errors(form)}, status=400)
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=gettext_lazy("Work diary"), day=self.day,
                       draft=services.diary_draft(self.request.user, self.day))
        return context


class DiarySummaryView(LoginRequiredMixin, TemplateView):
    """The week's or month's summary of one's own diary, or (?person=) of someone below one."""

    template_name = "fieldwork/diary_summary.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, query = self.request.user, self.request.GET
        if user.is_agent_user:
            raise PermissionDenied
        period = query.get("period") if query.get("period") in SummaryPeriod.values else SummaryPeriod.WEEK
        day = _day(query.get("day"), local_date())
        first, last = period_days(period, day)
        person = user
        if query.get("person", "").isdigit() and int(query["person"]) != user.pk:
            person = get_user_model().objects.filter(pk__in=people_below(user), pk=int(query["person"])).first()
            if person is None:
                raise Http404
        summary = services.diary_summary(diaries_visible_to(user), person, first, last)
        context.update(title=gettext_lazy("Diary summary"), summary=summary, period=period, day=day,
                       periods=SummaryPeriod.choices)
        return context
