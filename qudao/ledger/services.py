"""Writes of the ledger. Keyword-only and atomic; views, the API and other apps call these.

Posting (`post_entries`) is the one way money enters the ledger:
- idempotent per (source, agent, kind): a draft whose key is already posted is skipped, so a
  re-posted settlement run adds nothing (the unique constraint backs this up);
- every draft is checked before anything is written; a refusal names the entry's index (0-based)
  and the reason, and nothing of the batch is written;
- amounts are Decimal yuan and must be whole fen (qudao.ledger.money.exact_fen: no rounding here,
  floats refused); the sign must fit the kind: commission positive; clawback, penalty and payment
  negative; adjustment either sign; never zero;
- `period` is the first day of a month; `effective_on` defaults to the posting day.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qudao.accounts.permissions import can_approve, can_write_master_data
from qudao.channels.models import Agent
from qudao.channels.selectors import agents_visible_to
from qudao.core.errors import BusinessRuleError
from qudao.core.events import record_event, transition
from qudao.core.money import format_yuan

from .choices import KIND_SIGN, EntryKind, PenaltyStatus
from .models import LedgerEntry, Penalty
from .money import NotWholeFen, exact_fen


@dataclass(frozen=True)
class EntryDraft:
    agent_id: int
    kind: str
    amount: Decimal  # signed yuan, credit to the agent positive
    period: dt.date
    source: str
    memo: str = ""
    effective_on: dt.date | None = None  # default: the posting day


def _check(draft: EntryDraft) -> tuple[str | None, int | None]:
    """(reason, amount in fen) for one draft; reason is None when it is fine."""
    if draft.kind not in EntryKind.values:
        return _("unknown kind “%(kind)s”") % {"kind": draft.kind}, None
    try:
        fen = exact_fen(draft.amount)
    except NotWholeFen as exc:
        return _("amount refused: %(why)s") % {"why": exc}, None
    sign = KIND_SIGN[EntryKind(draft.kind)]
    if fen == 0:
        return _("the amount is zero"), None
    if sign is not None and (fen > 0) != (sign > 0):
        return _("a %(kind)s must be %(sign)s") % {
            "kind": draft.kind, "sign": _("positive") if sign > 0 else _("negative")}, None
    if not isinstance(draft.period, dt.date) or isinstance(draft.period, dt.datetime) or draft.period.day != 1:
        return _("the period must be the first day of a month"), None
    if not draft.source or len(draft.source) > 100:
        return _("the source must be 1 to 100 characters"), None
    if len(draft.memo) > 500:
        return _("the memo is longer than 500 characters"), None
    return None, fen


def _validated(entries: list[EntryDraft]) -> list[int]:
    amounts, problems, seen = [], [], set()
    known = set(Agent.objects.filter(pk__in={d.agent_id for d in entries}).values_list("pk", flat=True))
    for index, draft in enumerate(entries):
        reason, fen = _check(draft)
        key = (draft.source, draft.agent_id, draft.kind)
        if reason is None and draft.agent_id not in known:
            reason = _("agent %(id)s does not exist") % {"id": draft.agent_id}
        if reason is None and key in seen:
            reason = _("the same source, agent and kind appear twice in this batch")
        seen.add(key)
        if reason is not None:
            problems.append(_("Entry %(index)d: %(reason)s.") % {"index": index, "reason": reason})
        amounts.append(fen)
    if problems:
        raise BusinessRuleError(problems, code="invalid_entries")
    return amounts


@transaction.atomic
def post_entries(*, entries: list[EntryDraft], user) -> int:
    """Posts the drafts not yet posted (by source, agent and kind); returns how many were written."""
    entries = list(entries)
    if not entries:
        return 0
    amounts = _validated(entries)
    posted = set(
        LedgerEntry.objects.filter(source__in={d.source for d in entries})
        .values_list("source", "agent_id", "kind")
    )
    today = timezone.localdate()
    rows = [
        LedgerEntry(agent_id=d.agent_id, kind=d.kind, amount_fen=fen, period=d.period,
                    effective_on=d.effective_on or today, source=d.source, memo=d.memo, posted_by=user)
        for d, fen in zip(entries, amounts, strict=True)
        if (d.source, d.agent_id, d.kind) not in posted
    ]
    LedgerEntry.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


# --- penalties -------------------------------------------------------------------------------

def can_propose_penalty(user) -> bool:
    return can_write_master_data(user) and not user.is_agent_user


def can_decide_penalty(user) -> bool:
    """Supervisors and above; never on a penalty they proposed (checked in the services)."""
    return can_approve(user) and not user.is_agent_user


@transaction.atomic
def propose_penalty(*, agent, amount: Decimal, reason: str, source: str, user, outlet=None) -> Penalty:
    if not can_propose_penalty(user):
        raise PermissionDenied(_("Your role may not propose penalties."))
    try:
        fen = exact_fen(amount)
    except NotWholeFen as exc:
        raise BusinessRuleError(str(exc)) from None
    if fen <= 0:
        raise BusinessRuleError(_("A penalty is a positive amount."))
    if not reason.strip():
        raise BusinessRuleError(_("Say why the agent is penalised."))
    _require_reach(user, agent.pk)
    if outlet is not None and outlet.agent_id != agent.pk:
        raise BusinessRuleError(_("The outlet does not belong to this agent."))
    penalty = Penalty.objects.create(agent=agent, outlet=outlet, amount_fen=fen, reason=reason.strip(),
                                     source=source.strip()[:100] or "manual", proposed_by=user)
    record_event(subject=penalty, action="propose", by=user, to_status=penalty.status,
                 data={"amount_fen": fen, "amount_yuan": format_yuan(fen), "source": penalty.source})
    return penalty


def _require_reach(user, agent_id: int) -> None:
    if not agents_visible_to(user).filter(pk=agent_id).exists():
        raise PermissionDenied(_("This agent is outside your reach."))


def _locked_for_decision(penalty: Penalty, user) -> Penalty:
    if not can_decide_penalty(user):
        raise PermissionDenied(_("Only a supervisor or above decides on penalties."))
    penalty = Penalty.objects.select_for_update().get(pk=penalty.pk)
    _require_reach(user, penalty.agent_id)
    if penalty.proposed_by_id == user.pk:
        raise PermissionDenied(_("A penalty is decided by someone other than the person who proposed it."))
    return penalty


@transaction.atomic
def approve_penalty(*, penalty: Penalty, user, note: str = "") -> Penalty:
    """Approves the penalty and posts it to the ledger as a negative `penalty` entry."""
    penalty = _locked_for_decision(penalty, user)
    penalty.approved_by, penalty.decided_at = user, timezone.now()
    transition(subject=penalty, to=PenaltyStatus.APPROVED, allowed_from={PenaltyStatus.PROPOSED},
               action="approve", by=user, note=note)
    today = timezone.localdate()
    post_entries(entries=[EntryDraft(
        agent_id=penalty.agent_id, kind=EntryKind.PENALTY, amount=-Decimal(penalty.amount_fen) / 100,
        period=today.replace(day=1), source=penalty.ledger_source, memo=penalty.reason[:500], effective_on=today,
    )], user=user)
    penalty.entry = LedgerEntry.objects.get(source=penalty.ledger_source, agent_id=penalty.agent_id,
                                            kind=EntryKind.PENALTY)
    transition(subject=penalty, to=PenaltyStatus.POSTED, allowed_from={PenaltyStatus.APPROVED},
               action="post", by=user, data={"entry": penalty.entry.pk})
    return penalty


@transaction.atomic
def reject_penalty(*, penalty: Penalty, user, note: str = "") -> Penalty:
    penalty = _locked_for_decision(penalty, user)
    if not note.strip():
        raise BusinessRuleError(_("Say why the penalty is rejected."))
    penalty.approved_by, penalty.decided_at = user, timezone.now()
    transition(subject=penalty, to=PenaltyStatus.REJECTED, allowed_from={PenaltyStatus.PROPOSED},
               action="reject", by=user, note=note.strip())
    return penalty
