import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from qudao.channels.models import Agent
from qudao.ui.columns import YuanColumn

from .models import LedgerEntry, Penalty


class LedgerEntryTable(tables.Table):
    id = tables.Column(linkify=True, verbose_name="#")
    agent = tables.Column(accessor="agent__name", verbose_name=_("agent"), order_by=("agent__name",))
    amount_fen = YuanColumn(verbose_name=_("amount (yuan)"))
    period = tables.DateColumn(format="Y-m", verbose_name=_("period"))

    class Meta:
        model = LedgerEntry
        fields = ("id", "effective_on", "agent", "kind", "amount_fen", "period", "source", "memo", "posted_at")
        attrs = {"class": "table table-vcenter card-table text-nowrap", "data-testid": "entry-table"}


class AccountEntryTable(LedgerEntryTable):
    running_fen = YuanColumn(verbose_name=_("balance (yuan)"), orderable=False)

    class Meta(LedgerEntryTable.Meta):
        fields = ("id", "effective_on", "kind", "amount_fen", "running_fen", "period", "source", "memo")
        exclude = ("agent",)
        order_by = ("-effective_on", "-id")


class AccountTable(tables.Table):
    code = tables.Column(linkify=("ledger:account_detail", {"pk": tables.A("pk")}), verbose_name=_("agent code"))
    name = tables.Column(verbose_name=_("agent"))
    balance_fen = YuanColumn(verbose_name=_("balance (yuan)"))

    class Meta:
        model = Agent
        fields = ("code", "name", "balance_fen")
        attrs = {"class": "table table-vcenter card-table", "data-testid": "account-table"}


class PenaltyTable(tables.Table):
    id = tables.Column(linkify=True, verbose_name="#")
    agent = tables.Column(accessor="agent__name", verbose_name=_("agent"), order_by=("agent__name",))
    outlet = tables.Column(accessor="outlet__code", verbose_name=_("outlet"), default="—")
    amount_fen = YuanColumn(verbose_name=_("amount (yuan)"))

    class Meta:
        model = Penalty
        fields = ("id", "proposed_at", "agent", "outlet", "amount_fen", "source", "status", "proposed_by",
                  "approved_by")
        attrs = {"class": "table table-vcenter card-table text-nowrap", "data-testid": "penalty-table"}
