"""Background tasks (django.tasks; the database backend's worker is `manage.py db_worker`).

Thin and idempotent: an id in, one service call. `scheduling.execute_job_run` runs a claimed
JobRun at most once, so a task delivered twice does nothing the second time.
"""

from django.tasks import task

from .scheduling import execute_job_run


@task
def run_job(job_run_id: int) -> dict:
    return execute_job_run(job_run_id=job_run_id)
