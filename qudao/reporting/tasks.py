"""Background refresh of the reporting aggregates (thin: days in, one call, idempotent)."""

import datetime as dt

from django.tasks import task

from .aggregates import refresh_reporting_aggregates


@task
def refresh_reporting_task(days: list[str]) -> dict:
    """`days` as ISO dates (task arguments must be JSON)."""
    return refresh_reporting_aggregates(dt.date.fromisoformat(day) for day in days)
