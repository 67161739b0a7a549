from .facts import DevelopmentRecord, RecordRevision, RecordStatusChange
from .imports import ImportBatch
from .products import Product
from .rollups import DailyRollup
from .rules import EffectiveRule

__all__ = [
    "DailyRollup", "DevelopmentRecord", "EffectiveRule", "ImportBatch", "Product", "RecordRevision",
    "RecordStatusChange",
]
