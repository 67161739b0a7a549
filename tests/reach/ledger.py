"""Reach of the agent ledger (qudao.ledger): entries and accounts by the agent's reach (agent users:
their own agent), penalties by the agent's reach for staff only.

Entries are append-only and other areas post to the ledger too (sending statements posts
commission), so the entry spec is stated by agent and expanded, after populate, to every entry of
those agents: ENTRY_REACH is filled in by `populate`.
"""

import datetime as dt
from decimal import Decimal

from qudao.ledger.models import LedgerEntry
from qudao.ledger.services import EntryDraft, post_entries, propose_penalty

from . import ModelSpec

BY_AGENT = {"manager_a": ("agent1",), "manager_b": ("agent2",), "supervisor": ("agent1", "agent2"),
            "analyst": ("agent1", "agent2", "agent3"), "head": ("agent1", "agent2", "agent3"),
            "agent_user": ("agent1",), "outsider": ()}

ENTRY_REACH: dict[str, tuple[str, ...]] = {}

SPECS = [
    ModelSpec("ledger_entry", ("ledger:entry_",), "api:ledger-entry-", ENTRY_REACH),
    ModelSpec("ledger_account", ("ledger:account_",), "api:ledger-account-", BY_AGENT),
    ModelSpec("ledger_penalty", ("ledger:penalty_",), "api:penalty-", {**BY_AGENT, "agent_user": ()}),
]
EXEMPT = {}


def populate(cast):
    period = dt.date(2026, 9, 1)
    post_entries(entries=[
        EntryDraft(agent_id=cast.agents[key].pk, kind="commission", amount=Decimal("100.00"), period=period,
                   source="reach:1")
        for key in ("agent1", "agent2", "agent3")
    ], user=cast.head)
    penalties = {
        key: propose_penalty(agent=cast.agents[key], amount=Decimal("10.00"), reason="reach", source="reach",
                             user=cast.head)
        for key in ("agent1", "agent2", "agent3")
    }
    agent_key = {agent.pk: key for key, agent in cast.agents.items()}
    entries = {f"{agent_key[e.agent_id]}:{e.pk}": e for e in LedgerEntry.objects.filter(agent_id__in=agent_key)}
    ENTRY_REACH.clear()
    ENTRY_REACH.update({persona: tuple(k for k in entries if k.split(":")[0] in agents)
                        for persona, agents in BY_AGENT.items()})
    return {"ledger_entry": entries, "ledger_account": dict(cast.agents), "ledger_penalty": penalties}
