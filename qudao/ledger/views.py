"""Ledger pages: entries, agent accounts (the agent ledger with running balance), penalties.
Views only translate: scope, parse, call one service, render."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tables2 import RequestConfig

from qudao.core.exporting import export_response
from qudao.core.money import to_yuan
from qudao.ui.views import ScopedDetailView, ScopedListView, ServiceFormView

from . import services
from .exports import account_table, entries_table
from .filtersets import (
    AccountFilterSet,
    AccountLedgerFilterSet,
    LedgerEntryFilterSet,
    PenaltyFilterSet,
)
from .forms import BalanceOnForm, DecisionForm, PenaltyProposeForm
from .models import LedgerEntry
from .permissions import can_decide_penalty, can_propose_penalty
from .selectors import (
    accounts_visible_to,
    balance,
    entries_visible_to,
    penalties_visible_to,
    penalty_events,
    with_running_balance,
)
from .tables import AccountEntryTable, AccountTable, LedgerEntryTable, PenaltyTable


class EntryListView(ScopedListView):
    scope = staticmethod(entries_visible_to)
    filterset_class = LedgerEntryFilterSet
    table_class = LedgerEntryTable
    title = gettext_lazy("Ledger entries")
    exporter = staticmethod(entries_table)
    export_name = "ledger-entries"


class EntryDetailView(ScopedDetailView):
    scope = staticmethod(entries_visible_to)
    fields = ("agent", "kind", "amount_yuan", "period", "effective_on", "source", "memo", "posted_at", "posted_by")
    show_history = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = [(_("amount (yuan)"), value) if label == "amount_yuan" else (label, value)
                              for label, value in context["summary"]]
        return context


class AccountListView(ScopedListView):
    scope = staticmethod(accounts_visible_to)
    filterset_class = AccountFilterSet
    table_class = AccountTable
    title = gettext_lazy("Agent accounts")


class AccountDetailView(ScopedDetailView):
    """One agent's ledger: entries (filtered, paginated) with the running balance, the balance on a
    chosen day, and the same rows as Excel/CSV (`?export=xlsx`)."""

    scope = staticmethod(accounts_visible_to)
    template_name = "ledger/account_detail.html"
    show_history = False

    def _entries(self):
        entries = LedgerEntry.objects.filter(agent=self.object)
        filterset = AccountLedgerFilterSet(self.request.GET or None, queryset=entries, request=self.request)
        return filterset, with_running_balance(filterset.qs if filterset.is_valid() else entries.none())

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        fmt = request.GET.get("export")
        if fmt:
            _filterset, rows = self._entries()
            headers, data = account_table(rows)
            return export_response(headers, data, fmt, f"ledger-{self.object.code}")
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset, rows = self._entries()
        table = AccountEntryTable(rows)
        RequestConfig(self.request, paginate={"per_page": 50}).configure(table)
        on_form = BalanceOnForm(self.request.GET)
        on = (on_form.cleaned_data.get("on") if on_form.is_valid() else None) or timezone.localdate()
        context.update(
            table=table, filter=filterset, on=on, balance_on=balance(agent=self.object, on=on),
            balance_now=to_yuan(self.object.balance_fen), query_string=self.request.GET.urlencode(),
        )
        return context


# --- penalties -------------------------------------------------------------------------------

class PenaltyListView(ScopedListView):
    scope = staticmethod(penalties_visible_to)
    filterset_class = PenaltyFilterSet
    table_class = PenaltyTable
    title = gettext_lazy("Penalties")
    actions = ((gettext_lazy("Propose a penalty"), "ledger:penalty_create", can_propose_penalty),)


class PenaltyDetailView(ScopedDetailView):
    scope = staticmethod(penalties_visible_to)
    template_name = "ledger/penalty_detail.html"
    fields = ("agent", "outlet", "status", "reason", "source", "proposed_by", "proposed_at", "approved_by",
              "decided_at", "entry")
    show_history = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        penalty, user = self.object, self.request.user
        context.update(
            amount=to_yuan(penalty.amount_fen), events=penalty_events(penalty),
            can_decide=penalty.status == "proposed" and can_decide_penalty(user) and penalty.proposed_by_id != user.pk,
        )
        return context


class PenaltyProposeView(ServiceFormView):
    scope = staticmethod(penalties_visible_to)
    permission = staticmethod(can_propose_penalty)
    form_class = PenaltyProposeForm
    title = gettext_lazy("Propose a penalty")
    needs_object = False

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def perform(self, form):
        data = form.cleaned_data
        return services.propose_penalty(agent=data["agent"], outlet=data["outlet"], amount=data["amount"],
                                        reason=data["reason"], source=data["source"] or "manual",
                                        user=self.request.user)

    def success_message(self, result) -> str:
        return _("Penalty proposed; another person approves it.")


class _PenaltyDecisionView(ServiceFormView):
    scope = staticmethod(penalties_visible_to)
    permission = staticmethod(can_decide_penalty)
    form_class = DecisionForm


class PenaltyApproveView(_PenaltyDecisionView):
    title = gettext_lazy("Approve and post the penalty")

    def perform(self, form):
        return services.approve_penalty(penalty=self.object, user=self.request.user, **form.cleaned_data)

    def success_message(self, result) -> str:
        return _("Penalty approved and posted to the agent's ledger.")


class PenaltyRejectView(_PenaltyDecisionView):
    title = gettext_lazy("Reject the penalty")

    def perform(self, form):
        return services.reject_penalty(penalty=self.object, user=self.request.user, **form.cleaned_data)

    def success_message(self, result) -> str:
        return _("Penalty rejected.")
