import datetime as dt

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from .. import services
from ..choices import CallbackStatus
from ..coverage import coverage, daily_totals, person_coverage, strata_visible_to, total
from ..filtersets import CallbackFilterSet
from ..forms import CallbackOutcomeForm
from ..scripts import render_script
from ..selectors import callbacks_visible_to
from ..tables import CallbackTable
from ..weeks import local_date, month_days, period_days
from ._base import CardListView, DetailView, FieldFormView, can_work


class CallbackListView(CardListView):
    scope = staticmethod(callbacks_visible_to)
    filterset_class = CallbackFilterSet
    table_class = CallbackTable
    title = gettext_lazy("Callbacks")
    card_template = "fieldwork/_callback_card.html"
    actions = ((gettext_lazy("My callbacks"), "fieldwork:callback_workbench", can_work),
               (gettext_lazy("Coverage"), "fieldwork:callback_coverage", lambda u: not u.is_agent_user))


class CallbackWorkbenchView(CardListView):
    """The manager's phone page: the callbacks still to make, and how far today's sample is done."""

    scope = staticmethod(callbacks_visible_to)
    filterset_class = CallbackFilterSet
    table_class = CallbackTable
    title = gettext_lazy("My callbacks")
    template_name = "fieldwork/callback_workbench.html"
    card_template = "fieldwork/_callback_card.html"

    def get_queryset(self):
        return super().get_queryset().filter(assignee=self.request.user, status=CallbackStatus.PENDING)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        latest = user.callbacks.aggregate(day=Max("day"))["day"] if user.is_authenticated else None
        first, last = month_days(local_date())
        context.update(latest_day=latest, latest=person_coverage(user, latest, latest) if latest else None,
                       month=person_coverage(user, first, last))
        return context


class CallbackDetailView(DetailView):
    scope = staticmethod(callbacks_visible_to)
    template_name = "fieldwork/callback_detail.html"
    fields = ("day", "kind", "outlet", "agent", "product", "sold_on", "assignee", "status", "outcome", "note",
              "called_by", "called_at", "violation")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        callback = self.object
        can_record = callback.status == CallbackStatus.PENDING and can_work(self.request.user)
        context.update(script=render_script(callback), can_record=can_record,
                       form=CallbackOutcomeForm() if can_record else None)
        return context


class CallbackRecordView(FieldFormView):
    scope = staticmethod(callbacks_visible_to)
    permission = staticmethod(can_work)
    form_class = CallbackOutcomeForm
    title = gettext_lazy("Record the outcome")

    def perform(self, form):
        return services.callback_record(callback=self.object, by=self.request.user, **form.cleaned_data)

    def success_url_for(self, result) -> str:
        """Back to the workbench for one's own callbacks, to the callback for someone else's."""
        if result.assignee_id == self.request.user.pk:
            return reverse("fieldwork:callback_workbench")
        return result.get_absolute_url()


PERIODS = (("day", gettext_lazy("Day")), ("week", gettext_lazy("Week")), ("month", gettext_lazy("Month")))


class CoverageView(LoginRequiredMixin, TemplateView):
    """Coverage per manager for a day, a week or a month, against the rule; a day also shows its strata."""

    template_name = "fieldwork/callback_coverage.html"
    strata_per_page = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, query = self.request.user, self.request.GET
        period = query.get("period") if query.get("period") in dict(PERIODS) else "day"
        day = _day(query.get("day"), local_date() - dt.timedelta(days=1))
        first, last = period_days(period, day)
        rows = coverage(user, first, last)
        strata = None
        if period == "day":
            queryset = (strata_visible_to(user).filter(run__day=day)
                        .select_related("outlet", "assignee").order_by("-risk", "outlet__code"))
            strata = Paginator(queryset, self.strata_per_page).get_page(query.get("page"))
        context.update(title=gettext_lazy("Callback coverage"), periods=PERIODS, period=period, day=day, first=first,
                       last=last, rows=rows, total=total(rows), strata=strata,
                       days=daily_totals(coverage(user, first, last, per_day=True)) if period != "day" else [])
        return context


def _day(value, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(value or "")
    except ValueError:
        return default
