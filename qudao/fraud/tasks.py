"""Background work: thin tasks, ids in, one service call each, safe to run twice."""

from django.tasks import task

from . import services


@task()
def screen_period_task(run_id: int) -> str:
    """Runs one queued screening (a finished run is left as it is)."""
    return services.run_screening(run_id=run_id).status
