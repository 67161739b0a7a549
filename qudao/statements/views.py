from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView

from qudao.core.events import events_for
from qudao.core.exporting import XLSX
from qudao.incentives.lines import lines_path
from qudao.incentives.selectors import statement_lines
from qudao.performance.exports import PdfUnavailable
from qudao.ui.views import ScopedDetailView, ScopedListView, ScopedObjectMixin, ServiceFormView

from .choices import Decision, DisputeStatus
from .exports import statement_pdf, statement_xlsx
from .filtersets import DisputeFilterSet, StatementFilterSet
from .forms import AnswerForm, ConfirmForm, DisputeForm
from .permissions import can_answer_disputes, is_head_of
from .selectors import disputes_visible_to, sent_statements_visible_to
from .services import (
    AWAITING_AGENT,
    dispute_answer,
    statement_confirm,
    statement_dispute,
    statement_open,
)
from .tables import DisputeTable, StatementTable


class StatementListView(ScopedListView):
    scope = staticmethod(sent_statements_visible_to)
    filterset_class = StatementFilterSet
    table_class = StatementTable
    title = gettext_lazy("Remuneration statements")


class StatementView(ScopedDetailView):
    """The statement as its agent reads it: figures, every line, disputes, and what can be done."""

    scope = staticmethod(sent_statements_visible_to)
    template_name = "statements/statement.html"
    fields = ("agent", "status", "line_count", "total_fen", "held_fen", "payable_fen", "sent_at", "viewed_at",
              "confirmed_at")
    show_history = False

    def get_object(self, queryset=None):
        return statement_open(statement=super().get_object(queryset), user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statement, user = self.object, self.request.user
        page = Paginator(statement_lines(statement), 100).get_page(self.request.GET.get("page"))  # sliced in DuckDB
        head = is_head_of(user, statement.agent_id)
        context.update(
            title=_("Remuneration statement %(period)s") % {"period": f"{statement.run.period:%Y-%m}"},
            lines=page, disputes=list(statement.disputes.select_related("raised_by", "answered_by")),
            can_confirm=head and statement.status in AWAITING_AGENT,
            can_dispute=head and statement.status in (*AWAITING_AGENT, "disputed"),
            can_answer=can_answer_disputes(user), events=events_for(statement), confirm_form=ConfirmForm(),
            lines_missing=statement.line_count > 0 and lines_path(statement.run) is None,
        )
        return context


class StatementConfirmView(ServiceFormView):
    scope = staticmethod(sent_statements_visible_to)
    form_class = ConfirmForm
    title = gettext_lazy("Confirm the statement")
    permission = staticmethod(lambda user: user.is_agent_user)

    def perform(self, form):
        return statement_confirm(statement=self.object, user=self.request.user, note=form.cleaned_data["note"])

    def success_message(self, result) -> str:
        return _("Statement confirmed.")

    def success_url_for(self, result) -> str:
        return _statement_url(result)


class StatementDisputeView(ServiceFormView):
    scope = staticmethod(sent_statements_visible_to)
    form_class = DisputeForm
    title = gettext_lazy("Dispute statement lines")
    permission = staticmethod(lambda user: user.is_agent_user)

    def get_form_kwargs(self):
        """The choices: the lines named in ?line= (the page's "dispute this line"), the lines posted, or
        every line of the statement."""
        kwargs = super().get_form_kwargs()
        lines = statement_lines(self.object)
        source = self.request.GET if self.request.method == "GET" else self.request.POST
        wanted = [int(pk) for pk in source.getlist("line" if self.request.method == "GET" else "lines") if pk.isdigit()]
        kwargs["lines"] = lines.filter(numbers=wanted) if wanted else lines
        if wanted and self.request.method == "GET":
            kwargs["initial"] = {"lines": wanted}
        return kwargs

    def perform(self, form):
        statement_dispute(statement=self.object, user=self.request.user, comment=form.cleaned_data["comment"],
                          line_ids=form.cleaned_data["lines"])
        return self.object

    def success_message(self, result) -> str:
        return _("Dispute sent to your channel manager.")

    def success_url_for(self, result) -> str:
        return _statement_url(result)


def _statement_url(statement) -> str:
    return reverse("statements:statement_detail", args=[statement.pk])


class StatementFileView(ScopedObjectMixin, DetailView):
    scope = staticmethod(sent_statements_visible_to)

    def render_to_response(self, context, **response_kwargs):
        statement = self.object
        if self.kwargs["fmt"] not in ("pdf", "xlsx"):
            raise Http404
        name = f"statement-{statement.agent.code}-{statement.run.period:%Y-%m}"
        if self.kwargs["fmt"] == "pdf":
            try:
                return _file(statement_pdf(statement), "application/pdf", f"{name}.pdf")
            except PdfUnavailable as exc:
                messages.error(self.request, str(exc))
                return redirect(_statement_url(statement))
        return _file(statement_xlsx(statement), XLSX, f"{name}.xlsx")


def _file(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class DisputeListView(ScopedListView):
    scope = staticmethod(disputes_visible_to)
    filterset_class = DisputeFilterSet
    table_class = DisputeTable
    title = gettext_lazy("Statement disputes")


class DisputeDetailView(ScopedDetailView):
    scope = staticmethod(disputes_visible_to)
    template_name = "statements/dispute_detail.html"
    fields = ("statement", "line_record", "line_rule", "line_amount_fen", "comment", "raised_by", "raised_at", "status", "answer", "answered_by",
              "answered_at", "adjustment_fen")
    show_history = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(can_answer=can_answer_disputes(self.request.user) and self.object.status == DisputeStatus.OPEN,
                       events=events_for(self.object))
        return context


class DisputeAnswerView(ServiceFormView):
    scope = staticmethod(disputes_visible_to)
    form_class = AnswerForm
    title = gettext_lazy("Answer the dispute")
    permission = staticmethod(can_answer_disputes)

    def perform(self, form):
        data = form.cleaned_data
        return dispute_answer(dispute=self.object, user=self.request.user, accept=data["decision"] == Decision.ACCEPT,
                              answer=data["answer"], adjustment=data["adjustment"])

    def success_message(self, result) -> str:
        return _("Answer recorded.")
