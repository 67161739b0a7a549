from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView
from django_tables2 import RequestConfig

from qudao.accounts.permissions import can_admin_org, can_approve, can_write_master_data
from qudao.core.exporting import XLSX
from qudao.territory.selectors import nodes_within_reach
from qudao.ui.views import ScopedDetailView, ScopedListView, ScopedObjectMixin, ServiceFormView

from . import services
from .exports import PdfUnavailable, bulletin_pdf, bulletin_xlsx
from .filtersets import (
    BulletinFilterSet,
    BulletinLineFilterSet,
    FollowUpFilterSet,
    WebhookFilterSet,
)
from .forms import LaggardRuleForm, OutcomeForm, WebhookForm
from .models import LaggardRule
from .selectors import (
    bulletin_lines_visible_to,
    bulletins_visible_to,
    followup_events,
    followups_visible_to,
    recent_deliveries,
    recent_job_runs,
    webhooks_visible_to,
)
from .tables import BulletinLineTable, BulletinTable, FollowUpTable, WebhookTable

# --- bulletins -------------------------------------------------------------------------------

class BulletinListView(ScopedListView):
    scope = staticmethod(bulletins_visible_to)
    filterset_class = BulletinFilterSet
    table_class = BulletinTable
    title = gettext_lazy("Weekly bulletins")


def _lines_of(user, bulletin):
    return bulletin_lines_visible_to(user).filter(bulletin=bulletin).order_by("county_id", "rank_in_county", "grid_id", "rank_in_grid", "agent_id")


class BulletinDetailView(ScopedDetailView):
    scope = staticmethod(bulletins_visible_to)
    template_name = "performance/bulletin_detail.html"
    fields = ("week_start", "week_end", "status", "published_at")
    show_history = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, bulletin = self.request.user, self.object
        table = BulletinLineTable(_lines_of(user, bulletin), exclude=("week",))
        RequestConfig(self.request, paginate={"per_page": 50}).configure(table)
        staff = not user.is_agent_user
        context.update(
            table=table, staff=staff,
            deliveries=recent_deliveries(bulletin=bulletin) if staff and can_approve(user) else [],
        )
        return context


class _BulletinFile(ScopedObjectMixin, DetailView):
    """The bulletin's lines the reader may see, as a file."""

    scope = staticmethod(bulletins_visible_to)

    def render_to_response(self, context, **response_kwargs):
        bulletin = self.object
        lines = _lines_of(self.request.user, bulletin)
        content, content_type, suffix = self.render_file(bulletin, lines)
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="bulletin-{bulletin.week_start:%Y-%m-%d}.{suffix}"'
        return response


class BulletinXlsxView(_BulletinFile):
    def render_file(self, bulletin, lines):
        return bulletin_xlsx(bulletin, lines), XLSX, "xlsx"


class BulletinPdfView(_BulletinFile):
    def render_file(self, bulletin, lines):
        try:
            return bulletin_pdf(bulletin, lines, title=_("Weekly bulletin %(week)s") % {"week": bulletin}), "application/pdf", "pdf"
        except PdfUnavailable as exc:
            return str(exc).encode(), "text/plain; charset=utf-8", "txt"


class BulletinLineListView(ScopedListView):
    scope = staticmethod(bulletin_lines_visible_to)
    filterset_class = BulletinLineFilterSet
    table_class = BulletinLineTable
    title = gettext_lazy("Weekly results by agent")


class BulletinLineDetailView(ScopedDetailView):
    scope = staticmethod(bulletin_lines_visible_to)
    template_name = "performance/line_detail.html"
    fields = ("bulletin", "agent", "grid", "county", "records", "prev_records", "effective", "prev_effective",
              "week_target", "attainment_pct")
    show_history = False


# --- follow-ups ------------------------------------------------------------------------------

class FollowUpListView(ScopedListView):
    scope = staticmethod(followups_visible_to)
    filterset_class = FollowUpFilterSet
    table_class = FollowUpTable
    template_name = "performance/followup_list.html"
    title = gettext_lazy("Follow-ups")


class FollowUpDetailView(ScopedDetailView):
    scope = staticmethod(followups_visible_to)
    template_name = "performance/followup_detail.html"
    fields = ("agent", "grid", "assignee", "level", "kind", "flagged_on", "as_of", "due_on", "status", "escalated_from")
    show_history = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        followup = self.object
        context.update(
            events=followup_events(followup),
            can_record=followup.status != "done" and services.may_work_on(self.request.user, followup),
        )
        return context


class FollowUpOutcomeView(ServiceFormView):
    scope = staticmethod(followups_visible_to)
    permission = staticmethod(can_write_master_data)
    form_class = OutcomeForm
    template_name = "performance/outcome_form.html"
    title = gettext_lazy("Record the outcome")

    def get_object(self, queryset=None):
        followup = super().get_object(queryset)
        if not services.may_work_on(self.request.user, followup):
            raise PermissionDenied
        return followup

    def perform(self, form):
        return services.followup_record_outcome(followup=self.object, by=self.request.user, **form.cleaned_data)

    def success_message(self, result):
        return _("Outcome recorded.")

    def success_url_for(self, result):
        return reverse("performance:followup_list") + "?mine=true&status=open"


# --- webhooks and settings -------------------------------------------------------------------

class WebhookListView(ScopedListView):
    scope = staticmethod(webhooks_visible_to)
    filterset_class = WebhookFilterSet
    table_class = WebhookTable
    title = gettext_lazy("Webhooks")
    actions = ((gettext_lazy("New webhook"), "performance:webhook_create", can_approve),)


class WebhookDetailView(ScopedDetailView):
    scope = staticmethod(webhooks_visible_to)
    template_name = "performance/webhook_detail.html"
    fields = ("name", "kind", "node", "is_active", "created_at")
    show_history = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(deliveries=recent_deliveries(endpoint=self.object), can_edit=can_approve(self.request.user))
        return context


class _WebhookForm(ServiceFormView):
    scope = staticmethod(webhooks_visible_to)
    permission = staticmethod(can_approve)
    form_class = WebhookForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["nodes"] = nodes_within_reach(self.request.user).filter(is_active=True)
        if self.object is not None:
            kwargs["instance"] = type(self.object).objects.get(pk=self.object.pk)
        return kwargs

    def perform(self, form):
        return services.webhook_save(endpoint=self.object, data=form.cleaned_data, by=self.request.user)


class WebhookCreateView(_WebhookForm):
    title = gettext_lazy("New webhook")
    needs_object = False


class WebhookEditView(_WebhookForm):
    title = gettext_lazy("Edit webhook")


class LaggardRuleView(ServiceFormView):
    """The one settings row of the laggard detection, and the latest scheduled job runs."""

    permission = staticmethod(can_admin_org)
    form_class = LaggardRuleForm
    template_name = "performance/laggard_rule.html"
    title = gettext_lazy("Laggard rules")
    needs_object = False

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": LaggardRule.current()}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "job_runs": recent_job_runs()}

    def perform(self, form):
        return services.laggard_rule_update(data=form.cleaned_data, by=self.request.user)

    def success_url_for(self, result):
        return reverse("performance:laggard_rule")
