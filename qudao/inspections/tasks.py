"""Background jobs of field work (django.tasks): thin, idempotent, one service call each."""

from django.tasks import task

from .services import escalate_overdue_rectifications


@task()
def escalate_overdue_rectifications_task() -> int:
    """Run daily: flags overdue rectifications and notifies supervisors; a second run does nothing."""
    return escalate_overdue_rectifications()
