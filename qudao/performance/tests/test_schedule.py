import datetime as dt
import io

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from qudao.performance.choices import Job, JobStatus
from qudao.performance.models import Bulletin, JobRun
from qudao.performance.scheduling import SCHEDULE_TZ, SCHEDULES, claim, execute_job_run
from qudao.performance.tasks import run_job

pytestmark = pytest.mark.django_db


def _at(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=SCHEDULE_TZ)


def _due(text: str) -> dict[str, str | None]:
    return {schedule.job: schedule.due(_at(text)) for schedule in SCHEDULES}


def _run_schedule(now: str) -> str:
    out = io.StringIO()
    call_command("run_schedule", "--once", "--now", now, stdout=out)
    return out.getvalue()


def test_what_is_due_when():
    assert _due("2026-11-30 07:30") == {Job.LAGGARDS: "2026-11-30", Job.WEEKLY_BULLETIN: "2026-11-23"}
    assert _due("2026-11-30 07:10") == {Job.LAGGARDS: "2026-11-30", Job.WEEKLY_BULLETIN: None}
    assert _due("2026-11-30 06:59") == {Job.LAGGARDS: None, Job.WEEKLY_BULLETIN: None}
    # a scheduler that was down catches up the latest occurrence within its grace period
    assert _due("2026-12-01 08:00") == {Job.LAGGARDS: "2026-12-01", Job.WEEKLY_BULLETIN: "2026-11-23"}
    assert _due("2026-12-03 08:00")[Job.WEEKLY_BULLETIN] is None
    # the time zone is Shanghai's whatever the caller's: 23:30 UTC on Sunday is 07:30 Monday there
    utc = dt.datetime(2026, 11, 29, 23, 30, tzinfo=dt.UTC)
    assert {s.job: s.due(utc) for s in SCHEDULES}[Job.WEEKLY_BULLETIN] == "2026-11-23"


def test_each_job_runs_once_per_period(cast, immediate_tasks):
    first = _run_schedule("2026-11-30 07:30")

    runs = {run.job: run for run in JobRun.objects.all()}
    assert {job: run.period_key for job, run in runs.items()} == {Job.LAGGARDS: "2026-11-30", Job.WEEKLY_BULLETIN: "2026-11-23"}
    assert all(run.status == JobStatus.DONE and run.started_at and run.finished_at and run.task_id for run in runs.values())
    assert "enqueued" in first
    bulletin = Bulletin.objects.get()
    assert (bulletin.week_start, bulletin.status, bulletin.agents) == (dt.date(2026, 11, 23), "published", 3)
    assert runs[Job.WEEKLY_BULLETIN].result["bulletin"] == bulletin.pk

    second = _run_schedule("2026-11-30 07:31")  # the next minute, or a second scheduler

    assert second.count("already claimed") == 2
    assert JobRun.objects.count() == 2 and Bulletin.objects.count() == 1


def test_a_second_scheduler_cannot_claim_the_same_period(cast):
    assert claim(Job.LAGGARDS, "2026-11-30") is not None
    assert claim(Job.LAGGARDS, "2026-11-30") is None
    assert JobRun.objects.count() == 1


def test_a_run_executes_once_even_if_the_task_is_delivered_twice(cast, immediate_tasks):
    run = claim(Job.LAGGARDS, "2026-11-30")

    first = execute_job_run(job_run_id=run.pk)
    second = execute_job_run(job_run_id=run.pk)

    assert "flagged" in first and second == {"skipped": "already done"}


def test_a_weekend_run_is_recorded_as_skipped(cast, immediate_tasks):
    run = claim(Job.LAGGARDS, "2026-11-28")
    execute_job_run(job_run_id=run.pk)

    run.refresh_from_db()
    assert run.status == JobStatus.SKIPPED


def test_with_the_database_backend_the_worker_runs_the_queued_task(cast):
    _run_schedule("2026-11-30 07:10")

    run = JobRun.objects.get()
    assert run.status == JobStatus.QUEUED
    queued = DBTaskResult.objects.get(pk=run.task_id)
    assert queued.task_path == "qudao.performance.tasks.run_job"

    run_job.call(run.pk)  # what `manage.py db_worker` does with it

    run.refresh_from_db()
    assert run.status == JobStatus.DONE


def test_a_failing_job_is_recorded(cast, immediate_tasks):
    run = JobRun.objects.create(job=Job.WEEKLY_BULLETIN, period_key="2026-11-24")  # not a Monday

    result = run_job.enqueue(run.pk)

    run.refresh_from_db()
    assert result.status == "FAILED"
    assert run.status == JobStatus.FAILED and "BusinessRuleError" in run.error
