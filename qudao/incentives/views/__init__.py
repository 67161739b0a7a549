from .runs import (
    LineDetailView,
    RunDetailView,
    RunLineListView,
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
    "LineDetailView", "RunDetailView", "RunLineListView", "RunListView", "RunProgressView", "RunSendView", "RunStartView",
    "StatementDetailView", "StatementListView", "VersionApproveView", "VersionCreateView", "VersionDetailView",
    "VersionEditView", "VersionListView", "VersionRejectView", "VersionSubmitView", "VersionWhatIfView",
]
