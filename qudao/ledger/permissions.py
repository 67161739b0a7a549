"""Who may do what in the ledger (reading is the scoping functions' job)."""

from .services import can_decide_penalty, can_propose_penalty

__all__ = ["can_decide_penalty", "can_propose_penalty"]
