"""The scheduler without extra dependencies: `manage.py run_schedule` asks `enqueue_due(now)`
every minute which jobs are due, claims each (job, period) by inserting its JobRun — the unique
constraint lets exactly one scheduler win — and enqueues the task that runs it.

Jobs (Asia/Shanghai): laggard detection every day at 07:00 (period: that day); the weekly
bulletin on Mondays at 07:30 (period: the Monday of the week before). A scheduler that was
down catches up the latest occurrence if it is at most `grace` old.
"""

import datetime as dt
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone

from .choices import Job, JobStatus
from .models import JobRun

SCHEDULE_TZ = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class Schedule:
    job: str
    at: dt.time
    weekday: int | None  # 0 = Monday; None = every day
    grace: dt.timedelta
    period_offset: dt.timedelta = dt.timedelta(0)  # period key = the occurrence's date + offset

    def latest_occurrence(self, now: dt.datetime) -> dt.datetime:
        """The latest scheduled instant at or before `now` (in the schedule's time zone)."""
        local = now.astimezone(SCHEDULE_TZ)
        candidate = dt.datetime.combine(local.date(), self.at, tzinfo=SCHEDULE_TZ)
        step = dt.timedelta(days=1)
        while candidate > local or (self.weekday is not None and candidate.weekday() != self.weekday):
            candidate -= step
        return candidate

    def due(self, now: dt.datetime) -> str | None:
        """The period key due at `now`, or None when the latest occurrence is too old."""
        occurrence = self.latest_occurrence(now)
        if now - occurrence > self.grace:
            return None
        return (occurrence.date() + self.period_offset).isoformat()


SCHEDULES = (
    Schedule(Job.LAGGARDS, dt.time(7, 0), None, grace=dt.timedelta(hours=12)),
    Schedule(Job.WEEKLY_BULLETIN, dt.time(7, 30), 0, grace=dt.timedelta(days=2), period_offset=dt.timedelta(days=-7)),
)


def claim(job: str, period_key: str) -> JobRun | None:
    """The new JobRun, or None when this period was already claimed (by anyone, ever)."""
    try:
        with transaction.atomic():
            return JobRun.objects.create(job=job, period_key=period_key)
    except IntegrityError:
        return None


def enqueue_due(now: dt.datetime) -> list[tuple[str, str, JobRun | None]]:
    """[(job, period key, the new run or None if already claimed)] for the jobs due at `now`."""
    from .tasks import run_job

    outcome = []
    for schedule in SCHEDULES:
        period_key = schedule.due(now)
        if period_key is None:
            continue
        run = claim(schedule.job, period_key)
        if run is not None:
            result = run_job.enqueue(run.pk)
            JobRun.objects.filter(pk=run.pk).update(task_id=str(result.id)[:64])
            run.refresh_from_db()
        outcome.append((schedule.job, period_key, run))
    return outcome


def _job_functions() -> dict[str, Callable[[str], dict]]:
    from . import services

    return {
        Job.LAGGARDS: lambda key: services.detect_laggards(day=dt.date.fromisoformat(key)),
        Job.WEEKLY_BULLETIN: lambda key: services.run_weekly_bulletin(week_start=dt.date.fromisoformat(key)),
    }


def execute_job_run(*, job_run_id: int) -> dict:
    """Runs a claimed job once: only a queued run starts; a second call is a no-op."""
    with transaction.atomic():
        run = JobRun.objects.select_for_update().get(pk=job_run_id)
        if run.status != JobStatus.QUEUED:
            return {"skipped": f"already {run.status}"}
        run.status, run.started_at = JobStatus.RUNNING, timezone.now()
        run.save(update_fields=["status", "started_at"])
    try:
        result = _job_functions()[run.job](run.period_key)
    except Exception:
        run.status, run.error, run.finished_at = JobStatus.FAILED, traceback.format_exc(), timezone.now()
        run.save(update_fields=["status", "error", "finished_at"])
        raise
    run.status = JobStatus.SKIPPED if result.get("skipped") else JobStatus.DONE
    run.result, run.finished_at = result, timezone.now()
    run.save(update_fields=["status", "result", "finished_at"])
    return result
