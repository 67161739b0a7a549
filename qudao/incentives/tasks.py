"""Background work: thin tasks, ids in, one service call each, safe to run twice."""

from django.tasks import task

from . import runs


@task()
def execute_run_task(run_id: int) -> str:
    """Executes a queued settlement run (a run already taken or finished is left as it is)."""
    return runs.execute_run(run_id).status
