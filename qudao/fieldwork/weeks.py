"""Days, weeks and months of field work, in Asia/Shanghai (shared with qudao.inspections.weeks)."""

import datetime as dt

from qudao.inspections.weeks import FIELD_ZONE, local_date, parse_month, week_start
from qudao.targets.periods import period_bounds

__all__ = ["FIELD_ZONE", "day_bounds", "local_date", "month_days", "parse_month", "period_days", "week_start"]


def month_days(any_day: dt.date) -> tuple[dt.date, dt.date]:
    return period_bounds("month", any_day)


def period_days(kind: str, any_day: dt.date) -> tuple[dt.date, dt.date]:
    """[first, last] of the day, the week (Monday–Sunday) or the month containing `any_day`."""
    if kind == "week":
        monday = week_start(any_day)
        return monday, monday + dt.timedelta(days=6)
    if kind == "month":
        return month_days(any_day)
    return any_day, any_day


def day_bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of the days first..last as aware datetimes in Asia/Shanghai."""
    start = dt.datetime.combine(first, dt.time.min, tzinfo=FIELD_ZONE)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=FIELD_ZONE)
    return start, end
