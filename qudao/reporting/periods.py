"""Dashboard periods: a kind and a day give the period's bounds, its comparisons and its days."""

import calendar
import datetime as dt
from dataclasses import dataclass

from qudao.targets.selectors import period_bounds

from .choices import PeriodKind


def shift_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` months earlier/later, clamped to the month's end (31 Mar - 1 → 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Period:
    kind: str
    first: dt.date
    last: dt.date
    as_of: dt.date

    @classmethod
    def containing(cls, kind: str, as_of: dt.date) -> "Period":
        if kind == PeriodKind.DAY:
            first = last = as_of
        elif kind == PeriodKind.WEEK:
            first = as_of - dt.timedelta(days=as_of.weekday())
            last = first + dt.timedelta(days=6)
        else:
            first, last = period_bounds(kind, as_of)
        return cls(kind, first, last, as_of)

    @property
    def until(self) -> dt.date:
        """The last day with actuals so far: the period's end, or `as_of` if the period is running."""
        return min(self.as_of, self.last)

    @property
    def days(self) -> list[dt.date]:
        return [self.first + dt.timedelta(days=i) for i in range((self.last - self.first).days + 1)]

    def shifted(self, months: int) -> "Period":
        """The same stretch of days `months` months earlier (same length, same elapsed part)."""
        first = shift_months(self.first, months)
        return Period(self.kind, first, first + (self.last - self.first), first + (self.until - self.first))

    def previous(self) -> "Period":
        """The period before this one, whole (last month, last quarter, yesterday, last week)."""
        day = self.first - dt.timedelta(days=1)
        period = Period.containing(self.kind, day)
        return Period(period.kind, period.first, period.last, period.last)

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.QUARTER:
            return f"{self.first.year}Q{(self.first.month - 1) // 3 + 1}"
        if self.kind == PeriodKind.MONTH:
            return f"{self.first:%Y-%m}"
        if self.kind == PeriodKind.WEEK:
            return f"{self.first:%Y-%m-%d} – {self.last:%Y-%m-%d}"
        return f"{self.first:%Y-%m-%d}"
