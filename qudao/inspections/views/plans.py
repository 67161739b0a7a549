import datetime as dt

from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qudao.accounts.permissions import can_write_master_data
from qudao.core.events import events_for
from qudao.ui.views import ScopedDetailView

from .. import services
from ..filtersets import ChecklistTemplateFilterSet, WeekPlanFilterSet
from ..forms import PlanForm
from ..models import WeekPlan
from ..risk import suggest_week
from ..selectors import templates_visible_to, week_plans_visible_to, week_progress
from ..tables import ChecklistTemplateTable, WeekPlanTable
from ..weeks import local_date, week_days, week_start
from .fieldforms import CardListView, FieldFormView

SUGGESTIONS_PER_PAGE = 30


def _chosen_week(request) -> dt.date:
    """This week, or a later one given as ?week=YYYY-MM-DD (any day of it)."""
    this_week = week_start(local_date())
    try:
        asked = week_start(dt.date.fromisoformat(request.GET.get("week", "")))
    except ValueError:
        return this_week
    return max(asked, this_week)


class MyWeekView(FieldFormView):
    """The manager's week: quota and progress, the current plan, and “suggest my week”."""

    scope = staticmethod(week_plans_visible_to)
    permission = staticmethod(can_write_master_data)
    form_class = PlanForm
    template_name = "inspections/my_week.html"
    title = gettext_lazy("My week")
    needs_object = False

    def get_initial(self):
        return {"week": _chosen_week(self.request)}

    def suggestions(self):
        if not hasattr(self, "_suggestions"):
            self._suggestions = suggest_week(self.request.user)
        return self._suggestions

    def get_form_kwargs(self):
        choices = [(s.outlet.pk, s.outlet.code) for s in self.suggestions()]
        return {**super().get_form_kwargs(), "outlet_choices": choices}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, monday = self.request.user, _chosen_week(self.request)
        done, quota = week_progress(user, monday)
        plan = WeekPlan.objects.filter(manager=user, week_start=monday).first()
        page = Paginator(self.suggestions(), SUGGESTIONS_PER_PAGE).get_page(self.request.GET.get("page"))
        context.update(
            monday=monday, sunday=week_days(monday)[1], done=done, quota=quota,
            percent=min(100, round(100 * done / quota)) if quota else 100,
            plan=plan, stops=plan.stops.select_related("outlet") if plan else [],
            page=page, planned_ids={s.outlet_id for s in plan.stops.all()} if plan else set(),
            next_week=monday + dt.timedelta(days=7),
        )
        return context

    def perform(self, form):
        data = form.cleaned_data
        return services.plan_save(by=self.request.user, week=data["week"], outlet_ids=data["outlets"],
                                  latitude=data["latitude"], longitude=data["longitude"])

    def success_message(self, plan):
        return _("Plan saved: %(n)d outlets.") % {"n": plan.stops.count()}


class WeekPlanListView(CardListView):
    scope = staticmethod(week_plans_visible_to)
    filterset_class = WeekPlanFilterSet
    table_class = WeekPlanTable
    title = gettext_lazy("Week plans")
    card_template = "inspections/_plan_card.html"
    actions = ((gettext_lazy("My week"), "inspections:plan_week", can_write_master_data),)


class WeekPlanDetailView(ScopedDetailView):
    scope = staticmethod(week_plans_visible_to)
    template_name = "inspections/plan_detail.html"
    fields = ("manager", "week_start")
    show_history = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.object
        done, quota = week_progress(plan.manager, plan.week_start)
        context.update(stops=plan.stops.select_related("outlet"), done=done, quota=quota, events=events_for(plan),
                       is_mine=plan.manager_id == self.request.user.pk)
        return context


class ChecklistTemplateListView(CardListView):
    scope = staticmethod(templates_visible_to)
    filterset_class = ChecklistTemplateFilterSet
    table_class = ChecklistTemplateTable
    title = gettext_lazy("Checklists")
    card_template = "inspections/_template_card.html"


class ChecklistTemplateDetailView(ScopedDetailView):
    scope = staticmethod(templates_visible_to)
    template_name = "inspections/template_detail.html"
    fields = ("code", "name", "kind", "channel_type", "scoring", "pass_score", "is_active")
    show_history = False

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "items": self.object.items.all()}
