from .callbacks import (
    CallbackDetailView,
    CallbackListView,
    CallbackRecordView,
    CallbackWorkbenchView,
    CoverageView,
)
from .contacts import (
    ProblemAgeingView,
    ProblemCloseView,
    ProblemCreateView,
    ProblemDetailView,
    ProblemEscalateView,
    ProblemListView,
    VisitCreateView,
    VisitDetailView,
    VisitFollowUpDoneView,
    VisitListView,
)
from .diary import DiaryDetailView, DiaryListView, DiarySummaryView, DiaryWriteView
from .meetings import (
    MeasureAddView,
    MeetingCreateTasksView,
    MeetingCreateView,
    MeetingDetailView,
    MeetingListView,
    MeetingPackView,
)
from .scorecards import (
    ScorecardAdjustView,
    ScorecardComputeView,
    ScorecardDetailView,
    ScorecardListView,
)
from .tasks import TaskCompleteView, TaskCreateView, TaskDetailView, TaskListView, TaskPhotoView
from .training import (
    AssistDayCreateView,
    AssistDayDetailView,
    AssistDayListView,
    AttendanceAddView,
    MaterialDownloadView,
    MaterialUploadView,
    TrainingCreateView,
    TrainingDetailView,
    TrainingListView,
)

__all__ = [
    "AssistDayCreateView", "AssistDayDetailView", "AssistDayListView", "AttendanceAddView", "CallbackDetailView",
    "CallbackListView", "CallbackRecordView", "CallbackWorkbenchView", "CoverageView", "DiaryDetailView",
    "DiaryListView", "DiarySummaryView", "DiaryWriteView", "MaterialDownloadView", "MaterialUploadView",
    "MeasureAddView", "MeetingCreateTasksView", "MeetingCreateView", "MeetingDetailView", "MeetingListView",
    "MeetingPackView", "ProblemAgeingView", "ProblemCloseView", "ProblemCreateView", "ProblemDetailView",
    "ProblemEscalateView", "ProblemListView", "ScorecardAdjustView", "ScorecardComputeView", "ScorecardDetailView",
    "ScorecardListView", "TaskCompleteView", "TaskCreateView", "TaskDetailView", "TaskListView", "TaskPhotoView",
    "TrainingCreateView", "TrainingDetailView", "TrainingListView", "VisitCreateView", "VisitDetailView",
    "VisitFollowUpDoneView", "VisitListView",
]
