"""Background work: thin tasks, ids in, one service call each, safe to run twice."""

import datetime as dt

from django.tasks import task

from . import services


@task()
def process_import_batch(batch_id: int) -> str:
    """Imports one uploaded batch (a finished batch is left as it is)."""
    return services.import_batch_run(batch_id=batch_id).status


@task()
def recompute_effective_task(since: str) -> int:
    """Re-verifies the records sold on or after `since` (YYYY-MM-DD) after a rule change."""
    return len(services.recompute_effective(since=dt.date.fromisoformat(since)))
