from .entries import LedgerEntry, LedgerImmutableError
from .penalties import Penalty

__all__ = ["LedgerEntry", "LedgerImmutableError", "Penalty"]
