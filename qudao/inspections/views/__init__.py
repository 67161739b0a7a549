from .inspections import (
    InspectionChecklistView,
    InspectionDetailView,
    InspectionListView,
    InspectionPhotoView,
    InspectionStartView,
)
from .plans import (
    ChecklistTemplateDetailView,
    ChecklistTemplateListView,
    MyWeekView,
    WeekPlanDetailView,
    WeekPlanListView,
)
from .rectifications import (
    RectificationCreateView,
    RectificationDetailView,
    RectificationListView,
    RectificationPhotoView,
    RectificationRecheckView,
)
from .reports import MonthlyReportView
from .violations import (
    ViolationCloseView,
    ViolationCreateView,
    ViolationDetailView,
    ViolationEscalateView,
    ViolationEvidenceView,
    ViolationListView,
    ViolationPenaltyView,
    ViolationPhotoView,
)

__all__ = [
    "ChecklistTemplateDetailView", "ChecklistTemplateListView", "InspectionChecklistView", "InspectionDetailView",
    "InspectionListView", "InspectionPhotoView", "InspectionStartView", "MonthlyReportView", "MyWeekView",
    "RectificationCreateView", "RectificationDetailView", "RectificationListView", "RectificationPhotoView",
    "RectificationRecheckView", "ViolationCloseView", "ViolationCreateView", "ViolationDetailView",
    "ViolationEscalateView", "ViolationEvidenceView", "ViolationListView", "ViolationPenaltyView",
    "ViolationPhotoView", "WeekPlanDetailView", "WeekPlanListView",
]
