"""The statement's round trip with the agent: opened, confirmed or disputed line by line, each
dispute answered by the channel manager; an accepted dispute becomes an adjustment entry on the
agent's ledger in the next period (a closed period is never edited)."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qudao.channels.selectors import agents_visible_to
from qudao.core.errors import BusinessRuleError
from qudao.core.events import record_event, transition
from qudao.core.money import format_yuan, to_fen
from qudao.incentives.choices import StatementStatus
from qudao.incentives.models import Statement
from qudao.incentives.selectors import statement_lines
from qudao.ledger.services import EntryDraft, post_entries

from .choices import DisputeStatus
from .models import StatementDispute
from .permissions import can_answer_disputes, is_head_of

AWAITING_AGENT = (StatementStatus.SENT, StatementStatus.VIEWED, StatementStatus.RESOLVED)
ADJUSTMENT_SOURCE = "statement-dispute:{pk}"


def _locked(statement: Statement) -> Statement:
    return Statement.objects.select_for_update().select_related("run", "agent").get(pk=statement.pk)


def _require_head(user, statement: Statement) -> None:
    if not is_head_of(user, statement.agent_id):
        raise PermissionDenied(_("Only the head of this agent may confirm or dispute its statement."))


@transaction.atomic
def statement_open(*, statement: Statement, user) -> Statement:
    """The first time someone of the agent opens a sent statement, it becomes 'viewed'."""
    if not user.is_agent_user or statement.status != StatementStatus.SENT:
        return statement
    statement = _locked(statement)
    if statement.status == StatementStatus.SENT:
        statement.viewed_at = timezone.now()
        transition(subject=statement, to=StatementStatus.VIEWED, allowed_from=[StatementStatus.SENT],
                   action="view", by=user)
    return statement


@transaction.atomic
def statement_confirm(*, statement: Statement, user, note: str = "") -> Statement:
    statement = _locked(statement)
    _require_head(user, statement)
    if statement.disputes.filter(status=DisputeStatus.OPEN).exists():
        raise BusinessRuleError(_("Disputed lines are still waiting for an answer."))
    statement.confirmed_at = timezone.now()
    transition(subject=statement, to=StatementStatus.CONFIRMED, allowed_from=AWAITING_AGENT, action="confirm",
               by=user, note=note.strip(), data={"payable_fen": statement.payable_fen})
    return statement


@transaction.atomic
def statement_dispute(*, statement: Statement, user, comment: str, line_ids=()) -> list[StatementDispute]:
    """One dispute per line named (or one for the whole statement when none is)."""
    statement = _locked(statement)
    _require_head(user, statement)
    comment = comment.strip()
    if not comment:
        raise BusinessRuleError(_("Say what is wrong, so the channel manager can answer."))
    line_ids = sorted({int(pk) for pk in line_ids})
    found = {line.number: line for line in statement_lines(statement).filter(numbers=line_ids)} if line_ids else {}
    if missing := [pk for pk in line_ids if pk not in found]:
        raise BusinessRuleError(_("Line %(line)s is not on this statement.") % {"line": missing[0]})
    allowed = (*AWAITING_AGENT, StatementStatus.DISPUTED)
    if statement.status not in allowed:
        raise BusinessRuleError(_("This statement can no longer be disputed (status “%(status)s”).")
                                % {"status": statement.get_status_display()})
    disputes = StatementDispute.objects.bulk_create([
        _dispute(statement, found.get(pk), comment=comment, user=user) for pk in line_ids or [None]
    ])
    data = {"lines": line_ids, "disputes": [d.pk for d in disputes]}
    if statement.status == StatementStatus.DISPUTED:
        record_event(subject=statement, action="dispute", by=user, note=comment, data=data)
    else:
        transition(subject=statement, to=StatementStatus.DISPUTED, allowed_from=AWAITING_AGENT, action="dispute",
                   by=user, note=comment, data=data)
    return disputes


def _dispute(statement: Statement, line, *, comment: str, user) -> StatementDispute:
    """A dispute of one line keeps what the line said (the line itself stays in the run's file)."""
    if line is None:
        return StatementDispute(statement=statement, comment=comment, raised_by=user)
    return StatementDispute(statement=statement, line_number=line.number, line_record=line.external_id,
                            line_rule=line.rule_key, line_amount_fen=line.amount_fen, comment=comment, raised_by=user)


def parse_adjustment(text) -> Decimal:
    try:
        amount = Decimal(str(text).strip().replace(",", ""))
    except InvalidOperation:
        raise BusinessRuleError(_("The adjustment must be an amount in yuan, e.g. 12.50 or -8.00.")) from None
    if amount != amount.quantize(Decimal("0.01")):
        raise BusinessRuleError(_("The adjustment must be whole fen (at most two decimals)."))
    if amount == 0:
        raise BusinessRuleError(_("An accepted dispute needs a non-zero adjustment."))
    return amount


def next_period(period: dt.date) -> dt.date:
    return (period.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


@transaction.atomic
def dispute_answer(*, dispute: StatementDispute, user, accept: bool, answer: str, adjustment=None) -> StatementDispute:
    """Accepting posts `adjustment` (signed yuan: positive is owed to the agent) as a ledger
    adjustment in the period after the statement's; rejecting explains why the line stands."""
    if not can_answer_disputes(user):
        raise PermissionDenied(_("Your role may not answer statement disputes."))
    dispute = StatementDispute.objects.select_for_update().get(pk=dispute.pk)
    statement = _locked(dispute.statement)
    if not agents_visible_to(user).filter(pk=statement.agent_id).exists():
        raise PermissionDenied(_("This agent is outside your reach."))
    if dispute.status != DisputeStatus.OPEN:
        raise BusinessRuleError(_("This dispute has already been answered."))
    answer = answer.strip()
    if not answer:
        raise BusinessRuleError(_("Write the answer the agent will read."))
    dispute.answer, dispute.answered_by, dispute.answered_at = answer, user, timezone.now()
    if accept:
        amount = parse_adjustment(adjustment if adjustment is not None else "")
        dispute.adjustment_fen = to_fen(amount)
        post_entries(entries=[EntryDraft(
            agent_id=statement.agent_id, kind="adjustment", amount=amount, period=next_period(statement.run.period),
            source=ADJUSTMENT_SOURCE.format(pk=dispute.pk),
            memo=_("Statement %(period)s dispute: %(answer)s") % {"period": f"{statement.run.period:%Y-%m}",
                                                                  "answer": answer[:150]},
        )], user=user)
    to = DisputeStatus.ACCEPTED if accept else DisputeStatus.REJECTED
    transition(subject=dispute, to=to, allowed_from=[DisputeStatus.OPEN], action="answer", by=user, note=answer,
               data={"adjustment_fen": dispute.adjustment_fen,
                     "adjustment_yuan": format_yuan(dispute.adjustment_fen) if accept else ""})
    if not statement.disputes.filter(status=DisputeStatus.OPEN).exists():
        transition(subject=statement, to=StatementStatus.RESOLVED, allowed_from=[StatementStatus.DISPUTED],
                   action="resolve", by=user)
    return dispute
