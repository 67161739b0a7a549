"""Weeks and months of field work are counted in Asia/Shanghai, whatever the server's zone."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

FIELD_ZONE = ZoneInfo("Asia/Shanghai")


def local_date(moment: dt.datetime | None = None) -> dt.date:
    return timezone.localtime(moment or timezone.now(), FIELD_ZONE).date()


def week_start(day: dt.date) -> dt.date:
    """The Monday of the week (Monday–Sunday) containing `day`."""
    return day - dt.timedelta(days=day.weekday())


def week_of(moment: dt.datetime) -> dt.date:
    return week_start(local_date(moment))


def week_days(monday: dt.date) -> tuple[dt.date, dt.date]:
    return monday, monday + dt.timedelta(days=6)


def month_bounds(first: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of the calendar month starting `first`, as aware datetimes in Asia/Shanghai."""
    first = first.replace(day=1)
    following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    start = dt.datetime.combine(first, dt.time.min, tzinfo=FIELD_ZONE)
    return start, dt.datetime.combine(following, dt.time.min, tzinfo=FIELD_ZONE)


def parse_month(value: str | None, default: dt.date) -> dt.date:
    """'2025-03' → 2025-03-01; anything unparsable gives the month of `default`."""
    try:
        year, month = (int(part) for part in (value or "").split("-")[:2])
        return dt.date(year, month, 1)
    except (TypeError, ValueError):
        return default.replace(day=1)
