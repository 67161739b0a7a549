"""Re-verification after the effective rule changed: set-based, then rollups and columnar copy."""

import datetime as dt
import logging

import polars as pl
from django.db import connection, transaction

from ..models import DevelopmentRecord
from ..rollups import rebuild_rollups
from .columnar import month_key
from .db import fetch_frame, lock_facts
from .effective import current_rules, effective_sql
from .rebuild import rebuild_month

logger = logging.getLogger(__name__)
FACTS = DevelopmentRecord._meta.db_table


def recompute_since(since: dt.date) -> list[str]:
    """Updates `is_effective` of the records sold on or after `since` whose value changes; returns
    the months whose columnar copy was rewritten."""
    expr, params = effective_sql(current_rules(), sold_on="sold_on", activated="activated_on", paid="paid_on",
                                 ended="ended_on")
    with transaction.atomic(), connection.cursor() as cursor:
        lock_facts(cursor)
        days = fetch_frame(
            cursor, f"SELECT DISTINCT sold_on FROM {FACTS} WHERE sold_on >= %s AND is_effective <> {expr}",  # noqa: S608
            [since, *params], {"sold_on": pl.Date},
        )["sold_on"].to_list()
        cursor.execute(
            f"UPDATE {FACTS} SET is_effective = {expr} WHERE sold_on >= %s AND is_effective <> {expr}",  # noqa: S608
            [*params, since, *params],
        )
        rebuild_rollups(days)
    months = sorted({month_key(day) for day in days})
    for month in months:
        rebuild_month(month)
    return months
