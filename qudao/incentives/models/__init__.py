from .runs import SettlementLine, SettlementRun, Statement
from .schemes import Scheme, SchemeVersion

__all__ = ["Scheme", "SchemeVersion", "SettlementLine", "SettlementRun", "Statement"]
