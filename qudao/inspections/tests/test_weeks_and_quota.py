"""The weekly quota counts outlets per Monday–Sunday week in Asia/Shanghai, whatever the server zone."""

import datetime as dt

import pytest

from qudao.inspections.models import InspectionPolicy
from qudao.inspections.selectors import week_progress
from qudao.inspections.weeks import month_bounds, parse_month, week_of

from .conftest import check_in, finish, shanghai

pytestmark = pytest.mark.django_db

SUNDAY_LATE = shanghai(2025, 3, 9, 23, 30)  # Sunday
MONDAY_EARLY = shanghai(2025, 3, 10, 0, 10)  # the next Monday


def test_sunday_night_and_monday_morning_are_different_weeks():
    assert week_of(SUNDAY_LATE) == dt.date(2025, 3, 3)
    assert week_of(MONDAY_EARLY) == dt.date(2025, 3, 10)
    # the same instants in UTC (Sunday 15:30 and 16:10) still fall in the Shanghai weeks
    assert week_of(SUNDAY_LATE.astimezone(dt.UTC)) == dt.date(2025, 3, 3)
    assert week_of(MONDAY_EARLY.astimezone(dt.UTC)) == dt.date(2025, 3, 10)


def test_quota_progress_at_the_week_boundary(field):
    manager = field.manager_a
    finish(check_in(manager, field.outlets["OA1"], at=SUNDAY_LATE), minutes=12)
    finish(check_in(manager, field.outlets["OA2"], at=MONDAY_EARLY), minutes=12)

    assert week_progress(manager, dt.date(2025, 3, 3)) == (1, 3)
    assert week_progress(manager, dt.date(2025, 3, 10)) == (1, 3)


def test_quota_counts_distinct_finished_outlets_and_is_configurable(field):
    manager, monday = field.manager_a, dt.date(2025, 3, 10)
    finish(check_in(manager, field.outlets["OA1"], at=shanghai(2025, 3, 11, 9)))
    finish(check_in(manager, field.outlets["OA1"], at=shanghai(2025, 3, 12, 9)))  # same outlet again
    check_in(manager, field.outlets["OA2"], at=shanghai(2025, 3, 13, 9))  # never finished
    assert week_progress(manager, monday) == (1, 3)

    InspectionPolicy.objects.filter(pk=1).update(weekly_quota=5)
    assert week_progress(manager, monday) == (1, 5)


def test_month_bounds_are_shanghai_midnights():
    start, end = month_bounds(dt.date(2025, 12, 1))
    assert start == shanghai(2025, 12, 1) and end == shanghai(2026, 1, 1)
    assert parse_month("2025-02", dt.date(2025, 7, 4)) == dt.date(2025, 2, 1)
    assert parse_month("nonsense", dt.date(2025, 7, 4)) == dt.date(2025, 7, 1)
