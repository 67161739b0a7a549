import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction

from qudao.ledger.models import LedgerEntry, LedgerImmutableError
from qudao.ledger.selectors import balance, running_balance
from qudao.ledger.services import EntryDraft, post_entries

from .conftest import OCT, draft


@pytest.mark.django_db
def test_posted_entries_cannot_change_or_vanish_in_code(booked):
    entry = LedgerEntry.objects.filter(agent=booked.agent1).first()
    entry.amount_fen = 1
    with pytest.raises(LedgerImmutableError):
        entry.save()
    with pytest.raises(LedgerImmutableError):
        entry.delete()
    with pytest.raises(LedgerImmutableError):
        LedgerEntry.objects.filter(pk=entry.pk).update(amount_fen=1)
    with pytest.raises(LedgerImmutableError):
        LedgerEntry.objects.all().delete()
    with pytest.raises(LedgerImmutableError):
        LedgerEntry.objects.bulk_update([entry], ["amount_fen"])
    assert LedgerEntry.objects.count() == 4
    assert LedgerEntry.objects.get(pk=entry.pk).amount_fen != 1


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_postgres_trigger_refuses_raw_update_and_delete(booked):
    entry = LedgerEntry.objects.filter(agent=booked.agent1).first()
    for sql in ("UPDATE ledger_ledgerentry SET amount_fen = 1 WHERE id = %s",
                "DELETE FROM ledger_ledgerentry WHERE id = %s"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    assert LedgerEntry.objects.get(pk=entry.pk).amount_fen == entry.amount_fen
    with connection.cursor() as cursor:  # inserting stays possible
        cursor.execute("SELECT count(*) FROM ledger_ledgerentry")
        assert cursor.fetchone()[0] == 4


@pytest.mark.django_db
def test_posting_is_idempotent_per_source_agent_and_kind(booked):
    again = [
        draft(booked.agent1, "commission", "1200.50", "settlement-run:1"),  # already posted: skipped
        draft(booked.agent1, "clawback", "-10.00", "settlement-run:1"),  # same source, other kind: new
        draft(booked.agent3, "commission", "7.01", "settlement-run:1"),  # same source, other agent: new
    ]
    assert post_entries(entries=again, user=booked.head) == 2
    assert post_entries(entries=again, user=booked.head) == 0
    assert LedgerEntry.objects.filter(source="settlement-run:1").count() == 4
    assert LedgerEntry.objects.get(source="settlement-run:1", agent=booked.agent3).amount_fen == 701


@pytest.mark.django_db
def test_invalid_drafts_are_named_by_index_and_nothing_is_written(cast):
    drafts = [
        draft(cast.agent1, "commission", "10.00", "ok:1"),
        draft(cast.agent1, "commission", "10.005", "bad:1"),  # a fraction of a fen
        EntryDraft(agent_id=cast.agent1.pk, kind="commission", amount=10.5, period=OCT, source="bad:2"),  # float
        draft(cast.agent1, "penalty", "5.00", "bad:3"),  # a penalty must be negative
        draft(cast.agent1, "commission", "5.00", "bad:4", period=dt.date(2026, 10, 2)),
        draft(cast.agent1, "bonus", "5.00", "bad:5"),
        EntryDraft(agent_id=987654, kind="commission", amount=Decimal("1.00"), period=OCT, source="bad:6"),
        draft(cast.agent1, "commission", "10.00", "ok:1"),  # twice in one batch
        draft(cast.agent1, "adjustment", "0", "bad:8"),
    ]
    with pytest.raises(ValidationError) as caught:
        post_entries(entries=drafts, user=cast.head)
    messages = caught.value.messages
    assert [m.split(":")[0] for m in messages] == [f"Entry {i}" for i in range(1, 9)]
    assert "not a whole number of fen" in messages[0]
    assert "floats" in messages[1]
    assert "must be negative" in messages[2]
    assert "first day of a month" in messages[3]
    assert "unknown kind" in messages[4]
    assert "does not exist" in messages[5]
    assert "twice" in messages[6]
    assert "zero" in messages[7]
    assert not LedgerEntry.objects.exists()


@pytest.mark.django_db
def test_amounts_are_stored_as_exact_fen(cast):
    post_entries(entries=[draft(cast.agent1, "adjustment", "-0.01", "adj:1"),
                          draft(cast.agent1, "commission", "12345678.90", "run:9")], user=cast.head)
    assert sorted(LedgerEntry.objects.values_list("amount_fen", flat=True)) == [-1, 1234567890]


@pytest.mark.django_db
def test_balance_at_a_date_and_running_balance(booked):
    agent = booked.agent1
    assert balance(agent=agent, on=dt.date(2026, 10, 30)) == Decimal("0.00")
    assert balance(agent=agent, on=dt.date(2026, 10, 31)) == Decimal("1200.50")
    assert balance(agent=agent, on=dt.date(2026, 11, 5)) == Decimal("1100.25")  # 1200.50 - 100.25
    assert balance(agent=agent, on=dt.date(2026, 12, 31)) == Decimal("800.25")  # - 300.00
    assert balance(agent=booked.agent2, on=dt.date(2026, 12, 31)) == Decimal("50.00")
    running = [(e.source, b) for e, b in running_balance(agent=agent)]
    assert running == [("settlement-run:1", Decimal("1200.50")), ("settlement-run:2", Decimal("1100.25")),
                       ("payment:1", Decimal("800.25"))]
