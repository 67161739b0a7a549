"""Periods (month, quarter) as (first day, last day) pairs."""

import calendar as _stdcal
from datetime import date, timedelta

from .choices import PeriodKind


def period_bounds(period_kind: str, any_day: date) -> tuple[date, date]:
    """The first and last day of the month or quarter containing `any_day`."""
    if period_kind == PeriodKind.MONTH:
        first = any_day.replace(day=1)
        last = any_day.replace(day=_stdcal.monthrange(any_day.year, any_day.month)[1])
        return first, last
    if period_kind == PeriodKind.QUARTER:
        first_month = (any_day.month - 1) // 3 * 3 + 1
        first = date(any_day.year, first_month, 1)
        last_month = first_month + 2
        return first, date(any_day.year, last_month, _stdcal.monthrange(any_day.year, last_month)[1])
    raise ValueError(f"unknown period kind {period_kind!r}")


def previous_months(first: date, count: int) -> tuple[date, date]:
    """The `count` whole months before the month starting at `first`: (first day, last day)."""
    last = first - timedelta(days=1)
    start = last.replace(day=1)
    for _ in range(count - 1):
        start = (start - timedelta(days=1)).replace(day=1)
    return start, last


def period_label(period_kind: str, period_start: date) -> str:
    if period_kind == PeriodKind.QUARTER:
        return f"{period_start.year}Q{(period_start.month - 1) // 3 + 1}"
    return f"{period_start:%Y-%m}"
