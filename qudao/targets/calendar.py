"""Working-day calendar: Monday–Friday work, weekends off, except the CalendarException rows
(holidays on weekdays, make-up working days 调休 on weekends)."""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from .models import CalendarException

PRORATED_QUANTUM = Decimal("0.01")


def _exceptions(first: date, last: date) -> dict[date, bool]:
    return dict(
        CalendarException.objects.filter(date__range=(first, last)).values_list("date", "is_workday")
    )


def _count_weekdays(first: date, last: date) -> int:
    """Monday–Friday days in [first, last], computed without walking every day."""
    if last < first:
        return 0
    days = (last - first).days + 1
    full_weeks, rest = divmod(days, 7)
    count = full_weeks * 5
    start_weekday = first.weekday()
    count += sum(1 for offset in range(rest) if (start_weekday + offset) % 7 < 5)
    return count


def _working_days(first: date, last: date, exceptions: dict[date, bool]) -> int:
    if last < first:
        return 0
    count = _count_weekdays(first, last)
    for day, is_workday in exceptions.items():
        if not first <= day <= last:
            continue
        weekday = day.weekday() < 5
        if weekday and not is_workday:
            count -= 1
        elif not weekday and is_workday:
            count += 1
    return count


def working_days(first: date, last: date) -> int:
    """Working days from `first` to `last`, both included (0 when last < first)."""
    if last < first:
        return 0
    return _working_days(first, last, _exceptions(first, last))


def is_working_day(day: date) -> bool:
    return working_days(day, day) == 1


def prorated(value: int, period_first: date, period_last: date, as_of: date) -> Decimal:
    """Where a target of `value` for the period should stand on `as_of` (included):
    value × working days elapsed ÷ working days in the period, to two decimals (half up).

    Before the period: 0; on or after its last day: the whole value. A period without any
    working day falls back to calendar days.
    """
    total_value = Decimal(value)
    if as_of < period_first:
        return Decimal(0).quantize(PRORATED_QUANTUM)
    if as_of >= period_last:
        return total_value.quantize(PRORATED_QUANTUM)
    exceptions = _exceptions(period_first, period_last)
    total = _working_days(period_first, period_last, exceptions)
    elapsed = _working_days(period_first, as_of, exceptions)
    if total == 0:
        total = (period_last - period_first).days + 1
        elapsed = (as_of - period_first).days + 1
    return (total_value * elapsed / total).quantize(PRORATED_QUANTUM, rounding=ROUND_HALF_UP)


def month_overview(year: int | None = None) -> tuple[int, list[dict]]:
    """Working days of each month of `year` (default: this year), from one query."""
    from django.utils import timezone

    year = year or timezone.localdate().year
    first, last = date(year, 1, 1), date(year, 12, 31)
    exceptions = _exceptions(first, last)
    months = []
    for month in range(1, 13):
        month_first = date(year, month, 1)
        month_last = (date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)) - timedelta(days=1)
        months.append({
            "month": month_first, "working_days": _working_days(month_first, month_last, exceptions),
            "days": month_last.day,
        })
    return year, months
