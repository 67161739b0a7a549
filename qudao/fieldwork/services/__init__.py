"""Business verbs of the fieldwork app: keyword-only, atomic, checked (role and reach); status
moves go through qudao.core.events.transition."""

from .callbacks import callback_record
from .contacts import (
    problem_close,
    problem_escalate,
    problem_raise,
    visit_follow_up_done,
    visit_record,
)
from .diary import diary_draft, diary_save, diary_summary
from .meetings import measure_add, meeting_create_tasks, meeting_record
from .sampling import sample_callbacks
from .scorecards import compute_scorecard, compute_scorecards, scorecard_adjust
from .training import assist_day_record, attendance_record, material_add, training_record
from .worktasks import escalate_overdue_tasks, task_assign, task_complete

__all__ = [
    "assist_day_record", "attendance_record", "callback_record", "compute_scorecard", "compute_scorecards",
    "diary_draft", "diary_save", "diary_summary", "escalate_overdue_tasks", "material_add", "measure_add",
    "meeting_create_tasks", "meeting_record", "problem_close", "problem_escalate", "problem_raise",
    "sample_callbacks", "scorecard_adjust", "task_assign", "task_complete", "training_record",
    "visit_follow_up_done", "visit_record",
]
