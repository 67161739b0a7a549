from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qudao.accounts.permissions import can_approve

from .. import services
from ..filtersets import ScorecardFilterSet
from ..forms import AdjustmentForm, MonthForm
from ..selectors import scorecards_visible_to
from ..tables import ScorecardTable
from ._base import CardListView, DetailView, FieldFormView, can_work


class ScorecardListView(CardListView):
    scope = staticmethod(scorecards_visible_to)
    filterset_class = ScorecardFilterSet
    table_class = ScorecardTable
    title = gettext_lazy("Scorecards")
    card_template = "fieldwork/_scorecard_card.html"
    actions = ((gettext_lazy("Compute a month"), "fieldwork:scorecard_compute", can_approve),)


class ScorecardDetailView(DetailView):
    scope = staticmethod(scorecards_visible_to)
    template_name = "fieldwork/scorecard_detail.html"
    fields = ("person", "month", "role", "computed_at")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        card, user = self.object, self.request.user
        context.update(adjustments=card.adjustments.select_related("by"),
                       can_adjust=card.person_id != user.pk and can_work(user))
        return context


class ScorecardAdjustView(FieldFormView):
    scope = staticmethod(scorecards_visible_to)
    permission = staticmethod(can_work)
    form_class = AdjustmentForm
    title = gettext_lazy("Record a reward or penalty")

    def perform(self, form):
        data = form.cleaned_data
        services.scorecard_adjust(scorecard=self.object, kind=data["kind"], amount_fen=form.amount_fen(),
                                  note=data["note"], by=self.request.user)
        return self.object


class ScorecardComputeView(FieldFormView):
    """Recomputes every card of a month now (the daily task does it too)."""

    scope = staticmethod(scorecards_visible_to)
    permission = staticmethod(can_approve)
    needs_object = False
    form_class = MonthForm
    title = gettext_lazy("Compute the scorecards of a month")

    def perform(self, form):
        self.count = services.compute_scorecards(month=form.cleaned_data["month"])
        return form.cleaned_data["month"]

    def success_message(self, result) -> str:
        return _("%(n)d scorecard(s) computed.") % {"n": self.count}

    def success_url_for(self, result) -> str:
        from django.urls import reverse

        return reverse("fieldwork:scorecard_list") + f"?month={result:%Y-%m-%d}"
