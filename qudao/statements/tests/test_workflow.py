import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from qudao.core.errors import BusinessRuleError
from qudao.ledger.models import LedgerEntry
from qudao.statements.choices import DisputeStatus
from qudao.statements.services import (
    dispute_answer,
    statement_confirm,
    statement_dispute,
    statement_open,
)

pytestmark = pytest.mark.django_db


def _refresh(obj):
    obj.refresh_from_db()
    return obj


def test_the_head_opens_then_confirms_and_cannot_confirm_twice(sheet):
    statement = statement_open(statement=sheet.statement, user=sheet.head)
    assert statement.status == "viewed" and statement.viewed_at
    statement_open(statement=statement, user=sheet.cast.users["manager_a"])  # staff reading changes nothing
    statement = statement_confirm(statement=statement, user=sheet.head, note="OK")
    assert (statement.status, bool(statement.confirmed_at)) == ("confirmed", True)
    with pytest.raises(BusinessRuleError):
        statement_confirm(statement=statement, user=sheet.head)


def test_only_the_head_of_that_agent_confirms_or_disputes(sheet):
    with pytest.raises(PermissionDenied):
        statement_confirm(statement=sheet.statement, user=sheet.clerk())
    with pytest.raises(PermissionDenied):
        statement_confirm(statement=sheet.other, user=sheet.head)  # agent 2's statement
    with pytest.raises(PermissionDenied):
        statement_dispute(statement=sheet.statement, user=sheet.cast.users["manager_a"], comment="x")
    assert _refresh(sheet.statement).status == "sent"


def test_disputes_answered_one_accepted_one_rejected_resolve_the_statement(sheet):
    r1, r2 = sheet.line("R1"), sheet.line("R2")
    disputes = statement_dispute(statement=sheet.statement, user=sheet.head, comment="R1 was a broadband sale",
                                 line_ids=[r1.pk, r2.pk])
    assert _refresh(sheet.statement).status == "disputed"
    assert [(d.line_number, d.line_record, d.line_amount_fen) for d in disputes] == [(r1.pk, "R1", 5000), (r2.pk, "R2", 3000)]
    with pytest.raises(BusinessRuleError, match="waiting for an answer"):
        statement_confirm(statement=sheet.statement, user=sheet.head)

    manager = sheet.cast.users["manager_a"]
    accepted = dispute_answer(dispute=disputes[0], user=manager, accept=True, answer="Re-rated as broadband",
                              adjustment="12.50")
    assert (accepted.status, accepted.adjustment_fen) == (DisputeStatus.ACCEPTED, 1250)
    assert _refresh(sheet.statement).status == "disputed"  # one still open
    rejected = dispute_answer(dispute=disputes[1], user=manager, accept=False, answer="Plan sale, rate stands")
    assert (rejected.status, rejected.adjustment_fen) == (DisputeStatus.REJECTED, None)
    assert _refresh(sheet.statement).status == "resolved"

    entry = LedgerEntry.objects.get(source=f"statement-dispute:{accepted.pk}")
    assert (entry.kind, entry.amount_fen, entry.period) == ("adjustment", 1250, dt.date(2026, 11, 1))
    assert entry.agent_id == sheet.statement.agent_id
    assert _refresh(sheet.statement).total_fen == 10000  # the closed statement is never edited

    statement = statement_confirm(statement=sheet.statement, user=sheet.head)
    assert statement.status == "confirmed"


def test_a_whole_statement_dispute_and_bad_requests(sheet):
    with pytest.raises(BusinessRuleError, match="Say what is wrong"):
        statement_dispute(statement=sheet.statement, user=sheet.head, comment="  ")
    with pytest.raises(BusinessRuleError, match="not on this statement"):
        statement_dispute(statement=sheet.statement, user=sheet.head, comment="x", line_ids=[sheet.line("R9").pk])
    [whole] = statement_dispute(statement=sheet.statement, user=sheet.head, comment="Where is my bonus?")
    assert whole.line_number is None and whole.is_whole_statement
    manager = sheet.cast.users["manager_a"]
    with pytest.raises(BusinessRuleError, match="non-zero"):
        dispute_answer(dispute=whole, user=manager, accept=True, answer="yes", adjustment="0")
    with pytest.raises(BusinessRuleError, match="whole fen"):
        dispute_answer(dispute=whole, user=manager, accept=True, answer="yes", adjustment="1.005")
    with pytest.raises(BusinessRuleError, match="answer"):
        dispute_answer(dispute=whole, user=manager, accept=False, answer="")
    with pytest.raises(PermissionDenied):
        dispute_answer(dispute=whole, user=sheet.head, accept=False, answer="no")
    with pytest.raises(PermissionDenied):  # agent 1 is outside manager B's reach
        dispute_answer(dispute=whole, user=sheet.cast.users["manager_b"], accept=False, answer="no")
    assert not LedgerEntry.objects.exists()
    dispute_answer(dispute=whole, user=manager, accept=True, answer="Target bonus was missing", adjustment="-0.50")
    with pytest.raises(BusinessRuleError, match="already been answered"):
        dispute_answer(dispute=whole, user=manager, accept=False, answer="again")
    assert LedgerEntry.objects.get().amount_fen == -50
