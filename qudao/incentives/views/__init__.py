from .runs import (
    LineDetailView,
    LineListView,
    RunDetailView,
    RunListView,
    RunProgressView,
    RunSendView,
    RunStartView,
    StatementDetailView,
    StatementListView,
)
from .schemes import (
    VersionApproveView,
    VersionCreateView,
    VersionDetailView,
    VersionEditView,
    VersionListView,
    VersionRejectView,
    VersionSubmitView,
    VersionWhatIfView,
)

__all__ = [
    "LineDetailView", "LineListView", "RunDetailView", "RunListView", "RunProgressView", "RunSendView", "RunStartView",
    "StatementDetailView", "StatementListView", "VersionApproveView", "VersionCreateView", "VersionDetailView",
    "VersionEditView", "VersionListView", "VersionRejectView", "VersionSubmitView", "VersionWhatIfView",
]
