from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from qudao.channels.selectors import agent_of, agents_visible_to, outlets_visible_to
from qudao.performance.choices import FollowUpStatus
from qudao.performance.selectors import followups_visible_to

from .. import services
from ..ageing import ageing_by, ageing_totals
from ..choices import OPEN_PROBLEM, AgeBucket, FollowUpState
from ..filtersets import ProblemFilterSet, VisitFilterSet
from ..forms import EscalateForm, NoteForm, ProblemForm, ResolutionForm, VisitForm
from ..permissions import may_raise_problem
from ..selectors import problems_visible_to, visits_visible_to
from ..tables import ProblemTable, VisitTable
from ..weeks import local_date
from ._base import CardListView, CreateFormView, DetailView, FieldFormView, can_work

# --- visits and calls -------------------------------------------------------------------------


class VisitListView(CardListView):
    scope = staticmethod(visits_visible_to)
    filterset_class = VisitFilterSet
    table_class = VisitTable
    title = gettext_lazy("Visits and calls")
    card_template = "fieldwork/_visit_card.html"
    actions = ((gettext_lazy("Record a visit or call"), "fieldwork:visit_create", can_work),)


class VisitDetailView(DetailView):
    scope = staticmethod(visits_visible_to)
    template_name = "fieldwork/visit_detail.html"
    fields = ("kind", "agent", "outlet", "staff", "contacted_on", "notes", "problems_found", "follow_up",
              "follow_up_due", "follow_up_status", "follow_up_done_at", "laggard_followup")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_close"] = self.object.follow_up_status == FollowUpState.OPEN and can_work(self.request.user)
        return context


class VisitCreateView(CreateFormView):
    scope = staticmethod(visits_visible_to)
    form_class = VisitForm
    title = gettext_lazy("Record a visit or call")

    def get_initial(self):
        query = self.request.GET
        return {key: query[key] for key in ("agent", "outlet", "laggard_followup") if query.get(key, "").isdigit()}

    def form_kwargs(self):
        user = self.request.user
        followups = followups_visible_to(user).filter(status=FollowUpStatus.OPEN).select_related("agent")
        return {"querysets": {"agent": agents_visible_to(user), "outlet": outlets_visible_to(user),
                              "laggard_followup": followups}}

    def create(self, **data):
        return services.visit_record(by=self.request.user, **data)


class VisitFollowUpDoneView(FieldFormView):
    scope = staticmethod(visits_visible_to)
    permission = staticmethod(can_work)
    form_class = NoteForm
    title = gettext_lazy("Follow-up done")

    def perform(self, form):
        return services.visit_follow_up_done(visit=self.object, by=self.request.user, **form.cleaned_data)


# --- problems ---------------------------------------------------------------------------------

class ProblemListView(CardListView):
    scope = staticmethod(problems_visible_to)
    filterset_class = ProblemFilterSet
    table_class = ProblemTable
    title = gettext_lazy("Channel problems")
    card_template = "fieldwork/_problem_card.html"
    actions = ((gettext_lazy("Report a problem"), "fieldwork:problem_create", may_raise_problem),
               (gettext_lazy("Ageing"), "fieldwork:problem_ageing", lambda u: True))


class ProblemDetailView(DetailView):
    scope = staticmethod(problems_visible_to)
    template_name = "fieldwork/problem_detail.html"
    fields = ("title", "agent", "outlet", "category", "description", "raised_by", "raised_on", "status",
              "proposed_solution", "escalated_to", "escalated_at", "resolution", "closed_at")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        problem, user = self.object, self.request.user
        context.update(can_escalate=problem.status == "open" and can_work(user),
                       can_close=problem.status in OPEN_PROBLEM and can_work(user))
        return context


class ProblemCreateView(CreateFormView):
    scope = staticmethod(problems_visible_to)
    permission = staticmethod(may_raise_problem)
    form_class = ProblemForm
    title = gettext_lazy("Report a problem")

    def get_initial(self):
        agent = agent_of(self.request.user)
        return {"agent": agent.pk} if agent else {}

    def form_kwargs(self):
        user = self.request.user
        return {"querysets": {"agent": agents_visible_to(user), "outlet": outlets_visible_to(user)}}

    def create(self, **data):
        return services.problem_raise(by=self.request.user, **data)


class ProblemEscalateView(FieldFormView):
    scope = staticmethod(problems_visible_to)
    permission = staticmethod(can_work)
    form_class = EscalateForm
    title = gettext_lazy("Escalate with a proposed solution")

    def perform(self, form):
        return services.problem_escalate(problem=self.object, by=self.request.user, **form.cleaned_data)


class ProblemCloseView(FieldFormView):
    scope = staticmethod(problems_visible_to)
    permission = staticmethod(can_work)
    form_class = ResolutionForm
    title = gettext_lazy("Close the problem")

    def perform(self, form):
        return services.problem_close(problem=self.object, by=self.request.user, **form.cleaned_data)


class ProblemAgeingView(LoginRequiredMixin, TemplateView):
    """Open problems by age (under 7, 7–30, over 30 days), in total and per grid and per agent."""

    template_name = "fieldwork/problem_ageing.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        problems, today = problems_visible_to(self.request.user), local_date()
        context.update(title=gettext_lazy("Ageing of open problems"), buckets=AgeBucket.choices,
                       totals=ageing_totals(problems, today), by_node=ageing_by(problems, "node__name", today),
                       by_agent=ageing_by(problems, "agent__name", today))
        return context
