from .runs import SettlementRun, Statement, StatementItem
from .schemes import Scheme, SchemeVersion

__all__ = ["Scheme", "SchemeVersion", "SettlementRun", "Statement", "StatementItem"]
