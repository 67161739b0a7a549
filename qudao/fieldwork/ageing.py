"""Ageing of open problems: how long they have been open, in buckets of under 7, 7–30 and over 30 days."""

import datetime as dt

from django.db.models import Count, Q

from .choices import OPEN_PROBLEM, AgeBucket


def bucket_q(bucket: str, today: dt.date) -> Q:
    """Open problems whose age (today − raised on, in days) falls in `bucket`."""
    week_ago, month_ago = today - dt.timedelta(days=7), today - dt.timedelta(days=30)
    ages = {
        AgeBucket.UNDER_7: Q(raised_on__gt=week_ago),
        AgeBucket.FROM_7_TO_30: Q(raised_on__lte=week_ago, raised_on__gte=month_ago),
        AgeBucket.OVER_30: Q(raised_on__lt=month_ago),
    }
    return Q(status__in=OPEN_PROBLEM) & ages[AgeBucket(bucket)]


def _counts(today: dt.date) -> dict:
    return {bucket.value: Count("pk", filter=bucket_q(bucket, today)) for bucket in AgeBucket}


def ageing_totals(problems, today: dt.date) -> dict[str, int]:
    """{bucket: open problems} in one query."""
    return problems.order_by().aggregate(**_counts(today))


def ageing_by(problems, field: str, today: dt.date) -> list[dict]:
    """One row per value of `field` (e.g. node__name, agent__name) with its open problems per bucket."""
    rows = (problems.filter(status__in=OPEN_PROBLEM).order_by().values(field).annotate(**_counts(today))
            .order_by(field))
    return [{"label": row[field], **{b.value: row[b.value] for b in AgeBucket}} for row in rows]
