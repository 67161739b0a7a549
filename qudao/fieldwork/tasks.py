"""Background jobs of the fieldwork app (django.tasks): thin, idempotent, one service call each."""

import datetime as dt

from django.tasks import task

from .services import compute_scorecards, escalate_overdue_tasks, sample_callbacks
from .weeks import local_date


@task()
def sample_callbacks_task(day: str | None = None) -> dict:
    """Run each morning: draws yesterday's callback sample (or `day`'s); a second run draws nothing."""
    sampled_day = dt.date.fromisoformat(day) if day else local_date() - dt.timedelta(days=1)
    run, created = sample_callbacks(day=sampled_day)
    return {"day": run.day.isoformat(), "created": created, "population": run.population, "sampled": run.sampled}


@task()
def escalate_overdue_tasks_task() -> int:
    """Run daily: open tasks past their due date go to the assignee's superior, each once."""
    return escalate_overdue_tasks()


@task()
def compute_scorecards_task(month: str | None = None) -> int:
    """Run daily (figures of the running month) and after month end (the closed month)."""
    first = dt.date.fromisoformat(month) if month else local_date().replace(day=1)
    return compute_scorecards(month=first)
