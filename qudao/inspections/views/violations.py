from django.utils.translation import gettext_lazy

from qudao.accounts.permissions import can_write_master_data
from qudao.channels.selectors import outlets_visible_to
from qudao.core.events import events_for
from qudao.ui.views import ScopedDetailView

from .. import services
from ..choices import OPEN_VIOLATION
from ..filtersets import ViolationFilterSet
from ..forms import CloseForm, EvidenceForm, NoteForm, PenaltyForm, ViolationForm
from ..selectors import photos_of, violations_visible_to
from ..tables import ViolationTable
from .fieldforms import CardListView, FieldFormView, PhotoView


class ViolationListView(CardListView):
    scope = staticmethod(violations_visible_to)
    filterset_class = ViolationFilterSet
    table_class = ViolationTable
    title = gettext_lazy("Violations")
    card_template = "inspections/_violation_card.html"
    actions = ((gettext_lazy("Report a violation"), "inspections:violation_create", can_write_master_data),)


class ViolationDetailView(ScopedDetailView):
    scope = staticmethod(violations_visible_to)
    template_name = "inspections/violation_detail.html"
    fields = ("outlet", "agent", "kind", "level", "status", "description", "evidence_note", "inspection", "item",
              "reported_by", "created_at", "closed_at")
    show_history = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        violation = self.object
        context.update(
            photos=photos_of(violation),
            events=events_for(violation),
            can_act=violation.status in OPEN_VIOLATION and can_write_master_data(self.request.user),
        )
        return context


class ViolationCreateView(FieldFormView):
    scope = staticmethod(violations_visible_to)
    permission = staticmethod(can_write_master_data)
    form_class = ViolationForm
    title = gettext_lazy("Report a violation")
    needs_object = False

    def get_initial(self):
        outlet = self.request.GET.get("outlet")
        return {"outlet": outlet} if outlet and outlet.isdigit() else {}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "outlets": outlets_visible_to(self.request.user)}

    def perform(self, form):
        data = dict(form.cleaned_data)
        violation, _created = services.violation_raise(by=self.request.user, **data)
        return violation


class _ViolationActionView(FieldFormView):
    scope = staticmethod(violations_visible_to)
    permission = staticmethod(can_write_master_data)
    form_class = NoteForm


class ViolationEvidenceView(_ViolationActionView):
    form_class = EvidenceForm
    title = gettext_lazy("Add evidence")

    def perform(self, form):
        return services.violation_add_evidence(violation=self.object, by=self.request.user, **form.cleaned_data)


class ViolationEscalateView(_ViolationActionView):
    title = gettext_lazy("Escalate")

    def perform(self, form):
        return services.violation_escalate(violation=self.object, by=self.request.user, **form.cleaned_data)


class ViolationPenaltyView(_ViolationActionView):
    form_class = PenaltyForm
    title = gettext_lazy("Propose a penalty")

    def perform(self, form):
        return services.violation_propose_penalty(violation=self.object, amount_fen=form.amount_fen(),
                                                  note=form.cleaned_data["note"], by=self.request.user)


class ViolationCloseView(_ViolationActionView):
    form_class = CloseForm
    title = gettext_lazy("Close violation")

    def perform(self, form):
        return services.violation_close(violation=self.object, by=self.request.user, **form.cleaned_data)


class ViolationPhotoView(PhotoView):
    scope = staticmethod(violations_visible_to)
