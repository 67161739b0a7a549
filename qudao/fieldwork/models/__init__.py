from .callbacks import Callback, CallbackPolicy, CallbackRun, CallbackStratum
from .contacts import Problem, Visit
from .diary import DiaryEntry
from .meetings import ChannelMeeting, MeetingMeasure
from .scorecards import Scorecard, ScorecardAdjustment
from .tasks import TaskPhoto, WorkTask
from .training import AssistDay, TrainingAttendance, TrainingMaterial, TrainingSession

__all__ = [
    "AssistDay", "Callback", "CallbackPolicy", "CallbackRun", "CallbackStratum", "ChannelMeeting", "DiaryEntry",
    "MeetingMeasure", "Problem", "Scorecard", "ScorecardAdjustment", "TaskPhoto", "TrainingAttendance",
    "TrainingMaterial", "TrainingSession", "Visit", "WorkTask",
]
