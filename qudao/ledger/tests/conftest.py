import datetime as dt
from decimal import Decimal

import pytest

from qudao.ledger.services import EntryDraft, post_entries

OCT = dt.date(2026, 10, 1)
NOV = dt.date(2026, 11, 1)


def draft(agent, kind, amount, source, *, period=OCT, on=None, memo=""):
    return EntryDraft(agent_id=agent.pk, kind=kind, amount=Decimal(amount), period=period, source=source, memo=memo,
                      effective_on=on)


@pytest.fixture
def booked(cast):
    """agent1: +1200.50 (10-31), -100.25 clawback (11-05), -300.00 payment (11-10); agent2: +50.00 (10-31)."""
    post_entries(entries=[
        draft(cast.agent1, "commission", "1200.50", "settlement-run:1", on=dt.date(2026, 10, 31)),
        draft(cast.agent1, "clawback", "-100.25", "settlement-run:2", period=NOV, on=dt.date(2026, 11, 5)),
        draft(cast.agent1, "payment", "-300.00", "payment:1", period=NOV, on=dt.date(2026, 11, 10)),
        draft(cast.agent2, "commission", "50.00", "settlement-run:1", on=dt.date(2026, 10, 31)),
    ], user=cast.head)
    return cast
