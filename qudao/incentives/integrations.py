"""The two apps built alongside this one, reached through their documented interfaces only:
fraud holds (qudao.fraud.selectors.held_external_ids) and ledger posting
(qudao.ledger.services.post_entries, idempotent per source, agent and kind)."""

import datetime as dt

from qudao.fraud.selectors import held_external_ids as _held
from qudao.ledger.services import EntryDraft, post_entries


def held_external_ids(period: dt.date) -> set[str]:
    """Records flagged by fraud screening in the period and not cleared."""
    return set(_held(period))


def post_ledger_entries(entries: list[dict], *, user) -> int:
    return post_entries(entries=[EntryDraft(**e) for e in entries], user=user)
