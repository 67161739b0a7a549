"""Working days and pro-rating: weekends off, holidays and make-up working days (调休) from the calendar."""

import datetime as dt
from decimal import Decimal

import pytest

from qudao.targets.calendar import month_overview, prorated, working_days
from qudao.targets.models import CalendarException
from qudao.targets.selectors import period_bounds

D = dt.date


def test_period_bounds():
    assert period_bounds("month", D(2024, 2, 17)) == (D(2024, 2, 1), D(2024, 2, 29))
    assert period_bounds("quarter", D(2026, 11, 5)) == (D(2026, 10, 1), D(2026, 12, 31))
    assert period_bounds("quarter", D(2026, 1, 1)) == (D(2026, 1, 1), D(2026, 3, 31))
    with pytest.raises(ValueError):
        period_bounds("year", D(2026, 1, 1))


@pytest.mark.django_db
def test_weekends_are_off_by_default():
    assert working_days(D(2026, 11, 1), D(2026, 11, 30)) == 21  # Nov 2026 starts on a Sunday
    assert working_days(D(2026, 11, 7), D(2026, 11, 8)) == 0  # a weekend
    assert working_days(D(2026, 11, 9), D(2026, 11, 9)) == 1
    assert working_days(D(2026, 11, 10), D(2026, 11, 9)) == 0


@pytest.fixture
def national_day_2026(db):
    """National Day 2026 as in a holiday notice: Oct 1–7 off, Saturday Oct 10 is a make-up working day."""
    for day in range(1, 8):
        CalendarException.objects.create(date=D(2026, 10, day), is_workday=False, name="国庆节")
    CalendarException.objects.create(date=D(2026, 10, 10), is_workday=True, name="国庆节调休")


def test_holidays_and_make_up_days_count(national_day_2026):
    # October 2026: 22 weekdays; Oct 1, 2, 5, 6, 7 are weekday holidays (3, 4 are a weekend); +1 make-up Saturday.
    assert working_days(D(2026, 10, 1), D(2026, 10, 31)) == 22 - 5 + 1
    assert working_days(D(2026, 10, 1), D(2026, 10, 7)) == 0
    assert working_days(D(2026, 10, 10), D(2026, 10, 10)) == 1


def test_prorated_month_with_holiday_and_make_up_day(national_day_2026):
    first, last = D(2026, 10, 1), D(2026, 10, 31)
    # Up to Sat Oct 10: working days are Oct 8, 9 (Thu, Fri) and the make-up Saturday → 3 of 18.
    assert prorated(1800, first, last, D(2026, 10, 10)) == Decimal("300.00")
    # During the holiday nothing is due yet.
    assert prorated(1800, first, last, D(2026, 10, 5)) == Decimal("0.00")
    # 1000 × 3 / 18 = 166.666… → 166.67 (half up)
    assert prorated(1000, first, last, D(2026, 10, 10)) == Decimal("166.67")
    assert prorated(1000, first, last, D(2026, 9, 30)) == Decimal("0.00")
    assert prorated(1000, first, last, D(2026, 11, 15)) == Decimal("1000.00")
    assert prorated(1000, first, last, last) == Decimal("1000.00")


def test_prorated_quarter(national_day_2026):
    first, last = period_bounds("quarter", D(2026, 11, 1))
    # Q4 2026: Oct 18 + Nov 21 + Dec 23 = 62 working days; by Nov 30: 18 + 21 = 39.
    assert working_days(first, last) == 62
    assert prorated(6200, first, last, D(2026, 11, 30)) == Decimal("3900.00")
    assert prorated(1_000_000, first, last, D(2026, 10, 9)) == Decimal("32258.06")  # 2 of 62


def test_prorated_returns_decimal_never_float(national_day_2026):
    result = prorated(7, D(2026, 10, 1), D(2026, 10, 31), D(2026, 10, 12))
    assert isinstance(result, Decimal)


@pytest.mark.django_db
def test_period_without_working_days_falls_back_to_calendar_days():
    for day in range(1, 3):
        CalendarException.objects.create(date=D(2026, 11, 1 + day), is_workday=False)
    # Mon 2 and Tue 3 Nov off, Sun 1 Nov off: no working day in Nov 1–3.
    assert prorated(300, D(2026, 11, 1), D(2026, 11, 3), D(2026, 11, 1)) == Decimal("100.00")


def test_month_overview(national_day_2026):
    year, months = month_overview(2026)
    assert year == 2026 and len(months) == 12
    assert months[9]["working_days"] == 18 and months[10]["working_days"] == 21
