"""Reads of the ledger. The `*_visible_to` functions are the only way anything lists them.

- Ledger entries and accounts: staff see the agents in their reach (registered in reach or
  running an outlet in reach: channels.selectors.agents_visible_to); agent users only their own.
- Penalties: staff by the same agent reach; never agent users (they see the posted entry).
"""

import datetime as dt
from decimal import Decimal

from django.db.models import BigIntegerField, Exists, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from qudao.channels.models import Agent
from qudao.channels.selectors import agents_visible_to
from qudao.core.events import events_for
from qudao.core.money import to_yuan

from .models import LedgerEntry, Penalty


def _visible_agent_ids(user):
    return agents_visible_to(user).values("pk")


def entries_visible_to(user) -> QuerySet[LedgerEntry]:
    qs = LedgerEntry.objects.select_related("agent", "posted_by")
    if not user.is_authenticated:
        return qs.none()
    return qs.filter(agent_id__in=_visible_agent_ids(user))


def _sum_fen(queryset) -> Subquery:
    summed = queryset.order_by().values("agent").annotate(total=Sum("amount_fen")).values("total")
    return Coalesce(Subquery(summed, output_field=BigIntegerField()), 0)


def accounts_visible_to(user) -> QuerySet[Agent]:
    """Agents with at least one ledger entry, with `balance_fen` (all entries) annotated."""
    own = LedgerEntry.objects.filter(agent=OuterRef("pk"))
    return (
        agents_visible_to(user).filter(Exists(own))
        .annotate(balance_fen=_sum_fen(own)).order_by("code")
    )


def penalties_visible_to(user) -> QuerySet[Penalty]:
    qs = Penalty.objects.select_related("agent", "outlet", "proposed_by", "approved_by", "entry")
    if not user.is_authenticated or user.is_agent_user:
        return qs.none()
    return qs.filter(agent_id__in=_visible_agent_ids(user))


def balance_fen(*, agent, on: dt.date) -> int:
    agent_id = getattr(agent, "pk", agent)
    total = LedgerEntry.objects.filter(agent_id=agent_id, effective_on__lte=on).aggregate(t=Sum("amount_fen"))["t"]
    return total or 0


def balance(*, agent, on: dt.date) -> Decimal:
    """The agent's balance (credit positive) counting every entry effective on or before `on`."""
    return to_yuan(balance_fen(agent=agent, on=on))


def with_running_balance(entries: QuerySet[LedgerEntry]) -> QuerySet[LedgerEntry]:
    """Annotates `running_fen`: the account's balance right after each entry, over all of the agent's
    entries in (effective_on, id) order, whatever filters `entries` carries."""
    upto = LedgerEntry.objects.filter(agent=OuterRef("agent")).filter(
        Q(effective_on__lt=OuterRef("effective_on")) | Q(effective_on=OuterRef("effective_on"), id__lte=OuterRef("id"))
    )
    return entries.annotate(running_fen=_sum_fen(upto))


def running_balance(*, agent, until: dt.date | None = None) -> list[tuple[LedgerEntry, Decimal]]:
    """(entry, balance after it) in booking order, oldest first."""
    qs = LedgerEntry.objects.filter(agent_id=getattr(agent, "pk", agent))
    if until is not None:
        qs = qs.filter(effective_on__lte=until)
    rows = with_running_balance(qs).order_by("effective_on", "id")
    return [(entry, to_yuan(entry.running_fen)) for entry in rows]


def penalty_events(penalty: Penalty):
    return events_for(penalty)
