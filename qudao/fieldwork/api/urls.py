"""The fieldwork app's API routes; config/api_urls.py assembles them with the other apps'."""

from .views import (
    AssistDayViewSet,
    CallbackViewSet,
    DiaryViewSet,
    MeetingViewSet,
    ProblemViewSet,
    ScorecardViewSet,
    TrainingSessionViewSet,
    VisitViewSet,
    WorkTaskViewSet,
)

# (prefix, viewset, basename) for the shared router; URL names are api:<basename>-list/-detail.
routes = [
    ("callbacks", CallbackViewSet, "callback"),
    ("visits", VisitViewSet, "visit"),
    ("problems", ProblemViewSet, "problem"),
    ("work-tasks", WorkTaskViewSet, "work-task"),
    ("training-sessions", TrainingSessionViewSet, "training-session"),
    ("sales-assistance-days", AssistDayViewSet, "assist-day"),
    ("channel-meetings", MeetingViewSet, "channel-meeting"),
    ("diary-entries", DiaryViewSet, "diary-entry"),
    ("scorecards", ScorecardViewSet, "scorecard"),
]

urlpatterns = []
