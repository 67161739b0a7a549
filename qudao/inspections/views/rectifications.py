from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qudao.accounts.permissions import can_write_master_data
from qudao.channels.selectors import outlets_visible_to
from qudao.core.events import events_for
from qudao.ui.views import ScopedDetailView

from .. import services
from ..choices import OPEN_RECTIFICATION
from ..filtersets import RectificationFilterSet
from ..forms import RecheckForm, RectificationForm
from ..selectors import photos_of, rectifications_visible_to
from ..tables import RectificationTable
from ..weeks import local_date
from .fieldforms import CardListView, FieldFormView, PhotoView


class RectificationListView(CardListView):
    """Agent users see their own agent's rectifications here (their to-do list)."""

    scope = staticmethod(rectifications_visible_to)
    filterset_class = RectificationFilterSet
    table_class = RectificationTable
    title = gettext_lazy("Rectifications")
    card_template = "inspections/_rectification_card.html"
    actions = ((gettext_lazy("New rectification"), "inspections:rectification_create", can_write_master_data),)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "today": local_date()}


class RectificationDetailView(ScopedDetailView):
    scope = staticmethod(rectifications_visible_to)
    template_name = "inspections/rectification_detail.html"
    fields = ("outlet", "agent", "description", "deadline", "status", "manager", "inspection", "item",
              "escalated_at", "closed_at", "closing_note")
    show_history = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rectification = self.object
        context.update(
            photos=photos_of(rectification),
            events=events_for(rectification),
            can_recheck=(rectification.status in OPEN_RECTIFICATION and can_write_master_data(self.request.user)),
            overdue=rectification.status in OPEN_RECTIFICATION and rectification.deadline < local_date(),
        )
        return context


class RectificationCreateView(FieldFormView):
    scope = staticmethod(rectifications_visible_to)
    permission = staticmethod(can_write_master_data)
    form_class = RectificationForm
    title = gettext_lazy("New rectification")
    needs_object = False

    def get_initial(self):
        outlet = self.request.GET.get("outlet")
        return {"outlet": outlet} if outlet and outlet.isdigit() else {}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "outlets": outlets_visible_to(self.request.user)}

    def perform(self, form):
        data = form.cleaned_data
        rectification, _created = services.rectification_open(
            outlet=data["outlet"], description=data["description"], deadline=data["deadline"],
            client_key=data["client_key"], by=self.request.user,
        )
        return rectification


class RectificationRecheckView(FieldFormView):
    scope = staticmethod(rectifications_visible_to)
    permission = staticmethod(can_write_master_data)
    form_class = RecheckForm
    title = gettext_lazy("Re-check")
    submit_label = gettext_lazy("Save re-check")

    def perform(self, form):
        data = form.cleaned_data
        return services.rectification_recheck(rectification=self.object, photos=data["photos"], note=data["note"],
                                              fixed=data["fixed"], by=self.request.user)

    def success_message(self, rectification):
        return _("Closed.") if rectification.status == "closed" else _("Re-check recorded; still open.")


class RectificationPhotoView(PhotoView):
    scope = staticmethod(rectifications_visible_to)
