"""Targets for any dashboard period, read through `qudao.targets` (month and quarter targets).

A day or a week gets the share of its month's target that its working days carry; a quarter
uses the quarter target where one is set and the sum of its month targets otherwise. The
pro-rated target ("where should we be today") is the share of working days elapsed up to
`as_of`, exactly as `qudao.targets.calendar.prorated` computes it, but with the calendar read
once per period instead of once per node.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from qudao.targets.calendar import working_days
from qudao.targets.selectors import period_bounds, target_values

from .choices import PeriodKind
from .periods import Period

CENTS = Decimal("0.01")
MONTH, QUARTER = "month", "quarter"


@dataclass(frozen=True)
class Share:
    """Which part of a target period's value falls in the span, and in the span up to as_of."""

    full: Fraction
    to_date: Fraction


def _share(target_first: dt.date, target_last: dt.date, span_first: dt.date, span_last: dt.date, as_of: dt.date) -> Share:
    total = working_days(target_first, target_last)
    count = working_days
    if total == 0:  # no working day at all: calendar days, as prorated() does
        total = (target_last - target_first).days + 1

        def count(a, b):
            return max(0, (b - a).days + 1)
    first, last = max(span_first, target_first), min(span_last, target_last)
    full = Fraction(count(first, last), total) if first <= last else Fraction(0)
    until = min(last, as_of)
    to_date = Fraction(count(first, until), total) if first <= until else Fraction(0)
    return Share(full, to_date)


def _months(first: dt.date, last: dt.date) -> list[tuple[dt.date, dt.date]]:
    months, day = [], first
    while day <= last:
        bounds = period_bounds(MONTH, day)
        months.append(bounds)
        day = bounds[1] + dt.timedelta(days=1)
    return months


def _apply(value: int, fraction: Fraction) -> Decimal:
    return (Decimal(value) * fraction.numerator / fraction.denominator).quantize(CENTS, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class TargetPair:
    full: Decimal
    to_date: Decimal


def period_targets(
    period: Period, metric: str, *, category: str = "", node_ids=None, outlet_ids=None, shares: dict | None = None,
) -> dict[int, TargetPair]:
    """{id: (target for the period, pro-rated target at as_of)} for the ids that have a target.

    `shares` is an optional dict kept by the caller across calls for the same period, so the
    working-day calendar is read once per target period rather than once per call."""
    shares = {} if shares is None else shares

    def share(first, last):
        key = (first, last, period.first, period.last, period.as_of)
        if key not in shares:
            shares[key] = _share(first, last, period.first, period.last, period.as_of)
        return shares[key]

    key = {"node_ids": list(node_ids)} if node_ids is not None else {"outlet_ids": list(outlet_ids or [])}
    if not next(iter(key.values())):
        return {}
    result: dict[int, list[Decimal]] = {}

    def add(values: dict[int, int], share: Share, only=None):
        for pk, value in values.items():
            if only is not None and pk not in only:
                continue
            pair = result.setdefault(pk, [Decimal(0), Decimal(0)])
            pair[0] += _apply(value, share.full)
            pair[1] += _apply(value, share.to_date)

    if period.kind == PeriodKind.QUARTER:
        q_first, q_last = period_bounds(QUARTER, period.first)
        quarter = target_values(period_kind=QUARTER, period_start=q_first, metric=metric, category=category, **key)
        add(quarter, share(q_first, q_last))
        missing = set(next(iter(key.values()))) - set(quarter)
    else:
        missing = None
    for m_first, m_last in _months(period.first, period.last):
        if missing is not None and not missing:
            break
        values = target_values(period_kind=MONTH, period_start=m_first, metric=metric, category=category, **key)
        if values:
            add(values, share(m_first, m_last), only=missing)
    return {pk: TargetPair(full.quantize(CENTS), to_date.quantize(CENTS)) for pk, (full, to_date) in result.items()}


def total_target(targets: dict[int, TargetPair]) -> TargetPair | None:
    if not targets:
        return None
    return TargetPair(sum((t.full for t in targets.values()), Decimal(0)), sum((t.to_date for t in targets.values()), Decimal(0)))
