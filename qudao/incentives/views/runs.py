from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from django_tables2 import RequestConfig, SingleTableMixin

from qudao.core.exporting import export_response
from qudao.core.money import format_yuan
from qudao.sales.selectors import records_visible_to
from qudao.territory.selectors import nodes_within_reach
from qudao.ui.views import (
    ListResultsMixin,
    ScopedDetailView,
    ScopedListView,
    ScopedObjectMixin,
    ServiceFormView,
)

from .. import services
from ..choices import RunStatus, StatementStatus
from ..exports import line_rows, statement_rows
from ..filtersets import SettlementRunFilterSet, StatementFilterSet
from ..forms import ConfirmForm, LineFilterForm, StartRunForm
from ..lines import LineDoesNotExist, lines_path
from ..models import SettlementRun
from ..permissions import can_run_settlements
from ..selectors import (
    run_lines_visible_to,
    runs_visible_to,
    statement_lines,
    statements_visible_to,
)
from ..tables import SettlementLineTable, SettlementRunTable, StatementItemTable, StatementTable

XLSX_MAX_LINES = 1_000_000  # an Excel sheet holds 1,048,576 rows


class RunListView(ScopedListView):
    scope = staticmethod(runs_visible_to)
    filterset_class = SettlementRunFilterSet
    table_class = SettlementRunTable
    title = gettext_lazy("Settlement runs")
    actions = ((gettext_lazy("Start a run"), "incentives:run_create", can_run_settlements),)


class RunDetailView(ScopedDetailView):
    """Progress (the status part polls itself with htmx while the run works), then the statements."""

    scope = staticmethod(runs_visible_to)
    template_name = "incentives/run_detail.html"
    fields = ("period", "scope", "status", "record_count", "line_count", "statement_count", "snapshot_sha256",
              "result_digest", "created_by", "started_at", "finished_at")
    show_history = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run, user = self.object, self.request.user
        table = StatementTable(statements_visible_to(user).filter(run=run), exclude=("period",))
        RequestConfig(self.request, paginate={"per_page": 50}).configure(table)
        context.update(
            table=table,
            can_send=run.status == RunStatus.DONE and can_run_settlements(user)
            and run.statements.filter(status=StatementStatus.DRAFT).exists(),
        )
        return context


class RunProgressView(RunDetailView):
    template_name = "incentives/run_detail.html#status"


class RunStartView(ServiceFormView):
    permission = staticmethod(can_run_settlements)
    form_class = StartRunForm
    title = gettext_lazy("Start a settlement run")
    needs_object = False

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "nodes": nodes_within_reach(self.request.user)}

    def perform(self, form):
        return services.start_run(period=form.cleaned_data["period"], scope=form.cleaned_data["scope"],
                                  user=self.request.user)

    def success_message(self, result):
        return _("The run is queued.")


class RunSendView(ServiceFormView):
    scope = staticmethod(runs_visible_to)
    permission = staticmethod(can_run_settlements)
    form_class = ConfirmForm
    title = gettext_lazy("Send the statements")

    def perform(self, form):
        services.send_statements(run=self.object, user=self.request.user)
        return self.object

    def success_message(self, result):
        return _("Statements sent.")


class RunLineListView(ListResultsMixin, ScopedObjectMixin, SingleTableMixin, TemplateView):
    """A run's lines, read from its lines file, filtered, paginated and exported like any list."""

    scope = staticmethod(runs_visible_to)
    template_name = "ui/list.html"
    table_class = SettlementLineTable
    table_pagination = {"per_page": 50}

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.form = LineFilterForm(request.GET or None)
        if request.GET.get("export"):
            lines = self.get_table_data()
            if request.GET["export"] == "xlsx" and lines.count() > XLSX_MAX_LINES:
                messages.error(request, _("%(n)s lines do not fit in one Excel sheet: filter by agent or rule, or export CSV.")
                               % {"n": f"{lines.count():,}"})
                return redirect(request.path)
            headers, rows = line_rows(lines)
            return export_response(headers, rows, request.GET["export"], f"settlement-lines-{self.object.pk}")
        return super().get(request, *args, **kwargs)

    def get_table_data(self):
        lines = run_lines_visible_to(self.request.user, self.object)
        if not self.form.is_bound:
            return lines
        return self.form.apply(lines) if self.form.is_valid() else lines.none()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=_("Lines of run %(run)s") % {"run": self.object}, filter=SimpleNamespace(form=self.form),
                       can_export=True, actions=[], query_string=self.request.GET.urlencode())
        return context


class LineDetailView(LoginRequiredMixin, TemplateView):
    """One line of a run's file, for whoever may read its statement; the drill-down to the record and the rule."""

    template_name = "incentives/line_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = get_object_or_404(SettlementRun, pk=self.kwargs["run"])
        try:
            line = run_lines_visible_to(self.request.user, run).get(self.kwargs["number"])
        except LineDoesNotExist:
            raise Http404 from None
        statement = statements_visible_to(self.request.user).filter(run=run, agent_id=line.agent_id).first()
        context.update(
            object=line, run=run, statement=statement,
            summary=[(_("run"), run), (_("agent"), line.agent), (_("outlet"), line.outlet or "—"),
                     (_("product"), line.product or "—"), (_("record id"), line.external_id or "—"),
                     (_("rule"), line.rule_key), (_("rule kind"), line.rule_kind),
                     (_("amount (yuan)"), format_yuan(line.amount_fen)), (_("held"), _("yes") if line.held else _("no")),
                     (_("explanation"), line.explanation)],
            record_url=_record_url(self.request.user, line.external_id) if line.external_id else None,
        )
        return context


def _record_url(user, external_id: str) -> str | None:
    """The record's page in the sales app, if the reader can see it."""
    pk = records_visible_to(user).filter(external_id=external_id).values_list("pk", flat=True).first()
    return reverse("sales:record_detail", args=[pk]) if pk else None


class StatementListView(ScopedListView):
    scope = staticmethod(statements_visible_to)
    filterset_class = StatementFilterSet
    table_class = StatementTable
    title = gettext_lazy("Statements")
    exporter = staticmethod(statement_rows)
    export_name = "statements"


class StatementDetailView(ScopedDetailView):
    scope = staticmethod(statements_visible_to)
    template_name = "incentives/statement_detail.html"
    fields = ("agent", "run", "status", "line_count", "total_fen", "held_fen", "payable_fen", "sent_at", "viewed_at",
              "confirmed_at")
    show_history = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statement = self.object
        table = SettlementLineTable(statement_lines(statement), exclude=("agent",))
        RequestConfig(self.request, paginate={"per_page": 100}).configure(table)
        context.update(table=table, items=StatementItemTable(statement.items.select_related("version__scheme")),
                       lines_missing=statement.line_count > 0 and lines_path(statement.run) is None)
        return context
