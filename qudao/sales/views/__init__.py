from .imports import (
    ImportBatchDetailView,
    ImportBatchErrorsView,
    ImportBatchListView,
    ImportBatchProgressView,
    ImportUploadView,
)
from .products import (
    ProductCreateView,
    ProductDetailView,
    ProductEditView,
    ProductImportView,
    ProductListView,
)
from .records import RecordDetailView, RecordListView
from .rules import (
    EffectiveRuleCreateView,
    EffectiveRuleDetailView,
    EffectiveRuleEditView,
    EffectiveRuleListView,
)

__all__ = [
    "EffectiveRuleCreateView", "EffectiveRuleDetailView", "EffectiveRuleEditView", "EffectiveRuleListView",
    "ImportBatchDetailView", "ImportBatchErrorsView", "ImportBatchListView", "ImportBatchProgressView",
    "ImportUploadView", "ProductCreateView", "ProductDetailView", "ProductEditView", "ProductImportView",
    "ProductListView", "RecordDetailView", "RecordListView",
]
