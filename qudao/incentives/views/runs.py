from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tables2 import RequestConfig

from qudao.sales.selectors import records_visible_to
from qudao.territory.selectors import nodes_within_reach
from qudao.ui.views import ScopedDetailView, ScopedListView, ServiceFormView

from .. import services
from ..choices import RunStatus, StatementStatus
from ..exports import line_rows, statement_rows
from ..filtersets import SettlementLineFilterSet, SettlementRunFilterSet, StatementFilterSet
from ..forms import ConfirmForm, StartRunForm
from ..permissions import can_run_settlements
from ..selectors import lines_visible_to, runs_visible_to, statements_visible_to
from ..tables import SettlementLineTable, SettlementRunTable, StatementTable


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


class LineListView(ScopedListView):
    scope = staticmethod(lines_visible_to)
    filterset_class = SettlementLineFilterSet
    table_class = SettlementLineTable
    title = gettext_lazy("Settlement lines")
    exporter = staticmethod(line_rows)
    export_name = "settlement-lines"


class LineDetailView(ScopedDetailView):
    scope = staticmethod(lines_visible_to)
    template_name = "incentives/line_detail.html"
    fields = ("run", "agent", "outlet", "product", "external_id", "version", "rule_key", "rule_kind", "amount_fen",
              "held", "explanation")
    show_history = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        line = self.object
        context["record_url"] = _record_url(self.request.user, line.external_id) if line.external_id else None
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
        lines = lines_visible_to(self.request.user).filter(run_id=statement.run_id, agent_id=statement.agent_id)
        table = SettlementLineTable(lines, exclude=("agent",))
        RequestConfig(self.request, paginate={"per_page": 100}).configure(table)
        context["table"] = table
        return context
